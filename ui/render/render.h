// The renderer: puts laid-out text (kiosk::text::Layout) on an SDL renderer through a glyph
// atlas, owns the window or the off-screen surface it draws on, and reads pixels back for
// screenshots and golden-image tests.
//
// Usage:
//
//   auto canvas = kiosk::render::Canvas::create_headless({1920, 1080});   // check the Result
//   kiosk::render::GlyphAtlas atlas(canvas->renderer(), *fonts);
//   canvas->clear(kPaper);
//   auto drawn = kiosk::render::draw_layout(atlas, layout, {64, 200}, kInk);
//   auto saved = canvas->save_screenshot("frame.png");
//
// Lifetimes: a GlyphAtlas must be destroyed before the Canvas whose renderer it draws with
// (SDL_DestroyRenderer frees the renderer's textures, so the atlas would free them twice), and
// the FontSet it rasterizes from must outlive it. Declaring canvas, fonts, atlas in that order
// does it.
//
// SDL types appear only as opaque pointers so that this header does not pull in SDL.h; code
// that calls SDL itself includes <SDL.h>.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ui/text/text.h"

struct SDL_Window;
struct SDL_Renderer;
struct SDL_Texture;
struct SDL_Surface;

namespace kiosk::render {

using text::Error;
using text::Nothing;
using text::Result;
using text::Status;

// [SECTION] Plain values

struct Color {
  std::uint8_t r = 0;
  std::uint8_t g = 0;
  std::uint8_t b = 0;
  std::uint8_t a = 255;
  friend bool operator==(const Color&, const Color&) = default;
};

struct PointF {
  float x = 0;
  float y = 0;
};

struct Size {
  int width = 0;
  int height = 0;
  friend bool operator==(const Size&, const Size&) = default;
};

struct Rect {
  int x = 0;
  int y = 0;
  int width = 0;
  int height = 0;
  friend bool operator==(const Rect&, const Rect&) = default;
};

// [SECTION] Owned SDL handles: every C handle lives in one of these.

struct SdlDeleter {
  void operator()(SDL_Window* window) const noexcept;
  void operator()(SDL_Renderer* renderer) const noexcept;
  void operator()(SDL_Texture* texture) const noexcept;
  void operator()(SDL_Surface* surface) const noexcept;
};

using WindowPtr = std::unique_ptr<SDL_Window, SdlDeleter>;
using RendererPtr = std::unique_ptr<SDL_Renderer, SdlDeleter>;
using TexturePtr = std::unique_ptr<SDL_Texture, SdlDeleter>;
using SurfacePtr = std::unique_ptr<SDL_Surface, SdlDeleter>;

// [SECTION] Images in memory (screenshots, golden references)

// 8-bit RGBA in byte order R, G, B, A; rows are tightly packed (stride = width * 4).
struct Image {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> rgba;

  [[nodiscard]] Size size() const { return {width, height}; }
  [[nodiscard]] Color pixel(int x, int y) const;
};

Result<Image> load_png(const std::string& path);
Status save_png(const Image& image, const std::string& path);

// [SECTION] Golden-image comparison

struct CompareOptions {
  int channel_threshold = 40;             // a pixel differs if any channel differs by more
  double max_differing_fraction = 0.002;  // the images differ if more pixels than this differ
};

struct ImageComparison {
  bool passed = false;
  std::size_t differing_pixels = 0;
  std::size_t total_pixels = 0;
  double differing_fraction = 0;  // differing_pixels / total_pixels
  int max_channel_delta = 0;      // largest difference of any channel of any pixel
  std::string message;            // one line: the figures, or why the sizes cannot be compared
};

// Images of different sizes never pass; the message gives both sizes.
ImageComparison compare_images(const Image& expected, const Image& actual,
                               const CompareOptions& options = {});

// A dimmed copy of `expected` with every differing pixel painted red. Where the sizes differ it
// covers both images, and pixels present in only one of them count as differing.
Image diff_image(const Image& expected, const Image& actual, const CompareOptions& options = {});
Status save_diff_png(const Image& expected, const Image& actual, const std::string& path,
                     const CompareOptions& options = {});

// [SECTION] Canvas: a renderer and what it draws on

struct WindowOptions {
  std::string title = "kiosk";
  bool fullscreen = false;  // desktop-sized borderless fullscreen, as on the kiosk itself
  bool vsync = true;
};

class Canvas {
 public:
  // Draws into a surface in memory with SDL's software renderer. Needs no video driver and no
  // display, so it works in CI and gives the same pixels on every machine.
  static Result<Canvas> create_headless(Size size);
  // Opens a window with the best renderer SDL has (accelerated if possible). Fails when there
  // is no display, including when SDL could only fall back to its offscreen or dummy video
  // driver (unless SDL_VIDEODRIVER asked for it).
  static Result<Canvas> create_window(Size size, const WindowOptions& options = {});

  Canvas(Canvas&& other) noexcept;
  Canvas& operator=(Canvas&& other) noexcept;
  Canvas(const Canvas&) = delete;
  Canvas& operator=(const Canvas&) = delete;
  ~Canvas();

  [[nodiscard]] SDL_Renderer* renderer() const { return renderer_.get(); }
  [[nodiscard]] SDL_Window* window() const { return window_.get(); }  // null when headless
  [[nodiscard]] bool headless() const { return window_ == nullptr; }
  // The drawable size in pixels; a window may have been given another size than asked for.
  [[nodiscard]] Size size() const;

  // Fills the whole target, clip rect or not (SDL_RenderClear ignores it).
  void clear(Color color);
  void fill_rect(const Rect& rect, Color color);
  // Restricts drawing (and draw_layout's visible-glyph test) to `rect`; nullopt removes it.
  void set_clip(std::optional<Rect> rect);
  // Shows the frame in the window; a no-op when headless. Read pixels before presenting: the
  // back buffer is undefined afterwards.
  void present();

  [[nodiscard]] Result<Image> read_pixels() const;
  [[nodiscard]] Status save_screenshot(const std::string& png_path) const;

 private:
  Canvas() = default;
  void release() noexcept;

  bool owns_video_subsystem_ = false;
  WindowPtr window_;
  SurfacePtr surface_;  // the headless target
  RendererPtr renderer_;
};

// [SECTION] Glyph atlas: rasterized glyphs in SDL textures

// Sizes are cached in steps of 1/kSizeStepsPerPixel px, so that a continuous text-size control
// does not fill the atlas with near-identical bitmaps.
inline constexpr int kSizeStepsPerPixel = 4;

struct GlyphKey {
  text::FontIndex font = 0;
  std::uint32_t glyph = 0;
  std::uint16_t size_steps = 0;  // size in px * kSizeStepsPerPixel, rounded
  text::Rotation rotation = text::Rotation::kNone;

  static GlyphKey make(text::FontIndex font, std::uint32_t glyph, float size_px,
                       text::Rotation rotation);
  [[nodiscard]] float size_px() const {
    return static_cast<float>(size_steps) / kSizeStepsPerPixel;
  }
  friend bool operator==(const GlyphKey&, const GlyphKey&) = default;
};

// Where a cached glyph is: `source` in `texture`, drawn at origin + (left, top).
struct AtlasGlyph {
  SDL_Texture* texture = nullptr;  // null for a glyph with no ink (a space)
  Rect source;
  int left = 0;
  int top = 0;
  [[nodiscard]] bool empty() const { return texture == nullptr; }
};

struct AtlasOptions {
  int page_size = 1024;  // square pages; clamped to the renderer's maximum texture size
};

struct AtlasStats {
  std::size_t pages = 0;
  std::size_t glyphs_cached = 0;  // entries, empty ones included
  std::size_t empty_glyphs = 0;
  std::size_t rasterizations = 0;  // FontSet::rasterize calls (misses)
  std::size_t lookups = 0;
  std::size_t texture_bytes = 0;
};

class GlyphAtlas {
 public:
  GlyphAtlas(SDL_Renderer* renderer, const text::FontSet& fonts, AtlasOptions options = {});
  GlyphAtlas(const GlyphAtlas&) = delete;
  GlyphAtlas& operator=(const GlyphAtlas&) = delete;
  ~GlyphAtlas();

  // Looks the glyph up, rasterizing and uploading it on a miss. Fails only when SDL cannot
  // create or update a texture, or the font set returns a malformed bitmap.
  Result<AtlasGlyph> glyph(const GlyphKey& key);
  // Drops every page, e.g. after the font set or the renderer changed.
  void clear();

  [[nodiscard]] const AtlasStats& stats() const;
  [[nodiscard]] SDL_Renderer* renderer() const;
  [[nodiscard]] const text::FontSet& fonts() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// [SECTION] Drawing laid-out text

struct DrawStats {
  std::size_t glyphs_drawn = 0;
  std::size_t glyphs_culled = 0;  // outside the clip rect (or the viewport when not clipping)
};

// Draws every visible glyph of `layout` with its top-left corner at `offset`, tinted `color`.
// Glyph origins are rounded to whole pixels, as the atlas bitmaps are rasterized at whole-pixel
// origins. Glyphs outside the clip rect are neither rasterized nor drawn.
Result<DrawStats> draw_layout(GlyphAtlas& atlas, const text::Layout& layout, PointF offset,
                              Color color);

}  // namespace kiosk::render
