// `kioskpack text`: lays out text read from stdin and prints a JSON Lines dump or saves a PNG.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "content/kioskpack/commands.h"
#include "ui/render/render.h"
#include "ui/text/text.h"

namespace kiosk::pack {

namespace {

constexpr const char* kTextUsage =
    "usage: kioskpack text [--vertical] --lang zh|mn --width PX [--size PX] [--indent EM]\n"
    "                      [--justify] [--fonts DIR] (--png FILE | --dump [--positions])\n"
    "\n"
    "Reads UTF-8 text (one paragraph) from standard input and lays it out.\n"
    "  --vertical     vertical text: Mongolian (--lang mn) in columns left to right, turned\n"
    "                 90 degrees clockwise; Chinese (--lang zh) upright in columns right to left\n"
    "  --lang         zh or mn: language of the paragraph (line breaking, shaping language)\n"
    "  --width PX     line width, or column height with --vertical\n"
    "  --size PX      font size in pixels (default 32)\n"
    "  --indent EM    first-line indent in em (default 0; Chinese body text uses 2)\n"
    "  --justify      justify every line but the last (horizontal only)\n"
    "  --fonts DIR    take NotoSansCJK-Regular.ttc and NotoSansMongolian-Regular.ttf from DIR\n"
    "  --png FILE     render to a PNG image (headless, software renderer)\n"
    "  --dump         print one JSON object per line or column: its text and runs (font file,\n"
    "                 script, direction, rotation, text, glyph ids), to compare with hb-shape\n"
    "  --positions    with --dump: also print each glyph's position in pixels\n";

struct TextOptions {
  bool vertical = false;
  std::string lang;
  float width = 0;
  float size = 32;
  float indent = 0;
  bool justify = false;
  std::string fonts_dir;
  std::string png;
  bool dump = false;
  bool positions = false;
};

int usage_error(const std::string& message) {
  std::fprintf(stderr, "kioskpack text: %s\n\n%s", message.c_str(), kTextUsage);
  return 2;
}

bool parse_number(const std::string& text, float& out) {
  char* end = nullptr;
  out = std::strtof(text.c_str(), &end);
  return end != text.c_str() && *end == '\0' && out > 0 && out < 100000;
}

}  // namespace

// [SECTION] Shared with the review sheet (commands.h)

common::Result<std::unique_ptr<text::FontSet>> load_kiosk_fonts(const std::string& fonts_dir) {
  std::string cjk_path = KIOSK_FONT_CJK;
  std::string mongolian_path = KIOSK_FONT_MONGOLIAN;
  if (!fonts_dir.empty()) {
    cjk_path = (std::filesystem::path(fonts_dir) / "NotoSansCJK-Regular.ttc").string();
    mongolian_path = (std::filesystem::path(fonts_dir) / "NotoSansMongolian-Regular.ttf").string();
  }
  auto fonts = text::FontSet::create();
  if (auto added = fonts->add_font(cjk_path, 2, {"Hani", "Latn", "Zyyy"}); !added)
    return common::Error{added.error()};
  if (auto added = fonts->add_font(mongolian_path, 0, {"Mong"}); !added)
    return common::Error{added.error()};
  return fonts;
}

// Renders the layout on paper-coloured ground with a margin, headless, and saves a PNG.
common::Status save_layout_png(const text::Layout& layout, const text::FontSet& fonts,
                               const std::string& path) {
  constexpr int kMargin = 24;
  const render::Size size{static_cast<int>(std::ceil(layout.width)) + 2 * kMargin,
                          static_cast<int>(std::ceil(layout.height)) + 2 * kMargin};
  auto canvas = render::Canvas::create_headless(size);
  if (!canvas) return common::Error{canvas.error()};
  render::GlyphAtlas atlas(canvas->renderer(), fonts);
  canvas->clear({250, 247, 240, 255});
  if (auto drawn = render::draw_layout(atlas, layout, {kMargin, kMargin}, {28, 28, 30, 255});
      !drawn)
    return common::Error{drawn.error()};
  return canvas->save_screenshot(path);
}

int run_text_command(const std::vector<std::string>& args) {
  TextOptions options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    auto value = [&](const char* name) -> const std::string* {
      if (i + 1 >= args.size()) return nullptr;
      (void)name;
      return &args[++i];
    };
    if (arg == "--help" || arg == "-h") {
      std::fputs(kTextUsage, stdout);
      return 0;
    } else if (arg == "--vertical") {
      options.vertical = true;
    } else if (arg == "--justify") {
      options.justify = true;
    } else if (arg == "--dump") {
      options.dump = true;
    } else if (arg == "--positions") {
      options.positions = true;
    } else if (arg == "--lang" || arg == "--width" || arg == "--size" || arg == "--indent" ||
               arg == "--fonts" || arg == "--png") {
      const std::string* v = value(arg.c_str());
      if (v == nullptr) return usage_error(arg + " needs a value");
      if (arg == "--lang") {
        options.lang = *v;
      } else if (arg == "--fonts") {
        options.fonts_dir = *v;
      } else if (arg == "--png") {
        options.png = *v;
      } else {
        float number = 0;
        if (!parse_number(*v, number))
          return usage_error(arg + ": '" + *v + "' is not a positive number");
        (arg == "--width"  ? options.width
         : arg == "--size" ? options.size
                           : options.indent) = number;
      }
    } else {
      return usage_error("unknown option '" + arg + "'");
    }
  }
  if (options.lang != "zh" && options.lang != "mn") return usage_error("--lang must be zh or mn");
  if (options.width <= 0) return usage_error("--width is required");
  if (options.dump == !options.png.empty())
    return usage_error("give exactly one of --png FILE and --dump");

  const std::string text(std::istreambuf_iterator<char>(std::cin), {});
  std::string paragraph = text;
  while (!paragraph.empty() && (paragraph.back() == '\n' || paragraph.back() == '\r'))
    paragraph.pop_back();

  auto fonts = load_kiosk_fonts(options.fonts_dir);
  if (!fonts) {
    std::fprintf(stderr, "kioskpack text: %s\n", fonts.error().c_str());
    return 1;
  }

  text::ParagraphStyle style;
  style.language = options.lang;
  style.mode = !options.vertical      ? text::WritingMode::kHorizontal
               : options.lang == "mn" ? text::WritingMode::kVerticalMongolian
                                      : text::WritingMode::kVerticalChinese;
  style.font_size_px = options.size;
  style.max_extent_px = options.width;
  style.first_line_indent_em = options.indent;
  style.justify = options.justify;
  text::TextEngine engine(**fonts);
  const text::Layout layout = engine.layout(paragraph, style);
  if (layout.missing_glyphs > 0) {
    std::fprintf(stderr, "kioskpack text: warning: %zu character(s) have no glyph in any font\n",
                 layout.missing_glyphs);
  }
  if (options.dump) {
    std::fputs(text::dump_json_lines(layout, paragraph, **fonts, options.positions, false).c_str(),
               stdout);
    return 0;
  }
  if (auto saved = save_layout_png(layout, **fonts, options.png); !saved) {
    std::fprintf(stderr, "kioskpack text: %s\n", saved.error().c_str());
    return 1;
  }
  return 0;
}

}  // namespace kiosk::pack
