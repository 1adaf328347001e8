// Private to ui/kiosk: the theme (colours and sizes derived from the display), the painter that
// lays out and draws text and boxes, and the screen interface.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "firmware/app/app.h"
#include "firmware/content_store/content_store.h"
#include "ui/input/input.h"
#include "ui/render/render.h"
#include "ui/text/text.h"

namespace kiosk::ui {

// [SECTION] Theme

struct Theme {
  render::Color paper{246, 241, 231, 255};
  render::Color card{255, 252, 246, 255};
  render::Color ink{33, 31, 29, 255};
  render::Color muted{110, 104, 96, 255};
  render::Color accent{24, 78, 90, 255};  // deep teal
  render::Color accent_ink{246, 241, 231, 255};
  render::Color gold{192, 142, 62, 255};
  render::Color divider{222, 213, 198, 255};
  render::Color tag{232, 224, 208, 255};
  render::Color pressed{212, 200, 178, 255};

  float unit = 1;     // 1 at 1080 px on the short side
  float target = 34;  // smallest touch target (9 mm at the display's DPI), px
  float margin = 48;
  float header = 128;
  float footer = 136;
  float title = 56;
  float heading = 40;
  float chrome = 30;     // button labels
  float mongolian = 26;  // Mongolian chrome, set vertically
  float small = 24;
  std::array<float, 3> body{30, 36, 44};

  static Theme for_display(render::Size size, float dpi);
};

// [SECTION] Painter

class Painter {
 public:
  Painter(render::Canvas& canvas, render::GlyphAtlas& atlas, text::TextEngine& engine);

  text::Layout chinese(const std::string& utf8, float size, float width, float indent_em = 0,
                       bool justify = false, float line_spacing = 1.6F);
  text::Layout mongolian(const std::string& utf8, float size, float column_height);
  text::Layout chinese_vertical(const std::string& utf8, float size, float column_height);
  void draw(const text::Layout& layout, float x, float y, render::Color color);
  void fill(const render::Rect& rect, render::Color color);
  void frame(const render::Rect& rect, render::Color color, int thickness);
  void clip(std::optional<render::Rect> rect);
  [[nodiscard]] render::Canvas& canvas() { return canvas_; }

 private:
  render::Canvas& canvas_;
  render::GlyphAtlas& atlas_;
  text::TextEngine& engine_;
};

// A bilingual button: the Chinese label with its Mongolian label set vertically beside it.
struct Button {
  render::Rect rect;
  std::string id;
  text::Layout zh;
  text::Layout mn;
  bool primary = false;
  bool enabled = true;

  [[nodiscard]] bool hit(Point at) const;
  void draw(Painter& painter, const Theme& theme) const;
};

Button make_button(Painter& painter, const Theme& theme, std::string id,
                   const firmware::UiText& label, render::Rect rect, bool primary = false);

// [SECTION] Screens

struct ScreenContext {
  Painter& painter;
  const Theme& theme;
  render::Size size;
  firmware::Router& router;
  const firmware::ContentStore* store;
  int& text_size;  // 0, 1, 2: the visitor's choice, forgotten with the visit
};

class Screen {
 public:
  virtual ~Screen() = default;
  [[nodiscard]] virtual const char* name() const = 0;
  virtual void draw(Painter& painter) = 0;
  virtual void gesture(const Gesture& gesture) = 0;
  virtual void key(const std::string& key) { (void)key; }
  virtual void pointer_down() {}
  // Advances animations; returns true when the screen must be redrawn.
  virtual bool tick(std::int64_t now_ms) {
    (void)now_ms;
    return false;
  }
  [[nodiscard]] virtual bool animating() const { return false; }
  // When the screen next changes by itself (kiosk clock), or never.
  [[nodiscard]] virtual std::int64_t wake_at_ms() const {
    return std::numeric_limits<std::int64_t>::max();
  }
  // The next draw must repaint everything (input may have changed any part; the window's
  // back buffer may be gone). Screens that redraw only what changed honour this.
  virtual void redraw_all() {}
};

std::unique_ptr<Screen> make_attract_screen(ScreenContext& context);
std::unique_ptr<Screen> make_home_screen(ScreenContext& context);
std::unique_ptr<Screen> make_contents_screen(ScreenContext& context, const std::string& slug);
std::unique_ptr<Screen> make_reader_screen(ScreenContext& context, const std::string& slug,
                                           int section);
std::unique_ptr<Screen> make_message_screen(ScreenContext& context, bool dark,
                                            const std::string& message);

// [SECTION] Sections: what the reader shows one at a time

struct Section {
  std::string label;
  std::string heading;
  int depth = 0;                       // 0 at the top of the document
  std::vector<std::string> ancestors;  // label + heading of the enclosing part or chapter
  std::vector<const firmware::ContentNode*> paragraphs;
  std::map<std::string, std::string> attributes;
};

struct ContentsEntry {
  bool group = false;  // a part or chapter without text of its own: a heading, not a link
  int section = -1;    // the section it opens
  int depth = 0;
  std::string label;
  std::string heading;
};

// The document in reading order: sections for the reader, entries for the contents.
void split_into_sections(const firmware::Document& document, std::vector<Section>& sections,
                         std::vector<ContentsEntry>& entries);

}  // namespace kiosk::ui
