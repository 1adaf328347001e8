// Horizontal Chinese layout: line starts and ends, justification, indent, fidelity.
#include <gtest/gtest.h>

#include <cmath>

#include "tests/support/test_support.h"

namespace kiosk::text {
namespace {

const std::u32string kProhibitedAtLineStart = U"、，。；：！？」』”’）》〉…";
const std::u32string kProhibitedAtLineEnd = U"「『“‘（《〈";

class LayoutTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { font_set_ = testing::load_kiosk_fonts(); }
  static void TearDownTestSuite() { font_set_.reset(); }
  static std::unique_ptr<FontSet> font_set_;
  FontSet* fonts_ = font_set_.get();
};
std::unique_ptr<FontSet> LayoutTest::font_set_;

ParagraphStyle body_style(float width) {
  ParagraphStyle style;
  style.language = "zh";
  style.font_size_px = 32;
  style.max_extent_px = width;
  style.first_line_indent_em = 2;
  style.justify = true;
  return style;
}

// The right edge of a line: where the pen stands after its last glyph.
float right_edge(const Line& line) {
  for (auto run = line.runs.rbegin(); run != line.runs.rend(); ++run) {
    if (!run->glyphs.empty()) return run->glyphs.back().x + run->glyphs.back().advance;
  }
  return 0;
}

TEST_F(LayoutTest, Seed000AtEveryWidthKeepsClreqRulesJustifiesAndLosesNothing) {
  const auto paragraphs = testing::seed_paragraphs("000_cfe9554b2698badf.txt");
  ASSERT_GT(paragraphs.size(), 30U);
  TextEngine engine(*fonts_);
  std::size_t lines_checked = 0;
  for (int width = 320; width <= 1920; width += 16) {
    for (const std::string& paragraph : paragraphs) {
      const Layout layout = engine.layout(paragraph, body_style(static_cast<float>(width)));
      ASSERT_EQ(layout.missing_glyphs, 0U) << paragraph;
      std::string joined;
      for (std::size_t i = 0; i < layout.lines.size(); ++i) {
        const Line& line = layout.lines[i];
        const std::string line_text =
            paragraph.substr(line.text_begin, line.text_end - line.text_begin);
        joined += line_text;
        const std::u32string chars = testing::to_utf32(line_text);
        ASSERT_FALSE(chars.empty());
        const bool last = i + 1 == layout.lines.size();
        if (i > 0) {
          EXPECT_EQ(kProhibitedAtLineStart.find(chars.front()), std::u32string::npos)
              << "width " << width << ": line " << i
              << " starts with a prohibited character: " << line_text;
        }
        if (!last) {
          EXPECT_EQ(kProhibitedAtLineEnd.find(chars.back()), std::u32string::npos)
              << "width " << width << ": line " << i
              << " ends with an opening character: " << line_text;
          EXPECT_NEAR(right_edge(line), static_cast<float>(width), 0.5F)
              << "width " << width << ": line " << i << " is not justified: " << line_text;
        } else {
          EXPECT_LE(right_edge(line), static_cast<float>(width) + 0.5F);
        }
        ++lines_checked;
      }
      ASSERT_EQ(joined, paragraph) << "the lines do not add up to the paragraph at width " << width;
    }
  }
  EXPECT_GT(lines_checked, 10000U);
}

TEST_F(LayoutTest, FirstLineIsIndentedByTwoEm) {
  TextEngine engine(*fonts_);
  const Layout layout = engine.layout(
      "为全面贯彻党的二十大精神，深入落实习近平总书记对内蒙古的重要指示精神。", body_style(600));
  ASSERT_GE(layout.lines.size(), 2U);
  EXPECT_FLOAT_EQ(layout.lines[0].runs.front().glyphs.front().x, 64.0F);
  EXPECT_FLOAT_EQ(layout.lines[1].runs.front().glyphs.front().x, 0.0F);
}

TEST_F(LayoutTest, GlyphsAdvanceMonotonicallyAndEveryCharacterIsDrawn) {
  TextEngine engine(*fonts_);
  const std::string text = "“两个确立”——全面建设社会主义现代化国家……2023年，GDP增长5.2%。";
  const Layout layout = engine.layout(text, body_style(400));
  ASSERT_EQ(layout.missing_glyphs, 0U);
  std::size_t glyphs = 0;
  for (const Line& line : layout.lines) {
    float previous = -1;
    for (const GlyphRun& run : line.runs) {
      for (const Glyph& glyph : run.glyphs) {
        EXPECT_GT(glyph.x, previous);
        EXPECT_NE(glyph.id, 0U) << "notdef in " << text;
        previous = glyph.x;
        ++glyphs;
      }
    }
  }
  // Noto Sans CJK draws —— as one two-em ligature: one glyph fewer than characters.
  EXPECT_EQ(glyphs + 1, testing::to_utf32(text).size());
  bool found_dash = false;
  const auto dash = text.find("——");
  for (const Line& line : layout.lines) {
    for (const GlyphRun& run : line.runs) {
      for (const Glyph& glyph : run.glyphs) {
        if (glyph.cluster == dash) {
          found_dash = true;
          EXPECT_FLOAT_EQ(glyph.advance, 64.0F);
        }
      }
    }
  }
  EXPECT_TRUE(found_dash);
}

TEST_F(LayoutTest, LineEndPunctuationIsCompressedWithHalt) {
  TextEngine engine(*fonts_);
  ParagraphStyle style = body_style(10 * 32 + 16);  // ten ideographs and half an em
  style.first_line_indent_em = 0;
  const Layout layout = engine.layout("一二三四五六七八九十，一二三", style);
  ASSERT_EQ(layout.lines.size(), 2U) << "the comma fits only when compressed";
  const Glyph& comma = layout.lines[0].runs.back().glyphs.back();
  EXPECT_FLOAT_EQ(comma.advance, 16.0F);
  style.compress_line_end_punctuation = false;
  const Layout uncompressed = engine.layout("一二三四五六七八九十，一二三", style);
  EXPECT_EQ(testing::to_utf32(
                std::string("一二三四五六七八九十，一二三")
                    .substr(uncompressed.lines[0].text_begin,
                            uncompressed.lines[0].text_end - uncompressed.lines[0].text_begin))
                .size(),
            9U)
      << "without halt, 十 must move down with its comma";
}

TEST_F(LayoutTest, NoLineStartsWithDashOrEllipsisAtAnyWidth) {
  TextEngine engine(*fonts_);
  const std::string text =
      "我们要坚持——坚定不移地——走自己的路……继续前进～不断发展·共同进步《决定》「全会」。";
  // From three ems up, the narrowest measure that holds a character and its "——".
  for (int width = 96; width <= 900; width += 4) {
    ParagraphStyle style = body_style(static_cast<float>(width));
    style.first_line_indent_em = 0;
    const Layout layout = engine.layout(text, style);
    for (std::size_t i = 1; i < layout.lines.size(); ++i) {
      const char32_t first = testing::to_utf32(text.substr(layout.lines[i].text_begin, 4)).front();
      EXPECT_EQ(std::u32string(U"—…～·、，。；：！？」』”’）》〉").find(first),
                std::u32string::npos)
          << "width " << width << " line " << i;
    }
  }
}

TEST_F(LayoutTest, InvalidUtf8IsDrawnAsReplacementAndLosesNothingElse) {
  TextEngine engine(*fonts_);
  const std::string text = std::string("中国") + "\xFF\xC0" + "人民";
  const Layout layout = engine.layout(text, body_style(800));
  ASSERT_EQ(layout.lines.size(), 1U);
  std::size_t glyphs = 0;
  for (const GlyphRun& run : layout.lines[0].runs) glyphs += run.glyphs.size();
  EXPECT_EQ(glyphs, 6U);
}

TEST_F(LayoutTest, EmptyTextGivesNoLines) {
  TextEngine engine(*fonts_);
  EXPECT_TRUE(engine.layout("", body_style(800)).lines.empty());
}

}  // namespace
}  // namespace kiosk::text
