// Lint: warnings a content editor can act on, each with file, line and column. Lint never
// changes anything; the importer's own normalisations are listed in the import report.
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

bool is_han(char32_t c) { return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF); }
bool is_cjk_context(char32_t c) {
  return is_han(c) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF);
}

bool ends_sentence(char32_t c) {
  return std::u32string(U"。！？；：”」』）)》…").find(c) != std::u32string::npos;
}

// Labels of numbered headings, and the length of the label (0 when the line has none).
std::size_t heading_label_length(const std::u32string& line) {
  static const std::u32string kNumerals = U"一二三四五六七八九十百零";
  std::size_t i = 0;
  if (!line.empty() && (line[0] == U'（' || line[0] == U'(')) {
    i = 1;
    while (i < line.size() && kNumerals.find(line[i]) != std::u32string::npos) ++i;
    if (i > 1 && i < line.size() && (line[i] == U'）' || line[i] == U')')) return i + 1;
    return 0;
  }
  if (!line.empty() && line[0] == U'第') {
    i = 1;
    while (i < line.size() && kNumerals.find(line[i]) != std::u32string::npos) ++i;
    if (i > 1 && i < line.size() && (line[i] == U'章' || line[i] == U'条')) return i + 1;
    return 0;
  }
  while (i < line.size() && kNumerals.find(line[i]) != std::u32string::npos) ++i;
  if (i > 0 && i < line.size() && line[i] == U'、') return i + 1;
  return 0;
}

std::u32string trim(const std::u32string& line) {
  std::size_t begin = 0;
  std::size_t end = line.size();
  auto space = [](char32_t c) { return c == U' ' || c == U'\t' || c == U'\r' || c == 0x3000; };
  while (begin < end && space(line[begin])) ++begin;
  while (end > begin && space(line[end - 1])) --end;
  return line.substr(begin, end - begin);
}

}  // namespace

std::vector<LintWarning> lint_source(const DocumentMetadata& metadata,
                                     const std::string& source_text) {
  std::vector<LintWarning> warnings;
  const std::string& file = metadata.source;
  auto warn = [&](int line, int column, const std::string& rule, const std::string& message) {
    warnings.push_back({Diagnostic{file, line, column, message}, rule});
  };

  std::istringstream in(source_text);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);

  // Lines before the body (hints.body_starts_at) never reach the screen: not linted.
  std::size_t first = 0;
  if (!metadata.hints.body_starts_at.empty()) {
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (lines[i].rfind(metadata.hints.body_starts_at, 0) == 0) {
        first = i;
        break;
      }
    }
  }

  std::u32string previous_text;  // the last non-blank line, trimmed
  int previous_line = 0;
  bool blank_since_previous = false;
  for (std::size_t index = first; index < lines.size(); ++index) {
    const int line_number = static_cast<int>(index) + 1;
    const DecodedLine decoded = decode(lines[index]);
    if (!decoded.valid) {
      warn(line_number, 0, "invalid-utf8", "the line is not valid UTF-8");
      continue;
    }
    const std::u32string& chars = decoded.chars;
    for (std::size_t i = 0; i < chars.size(); ++i) {
      const char32_t c = chars[i];
      const int column = static_cast<int>(i) + 1;
      const bool chinese_before = i > 0 && is_cjk_context(chars[i - 1]);
      const bool chinese_after = i + 1 < chars.size() && is_cjk_context(chars[i + 1]);
      if (std::u32string(U",;:?!()").find(c) != std::u32string::npos &&
          (chinese_before || chinese_after)) {
        std::string ascii(1, static_cast<char>(c));
        warn(line_number, column, "ascii-punctuation",
             "ASCII '" + ascii + "' in Chinese text: use the full-width form");
      } else if (c == 0xFFFD || c == 0x200B || c == 0xFEFF || (c >= 0xE000 && c <= 0xF8FF) ||
                 (c < 0x20 && c != '\t' && c != '\r')) {
        char code[16];
        std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c));
        warn(line_number, column, "suspicious-character",
             std::string("suspicious character ") + code +
                 " (replacement character, zero-width space, BOM, private use or control)");
      } else if (c == '\t') {
        warn(line_number, column, "tab", "tab character: table-like layout from a scan?");
      }
    }
    const std::u32string text = trim(chars);
    if (text.empty()) {
      blank_since_previous = !previous_text.empty();
      continue;
    }
    const std::size_t label = heading_label_length(text);
    if (label > 0 && label == text.size()) {
      warn(line_number, static_cast<int>(label), "heading-without-text",
           "numbered heading has no text after its label");
    }
    if (blank_since_previous && label == 0 && !ends_sentence(previous_text.back()) &&
        heading_label_length(previous_text) != previous_text.size()) {
      warn(previous_line, static_cast<int>(previous_text.size()), "page-break-split",
           "paragraph seems split by a page break: this line does not end a sentence and the "
           "text goes on after a blank line at line " +
               std::to_string(line_number));
    }
    previous_text = text;
    previous_line = line_number;
    blank_since_previous = false;
  }
  return warnings;
}

}  // namespace kiosk::content
