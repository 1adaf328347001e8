// The content pipeline: source documents and their metadata in, one SQLite content release
// out (see content/schema.sql), and the read-side helpers kioskpack needs (inspect, search,
// the release's whole text in reading order).
//
//   auto meta = load_document_metadata("content/documents/000-decision.toml");
//   ImportReport report;
//   auto document = import_document(meta.value(), source_text, report);
//   auto written = write_release(release, "content.db", options);
//
// Errors are values: a Diagnostic names the file, line and column of bad input.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ui/text/text.h"

namespace kiosk::content {

using text::Error;
using text::Nothing;
using text::Result;
using text::Status;

// [SECTION] Diagnostics and the import report

struct Diagnostic {
  std::string file;
  int line = 0;    // 1-based; 0 when the problem is the whole file
  int column = 0;  // 1-based, in characters (code points); 0 when unknown
  std::string message;
  // "file:line:column: message" (line and column left out when 0).
  [[nodiscard]] std::string to_string() const;
};

// Every change the importer makes to the text beyond joining lines and trimming line ends.
struct ReportEntry {
  enum class Kind {
    kRemoved,     // text dropped from the document (continuation markers, routing slip, ...)
    kNormalised,  // punctuation replaced (ASCII between Chinese characters -> full width)
    kMoved,       // text kept but moved out of a paragraph (e.g. responsible units -> attribute)
    kNote,        // a decision worth knowing (document marked as excerpt, title found at end)
  };
  Kind kind = Kind::kNote;
  std::string file;
  int line = 0;             // where in the source the text was
  std::string rule;         // short machine-readable name, e.g. "continuation-marker"
  std::string text;         // the text removed / replaced / moved (exactly as in the source)
  std::string replacement;  // for kNormalised
};

struct ImportReport {
  std::vector<ReportEntry> entries;
  void add(ReportEntry entry) { entries.push_back(std::move(entry)); }
  // Human-readable, one entry a line, grouped by file.
  [[nodiscard]] std::string to_text() const;
};

// [SECTION] Metadata (content/documents/*.toml)

enum class DocumentKind { kDecision, kRegulation, kImplementingOpinion, kCommunique, kReport };
const char* to_string(DocumentKind kind);  // "decision", "regulation", ...

struct ImportHints {
  bool title_at_end = false;   // the title is the last line of the source (seed 001)
  std::string body_starts_at;  // drop everything before the first line starting so
  std::vector<std::string> drop_lines_starting_with;  // e.g. a reprint note
};

struct DocumentMetadata {
  std::string metadata_file;  // path of the .toml, for diagnostics
  std::string slug;           // [a-z0-9-]+, unique
  std::string source;         // file name in the sources directory
  std::string title_zh;
  std::string title_mn;            // traditional Mongolian script
  bool title_mn_reviewed = false;  // false: a draft awaiting a translator's review
  std::string issuer;
  std::string date;    // YYYY-MM-DD
  std::string number;  // document number, e.g. 通党发〔2023〕8号; may be empty
  DocumentKind kind = DocumentKind::kDecision;
  int display_order = 0;
  ImportHints hints;
  int source_key_line = 0;  // where `source = ...` stands in the metadata file, for diagnostics
  int source_key_column = 0;
};

// Unknown keys, missing required keys and wrong types are errors with file:line:column.
Result<DocumentMetadata> load_document_metadata(const std::string& path);

struct UiString {
  std::string key;
  std::string zh;
  std::string mn;
  bool mn_reviewed = false;
};
Result<std::vector<UiString>> load_ui_strings(const std::string& path);

// A content source directory: documents/*.toml (in file-name order), the sources they name in
// sources/, ui_strings.toml and release.toml (content_version). Checks that slugs and display
// orders are unique and that every source file exists.
struct SourceDocument {
  DocumentMetadata metadata;
  std::string source_path;
  std::string source_text;
};
struct SourceTree {
  std::vector<SourceDocument> documents;
  std::vector<UiString> ui_strings;
  std::int64_t content_version = 0;
};
Result<SourceTree> load_source_tree(const std::string& directory);

// [SECTION] The document model

enum class NodeKind { kPart, kItem, kChapter, kArticle, kParagraph };
const char* to_string(NodeKind kind);  // "part", "item", "chapter", "article", "paragraph"

struct Node {
  NodeKind kind = NodeKind::kParagraph;
  std::string label;  // as displayed: "一、", "（一）", "第一章", "第一条"; empty for paragraphs
  int ordinal = 0;      // the number in the label (1 for 一), 0 for paragraphs
  std::string heading;  // parts/chapters: the title; items/articles: the first sentence
  std::string text;     // paragraphs only: the paragraph's text
  std::map<std::string, std::string> attributes;  // e.g. "responsible_units"
  int source_line = 0;                            // first source line of the node
  std::vector<Node> children;
};

struct ImportedDocument {
  DocumentMetadata metadata;
  bool excerpt = false;     // a fragment of a longer document (starts or ends mid-way)
  std::vector<Node> nodes;  // top level: paragraphs, parts, chapters
};

// Cleans and structures one source document (UTF-8 text). Bad input (invalid UTF-8, a numbered
// heading out of sequence) is a Diagnostic naming the source file, line and column.
Result<ImportedDocument> import_document(const DocumentMetadata& metadata,
                                         const std::string& source_text, ImportReport& report);

// The document's text in reading order, one line per label+heading or paragraph, the way
// `kioskpack inspect --text` prints it: title, then for each node its label and heading, its
// paragraphs, then its attributes (e.g. 责任单位：...).
std::string reading_order_text(const ImportedDocument& document);

// [SECTION] Lint: warnings a content editor can act on

struct LintWarning {
  Diagnostic where;
  std::string rule;  // e.g. "ascii-punctuation", "page-break-split"
};
std::vector<LintWarning> lint_source(const DocumentMetadata& metadata,
                                     const std::string& source_text);

// [SECTION] The release (content.db)

struct FontSource {
  std::string name;  // e.g. "NotoSansCJK-Regular"
  std::string path;  // the provided font file
  unsigned face_index = 0;
  std::vector<std::string> scripts;  // scripts the font is preferred for, e.g. {"Hani", "Latn"}
};

struct Release {
  std::vector<ImportedDocument> documents;
  std::vector<UiString> ui_strings;
  std::vector<FontSource> fonts;
};

struct ReleaseOptions {
  std::int64_t content_version = 1;  // must increase with every release
  std::int64_t built_at = 0;         // seconds since the epoch (SOURCE_DATE_EPOCH)
};

struct SubsetFont {
  std::string name;
  std::size_t source_bytes = 0;
  std::size_t subset_bytes = 0;
  std::size_t codepoints = 0;
};

struct ReleaseSummary {
  std::size_t bytes = 0;  // size of the written file
  std::vector<SubsetFont> fonts;
};

// Writes the release atomically (a temporary file beside `path`, then rename). The same inputs
// give a byte-identical file. A character that no font covers is an error naming the
// document and line.
Result<ReleaseSummary> write_release(const Release& release, const std::string& path,
                                     const ReleaseOptions& options);

// [SECTION] Reading a release (kioskpack inspect and search)

struct SearchHit {
  std::string document_slug;
  std::string document_title;
  std::string node_label;  // the label of the nearest numbered ancestor, may be empty
  std::string snippet;     // the match with some context, the match in 【】
};

// The tree of one document (or all when slug is empty), with labels, headings, paragraph counts;
// with `with_text`, the whole text in reading order.
Result<std::string> inspect_release(const std::string& path, const std::string& slug,
                                    bool with_text);
Result<std::vector<SearchHit>> search_release(const std::string& path, const std::string& query);

}  // namespace kiosk::content
