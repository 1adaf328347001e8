// The importer's character-level toolkit: positioned text, strict UTF-8 decoding, character
// classes and Chinese numerals. See importer_text.h.
#include "content/pipeline/importer_text.h"

#include <algorithm>
#include <array>

namespace kiosk::content::importer {

// [SECTION] Text with source positions

void Text::append(char32_t c, Position where) {
  chars_.push_back(c);
  positions_.push_back(where);
}

void Text::append(const Text& other) {
  chars_ += other.chars_;
  positions_.insert(positions_.end(), other.positions_.begin(), other.positions_.end());
}

Text Text::slice(std::size_t begin, std::size_t end) const {
  Text result;
  end = std::min(end, chars_.size());
  if (begin >= end) return result;
  result.chars_ = chars_.substr(begin, end - begin);
  result.positions_.assign(positions_.begin() + static_cast<std::ptrdiff_t>(begin),
                           positions_.begin() + static_cast<std::ptrdiff_t>(end));
  return result;
}

Text Text::trimmed() const {
  std::size_t begin = 0;
  std::size_t end = chars_.size();
  while (begin < end && is_space(chars_[begin])) ++begin;
  while (end > begin && is_space(chars_[end - 1])) --end;
  return slice(begin, end);
}

bool Text::starts_with(std::u32string_view prefix) const {
  return std::u32string_view(chars_).substr(0, prefix.size()) == prefix;
}

std::string Text::utf8() const { return to_utf8(chars_); }

// [SECTION] UTF-8

namespace {

// The length of the sequence a lead byte announces, 0 for a byte that cannot start one.
std::size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;  // C0 and C1 could only make overlong forms
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

// Decodes the sequence at `bytes[at]`; nullopt when it is ill-formed (RFC 3629).
std::optional<char32_t> decode_one(std::string_view bytes, std::size_t at, std::size_t length) {
  if (length == 0 || at + length > bytes.size()) return std::nullopt;
  const auto lead = static_cast<unsigned char>(bytes[at]);
  if (length == 1) return lead;
  char32_t c = lead & (0xFFU >> (length + 1));
  for (std::size_t k = 1; k < length; ++k) {
    const auto next = static_cast<unsigned char>(bytes[at + k]);
    if ((next & 0xC0U) != 0x80U) return std::nullopt;
    c = (c << 6) | (next & 0x3FU);
  }
  static constexpr std::array<char32_t, 5> kSmallest = {0, 0, 0x80, 0x800, 0x10000};
  if (c < kSmallest[length] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return std::nullopt;
  return c;
}

}  // namespace

DecodedSource decode_source(std::string_view source) {
  DecodedSource out;
  std::u32string line;
  for (std::size_t at = 0; at < source.size();) {
    const auto lead = static_cast<unsigned char>(source[at]);
    if (lead == '\n') {
      if (!line.empty() && line.back() == U'\r') line.pop_back();
      out.lines.push_back(std::move(line));
      line.clear();
      ++at;
      continue;
    }
    const std::size_t length = sequence_length(lead);
    const auto decoded = decode_one(source, at, length);
    if (!decoded) {
      out.invalid = InvalidUtf8{
          {static_cast<int>(out.lines.size()) + 1, static_cast<int>(line.size()) + 1}, lead};
      return out;
    }
    line.push_back(*decoded);
    at += length;
  }
  if (!line.empty() && line.back() == U'\r') line.pop_back();
  if (!line.empty()) out.lines.push_back(std::move(line));
  return out;
}

std::string to_utf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size() * 3);
  for (const char32_t c : text) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (c >> 12)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (c >> 18)));
      out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

std::u32string from_utf8(std::string_view text) {
  std::u32string out;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t length = sequence_length(static_cast<unsigned char>(text[at]));
    const auto decoded = decode_one(text, at, length);
    out.push_back(decoded.value_or(U'\uFFFD'));
    at += decoded ? length : 1;
  }
  return out;
}

// [SECTION] Character classes

namespace {
bool one_of(char32_t c, std::u32string_view set) {
  return set.find(c) != std::u32string_view::npos;
}
}  // namespace

bool is_space(char32_t c) {
  return one_of(c,
                U" \t\r\n\v\f\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
                U"\u2008\u2009\u200A\u200B\u2028\u2029\u202F\u205F\u3000\uFEFF");
}

bool is_han(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF);
}

bool is_mongolian(char32_t c) { return c >= 0x1800 && c <= 0x18AF; }

bool is_ascii_letter(char32_t c) { return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z'); }

bool is_ascii_alnum(char32_t c) { return is_ascii_letter(c) || (c >= U'0' && c <= U'9'); }

bool is_cjk_context(char32_t c) {
  return is_han(c) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF) ||
         one_of(c, U"“”‘’—…·");
}

bool is_sentence_final(char32_t c) { return one_of(c, U"。！？；…!?;"); }

bool is_clause_punctuation(char32_t c) { return one_of(c, U"，。、；：！？…,.;:!?"); }

bool is_opening_bracket(char32_t c) { return one_of(c, U"（(〔【[《〈“‘「『"); }

bool is_closing_bracket(char32_t c) { return one_of(c, U"）)〕】]》〉”’」』"); }

bool is_closing_quote(char32_t c) { return one_of(c, U"”’」』"); }

// [SECTION] Chinese numerals

namespace {
constexpr std::u32string_view kDigits = U"零一二三四五六七八九";
}  // namespace

bool is_chinese_digit(char32_t c) { return one_of(c, U"零〇一二三四五六七八九十百"); }

int parse_chinese_number(std::u32string_view digits) {
  int total = 0;
  int pending = 0;  // the digit before the next 十 or 百
  for (const char32_t c : digits) {
    if (c == U'十' || c == U'百') {
      total += (pending == 0 ? 1 : pending) * (c == U'十' ? 10 : 100);
      pending = 0;
    } else if (const auto digit = kDigits.find(c == U'〇' ? U'零' : c);
               digit != std::u32string_view::npos) {
      pending = static_cast<int>(digit);
    } else {
      return 0;
    }
  }
  const int value = total + pending;
  // Only the usual written form counts: "一一" or "十十" are not numerals.
  return value > 0 && value < 1000 && chinese_number(value) == digits ? value : 0;
}

std::u32string chinese_number(int value) {
  if (value <= 0 || value >= 1000) return {};
  const auto digit = [](int d) { return std::u32string(1, kDigits[static_cast<std::size_t>(d)]); };
  if (value < 10) return digit(value);
  if (value < 100) {
    std::u32string out = value >= 20 ? digit(value / 10) + U"十" : U"十";
    if (value % 10 != 0) out += digit(value % 10);
    return out;
  }
  std::u32string out = digit(value / 100) + U"百";
  const int rest = value % 100;
  if (rest == 0) return out;
  if (rest < 10) return out + U"零" + digit(rest);
  if (rest < 20) return out + U"一" + chinese_number(rest);  // 一百一十二
  return out + chinese_number(rest);
}

}  // namespace kiosk::content::importer
