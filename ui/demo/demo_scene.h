// The demo's one screen: what it shows, where, and in which colours.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ui/render/render.h"
#include "ui/text/text.h"

namespace kiosk::demo {

struct FontFiles {
  std::string cjk;
  unsigned cjk_face = 2;  // Noto Sans CJK SC in the collection
  std::string mongolian;
};

class DemoScene {
 public:
  // Loads the fonts; fails with a message that names the file.
  static render::Result<std::unique_ptr<DemoScene>> create(const FontFiles& files);
  DemoScene(const DemoScene&) = delete;
  DemoScene& operator=(const DemoScene&) = delete;
  ~DemoScene();

  // Lays everything out for a screen of `screen` pixels; called again when the window resizes.
  void arrange(render::Size screen);
  [[nodiscard]] render::Size arranged_size() const { return arranged_for_; }

  render::Result<render::DrawStats> draw(render::Canvas& canvas, render::GlyphAtlas& atlas) const;

  [[nodiscard]] const text::FontSet& fonts() const { return *fonts_; }
  // Characters of the shown texts that no font could draw; 0 is the only good answer.
  [[nodiscard]] std::size_t missing_glyphs() const;

 private:
  DemoScene() = default;

  struct PlacedText {
    text::Layout layout;
    render::PointF offset;
    render::Color color;
  };
  struct Panel {
    render::Rect rect;
    render::Color color;
  };

  std::unique_ptr<text::FontSet> fonts_;
  std::unique_ptr<text::TextEngine> engine_;  // reads *fonts_, so declared after it
  render::Size arranged_for_;
  std::vector<Panel> panels_;
  std::vector<PlacedText> texts_;
};

}  // namespace kiosk::demo
