// The quiz: a question with its choices, immediate feedback with the explanation and a jump to
// the cited words, and the result.
#include <algorithm>
#include <cmath>

#include "ui/kiosk/widgets.h"

namespace kiosk::ui {

namespace {

using firmware::QuestionType;
using firmware::Route;
using firmware::ScreenId;

std::string letter(int index) { return std::string(1, static_cast<char>('A' + index)); }

// [SECTION] A question

class QuizScreen : public Screen {
 public:
  QuizScreen(ScreenContext& context, std::size_t position)
      : context_(context), position_(position) {
    if (!context.quiz.run || position >= context.quiz.run->size()) {
      context.router.reset(Route{ScreenId::kHome, {}, 0, {}});
      return;
    }
    question_ = &context.quiz.bank.at(context.quiz.run->question_index(position));
    build();
  }
  [[nodiscard]] const char* name() const override { return "quiz"; }

  void build() {
    Painter& painter = context_.painter;
    const Theme& theme = context_.theme;
    const render::Size size = context_.size;
    const auto& run = *context_.quiz.run;
    const bool answered = run.answered(position_);
    const auto title = context_.store->ui_text("quiz.start");
    header_ = make_header(
        context_,
        title.zh + "　" + std::to_string(position_ + 1) + " / " + std::to_string(run.size()),
        title.mn, HeaderButtons{true, true, false});

    const float measure = std::min(f(size.width) - 2 * theme.margin, theme.body[1] * 34);
    const float left = (f(size.width) - measure) / 2;
    float y = theme.margin * 0.6F;
    items_.clear();
    auto add = [&](text::Layout layout, render::Color color, float x, float after) {
      items_.push_back({std::move(layout), color, x, y, {}, -1, theme.card, {}});
      y += items_.back().layout.height + after;
    };
    // A bilingual line: the Mongolian column first, then the Chinese beside it, at one size.
    auto add_bilingual = [&](const std::string& zh, const std::string& mn, float font_size,
                             render::Color color, float after) {
      text::Layout column = mongolian_label(painter, mn, font_size, font_size * 6);
      const float gap = column.lines.empty() ? 0 : theme.margin * 0.4F;
      text::Layout line = painter.chinese(zh, font_size, measure - column.width - gap);
      const float height = std::max(column.height, line.height);
      const float column_width = column.width;
      items_.push_back({std::move(column), color, left, y, {}, -1, theme.card, {}});
      items_.push_back(
          {std::move(line), color, left + column_width + gap, y, {}, -1, theme.card, {}});
      y += height + after;
    };
    add(painter.chinese(question_->question, theme.heading, measure, 0, false, 1.45F), theme.ink,
        left, theme.margin * 0.4F);
    if (question_->type == QuestionType::kMultiple && !answered) {
      const auto choose_all = context_.store->ui_text("quiz.choose_all");
      add_bilingual(choose_all.zh, choose_all.mn, theme.small, theme.muted, theme.margin * 0.3F);
    }
    // Choices: boxes as wide as the text measure, at least a touch target high.
    const auto& chosen = answered ? run.chosen(position_) : selection_;
    for (int k = 0; k < static_cast<int>(question_->choices.size()); ++k) {
      const bool is_right = std::count(question_->correct.begin(), question_->correct.end(), k) > 0;
      const bool is_chosen = std::count(chosen.begin(), chosen.end(), k) > 0;
      text::Layout label = painter.chinese(
          letter(k) + "　" + question_->choices[static_cast<std::size_t>(k)], theme.body[1],
          measure - theme.margin - theme.body[1] * 1.8F, 0, false, 1.4F);
      const float height = std::max(theme.target * 1.2F, label.height + theme.margin * 0.6F);
      Item item{std::move(label),     theme.ink, left + theme.margin * 0.5F,
                y + (height - 0) / 2, {},        k,
                theme.card,           {}};
      item.box = {i(left), i(y), i(measure), i(height)};
      item.y = y + (height - item.layout.height) / 2;
      if (answered && is_right) {
        item.fill = theme.right;
        item.color = theme.accent_ink;
        item.icon = painter.chinese("✓", theme.body[1] * 1.2F, theme.body[1] * 2);
      } else if (answered && is_chosen) {
        item.fill = theme.wrong;
        item.color = theme.accent_ink;
        item.icon = painter.chinese("×", theme.body[1] * 1.2F, theme.body[1] * 2);
      } else if (is_chosen) {
        item.fill = theme.pressed;
      }
      items_.push_back(std::move(item));
      y += height + std::max(theme.gap, theme.margin * 0.25F);
    }
    if (answered) {
      const bool right = run.right(position_);
      firmware::UiText verdict = context_.store->ui_text(right ? "quiz.correct" : "quiz.wrong");
      if (!right) {
        const auto answer_is = context_.store->ui_text("quiz.answer_is");
        std::string letters;
        for (std::size_t k = 0; k < question_->correct.size(); ++k) {
          letters += (k == 0 ? "" : "、") + letter(question_->correct[k]);
        }
        verdict.zh += "　" + answer_is.zh + letters;
        verdict.mn += "᠂ " + answer_is.mn + " " + letters;
      }
      y += theme.margin * 0.3F;
      add_bilingual(verdict.zh, verdict.mn, theme.heading, right ? theme.right : theme.wrong,
                    theme.margin * 0.3F);
      add(painter.chinese(question_->explanation, theme.body[0], measure, 0, false, 1.6F),
          theme.ink, left, theme.margin);
    }
    scroll_.set({0, i(theme.header), size.width, size.height - i(theme.header) - i(theme.footer)},
                y);

    // Footer: confirm (multiple choice), or read the source and go on.
    footer_.clear();
    const int button_height = i(theme.button);
    const int wide = i(std::max(300 * theme.unit, theme.target * 2.5F));
    const int top = size.height - i(theme.footer) + i((theme.footer - f(button_height)) / 2);
    auto& store = *context_.store;
    auto at_right = [&](Button button) {
      button.rect.x = size.width - i(theme.margin / 2) - button.rect.width;
      return button;
    };
    if (!answered && question_->type == QuestionType::kMultiple) {
      Button confirm =
          at_right(make_button(painter, theme, "confirm", store.ui_text("quiz.confirm"),
                               {0, top, wide, button_height}, true));
      confirm.enabled = !selection_.empty();
      footer_.push_back(std::move(confirm));
    }
    if (answered) {
      footer_.push_back(make_button(painter, theme, "source", store.ui_text("quiz.source"),
                                    {i(theme.margin / 2), top, wide, button_height}));
      const bool last = position_ + 1 >= run.size();
      footer_.push_back(at_right(make_button(painter, theme, "next",
                                             store.ui_text(last ? "quiz.finish" : "quiz.next"),
                                             {0, top, wide, button_height}, true)));
    }
  }

  void draw(Painter& painter) override {
    const Theme& theme = context_.theme;
    const render::Size size = context_.size;
    painter.fill({0, 0, size.width, size.height}, theme.paper);
    const render::Rect& view = scroll_.viewport();
    painter.clip(view);
    const float shift = f(view.y) - scroll_.offset();
    for (const Item& item : items_) {
      if (item.choice >= 0) {
        const render::Rect box{item.box.x, i(f(item.box.y) + shift), item.box.width,
                               item.box.height};
        painter.fill(box, item.fill);
        painter.frame(box, theme.outline, std::max(1, i(theme.unit * 2)));
        if (!item.icon.lines.empty()) {
          painter.draw(item.icon, f(box.x + box.width) - item.icon.width - theme.margin * 0.5F,
                       f(box.y) + (f(box.height) - item.icon.height) / 2, item.color);
        }
        painter.target("choice:" + letter(item.choice), item.layout.text, box,
                       {layout_box(item.layout, item.x, item.y + shift)});
      }
      painter.draw(item.layout, item.x, item.y + shift, item.color);
    }
    painter.clip(std::nullopt);
    header_.draw(painter, theme, size);
    painter.fill({0, size.height - i(theme.footer), size.width, 1}, theme.divider);
    for (const Button& button : footer_) button.draw(painter, theme);
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
    for (const Button& button : footer_) {
      if (!button.hit(gesture.at)) continue;
      // A copy: answering rebuilds the footer, and with it this button.
      const std::string id = button.id;
      if (id == "confirm") answer(selection_);
      if (id == "source") open_source();
      if (id == "next") next();
      return;
    }
    if (!scroll_.contains(gesture.at) || context_.quiz.run->answered(position_)) return;
    const float y = gesture.at.y - f(scroll_.viewport().y) + scroll_.offset();
    for (const Item& item : items_) {
      if (item.choice < 0 || gesture.at.x < f(item.box.x) ||
          gesture.at.x >= f(item.box.x + item.box.width) || y < f(item.box.y) ||
          y >= f(item.box.y + item.box.height)) {
        continue;
      }
      if (question_->type == QuestionType::kMultiple) {
        auto found = std::find(selection_.begin(), selection_.end(), item.choice);
        if (found == selection_.end()) {
          selection_.push_back(item.choice);
        } else {
          selection_.erase(found);
        }
        build();
      } else {
        answer({item.choice});
      }
      return;
    }
  }

  // Keys for development and scripted runs: a–f choose, enter confirms or goes on.
  void key(const std::string& key) override {
    if (key == "escape") context_.router.back();
    const bool answered = context_.quiz.run->answered(position_);
    if (key == "enter") {
      if (answered) {
        next();
      } else if (question_->type == QuestionType::kMultiple) {
        answer(selection_);
      }
      return;
    }
    if (key.size() != 1 || key[0] < 'a' || key[0] > 'f' || answered) return;
    const int choice = key[0] - 'a';
    if (choice >= static_cast<int>(question_->choices.size())) return;
    if (question_->type == QuestionType::kMultiple) {
      auto found = std::find(selection_.begin(), selection_.end(), choice);
      if (found == selection_.end()) {
        selection_.push_back(choice);
      } else {
        selection_.erase(found);
      }
      build();
    } else {
      answer({choice});
    }
  }
  bool tick(std::int64_t now_ms) override { return scroll_.tick(now_ms); }
  [[nodiscard]] bool animating() const override { return scroll_.animating(); }

 private:
  struct Item {
    text::Layout layout;
    render::Color color;
    float x = 0;
    float y = 0;       // relative to the top of the scrolling content
    render::Rect box;  // choices: the tappable box
    int choice = -1;
    render::Color fill;
    text::Layout icon;  // ✓ or × at the right end of an answered choice: more than colour
  };

  void answer(std::vector<int> chosen) {
    if (chosen.empty()) return;
    auto& run = *context_.quiz.run;
    const bool right = run.answer(position_, *question_, std::move(chosen));
    if (context_.quiz.stats != nullptr)
      context_.quiz.stats->question_answered(question_->id, right);
    build();
  }

  void next() {
    auto& run = *context_.quiz.run;
    if (position_ + 1 < run.size()) {
      context_.router.replace(
          Route{ScreenId::kQuiz, run.document(), static_cast<int>(position_) + 1, {}});
      return;
    }
    if (context_.quiz.stats != nullptr) {
      context_.quiz.stats->quiz_finished(run.score(), static_cast<int>(run.size()));
    }
    context_.router.replace(Route{ScreenId::kQuizResult, run.document(), 0, {}});
  }

  // The reader at the cited section with the quote marked; back returns to this question.
  void open_source() {
    auto document = context_.store->document(question_->document);
    if (!document) return;
    std::vector<Section> sections;
    std::vector<ContentsEntry> entries;
    split_into_sections(document.value(), sections, entries);
    context_.router.go(Route{ScreenId::kReader, question_->document,
                             section_of_node(sections, question_->node_id), question_->quote});
  }

  ScreenContext& context_;
  std::size_t position_;
  const firmware::Question* question_ = nullptr;
  Header header_;
  std::vector<Item> items_;
  std::vector<Button> footer_;
  std::vector<int> selection_;
  ScrollArea scroll_;
};

// [SECTION] The result

class QuizResultScreen : public Screen {
 public:
  explicit QuizResultScreen(ScreenContext& context) : context_(context) {
    if (!context.quiz.run) {
      context.router.reset(Route{ScreenId::kHome, {}, 0, {}});
      return;
    }
    Painter& painter = context.painter;
    const Theme& theme = context.theme;
    const render::Size size = context.size;
    const auto& run = *context.quiz.run;
    auto& store = *context.store;
    const auto title = store.ui_text("quiz.result");
    header_ = make_header(context, title.zh, title.mn, HeaderButtons{false, true, false});
    const float width = f(size.width) - 4 * theme.margin;
    const auto score_line = fill_template(
        store.ui_text("quiz.score"),
        {{"score", std::to_string(run.score())}, {"total", std::to_string(run.size())}});
    const double ratio =
        run.size() == 0 ? 0 : static_cast<double>(run.score()) / static_cast<double>(run.size());
    const auto praise = store.ui_text(ratio >= 0.8   ? "quiz.praise_high"
                                      : ratio >= 0.5 ? "quiz.praise_mid"
                                                     : "quiz.praise_low");
    const int button_height = i(theme.button);
    const int wide = i(std::max(300 * theme.unit, theme.target * 2.5F));
    buttons_.push_back(make_button(painter, theme, "again", store.ui_text("quiz.again"),
                                   {0, 0, wide, button_height}, true));
    buttons_.push_back(make_button(painter, theme, "home", store.ui_text("nav.home"),
                                   {0, 0, wide, button_height}));
    // Side by side about the middle; one above the other where the two do not fit.
    const int gap = i(std::max(theme.gap, theme.margin / 2));
    const int both = buttons_[0].rect.width + gap + buttons_[1].rect.width;
    const bool side_by_side = both + 2 * i(theme.margin) <= size.width;
    const float buttons = side_by_side ? f(button_height) : f(2 * button_height + gap);
    // Score and praise in both scripts, each pair at one size (the Mongolian as large as the
    // Chinese beside it), one under the other, then the buttons: all smaller together until
    // they fit between the header and the bottom.
    const float room = f(size.height) - theme.header - 2 * theme.margin;
    // One under the other, or (a low landscape panel) side by side, halves of the width.
    for (float scale = 1.0F;; scale *= 0.9F) {
      const float score_size = std::max(theme.least_text, theme.title * 1.2F * scale);
      const float praise_size = std::max(theme.least_text, theme.heading * scale);
      const float column = room * 0.45F;
      score_mn_ = mongolian_label(painter, score_line.mn, score_size, column);
      praise_mn_ = mongolian_label(painter, praise.mn, praise_size, column);
      auto lay_out = [&](float text_width) {
        score_ = painter.chinese(score_line.zh, score_size,
                                 text_width - score_mn_.width - theme.margin * 0.5F);
        praise_ = painter.chinese(praise.zh, praise_size,
                                  text_width - praise_mn_.width - theme.margin * 0.5F);
      };
      lay_out(width);
      const float score_height = std::max(score_.height, score_mn_.height);
      side_by_side_ = false;
      if (score_height + theme.margin + std::max(praise_.height, praise_mn_.height) + theme.margin +
              buttons <=
          room)
        break;
      lay_out(width / 2 - theme.margin);
      side_by_side_ = true;
      const float pair = std::max(std::max(score_.height, score_mn_.height),
                                  std::max(praise_.height, praise_mn_.height));
      if (pair + theme.margin + buttons <= room || score_size <= theme.least_text) break;
    }
    score_y_ = theme.header + theme.margin;
    praise_y_ = side_by_side_ ? score_y_
                              : score_y_ + std::max(score_.height, score_mn_.height) + theme.margin;
    const int top = i(std::max(score_y_ + std::max(score_.height, score_mn_.height),
                               praise_y_ + std::max(praise_.height, praise_mn_.height)) +
                      theme.margin);
    for (Button& button : buttons_) button.rect.y = top;
    if (side_by_side) {
      buttons_[0].rect.x = (size.width - both) / 2;
      buttons_[1].rect.x = buttons_[0].rect.x + buttons_[0].rect.width + gap;
    } else {
      for (Button& button : buttons_) button.rect.x = (size.width - button.rect.width) / 2;
      buttons_[1].rect.y = top + button_height + gap;
    }
  }
  [[nodiscard]] const char* name() const override { return "quiz-result"; }

  void draw(Painter& painter) override {
    const Theme& theme = context_.theme;
    const render::Size size = context_.size;
    painter.fill({0, 0, size.width, size.height}, theme.paper);
    header_.draw(painter, theme, size);
    // Stacked: both centred; side by side: each centred in its half.
    const float middle = side_by_side_ ? f(size.width) / 4 : f(size.width) / 2;
    const float praise_middle = side_by_side_ ? f(size.width) * 3 / 4 : middle;
    float y = score_y_;
    const float score_group = score_mn_.width + theme.margin * 0.5F + score_.width;
    painter.draw(score_mn_, middle - score_group / 2, y, theme.accent);
    painter.draw(score_, middle - score_group / 2 + score_mn_.width + theme.margin * 0.5F,
                 y + std::max(0.0F, (score_mn_.height - score_.height) / 2), theme.accent);
    y = praise_y_;
    const float group = praise_mn_.width + theme.margin * 0.5F + praise_.width;
    painter.draw(praise_mn_, praise_middle - group / 2, y, theme.gold_text);
    painter.draw(praise_, praise_middle - group / 2 + praise_mn_.width + theme.margin * 0.5F, y,
                 theme.ink);
    for (const Button& button : buttons_) button.draw(painter, theme);
  }

  void gesture(const Gesture& gesture) override {
    if (gesture.type != Gesture::Type::kTap) return;
    if (const Button* button = header_.hit(gesture.at); button != nullptr && button->id == "home") {
      context_.router.reset(Route{ScreenId::kHome, {}, 0, {}});
      return;
    }
    for (const Button& button : buttons_) {
      if (!button.hit(gesture.at)) continue;
      if (button.id == "home") context_.router.reset(Route{ScreenId::kHome, {}, 0, {}});
      if (button.id == "again") {
        const std::string document = context_.quiz.run->document();
        if (context_.quiz.start(document))
          context_.router.replace(Route{ScreenId::kQuiz, document, 0, {}});
      }
      return;
    }
  }

 private:
  ScreenContext& context_;
  Header header_;
  text::Layout score_;
  text::Layout praise_;
  text::Layout praise_mn_;
  text::Layout score_mn_;
  float score_y_ = 0;
  bool side_by_side_ = false;  // score and praise in two halves (a low landscape panel)
  float praise_y_ = 0;
  std::vector<Button> buttons_;
};

}  // namespace

std::unique_ptr<Screen> make_quiz_screen(ScreenContext& context, std::size_t position) {
  return std::make_unique<QuizScreen>(context, position);
}
std::unique_ptr<Screen> make_quiz_result_screen(ScreenContext& context) {
  return std::make_unique<QuizResultScreen>(context);
}

}  // namespace kiosk::ui
