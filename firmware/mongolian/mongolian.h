// Traditional Mongolian as text (not as glyphs): letters and their classes, vowel harmony,
// case suffixes and their allomorphs, how a number is read, a number followed by its correctly
// harmonised suffix, templates with such numbers, and a Latin transliteration for reviewers.
//
//   mongolian::number_with_suffix(11, Suffix::kOrdinal)  // "11\u202Fᠳᠦᠭᠡᠷ" (arban nigen: front)
//   mongolian::fill_template("{version:ordinal} ᠬᠡᠪᠯᠡᠯ", {{"version", "4"}})
//   mongolian::transliterate("ᠥᠪᠦᠷ ᠮᠣᠩᠭᠣᠯ\u202Fᠤᠨ")             // "öbür mongγol-un"
//
// Used by the kiosk (templates on screen) and by kioskpack (the orthography lint, the review
// sheet). Pure functions of their arguments: no I/O, no global state. Strings are UTF-8 unless
// the type says otherwise.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kiosk::mongolian {

// [SECTION] Characters

inline constexpr char32_t kNnbsp = 0x202F;  // NARROW NO-BREAK SPACE: written before a suffix
inline constexpr char32_t kMvs = 0x180E;    // MONGOLIAN VOWEL SEPARATOR: before a detached a/e

// A letter of the basic Mongolian block U+1820..U+1842 (the Todo, Sibe and Manchu letters
// U+1843..U+18AA count too).
bool is_letter(char32_t c);
// U+180B..U+180D and U+180F (FVS1-4).
bool is_free_variation_selector(char32_t c);
// Any character of the Mongolian blocks (U+1800..U+18AF, U+11660..U+1167F).
bool is_mongolian(char32_t c);

// Vowel class of a word, from its vowels: back (a o u), front (e ö ü ē), or neutral (only i,
// which suffixes treat as front).
enum class Harmony { kBack, kFront, kNeutral };
Harmony harmony_of(std::u32string_view word);

// [SECTION] Suffixes

// The case suffixes and the ordinal particle written after U+202F.
enum class Suffix {
  kGenitive,      // ᠶᠢᠨ after a vowel, ᠤ/ᠦ after n, ᠤᠨ/ᠦᠨ after another consonant
  kAccusative,    // ᠶᠢ after a vowel, ᠢ after a consonant
  kDative,        // ᠲᠤ/ᠲᠦ after b g d r s, else ᠳᠤ/ᠳᠦ (vowel, n m l ng, others)
  kAblative,      // ᠠᠴᠠ/ᠡᠴᠡ
  kInstrumental,  // ᠪᠠᠷ/ᠪᠡᠷ after a vowel, ᠢᠶᠠᠷ/ᠢᠶᠡᠷ after a consonant
  kComitative,    // ᠲᠠᠢ/ᠲᠡᠢ (suffix_forms() also knows Chimee's ᠲᠠᠶ/ᠲᠡᠶ)
  kReflexive,     // ᠪᠠᠨ/ᠪᠡᠨ after a vowel, ᠢᠶᠠᠨ/ᠢᠶᠡᠨ after a consonant
  kOrdinal,       // ᠳᠤᠭᠠᠷ/ᠳᠦᠭᠡᠷ ("-th"), agreeing with the numeral as read
};

// "genitive", "accusative", ..., "ordinal": the names used in templates ({n:ordinal}).
const char* to_string(Suffix suffix);
std::optional<Suffix> suffix_from_name(std::string_view name);

// The allomorph of `suffix` that the word `stem` takes (the stem as written, without the
// U+202F), e.g. (ᠪᠢᠴᠢᠭ, kGenitive) -> ᠦᠨ. UTF-32, no U+202F.
std::u32string suffix_after(std::u32string_view stem, Suffix suffix);

// Every written form of every suffix above (UTF-32, without U+202F), with the suffix it is a
// form of. For the lint: a word after U+202F or U+0020 that equals one of these is a suffix.
const std::vector<std::pair<std::u32string, Suffix>>& suffix_forms();

// [SECTION] Numbers

// How a whole number is read in Mongolian, as words in the traditional script, separated by
// U+0020; the form a suffix attaches to (the n-stem where a numeral has one: ᠠᠷᠪᠠᠨ ᠨᠢᠭᠡᠨ for
// 11), by myriads as in Inner Mongolia; a thousand before an addend keeps its vowel form
// (2023: ᠬᠣᠶᠠᠷ ᠮᠢᠩᠭ᠎ᠠ ᠬᠣᠷᠢᠨ ᠭᠤᠷᠪᠠᠨ). Defined for 0 <= n < 10^12; "" for n < 0.
std::string numeral_reading(std::int64_t n);

// The number in digits, U+202F, then the allomorph of `suffix` that agrees with how the number
// is read: number_with_suffix(4, kOrdinal) == "4\u202Fᠳᠦᠭᠡᠷ", (3, kOrdinal) == "3\u202Fᠳᠤᠭᠠᠷ".
// Genitive, dative and ordinal follow the n-stem (ᠭᠤᠷᠪᠠᠨ: 3 ᠤ, 3 ᠳᠤ); accusative, instrumental
// and reflexive the stem without the unstable n (ᠭᠤᠷᠪᠠ: 3 ᠶᠢ, 3 ᠪᠠᠷ). A negative number takes
// the suffix of its magnitude.
std::string number_with_suffix(std::int64_t n, Suffix suffix);

// [SECTION] Templates

// Fills the placeholders of a UI string: `{name}` becomes the value, `{name:suffix}` (suffix a
// name from to_string above) becomes number_with_suffix(value, suffix), which needs a whole
// number as the value (ASCII digits only, below 10^12; the digits are kept as written). A
// placeholder without a value, with a value that is not such a number, or with an unknown
// suffix is left as it is.
std::string fill_template(std::string_view text,
                          const std::vector<std::pair<std::string, std::string>>& values);

// The placeholders of a template in order of appearance: name and suffix name ("" for none).
struct Placeholder {
  std::string name;
  std::string suffix;
  std::size_t byte = 0;  // where `{` stands
};
std::vector<Placeholder> placeholders(std::string_view text);

// [SECTION] Transliteration

// Letter by letter, as the reviewers' table writes it: ᠬ/ᠭ are q/γ in words with a back vowel
// and k/g otherwise (a suffix after U+202F has its own harmony), U+202F and U+180E become "-",
// FVS, nirugu, ZWJ/ZWNJ are dropped, ᠂ ᠃ ᠄ (and the Manchu ᠈ ᠉) become , . : and Mongolian
// digits ASCII ones; other characters pass through. "ᠥᠪᠦᠷ ᠮᠣᠩᠭᠣᠯ\u202Fᠤᠨ" -> "öbür mongγol-un"
// (a ᠥ in a later syllable stays ö: ᠥᠪᠥᠷ -> "öbör").
std::string transliterate(std::string_view utf8);

// UTF-8 <-> UTF-32 for Mongolian strings (invalid UTF-8 becomes U+FFFD).
std::u32string to_utf32(std::string_view utf8);
std::string to_utf8(std::u32string_view text);

}  // namespace kiosk::mongolian
