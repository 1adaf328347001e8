// Vertical layout: Mongolian columns (shaped left to right, turned 90° clockwise, advancing
// left to right), Chinese inside them, and vertical Chinese titles.
#include <gtest/gtest.h>

#include <hb-ot.h>
#include <hb.h>

#include <memory>

#include "tests/support/test_support.h"

namespace kiosk::text {
namespace {

class VerticalTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { font_set_ = testing::load_kiosk_fonts(); }
  static void TearDownTestSuite() { font_set_.reset(); }
  static std::unique_ptr<FontSet> font_set_;
  FontSet* fonts_ = font_set_.get();
};
std::unique_ptr<FontSet> VerticalTest::font_set_;

ParagraphStyle mongolian_columns(float height) {
  ParagraphStyle style;
  style.language = "mn";
  style.mode = WritingMode::kVerticalMongolian;
  style.font_size_px = 32;
  style.max_extent_px = height;
  return style;
}

// Shapes `text` with HarfBuzz alone, from the font file, as hb-shape would:
// --script=Mong --language=mn --direction=ltr.
std::vector<std::uint32_t> harfbuzz_glyphs(const std::string& font_path, unsigned face_index,
                                           const std::string& text, const char* script,
                                           const char* language, hb_direction_t direction) {
  hb_blob_t* blob = hb_blob_create_from_file(font_path.c_str());
  hb_face_t* face = hb_face_create(blob, face_index);
  hb_font_t* font = hb_font_create(face);
  hb_buffer_t* buffer = hb_buffer_create();
  hb_buffer_add_utf8(buffer, text.data(), static_cast<int>(text.size()), 0, -1);
  hb_buffer_set_script(buffer, hb_script_from_string(script, -1));
  hb_buffer_set_language(buffer, hb_language_from_string(language, -1));
  hb_buffer_set_direction(buffer, direction);
  hb_shape(font, buffer, nullptr, 0);
  unsigned count = 0;
  const hb_glyph_info_t* infos = hb_buffer_get_glyph_infos(buffer, &count);
  std::vector<std::uint32_t> ids;
  for (unsigned i = 0; i < count; ++i) ids.push_back(infos[i].codepoint);
  hb_buffer_destroy(buffer);
  hb_font_destroy(font);
  hb_face_destroy(face);
  hb_blob_destroy(blob);
  return ids;
}

std::string glyph_name(const FontSet& fonts, FontIndex font_index, std::uint32_t glyph) {
  hb_blob_t* blob = hb_blob_create_from_file(fonts.path(font_index).c_str());
  hb_face_t* face = hb_face_create(blob, 0);
  hb_font_t* font = hb_font_create(face);
  char name[64] = "";
  hb_font_get_glyph_name(font, glyph, name, sizeof name);
  hb_font_destroy(font);
  hb_face_destroy(face);
  hb_blob_destroy(blob);
  return name;
}

TEST_F(VerticalTest, UdhrRunsHaveTheGlyphsHarfBuzzGivesForTheirText) {
  const std::string text = testing::udhr_article1();
  TextEngine engine(*fonts_);
  for (float height : {300.0F, 480.0F, 777.0F, 1080.0F}) {
    const Layout layout = engine.layout(text, mongolian_columns(height));
    ASSERT_EQ(layout.missing_glyphs, 0U);
    ASSERT_GT(layout.lines.size(), 1U);
    std::size_t mongolian_runs = 0;
    for (const Line& column : layout.lines) {
      for (const GlyphRun& run : column.runs) {
        ASSERT_STREQ(run.script, "Mong");
        ++mongolian_runs;
        const std::string run_text = text.substr(run.text_begin, run.text_end - run.text_begin);
        std::vector<std::uint32_t> ours;
        for (const Glyph& glyph : run.glyphs) ours.push_back(glyph.id);
        EXPECT_EQ(ours, harfbuzz_glyphs(fonts_->path(run.font), 0, run_text, "Mong", "mn",
                                        HB_DIRECTION_LTR))
            << "column height " << height << ", run: " << run_text;
        EXPECT_EQ(run.rotation, Rotation::kClockwise90);
        EXPECT_EQ(run.direction, Direction::kLeftToRight);
      }
    }
    EXPECT_GE(mongolian_runs, layout.lines.size());
  }
}

TEST_F(VerticalTest, ColumnsAdvanceLeftToRightAndTextRunsTopToBottom) {
  const std::string text = testing::udhr_article1();
  TextEngine engine(*fonts_);
  const Layout layout = engine.layout(text, mongolian_columns(480));
  for (std::size_t i = 1; i < layout.lines.size(); ++i) {
    EXPECT_GT(layout.lines[i].x, layout.lines[i - 1].x);
  }
  for (const Line& column : layout.lines) {
    float previous_y = -1;
    for (const GlyphRun& run : column.runs) {
      for (const Glyph& glyph : run.glyphs) {
        EXPECT_GE(glyph.y, previous_y);
        previous_y = glyph.y;
      }
    }
    EXPECT_LE(column.extent, 480.5F);
  }
}

TEST_F(VerticalTest, ColumnsBreakOnlyAtSpacesNeverAtNnbspOrMvs) {
  const std::string text = testing::udhr_article1();
  ASSERT_NE(text.find("\u202F"), std::string::npos) << "the paragraph has NNBSP";
  ASSERT_NE(text.find("\u180E"), std::string::npos) << "the paragraph has MVS";
  TextEngine engine(*fonts_);
  // From the length of the longest word (about 200 px at 32 px) up, every column ends at a
  // space; below it a word must be cut, but never at NNBSP, MVS or a variation selector.
  for (int height = 64; height <= 1200; height += 7) {
    const Layout layout = engine.layout(text, mongolian_columns(static_cast<float>(height)));
    std::string joined;
    for (std::size_t i = 0; i < layout.lines.size(); ++i) {
      const Line& column = layout.lines[i];
      joined += text.substr(column.text_begin, column.text_end - column.text_begin);
      if (i + 1 == layout.lines.size()) continue;
      if (height >= 240) {
        ASSERT_EQ(text[column.text_end - 1], ' ')
            << "column " << i << " at height " << height << " does not end at a space";
      }
      const std::u32string before = testing::to_utf32(text.substr(column.text_end - 3, 3));
      const std::u32string after = testing::to_utf32(text.substr(column.text_end, 3));
      for (char32_t joiner : std::u32string(U"\u202F\u180E\u180B\u180C\u180D\u180F")) {
        ASSERT_NE(before.back(), joiner) << "height " << height << " column " << i;
        ASSERT_NE(after.front(), joiner) << "height " << height << " column " << i;
      }
    }
    ASSERT_EQ(joined, text);
  }
}

// A suffix after U+202F (or a detached vowel after U+180E) belongs to the Mongolian word after
// it, whatever precedes: a digit, a closing bracket, Latin or a placeholder's value. The run
// that holds the suffix starts at the NNBSP and shapes as HarfBuzz shapes that text alone (the
// suffix forms, not the word-initial ones).
TEST_F(VerticalTest, NnbspAndMvsBindToTheMongolianThatFollowsThem) {
  const struct {
    const char* text;
    const char* suffix_run;  // the run that must hold the suffix, NNBSP included
  } cases[] = {
      {"5\u202Fᠳᠦᠭᠡᠷ", "\u202Fᠳᠦᠭᠡᠷ"},          {"2023\u202Fᠣᠨ", "\u202Fᠣᠨ"},
      {"ᠱᠢᠢᠳᠪᠦᠷᠢ》\u202Fᠶᠢ ᠦᠵᠡᠬᠦ", "\u202Fᠶᠢ"}, {"USB\u202Fᠶᠢ ᠰᠢᠯᠭᠠᠵᠤ", "\u202Fᠶᠢ"},
      {"《决定》\u202Fᠦᠨ", "\u202Fᠦᠨ"},         {"12\u180Eᠠ", "\u180Eᠠ"},
  };
  TextEngine engine(*fonts_);
  for (const auto& test_case : cases) {
    const std::string text = test_case.text;
    const Layout layout = engine.layout(text, mongolian_columns(2000));
    ASSERT_EQ(layout.missing_glyphs, 0U) << text;
    ASSERT_EQ(layout.lines.size(), 1U) << text;
    const GlyphRun* suffix = nullptr;
    for (const GlyphRun& run : layout.lines[0].runs) {
      const std::string run_text = text.substr(run.text_begin, run.text_end - run.text_begin);
      if (run_text.find(test_case.suffix_run) != std::string::npos) suffix = &run;
    }
    ASSERT_NE(suffix, nullptr) << text << ": no run holds " << test_case.suffix_run;
    const std::string run_text =
        text.substr(suffix->text_begin, suffix->text_end - suffix->text_begin);
    EXPECT_EQ(run_text.rfind(test_case.suffix_run, 0), 0U)
        << text << ": the suffix's run is '" << run_text << "'";
    EXPECT_STREQ(suffix->script, "Mong") << text;
    EXPECT_EQ(fonts_->path(suffix->font), fonts_->path(layout.lines[0].runs.back().font));
    std::vector<std::uint32_t> ours;
    for (const Glyph& glyph : suffix->glyphs) ours.push_back(glyph.id);
    EXPECT_EQ(ours, harfbuzz_glyphs(fonts_->path(suffix->font), 0, run_text, "Mong", "mn",
                                    HB_DIRECTION_LTR))
        << text;
  }
  // The suffix's first letter takes its suffix form, not the word-initial one that the same
  // letters get when they start a word (as they did when the NNBSP joined the digit's run).
  const std::string alone = "ᠳᠦᠭᠡᠷ";
  const Layout suffixed = engine.layout("5\u202F" + alone, mongolian_columns(2000));
  const Layout word = engine.layout(alone, mongolian_columns(2000));
  const GlyphRun& suffix_run = suffixed.lines[0].runs.back();
  const GlyphRun& word_run = word.lines[0].runs.back();
  ASSERT_FALSE(suffix_run.glyphs.empty());
  EXPECT_NE(suffix_run.glyphs[1].id, word_run.glyphs[0].id)
      << "the ᠳ after NNBSP must not be drawn as a word-initial ᠳ";
}

// However narrow the column, a suffix never starts one: the break before it is at the space
// before its word, never at the NNBSP, whatever precedes the NNBSP.
TEST_F(VerticalTest, ASuffixNeverStartsAColumn) {
  const std::string text =
      "ᠡᠨᠡ 2023\u202Fᠣᠨ\u202Fᠤ ᠪᠢᠴᠢᠭ\u202Fᠦᠨ 5\u202Fᠳᠦᠭᠡᠷ ᠬᠡᠰᠡᠭ ᠱᠢᠢᠳᠪᠦᠷᠢ》\u202Fᠶᠢ USB\u202Fᠶᠢ "
      "ᠲᠠᠯ\u180Eᠠ\u202Fᠪᠠᠷ ᠦᠵᠡᠬᠦ";
  TextEngine engine(*fonts_);
  for (int height = 40; height <= 900; height += 9) {
    const Layout layout = engine.layout(text, mongolian_columns(static_cast<float>(height)));
    for (std::size_t i = 1; i < layout.lines.size(); ++i) {
      const std::u32string start = testing::to_utf32(text.substr(layout.lines[i].text_begin, 3));
      ASSERT_FALSE(start.empty());
      EXPECT_NE(start.front(), U'\u202F') << "height " << height << " column " << i;
      EXPECT_NE(start.front(), U'\u180E') << "height " << height << " column " << i;
      // From the longest word's length up (about 300 px at 32 px), every column starts a word.
      if (height < 320) continue;
      const std::u32string before = testing::to_utf32(text.substr(0, layout.lines[i].text_begin));
      EXPECT_EQ(before.back(), U' ')
          << "height " << height << ": column " << i << " does not start after a space";
    }
  }
}

TEST_F(VerticalTest, FreeVariationSelectorsChooseTheirFormsInTheRunOfTheirLetters) {
  // ᠭ (U+182D) in initial and medial position with FVS1–4: each selects a form of its own.
  const struct {
    const char* word;
    const char* expected_glyph;
  } cases[] = {
      {"ᠭᠠ", "uni182D.Hx.init"},        {"ᠭ\u180Bᠠ", "uni182D.H.init"},
      {"ᠠᠭ\u180Cᠠ", "uni182D.G.medi"},  {"ᠠᠭ\u180Dᠠ", "uni182D.H.medi"},
      {"ᠠᠭ\u180Fᠠ", "uni182D.Gx.medi"},
  };
  TextEngine engine(*fonts_);
  for (const auto& test_case : cases) {
    const std::string text = std::string("ᠮᠣᠩᠭᠣᠯ ") + test_case.word + " ᠬᠡᠯᠡ";
    const Layout layout = engine.layout(text, mongolian_columns(2000));
    ASSERT_EQ(layout.lines.size(), 1U);
    ASSERT_EQ(layout.lines[0].runs.size(), 1U) << "the selectors must stay in the letters' run";
    std::vector<std::string> names;
    for (const Glyph& glyph : layout.lines[0].runs[0].glyphs) {
      names.push_back(glyph_name(*fonts_, layout.lines[0].runs[0].font, glyph.id));
    }
    EXPECT_NE(std::find(names.begin(), names.end(), test_case.expected_glyph), names.end())
        << test_case.word;
  }
}

TEST_F(VerticalTest, ChineseInsideMongolianIsUprightAndCentredDigitsAreSideways) {
  const std::string text = "ᠮᠣᠩᠭᠣᠯ 中国 2023 ᠬᠡᠯᠡ";
  TextEngine engine(*fonts_);
  const Layout layout = engine.layout(text, mongolian_columns(2000));
  ASSERT_EQ(layout.lines.size(), 1U);
  const Line& column = layout.lines[0];
  bool saw_han = false;
  bool saw_digits = false;
  for (const GlyphRun& run : column.runs) {
    const std::string run_text = text.substr(run.text_begin, run.text_end - run.text_begin);
    if (run_text == "中国") {
      saw_han = true;
      EXPECT_EQ(run.rotation, Rotation::kNone);
      EXPECT_EQ(run.direction, Direction::kTopToBottom);
      for (const Glyph& glyph : run.glyphs) {
        // An ideograph is one em wide: its centre is on the column axis.
        EXPECT_NEAR(glyph.x + 16.0F, column.x, 0.5F);
      }
    }
    if (run_text.find("2023") != std::string::npos) {
      saw_digits = true;
      EXPECT_EQ(run.rotation, Rotation::kClockwise90);
    }
  }
  EXPECT_TRUE(saw_han);
  EXPECT_TRUE(saw_digits);
}

TEST_F(VerticalTest, VerticalChineseUsesVertFormsAndColumnsRunRightToLeft) {
  ParagraphStyle style;
  style.language = "zh";
  style.mode = WritingMode::kVerticalChinese;
  style.font_size_px = 32;
  style.max_extent_px = 32 * 6;
  const std::string text = "关于全方位建设模范自治区的决定，《条例》";
  TextEngine engine(*fonts_);
  const Layout layout = engine.layout(text, style);
  ASSERT_GE(layout.lines.size(), 3U);
  for (std::size_t i = 1; i < layout.lines.size(); ++i) {
    EXPECT_LT(layout.lines[i].x, layout.lines[i - 1].x);
  }
  // The comma and the title marks take their vertical forms, as HarfBuzz gives them in TTB.
  std::vector<std::uint32_t> ours;
  for (const Line& column : layout.lines) {
    for (const GlyphRun& run : column.runs) {
      EXPECT_EQ(run.direction, Direction::kTopToBottom);
      for (const Glyph& glyph : run.glyphs) ours.push_back(glyph.id);
    }
  }
  const auto vertical =
      harfbuzz_glyphs(fonts_->path(0), 2, text, "Hani", "zh-Hans", HB_DIRECTION_TTB);
  const auto horizontal =
      harfbuzz_glyphs(fonts_->path(0), 2, text, "Hani", "zh-Hans", HB_DIRECTION_LTR);
  EXPECT_EQ(ours, vertical);
  EXPECT_NE(vertical, horizontal);
}

}  // namespace
}  // namespace kiosk::text
