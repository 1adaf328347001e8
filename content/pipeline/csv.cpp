// The question bank's CSV reader (see csv.h): strict UTF-8 decoding with positions, then a
// state machine over code points that always moves forward, so no input can make it loop.
#include "content/pipeline/csv.h"

#include <cstdio>

#include "content/pipeline/importer_text.h"

namespace kiosk::content::csv {

namespace {

// [SECTION] UTF-8 with positions

// The length of the sequence a lead byte announces, 0 for a byte that cannot start one.
std::size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;  // C0 and C1 could only make overlong forms
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

// The code point at `at`, or U+FFFFFFFF when the sequence is ill-formed (RFC 3629: no overlong
// forms, no surrogates, nothing beyond U+10FFFF).
constexpr char32_t kInvalid = 0xFFFFFFFF;
char32_t decode_one(std::string_view bytes, std::size_t at, std::size_t length) {
  if (length == 0 || at + length > bytes.size()) return kInvalid;
  const auto lead = static_cast<unsigned char>(bytes[at]);
  if (length == 1) return lead;
  char32_t c = lead & (0xFFU >> (length + 1));
  for (std::size_t k = 1; k < length; ++k) {
    const auto next = static_cast<unsigned char>(bytes[at + k]);
    if ((next & 0xC0U) != 0x80U) return kInvalid;
    c = (c << 6) | (next & 0x3FU);
  }
  constexpr char32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (c < kSmallest[length] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return kInvalid;
  return c;
}

// Decodes the whole file, or names the first ill-formed byte by line and column, counting
// lines the way the parser does (CRLF, LF or CR).
Result<std::u32string> decode(std::string_view data, const std::string& file) {
  std::u32string out;
  out.reserve(data.size());
  int line = 1;
  int column = 1;
  for (std::size_t at = 0; at < data.size();) {
    const auto lead = static_cast<unsigned char>(data[at]);
    const std::size_t length = sequence_length(lead);
    const char32_t c = decode_one(data, at, length);
    if (c == kInvalid) {
      char byte[8];
      std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned>(lead));
      return Error{Diagnostic{
          file, line, column,
          std::string("invalid UTF-8 (byte ") + byte + "): save the file as \"CSV UTF-8\""}
                       .to_string()};
    }
    out.push_back(c);
    at += length;
    if (c == U'\n' || (c == U'\r' && (at >= data.size() || data[at] != '\n'))) {
      ++line;
      column = 1;
    } else if (c != U'\r') {
      ++column;
    }
  }
  return out;
}

// [SECTION] The parser

class Parser {
 public:
  Parser(std::u32string_view text, const std::string& file) : text_(text), file_(file) {}

  Result<std::vector<Record>> run() {
    std::vector<Record> records;
    while (!at_end()) {
      Record record;
      record.line = line_;
      for (;;) {
        Field field;
        field.line = line_;
        field.column = column_;
        if (peek() == U'"') {
          if (auto status = quoted(field); !status) return Error{status.error()};
        } else if (auto status = unquoted(field); !status) {
          return Error{status.error()};
        }
        record.fields.push_back(std::move(field));
        if (!at_end() && peek() == U',') {
          take();
          continue;
        }
        // The field ended at a line break or the end of the file (quoted/unquoted saw to it).
        record.end_line = line_;
        record.end_column = column_;
        if (!at_end()) take_line_break();
        break;
      }
      // A blank line (a single empty, unquoted field) is no record.
      const bool blank =
          record.fields.size() == 1 && record.fields[0].text.empty() && !record.fields[0].quoted;
      if (!blank) records.push_back(std::move(record));
    }
    return records;
  }

 private:
  [[nodiscard]] bool at_end() const { return at_ >= text_.size(); }
  [[nodiscard]] char32_t peek() const { return text_[at_]; }
  [[nodiscard]] bool at_line_break() const {
    return !at_end() && (peek() == U'\n' || peek() == U'\r');
  }
  // Moves past one character that is not a line break.
  char32_t take() {
    ++column_;
    return text_[at_++];
  }
  // Moves past CRLF, LF or CR.
  void take_line_break() {
    if (text_[at_] == U'\r' && at_ + 1 < text_.size() && text_[at_ + 1] == U'\n') ++at_;
    ++at_;
    ++line_;
    column_ = 1;
  }

  Status fail(int line, int column, const std::string& message) const {
    return Error{Diagnostic{file_, line, column, message}.to_string()};
  }

  Status quoted(Field& field) {
    field.quoted = true;
    take();  // the opening quote
    std::u32string text;
    for (;;) {
      if (at_end()) {
        return fail(field.line, field.column,
                    "this quoted field is never closed: a quote mark is missing (inside a quoted "
                    "field, write \"\" for a quote mark)");
      }
      if (at_line_break()) {
        take_line_break();
        text.push_back(U'\n');  // CRLF from Windows spreadsheets, LF inside the cell: one form
        continue;
      }
      const char32_t c = take();
      if (c != U'"') {
        text.push_back(c);
      } else if (!at_end() && peek() == U'"') {
        take();
        text.push_back(U'"');
      } else {
        break;  // the closing quote
      }
    }
    if (!at_end() && peek() != U',' && !at_line_break()) {
      return fail(line_, column_,
                  "text after the closing quote mark: quote the whole field and write \"\" for a "
                  "quote mark inside it");
    }
    field.text = importer::to_utf8(text);
    return Nothing{};
  }

  Status unquoted(Field& field) {
    std::u32string text;
    while (!at_end() && peek() != U',' && !at_line_break()) {
      if (peek() == U'"') {
        return fail(line_, column_,
                    "a quote mark inside an unquoted field: put the whole field in quote marks "
                    "and write \"\" for this one");
      }
      text.push_back(take());
    }
    field.text = importer::to_utf8(text);
    return Nothing{};
  }

  std::u32string_view text_;
  const std::string& file_;
  std::size_t at_ = 0;
  int line_ = 1;
  int column_ = 1;
};

}  // namespace

Result<std::vector<Record>> parse(std::string_view data, const std::string& file) {
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  if (data.substr(0, kBom.size()) == kBom) data.remove_prefix(kBom.size());
  auto decoded = decode(data, file);
  if (!decoded) return Error{decoded.error()};
  return Parser(decoded.value(), file).run();
}

std::string quote_field(std::string_view text) {
  // A field starting with U+FEFF is quoted too: unquoted at the start of a file, it would be
  // read as a byte-order mark.
  const bool bom = text.substr(0, 3) == "\xEF\xBB\xBF";
  if (!bom && text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (const char c : text) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + "\"";
}

}  // namespace kiosk::content::csv
