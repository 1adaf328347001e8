#include "ui/kiosk/sdl_events.h"

#include <SDL.h>

#include <algorithm>
#include <ctime>

#include "ui/input/input.h"

namespace kiosk::ui {

SdlEventSource::SdlEventSource(render::Size panel, int rotation)
    : panel_(panel), rotation_(rotation), start_ticks_(SDL_GetTicks64()) {}

std::int64_t SdlEventSource::now_ms() const {
  return static_cast<std::int64_t>(SDL_GetTicks64() - start_ticks_);
}

int SdlEventSource::minute_of_day() const {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return local.tm_hour * 60 + local.tm_min;
}

std::optional<firmware::InputEvent> SdlEventSource::next(std::int64_t deadline_ms) {
  using Type = firmware::InputEvent::Type;
  while (true) {
    // SDL_WaitEventTimeout polls every millisecond on drivers without a native wait (the
    // device's KMSDRM among them); polling every 10 ms keeps an idle kiosk near 0 % CPU and a
    // touch within 10 ms.
    SDL_Event event;
    bool got = false;
    while (!(got = SDL_PollEvent(&event) != 0)) {
      const std::int64_t wait = deadline_ms - now_ms();
      if (wait <= 0) break;
      SDL_Delay(static_cast<Uint32>(std::min<std::int64_t>(wait, 10)));
    }
    if (!got) return std::nullopt;
    firmware::InputEvent input;
    auto pointer = [&](Type type, float panel_x, float panel_y) {
      const Point at = panel_to_ui({panel_x, panel_y}, panel_.width, panel_.height, rotation_);
      input.type = type;
      input.x = at.x;
      input.y = at.y;
      return input;
    };
    switch (event.type) {
      case SDL_QUIT:
        input.type = Type::kQuit;
        return input;
      case SDL_WINDOWEVENT:
        if (event.window.event == SDL_WINDOWEVENT_EXPOSED ||
            event.window.event == SDL_WINDOWEVENT_RESTORED) {
          input.type = Type::kExpose;
          return input;
        }
        break;
      case SDL_KEYDOWN: {
        const SDL_Keycode key = event.key.keysym.sym;
        input.type = Type::kKey;
        if (key == SDLK_LEFT) input.key = "left";
        if (key == SDLK_RIGHT) input.key = "right";
        if (key == SDLK_UP) input.key = "up";
        if (key == SDLK_DOWN) input.key = "down";
        if (key == SDLK_PAGEUP) input.key = "pageup";
        if (key == SDLK_PAGEDOWN) input.key = "pagedown";
        if (key == SDLK_ESCAPE || key == SDLK_BACKSPACE) input.key = "escape";
        if (key == SDLK_HOME) input.key = "home";
        if (key == SDLK_RETURN || key == SDLK_KP_ENTER) input.key = "enter";
        if (key >= SDLK_a && key <= SDLK_f)
          input.key = std::string(1, static_cast<char>('a' + (key - SDLK_a)));
        if (key == SDLK_q && (event.key.keysym.mod & KMOD_CTRL) != 0) input.type = Type::kQuit;
        if (!input.key.empty() || input.type == Type::kQuit) return input;
        break;
      }
      // Touch and mouse are the same gestures; SDL also reports touches as mouse events, which
      // are skipped so that a touch is not seen twice.
      case SDL_MOUSEBUTTONDOWN:
        if (event.button.which == SDL_TOUCH_MOUSEID || event.button.button != SDL_BUTTON_LEFT)
          break;
        mouse_down_ = true;
        return pointer(Type::kPointerDown, static_cast<float>(event.button.x),
                       static_cast<float>(event.button.y));
      case SDL_MOUSEMOTION:
        if (event.motion.which == SDL_TOUCH_MOUSEID || !mouse_down_) break;
        return pointer(Type::kPointerMove, static_cast<float>(event.motion.x),
                       static_cast<float>(event.motion.y));
      case SDL_MOUSEBUTTONUP:
        if (event.button.which == SDL_TOUCH_MOUSEID || event.button.button != SDL_BUTTON_LEFT)
          break;
        mouse_down_ = false;
        return pointer(Type::kPointerUp, static_cast<float>(event.button.x),
                       static_cast<float>(event.button.y));
      case SDL_FINGERDOWN:
      case SDL_FINGERMOTION:
      case SDL_FINGERUP: {
        const Type type = event.type == SDL_FINGERDOWN ? Type::kPointerDown
                          : event.type == SDL_FINGERUP ? Type::kPointerUp
                                                       : Type::kPointerMove;
        // Finger positions are normalised to the panel.
        return pointer(type, event.tfinger.x * static_cast<float>(panel_.width),
                       event.tfinger.y * static_cast<float>(panel_.height));
      }
      default:
        break;
    }
  }
}

}  // namespace kiosk::ui
