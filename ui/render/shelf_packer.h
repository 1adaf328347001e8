// Private: places rectangles in a fixed-size page, row by row ("shelves").
//
// Glyphs of one text size are nearly the same height, so shelves waste little and allocation
// is a short scan, which is what an atlas filled while drawing needs. Nothing is ever freed
// individually: the atlas drops whole pages.
#pragma once

#include <optional>
#include <vector>

#include "ui/render/render.h"

namespace kiosk::render::detail {

class ShelfPacker {
 public:
  ShelfPacker(int page_width, int page_height);

  // The top-left of a free width x height area, or nullopt when the page has no room.
  std::optional<Rect> allocate(int width, int height);

 private:
  struct Shelf {
    int y = 0;
    int height = 0;
    int used_width = 0;
  };

  int page_width_;
  int page_height_;
  int next_shelf_y_ = 0;
  std::vector<Shelf> shelves_;
};

}  // namespace kiosk::render::detail
