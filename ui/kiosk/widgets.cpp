#include <algorithm>
#include <cmath>

#include "ui/kiosk/widgets.h"

#include "firmware/mongolian/mongolian.h"

namespace kiosk::ui {

// [SECTION] Theme

Theme Theme::for_display(render::Size size, float dpi, bool accessible) {
  Theme theme;
  if (accessible) {
    // High contrast: white paper, black ink, a darker teal; every text pair 7:1 or more.
    theme.accessible = true;
    theme.paper = {255, 255, 255, 255};
    theme.card = {255, 255, 255, 255};
    theme.ink = {0, 0, 0, 255};
    theme.muted = {56, 56, 56, 255};
    theme.accent = {0, 62, 74, 255};
    theme.accent_ink = {255, 255, 255, 255};
    theme.gold = {150, 100, 20, 255};
    theme.gold_ink = {255, 214, 140, 255};
    theme.gold_text = {110, 70, 0, 255};
    theme.divider = {120, 120, 120, 255};
    theme.outline = {70, 70, 70, 255};
    theme.tag = {230, 230, 230, 255};
    theme.pressed = {200, 200, 200, 255};
    theme.mark = {255, 222, 110, 255};
    theme.right = {0, 100, 50, 255};
    theme.wrong = {168, 24, 24, 255};
  }
  const float short_side = static_cast<float>(std::min(size.width, size.height));
  theme.unit = short_side / 1080.0F;
  const float u = theme.unit;
  // Sizes scale with the display, but never below what a finger and an eye need on the panel
  // itself: 9 mm targets 2 mm apart, 3 mm text, nothing under 2.6 mm (on a 7" panel a
  // pixel-relative layout came out at 2 mm).
  theme.mm = dpi / 25.4F;
  const float mm = theme.mm;
  theme.target = std::ceil(9 * mm);
  theme.gap = std::ceil(2 * mm);
  theme.least_text = std::ceil(2.6F * mm);
  auto at_least = [](float value, float minimum) {
    return std::max(std::round(value), std::ceil(minimum));
  };
  theme.margin = at_least(48 * u, 4 * mm);
  theme.header = at_least(132 * u, theme.target + 2 * theme.gap);
  theme.footer = at_least(140 * u, theme.target + 2 * theme.gap);
  theme.title = at_least(58 * u, 5 * mm);
  theme.heading = at_least(42 * u, 3.8F * mm);
  theme.chrome = at_least(32 * u, 3.2F * mm);
  // Mongolian at the size of the Chinese beside it.
  theme.mongolian = theme.chrome;
  theme.small = at_least(24 * u, 2.8F * mm);
  theme.body = {at_least(30 * u, 3.2F * mm), at_least(36 * u, 3.8F * mm),
                at_least(44 * u, 4.6F * mm)};
  if (accessible) {
    // Large text: a third larger everywhere, chrome and Mongolian included.
    for (float* text_size : {&theme.title, &theme.heading, &theme.chrome, &theme.mongolian,
                             &theme.small, &theme.body[0], &theme.body[1], &theme.body[2]})
      *text_size = std::round(*text_size * 1.33F);
    theme.least_text = std::ceil(3.2F * mm);
    // Taller bars, so that the larger labels keep their size beside their Mongolian words.
    theme.header = std::round(theme.header * 1.25F);
    theme.footer = std::round(theme.footer * 1.25F);
  }
  return theme;
}

std::vector<Theme::Boundary> Theme::boundaries() const {
  return {{"button frame on paper", accent, paper},
          {"button frame on a card", accent, card},
          {"primary button on paper", accent, paper},
          {"answer box edge on paper", outline, paper},
          {"answer box edge on its fill", outline, card},
          {"right answer box on paper", right, paper},
          {"wrong answer box on paper", wrong, paper},
          {"card stripe on a card", accent, card},
          {"the reader's scroll thumb on paper", outline, paper}};
}

render::Rect layout_box(const text::Layout& layout, float x, float y) {
  return {i(x), i(y), static_cast<int>(std::ceil(layout.width)),
          static_cast<int>(std::ceil(layout.height))};
}

// [SECTION] Painter

Painter::Painter(render::Canvas& canvas, render::GlyphAtlas& atlas, text::TextEngine& engine)
    : canvas_(canvas), atlas_(atlas), engine_(engine) {}

text::Layout Painter::chinese(const std::string& utf8, float size, float width, float indent_em,
                              bool justify, float line_spacing) {
  text::ParagraphStyle style;
  style.language = "zh";
  style.font_size_px = size;
  style.max_extent_px = std::max(width, size);
  style.first_line_indent_em = indent_em;
  style.justify = justify;
  style.line_spacing = line_spacing;
  return engine_.layout(utf8, style);
}

text::Layout Painter::mongolian(const std::string& utf8, float size, float column_height) {
  text::ParagraphStyle style;
  style.language = "mn";
  style.mode = text::WritingMode::kVerticalMongolian;
  style.font_size_px = size;
  style.max_extent_px = std::max(column_height, size);
  style.line_spacing = 1.3F;
  return engine_.layout(utf8, style);
}

text::Layout Painter::chinese_vertical(const std::string& utf8, float size, float column_height) {
  text::ParagraphStyle style;
  style.language = "zh";
  style.mode = text::WritingMode::kVerticalChinese;
  style.font_size_px = size;
  style.max_extent_px = std::max(column_height, size);
  style.line_spacing = 1.3F;
  return engine_.layout(utf8, style);
}

namespace {

std::optional<render::Rect> intersection(const render::Rect& a, const render::Rect& b) {
  const int left = std::max(a.x, b.x);
  const int top = std::max(a.y, b.y);
  const int right = std::min(a.x + a.width, b.x + b.width);
  const int bottom = std::min(a.y + a.height, b.y + b.height);
  if (right <= left || bottom <= top) return std::nullopt;
  return render::Rect{left, top, right - left, bottom - top};
}

}  // namespace

void Painter::draw(const text::Layout& layout, float x, float y, render::Color color) {
  (void)render::draw_layout(atlas_, layout, {std::round(x), std::round(y)}, color);
  if (dump_ == nullptr || layout.lines.empty()) return;
  LayoutDump::Text text;
  text.rect = layout_box(layout, x, y);
  text.visible = clip_ ? intersection(text.rect, *clip_) : text.rect;
  if (!text.visible) return;  // scrolled out of sight
  text.text = layout.text;
  text.clip = clip_;
  text.inactive = inactive_;
  text.color = color;
  // The paper under the text's middle: every fill there, blended in drawing order.
  const int middle_x = text.visible->x + text.visible->width / 2;
  const int middle_y = text.visible->y + text.visible->height / 2;
  render::Color under{0, 0, 0, 255};
  auto blend = [](render::Color below, render::Color above) {
    const auto mix = [&](std::uint8_t b, std::uint8_t a) {
      return static_cast<std::uint8_t>((a * above.a + b * (255 - above.a) + 127) / 255);
    };
    return render::Color{mix(below.r, above.r), mix(below.g, above.g), mix(below.b, above.b), 255};
  };
  for (const auto& [rect, fill_color] : dump_->fills) {
    if (middle_x >= rect.x && middle_x < rect.x + rect.width && middle_y >= rect.y &&
        middle_y < rect.y + rect.height)
      under = blend(under, fill_color);
  }
  text.background = under;
  text.color = blend(under, color);
  text.script = layout.mode == text::WritingMode::kVerticalMongolian ? "mn"
                : layout.mode == text::WritingMode::kVerticalChinese ? "zh-vertical"
                                                                     : "zh";
  for (const text::Line& line : layout.lines) {
    const std::size_t end = std::min<std::size_t>(line.text_end, layout.text.size());
    const std::size_t begin = std::min<std::size_t>(line.text_begin, end);
    text.lines.push_back(layout.text.substr(begin, end - begin));
  }
  text.size_px = layout.font_size_px;
  dump_->texts.push_back(std::move(text));
}

void Painter::target(const std::string& id, const std::string& label, const render::Rect& rect,
                     std::vector<render::Rect> label_rects) {
  if (dump_ == nullptr) return;
  LayoutDump::Target target{id, label, rect, clip_ ? intersection(rect, *clip_) : rect,
                            std::move(label_rects)};
  if (!target.visible) return;
  dump_->targets.push_back(std::move(target));
}

void Painter::fill(const render::Rect& rect, render::Color color) {
  canvas_.fill_rect(rect, color);
  if (dump_ != nullptr) {
    const auto shown = clip_ ? intersection(rect, *clip_) : std::optional<render::Rect>(rect);
    if (shown) dump_->fills.emplace_back(*shown, color);
  }
}

void Painter::frame(const render::Rect& rect, render::Color color, int thickness) {
  fill({rect.x, rect.y, rect.width, thickness}, color);
  fill({rect.x, rect.y + rect.height - thickness, rect.width, thickness}, color);
  fill({rect.x, rect.y, thickness, rect.height}, color);
  fill({rect.x + rect.width - thickness, rect.y, thickness, rect.height}, color);
}

void Painter::clip(std::optional<render::Rect> rect) {
  canvas_.set_clip(rect);
  clip_ = rect;
}

// [SECTION] Buttons

bool Button::hit(Point at) const {
  return enabled && at.x >= static_cast<float>(rect.x) &&
         at.x < static_cast<float>(rect.x + rect.width) && at.y >= static_cast<float>(rect.y) &&
         at.y < static_cast<float>(rect.y + rect.height);
}

void Button::draw(Painter& painter, const Theme& theme) const {
  const render::Color background = primary ? theme.accent : theme.card;
  const render::Color ink = !enabled ? theme.outline : primary ? theme.accent_ink : theme.accent;
  painter.fill(rect, background);
  // A primary button's light edge shows it where it stands on the teal of a header (the
  // large-text switch while on); on paper it is the paper's own colour.
  painter.frame(rect, !primary ? (enabled ? theme.accent : theme.divider) : theme.accent_ink,
                std::max(1, static_cast<int>(2 * theme.unit)));
  // The Mongolian label stands to the left of the Chinese one, both centred as a group.
  const float gap = 10 * theme.unit;
  const float group = mn.width + gap + zh.width;
  const float left = static_cast<float>(rect.x) + (static_cast<float>(rect.width) - group) / 2;
  const float mn_top =
      static_cast<float>(rect.y) + (static_cast<float>(rect.height) - mn.height) / 2;
  const float zh_top =
      static_cast<float>(rect.y) + (static_cast<float>(rect.height) - zh.height) / 2;
  painter.inactive(!enabled);
  painter.draw(mn, left, mn_top, ink);
  painter.draw(zh, left + mn.width + gap, zh_top, ink);
  painter.inactive(false);
  std::vector<render::Rect> labels{layout_box(zh, left + mn.width + gap, zh_top)};
  if (!mn.lines.empty()) labels.push_back(layout_box(mn, left, mn_top));
  painter.target(id, zh.text, rect, std::move(labels));
}

Button make_button(Painter& painter, const Theme& theme, std::string id,
                   const firmware::UiText& label, render::Rect rect, bool primary) {
  Button button;
  button.rect = rect;
  button.id = std::move(id);
  button.primary = primary;
  const float height = static_cast<float>(rect.height);
  const float column = height - 2 * theme.button_pad;
  // Both scripts at one size: the theme's, or smaller where this button is lower than the
  // theme's (a dialog's), never under 2.6 mm; a word longer than the column wraps to a taller
  // column rather than being cut (the layout tests then see the button's label overflow).
  float size = theme.chrome;
  while (size > theme.least_text && longest_mongolian_word(painter, label.mn, size) > column + 0.5F)
    size = std::max(theme.least_text, size * 0.92F);
  button.zh = painter.chinese(label.zh, size, 10000, 0, false, 1.3F);
  button.mn = mongolian_label(painter, label.mn, size, column);
  const int needed = button_width(theme, button);
  if (button.rect.width < needed) button.rect.width = needed;
  return button;
}

int button_width(const Theme& theme, const Button& button) {
  const float group =
      button.mn.width + (button.mn.lines.empty() ? 0 : 10 * theme.unit) + button.zh.width;
  return static_cast<int>(std::ceil(std::max(theme.target, group + 2.5F * theme.button_pad)));
}

float longest_mongolian_word(Painter& painter, const std::string& utf8, float size) {
  float longest = 0;
  std::size_t start = 0;
  while (start < utf8.size()) {
    std::size_t end = utf8.find(' ', start);
    if (end == std::string::npos) end = utf8.size();
    if (end > start) {
      const text::Layout word = painter.mongolian(utf8.substr(start, end - start), size, 1e5F);
      longest = std::max(longest, word.height);
    }
    start = end + 1;
  }
  return longest;
}

void fit_to_labels(Theme& theme, Painter& painter, const std::vector<firmware::UiText>& labels) {
  theme.button_pad = std::max(std::round(4 * theme.unit), std::ceil(0.8F * theme.mm));
  auto tallest = [&](float size) {
    float longest = 0;
    for (const auto& label : labels)
      longest = std::max(longest, longest_mongolian_word(painter, label.mn, size));
    return longest;
  };
  // The bars keep their designed height while the words fit; otherwise the labels shrink
  // together, to 2.6 mm at least, and what still does not fit makes the bars taller.
  const float designed = std::max(theme.target, theme.header - 2 * theme.gap);
  float size = theme.chrome;
  float longest = tallest(size);
  while (longest + 2 * theme.button_pad > designed && size > theme.least_text) {
    size = std::max(theme.least_text, size * 0.92F);
    longest = tallest(size);
  }
  theme.chrome = size;
  theme.mongolian = size;
  theme.button = std::ceil(std::max(designed, longest + 2 * theme.button_pad));
  theme.header = std::max(theme.header, theme.button + 2 * theme.gap);
  theme.footer = std::max(theme.footer, theme.button + 2 * theme.gap);
}

float arrange_bar(const Theme& theme, std::vector<Button*> start, std::vector<Button*> middle,
                  std::vector<Button*> end, float left, float right, float top) {
  const float gap = std::max(theme.gap, theme.margin / 3);
  auto row_width = [&](const std::vector<Button*>& buttons) {
    float width = 0;
    for (const Button* button : buttons) width += f(button->rect.width);
    return width + gap * f(std::max<std::size_t>(buttons.size(), 1) - 1);
  };
  const float sides = row_width(start) + row_width(end);
  const float centre = row_width(middle);
  const float room = right - left;
  // One row: the middle group centred, unless that would touch a side group.
  const bool one_row = sides + centre + 2 * theme.margin <= room;
  auto place = [&](const std::vector<Button*>& buttons, float x, float y) {
    for (Button* button : buttons) {
      button->rect.x = i(x);
      button->rect.y = i(y);
      x += f(button->rect.width) + gap;
    }
  };
  place(start, left, top);
  place(end, right - row_width(end), top);
  if (one_row) {
    float x = left + (room - centre) / 2;
    x = std::clamp(x, left + row_width(start) + theme.margin,
                   right - row_width(end) - theme.margin - centre);
    place(middle, x, top);
    return theme.button;
  }
  place(middle, left + (room - centre) / 2, top + theme.button + theme.gap);
  return 2 * theme.button + theme.gap;
}

bool cuts_a_word(const text::Layout& layout, const std::string& utf8) {
  for (std::size_t k = 0; k + 1 < layout.lines.size(); ++k) {
    const std::uint32_t end = layout.lines[k].text_end;
    if (end == 0 || end > utf8.size() || utf8[end - 1] != ' ') return true;
  }
  return false;
}

text::Layout mongolian_label(Painter& painter, const std::string& utf8, float size,
                             float column_height) {
  text::Layout layout = painter.mongolian(utf8, size, column_height);
  for (int attempt = 0; attempt < 4 && cuts_a_word(layout, utf8); ++attempt) {
    column_height *= 1.5F;
    layout = painter.mongolian(utf8, size, column_height);
  }
  return layout;
}

// Drops the last character (UTF-8) of `text`.
void drop_last_character(std::string& text) {
  while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0U) == 0x80U)
    text.pop_back();
  if (!text.empty()) text.pop_back();
}

// Rectangles (relative to the layout) behind the glyphs of the byte ranges `ranges` of the
// laid-out text, one per line a range touches.
std::vector<render::Rect> marks_behind(
    const text::Layout& layout, const std::vector<std::pair<std::size_t, std::size_t>>& ranges) {
  std::vector<render::Rect> marks;
  for (const auto& [begin, end] : ranges) {
    for (const text::Line& line : layout.lines) {
      float left = 1e9F;
      float right = -1e9F;
      for (const text::GlyphRun& run : line.runs) {
        for (const text::Glyph& glyph : run.glyphs) {
          if (glyph.cluster < begin || glyph.cluster >= end) continue;
          left = std::min(left, glyph.x);
          right = std::max(right, glyph.x + glyph.advance);
        }
      }
      if (right <= left) continue;
      const float size = layout.font_size_px;
      marks.push_back({i(left), i(line.y - size * 1.0F), i(right - left), i(size * 1.3F)});
    }
  }
  return marks;
}

bool navigate(const Button& button, firmware::Router& router) {
  if (button.id == "back") {
    router.back();
    return true;
  }
  if (button.id == "home") {
    router.reset(firmware::Route{firmware::ScreenId::kHome, {}, 0, {}});
    return true;
  }
  return false;
}

// [SECTION] QR codes

std::optional<QrBlock> make_qr_block(Painter& painter, const Theme& theme, const std::string& url,
                                     const firmware::UiText& caption, float width) {
  if (url.empty()) return std::nullopt;
  auto code = firmware::qr::make_qr(url);
  if (!code.ok()) return std::nullopt;  // the build and the store check urls: not expected
  QrBlock block;
  block.code = std::move(code.value());
  const int modules = block.code.size + 2 * firmware::qr::kQuietZoneModules;
  // Whole pixels per module (a blurred module scans badly), at least 24 mm across.
  block.module = std::max(2.0F, std::ceil(24 * theme.mm / f(modules)));
  block.side = block.module * f(modules);
  const float gap = theme.margin * 0.4F;
  block.caption_mn = mongolian_label(painter, caption.mn, theme.small, block.side);
  block.caption = painter.chinese(
      caption.zh, theme.small,
      std::max(theme.small * 4, width - block.side - block.caption_mn.width - 2 * gap));
  block.width = block.side + gap + block.caption_mn.width + gap + block.caption.width;
  block.height = std::max({block.side, block.caption_mn.height, block.caption.height});
  return block;
}

void draw_qr_block(Painter& painter, const Theme& theme, const QrBlock& block, float x, float y) {
  // Dark on white whatever the theme: phones read black on white best.
  const render::Color white{255, 255, 255, 255};
  const render::Color black{0, 0, 0, 255};
  painter.fill({i(x), i(y), i(block.side), i(block.side)}, white);
  const float origin = f(firmware::qr::kQuietZoneModules) * block.module;
  const int module = i(block.module);
  for (int row = 0; row < block.code.size; ++row) {
    for (int column = 0; column < block.code.size; ++column) {
      if (!block.code.dark(column, row)) continue;
      painter.fill({i(x + origin) + column * module, i(y + origin) + row * module, module, module},
                   black);
    }
  }
  const float gap = theme.margin * 0.4F;
  painter.draw(block.caption_mn, x + block.side + gap, y, theme.muted);
  painter.draw(block.caption, x + block.side + gap + block.caption_mn.width + gap, y, theme.muted);
}

// [SECTION] Sections

namespace {

bool is_numbered(const firmware::ContentNode& node) { return node.kind != "paragraph"; }

// The kinds a visitor reads as one section, whatever stands below them: an article with its
// items, an item with its points. Every other numbered kind (book, chapter, section, part,
// heading) groups the sections below it.
bool is_leaf(const firmware::ContentNode& node) {
  return node.kind == "article" || node.kind == "item" || node.kind == "point" ||
         node.kind == "subpoint";
}

// A numbered node's label and heading as one line: "（一）建立…", "第一条", "序言". A label that
// does not end in punctuation (、 ） .) is kept apart from the heading by an ideographic space.
std::string label_line(const firmware::ContentNode& node) {
  if (node.label.empty() || node.heading.empty()) return node.label + node.heading;
  static const char* const kSeparating[] = {"、", "）", ")", ".", "．"};
  for (const char* end : kSeparating) {
    if (node.label.ends_with(end)) return node.label + node.heading;
  }
  return node.label + "\u3000" + node.heading;
}

// What a leaf's section shows below its heading, in reading order: its paragraphs, and each
// numbered node below it as its label line followed by what is below that node.
void leaf_paragraphs(const firmware::ContentNode& node, std::vector<SectionParagraph>& out) {
  for (const auto& child : node.children) {
    if (!is_numbered(child)) {
      out.push_back({&child, child.text});
      continue;
    }
    if (std::string line = label_line(child); !line.empty()) out.push_back({&child, line});
    leaf_paragraphs(child, out);
  }
}

// The first phrase of a paragraph, as the name of an unnumbered section: up to the first
// comma or full stop, at most 16 characters.
std::string leading_phrase(const std::string& text) {
  std::string out;
  std::size_t characters = 0;
  for (std::size_t i = 0; i < text.size() && characters < 16;) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    const std::string c = text.substr(i, length);
    if (c == "，" || c == "。" || c == "," || c == "；" || c == "：") break;
    out += c;
    ++characters;
    i += length;
  }
  if (out.size() < text.size() && characters >= 16) out += "…";
  return out;
}

// `inside_numbered`: the paragraphs among `nodes` already belong to their parent's section.
void walk(const std::vector<firmware::ContentNode>& nodes, int depth,
          std::vector<std::string>& ancestors, bool structured, bool inside_numbered,
          std::vector<Section>& sections, std::vector<ContentsEntry>& entries) {
  std::vector<const firmware::ContentNode*> run;
  auto flush_run = [&] {
    if (run.empty()) return;
    // A structureless document (a communiqué) reads paragraph by paragraph; elsewhere a run of
    // top-level paragraphs (preamble, closing words) is one section.
    const std::size_t per_section = structured ? run.size() : 1;
    for (std::size_t i = 0; i < run.size(); i += per_section) {
      Section section;
      section.node_id = run[i]->id;
      section.depth = depth;
      section.ancestors = ancestors;
      section.heading = leading_phrase(run[i]->text);
      for (std::size_t k = i; k < std::min(run.size(), i + per_section); ++k)
        section.paragraphs.push_back({run[k], run[k]->text});
      // The paragraphs before the first numbered part of a structured document: its preamble.
      section.preamble = structured && depth == 0 && entries.empty();
      entries.push_back(
          {false, static_cast<int>(sections.size()), depth, "", section.heading, section.preamble});
      sections.push_back(std::move(section));
    }
    run.clear();
  };
  for (const firmware::ContentNode& node : nodes) {
    if (!is_numbered(node)) {
      if (!inside_numbered) run.push_back(&node);
      continue;
    }
    flush_run();
    const bool leaf = is_leaf(node);
    // A group's own paragraphs are its section (before the sections of its children).
    std::vector<SectionParagraph> own;
    if (leaf) {
      leaf_paragraphs(node, own);
    } else {
      for (const auto& child : node.children) {
        if (!is_numbered(child)) own.push_back({&child, child.text});
      }
    }
    if (!own.empty() || leaf) {
      Section section;
      section.node_id = node.id;
      section.label = node.label;
      section.heading = node.heading;
      section.depth = depth;
      section.ancestors = ancestors;
      section.paragraphs = std::move(own);
      section.attributes = node.attributes;
      entries.push_back(
          {false, static_cast<int>(sections.size()), depth, node.label, node.heading, false});
      sections.push_back(std::move(section));
    } else {
      entries.push_back({true, -1, depth, node.label, node.heading, false});
    }
    if (!leaf) {
      ancestors.push_back(node.label + node.heading);
      // A part without text of its own opens at its first child.
      if (entries.back().group) entries.back().section = static_cast<int>(sections.size());
      walk(node.children, depth + 1, ancestors, structured, true, sections, entries);
      ancestors.pop_back();
    }
  }
  flush_run();
}

}  // namespace

void split_into_sections(const firmware::Document& document, std::vector<Section>& sections,
                         std::vector<ContentsEntry>& entries) {
  sections.clear();
  entries.clear();
  const bool structured = std::any_of(document.nodes.begin(), document.nodes.end(), is_numbered);
  std::vector<std::string> ancestors;
  walk(document.nodes, 0, ancestors, structured, false, sections, entries);
}

int section_of_node(const std::vector<Section>& sections, std::int64_t node_id) {
  for (std::size_t k = 0; k < sections.size(); ++k) {
    if (sections[k].node_id == node_id) return static_cast<int>(k);
    for (const auto& paragraph : sections[k].paragraphs) {
      if (paragraph.node->id == node_id) return static_cast<int>(k);
    }
  }
  return 0;
}

firmware::UiText fill_template(const firmware::UiText& text,
                               const std::vector<std::pair<std::string, std::string>>& values) {
  return {mongolian::fill_template(text.zh, values), mongolian::fill_template(text.mn, values)};
}

}  // namespace kiosk::ui
