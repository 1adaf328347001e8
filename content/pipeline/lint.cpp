// Lint: warnings a content editor can act on, each with file, line and column. Lint never
// changes anything; the importer's own normalisations are listed in the import report.
#include <algorithm>
#include <sstream>

#include "content/pipeline/pipeline.h"

namespace kiosk::content {

namespace {

struct DecodedLine {
  std::u32string chars;
  bool valid = true;
};

DecodedLine decode(const std::string& line) {
  DecodedLine out;
  for (std::size_t i = 0; i < line.size();) {
    const auto lead = static_cast<unsigned char>(line[i]);
    const std::size_t length = lead < 0x80         ? 1
                               : (lead >> 5) == 6  ? 2
                               : (lead >> 4) == 14 ? 3
                               : (lead >> 3) == 30 ? 4
                                                   : 0;
    if (length == 0 || i + length > line.size()) {
      out.valid = false;
      return out;
    }
    char32_t c = length == 1   ? lead
                 : length == 2 ? (lead & 0x1FU)
                 : length == 3 ? (lead & 0x0FU)
                               : (lead & 0x07U);
    for (std::size_t k = 1; k < length; ++k)
      c = (c << 6) | (static_cast<unsigned char>(line[i + k]) & 0x3FU);
    out.chars.push_back(c);
    i += length;
  }
  return out;
}

// "file:line:column: message" as the importer's errors are written, back into a Diagnostic.
Diagnostic parse_error(const std::string& error, const std::string& file) {
  Diagnostic out{file, 0, 0, error};
  if (error.rfind(file + ":", 0) != 0) return out;
  std::size_t at = file.size() + 1;
  auto number = [&](int& value) {
    const std::size_t begin = at;
    while (at < error.size() && error[at] >= '0' && error[at] <= '9') ++at;
    if (at == begin || at >= error.size() || error[at] != ':') return false;
    value = std::stoi(error.substr(begin, at - begin));
    ++at;
    return true;
  };
  int line = 0;
  int column = 0;
  if (!number(line)) return out;
  const std::size_t after_line = at;
  if (!number(column)) at = after_line;
  out.line = line;
  out.column = column;
  out.message = error.substr(std::min(error.size(), at + 1));
  return out;
}

}  // namespace

std::vector<LintWarning> lint_source(const DocumentMetadata& metadata,
                                     const std::string& source_text) {
  std::vector<LintWarning> warnings;
  const std::string& file = metadata.source;

  // What the importer could not decide, or could not do (an error: the build stops there too).
  ImportReport report;
  auto imported = import_document(metadata, source_text, report);
  if (!imported) {
    warnings.push_back({parse_error(imported.error(), file), "import-error", true});
    return warnings;
  }
  for (const ReportEntry& entry : report.entries) {
    if (entry.kind != ReportEntry::Kind::kAmbiguity) continue;
    warnings.push_back(
        {Diagnostic{file, entry.line, entry.column, entry.text + ": " + entry.replacement},
         entry.rule});
  }

  // Characters no editor means to show a visitor. (ASCII punctuation is not one: the importer
  // makes it full width and the report lists each.)
  auto text = read_source(file, source_text);
  std::istringstream in(text ? text->text : std::string());
  int line_number = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_number;
    const DecodedLine decoded = decode(line);
    for (std::size_t i = 0; i < decoded.chars.size(); ++i) {
      const char32_t c = decoded.chars[i];
      if (c == 0xFFFD || (c >= 0xE000 && c <= 0xF8FF) || (c < 0x20 && c != '\t')) {
        char code[16];
        std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c));
        warnings.push_back({Diagnostic{file, line_number, static_cast<int>(i) + 1,
                                       std::string("suspicious character ") + code +
                                           " (replacement character, private use or control): "
                                           "check the source's encoding and retype it"},
                            "suspicious-character"});
      }
    }
  }
  std::stable_sort(
      warnings.begin(), warnings.end(),
      [](const LintWarning& a, const LintWarning& b) { return a.where.line < b.where.line; });
  return warnings;
}

}  // namespace kiosk::content
