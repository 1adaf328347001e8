// The search screen: an on-screen keypad whose letters libpinyin turns into Chinese words, a row
// of those words to choose from, topic chips while nothing is typed, and the hits, each opening
// the reader at its section with the words marked (as the quiz's 查看原文 does).
//
// Landscape: the query, the words and the hits on the left, the keypad on the right. Portrait:
// the keypad at the bottom, within reach, the hits between it and the query. The keys are never
// smaller than 9 mm with 2 mm between them: on a small panel the hits get less room, and the
// QWERTY rows give way to the alphabet in rows as wide as the keypad may be.
#include <algorithm>
#include <cmath>

#include "ui/kiosk/widgets.h"

namespace kiosk::ui {

using firmware::Route;
using firmware::ScreenId;

firmware::pinyin::PinyinInput* SearchSupport::input() {
  if (!pinyin_tried) {
    pinyin_tried = true;
    auto opened = firmware::pinyin::PinyinInput::open();
    if (opened) {
      pinyin.emplace(std::move(opened.value()));
    } else {
      pinyin_error = opened.error();
    }
  }
  return pinyin ? &*pinyin : nullptr;
}

namespace {

constexpr std::size_t kCandidatesAsked = 12;  // more than a row shows: the row takes what fits
constexpr std::size_t kWordsExamined = 400;   // bounds the filter's work for rare letter runs
constexpr std::size_t kMaxHits = 200;
constexpr std::size_t kMaxLetters = firmware::pinyin::PinyinInput::kMaxLetters;

// The text search covers (paragraphs, and headings of numbered nodes), for the candidates'
// filter; built once per release.
const std::string& searchable_text(SearchSupport& support, const firmware::ContentStore& store) {
  if (support.corpus_built) return support.corpus;
  support.corpus_built = true;
  for (const auto& info : store.documents()) {
    auto document = store.document(info.slug);
    if (!document) continue;
    std::vector<const firmware::ContentNode*> open;
    for (auto it = document->nodes.rbegin(); it != document->nodes.rend(); ++it)
      open.push_back(&*it);
    while (!open.empty()) {
      const firmware::ContentNode* node = open.back();
      open.pop_back();
      support.corpus += (node->kind == "paragraph" ? node->text : node->heading) + "\n";
      for (auto it = node->children.rbegin(); it != node->children.rend(); ++it)
        open.push_back(&*it);
    }
  }
  return support.corpus;
}

// True when every character of `word` occurs in `text`: the release's fonts are subset to its
// text, so such a word is drawn without missing glyphs.
bool characters_occur(std::string_view word, const std::string& text) {
  for (std::size_t at = 0; at < word.size();) {
    std::size_t length = 1;
    while (at + length < word.size() &&
           (static_cast<unsigned char>(word[at + length]) & 0xC0U) == 0x80U)
      ++length;
    if (text.find(word.substr(at, length)) == std::string::npos) return false;
    at += length;
  }
  return true;
}

// The section of the reader that shows `node_id`: its own, or for the heading of a part without
// text of its own, the part's first section (sections and node ids both run in reading order).
int section_showing(const std::vector<Section>& sections, std::int64_t node_id) {
  for (std::size_t k = 0; k < sections.size(); ++k) {
    if (sections[k].node_id == node_id) return static_cast<int>(k);
    for (const auto& paragraph : sections[k].paragraphs) {
      if (paragraph.node->id == node_id) return static_cast<int>(k);
    }
  }
  for (std::size_t k = 0; k < sections.size(); ++k) {
    if (sections[k].node_id > node_id) return static_cast<int>(k);
  }
  return 0;
}

bool inside(const render::Rect& rect, Point at) {
  return at.x >= f(rect.x) && at.x < f(rect.x + rect.width) && at.y >= f(rect.y) &&
         at.y < f(rect.y + rect.height);
}

class SearchScreen : public Screen {
 public:
  explicit SearchScreen(ScreenContext& context) : context_(context) {
    const auto title = context.store->ui_text("search.title");
    header_ = make_header(context, title.zh, title.mn, HeaderButtons{true, true, false, false});
    if (context.search != nullptr) pinyin_ = context.search->input();
    build_keypad();
    // Back from the reader: the words and hits of the last search again.
    if (context.last_search != nullptr && !context.last_search->empty()) {
      query_ = *context.last_search;
      run_search();
    }
    lay_out();
  }
  [[nodiscard]] const char* name() const override { return "search"; }

  void draw(Painter& painter) override {
    const Theme& theme = context_.theme;
    painter.fill({0, 0, context_.size.width, context_.size.height}, theme.paper);
    header_.draw(painter, theme, context_.size);
    draw_query(painter);
    for (std::size_t k = 0; k < candidates_shown_.size(); ++k)
      draw_chip(painter, candidates_shown_[k], 0, k == 0);
    if (!notice_.lines.empty()) painter.draw(notice_, notice_x_, notice_y_, theme.muted);
    draw_results(painter);
    // Portrait: a rule between the hits scrolling by and the keypad below them.
    if (!landscape()) {
      painter.fill({0, keypad_.y - i(key_gap() / 2), context_.size.width, 1}, theme.divider);
    }
    for (const Key& key : keys_) draw_key(painter, key);
    for (const Button& button : actions_) button.draw(painter, theme);
  }

  void pointer_down() override { scroll_.stop(); }

  void gesture(const Gesture& gesture) override {
    if (gesture.type != Gesture::Type::kTap) {
      scroll_.gesture(gesture);
      return;
    }
    if (const Button* button = header_.hit(gesture.at)) {
      navigate(*button, context_.router);
      return;
    }
    for (const Key& key : keys_) {
      if (!inside(key.rect, gesture.at)) continue;
      const std::string letter = key.letter;  // typing may lay the keypad out anew
      letter.empty() ? erase() : type(letter[0]);
      return;
    }
    for (const Button& button : actions_) {
      if (!button.hit(gesture.at)) continue;
      const std::string id = button.id;  // a search may lay the screen out anew
      if (id == "key:clear") clear();
      if (id == "key:search") search_now();
      return;
    }
    for (const Chip& chip : candidates_shown_) {
      if (!inside(chip.rect, gesture.at)) continue;
      choose(chip.words);
      return;
    }
    if (!scroll_.contains(gesture.at)) return;
    const Point at{gesture.at.x, gesture.at.y - f(scroll_.viewport().y) + scroll_.offset()};
    for (const Chip& chip : topics_) {
      if (!inside(chip.rect, at)) continue;
      query_ = chip.words;
      letters_.clear();
      candidates_.clear();
      run_search();
      lay_out();
      return;
    }
    for (const HitRow& row : rows_) {
      if (!inside(row.rect, at)) continue;
      open(row.hit);
      return;
    }
  }

  void key(const std::string& key) override {
    if (key == "escape") context_.router.back();
    if (key == "enter") search_now();
    if (key.size() == 1 && key[0] >= 'a' && key[0] <= 'z') type(key[0]);
    scroll_.key(key, context_.theme.target * 2);
  }
  bool tick(std::int64_t now_ms) override { return scroll_.tick(now_ms); }
  [[nodiscard]] bool animating() const override { return scroll_.animating(); }

 private:
  struct Key {
    std::string letter;  // empty: ⌫
    render::Rect rect;
    text::Layout label;
  };
  // A word to tap: a pinyin candidate, or a topic (with its Mongolian column when it has one).
  struct Chip {
    std::string id;
    std::string words;
    render::Rect rect;  // topics: y relative to the top of the scrolling content
    text::Layout zh;
    text::Layout mn;
  };
  struct HitRow {
    firmware::SearchHit hit;
    render::Rect rect;  // y relative to the top of the scrolling content
    text::Layout heading;
    text::Layout snippet;
    std::vector<render::Rect> marks;
  };

  // [SECTION] Layout

  [[nodiscard]] bool landscape() const { return context_.size.width > context_.size.height; }
  [[nodiscard]] float key_size() const {
    return std::max(context_.theme.target, std::round(84 * context_.theme.unit));
  }
  [[nodiscard]] float key_gap() const {
    return std::max(context_.theme.gap, std::round(12 * context_.theme.unit));
  }

  // The keys in QWERTY rows where ten fit side by side, else the alphabet in as many columns as
  // the keypad's room takes; ⌫ after the last letter; then 清除 and 搜索, as tall as the bars'
  // buttons, since their Mongolian labels must not be cut.
  void build_keypad() {
    Painter& painter = context_.painter;
    const Theme& theme = context_.theme;
    const float width = f(context_.size.width);
    const float key = key_size();
    const float gap = key_gap();
    const float room = landscape() ? std::min(width * 0.55F, width - 2 * theme.margin - 6 * key)
                                   : width - 2 * theme.margin;
    auto row_width = [&](float keys) { return keys * key + (std::ceil(keys) - 1) * gap; };
    std::vector<std::vector<std::string>> rows;
    const std::string backspace;  // the key without a letter
    if (row_width(10) <= room) {
      for (const char* row : {"qwertyuiop", "asdfghjkl", "zxcvbnm"}) {
        rows.emplace_back();
        for (const char* c = row; *c != '\0'; ++c) rows.back().emplace_back(1, *c);
      }
      rows.back().push_back(backspace);
    } else {
      const auto columns =
          static_cast<std::size_t>(std::clamp(std::floor((room + gap) / (key + gap)), 3.0F, 9.0F));
      std::vector<std::string> all;
      for (char c = 'a'; c <= 'z'; ++c) all.emplace_back(1, c);
      all.push_back(backspace);
      for (std::size_t k = 0; k < all.size(); ++k) {
        if (k % columns == 0) rows.emplace_back();
        rows.back().push_back(all[k]);
      }
    }
    std::size_t widest = 0;
    for (const auto& row : rows) widest = std::max(widest, row.size());
    keypad_width_ = row_width(f(static_cast<int>(widest)));
    const float action_height = theme.button;
    keypad_height_ = f(static_cast<int>(rows.size())) * (key + gap) + action_height;
    const float left =
        landscape() ? width - theme.margin - keypad_width_ : (width - keypad_width_) / 2;
    const float top = landscape() ? theme.header + std::max(theme.gap, theme.margin / 2)
                                  : f(context_.size.height) -
                                        std::max(theme.gap, theme.margin / 2) - keypad_height_;
    keypad_ = {i(left), i(top), i(keypad_width_), i(keypad_height_)};
    const float letter_size = std::max(theme.heading, key * 0.42F);
    for (std::size_t r = 0; r < rows.size(); ++r) {
      // QWERTY rows are centred under each other; the alphabet's start at the left.
      const float row_left =
          widest == 10 ? left + (keypad_width_ - row_width(f(static_cast<int>(rows[r].size())))) / 2
                       : left;
      for (std::size_t c = 0; c < rows[r].size(); ++c) {
        Key entry;
        entry.letter = rows[r][c];
        entry.rect = {i(row_left + f(static_cast<int>(c)) * (key + gap)),
                      i(top + f(static_cast<int>(r)) * (key + gap)), i(key), i(key)};
        if (!entry.letter.empty()) {
          std::string upper = entry.letter;
          upper[0] = static_cast<char>(upper[0] - 'a' + 'A');
          entry.label = painter.chinese(upper, letter_size, key);
        }
        keys_.push_back(std::move(entry));
      }
    }
    const float actions_top = top + f(static_cast<int>(rows.size())) * (key + gap);
    const auto& store = *context_.store;
    Button clear =
        make_button(painter, theme, "key:clear", store.ui_text("search.clear"),
                    {i(left), i(actions_top), i(keypad_width_ * 0.36F), i(action_height)});
    const int search_left = clear.rect.x + clear.rect.width + i(gap);
    Button search = make_button(
        painter, theme, "key:search", store.ui_text("search.go"),
        {search_left, i(actions_top), i(left + keypad_width_) - search_left, i(action_height)},
        true);
    actions_ = {std::move(clear), std::move(search)};
  }

  // Everything but the keypad, after each change of the words: the query field, the candidate
  // row (while letters are typed), then the scrolling results.
  void lay_out() {
    Painter& painter = context_.painter;
    const Theme& theme = context_.theme;
    const float key = key_size();
    const float gap = key_gap();
    const float left = theme.margin;
    const float right = landscape() ? f(keypad_.x) - theme.margin : f(context_.size.width) - left;
    const float width = right - left;
    float y = theme.header + std::max(theme.gap, theme.margin / 2);
    field_ = {i(left), i(y), i(width), i(key)};
    const float field_text = std::min(theme.body[1], key * 0.5F);
    query_layout_ = painter.chinese(query_, field_text, 100000);
    letters_layout_ = painter.chinese(letters_, field_text, 100000);
    y += key + gap;

    candidates_shown_.clear();
    notice_ = text::Layout{};
    if (pinyin_ == nullptr && context_.search != nullptr) {
      // Without libpinyin the topics still work; the staff learn why from the small print.
      notice_ = painter.chinese(context_.search->pinyin_error, theme.small, width, 0, false, 1.3F);
      notice_x_ = left;
      notice_y_ = y;
      y += notice_.height + gap;
    } else if (!letters_.empty()) {
      float x = left;
      for (std::size_t k = 0; k < candidates_.size(); ++k) {
        Chip chip;
        chip.id = "candidate:" + std::to_string(k);
        chip.words = candidates_[k];
        chip.zh = painter.chinese(candidates_[k], std::max(theme.chrome, key * 0.4F), 100000);
        const float chip_width = std::ceil(std::max(key, chip.zh.width + theme.margin));
        if (x + chip_width > right) break;
        chip.rect = {i(x), i(y), i(chip_width), i(key)};
        x += chip_width + gap;
        candidates_shown_.push_back(std::move(chip));
      }
      y += key + gap;
    }

    const float bottom = landscape() ? f(context_.size.height) - theme.gap : f(keypad_.y) - gap;
    const render::Rect viewport{i(left), i(y), i(width), std::max(1, i(bottom - y))};
    float content = 0;
    topics_.clear();
    rows_.clear();
    caption_ = text::Layout{};
    caption_mn_ = text::Layout{};
    if (query_.empty()) {
      content = lay_out_topics(width);
    } else {
      content = lay_out_hits(width);
    }
    scroll_.set(viewport, content);
    scroll_.jump_to(0);
  }

  // A bilingual caption at the top of the results (主题, 没有找到); returns its height.
  float caption(const firmware::UiText& text) {
    Painter& painter = context_.painter;
    const Theme& theme = context_.theme;
    caption_mn_ = mongolian_label(painter, text.mn, theme.small, theme.small * 5);
    caption_ = painter.chinese(text.zh, theme.small, 100000);
    return std::max(caption_.height, caption_mn_.height);
  }

  float lay_out_topics(float width) {
    Painter& painter = context_.painter;
    const Theme& theme = context_.theme;
    const float key = key_size();
    const float gap = key_gap();
    const float pad = theme.margin * 0.4F;
    const auto& topics = context_.store->topics();
    if (topics.empty()) return 0;
    float y = caption(context_.store->ui_text("search.topics")) + gap;
    float x = 0;
    float row_height = 0;
    for (std::size_t k = 0; k < topics.size(); ++k) {
      Chip chip;
      chip.id = "topic:" + std::to_string(k);
      chip.words = topics[k].zh;
      chip.zh = painter.chinese(topics[k].zh, theme.chrome, width - 2 * pad);
      if (!topics[k].mn.empty())
        chip.mn = mongolian_label(painter, topics[k].mn, theme.chrome, key * 1.6F);
      const float inner = chip.mn.width + (chip.mn.lines.empty() ? 0 : pad) + chip.zh.width;
      const float chip_width = std::ceil(std::min(width, std::max(key, inner + 2 * pad)));
      const float chip_height =
          std::ceil(std::max({key, chip.mn.height + 2 * pad, chip.zh.height + pad}));
      if (x > 0 && x + chip_width > width) {
        x = 0;
        y += row_height + gap;
        row_height = 0;
      }
      chip.rect = {i(x), i(y), i(chip_width), i(chip_height)};
      x += chip_width + gap;
      row_height = std::max(row_height, chip_height);
      topics_.push_back(std::move(chip));
    }
    return y + row_height + gap;
  }

  float lay_out_hits(float width) {
    Painter& painter = context_.painter;
    const Theme& theme = context_.theme;
    const float gap = key_gap();
    const float pad = theme.margin * 0.4F;
    if (hits_.empty()) return caption(context_.store->ui_text("search.none")) + gap;
    float y = 0;
    for (const firmware::SearchHit& hit : hits_) {
      HitRow row;
      row.hit = hit;
      const std::string where = hit.document_title + (hit.label.empty() ? "" : "　" + hit.label);
      row.heading = painter.chinese(where, theme.small, width - 2 * pad, 0, false, 1.3F);
      row.snippet = painter.chinese(hit.snippet, theme.body[0], width - 2 * pad, 0, false, 1.5F);
      row.marks = marks_behind(row.snippet, hit.matches);
      // Whole pixels, so that rounding never brings two rows closer than the gap.
      const float height =
          std::ceil(std::max(theme.target, pad * 0.6F + row.heading.height + pad * 0.3F +
                                               row.snippet.height + pad * 0.6F));
      row.rect = {0, i(y), i(width), i(height)};
      y += height + gap;
      rows_.push_back(std::move(row));
    }
    return y;
  }

  // [SECTION] Drawing

  void draw_query(Painter& painter) {
    const Theme& theme = context_.theme;
    painter.fill(field_, theme.card);
    painter.frame(field_, theme.accent, std::max(2, i(3 * theme.unit)));
    // The end of what was typed stays in view: a long query slides left inside the field.
    const float pad = theme.margin * 0.4F;
    const float room = f(field_.width) - 2 * pad;
    const float typed = query_layout_.width + letters_layout_.width;
    const float x = f(field_.x) + pad - std::max(0.0F, typed + 4 * theme.unit - room);
    const float text_top = f(field_.y) + (f(field_.height) - query_layout_.font_size_px * 1.4F) / 2;
    painter.clip(
        render::Rect{field_.x + i(pad / 2), field_.y, field_.width - i(pad), field_.height});
    painter.draw(query_layout_, x, text_top, theme.ink);
    const float letters_x = x + query_layout_.width;
    if (!letters_.empty()) {
      painter.draw(letters_layout_, letters_x, text_top, theme.accent);
      painter.fill({i(letters_x), i(text_top + letters_layout_.height), i(letters_layout_.width),
                    std::max(1, i(2 * theme.unit))},
                   theme.accent);
    }
    // The caret: where the next letter goes.
    painter.fill({i(letters_x + letters_layout_.width + theme.unit), field_.y + i(pad / 2),
                  std::max(2, i(3 * theme.unit)), field_.height - i(pad)},
                 theme.accent);
    painter.clip(std::nullopt);
  }

  void draw_chip(Painter& painter, const Chip& chip, float top, bool first) {
    const Theme& theme = context_.theme;
    const render::Rect rect{chip.rect.x, chip.rect.y + i(top), chip.rect.width, chip.rect.height};
    const render::Color ink = first ? theme.accent_ink : theme.accent;
    painter.fill(rect, first ? theme.accent : theme.card);
    if (!first) painter.frame(rect, theme.accent, std::max(1, i(2 * theme.unit)));
    const float pad = theme.margin * 0.4F;
    const float inner = chip.mn.width + (chip.mn.lines.empty() ? 0 : pad) + chip.zh.width;
    float x = f(rect.x) + (f(rect.width) - inner) / 2;
    std::vector<render::Rect> labels;
    if (!chip.mn.lines.empty()) {
      const float mn_top = f(rect.y) + (f(rect.height) - chip.mn.height) / 2;
      painter.draw(chip.mn, x, mn_top, ink);
      labels.push_back(layout_box(chip.mn, x, mn_top));
      x += chip.mn.width + pad;
    }
    const float zh_top = f(rect.y) + (f(rect.height) - chip.zh.height) / 2;
    painter.draw(chip.zh, x, zh_top, ink);
    labels.push_back(layout_box(chip.zh, x, zh_top));
    painter.target(chip.id, chip.words, rect, std::move(labels));
  }

  void draw_results(Painter& painter) {
    const Theme& theme = context_.theme;
    const render::Rect& view = scroll_.viewport();
    painter.clip(view);
    const float top = f(view.y) - scroll_.offset();
    if (!caption_.lines.empty()) {
      painter.draw(caption_mn_, f(view.x), top, theme.muted);
      const float gap = caption_mn_.lines.empty() ? 0 : theme.margin * 0.3F;
      painter.draw(caption_, f(view.x) + caption_mn_.width + gap,
                   top + (std::max(caption_.height, caption_mn_.height) - caption_.height) / 2,
                   theme.muted);
    }
    const float bottom = f(view.y + view.height);
    for (const Chip& chip : topics_) {
      const float y = top + f(chip.rect.y);
      if (y > bottom || y + f(chip.rect.height) < f(view.y)) continue;
      Chip placed = chip;
      placed.rect.x += view.x;
      draw_chip(painter, placed, top, false);
    }
    const float pad = theme.margin * 0.4F;
    for (std::size_t k = 0; k < rows_.size(); ++k) {
      const HitRow& row = rows_[k];
      const float y = top + f(row.rect.y);
      if (y > bottom || y + f(row.rect.height) < f(view.y)) continue;
      const render::Rect rect{view.x + row.rect.x, i(y), row.rect.width, row.rect.height};
      painter.target("hit:" + std::to_string(k), row.hit.document_title, rect);
      painter.fill(rect, theme.card);
      painter.fill({rect.x, rect.y, i(6 * theme.unit) + 1, rect.height}, theme.accent);
      const float x = f(rect.x) + pad;
      painter.draw(row.heading, x, y + pad * 0.6F, theme.muted);
      const float snippet_top = y + pad * 0.6F + row.heading.height + pad * 0.3F;
      for (const render::Rect& mark : row.marks) {
        painter.fill({i(x) + mark.x, i(snippet_top) + mark.y, mark.width, mark.height}, theme.mark);
      }
      painter.draw(row.snippet, x, snippet_top, theme.ink);
    }
    painter.clip(std::nullopt);
  }

  void draw_key(Painter& painter, const Key& key) {
    const Theme& theme = context_.theme;
    painter.fill(key.rect, theme.card);
    painter.frame(key.rect, theme.accent, std::max(1, i(2 * theme.unit)));
    const float middle_x = f(key.rect.x) + f(key.rect.width) / 2;
    const float middle_y = f(key.rect.y) + f(key.rect.height) / 2;
    if (key.letter.empty()) {
      draw_backspace(painter, middle_x, middle_y, f(key.rect.width) * 0.5F);
      painter.target("key:backspace", "⌫", key.rect);
      return;
    }
    const float x = middle_x - key.label.width / 2;
    const float y = middle_y - key.label.height / 2;
    painter.draw(key.label, x, y, theme.accent);
    painter.target("key:" + key.letter, key.label.text, key.rect, {layout_box(key.label, x, y)});
  }

  // ⌫ drawn rather than set: the release's fonts are subset to its text, which has no such
  // character. An arrow pointing left, `width` long, centred on (x, y).
  void draw_backspace(Painter& painter, float x, float y, float width) const {
    const Theme& theme = context_.theme;
    const float head = width * 0.4F;
    const float thickness = std::max(2.0F, std::round(width * 0.12F));
    const float left = x - width / 2;
    painter.fill(
        {i(left + head * 0.5F), i(y - thickness / 2), i(width - head * 0.5F), i(thickness)},
        theme.accent);
    // The head: columns growing from the tip, one pixel wide.
    for (int column = 0; column < i(head); ++column) {
      const float half = thickness / 2 + f(column) * 0.9F;
      painter.fill({i(left) + column, i(y - half), 1, i(2 * half)}, theme.accent);
    }
  }

  // [SECTION] What the keys do

  void type(char letter) {
    if (letters_.size() >= kMaxLetters) return;
    letters_ += letter;
    find_candidates();
    lay_out();
  }

  void erase() {
    if (!letters_.empty()) {
      letters_.pop_back();
      find_candidates();
    } else if (!query_.empty()) {
      drop_last_character(query_);
      run_search();
    }
    lay_out();
  }

  void clear() {
    letters_.clear();
    candidates_.clear();
    query_.clear();
    run_search();
    lay_out();
  }

  // A candidate joins the words; the hits follow at once.
  void choose(const std::string& words) {
    query_ += words;
    letters_.clear();
    candidates_.clear();
    run_search();
    lay_out();
  }

  // 搜索: letters still pending become the first candidate, as a tap on it would.
  void search_now() {
    if (!letters_.empty() && !candidates_.empty()) {
      choose(candidates_.front());
      return;
    }
    run_search();
    lay_out();
  }

  // Words the content holds, best first; if none do, words the release's fonts can draw.
  void find_candidates() {
    candidates_.clear();
    if (pinyin_ == nullptr || letters_.empty() || context_.search == nullptr) return;
    const std::string& text = searchable_text(*context_.search, *context_.store);
    std::size_t examined = 0;
    candidates_ = pinyin_->candidates(letters_, kCandidatesAsked, [&](std::string_view word) {
      return ++examined <= kWordsExamined && text.find(word) != std::string::npos;
    });
    if (!candidates_.empty()) return;
    examined = 0;
    candidates_ = pinyin_->candidates(letters_, kCandidatesAsked, [&](std::string_view word) {
      return ++examined <= kWordsExamined && characters_occur(word, text);
    });
  }

  void run_search() {
    hits_ = query_.empty() ? std::vector<firmware::SearchHit>{}
                           : context_.store->search(query_, kMaxHits);
    if (context_.last_search != nullptr) *context_.last_search = query_;
  }

  // The reader at the hit's section, the words marked and in view.
  void open(const firmware::SearchHit& hit) {
    auto document = context_.store->document(hit.document);
    if (!document) return;
    std::vector<Section> sections;
    std::vector<ContentsEntry> entries;
    split_into_sections(document.value(), sections, entries);
    context_.router.go(
        Route{ScreenId::kReader, hit.document, section_showing(sections, hit.node_id), query_});
  }

  ScreenContext& context_;
  firmware::pinyin::PinyinInput* pinyin_ = nullptr;  // null: the topics alone
  Header header_;
  std::string query_;    // the Chinese words searched for
  std::string letters_;  // pinyin typed since the last word was chosen
  std::vector<std::string> candidates_;
  std::vector<firmware::SearchHit> hits_;

  std::vector<Key> keys_;
  std::vector<Button> actions_;  // 清除, 搜索
  render::Rect keypad_;
  float keypad_width_ = 0;
  float keypad_height_ = 0;
  render::Rect field_;
  text::Layout query_layout_;
  text::Layout letters_layout_;
  std::vector<Chip> candidates_shown_;
  text::Layout notice_;  // why there is no pinyin input
  float notice_x_ = 0;
  float notice_y_ = 0;
  text::Layout caption_;
  text::Layout caption_mn_;
  std::vector<Chip> topics_;
  std::vector<HitRow> rows_;
  ScrollArea scroll_;
};

}  // namespace

std::unique_ptr<Screen> make_search_screen(ScreenContext& context) {
  return std::make_unique<SearchScreen>(context);
}

}  // namespace kiosk::ui
