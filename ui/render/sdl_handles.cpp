#include <SDL.h>

#include "ui/render/render.h"

namespace kiosk::render {

void SdlDeleter::operator()(SDL_Window* window) const noexcept { SDL_DestroyWindow(window); }
void SdlDeleter::operator()(SDL_Renderer* renderer) const noexcept {
  SDL_DestroyRenderer(renderer);
}
void SdlDeleter::operator()(SDL_Texture* texture) const noexcept { SDL_DestroyTexture(texture); }
void SdlDeleter::operator()(SDL_Surface* surface) const noexcept { SDL_FreeSurface(surface); }

}  // namespace kiosk::render
