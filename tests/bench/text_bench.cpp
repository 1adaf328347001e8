// Text engine benchmark. For each source document at a 1080-px measure:
//   (a) HarfBuzz alone shaping the same paragraphs with the same font,
//   (b) our whole layout (itemize, shape, break, justify, position), cold and warm,
//   (c) the ratios b/a (the median of the per-repetition ratios),
//   (d) rasterizing the glyphs of one 1080×1920 screen (FreeType), and drawing that screen
//       through a cold and a warm glyph atlas in SDL's software renderer.
// "Cold" is the first layout by a new TextEngine (fonts already loaded, per-engine caches such
// as line-end compression empty); "warm" is the same engine laying out the same text again.
// No layout result is cached: warm runs shape and break everything again.
// Every figure is the median of several repetitions, all measured in this run.
#include <hb-ot.h>
#include <hb.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "tests/support/test_support.h"
#include "ui/render/render.h"

namespace {

using Clock = std::chrono::steady_clock;
constexpr int kRepetitions = 31;

double milliseconds_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

double median_of(int repetitions, const std::function<void()>& work) {
  std::vector<double> times;
  for (int i = 0; i < repetitions; ++i) {
    const auto start = Clock::now();
    work();
    times.push_back(milliseconds_since(start));
  }
  return median(times);
}

kiosk::text::ParagraphStyle body_style() {
  kiosk::text::ParagraphStyle style;
  style.language = "zh";
  style.font_size_px = 32;
  style.max_extent_px = 1080;
  style.first_line_indent_em = 2;
  style.justify = true;
  return style;
}

}  // namespace

int main() {
  using namespace kiosk;
  auto fonts = testing::load_kiosk_fonts();

  // HarfBuzz alone: its own font object on the same file, the same hb-ot font functions.
  hb_blob_t* blob = hb_blob_create_from_file(fonts->path(0).c_str());
  hb_face_t* face = hb_face_create(blob, 2);
  hb_font_t* hb_font = hb_font_create(face);
  hb_buffer_t* buffer = hb_buffer_create();
  hb_language_t zh_hans = hb_language_from_string("zh-Hans", -1);

  const char* documents[] = {"000_cfe9554b2698badf.txt", "001_dc2e3b7e53f0173e.txt",
                             "002_c34abe744b062318.txt", "003_8f04a4cc19cf5a4c.txt",
                             "004_e6495fe3e7ed8d2a.txt"};
  std::printf("text layout at a 1080-px measure, 32 px, medians of %d runs (ms)\n", kRepetitions);
  std::printf("%-28s %6s %9s %9s %9s %9s %9s %10s %9s %9s\n", "document", "paras", "chars",
              "hb-only", "cold", "warm", "cold/hb", "warm/hb", "raster", "draw c/w");

  for (const char* document : documents) {
    const auto paragraphs = testing::seed_paragraphs(document);
    std::size_t characters = 0;
    for (const auto& p : paragraphs) characters += testing::to_utf32(p).size();

    // HarfBuzz alone, cold layout and warm layout are measured in turn within each repetition,
    // and the ratios are taken per repetition, so that a slow moment of the machine affects
    // both sides of a ratio alike.
    auto shape_with_harfbuzz_only = [&] {
      for (const auto& paragraph : paragraphs) {
        hb_buffer_clear_contents(buffer);
        hb_buffer_add_utf8(buffer, paragraph.data(), static_cast<int>(paragraph.size()), 0, -1);
        hb_buffer_guess_segment_properties(buffer);
        hb_buffer_set_language(buffer, zh_hans);
        hb_shape(hb_font, buffer, nullptr, 0);
      }
    };
    text::TextEngine engine(*fonts);
    std::vector<text::Layout> layouts;
    for (const auto& paragraph : paragraphs) {
      layouts.push_back(engine.layout(paragraph, body_style()));
    }
    std::vector<double> harfbuzz_times, cold_times, warm_times, cold_ratios, warm_ratios;
    for (int i = 0; i < kRepetitions; ++i) {
      auto start = Clock::now();
      shape_with_harfbuzz_only();
      const double harfbuzz_time = milliseconds_since(start);

      text::TextEngine cold_engine(*fonts);
      start = Clock::now();
      for (const auto& paragraph : paragraphs) (void)cold_engine.layout(paragraph, body_style());
      const double cold_time = milliseconds_since(start);

      start = Clock::now();
      for (const auto& paragraph : paragraphs) (void)engine.layout(paragraph, body_style());
      const double warm_time = milliseconds_since(start);

      harfbuzz_times.push_back(harfbuzz_time);
      cold_times.push_back(cold_time);
      warm_times.push_back(warm_time);
      cold_ratios.push_back(cold_time / harfbuzz_time);
      warm_ratios.push_back(warm_time / harfbuzz_time);
    }
    const double harfbuzz_only = median(harfbuzz_times);
    const double cold = median(cold_times);
    const double warm = median(warm_times);

    // One portrait screen of the document: the paragraphs that fit in 1920 px.
    std::vector<const text::Layout*> screen;
    float height = 0;
    for (const auto& layout : layouts) {
      if (height + layout.height > 1920) break;
      screen.push_back(&layout);
      height += layout.height;
    }
    std::set<std::pair<text::FontIndex, std::uint32_t>> unique_glyphs;
    for (const auto* layout : screen) {
      for (const auto& line : layout->lines) {
        for (const auto& run : line.runs) {
          for (const auto& glyph : run.glyphs) unique_glyphs.insert({run.font, glyph.id});
        }
      }
    }
    const double raster = median_of(5, [&] {
      for (const auto& [font, glyph] : unique_glyphs) {
        (void)fonts->rasterize(font, glyph, 32, text::Rotation::kNone);
      }
    });

    double draw_cold = 0;
    double draw_warm = 0;
    {
      auto canvas = render::Canvas::create_headless({1080, 1920});
      if (canvas) {
        std::vector<double> cold_draws;
        std::vector<double> warm_draws;
        for (int i = 0; i < 5; ++i) {
          render::GlyphAtlas atlas(canvas->renderer(), *fonts);
          for (int pass = 0; pass < 2; ++pass) {
            const auto start = Clock::now();
            canvas->clear({250, 247, 240, 255});
            float y = 0;
            for (const auto* layout : screen) {
              (void)render::draw_layout(atlas, *layout, {0, y}, {30, 30, 30, 255});
              y += layout->height;
            }
            (pass == 0 ? cold_draws : warm_draws).push_back(milliseconds_since(start));
          }
        }
        draw_cold = median(cold_draws);
        draw_warm = median(warm_draws);
      }
    }

    char draw[32];
    std::snprintf(draw, sizeof draw, "%.1f/%.1f", draw_cold, draw_warm);
    std::printf("%-28s %6zu %9zu %9.2f %9.2f %9.2f %8.2fx %9.2fx %9.2f %9s\n", document,
                paragraphs.size(), characters, harfbuzz_only, cold, warm, median(cold_ratios),
                median(warm_ratios), raster, draw);
  }
  std::printf(
      "raster: FreeType rendering of the unique glyphs of one 1080x1920 screen; "
      "draw c/w: that screen through a cold/warm glyph atlas (software renderer)\n");

  hb_buffer_destroy(buffer);
  hb_font_destroy(hb_font);
  hb_face_destroy(face);
  hb_blob_destroy(blob);
  return 0;
}
