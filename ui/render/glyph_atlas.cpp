#include <SDL.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "ui/render/render.h"
#include "ui/render/sdl_util.h"
#include "ui/render/shelf_packer.h"

namespace kiosk::render {

namespace {

// Transparent texels around every glyph, so that a renderer that filters (a scaled logical
// size, a rotated display) never blends a neighbour's ink into the glyph's edge.
constexpr int kPadding = 1;

// White, so that SDL_SetTextureColorMod gives the ink colour; coverage goes into alpha. The
// padding is white too (with zero alpha): black there would darken filtered edges.
constexpr std::uint32_t kWhiteArgb = 0x00FFFFFFU;

struct GlyphKeyHash {
  std::size_t operator()(const GlyphKey& key) const noexcept {
    const std::uint64_t packed =
        (std::uint64_t{key.glyph} << 32U) | (std::uint64_t{key.font} << 16U) | key.size_steps;
    return std::hash<std::uint64_t>{}(packed) ^
           (static_cast<std::size_t>(key.rotation) * 0x9E3779B97F4A7C15ULL);
  }
};

int max_page_size(SDL_Renderer* renderer, int wanted) {
  SDL_RendererInfo info{};
  if (SDL_GetRendererInfo(renderer, &info) != 0) return wanted;
  // Zero means "no limit" (the software renderer).
  if (info.max_texture_width > 0) wanted = std::min(wanted, info.max_texture_width);
  if (info.max_texture_height > 0) wanted = std::min(wanted, info.max_texture_height);
  return wanted;
}

}  // namespace

// [SECTION] Keys

GlyphKey GlyphKey::make(text::FontIndex font, std::uint32_t glyph, float size_px,
                        text::Rotation rotation) {
  const long steps = std::lround(static_cast<double>(size_px) * kSizeStepsPerPixel);
  GlyphKey key;
  key.font = font;
  key.glyph = glyph;
  key.size_steps = static_cast<std::uint16_t>(std::clamp(steps, 1L, 65535L));
  key.rotation = rotation;
  return key;
}

// [SECTION] The atlas

struct GlyphAtlas::Impl {
  struct Page {
    TexturePtr texture;
    detail::ShelfPacker packer;
  };

  Impl(SDL_Renderer* renderer_in, const text::FontSet& fonts_in, AtlasOptions options)
      : renderer(renderer_in),
        fonts(fonts_in),
        page_size(max_page_size(renderer_in, std::max(options.page_size, 64))) {}

  Result<AtlasGlyph> add(const GlyphKey& key);
  Result<Page*> new_page(int width, int height);
  Status upload(SDL_Texture* texture, const Rect& padded_area, const text::GlyphBitmap& bitmap);

  SDL_Renderer* renderer;
  const text::FontSet& fonts;
  int page_size;
  std::vector<Page> pages;
  std::unordered_map<GlyphKey, AtlasGlyph, GlyphKeyHash> entries;
  AtlasStats stats;
  std::vector<std::uint32_t> upload_pixels;  // reused between uploads
};

GlyphAtlas::GlyphAtlas(SDL_Renderer* renderer, const text::FontSet& fonts, AtlasOptions options)
    : impl_(std::make_unique<Impl>(renderer, fonts, options)) {}

GlyphAtlas::~GlyphAtlas() = default;

Result<AtlasGlyph> GlyphAtlas::glyph(const GlyphKey& key) {
  ++impl_->stats.lookups;
  if (auto found = impl_->entries.find(key); found != impl_->entries.end()) return found->second;
  return impl_->add(key);
}

void GlyphAtlas::clear() {
  impl_->entries.clear();
  impl_->pages.clear();
  const std::size_t rasterizations = impl_->stats.rasterizations;
  const std::size_t lookups = impl_->stats.lookups;
  impl_->stats = {};
  // Work done so far stays counted: benchmarks compare it across clears.
  impl_->stats.rasterizations = rasterizations;
  impl_->stats.lookups = lookups;
}

const AtlasStats& GlyphAtlas::stats() const { return impl_->stats; }
SDL_Renderer* GlyphAtlas::renderer() const { return impl_->renderer; }
const text::FontSet& GlyphAtlas::fonts() const { return impl_->fonts; }

// [SECTION] Filling the atlas

Result<AtlasGlyph> GlyphAtlas::Impl::add(const GlyphKey& key) {
  const text::GlyphBitmap bitmap =
      fonts.rasterize(key.font, key.glyph, key.size_px(), key.rotation);
  ++stats.rasterizations;

  AtlasGlyph entry;
  entry.left = bitmap.left;
  entry.top = bitmap.top;
  if (bitmap.width <= 0 || bitmap.height <= 0) {
    // Spaces and other marks without ink: remembered, so they are not rasterized again.
    entries.emplace(key, entry);
    ++stats.glyphs_cached;
    ++stats.empty_glyphs;
    return entry;
  }
  if (bitmap.coverage.size() != static_cast<std::size_t>(bitmap.width) * bitmap.height) {
    return Error{"glyph " + std::to_string(key.glyph) + " of font " + std::to_string(key.font) +
                 ": the rasterizer returned " + std::to_string(bitmap.coverage.size()) +
                 " coverage bytes for a " + std::to_string(bitmap.width) + "x" +
                 std::to_string(bitmap.height) + " bitmap"};
  }

  const int padded_width = bitmap.width + 2 * kPadding;
  const int padded_height = bitmap.height + 2 * kPadding;
  Page* page = nullptr;
  std::optional<Rect> padded_area;
  for (Page& candidate : pages) {
    padded_area = candidate.packer.allocate(padded_width, padded_height);
    if (padded_area) {
      page = &candidate;
      break;
    }
  }
  if (page == nullptr) {
    auto created = new_page(padded_width, padded_height);
    if (!created) return Error{created.error()};
    page = *created;
    padded_area = page->packer.allocate(padded_width, padded_height);
    if (!padded_area) return Error{"a new atlas page has no room for a glyph (bug)"};
  }

  if (auto uploaded = upload(page->texture.get(), *padded_area, bitmap); !uploaded) {
    return Error{uploaded.error()};
  }
  entry.texture = page->texture.get();
  entry.source = {padded_area->x + kPadding, padded_area->y + kPadding, bitmap.width,
                  bitmap.height};
  entries.emplace(key, entry);
  ++stats.glyphs_cached;
  return entry;
}

Result<GlyphAtlas::Impl::Page*> GlyphAtlas::Impl::new_page(int width, int height) {
  // A glyph larger than a page (a huge banner size) gets a page of its own size.
  const int page_width = std::max(page_size, width);
  const int page_height = std::max(page_size, height);
  TexturePtr texture(SDL_CreateTexture(renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC,
                                       page_width, page_height));
  if (!texture) {
    return detail::sdl_error("cannot create a " + std::to_string(page_width) + "x" +
                             std::to_string(page_height) + " glyph atlas page");
  }
  SDL_SetTextureBlendMode(texture.get(), SDL_BLENDMODE_BLEND);
  // Glyphs are drawn 1:1 at whole pixels; nearest keeps them crisp if anything scales.
  SDL_SetTextureScaleMode(texture.get(), SDL_ScaleModeNearest);
  pages.push_back({std::move(texture), detail::ShelfPacker(page_width, page_height)});
  ++stats.pages;
  stats.texture_bytes += static_cast<std::size_t>(page_width) * page_height * 4;
  return &pages.back();
}

Status GlyphAtlas::Impl::upload(SDL_Texture* texture, const Rect& padded_area,
                                const text::GlyphBitmap& bitmap) {
  upload_pixels.assign(static_cast<std::size_t>(padded_area.width) * padded_area.height,
                       kWhiteArgb);
  for (int y = 0; y < bitmap.height; ++y) {
    const std::uint8_t* coverage_row = &bitmap.coverage[static_cast<std::size_t>(y) * bitmap.width];
    std::uint32_t* pixel_row =
        &upload_pixels[static_cast<std::size_t>(y + kPadding) * padded_area.width + kPadding];
    for (int x = 0; x < bitmap.width; ++x) {
      pixel_row[x] = (std::uint32_t{coverage_row[x]} << 24U) | kWhiteArgb;
    }
  }
  const SDL_Rect area = detail::to_sdl(padded_area);
  if (SDL_UpdateTexture(texture, &area, upload_pixels.data(), padded_area.width * 4) != 0) {
    return detail::sdl_error("cannot upload a glyph to the atlas");
  }
  return Nothing{};
}

}  // namespace kiosk::render
