// The screens: attract loop, home, contents, reader, and the error and dark screens.
#include <SDL.h>

#include <algorithm>
#include <cmath>

#include "ui/kiosk/widgets.h"

namespace kiosk::ui {

using firmware::Route;
using firmware::ScreenId;

// [SECTION] Shared pieces: header bar, scrolling area

void Header::draw(Painter& painter, const Theme& theme, render::Size size) const {
  painter.fill({0, 0, size.width, i(height)}, theme.accent);
  painter.fill({0, i(height) - 4, size.width, i(4 * theme.unit) + 1}, theme.gold);
  for (const Button& button : buttons) button.draw(painter, theme);
  // Centred on the screen where the room between the buttons allows, else in that room.
  const float group = title.width + title_mn.width + (title_mn.lines.empty() ? 0 : 12 * theme.unit);
  const float middle_left =
      std::clamp(f(size.width) / 2 - group / 2, free_left, std::max(free_left, free_right - group));
  painter.draw(title_mn, middle_left, (height - title_mn.height) / 2, theme.accent_ink);
  painter.draw(title, middle_left + title_mn.width + 12 * theme.unit, (height - title.height) / 2,
               theme.accent_ink);
}

const Button* Header::hit(Point at) const {
  for (const Button& button : buttons) {
    if (button.hit(at)) return &button;
  }
  return nullptr;
}

Header make_header(ScreenContext& context, const std::string& title, const std::string& title_mn,
                   HeaderButtons which) {
  Painter& painter = context.painter;
  const Theme& theme = context.theme;
  Header header;
  header.height = theme.header;
  // Buttons as wide as their labels (at least the designed width), flush with the edges.
  const int button_height = i(theme.button);
  const int button_width = i(std::max(220 * theme.unit, theme.target * 1.5F));
  const int top = i((theme.header - f(button_height)) / 2);
  const int edge = i(theme.margin / 2);
  if (which.back || which.search) {
    header.buttons.push_back(
        make_button(painter, theme, which.back ? "back" : "search",
                    context.store->ui_text(which.back ? "nav.back" : "search.title"),
                    {edge, top, button_width, button_height}));
  }
  if (which.home || which.quiz) {
    const firmware::UiText label =
        context.store->ui_text(which.home ? std::string("nav.home") : std::string("quiz.start"));
    Button button = make_button(painter, theme, which.home ? "home" : "quiz", label,
                                {0, top, button_width, button_height});
    button.rect.x = context.size.width - edge - button.rect.width;
    header.buttons.push_back(std::move(button));
  }
  // The large-text, high-contrast switch on every visitor screen: left of the right button,
  // shown pressed while on. The view handles its taps, so every screen has it for free.
  if (which.home || which.quiz) {
    const int right_edge = header.buttons.back().rect.x - i(std::max(theme.gap, theme.margin / 3));
    Button toggle = make_button(painter, theme, "accessible", context.store->ui_text("a11y.toggle"),
                                {0, top, 0, button_height}, theme.accessible);
    toggle.rect.x = right_edge - toggle.rect.width;
    context.accessible_switch = toggle.rect;
    header.buttons.push_back(std::move(toggle));
  }
  // The title sits between the buttons: Mongolian column(s) first, then the Chinese. A long
  // Mongolian title in a low header needs many columns: it gets smaller, and if it still takes
  // more than a third of the room, the header shows the Chinese title alone (the Mongolian one
  // is on the home card and the attract screen).
  // The buttons on each side: the title takes the room between them.
  header.free_left = theme.margin / 2;
  header.free_right = f(context.size.width) - theme.margin / 2;
  for (const Button& button : header.buttons) {
    if (button.rect.x + button.rect.width / 2 < context.size.width / 2) {
      header.free_left =
          std::max(header.free_left, f(button.rect.x + button.rect.width) + theme.margin / 2);
    } else {
      header.free_right = std::min(header.free_right, f(button.rect.x) - theme.margin / 2);
    }
  }
  const float room = std::max(theme.chrome * 2, header.free_right - header.free_left);
  const float column_height = theme.header - 2 * (theme.gap + theme.button_pad);
  // A word longer than the column would be cut in two: smaller still, else no Mongolian column.
  for (float scale : {0.9F, 0.75F, 0.62F}) {
    header.title_mn = painter.mongolian(
        title_mn, std::max(theme.least_text, theme.mongolian * scale), column_height);
    if (header.title_mn.width <= room / 3 && !cuts_a_word(header.title_mn, title_mn)) break;
  }
  if (header.title_mn.width > room / 3 || cuts_a_word(header.title_mn, title_mn))
    header.title_mn = text::Layout{};
  const float title_width = room - header.title_mn.width - 12 * theme.unit;
  header.title = painter.chinese(title, theme.heading, title_width, 0, false, 1.25F);
  // Two lines at most: a longer title shrinks, then gives up the Mongolian column's room, then
  // is cut after two lines with an ellipsis (the full title is on the screen below).
  if (header.title.lines.size() > 2)
    header.title = painter.chinese(title, theme.chrome, title_width, 0, false, 1.25F);
  if (header.title.lines.size() > 2) {
    header.title_mn = text::Layout{};
    header.title = painter.chinese(title, theme.chrome, room, 0, false, 1.25F);
  }
  if (header.title.lines.size() > 2) {
    std::string cut = title.substr(0, header.title.lines[1].text_end);
    drop_last_character(cut);  // room for the ellipsis
    header.title = painter.chinese(cut + "…", theme.chrome, room, 0, false, 1.25F);
  }
  // Large text in a low header: smaller until the two lines fit between its edges.
  const float inside = theme.header - 2 * theme.button_pad;
  for (float size = theme.chrome * 0.9F; header.title.height > inside && size >= theme.least_text;
       size *= 0.9F) {
    header.title = painter.chinese(header.title.text, size, room, 0, false, 1.2F);
  }
  return header;
}

void ScrollArea::set(render::Rect viewport, float content) {
  viewport_ = viewport;
  model_.set_extent(content, f(viewport.height));
}

bool ScrollArea::contains(Point at) const {
  return at.x >= f(viewport_.x) && at.x < f(viewport_.x + viewport_.width) &&
         at.y >= f(viewport_.y) && at.y < f(viewport_.y + viewport_.height);
}

bool ScrollArea::gesture(const Gesture& gesture) {
  switch (gesture.type) {
    case Gesture::Type::kDragBegin:
      model_.stop();
      model_.drag_by(gesture.at.y - gesture.start.y);
      dragging_ = true;
      return true;
    case Gesture::Type::kDrag:
      if (dragging_) model_.drag_by(gesture.delta.y);
      return dragging_;
    case Gesture::Type::kDragEnd:
      if (dragging_) model_.release(gesture.velocity.y);
      dragging_ = false;
      return true;
    default:
      return false;
  }
}

void ScrollArea::page(int direction) {
  model_.jump_to(model_.offset() + f(direction) * f(viewport_.height) * 0.85F);
}

void ScrollArea::step_by(float delta) { model_.jump_to(model_.offset() + delta); }

bool ScrollArea::key(const std::string& key, float step) {
  if (key == "down")
    step_by(step);
  else if (key == "up")
    step_by(-step);
  else if (key == "pagedown")
    page(1);
  else if (key == "pageup")
    page(-1);
  else
    return false;
  return true;
}

bool ScrollArea::tick(std::int64_t now_ms) {
  const std::int64_t elapsed =
      last_ms_ < 0 ? 16 : std::clamp<std::int64_t>(now_ms - last_ms_, 0, 100);
  last_ms_ = now_ms;
  const float before = model_.offset();
  const bool moving = model_.step(elapsed);
  if (!moving) last_ms_ = -1;
  return moving || model_.offset() != before;
}

namespace {

std::string kind_key(const std::string& kind) { return "kind." + kind; }

constexpr int kQuizRow = -2;  // the contents row that starts the document's quiz

// 2023-07-05 -> 2023年7月5日 and its Mongolian, from the release's date.format (the month
// takes its ordinal suffix by how the number is read).
firmware::UiText document_date(const firmware::ContentStore& store, const std::string& date) {
  if (date.size() != 10) return {date, date};
  firmware::UiText format = store.ui_text("date.format");
  if (format.zh == "date.format") format = {"{year}年{month}月{day}日", "{year}.{month}.{day}"};
  return fill_template(format, {{"year", date.substr(0, 4)},
                                {"month", std::to_string(std::atoi(date.substr(5, 2).c_str()))},
                                {"day", std::to_string(std::atoi(date.substr(8, 2).c_str()))}});
}

// The Mongolian of a document's tags and issuer: kind, excerpt, issuer, date.
std::string document_meta_mn(const firmware::ContentStore& store,
                             const firmware::DocumentInfo& document) {
  std::string meta = store.ui_text(kind_key(document.kind)).mn;
  if (document.excerpt) meta += "᠂ " + store.ui_text("reader.excerpt").mn;
  if (!document.issuer_mn.empty()) meta += "᠂ " + document.issuer_mn;
  return meta + "᠂ " + document_date(store, document.date).mn;
}

// [SECTION] Attract loop

class AttractScreen : public Screen {
 public:
  explicit AttractScreen(ScreenContext& context) : context_(context) {
    Painter& painter = context.painter;
    const Theme& theme = context.theme;
    const auto& documents = context.store->documents();
    const float width = f(context.size.width) - 4 * theme.margin - 3 * theme.title;
    const auto name = context.store->ui_text("app.name");
    app_name_ = painter.chinese(name.zh, theme.heading, width);
    app_name_mn_ = painter.mongolian(name.mn, theme.heading, f(context.size.height) * 0.3F);
    for (const auto& document : documents) {
      Slide slide;
      const firmware::UiText date = document_date(*context.store, document.date);
      // Both titles at one size: the Chinese's, smaller together while the Mongolian columns
      // would take more than a third of the width.
      float title_size = theme.title * 1.15F;
      for (;;) {
        slide.title_mn =
            mongolian_label(painter, document.title_mn, title_size, f(context.size.height) * 0.42F);
        if (slide.title_mn.width <= f(context.size.width) / 3 ||
            title_size * 0.9F < std::max(theme.least_text, theme.title * 0.62F))
          break;
        title_size *= 0.9F;
      }
      slide.issuer_mn = painter.mongolian(document.issuer_mn + "᠂ " + date.mn, theme.chrome,
                                          f(context.size.height) * 0.42F);
      // The Chinese takes what the Mongolian columns (and the app name's) leave of the width.
      const float text_width =
          std::min(width, f(context.size.width) - 6 * theme.margin - app_name_mn_.width -
                              slide.title_mn.width - slide.issuer_mn.width);
      slide.title = painter.chinese(document.title_zh, title_size,
                                    std::min(width * 0.8F, text_width), 0, false, 1.35F);
      slide.issuer = painter.chinese(document.issuer + "　" + date.zh, theme.chrome, text_width);
      slides_.push_back(std::move(slide));
    }
    const auto touch = context.store->ui_text("attract.touch_to_start");
    touch_ = painter.chinese(touch.zh, theme.heading, width);
    touch_mn_ = mongolian_label(painter, touch.mn, theme.heading, f(context.size.height) * 0.2F);
  }
  [[nodiscard]] const char* name() const override { return "attract"; }

  void draw(Painter& painter) override {
    const Theme& theme = context_.theme;
    const render::Size size = context_.size;
    painter.fill({0, 0, size.width, size.height}, theme.accent);
    painter.fill({i(theme.margin), i(theme.margin + theme.heading * 1.8F),
                  size.width - i(2 * theme.margin), i(3 * theme.unit) + 1},
                 theme.gold);
    painter.draw(app_name_, theme.margin, theme.margin, theme.accent_ink);
    if (slides_.empty()) return;
    painter.draw(app_name_mn_, theme.margin, theme.margin * 1.6F + theme.heading * 1.8F,
                 theme.accent_ink);
    // A cross-fade: the last document fades out while the current one fades in, so the screen
    // is never blank between slides.
    const float fade = std::clamp(fade_, 0.0F, 1.0F);
    if (fade < 1.0F && slides_.size() > 1)
      draw_slide(painter, (current_ + slides_.size() - 1) % slides_.size(), 1.0F - fade);
    draw_slide(painter, current_, fade);
    // Touch to start, in both scripts, at the bottom.
    const float bottom = f(size.height) - theme.margin;
    const float touch_left = (f(size.width) - touch_.width - touch_mn_.width - theme.margin) / 2;
    painter.draw(touch_mn_, touch_left, bottom - touch_mn_.height, theme.accent_ink);
    painter.draw(touch_, touch_left + touch_mn_.width + theme.margin,
                 bottom - touch_mn_.height / 2 - touch_.height / 2, theme.accent_ink);
    painter.target("start", touch_.text, {0, 0, size.width, size.height});
  }

  // One document: its title in Chinese and as a Mongolian column, issuer and date, at `opacity`.
  void draw_slide(Painter& painter, std::size_t index, float opacity) {
    const Slide& slide = slides_[index];
    const Theme& theme = context_.theme;
    const render::Size size = context_.size;
    const auto alpha = static_cast<std::uint8_t>(std::clamp(opacity, 0.0F, 1.0F) * 255);
    render::Color ink = theme.accent_ink;
    ink.a = alpha;
    render::Color gold = theme.gold_ink;
    gold.a = alpha;
    // Mongolian columns (title, then issuer and date) left of the Chinese, in the same colours.
    const float block = slide.title_mn.width + slide.issuer_mn.width + 3 * theme.margin +
                        std::max(slide.title.width, slide.issuer.width);
    // Centred, but never over the app name's Mongolian column at the left edge (small panels).
    const float left = std::max((f(size.width) - block) / 2, theme.margin * 2 + app_name_mn_.width);
    const float middle = f(size.height) * 0.42F;
    painter.draw(slide.title_mn, left, middle - slide.title_mn.height / 2, ink);
    painter.draw(slide.issuer_mn, left + slide.title_mn.width + theme.margin,
                 middle - slide.issuer_mn.height / 2, gold);
    const float text_left = left + slide.title_mn.width + slide.issuer_mn.width + 3 * theme.margin;
    const float text_top = middle - (slide.title.height + slide.issuer.height + theme.margin) / 2;
    painter.draw(slide.title, text_left, text_top, ink);
    painter.draw(slide.issuer, text_left, text_top + slide.title.height + theme.margin, gold);
  }

  void gesture(const Gesture& gesture) override {
    if (gesture.type == Gesture::Type::kTap || gesture.type == Gesture::Type::kDragEnd) {
      context_.router.go(Route{ScreenId::kHome, {}, 0, {}});
    }
  }
  void key(const std::string& key) override {
    (void)key;
    context_.router.go(Route{ScreenId::kHome, {}, 0, {}});
  }

  // Every 8 s the next document fades in over 0.8 s; in between nothing is drawn.
  bool tick(std::int64_t now_ms) override {
    if (start_ms_ < 0) start_ms_ = now_ms;
    last_tick_ms_ = now_ms;
    const std::int64_t elapsed = now_ms - start_ms_;
    const std::size_t slide =
        slides_.empty() ? 0 : static_cast<std::size_t>(elapsed / kSlideMs) % slides_.size();
    const float fade = std::min(1.0F, static_cast<float>(elapsed % kSlideMs) / kFadeMs);
    const float shown = slide == 0 && elapsed < kSlideMs ? 1.0F : fade;
    const bool changed = slide != current_ || std::abs(shown - fade_) > 0.001F;
    current_ = slide;
    fade_ = shown;
    return changed;
  }
  [[nodiscard]] bool animating() const override { return fade_ < 1.0F; }
  [[nodiscard]] std::int64_t wake_at_ms() const override {
    if (start_ms_ < 0) return 0;
    return start_ms_ +
           ((std::max<std::int64_t>(0, last_tick_ms_ - start_ms_) / kSlideMs) + 1) * kSlideMs;
  }

 private:
  static constexpr std::int64_t kSlideMs = 8000;
  static constexpr float kFadeMs = 800;
  struct Slide {
    text::Layout title;
    text::Layout title_mn;
    text::Layout issuer;
    text::Layout issuer_mn;  // with the date
  };
  ScreenContext& context_;
  std::vector<Slide> slides_;
  text::Layout app_name_;
  text::Layout app_name_mn_;
  text::Layout touch_;
  text::Layout touch_mn_;
  std::size_t current_ = 0;
  float fade_ = 1;
  std::int64_t start_ms_ = -1;
  std::int64_t last_tick_ms_ = 0;
};

// [SECTION] Home: the documents as cards

class HomeScreen : public Screen {
 public:
  explicit HomeScreen(ScreenContext& context) : context_(context) {
    Painter& painter = context.painter;
    const Theme& theme = context.theme;
    const auto title = context.store->ui_text("home.title");
    header_ = make_header(context, title.zh, title.mn, HeaderButtons{false, false, true, true});
    const auto& documents = context.store->documents();
    const bool landscape = context.size.width > context.size.height;
    const int columns = landscape ? 3 : 2;
    const float gap = theme.margin * 0.75F;
    const float card_width =
        (f(context.size.width) - 2 * theme.margin - gap * f(columns - 1)) / f(columns);
    const float available = f(context.size.height) - theme.header - 2 * theme.margin;
    const int rows = static_cast<int>((documents.size() + columns - 1) / columns);
    // Cards share the screen's height; on a small display they grow to what their text needs
    // and the home screen scrolls.
    const float pad = theme.margin * 0.6F;
    auto lay_out = [&](const firmware::DocumentInfo& document, float height) {
      Card card;
      card.slug = document.slug;
      // The Mongolian title at the Chinese title's size.
      card.title_mn =
          mongolian_label(painter, document.title_mn, theme.heading * 0.92F, height - 2 * pad);
      // Tags, issuer and date in Mongolian: columns beside the title's, at the Chinese's size.
      card.meta_mn = painter.mongolian(document_meta_mn(*context.store, document), theme.small,
                                       height - 2 * pad);
      const float text_width = card_width - card.title_mn.width - card.meta_mn.width - 3.5F * pad;
      card.title =
          painter.chinese(document.title_zh, theme.heading * 0.92F, text_width, 0, false, 1.35F);
      card.issuer = painter.chinese(document.issuer, theme.small, text_width);
      std::string meta = document_date(*context.store, document.date).zh;
      if (!document.number.empty()) meta += "　" + document.number;
      card.meta = painter.chinese(meta, theme.small, text_width);
      card.kind = painter.chinese(context.store->ui_text(kind_key(document.kind)).zh, theme.small,
                                  text_width);
      if (document.excerpt) {
        card.excerpt =
            painter.chinese(context.store->ui_text("reader.excerpt").zh, theme.small, text_width);
      }
      return card;
    };
    auto needed = [&](const Card& card) {
      return std::max(std::max(card.title_mn.height, card.meta_mn.height) + 2 * pad,
                      pad * 0.8F + card.title.height + pad + card.kind.height + pad * 0.3F +
                          card.issuer.height + card.meta.height + pad);
    };
    float card_height = std::max(theme.target * 3, (available - gap * f(rows - 1)) / f(rows));
    // A taller card holds its Mongolian in fewer, longer columns, which leaves the Chinese more
    // width: what a card needs falls as it grows. The smallest height that fits every card, by
    // bisection (a long bilingual title must not make every card needlessly tall). A card that
    // fits at some height fits at every greater one, so each step lays out only the cards that
    // did not fit at the last height that was too small.
    // Since what a card needs falls as it grows, the largest need at the first height is a
    // height at which every card fits: the search starts between the two.
    std::vector<const firmware::DocumentInfo*> tight;
    float most = 0;
    auto failing = [&](const std::vector<const firmware::DocumentInfo*>& candidates, float height) {
      std::vector<const firmware::DocumentInfo*> out;
      most = 0;
      for (const auto* document : candidates) {
        const float need = needed(lay_out(*document, height));
        if (need > height + 0.5F) out.push_back(document);
        most = std::max(most, need);
      }
      return out;
    };
    for (const auto& document : documents) tight.push_back(&document);
    tight = failing(tight, card_height);
    if (!tight.empty()) {
      float low = card_height;
      float high = std::ceil(most);
      for (int step = 0; step < 5 && high - low > std::max(4.0F, high * 0.03F); ++step) {
        const float middle = (low + high) / 2;
        auto still = failing(tight, middle);
        if (still.empty()) {
          high = middle;
        } else {
          low = middle;
          tight = std::move(still);
        }
      }
      card_height = std::ceil(high);
    }
    for (std::size_t k = 0; k < documents.size(); ++k) {
      Card card = lay_out(documents[k], card_height);
      const int column = static_cast<int>(k) % columns;
      const int row = static_cast<int>(k) / columns;
      card.rect = {i(theme.margin + f(column) * (card_width + gap)),
                   i(f(row) * (card_height + gap)), i(card_width), i(card_height)};
      cards_.push_back(std::move(card));
    }
    const float content = f(rows) * card_height + f(rows - 1) * gap;
    scroll_.set({0, i(theme.header + theme.margin), context.size.width,
                 context.size.height - i(theme.header + theme.margin)},
                content + theme.margin);
  }
  [[nodiscard]] const char* name() const override { return "home"; }

  void draw(Painter& painter) override {
    const Theme& theme = context_.theme;
    painter.fill({0, 0, context_.size.width, context_.size.height}, theme.paper);
    header_.draw(painter, theme, context_.size);
    const render::Rect& view = scroll_.viewport();
    painter.clip(view);
    const float top = f(view.y) - scroll_.offset();
    const float pad = theme.margin * 0.6F;
    for (const Card& card : cards_) {
      const float y = top + f(card.rect.y);
      if (y > f(view.y + view.height) || y + f(card.rect.height) < f(view.y)) continue;
      const render::Rect rect{card.rect.x, i(y), card.rect.width, card.rect.height};
      painter.target("card:" + card.slug, card.title.text, rect);
      painter.fill(rect, card.slug == pressed_ ? theme.pressed : theme.card);
      painter.fill({rect.x, rect.y, i(6 * theme.unit) + 1, rect.height}, theme.accent);
      painter.draw(card.title_mn, f(rect.x) + pad, y + pad, theme.accent);
      painter.draw(card.meta_mn, f(rect.x) + pad * 1.5F + card.title_mn.width, y + pad,
                   theme.muted);
      const float text_left = f(rect.x) + pad * 2.5F + card.title_mn.width + card.meta_mn.width;
      painter.draw(card.title, text_left, y + pad * 0.8F, theme.ink);
      // Kind and excerpt tags, issuer and date at the bottom of the card.
      float bottom = y + f(rect.height) - pad;
      painter.draw(card.meta, text_left, bottom - card.meta.height, theme.muted);
      bottom -= card.meta.height;
      painter.draw(card.issuer, text_left, bottom - card.issuer.height, theme.muted);
      bottom -= card.issuer.height + pad * 0.3F;
      float tag_left = text_left;
      for (const text::Layout* tag : {&card.kind, &card.excerpt}) {
        if (tag->lines.empty()) continue;
        const render::Rect box{i(tag_left), i(bottom - tag->height), i(tag->width + pad),
                               i(tag->height)};
        painter.fill(box, theme.tag);
        painter.draw(*tag, tag_left + pad / 2, bottom - tag->height, theme.accent);
        tag_left += tag->width + pad * 1.5F;
      }
    }
    painter.clip(std::nullopt);
  }

  void pointer_down() override { scroll_.stop(); }

  void gesture(const Gesture& gesture) override {
    if (scroll_.gesture(gesture)) {
      pressed_.clear();
      return;
    }
    if (gesture.type != Gesture::Type::kTap) return;
    if (const Button* button = header_.hit(gesture.at); button != nullptr && button->id == "quiz") {
      if (context_.quiz.start("")) context_.router.go(Route{ScreenId::kQuiz, "", 0, {}});
      return;
    }
    if (const Button* button = header_.hit(gesture.at);
        button != nullptr && button->id == "search") {
      // A new search: the words of the last one are for coming back from the reader.
      if (context_.last_search != nullptr) context_.last_search->clear();
      context_.router.go(Route{ScreenId::kSearch, {}, 0, {}});
      return;
    }
    const float y = gesture.at.y - f(scroll_.viewport().y) + scroll_.offset();
    for (const Card& card : cards_) {
      if (gesture.at.x >= f(card.rect.x) && gesture.at.x < f(card.rect.x + card.rect.width) &&
          y >= f(card.rect.y) && y < f(card.rect.y + card.rect.height) &&
          scroll_.contains(gesture.at)) {
        context_.router.go(Route{ScreenId::kContents, card.slug, 0, {}});
        return;
      }
    }
  }
  void key(const std::string& key) override {
    if (key == "escape") context_.router.back();
    if (key == "down" || key == "pagedown") scroll_.page(1);
    if (key == "up" || key == "pageup") scroll_.page(-1);
  }
  bool tick(std::int64_t now_ms) override { return scroll_.tick(now_ms); }
  [[nodiscard]] bool animating() const override { return scroll_.animating(); }

 private:
  struct Card {
    std::string slug;
    render::Rect rect;  // y relative to the top of the scrolling content
    text::Layout title;
    text::Layout title_mn;
    text::Layout issuer;
    text::Layout meta;
    text::Layout kind;
    text::Layout excerpt;
    text::Layout meta_mn;  // kind, excerpt, issuer and date in Mongolian
  };
  ScreenContext& context_;
  Header header_;
  std::vector<Card> cards_;
  ScrollArea scroll_;
  std::string pressed_;
};

// [SECTION] Contents

class ContentsScreen : public Screen {
 public:
  ContentsScreen(ScreenContext& context, const std::string& slug) : context_(context), slug_(slug) {
    Painter& painter = context.painter;
    const Theme& theme = context.theme;
    auto document = context.store->document(slug);
    if (!document) {
      context.router.reset(Route{ScreenId::kHome, {}, 0, {}});
      return;
    }
    document_ = std::move(document.value());
    split_into_sections(document_, sections_, entries_);
    header_ = make_header(context, document_.info.title_zh, document_.info.title_mn,
                          HeaderButtons{true, true, false});
    const float left = theme.margin;
    const float width = f(context.size.width) - 2 * theme.margin;
    float y = theme.margin * 0.5F;
    // Take it home: the document's address as a QR code, first, when the editors gave one.
    qr_ = make_qr_block(painter, theme, document_.info.url, context.store->ui_text("qr.caption"),
                        width);
    if (qr_) {
      qr_top_ = y;
      y += qr_->height + theme.margin * 0.5F;
    }
    // The document's own quiz opens the list, when the bank has questions for it.
    const bool has_quiz =
        std::any_of(context.quiz.bank.begin(), context.quiz.bank.end(),
                    [&](const firmware::Question& q) { return q.document == slug; });
    if (has_quiz) {
      ContentsEntry quiz;
      quiz.section = kQuizRow;
      quiz.heading = context.store->ui_text("quiz.this_document").zh;
      entries_.insert(entries_.begin(), quiz);
    }
    const auto preamble = context.store->ui_text("contents.preamble");
    for (const ContentsEntry& entry : entries_) {
      Row row;
      row.entry = entry;
      const float indent = f(entry.depth) * theme.heading;
      const std::string text = entry.preamble ? preamble.zh : entry.label + entry.heading;
      row.text =
          painter.chinese(text, entry.group || entry.depth == 0 ? theme.body[1] : theme.body[0],
                          width - indent - theme.margin, 0, false, 1.45F);
      row.x = left + indent + theme.margin * 0.5F;
      // A row is a 9-mm target with 2 mm between it and the next: a tap in the gap opens nothing.
      float height = std::max(theme.target + theme.gap, row.text.height + theme.margin * 0.4F);
      // The kiosk's own labels (the quiz row, 序言) in both scripts: the Mongolian column first.
      if (entry.section == kQuizRow) {
        // Compact: a word to a column, as low as the longest word allows.
        const std::string mn = context.store->ui_text("quiz.this_document").mn;
        row.mn = mongolian_label(
            painter, mn, theme.body[0],
            std::max(row.text.height, longest_mongolian_word(painter, mn, theme.body[0])));
        row.mn_x = theme.margin * 1.5F;
      } else if (entry.preamble) {
        row.mn = mongolian_label(
            painter, preamble.mn, theme.body[1] * 0.8F,
            std::max(row.text.height,
                     longest_mongolian_word(painter, preamble.mn, theme.body[1] * 0.8F)));
        row.mn_x = row.x;
      }
      if (!row.mn.lines.empty()) {
        row.x += row.mn.width + theme.margin * 0.4F;
        height = std::max(height, row.mn.height + theme.margin * 0.4F);
      }
      row.top = y;
      row.height = height;
      y += height + (entry.group ? theme.margin * 0.3F : 0);
      rows_.push_back(std::move(row));
    }
    scroll_.set({0, i(theme.header), context.size.width, context.size.height - i(theme.header)},
                y + theme.margin);
    // Back from the reader: the row last read is marked and in view.
    if (context.last_read != nullptr) {
      if (auto it = context.last_read->find(slug); it != context.last_read->end()) {
        for (std::size_t k = 0; k < rows_.size(); ++k) {
          if (rows_[k].entry.group || rows_[k].entry.section != it->second) continue;
          last_read_row_ = static_cast<int>(k);
          scroll_.jump_to(std::max(0.0F, rows_[k].top - f(scroll_.viewport().height) / 3));
          break;
        }
      }
    }
  }
  [[nodiscard]] const char* name() const override { return "contents"; }

  void draw(Painter& painter) override {
    const Theme& theme = context_.theme;
    painter.fill({0, 0, context_.size.width, context_.size.height}, theme.paper);
    header_.draw(painter, theme, context_.size);
    const render::Rect& view = scroll_.viewport();
    painter.clip(view);
    const float top = f(view.y) - scroll_.offset();
    if (qr_) draw_qr_block(painter, theme, *qr_, theme.margin, top + qr_top_);
    for (std::size_t k = 0; k < rows_.size(); ++k) {
      const Row& row = rows_[k];
      const float y = top + row.top;
      if (y > f(view.y + view.height) || y + row.height < f(view.y)) continue;
      if (static_cast<int>(k) == pressed_) {
        painter.fill({0, i(y), context_.size.width, i(row.height)}, theme.pressed);
      }
      if (row.entry.section >= 0 || row.entry.section == kQuizRow) {
        const int target_top = i(y + theme.gap / 2);
        painter.target(
            "row:" + std::to_string(k), row.text.text,
            {0, target_top, context_.size.width, i(y + row.height - theme.gap / 2) - target_top});
      }
      if (row.entry.section == kQuizRow) {
        painter.fill({i(theme.margin), i(y + theme.margin * 0.1F),
                      i(row.x - theme.margin + row.text.width + theme.margin),
                      i(row.height - theme.margin * 0.2F)},
                     theme.accent);
        painter.draw(row.mn, row.mn_x, y + (row.height - row.mn.height) / 2, theme.accent_ink);
        painter.draw(row.text, row.x + theme.margin * 0.25F, y + (row.height - row.text.height) / 2,
                     theme.accent_ink);
        continue;
      }
      if (static_cast<int>(k) == last_read_row_ && static_cast<int>(k) != pressed_) {
        painter.fill({0, i(y), context_.size.width, i(row.height)}, theme.tag);
        painter.fill({i(theme.margin * 0.4F), i(y), i(6 * theme.unit) + 1, i(row.height)},
                     theme.gold);
      }
      const render::Color color = row.entry.group ? theme.accent : theme.ink;
      if (!row.mn.lines.empty())
        painter.draw(row.mn, row.mn_x, y + (row.height - row.mn.height) / 2, color);
      painter.draw(row.text, row.x, y + (row.height - row.text.height) / 2, color);
      painter.fill(
          {i(theme.margin), i(y + row.height) - 1, context_.size.width - i(2 * theme.margin), 1},
          theme.divider);
    }
    painter.clip(std::nullopt);
  }

  void pointer_down() override { scroll_.stop(); }

  void gesture(const Gesture& gesture) override {
    if (gesture.type == Gesture::Type::kTap) {
      if (const Button* button = header_.hit(gesture.at)) {
        navigate(*button, context_.router);
        return;
      }
      if (!scroll_.contains(gesture.at)) return;
      const float y = gesture.at.y - f(scroll_.viewport().y) + scroll_.offset();
      const float half_gap = context_.theme.gap / 2;
      for (const Row& row : rows_) {
        if (y < row.top + half_gap || y >= row.top + row.height - half_gap) continue;
        if (row.entry.section == kQuizRow) {
          if (context_.quiz.start(slug_)) context_.router.go(Route{ScreenId::kQuiz, slug_, 0, {}});
          return;
        }
        if (row.entry.section >= 0) {
          context_.router.go(Route{ScreenId::kReader, slug_, row.entry.section, {}});
          return;
        }
      }
      return;
    }
    scroll_.gesture(gesture);
  }
  void key(const std::string& key) override {
    if (key == "escape") context_.router.back();
    scroll_.key(key, context_.theme.target * 2);
  }
  bool tick(std::int64_t now_ms) override { return scroll_.tick(now_ms); }
  [[nodiscard]] bool animating() const override { return scroll_.animating(); }

 private:
  struct Row {
    ContentsEntry entry;
    text::Layout text;
    text::Layout mn;  // the kiosk's own labels (序言) in Mongolian
    float mn_x = 0;
    float x = 0;
    float top = 0;
    float height = 0;
  };
  int last_read_row_ = -1;  // the row of the section last read in this visit
  std::optional<QrBlock> qr_;
  float qr_top_ = 0;
  ScreenContext& context_;
  std::string slug_;
  firmware::Document document_;
  std::vector<Section> sections_;
  std::vector<ContentsEntry> entries_;
  Header header_;
  std::vector<Row> rows_;
  ScrollArea scroll_;
  int pressed_ = -1;
};

// [SECTION] Reader

class ReaderScreen : public Screen {
 public:
  ReaderScreen(ScreenContext& context, const std::string& slug, int section, std::string highlight)
      : context_(context), slug_(slug), section_(section), highlight_(std::move(highlight)) {
    auto document = context.store->document(slug);
    if (!document) {
      context.router.reset(Route{ScreenId::kHome, {}, 0, {}});
      return;
    }
    document_ = std::move(document.value());
    std::vector<ContentsEntry> entries;
    split_into_sections(document_, sections_, entries);
    if (section < 0) section = longest_section();
    section_ = std::clamp(section, 0, std::max(0, static_cast<int>(sections_.size()) - 1));
    if (context.last_read != nullptr) (*context.last_read)[slug] = section_;
    build();
  }
  [[nodiscard]] const char* name() const override { return "reader"; }

  void build() {
    Painter& painter = context_.painter;
    const Theme& theme = context_.theme;
    const render::Size size = context_.size;
    header_ = make_header(context_, document_.info.title_zh, document_.info.title_mn,
                          HeaderButtons{true, true, false});
    // Footer: previous, the three text sizes, next; the sizes take a second row where the
    // five do not fit in one (a tall narrow panel), so that no button covers another.
    footer_.clear();
    const int button_height = i(theme.button);
    const int wide = i(std::max(250 * theme.unit, theme.target * 2));
    auto& store = *context_.store;
    Button previous = make_button(painter, theme, "previous", store.ui_text("nav.previous"),
                                  {0, 0, wide, button_height});
    previous.enabled = section_ > 0;
    Button next = make_button(painter, theme, "next", store.ui_text("nav.next"),
                              {0, 0, wide, button_height}, true);
    next.enabled = section_ + 1 < static_cast<int>(sections_.size());
    footer_.push_back(std::move(previous));
    footer_.push_back(std::move(next));
    const char* sizes[] = {"reader.size_small", "reader.size_medium", "reader.size_large"};
    for (int k = 0; k < 3; ++k) {
      footer_.push_back(make_button(painter, theme, std::string("size") + std::to_string(k),
                                    store.ui_text(sizes[k]), {0, 0, 0, button_height},
                                    k == context_.text_size));
    }
    // The size buttons share the widest one's width.
    int narrow = 0;
    for (std::size_t k = 2; k < footer_.size(); ++k)
      narrow = std::max(narrow, footer_[k].rect.width);
    for (std::size_t k = 2; k < footer_.size(); ++k) footer_[k].rect.width = narrow;
    const float bar =
        arrange_bar(theme, {&footer_[0]}, {&footer_[2], &footer_[3], &footer_[4]}, {&footer_[1]},
                    theme.margin / 2, f(size.width) - theme.margin / 2, 0);
    footer_height_ = std::max(theme.footer, bar + 2 * theme.gap);
    const float footer_top = f(size.height) - footer_height_ + theme.gap;
    for (Button& button : footer_) button.rect.y += i(footer_top);

    // The section's text, laid out once; drawing shows the visible part.
    blocks_.clear();
    const Section& section =
        sections_.empty() ? empty_ : sections_[static_cast<std::size_t>(section_)];
    const float body = theme.body[static_cast<std::size_t>(std::clamp(context_.text_size, 0, 2))];
    const float measure = std::min(f(size.width) - 2 * theme.margin, body * 34);
    const float left = (f(size.width) - measure) / 2;
    float y = theme.margin * 0.6F;
    auto add = [&](text::Layout layout, render::Color color, float x, float space_after,
                   bool tag = false, const std::string& source = {}) {
      Block block{std::move(layout), color, x, y, tag, {}, {}, 0};
      if (!highlight_.empty() && !source.empty())
        block.marks = marks_for(block.layout, source, highlight_);
      y += block.layout.height + space_after;
      blocks_.push_back(std::move(block));
    };
    // The reader's own labels in both languages: the Mongolian column, the Chinese beside it.
    auto add_bilingual = [&](const std::string& zh, const std::string& mn, render::Color color,
                             float space_after) {
      text::Layout column = mongolian_label(painter, mn, theme.small, theme.small * 5);
      const float gap = theme.margin * 0.3F;
      Block block{painter.chinese(zh, theme.small, measure - column.width - gap),
                  color,
                  left + column.width + gap,
                  y,
                  false,
                  {},
                  {},
                  left};
      block.mn = std::move(column);
      y += std::max(block.layout.height, block.mn.height) + space_after;
      blocks_.push_back(std::move(block));
    };
    // Where the visitor is: 第 n 节 / 共 N 节, in both scripts.
    if (sections_.size() > 1) {
      const auto position = fill_template(
          store.ui_text("reader.position"),
          {{"n", std::to_string(section_ + 1)}, {"total", std::to_string(sections_.size())}});
      add_bilingual(position.zh, position.mn, theme.muted, theme.margin * 0.2F);
    }
    std::string trail;
    for (const auto& ancestor : section.ancestors) trail += (trail.empty() ? "" : " · ") + ancestor;
    if (document_.info.excerpt) {
      const auto excerpt = store.ui_text("reader.excerpt");
      add_bilingual(excerpt.zh + (trail.empty() ? "" : " · " + trail), excerpt.mn, theme.muted,
                    theme.margin * 0.3F);
    } else if (!trail.empty()) {
      add(painter.chinese(trail, theme.small, measure), theme.muted, left, theme.margin * 0.3F);
    }
    if (section.preamble) {
      const auto preamble = store.ui_text("contents.preamble");
      text::Layout column = mongolian_label(painter, preamble.mn, body, body * 5);
      const float gap = theme.margin * 0.3F;
      Block block{painter.chinese(preamble.zh, body * 1.15F, measure - column.width - gap),
                  theme.accent,
                  left + column.width + gap,
                  y,
                  false,
                  {},
                  {},
                  left};
      block.mn = std::move(column);
      y += std::max(block.layout.height, block.mn.height) + theme.margin * 0.5F;
      blocks_.push_back(std::move(block));
    } else {
      const std::string heading = section.label + section.heading;
      add(painter.chinese(heading, body * 1.15F, measure, 0, false, 1.45F), theme.accent, left,
          theme.margin * 0.5F, false, heading);
    }
    for (const auto& paragraph : section.paragraphs) {
      add(painter.chinese(paragraph.text, body, measure, 2, true, 1.75F), theme.ink, left,
          body * 0.6F, false, paragraph.text);
    }
    for (const auto& [key, value] : section.attributes) {
      if (key != "responsible_units") continue;
      const auto units = store.ui_text("reader.responsible_units");
      add_bilingual(units.zh, units.mn, theme.muted, theme.margin * 0.2F);
      add(painter.chinese(value, theme.small * 1.1F, measure - theme.margin, 0, false, 1.5F),
          theme.accent, left + theme.margin * 0.4F, theme.margin * 0.4F, true);
    }
    const auto end = store.ui_text("reader.end");
    add_bilingual(end.zh, end.mn, theme.muted, theme.margin);
    // Take it home: at the end of every section, the document's address as a QR code.
    qr_ = make_qr_block(painter, theme, document_.info.url, store.ui_text("qr.caption"), measure);
    if (qr_) {
      qr_x_ = left;
      qr_y_ = y;
      y += qr_->height + theme.margin;
    }
    const int viewport_top = i(theme.header);
    scroll_.set({0, viewport_top, size.width, size.height - viewport_top - i(footer_height_)}, y);
    content_height_ = y;
    // A quiz's "read the source": the marked words a third of the way down the screen.
    for (const Block& block : blocks_) {
      if (block.marks.empty()) continue;
      scroll_.jump_to(block.y + f(block.marks.front().y) - f(scroll_.viewport().height) / 3);
      break;
    }
    texture_.reset();
    texture_failed_ = false;
    full_redraw_ = true;
  }

  void draw(Painter& painter) override {
    const Theme& theme = context_.theme;
    const render::Size size = context_.size;
    const render::Rect& view = scroll_.viewport();
    if (painter.recording() || !draw_from_texture(painter)) {
      painter.fill(view, theme.paper);
      painter.clip(view);
      draw_blocks(painter, f(view.y) - scroll_.offset(), f(view.y), f(view.y + view.height));
      painter.clip(std::nullopt);
    }
    // Where the visitor is in a long section: a thumb on the right edge of the text.
    const float overflow = content_height_ - f(view.height);
    if (overflow > 1) {
      const float track = f(view.height) - theme.gap;
      const float thumb = std::max(theme.target * 0.6F, track * f(view.height) / content_height_);
      const float at = std::clamp(scroll_.offset() / overflow, 0.0F, 1.0F) * (track - thumb);
      const float width = std::max(4.0F, std::round(1.2F * theme.mm));
      painter.fill({i(f(view.x + view.width) - width - theme.gap / 2),
                    i(f(view.y) + theme.gap / 2 + at), i(width), i(thumb)},
                   theme.outline);
    }
    if (full_redraw_) {
      header_.draw(painter, theme, size);
      painter.fill({0, size.height - i(footer_height_), size.width, i(footer_height_)},
                   theme.paper);
      painter.fill({0, size.height - i(footer_height_), size.width, 1}, theme.divider);
      for (const Button& button : footer_) button.draw(painter, theme);
    }
    // The next frame may repaint the text alone if nothing else changes and the renderer
    // keeps its pixels between frames (the software renderer does).
    full_redraw_ = false;
  }

  void draw_blocks(Painter& painter, float top, float visible_top, float visible_bottom) {
    const Theme& theme = context_.theme;
    if (qr_ && top + qr_y_ < visible_bottom && top + qr_y_ + qr_->height > visible_top)
      draw_qr_block(painter, theme, *qr_, qr_x_, top + qr_y_);
    for (const Block& block : blocks_) {
      const float y = top + block.y;
      if (y > visible_bottom || y + std::max(block.layout.height, block.mn.height) < visible_top)
        continue;
      if (!block.mn.lines.empty()) painter.draw(block.mn, block.mn_x, y, block.color);
      if (block.tag) {
        painter.fill({i(block.x - theme.margin * 0.3F), i(y - theme.margin * 0.15F),
                      i(block.layout.width + theme.margin * 0.6F),
                      i(block.layout.height + theme.margin * 0.3F)},
                     theme.tag);
      }
      for (const render::Rect& mark : block.marks) {
        painter.fill({i(block.x) + mark.x, i(y) + mark.y, mark.width, mark.height}, theme.mark);
      }
      painter.draw(block.layout, block.x, y, block.color);
    }
  }

  // Rectangles (relative to the block) behind every occurrence of `words` in `text`.
  static std::vector<render::Rect> marks_for(const text::Layout& layout, const std::string& text,
                                             const std::string& words) {
    std::vector<std::pair<std::size_t, std::size_t>> ranges;
    for (std::size_t at = text.find(words); at != std::string::npos && !words.empty();
         at = text.find(words, at + words.size()))
      ranges.emplace_back(at, at + words.size());
    return marks_behind(layout, ranges);
  }

  // Scrolling copies from the section's text, drawn once into a texture: a frame is then one
  // opaque copy instead of hundreds of blended glyphs. Falls back to drawing when the text is
  // taller than a texture may be.
  bool draw_from_texture(Painter& painter) {
    SDL_Renderer* renderer = painter.canvas().renderer();
    const render::Rect& view = scroll_.viewport();
    const int content_height = i(content_height_);
    if (!texture_ && !texture_failed_) {
      SDL_RendererInfo info{};
      SDL_GetRendererInfo(renderer, &info);
      if (content_height > info.max_texture_height && info.max_texture_height > 0) {
        texture_failed_ = true;
        return false;
      }
      texture_.reset(SDL_CreateTexture(renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET,
                                       view.width, std::max(1, content_height)));
      if (!texture_) {
        texture_failed_ = true;
        return false;
      }
      SDL_Texture* previous = SDL_GetRenderTarget(renderer);
      SDL_SetRenderTarget(renderer, texture_.get());
      painter.fill({0, 0, view.width, content_height}, context_.theme.paper);
      draw_blocks(painter, 0, 0, content_height_);
      SDL_SetRenderTarget(renderer, previous);
    }
    if (!texture_) return false;
    // Past the ends (the bounce), paper shows.
    const int offset = i(scroll_.offset());
    painter.fill(view, context_.theme.paper);
    const int source_top = std::max(0, offset);
    const int skipped = source_top - offset;  // rows above the text while pulled down
    const int rows = std::min(view.height - skipped, content_height - source_top);
    if (rows > 0) {
      const SDL_Rect source{0, source_top, view.width, rows};
      const SDL_Rect target{view.x, view.y + skipped, view.width, rows};
      SDL_RenderCopy(renderer, texture_.get(), &source, &target);
    }
    return true;
  }

  void pointer_down() override { scroll_.stop(); }

  void gesture(const Gesture& gesture) override {
    if (gesture.type == Gesture::Type::kTap) {
      if (const Button* button = header_.hit(gesture.at)) {
        navigate(*button, context_.router);
        return;
      }
      for (const Button& button : footer_) {
        if (!button.hit(gesture.at)) continue;
        const std::string id = button.id;  // build() replaces the footer
        if (id == "previous") go(section_ - 1);
        if (id == "next") go(section_ + 1);
        if (id.rfind("size", 0) == 0) {
          context_.text_size = id.back() - '0';
          build();
        }
        return;
      }
      return;
    }
    // A horizontal swipe turns the section; vertical drags scroll.
    if (gesture.type == Gesture::Type::kDragBegin) {
      const float dx = gesture.at.x - gesture.start.x;
      const float dy = gesture.at.y - gesture.start.y;
      horizontal_ = std::abs(dx) > std::abs(dy) * 1.5F;
      if (horizontal_) return;
    }
    if (horizontal_) {
      if (gesture.type == Gesture::Type::kDragEnd) {
        horizontal_ = false;
        const float dx = gesture.at.x - gesture.start.x;
        if (std::abs(dx) > f(context_.size.width) * 0.15F) go(dx < 0 ? section_ + 1 : section_ - 1);
      }
      return;
    }
    scroll_.gesture(gesture);
  }

  void key(const std::string& key) override {
    if (key == "escape") context_.router.back();
    if (key == "left") go(section_ - 1);
    if (key == "right") go(section_ + 1);
    scroll_.key(key, context_.theme.body[1] * 3);
  }

  bool tick(std::int64_t now_ms) override { return scroll_.tick(now_ms); }
  [[nodiscard]] bool animating() const override { return scroll_.animating(); }
  void redraw_all() override { full_redraw_ = true; }

 private:
  [[nodiscard]] int longest_section() const {
    int longest = 0;
    std::size_t most = 0;
    for (std::size_t k = 0; k < sections_.size(); ++k) {
      std::size_t bytes = 0;
      for (const auto& paragraph : sections_[k].paragraphs) bytes += paragraph.text.size();
      if (bytes > most) {
        most = bytes;
        longest = static_cast<int>(k);
      }
    }
    return longest;
  }
  void go(int section) {
    if (section < 0 || section >= static_cast<int>(sections_.size()) || section == section_) return;
    context_.router.replace(Route{ScreenId::kReader, slug_, section, {}});
  }
  struct Block {
    text::Layout layout;
    render::Color color;
    float x = 0;
    float y = 0;  // relative to the top of the scrolling content
    bool tag = false;
    std::vector<render::Rect> marks;  // highlighted words (a quiz's quote)
    text::Layout mn;                  // a label's Mongolian column, left of the Chinese
    float mn_x = 0;
  };
  ScreenContext& context_;
  std::string slug_;
  int section_ = 0;
  std::string highlight_;
  firmware::Document document_;
  std::vector<Section> sections_;
  Section empty_;
  Header header_;
  std::vector<Button> footer_;
  std::vector<Block> blocks_;
  ScrollArea scroll_;
  bool horizontal_ = false;
  bool full_redraw_ = true;
  float content_height_ = 0;
  float footer_height_ = 0;    // one row of buttons, or two on a narrow panel
  std::optional<QrBlock> qr_;  // the document's address, after the section's last words
  float qr_x_ = 0;
  float qr_y_ = 0;
  struct TextureDeleter {
    void operator()(SDL_Texture* texture) const { SDL_DestroyTexture(texture); }
  };
  std::unique_ptr<SDL_Texture, TextureDeleter> texture_;
  bool texture_failed_ = false;
};

// [SECTION] Error and dark screens

class MessageScreen : public Screen {
 public:
  MessageScreen(ScreenContext& context, bool dark, const std::string& message)
      : context_(context), dark_(dark) {
    if (dark) return;
    Painter& painter = context.painter;
    const Theme& theme = context.theme;
    const float width = f(context.size.width) - 4 * theme.margin;
    // Fixed words: the error screen must work without a release to take strings from.
    title_ = painter.chinese("内容暂时无法显示", theme.title, width);
    title_mn_ = painter.mongolian("ᠠᠭᠤᠯᠭ᠎ᠠ\u202Fᠶᠢ ᠲᠦᠷ ᠦᠵᠡᠭᠦᠯᠬᠦ ᠪᠣᠯᠤᠮᠵᠢ ᠦᠭᠡᠢ",
                                  theme.mongolian * 1.3F, f(context.size.height) * 0.5F);
    hint_ =
        painter.chinese("请工作人员检查内容包（U 盘更新或恢复上一版本）。", theme.heading, width);
    detail_ = painter.chinese(message, theme.small, width);
  }
  [[nodiscard]] const char* name() const override { return dark_ ? "dark" : "error"; }
  void draw(Painter& painter) override {
    const Theme& theme = context_.theme;
    painter.fill({0, 0, context_.size.width, context_.size.height},
                 dark_ ? render::Color{0, 0, 0, 255} : theme.paper);
    if (dark_) return;
    const float left = 2 * theme.margin;
    float y = f(context_.size.height) * 0.25F;
    painter.draw(title_mn_, theme.margin * 0.6F, y, theme.accent);
    painter.draw(title_, left + title_mn_.width, y, theme.accent);
    y += title_.height + theme.margin;
    painter.draw(hint_, left + title_mn_.width, y, theme.ink);
    y += hint_.height + theme.margin;
    painter.draw(detail_, left + title_mn_.width, y, theme.muted);
  }
  void gesture(const Gesture& gesture) override { (void)gesture; }

 private:
  ScreenContext& context_;
  bool dark_;
  text::Layout title_;
  text::Layout title_mn_;
  text::Layout hint_;
  text::Layout detail_;
};

}  // namespace

std::unique_ptr<Screen> make_attract_screen(ScreenContext& context) {
  return std::make_unique<AttractScreen>(context);
}
std::unique_ptr<Screen> make_home_screen(ScreenContext& context) {
  return std::make_unique<HomeScreen>(context);
}
std::unique_ptr<Screen> make_contents_screen(ScreenContext& context, const std::string& slug) {
  return std::make_unique<ContentsScreen>(context, slug);
}
std::unique_ptr<Screen> make_reader_screen(ScreenContext& context, const std::string& slug,
                                           int section, const std::string& highlight) {
  return std::make_unique<ReaderScreen>(context, slug, section, highlight);
}
std::unique_ptr<Screen> make_message_screen(ScreenContext& context, bool dark,
                                            const std::string& message) {
  return std::make_unique<MessageScreen>(context, dark, message);
}

}  // namespace kiosk::ui
