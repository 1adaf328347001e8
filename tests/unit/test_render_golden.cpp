// Golden screenshots: text rendered headless with SDL's software renderer, compared with the
// reviewed images in tests/golden with a tolerance. A failing run saves the actual image, the
// expected one and a diff in build/<preset>/test-output/. Regenerate with
// KIOSK_UPDATE_GOLDENS=1 and look at every changed image before committing it.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "tests/support/test_support.h"
#include "ui/render/render.h"

namespace kiosk {
namespace {

constexpr render::Color kPaper{250, 247, 240, 255};
constexpr render::Color kInk{28, 28, 30, 255};

render::Image render_text(const std::string& text, const text::ParagraphStyle& style) {
  auto fonts = testing::load_kiosk_fonts();
  text::TextEngine engine(*fonts);
  const text::Layout layout = engine.layout(text, style);
  EXPECT_EQ(layout.missing_glyphs, 0U);
  constexpr int kMargin = 24;
  auto canvas =
      render::Canvas::create_headless({static_cast<int>(std::ceil(layout.width)) + 2 * kMargin,
                                       static_cast<int>(std::ceil(layout.height)) + 2 * kMargin});
  EXPECT_TRUE(canvas.ok()) << (canvas.ok() ? "" : canvas.error());
  if (!canvas.ok()) return {};
  render::Image image;
  {
    render::GlyphAtlas atlas(canvas->renderer(), *fonts);
    canvas->clear(kPaper);
    auto drawn = render::draw_layout(atlas, layout, {kMargin, kMargin}, kInk);
    EXPECT_TRUE(drawn.ok());
    auto pixels = canvas->read_pixels();
    EXPECT_TRUE(pixels.ok());
    if (pixels.ok()) image = std::move(pixels.value());
  }
  return image;
}

void expect_matches_golden(const render::Image& actual, const std::string& name) {
  ASSERT_GT(actual.width, 0);
  const std::string golden = std::string(KIOSK_TESTS_DIR) + "/golden/" + name + ".png";
  if (testing::update_goldens()) {
    ASSERT_TRUE(render::save_png(actual, golden).ok());
    GTEST_SKIP() << "updated " << golden << ": look at it before committing";
  }
  const std::string out = testing::test_output_dir() + "/" + name;
  auto expected = render::load_png(golden);
  if (!expected.ok()) {
    (void)render::save_png(actual, out + ".actual.png");
    FAIL() << "no golden image " << golden << " (" << expected.error() << "); the actual image is "
           << out << ".actual.png — create goldens with KIOSK_UPDATE_GOLDENS=1";
  }
  const render::ImageComparison comparison = render::compare_images(expected.value(), actual);
  if (!comparison.passed) {
    (void)render::save_png(actual, out + ".actual.png");
    (void)render::save_png(expected.value(), out + ".expected.png");
    (void)render::save_diff_png(expected.value(), actual, out + ".diff.png");
    FAIL() << name << ": " << comparison.message << "; saved " << out
           << ".{actual,expected,diff}.png";
  }
}

TEST(RenderGolden, ChineseParagraphJustifiedWithIndent) {
  const auto paragraphs = testing::seed_paragraphs("000_cfe9554b2698badf.txt");
  ASSERT_GT(paragraphs.size(), 3U);
  text::ParagraphStyle style;
  style.language = "zh";
  style.font_size_px = 30;
  style.max_extent_px = 890;  // not a whole number of ems: lines are really justified
  style.first_line_indent_em = 2;
  style.justify = true;
  // The first body paragraph: quotation marks, enumeration comma, full stops.
  expect_matches_golden(render_text(paragraphs[3], style), "chinese-paragraph");
}

TEST(RenderGolden, MongolianParagraphInVerticalColumns) {
  text::ParagraphStyle style;
  style.language = "mn";
  style.mode = text::WritingMode::kVerticalMongolian;
  style.font_size_px = 36;
  style.max_extent_px = 560;
  expect_matches_golden(render_text(testing::udhr_article1(), style), "mongolian-vertical");
}

TEST(RenderGolden, ComparisonNoticesAChangedGlyph) {
  // The tolerance must not hide a real change: the same paragraph with one character changed.
  text::ParagraphStyle style;
  style.language = "zh";
  style.font_size_px = 30;
  style.max_extent_px = 600;
  const render::Image original = render_text("全方位建设模范自治区的决定。", style);
  const render::Image changed = render_text("全方位建设模范自治区的规定。", style);
  EXPECT_FALSE(render::compare_images(original, changed).passed);
  EXPECT_TRUE(render::compare_images(original, original).passed);
}

}  // namespace
}  // namespace kiosk
