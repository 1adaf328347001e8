// The text engine: fonts with per-script fallback, itemization, shaping, line breaking and
// horizontal and vertical layout. It knows nothing of SDL or SQLite: it takes explicit inputs
// (text, language, writing mode, extent, fonts) and returns plain values (positioned glyph
// runs), so it can be tested and benchmarked on its own.
//
// Usage (libraqm-like: create, set, lay out, read glyphs):
//
//   auto fonts = kiosk::text::FontSet::create();
//   fonts->add_font("NotoSansCJK-Regular.ttc", 2, {"Hani", "Latn"});   // check the Result
//   fonts->add_font("NotoSansMongolian.ttf", 0, {"Mong"});
//   kiosk::text::TextEngine engine(*fonts);
//   kiosk::text::ParagraphStyle style;
//   style.language = "zh"; style.max_extent_px = 1080; style.justify = true;
//   kiosk::text::Layout layout = engine.layout(utf8, style);
//
// Coordinates are pixels, y grows downwards, (0,0) is the top-left of the layout box.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result/result.h"

namespace kiosk::text {

// [SECTION] Result type: a value or a message that says what went wrong (common/result).

using common::Error;
using common::Nothing;
using common::Result;
using common::Status;

// [SECTION] Fonts

using FontIndex = std::uint16_t;

// A glyph bitmap in 8-bit coverage, already rotated when asked for a sideways glyph.
// `left` and `top` place the bitmap's top-left pixel relative to the glyph origin in screen
// coordinates (y down), so drawing is `blit(origin.x + left, origin.y + top)`.
struct GlyphBitmap {
  int width = 0;
  int height = 0;
  int left = 0;
  int top = 0;
  std::vector<std::uint8_t> coverage;  // width * height, row-major
};

enum class Rotation : std::uint8_t {
  kNone,         // upright
  kClockwise90,  // sideways: the run was shaped left-to-right and is turned 90° clockwise
};

struct FontMetrics {
  float units_per_em = 1000;
  float ascender = 880;    // font units, positive up
  float descender = -120;  // font units, negative
};

class FontSet {
 public:
  static std::unique_ptr<FontSet> create();
  FontSet(const FontSet&) = delete;
  FontSet& operator=(const FontSet&) = delete;
  ~FontSet();

  // Adds a font file (TrueType/OpenType, collections with `face_index`). `preferred_scripts`
  // are ISO 15924 tags ("Hani", "Mong", "Latn", ...) for which this font is tried first;
  // every font is a fallback for every other script, in the order added.
  Result<FontIndex> add_font(const std::string& path, unsigned face_index,
                             const std::vector<std::string>& preferred_scripts);
  // Adds a font from bytes in memory (e.g. a subset font stored in the content release).
  Result<FontIndex> add_font_data(std::vector<std::uint8_t> bytes, unsigned face_index,
                                  const std::vector<std::string>& preferred_scripts,
                                  std::string label);

  [[nodiscard]] std::size_t size() const;
  // The file path given to add_font (or the label of in-memory data).
  [[nodiscard]] const std::string& path(FontIndex font) const;
  [[nodiscard]] FontMetrics metrics(FontIndex font) const;
  [[nodiscard]] bool has_glyph(FontIndex font, char32_t codepoint) const;
  // The font that would draw `codepoint` in a run of `script` (ISO 15924 tag), if any.
  [[nodiscard]] std::optional<FontIndex> font_for(char32_t codepoint,
                                                  std::string_view script) const;

  [[nodiscard]] GlyphBitmap rasterize(FontIndex font, std::uint32_t glyph_id, float size_px,
                                      Rotation rotation) const;

  struct Impl;
  Impl& impl() { return *impl_; }
  [[nodiscard]] const Impl& impl() const { return *impl_; }

 private:
  struct PrivateTag {};

 public:
  explicit FontSet(PrivateTag tag);  // use create()

 private:
  std::unique_ptr<Impl> impl_;
};

// [SECTION] Layout input

enum class WritingMode : std::uint8_t {
  kHorizontal,         // lines top to bottom, text left to right (Chinese body text)
  kVerticalMongolian,  // columns left to right, text top to bottom, Mongolian turned 90° cw
  kVerticalChinese,    // columns right to left, text top to bottom, CJK upright with `vert`
};

struct ParagraphStyle {
  std::string language = "zh";  // BCP 47: "zh" (shaped as zh-Hans) or "mn"
  WritingMode mode = WritingMode::kHorizontal;
  float font_size_px = 32;
  float max_extent_px = 1080;      // line width (horizontal) or column height (vertical)
  float line_spacing = 1.6F;       // line (or column) pitch as a multiple of the font size
  float first_line_indent_em = 0;  // 2 for Chinese body text
  bool justify = false;            // justify every line but the last (horizontal only)
  bool compress_line_end_punctuation = true;  // `halt` on full-width punctuation at line end
};

// [SECTION] Layout output: plain values

enum class Direction : std::uint8_t { kLeftToRight, kTopToBottom };

struct Glyph {
  std::uint32_t id = 0;
  std::uint32_t cluster = 0;  // byte offset of the glyph's cluster in the paragraph text
  float x = 0;                // glyph origin, layout pixels
  float y = 0;
  float advance = 0;  // along the line or column, after `halt` compression
};

struct GlyphRun {
  FontIndex font = 0;
  char script[5] = "Zyyy";                        // ISO 15924 tag the run was shaped with
  Direction direction = Direction::kLeftToRight;  // the HarfBuzz shaping direction
  Rotation rotation = Rotation::kNone;
  std::uint32_t text_begin = 0;  // byte range of the run's text in the paragraph
  std::uint32_t text_end = 0;
  std::vector<Glyph> glyphs;
};

// A line of horizontal text or a column of vertical text.
struct Line {
  std::uint32_t text_begin = 0;  // byte range, trailing spaces included
  std::uint32_t text_end = 0;
  float x = 0;       // horizontal: left edge; vertical: the column's axis
  float y = 0;       // horizontal: baseline; vertical: top edge
  float extent = 0;  // used length along the line (after justification)
  std::vector<GlyphRun> runs;
};

struct Layout {
  WritingMode mode = WritingMode::kHorizontal;
  float font_size_px = 0;
  float width = 0;  // bounding box of all lines, pixels
  float height = 0;
  std::vector<Line> lines;
  std::size_t missing_glyphs = 0;  // characters no font in the set could draw
  std::string text;                // the paragraph laid out: the lines' byte ranges index it
};

// [SECTION] The engine

struct EngineStats {
  std::size_t shaped_items = 0;     // HarfBuzz calls for whole items
  std::size_t reshaped_pieces = 0;  // extra calls where a break fell inside an unsafe cluster
};

class TextEngine {
 public:
  explicit TextEngine(const FontSet& fonts);
  TextEngine(const TextEngine&) = delete;
  TextEngine& operator=(const TextEngine&) = delete;
  ~TextEngine();

  // Lays out one paragraph. Invalid UTF-8 is drawn as U+FFFD; nothing fails.
  Layout layout(std::string_view utf8, const ParagraphStyle& style);

  [[nodiscard]] const EngineStats& stats() const;
  [[nodiscard]] const FontSet& fonts() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// [SECTION] Coverage: which font draws each character (for the content build)

struct CharacterFont {
  std::uint32_t byte = 0;  // offset of the character in the text
  char32_t codepoint = 0;
  // The font the engine would draw the character with (its script's fallback order, or the
  // font of the letters it clings to); nullopt when no font of the set has it.
  std::optional<FontIndex> font;
  // True when `font` draws the character, or it needs no glyph (a space, or a default-ignorable
  // character HarfBuzz hides).
  bool covered = false;
  bool follows_neighbour = false;  // a mark or Mongolian control that takes its neighbour's font
};

// The itemizer's font choice for every character of `utf8`, exactly as layout() makes it, so a
// content build finds a missing glyph before the kiosk would draw it.
std::vector<CharacterFont> assign_fonts(const FontSet& fonts, std::string_view utf8);

// [SECTION] Helpers for tools and tests

// One JSON object per line or column: {"text", "runs":[{"font","script","direction",
// "rotation","text","glyphs":[ids],"positions":[[x,y],...]}]}. With `file_names_only` a font
// is named by its file name rather than its path (goldens must not depend on the build dir).
std::string dump_json_lines(const Layout& layout, std::string_view utf8, const FontSet& fonts,
                            bool with_positions, bool file_names_only);

}  // namespace kiosk::text
