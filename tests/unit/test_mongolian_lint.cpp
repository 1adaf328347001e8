// The Mongolian orthography and terminology lint (content/pipeline/lint_mongolian.cpp): each rule
// with a string that breaks it and one that does not, the file:line:column of a finding, the
// terms file, and the project's own content passing without an error.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "content/pipeline/pipeline.h"
#include "firmware/mongolian/mongolian.h"
#include "tests/support/test_support.h"

namespace kiosk::content {
namespace {

// A string as it would stand in ui_strings.toml line 7: `mn = "..."` (the value's quote at
// column 6), with `raw` written exactly as in the file (escapes and all).
MongolianString entry(const std::string& zh, const std::string& raw) {
  MongolianString string;
  string.key = "test.key";
  string.file = "ui_strings.toml";
  string.line = 7;
  string.value_column = 6;
  string.raw_line = "mn = \"" + raw + "\"";
  string.field = "mn";
  string.reviewed_field = "mn_reviewed";
  string.zh = zh;
  // The value: TOML's \uXXXX escapes decoded (the only escapes these tests use).
  std::string value;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw.compare(i, 2, "\\u") == 0) {
      const auto code = static_cast<char32_t>(std::stoul(raw.substr(i + 2, 4), nullptr, 16));
      value += mongolian::to_utf8(std::u32string(1, code));
      i += 5;
    } else {
      value += raw[i];
    }
  }
  string.mn = value;
  return string;
}

Terminology terms() {
  Terminology terminology;
  terminology.file = "terms.toml";
  terminology.terms.push_back({"内蒙古", "ᠥᠪᠦᠷ ᠮᠣᠩᠭᠣᠯ", "W-IM", {}, {}, 3});
  terminology.terms.push_back({"届", "ᠬᠤᠭᠤᠴᠠᠭ᠎ᠠ", "NMG-2017", {"ᠬᠤᠭᠤᠴᠠᠭᠠᠨ"}, {}, 8});
  terminology.terms.push_back(
      {"文件", "ᠪᠢᠴᠢᠭ ᠮᠠᠲ᠋ᠧᠷᠢᠶᠠᠯ", "NMG-NAV", {}, {"文件夹"}, 12});
  terminology.terms.push_back({"通辽市", "ᠲᠦᠩᠯᠢᠶᠣᠤ ᠬᠣᠲᠠ", "W-TL", {}, {}, 15});
  return terminology;
}

std::vector<LintWarning> lint(const std::string& zh, const std::string& raw) {
  return lint_mongolian(entry(zh, raw), terms());
}

// The findings of one rule.
std::vector<LintWarning> findings(const std::vector<LintWarning>& all, const std::string& rule) {
  std::vector<LintWarning> out;
  std::copy_if(all.begin(), all.end(), std::back_inserter(out),
               [&](const LintWarning& warning) { return warning.rule == rule; });
  return out;
}

TEST(MongolianLint, APlainSpaceBeforeASuffixIsAnError) {
  const auto bad =
      findings(lint("正在切换到新内容", "ᠠᠭᠤᠯᠭ\\u180Eᠠ ᠳᠤ ᠰᠣᠯᠢᠵᠤ"), "mn-space-before-suffix");
  ASSERT_EQ(bad.size(), 1U);
  EXPECT_TRUE(bad[0].error);
  // Column of the space: `mn = "` is 6 characters, ᠠᠭᠤᠯᠭ is 5, \u180E is written in 6, ᠠ is 1.
  EXPECT_EQ(bad[0].where.to_string().rfind("ui_strings.toml:7:19: error: test.key:", 0), 0U)
      << bad[0].where.to_string();
  EXPECT_TRUE(
      findings(lint("正在切换到新内容", "ᠠᠭᠤᠯᠭ\\u180Eᠠ\\u202Fᠳᠤ ᠰᠣᠯᠢᠵᠤ"), "mn-space-before-suffix")
          .empty());
  // ᠨᠢ is a particle written after a space, not a case suffix.
  EXPECT_TRUE(lint("", "ᠬᠡᠪᠯᠡᠯ ᠨᠢ ᠰᠢᠨ\\u180Eᠡ ᠪᠢᠰᠢ").empty());
}

TEST(MongolianLint, MvsOnlyAfterItsConsonantsAndBeforeAFinalVowel) {
  const auto after_t = findings(lint("答题结果", "ᠬᠠᠷᠢᠭᠤᠯᠲ\\u180Eᠠ"), "mn-mvs");
  ASSERT_EQ(after_t.size(), 1U);
  EXPECT_TRUE(after_t[0].error);
  EXPECT_NE(after_t[0].where.message.find("U+1832"), std::string::npos);
  const auto not_final = findings(lint("", "ᠪᠠᠭ\\u180Eᠠᠨ"), "mn-mvs");
  EXPECT_EQ(not_final.size(), 1U);
  for (const char* good :
       {"ᠬᠠᠷᠢᠭᠤᠯᠲᠠ", "ᠪᠠᠭ\\u180Eᠠ", "ᠦᠷ\\u180Eᠡ ᠳᠦᠩ", "ᠲᠠᠯ\\u180Eᠠ", "ᠣᠶᠢᠷ\\u180Eᠠ"})
    EXPECT_TRUE(findings(lint("", good), "mn-mvs").empty()) << good;
}

TEST(MongolianLint, RoundedVowelsBySyllable) {
  const auto obor = findings(lint("", "ᠥᠪᠥᠷ ᠮᠣᠩᠭᠣᠯ"), "mn-o-ö-position");
  ASSERT_EQ(obor.size(), 1U);
  EXPECT_TRUE(obor[0].error);
  EXPECT_TRUE(findings(lint("", "ᠥᠪᠦᠷ ᠮᠣᠩᠭᠣᠯ"), "mn-o-ö-position").empty());
  // ᠣ after the first syllable only after a first ᠣ (mongγol, oron); elsewhere a warning.
  const auto tongliao = findings(lint("", "ᠲᠦᠩᠯᠢᠶᠣᠣ"), "mn-o-ö-position");
  ASSERT_EQ(tongliao.size(), 1U);
  EXPECT_FALSE(tongliao[0].error);
  EXPECT_TRUE(findings(lint("", "ᠣᠷᠣᠨ ᠪᠣᠯᠣᠨ\\u180Eᠠ"), "mn-o-ö-position").empty());
  // An official name of terms.toml is as it is.
  EXPECT_TRUE(findings(lint("", "ᠲᠦᠩᠯᠢᠶᠣᠤ ᠬᠣᠲᠠ"), "mn-o-ö-position").empty());
}

TEST(MongolianLint, SuffixFormAndHarmonyAgreeWithTheStem) {
  const auto genitive =
      findings(lint("出厂内容", "ᠦᠢᠯᠡᠳᠪᠦᠷᠢ\\u202Fᠢᠨ ᠠᠭᠤᠯᠭ\\u180Eᠠ"), "mn-suffix-form");
  ASSERT_EQ(genitive.size(), 1U);
  EXPECT_NE(genitive[0].where.message.find("ᠶᠢᠨ"), std::string::npos);
  const auto harmony = findings(lint("", "ᠪᠢᠴᠢᠭ\\u202Fᠤᠨ"), "mn-suffix-form");
  ASSERT_EQ(harmony.size(), 1U);
  EXPECT_NE(harmony[0].where.message.find("ᠦᠨ"), std::string::npos);
  EXPECT_EQ(findings(lint("", "ᠳᠡᠯᠭᠡᠴᠡ\\u202Fᠲᠦ"), "mn-suffix-form").size(), 1U);
  for (const char* good :
       {"ᠦᠢᠯᠡᠳᠪᠦᠷᠢ\\u202Fᠶᠢᠨ", "ᠪᠢᠴᠢᠭ\\u202Fᠦᠨ", "ᠮᠣᠩᠭᠣᠯ\\u202Fᠤᠨ", "ᠣᠷᠣᠨ\\u202Fᠤ",
        "ᠬᠡᠪᠯᠡᠯ\\u202Fᠳᠦ", "ᠲᠣᠭ\\u180Eᠠ\\u202Fᠪᠠᠨ", "ᠦᠷ\\u180Eᠡ ᠳᠦᠩ\\u202Fᠢ"})
    EXPECT_TRUE(findings(lint("", good), "mn-suffix-form").empty()) << good;
}

TEST(MongolianLint, ASuffixAfterANumberNeedsTheNumberFunction) {
  // After a placeholder: the number is not known yet.
  EXPECT_EQ(
      findings(lint("第 {version} 版", "{version} ᠳᠤᠭᠠᠷ ᠬᠡᠪᠯᠡᠯ"), "mn-suffix-after-number").size(),
      1U);
  EXPECT_EQ(
      findings(lint("第 {version} 版", "{version}\\u202Fᠳᠤᠭᠠᠷ ᠬᠡᠪᠯᠡᠯ"), "mn-suffix-after-number")
          .size(),
      1U);
  EXPECT_TRUE(
      findings(lint("第 {version} 版", "{version:ordinal} ᠬᠡᠪᠯᠡᠯ"), "mn-suffix-after-number")
          .empty());
  // After digits: the form must be the one the numeral takes (4 dörben: front).
  EXPECT_EQ(findings(lint("", "4\\u202Fᠳᠤᠭᠠᠷ ᠰᠠᠷ\\u180Eᠠ"), "mn-suffix-after-number").size(), 1U);
  EXPECT_TRUE(findings(lint("", "4\\u202Fᠳᠦᠭᠡᠷ ᠰᠠᠷ\\u180Eᠠ"), "mn-suffix-after-number").empty());
  EXPECT_TRUE(findings(lint("", "10\\u202Fᠳᠤᠭᠠᠷ ᠰᠠᠷ\\u180Eᠠ"), "mn-suffix-after-number").empty());
  // After a bracket: the Mongolian inside it decides; Chinese inside gives nothing to agree with.
  EXPECT_TRUE(findings(lint("", "《ᠰᠢᠢᠳᠪᠦᠷᠢ》\\u202Fᠶᠢ"), "mn-suffix-after-number").empty());
  EXPECT_EQ(findings(lint("", "《ᠰᠢᠢᠳᠪᠦᠷᠢ》\\u202Fᠢ"), "mn-suffix-form").size(), 1U);
  EXPECT_EQ(findings(lint("", "《决定》\\u202Fᠶᠢ"), "mn-suffix-after-number").size(), 1U);
}

TEST(MongolianLint, PlaceholdersAreTheSameInBothLanguages) {
  const auto lost =
      findings(lint("答对 {score} 题，共 {total} 题", "ᠵᠥᠪ ᠬᠠᠷᠢᠭᠤᠯᠲᠠ"), "mn-placeholders");
  ASSERT_EQ(lost.size(), 1U);
  EXPECT_NE(lost[0].where.message.find("{score}"), std::string::npos);
  EXPECT_TRUE(findings(lint("答对 {score} 题，共 {total} 题", "ᠵᠥᠪ ᠬᠠᠷᠢᠭᠤᠯᠲᠠ᠄ {score} / {total}"),
                       "mn-placeholders")
                  .empty());
  EXPECT_EQ(findings(lint("第 {version} 版", "{version:plural} ᠬᠡᠪᠯᠡᠯ"), "mn-placeholders").size(),
            1U);
}

TEST(MongolianLint, LatinOnlyFromTheAllowListAndNoCyrillic) {
  EXPECT_EQ(findings(lint("", "ᠬᠡᠷᠡᠭᠯᠡᠭᠡᠨ update"), "mn-foreign-letters").size(), 1U);
  EXPECT_EQ(findings(lint("", "ᠬᠡᠷᠡᠭᠯᠡᠭᠡᠨ их"), "mn-foreign-letters").size(), 1U);
  EXPECT_TRUE(findings(lint("", "USB\\u202Fᠶᠢ ᠰᠢᠯᠭᠠᠵᠤ {version}"), "mn-foreign-letters").empty());
}

TEST(MongolianLint, AChineseTermNeedsItsCanonicalMongolian) {
  const auto name =
      findings(lint("内蒙古政策文件", "ᠥᠪᠥᠷ ᠮᠣᠩᠭᠣᠯ ᠪᠢᠴᠢᠭ ᠮᠠᠲ\\u180Bᠧᠷᠢᠶᠠᠯ"), "mn-term");
  ASSERT_EQ(name.size(), 1U);
  EXPECT_NE(name[0].where.message.find("terms.toml:3"), std::string::npos);
  EXPECT_TRUE(findings(lint("内蒙古", "ᠥᠪᠦᠷ ᠮᠣᠩᠭᠣᠯ\\u202Fᠤᠨ"), "mn-term").empty());
  // An inflected form listed with the term counts; a longer word that only contains it does not
  // ask for it.
  EXPECT_TRUE(findings(lint("第十一届", "ᠠᠷᠪᠠᠨ ᠨᠢᠭᠡᠳᠦᠭᠡᠷ ᠬᠤᠭᠤᠴᠠᠭᠠᠨ\\u202Fᠤ"), "mn-term").empty());
  EXPECT_TRUE(findings(lint("KIOSK 文件夹", "KIOSK ᠬᠠᠪᠲᠠᠰᠤ"), "mn-term").empty());
  EXPECT_EQ(findings(lint("通辽市", "ᠲᠦᠩᠯᠢᠶᠣᠣ ᠬᠣᠲᠠ"), "mn-term").size(), 1U);
}

TEST(MongolianLint, ShaBeforeIIsAWarning) {
  const auto sha = findings(lint("", "ᠤᠩᠱᠢᠵᠤ"), "mn-sha-before-i");
  ASSERT_EQ(sha.size(), 1U);
  EXPECT_FALSE(sha[0].error);
  EXPECT_TRUE(findings(lint("", "ᠤᠩᠰᠢᠵᠤ"), "mn-sha-before-i").empty());
}

TEST(MongolianLint, AnEmptyStringIsAnError) {
  const auto empty = findings(lint("首页", ""), "mn-empty");
  ASSERT_EQ(empty.size(), 1U);
  EXPECT_TRUE(empty[0].error);
}

// The content as shipped: every Mongolian string found, each with its position, and no error.
TEST(MongolianLint, TheProjectsContentHasNoError) {
  const std::string content = std::string(KIOSK_TESTS_DIR) + "/../content";
  auto strings = mongolian_strings(content);
  ASSERT_TRUE(strings) << strings.error();
  EXPECT_GE(strings->size(), 100U);  // 91 UI strings, 5 titles, 5 issuers
  std::size_t titles = 0;
  for (const auto& string : strings.value()) {
    EXPECT_GT(string.line, 0) << string.key;
    EXPECT_FALSE(string.mn.empty()) << string.key;
    if (string.field == "title_mn") ++titles;
  }
  EXPECT_EQ(titles, 5U);
  auto warnings = lint_mongolian_strings(content);
  ASSERT_TRUE(warnings) << warnings.error();
  for (const auto& warning : warnings.value())
    EXPECT_FALSE(warning.error) << warning.where.to_string();
}

TEST(MongolianLint, TermsFileErrorsNameTheLine) {
  const std::string dir = testing::test_output_dir() + "/mongolian-lint";
  std::filesystem::create_directories(dir);
  testing::write_file(dir + "/terms.toml",
                      "[[term]]\nzh = \"首页\"\nmn = \"ᠲᠡᠷᠢᠭᠦᠨ\"\nsrc = \"x\"\n");
  auto terms_file = load_terms(dir + "/terms.toml");
  ASSERT_FALSE(terms_file);
  EXPECT_NE(terms_file.error().find("terms.toml:4:1: unknown key 'src'"), std::string::npos)
      << terms_file.error();
}

// Without terms.toml the orthography is still checked, and the lint says the names are not.
TEST(MongolianLint, WithoutATermsFileTheLintSaysSoAndStillChecksTheSpelling) {
  const std::string dir = testing::test_output_dir() + "/mongolian-lint-no-terms";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir + "/documents");
  testing::write_file(dir + "/ui_strings.toml",
                      "[quiz.result]\nzh = \"答题结果\"\nmn = \"ᠬᠠᠷᠢᠭᠤᠯᠲ\\u180Eᠠ\"\n");
  auto terms_file = load_source_terms(dir);
  ASSERT_TRUE(terms_file) << terms_file.error();
  EXPECT_TRUE(terms_file->terms.empty());
  auto warnings = lint_mongolian_strings(dir);
  ASSERT_TRUE(warnings) << warnings.error();
  EXPECT_EQ(findings(warnings.value(), "mn-no-terms").size(), 1U);
  const auto mvs = findings(warnings.value(), "mn-mvs");
  ASSERT_EQ(mvs.size(), 1U);
  EXPECT_NE(mvs[0].where.to_string().find("ui_strings.toml:3:15: error: quiz.result:"),
            std::string::npos)
      << mvs[0].where.to_string();
}

}  // namespace
}  // namespace kiosk::content
