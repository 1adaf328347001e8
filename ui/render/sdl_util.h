// Private helpers shared by the renderer's sources.
#pragma once

#include <SDL.h>

#include <string>
#include <string_view>

#include "ui/render/render.h"

namespace kiosk::render::detail {

// An Error that says what we tried and what SDL answered.
inline Error sdl_error(std::string_view what) {
  return Error{std::string(what) + ": " + SDL_GetError()};
}

inline SDL_Rect to_sdl(const Rect& rect) { return {rect.x, rect.y, rect.width, rect.height}; }

}  // namespace kiosk::render::detail
