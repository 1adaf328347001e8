#include "ui/render/shelf_packer.h"

#include <algorithm>

namespace kiosk::render::detail {

namespace {

// New shelves are this much taller than the glyph that opens them, rounded, so that the
// slightly taller glyphs of the same size that follow still fit.
int shelf_height_for(int glyph_height) { return (glyph_height + 3) / 4 * 4; }

// A glyph may go on a taller shelf only if it does not waste too much of it.
bool fits_snugly(int shelf_height, int glyph_height) {
  return shelf_height <= glyph_height + glyph_height / 4 + 4;
}

}  // namespace

ShelfPacker::ShelfPacker(int page_width, int page_height)
    : page_width_(page_width), page_height_(page_height) {}

std::optional<Rect> ShelfPacker::allocate(int width, int height) {
  if (width <= 0 || height <= 0 || width > page_width_ || height > page_height_) {
    return std::nullopt;
  }
  auto place_on = [&](Shelf& shelf) {
    const Rect placed{shelf.used_width, shelf.y, width, height};
    shelf.used_width += width;
    return placed;
  };

  // Best fit: the lowest shelf that holds the glyph snugly.
  Shelf* best = nullptr;
  for (Shelf& shelf : shelves_) {
    if (shelf.height < height || page_width_ - shelf.used_width < width) continue;
    if (!fits_snugly(shelf.height, height)) continue;
    if (best == nullptr || shelf.height < best->height) best = &shelf;
  }
  if (best != nullptr) return place_on(*best);

  const int new_height = shelf_height_for(height);
  if (next_shelf_y_ + height <= page_height_) {
    shelves_.push_back({next_shelf_y_, std::min(new_height, page_height_ - next_shelf_y_), 0});
    next_shelf_y_ += shelves_.back().height;
    return place_on(shelves_.back());
  }

  // The page is full of shelves: use any shelf that still has room, however loose.
  for (Shelf& shelf : shelves_) {
    if (shelf.height >= height && page_width_ - shelf.used_width >= width) return place_on(shelf);
  }
  return std::nullopt;
}

}  // namespace kiosk::render::detail
