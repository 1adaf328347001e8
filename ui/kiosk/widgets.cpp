#include <algorithm>
#include <cmath>

#include "ui/kiosk/widgets.h"

#include "firmware/mongolian/mongolian.h"

namespace kiosk::ui {

// [SECTION] Theme

Theme Theme::for_display(render::Size size, float dpi) {
  Theme theme;
  const float short_side = static_cast<float>(std::min(size.width, size.height));
  theme.unit = short_side / 1080.0F;
  const float u = theme.unit;
  // 9 mm at the display's density is the smallest thing a finger can hit reliably.
  theme.target = std::ceil(9.0F / 25.4F * dpi);
  auto at_least = [](float value, float minimum) { return std::max(std::round(value), minimum); };
  theme.margin = at_least(48 * u, 16);
  theme.header = at_least(132 * u, theme.target + 8);
  theme.footer = at_least(140 * u, theme.target + 8);
  theme.title = at_least(58 * u, 22);
  theme.heading = at_least(42 * u, 20);
  theme.chrome = at_least(32 * u, 16);
  theme.mongolian = at_least(26 * u, 14);
  theme.small = at_least(24 * u, 13);
  theme.body = {at_least(30 * u, 15), at_least(36 * u, 18), at_least(44 * u, 22)};
  return theme;
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

void Painter::draw(const text::Layout& layout, float x, float y, render::Color color) {
  (void)render::draw_layout(atlas_, layout, {std::round(x), std::round(y)}, color);
}

void Painter::fill(const render::Rect& rect, render::Color color) {
  canvas_.fill_rect(rect, color);
}

void Painter::frame(const render::Rect& rect, render::Color color, int thickness) {
  fill({rect.x, rect.y, rect.width, thickness}, color);
  fill({rect.x, rect.y + rect.height - thickness, rect.width, thickness}, color);
  fill({rect.x, rect.y, thickness, rect.height}, color);
  fill({rect.x + rect.width - thickness, rect.y, thickness, rect.height}, color);
}

void Painter::clip(std::optional<render::Rect> rect) { canvas_.set_clip(rect); }

// [SECTION] Buttons

bool Button::hit(Point at) const {
  return enabled && at.x >= static_cast<float>(rect.x) &&
         at.x < static_cast<float>(rect.x + rect.width) && at.y >= static_cast<float>(rect.y) &&
         at.y < static_cast<float>(rect.y + rect.height);
}

void Button::draw(Painter& painter, const Theme& theme) const {
  const render::Color background = primary ? theme.accent : theme.card;
  const render::Color ink = !enabled ? theme.divider : primary ? theme.accent_ink : theme.accent;
  painter.fill(rect, background);
  if (!primary)
    painter.frame(rect, enabled ? theme.accent : theme.divider,
                  std::max(1, static_cast<int>(2 * theme.unit)));
  // The Mongolian label stands to the left of the Chinese one, both centred as a group.
  const float gap = 10 * theme.unit;
  const float group = mn.width + gap + zh.width;
  const float left = static_cast<float>(rect.x) + (static_cast<float>(rect.width) - group) / 2;
  painter.draw(mn, left,
               static_cast<float>(rect.y) + (static_cast<float>(rect.height) - mn.height) / 2, ink);
  painter.draw(zh, left + mn.width + gap,
               static_cast<float>(rect.y) + (static_cast<float>(rect.height) - zh.height) / 2, ink);
}

Button make_button(Painter& painter, const Theme& theme, std::string id,
                   const firmware::UiText& label, render::Rect rect, bool primary) {
  Button button;
  button.rect = rect;
  button.id = std::move(id);
  button.primary = primary;
  button.zh = painter.chinese(label.zh, theme.chrome, 10000, 0, false, 1.3F);
  // A Mongolian word cut across two columns reads as two non-words: a label whose longest word
  // is longer than the button is tall is set a little smaller (to 70 %) until it fits.
  // (Buttons sized from their words are issue 12's.)
  float size = theme.mongolian;
  for (int attempt = 0; attempt < 4; ++attempt, size *= 0.89F) {
    button.mn =
        painter.mongolian(label.mn, size, static_cast<float>(rect.height) - 16 * theme.unit);
    if (!cuts_a_word(button.mn, label.mn)) break;
  }
  return button;
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

// [SECTION] Sections

namespace {

bool is_numbered(const firmware::ContentNode& node) { return node.kind != "paragraph"; }

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
        section.paragraphs.push_back(run[k]);
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
    std::vector<const firmware::ContentNode*> own;
    for (const auto& child : node.children) {
      if (!is_numbered(child)) own.push_back(&child);
    }
    const bool leaf = node.kind == "item" || node.kind == "article";
    if (!own.empty() || leaf) {
      Section section;
      section.node_id = node.id;
      section.label = node.label;
      section.heading = node.heading;
      section.depth = depth;
      section.ancestors = ancestors;
      section.paragraphs = own;
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
    for (const auto* paragraph : sections[k].paragraphs) {
      if (paragraph->id == node_id) return static_cast<int>(k);
    }
  }
  return 0;
}

firmware::UiText fill_template(const firmware::UiText& text,
                               const std::vector<std::pair<std::string, std::string>>& values) {
  return {mongolian::fill_template(text.zh, values), mongolian::fill_template(text.mn, values)};
}

}  // namespace kiosk::ui
