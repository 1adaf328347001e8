#include <SDL.h>

#include <cmath>

#include "ui/render/render.h"
#include "ui/render/sdl_util.h"

namespace kiosk::render {

namespace {

// Where drawing lands, in the renderer's drawing coordinates: the clip rect if one is set,
// else the whole viewport (whose origin is (0,0) in drawing coordinates).
SDL_Rect visible_area(SDL_Renderer* renderer) {
  SDL_Rect area{};
  if (SDL_RenderIsClipEnabled(renderer) == SDL_TRUE) {
    SDL_RenderGetClipRect(renderer, &area);
    return area;
  }
  SDL_RenderGetViewport(renderer, &area);
  return {0, 0, area.w, area.h};
}

bool intersects(const SDL_Rect& a, const SDL_Rect& b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

int round_to_pixel(float value) { return static_cast<int>(std::lround(value)); }

}  // namespace

Result<DrawStats> draw_layout(GlyphAtlas& atlas, const text::Layout& layout, PointF offset,
                              Color color) {
  SDL_Renderer* renderer = atlas.renderer();
  const SDL_Rect visible = visible_area(renderer);
  // Ink stays within a couple of em of its glyph's origin in any writing mode, rotated glyphs
  // included; a glyph whose origin is farther out is skipped before it is ever rasterized.
  const int reach = round_to_pixel(2 * layout.font_size_px) + 1;
  const SDL_Rect reachable{visible.x - reach, visible.y - reach, visible.w + 2 * reach,
                           visible.h + 2 * reach};

  DrawStats stats;
  SDL_Texture* tinted_texture = nullptr;  // the page whose colour mod is already `color`
  for (const text::Line& line : layout.lines) {
    for (const text::GlyphRun& run : line.runs) {
      for (const text::Glyph& glyph : run.glyphs) {
        const int origin_x = round_to_pixel(offset.x + glyph.x);
        const int origin_y = round_to_pixel(offset.y + glyph.y);
        if (!intersects({origin_x, origin_y, 1, 1}, reachable)) {
          ++stats.glyphs_culled;
          continue;
        }
        auto found =
            atlas.glyph(GlyphKey::make(run.font, glyph.id, layout.font_size_px, run.rotation));
        if (!found) return Error{found.error()};
        const AtlasGlyph& cached = *found;
        if (cached.empty()) continue;

        const SDL_Rect target{origin_x + cached.left, origin_y + cached.top, cached.source.width,
                              cached.source.height};
        if (!intersects(target, visible)) {
          ++stats.glyphs_culled;
          continue;
        }
        if (cached.texture != tinted_texture) {
          SDL_SetTextureColorMod(cached.texture, color.r, color.g, color.b);
          SDL_SetTextureAlphaMod(cached.texture, color.a);
          tinted_texture = cached.texture;
        }
        const SDL_Rect source = detail::to_sdl(cached.source);
        if (SDL_RenderCopy(renderer, cached.texture, &source, &target) != 0) {
          return detail::sdl_error("cannot draw a glyph");
        }
        ++stats.glyphs_drawn;
      }
    }
  }
  return stats;
}

}  // namespace kiosk::render
