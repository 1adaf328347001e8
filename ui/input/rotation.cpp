// Touch follows the rotation: the panel reports where the finger is in its own pixels, the UI is
// drawn turned on it. Coordinates are continuous (see input.h), so every mapping is exact and
// ui_to_panel undoes panel_to_ui.
#include "ui/input/input.h"

namespace kiosk::ui {
namespace {

// 0, 90, 180 or 270; anything not a quarter turn counts as no turn.
int quarter_turn(int rotation_degrees) {
  const int degrees = ((rotation_degrees % 360) + 360) % 360;
  return degrees % 90 == 0 ? degrees : 0;
}

}  // namespace

UiSize ui_size(int panel_width, int panel_height, int rotation_degrees) {
  const int turn = quarter_turn(rotation_degrees);
  if (turn == 90 || turn == 270) return {panel_height, panel_width};
  return {panel_width, panel_height};
}

// Turning the UI clockwise by 90 puts its top-left corner at the panel's top-right and its x
// axis along the panel's y axis: panel = (W - ui.y, ui.x). The other cases follow the same way.
Point ui_to_panel(Point ui, int panel_width, int panel_height, int rotation_degrees) {
  const auto width = static_cast<float>(panel_width);
  const auto height = static_cast<float>(panel_height);
  switch (quarter_turn(rotation_degrees)) {
    case 90:
      return {width - ui.y, ui.x};
    case 180:
      return {width - ui.x, height - ui.y};
    case 270:
      return {ui.y, height - ui.x};
    default:
      return ui;
  }
}

Point panel_to_ui(Point panel, int panel_width, int panel_height, int rotation_degrees) {
  const auto width = static_cast<float>(panel_width);
  const auto height = static_cast<float>(panel_height);
  switch (quarter_turn(rotation_degrees)) {
    case 90:
      return {panel.y, width - panel.x};
    case 180:
      return {width - panel.x, height - panel.y};
    case 270:
      return {height - panel.y, panel.x};
    default:
      return panel;
  }
}

}  // namespace kiosk::ui
