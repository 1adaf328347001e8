// Diagnostics, the import report, and the names of enums as stored in the release.
#include <map>
#include <sstream>

#include "content/pipeline/pipeline.h"

namespace kiosk::content {

std::string Diagnostic::to_string() const {
  std::ostringstream out;
  out << file;
  if (line > 0) {
    out << ":" << line;
    if (column > 0) out << ":" << column;
  }
  out << ": " << message;
  return out.str();
}

std::string ImportReport::to_text() const {
  static const std::map<ReportEntry::Kind, const char*> kKindNames = {
      {ReportEntry::Kind::kRemoved, "removed"},
      {ReportEntry::Kind::kNormalised, "normalised"},
      {ReportEntry::Kind::kMoved, "moved"},
      {ReportEntry::Kind::kNote, "note"},
      {ReportEntry::Kind::kAmbiguity, "check"}};
  std::ostringstream out;
  std::map<std::string, std::map<std::string, int>> normalised_counts;
  for (const ReportEntry& entry : entries) {
    if (entry.kind == ReportEntry::Kind::kNormalised) {
      ++normalised_counts[entry.file][entry.text + " -> " + entry.replacement];
      continue;
    }
    out << entry.file << ":" << entry.line << ": " << kKindNames.at(entry.kind) << " ["
        << entry.rule << "] " << entry.text << "\n";
  }
  for (const auto& [file, counts] : normalised_counts) {
    for (const auto& [change, count] : counts) {
      out << file << ": normalised [ascii-punctuation] " << change << " (" << count << "x)\n";
    }
  }
  return out.str();
}

const char* to_string(DocumentKind kind) {
  switch (kind) {
    case DocumentKind::kDecision:
      return "decision";
    case DocumentKind::kRegulation:
      return "regulation";
    case DocumentKind::kImplementingOpinion:
      return "implementing-opinion";
    case DocumentKind::kCommunique:
      return "communique";
    case DocumentKind::kReport:
      return "report";
    case DocumentKind::kLaw:
      return "law";
    case DocumentKind::kNotice:
      return "notice";
    case DocumentKind::kPlan:
      return "plan";
    case DocumentKind::kSpeech:
      return "speech";
  }
  return "decision";
}

const char* to_string(NodeKind kind) {
  switch (kind) {
    case NodeKind::kPart:
      return "part";
    case NodeKind::kItem:
      return "item";
    case NodeKind::kChapter:
      return "chapter";
    case NodeKind::kArticle:
      return "article";
    case NodeKind::kParagraph:
      return "paragraph";
    case NodeKind::kBook:
      return "book";
    case NodeKind::kSection:
      return "section";
    case NodeKind::kPoint:
      return "point";
    case NodeKind::kSubpoint:
      return "subpoint";
    case NodeKind::kHeading:
      return "heading";
  }
  return "paragraph";
}

const char* to_string(ParagraphRole role) {
  switch (role) {
    case ParagraphRole::kBody:
      return "body";
    case ParagraphRole::kSubtitle:
      return "subtitle";
    case ParagraphRole::kSalutation:
      return "salutation";
    case ParagraphRole::kRecipients:
      return "recipients";
    case ParagraphRole::kSignature:
      return "signature";
    case ParagraphRole::kDate:
      return "date";
    case ParagraphRole::kAttachments:
      return "attachments";
  }
  return "body";
}

}  // namespace kiosk::content
