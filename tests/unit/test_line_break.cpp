// Line breaking: the clreq rules on top of ICU, and the Mongolian "only at spaces" rule.
#include <gtest/gtest.h>

#include "tests/support/test_support.h"
#include "ui/text/line_break.h"

namespace kiosk::text {
namespace {

TEST(Clreq, ClosingPunctuationNeverStartsALine) {
  for (char32_t closing : std::u32string(U"、，。；：！？」』”’）》〉…")) {
    EXPECT_FALSE(clreq_allows_break(U'字', closing))
        << "U+" << std::hex << static_cast<unsigned>(closing);
  }
}

TEST(Clreq, OpeningPunctuationNeverEndsALine) {
  for (char32_t opening : std::u32string(U"「『“‘（《〈")) {
    EXPECT_FALSE(clreq_allows_break(opening, U'字'))
        << "U+" << std::hex << static_cast<unsigned>(opening);
  }
}

TEST(Clreq, DashesEllipsisInterpunctAndWaveDashStayWithWhatPrecedes) {
  for (char32_t c : std::u32string(U"—⸺·～…")) {
    EXPECT_FALSE(clreq_allows_break(U'字', c))
        << "before U+" << std::hex << static_cast<unsigned>(c);
  }
  EXPECT_FALSE(clreq_allows_break(U'—', U'—')) << "inside ——";
  EXPECT_FALSE(clreq_allows_break(U'…', U'…')) << "inside ……";
}

TEST(Clreq, MongolianColonStaysWithOpeningTitleMark) {
  EXPECT_FALSE(clreq_allows_break(U'\u1804', U'《'));
  EXPECT_TRUE(clreq_allows_break(U'字', U'字'));
}

TEST(Clreq, MongolianJoinersAreNeverBreakPoints) {
  for (char32_t joiner : std::u32string(U"\u202F\u180E\u180B\u180C\u180D\u180F\u200D")) {
    EXPECT_FALSE(clreq_allows_break(U'\u1820', joiner));
    EXPECT_FALSE(clreq_allows_break(joiner, U'\u1820'));
  }
}

class BreakerTest : public ::testing::Test {
 protected:
  std::vector<BreakKind> find(const std::string& text, bool only_at_spaces) {
    decode_utf8(text, chars_);
    for (auto& info : chars_) {
      info.script = hb_unicode_script(hb_unicode_funcs_get_default(), info.codepoint);
    }
    std::vector<BreakKind> breaks;
    breaker_.find(text, chars_, only_at_spaces, breaks);
    return breaks;
  }
  std::vector<CharInfo> chars_;
  LineBreaker breaker_;
};

TEST_F(BreakerTest, IcuBreaksBetweenIdeographsButNotBeforeComma) {
  const auto breaks = find("中国，人民", false);
  ASSERT_EQ(breaks.size(), 6U);
  EXPECT_EQ(breaks[1], BreakKind::kAllowed);  // between ideographs
  EXPECT_EQ(breaks[2], BreakKind::kNone);     // never before ，
  EXPECT_EQ(breaks[3], BreakKind::kAllowed);  // after ，
  EXPECT_EQ(breaks[5], BreakKind::kMandatory);
}

TEST_F(BreakerTest, MongolianBreaksOnlyAfterSpaces) {
  // ᠨᠡᠷ᠎ᠡ has MVS, ᠲᠡᠢ after NNBSP is a suffix: neither may be broken.
  const std::string text = "ᠨᠡᠷ\u180Eᠡ ᠤᠴᠢᠷ\u202Fᠲᠠᠢ᠂ ᠪᠠᠢᠠᠭ᠃";
  const auto breaks = find(text, true);
  for (std::size_t i = 1; i < chars_.size(); ++i) {
    const bool after_space = chars_[i - 1].codepoint == U' ';
    EXPECT_EQ(breaks[i] != BreakKind::kNone, after_space) << "at character " << i;
  }
}

}  // namespace
}  // namespace kiosk::text
