// Private to content/pipeline: the character-level toolkit of the importer. Source text is
// decoded once into code points that remember where they stood in the source (line, column),
// so every rule applied after lines are joined can still say which source line a character came
// from, and columns in diagnostics are counted in characters, not bytes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::content::importer {

// [SECTION] Text with source positions

struct Position {
  int line = 0;    // 1-based source line
  int column = 0;  // 1-based, in code points, counted from the start of the raw source line
};

// Code points and, for each, where it stood in the source. The two vectors always have the same
// length; every edit goes through the member functions to keep it so.
class Text {
 public:
  [[nodiscard]] bool empty() const { return chars_.empty(); }
  [[nodiscard]] std::size_t size() const { return chars_.size(); }
  [[nodiscard]] const std::u32string& chars() const { return chars_; }
  [[nodiscard]] char32_t operator[](std::size_t index) const { return chars_[index]; }
  [[nodiscard]] char32_t back() const { return chars_.back(); }
  [[nodiscard]] Position position(std::size_t index) const { return positions_[index]; }
  // The line of the first character (0 for empty text).
  [[nodiscard]] int first_line() const { return positions_.empty() ? 0 : positions_[0].line; }

  void append(char32_t c, Position where);
  void append(const Text& other);
  [[nodiscard]] Text slice(std::size_t begin, std::size_t end) const;
  [[nodiscard]] Text trimmed() const;  // without leading and trailing whitespace
  [[nodiscard]] bool starts_with(std::u32string_view prefix) const;
  [[nodiscard]] std::string utf8() const;

 private:
  std::u32string chars_;
  std::vector<Position> positions_;
};

// [SECTION] UTF-8

struct InvalidUtf8 {
  Position where;
  unsigned char byte = 0;  // the first byte of the ill-formed sequence
};

// The source split at "\n" (a "\r" before it is dropped), each line decoded and untrimmed; the
// first ill-formed sequence (bad lead byte, missing continuation, overlong form, surrogate,
// beyond U+10FFFF) is reported instead.
struct DecodedSource {
  std::vector<std::u32string> lines;
  std::optional<InvalidUtf8> invalid;
};
DecodedSource decode_source(std::string_view source);

std::string to_utf8(std::u32string_view text);
// For strings already known to be valid (metadata read by toml++); invalid bytes become U+FFFD.
std::u32string from_utf8(std::string_view text);

// [SECTION] Character classes

bool is_space(char32_t c);  // ASCII whitespace, NBSP, ideographic space and the like
bool is_han(char32_t c);
bool is_mongolian(char32_t c);  // U+1800..U+18AF, the traditional Mongolian block
bool is_ascii_letter(char32_t c);
bool is_ascii_alnum(char32_t c);
// Characters that make neighbouring ASCII punctuation Chinese punctuation: Han, CJK and
// full-width punctuation, and the quotes, dashes and ellipsis Chinese text uses.
bool is_cjk_context(char32_t c);
bool is_sentence_final(char32_t c);  // 。！？；… and their ASCII forms
// Any punctuation that shows a line is running text rather than the rest of a wrapped heading.
bool is_clause_punctuation(char32_t c);
bool is_opening_bracket(char32_t c);  // （ ( 〔 【 [ 《 〈 “ ‘
bool is_closing_bracket(char32_t c);  // ） ) 〕 】 ] 》 〉 ” ’
bool is_closing_quote(char32_t c);    // ” ’ 」 』

// [SECTION] Chinese numerals

// "二十六" -> 26, "一百零二" -> 102; 0 when `digits` is not a numeral in its usual written form.
int parse_chinese_number(std::u32string_view digits);
// 26 -> "二十六" (1..999).
std::u32string chinese_number(int value);
bool is_chinese_digit(char32_t c);  // 一..九, 十, 百, 零, 〇

}  // namespace kiosk::content::importer
