// Private to ui/kiosk: SDL's events (mouse, touch, keys, window) as the loop's input, with
// touch coordinates turned through the display rotation.
#pragma once

#include <cstdint>
#include <optional>

#include "firmware/app/app.h"
#include "ui/render/render.h"

namespace kiosk::ui {

class SdlEventSource : public firmware::EventSource {
 public:
  SdlEventSource(render::Size panel, int rotation);
  std::optional<firmware::InputEvent> next(std::int64_t deadline_ms) override;
  [[nodiscard]] std::int64_t now_ms() const override;
  [[nodiscard]] int minute_of_day() const override;

 private:
  render::Size panel_;
  int rotation_;
  std::uint64_t start_ticks_;
  bool mouse_down_ = false;
};

}  // namespace kiosk::ui
