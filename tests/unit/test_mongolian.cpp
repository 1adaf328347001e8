// The Mongolian text module: letters, harmony, suffix allomorphs, numerals (against the
// hand-written table tests/data/mongolian-numerals.tsv), templates and transliteration.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "firmware/mongolian/mongolian.h"

namespace kiosk::mongolian {
namespace {

using namespace std::string_literals;

// [SECTION] Characters and UTF-8

TEST(MongolianCharacters, ClassesFollowTheUnicodeBlocks) {
  EXPECT_TRUE(is_letter(U'ᠠ'));
  EXPECT_TRUE(is_letter(U'ᡂ'));     // U+1842 CHI
  EXPECT_TRUE(is_letter(0x18AA));   // Manchu, counts too
  EXPECT_FALSE(is_letter(0x181F));  // unassigned, before the letters
  EXPECT_FALSE(is_letter(kMvs));
  EXPECT_FALSE(is_letter(U'᠐'));  // digit zero
  EXPECT_FALSE(is_letter(U'a'));
  for (char32_t c : {0x180B, 0x180C, 0x180D, 0x180F}) EXPECT_TRUE(is_free_variation_selector(c));
  EXPECT_FALSE(is_free_variation_selector(kMvs));
  EXPECT_FALSE(is_free_variation_selector(0x180A));
  EXPECT_TRUE(is_mongolian(0x1800));
  EXPECT_TRUE(is_mongolian(0x18AF));
  EXPECT_TRUE(is_mongolian(0x11660));
  EXPECT_TRUE(is_mongolian(0x1167F));
  EXPECT_FALSE(is_mongolian(0x17FF));
  EXPECT_FALSE(is_mongolian(0x18B0));
  EXPECT_FALSE(is_mongolian(kNnbsp));
}

TEST(MongolianUtf, RoundTripsMongolianWithControls) {
  const std::string text = "ᠪᠠᠭ\u180Eᠠ\u202Fᠶᠢᠨ ᠮᠠᠲ\u180Bᠧᠷᠢᠶᠠᠯ 😀 x";
  const std::u32string wide = to_utf32(text);
  EXPECT_EQ(wide, U"ᠪᠠᠭ\u180Eᠠ\u202Fᠶᠢᠨ ᠮᠠᠲ\u180Bᠧᠷᠢᠶᠠᠯ 😀 x");
  EXPECT_EQ(to_utf8(wide), text);
  EXPECT_EQ(to_utf32(""), U"");
}

TEST(MongolianUtf, InvalidSequencesBecomeReplacementCharacters) {
  // One U+FFFD per maximal ill-formed subpart (Unicode §3.9).
  EXPECT_EQ(to_utf32("a\xFF"
                     "b"),
            U"a\uFFFDb");
  EXPECT_EQ(to_utf32("\xE1\xA0"), U"\uFFFD");  // truncated ᠠ
  EXPECT_EQ(to_utf32("\xE1\xA0ᠠ"), U"\uFFFDᠠ");
  EXPECT_EQ(to_utf32("\xC0\xAF"), U"\uFFFD\uFFFD");  // overlong '/'
  EXPECT_EQ(to_utf32("\xE0\x80\x80"), U"\uFFFD\uFFFD\uFFFD");
  EXPECT_EQ(to_utf32("\xED\xA0\x80"), U"\uFFFD\uFFFD\uFFFD");            // surrogate
  EXPECT_EQ(to_utf32("\xF4\x90\x80\x80"), U"\uFFFD\uFFFD\uFFFD\uFFFD");  // past U+10FFFF
  EXPECT_EQ(to_utf32("\x80"), U"\uFFFD");
  EXPECT_EQ(to_utf8(std::u32string{0xD800, 0x110000, U'ᠠ'}), "\uFFFD\uFFFDᠠ");
  // Whatever comes in, what goes out is valid UTF-8 that decodes to the same text.
  const std::string garbage = "\xF0\x9F\x98\xE1\xA0\xA0\xFE\xC3";
  const std::string cleaned = to_utf8(to_utf32(garbage));
  EXPECT_EQ(to_utf32(cleaned), to_utf32(garbage));
  EXPECT_EQ(cleaned, "\uFFFDᠠ\uFFFD\uFFFD");
}

// [SECTION] Harmony

TEST(MongolianHarmony, FromTheVowels) {
  EXPECT_EQ(harmony_of(U"ᠮᠣᠩᠭᠣᠯ"), Harmony::kBack);
  EXPECT_EQ(harmony_of(U"ᠪᠠᠭ\u180Eᠠ"), Harmony::kBack);
  EXPECT_EQ(harmony_of(U"ᠬᠡᠪᠯᠡᠯ"), Harmony::kFront);
  EXPECT_EQ(harmony_of(U"ᠦᠢᠯᠡᠳᠪᠦᠷᠢ"), Harmony::kFront);
  EXPECT_EQ(harmony_of(U"ᠥᠪᠦᠷ"), Harmony::kFront);
  EXPECT_EQ(harmony_of(U"ᠧ"), Harmony::kFront);
  EXPECT_EQ(harmony_of(U"ᠪᠢᠴᠢᠭ"), Harmony::kNeutral);
  EXPECT_EQ(harmony_of(U""), Harmony::kNeutral);
  EXPECT_EQ(harmony_of(U"ᠮᠠᠲ\u180Bᠧᠷᠢᠶᠠᠯ"), Harmony::kBack);  // loanword: a back vowel wins
}

// [SECTION] Transliteration

TEST(MongolianTransliteration, TheReviewersExamples) {
  EXPECT_EQ(transliterate("ᠲᠡᠷᠢᠭᠦᠨ ᠬᠠᠭᠤᠳᠠᠰᠤ"), "terigün qaγudasu");
  EXPECT_EQ(transliterate("ᠪᠠᠭ\u180Eᠠ"), "baγ-a");
  EXPECT_EQ(transliterate("ᠡᠬᠢ ᠪᠢᠴᠢᠭ\u202Fᠢ ᠦᠵᠡᠬᠦ"), "eki bičig-i üǰekü");
  EXPECT_EQ(transliterate("ᠥᠪᠦᠷ ᠮᠣᠩᠭᠣᠯ\u202Fᠤᠨ ᠪᠣᠳᠣᠯᠭ\u180Eᠠ\u202Fᠶᠢᠨ ᠪᠢᠴᠢᠭ ᠮᠠᠲ\u180Bᠧᠷᠢᠶᠠᠯ"),
            "öbür mongγol-un bodolγ-a-yin bičig matēriyal");
}

TEST(MongolianTransliteration, LetterByLetter) {
  // U+1825 in a later syllable is read as written, so a mis-encoded ᠥᠪᠥᠷ shows as öbör.
  EXPECT_EQ(transliterate("ᠥᠪᠥᠷ"), "öbör");
  EXPECT_EQ(transliterate("ᠠᠡᠢᠣᠤᠥᠦᠧ ᠨᠩᠪᠫᠮᠯᠰᠱᠲᠳᠴᠵᠶᠷᠸᠹᠺ"), "aeiouöüē nngbpmlsštdčǰyrwfk");
  EXPECT_EQ(transliterate("ᠬᠣᠶᠠᠷ ᠬᠡᠯᠡ ᠬᠢᠭ"), "qoyar kele kig");  // q/γ only with back vowels
  EXPECT_EQ(transliterate("ᠮᠠᠲ\u180Bᠧ"), "matē");                // FVS dropped
}

TEST(MongolianTransliteration, SuffixTakesItsOwnHarmony) {
  EXPECT_EQ(transliterate("ᠲᠣᠭ᠎ᠠ\u202Fᠳᠤᠭᠠᠷ"), "toγ-a-duγar");
  EXPECT_EQ(transliterate("4\u202Fᠳᠦᠭᠡᠷ"), "4-düger");
  EXPECT_EQ(transliterate("ᠪᠢᠴᠢᠭ\u202Fᠦᠨ"), "bičig-ün");
}

TEST(MongolianTransliteration, PunctuationAndOtherText) {
  EXPECT_EQ(transliterate("ᠨᠣᠮ᠂ ᠪᠢᠴᠢᠭ᠃ ᠨᠢᠭᠡ᠄"), "nom, bičig. nige:");
  EXPECT_EQ(transliterate("Kiosk 2024 — ᠨᠣᠮ!"), "Kiosk 2024 — nom!");
  EXPECT_EQ(transliterate("᠒᠐᠒᠔"), "2024");
  EXPECT_EQ(transliterate(""), "");
  EXPECT_EQ(transliterate("\xFF"), "\uFFFD");
}

// [SECTION] Suffixes

struct SuffixCase {
  std::u32string stem;
  Suffix suffix;
  std::u32string expected;
};

TEST(MongolianSuffixes, TheReviewsExamples) {
  const std::vector<SuffixCase> cases{
      {U"ᠪᠢᠴᠢᠭ", Suffix::kGenitive, U"ᠦᠨ"},      {U"ᠦᠢᠯᠡᠳᠪᠦᠷᠢ", Suffix::kGenitive, U"ᠶᠢᠨ"},
      {U"ᠮᠣᠩᠭᠣᠯ", Suffix::kGenitive, U"ᠤᠨ"},     {U"ᠬᠡᠪᠯᠡᠯ", Suffix::kDative, U"ᠳᠦ"},
      {U"ᠳᠡᠯᠭᠡᠴᠡ", Suffix::kDative, U"ᠳᠦ"},      {U"ᠪᠢᠴᠢᠭ", Suffix::kAccusative, U"ᠢ"},
      {U"ᠳᠦᠩ", Suffix::kAccusative, U"ᠢ"},       {U"ᠠᠭᠤᠯᠭ᠎ᠠ", Suffix::kAccusative, U"ᠶᠢ"},
      {U"ᠲᠠᠯ᠎ᠠ", Suffix::kInstrumental, U"ᠪᠠᠷ"}, {U"ᠲᠣᠭ᠎ᠠ", Suffix::kReflexive, U"ᠪᠠᠨ"},
      {U"ᠣᠷᠣᠨ", Suffix::kGenitive, U"ᠤ"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(to_utf8(suffix_after(c.stem, c.suffix)), to_utf8(c.expected))
        << to_utf8(c.stem) << " " << to_string(c.suffix);
  }
}

// Every suffix after stems of each kind: back / front / neutral (i only) harmony, vowel-final,
// MVS-final, n-final and consonant-final.
TEST(MongolianSuffixes, EverySuffixOnEveryKindOfStem) {
  struct Row {
    std::u32string stem;
    std::u32string genitive, accusative, dative, ablative, instrumental, comitative, reflexive,
        ordinal;
  };
  const std::vector<Row> rows{
      // back, vowel-final (a hypothetical ᠠᠪᠤ keeps the row free of other rules)
      {U"ᠠᠪᠤ", U"ᠶᠢᠨ", U"ᠶᠢ", U"ᠳᠤ", U"ᠠᠴᠠ", U"ᠪᠠᠷ", U"ᠲᠠᠢ", U"ᠪᠠᠨ", U"ᠳᠤᠭᠠᠷ"},
      // back, MVS + a: ends in a vowel
      {U"ᠪᠠᠭ\u180Eᠠ", U"ᠶᠢᠨ", U"ᠶᠢ", U"ᠳᠤ", U"ᠠᠴᠠ", U"ᠪᠠᠷ", U"ᠲᠠᠢ", U"ᠪᠠᠨ", U"ᠳᠤᠭᠠᠷ"},
      // front, MVS + e
      {U"ᠦᠷ\u180Eᠡ", U"ᠶᠢᠨ", U"ᠶᠢ", U"ᠳᠦ", U"ᠡᠴᠡ", U"ᠪᠡᠷ", U"ᠲᠡᠢ", U"ᠪᠡᠨ", U"ᠳᠦᠭᠡᠷ"},
      // neutral (i only) counts as front; vowel-final
      {U"ᠪᠢᠴᠢ", U"ᠶᠢᠨ", U"ᠶᠢ", U"ᠳᠦ", U"ᠡᠴᠡ", U"ᠪᠡᠷ", U"ᠲᠡᠢ", U"ᠪᠡᠨ", U"ᠳᠦᠭᠡᠷ"},
      // neutral, g-final
      {U"ᠪᠢᠴᠢᠭ", U"ᠦᠨ", U"ᠢ", U"ᠲᠦ", U"ᠡᠴᠡ", U"ᠢᠶᠡᠷ", U"ᠲᠡᠢ", U"ᠢᠶᠡᠨ", U"ᠳᠦᠭᠡᠷ"},
      // back, n-final
      {U"ᠣᠷᠣᠨ", U"ᠤ", U"ᠢ", U"ᠳᠤ", U"ᠠᠴᠠ", U"ᠢᠶᠠᠷ", U"ᠲᠠᠢ", U"ᠢᠶᠠᠨ", U"ᠳᠤᠭᠠᠷ"},
      // front, n-final
      {U"ᠲᠦᠮᠡᠨ", U"ᠦ", U"ᠢ", U"ᠳᠦ", U"ᠡᠴᠡ", U"ᠢᠶᠡᠷ", U"ᠲᠡᠢ", U"ᠢᠶᠡᠨ", U"ᠳᠦᠭᠡᠷ"},
      // back, r-final (t-dative)
      {U"ᠭᠠᠵᠠᠷ", U"ᠤᠨ", U"ᠢ", U"ᠲᠤ", U"ᠠᠴᠠ", U"ᠢᠶᠠᠷ", U"ᠲᠠᠢ", U"ᠢᠶᠠᠨ", U"ᠳᠤᠭᠠᠷ"},
      // front, l-final (d-dative)
      {U"ᠬᠡᠪᠯᠡᠯ", U"ᠦᠨ", U"ᠢ", U"ᠳᠦ", U"ᠡᠴᠡ", U"ᠢᠶᠡᠷ", U"ᠲᠡᠢ", U"ᠢᠶᠡᠨ", U"ᠳᠦᠭᠡᠷ"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(to_utf8(row.stem));
    EXPECT_EQ(to_utf8(suffix_after(row.stem, Suffix::kGenitive)), to_utf8(row.genitive));
    EXPECT_EQ(to_utf8(suffix_after(row.stem, Suffix::kAccusative)), to_utf8(row.accusative));
    EXPECT_EQ(to_utf8(suffix_after(row.stem, Suffix::kDative)), to_utf8(row.dative));
    EXPECT_EQ(to_utf8(suffix_after(row.stem, Suffix::kAblative)), to_utf8(row.ablative));
    EXPECT_EQ(to_utf8(suffix_after(row.stem, Suffix::kInstrumental)), to_utf8(row.instrumental));
    EXPECT_EQ(to_utf8(suffix_after(row.stem, Suffix::kComitative)), to_utf8(row.comitative));
    EXPECT_EQ(to_utf8(suffix_after(row.stem, Suffix::kReflexive)), to_utf8(row.reflexive));
    EXPECT_EQ(to_utf8(suffix_after(row.stem, Suffix::kOrdinal)), to_utf8(row.ordinal));
  }
}

TEST(MongolianSuffixes, DativeAfterEachFinalConsonant) {
  // ᠲᠤ after b g d r s only; n m l ng and the loan consonants take ᠳᠤ (studymongolian.net).
  for (char32_t c : {U'ᠪ', U'ᠭ', U'ᠳ', U'ᠷ', U'ᠰ'}) {
    EXPECT_EQ(to_utf8(suffix_after(std::u32string(U"ᠠ") + c, Suffix::kDative)), "ᠲᠤ")
        << to_utf8(std::u32string(1, c));
  }
  for (char32_t c : {U'ᠨ', U'ᠮ', U'ᠯ', U'ᠩ', U'ᠫ', U'ᠺ', U'ᠹ', U'ᠲ'}) {
    EXPECT_EQ(to_utf8(suffix_after(std::u32string(U"ᠠ") + c, Suffix::kDative)), "ᠳᠤ")
        << to_utf8(std::u32string(1, c));
  }
  // A variation selector after the last letter changes its shape, not the rule.
  EXPECT_EQ(to_utf8(suffix_after(U"ᠪᠢᠴᠢᠭ\u180B", Suffix::kDative)), "ᠲᠦ");
}

TEST(MongolianSuffixes, FormsListEveryAllomorphAndTheVariants) {
  const auto& forms = suffix_forms();
  auto listed = [&](const std::u32string& form, Suffix suffix) {
    for (const auto& [text, of] : forms) {
      if (text == form) return of == suffix;
    }
    return false;
  };
  const std::vector<std::u32string> stems{U"ᠠᠪᠤ",   U"ᠡᠪᠦ",   U"ᠣᠷᠣᠨ",   U"ᠲᠦᠮᠡᠨ",
                                          U"ᠭᠠᠵᠠᠷ", U"ᠪᠢᠴᠢᠭ", U"ᠮᠣᠩᠭᠣᠯ", U"ᠬᠡᠪᠯᠡᠯ"};
  for (int s = 0; s <= static_cast<int>(Suffix::kOrdinal); ++s) {
    const auto suffix = static_cast<Suffix>(s);
    for (const auto& stem : stems) {
      EXPECT_TRUE(listed(suffix_after(stem, suffix), suffix))
          << to_utf8(stem) << " " << to_string(suffix);
    }
  }
  EXPECT_TRUE(listed(U"ᠲᠠᠶ", Suffix::kComitative));  // Chimee's spelling
  EXPECT_TRUE(listed(U"ᠲᠡᠶ", Suffix::kComitative));
  for (const auto& [text, of] : forms) {
    for (char32_t c : text) EXPECT_TRUE(is_letter(c)) << to_utf8(text);
  }
}

TEST(MongolianSuffixes, NamesRoundTrip) {
  EXPECT_STREQ(to_string(Suffix::kOrdinal), "ordinal");
  EXPECT_STREQ(to_string(Suffix::kGenitive), "genitive");
  for (int s = 0; s <= static_cast<int>(Suffix::kOrdinal); ++s) {
    const auto suffix = static_cast<Suffix>(s);
    EXPECT_EQ(suffix_from_name(to_string(suffix)), suffix);
  }
  EXPECT_EQ(suffix_from_name("Ordinal"), std::nullopt);
  EXPECT_EQ(suffix_from_name(""), std::nullopt);
}

// [SECTION] Numerals

struct NumeralRow {
  std::int64_t n = 0;
  std::string reading, ordinal, genitive, dative;
};

std::vector<NumeralRow> read_numeral_table() {
  std::vector<NumeralRow> rows;
  std::ifstream file(KIOSK_MONGOLIAN_NUMERALS);
  std::string line;
  while (std::getline(file, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    NumeralRow row;
    std::string number;
    std::getline(fields, number, '\t');
    std::getline(fields, row.reading, '\t');
    std::getline(fields, row.ordinal, '\t');
    std::getline(fields, row.genitive, '\t');
    std::getline(fields, row.dative, '\t');
    row.n = std::stoll(number);
    rows.push_back(row);
  }
  return rows;
}

// The table's Latin names for the allomorphs, in the script.
const std::map<std::string, std::string> kAllomorphs{
    {"duγar", "ᠳᠤᠭᠠᠷ"}, {"düger", "ᠳᠦᠭᠡᠷ"}, {"u", "ᠤ"},   {"ü", "ᠦ"},   {"un", "ᠤᠨ"}, {"ün", "ᠦᠨ"},
    {"yin", "ᠶᠢᠨ"},     {"du", "ᠳᠤ"},       {"dü", "ᠳᠦ"}, {"tu", "ᠲᠤ"}, {"tü", "ᠲᠦ"}};

TEST(MongolianNumerals, AgreeWithTheReferenceTable) {
  const auto rows = read_numeral_table();
  ASSERT_GE(rows.size(), 115u) << KIOSK_MONGOLIAN_NUMERALS;
  for (std::int64_t n = 0; n <= 100; ++n) EXPECT_EQ(rows[static_cast<std::size_t>(n)].n, n);
  for (const auto& row : rows) {
    SCOPED_TRACE(row.n);
    EXPECT_EQ(transliterate(numeral_reading(row.n)), row.reading);
    const std::string digits = std::to_string(row.n) + "\u202F";
    ASSERT_TRUE(kAllomorphs.contains(row.ordinal) && kAllomorphs.contains(row.genitive) &&
                kAllomorphs.contains(row.dative));
    EXPECT_EQ(number_with_suffix(row.n, Suffix::kOrdinal), digits + kAllomorphs.at(row.ordinal));
    EXPECT_EQ(number_with_suffix(row.n, Suffix::kGenitive), digits + kAllomorphs.at(row.genitive));
    EXPECT_EQ(number_with_suffix(row.n, Suffix::kDative), digits + kAllomorphs.at(row.dative));
  }
}

TEST(MongolianNumerals, ReadingInTheScript) {
  EXPECT_EQ(numeral_reading(11), "ᠠᠷᠪᠠᠨ ᠨᠢᠭᠡᠨ");
  EXPECT_EQ(numeral_reading(6), "ᠵᠢᠷᠭᠤᠭᠠᠨ");
  EXPECT_EQ(numeral_reading(1007), "ᠮᠢᠩᠭ\u180Eᠠ ᠳᠣᠯᠣᠭᠠᠨ");
  EXPECT_EQ(numeral_reading(0), "ᠲᠡᠭ");
  EXPECT_EQ(numeral_reading(-1), "");
}

TEST(MongolianNumerals, TheGovernmentPortalsOrdinals) {
  EXPECT_EQ(number_with_suffix(4, Suffix::kOrdinal), "4\u202Fᠳᠦᠭᠡᠷ");
  EXPECT_EQ(number_with_suffix(3, Suffix::kOrdinal), "3\u202Fᠳᠤᠭᠠᠷ");
  EXPECT_EQ(number_with_suffix(10, Suffix::kOrdinal), "10\u202Fᠳᠤᠭᠠᠷ");
  EXPECT_EQ(number_with_suffix(11, Suffix::kOrdinal), "11\u202Fᠳᠦᠭᠡᠷ");
  EXPECT_EQ(number_with_suffix(213, Suffix::kOrdinal), "213\u202Fᠳᠤᠭᠠᠷ");
  for (int n : {1, 4, 9, 11}) {
    EXPECT_EQ(number_with_suffix(n, Suffix::kOrdinal), std::to_string(n) + "\u202Fᠳᠦᠭᠡᠷ");
  }
}

TEST(MongolianNumerals, CasesOnTheVowelStemAndOutOfRange) {
  // Accusative, instrumental, reflexive follow the stem without its unstable n.
  EXPECT_EQ(number_with_suffix(3, Suffix::kAccusative), "3\u202Fᠶᠢ");
  EXPECT_EQ(number_with_suffix(2, Suffix::kAccusative), "2\u202Fᠢ");
  EXPECT_EQ(number_with_suffix(10, Suffix::kInstrumental), "10\u202Fᠪᠠᠷ");
  EXPECT_EQ(number_with_suffix(10000, Suffix::kInstrumental), "10000\u202Fᠢᠶᠡᠷ");
  EXPECT_EQ(number_with_suffix(4, Suffix::kAblative), "4\u202Fᠡᠴᠡ");
  EXPECT_EQ(number_with_suffix(5, Suffix::kComitative), "5\u202Fᠲᠠᠢ");
  // A negative number ends as its magnitude does; no crash at the extremes.
  EXPECT_EQ(number_with_suffix(-4, Suffix::kOrdinal), "-4\u202Fᠳᠦᠭᠡᠷ");
  EXPECT_FALSE(number_with_suffix(INT64_MIN, Suffix::kOrdinal).empty());
  EXPECT_FALSE(number_with_suffix(INT64_MAX, Suffix::kOrdinal).empty());
}

// [SECTION] Templates

TEST(MongolianTemplates, Placeholders) {
  const auto found = placeholders("ᠬᠡ {version:ordinal} {name} {{a_1}}");
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].name, "version");
  EXPECT_EQ(found[0].suffix, "ordinal");
  EXPECT_EQ(found[0].byte, 7u);
  EXPECT_EQ(found[1].name, "name");
  EXPECT_EQ(found[1].suffix, "");
  EXPECT_EQ(found[1].byte, 25u);
  EXPECT_EQ(found[2].name, "a_1");
  EXPECT_EQ(found[2].byte, 33u);
  for (const char* text : {"{}", "{Name}", "{1a}", "{a:}", "{a", "{a-b}", "{a:b:c}", "{ a}", "}"}) {
    EXPECT_TRUE(placeholders(text).empty()) << text;
  }
  EXPECT_EQ(placeholders("{_x:unknown}").at(0).suffix, "unknown");
}

TEST(MongolianTemplates, Fill) {
  const std::vector<std::pair<std::string, std::string>> values{
      {"version", "4"},      {"count", "10"},          {"name", "ᠮᠣᠩᠭᠣᠯ"}, {"word", "abc"},
      {"braces", "{count}"}, {"big", "1000000000000"}, {"zeros", "007"},   {"year", "2024"}};
  EXPECT_EQ(fill_template("{version:ordinal} ᠬᠡᠪᠯᠡᠯ", values), "4\u202Fᠳᠦᠭᠡᠷ ᠬᠡᠪᠯᠡᠯ");
  EXPECT_EQ(fill_template("{count:genitive}|{count:dative}|{count}", values),
            "10\u202Fᠤ|10\u202Fᠳᠤ|10");
  EXPECT_EQ(fill_template("{year:ordinal} ᠣᠨ", values), "2024\u202Fᠳᠦᠭᠡᠷ ᠣᠨ");
  EXPECT_EQ(fill_template("{name} ᠪᠢᠴᠢᠭ", values), "ᠮᠣᠩᠭᠣᠯ ᠪᠢᠴᠢᠭ");
  EXPECT_EQ(fill_template("{braces}", values), "{count}");  // values are not expanded again
  EXPECT_EQ(fill_template("{zeros:ordinal}", values), "007\u202Fᠳᠤᠭᠠᠷ");
  // Left as written: no value, not a whole number, unknown suffix, out of range.
  EXPECT_EQ(fill_template("{missing} {missing:ordinal}", values), "{missing} {missing:ordinal}");
  EXPECT_EQ(fill_template("{word:ordinal}", values), "{word:ordinal}");
  EXPECT_EQ(fill_template("{version:plural}", values), "{version:plural}");
  EXPECT_EQ(fill_template("{big:ordinal}", values), "{big:ordinal}");
  for (const char* value : {"", "-3", "+3", "4a", " 4", "1e3", "٤"}) {
    EXPECT_EQ(fill_template("{v:ordinal}", {{"v", value}}), "{v:ordinal}") << value;
  }
  EXPECT_EQ(fill_template("{ {version} }", values), "{ 4 }");
  EXPECT_EQ(fill_template("", values), "");
}

}  // namespace
}  // namespace kiosk::mongolian
