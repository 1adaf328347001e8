// The view: owns the fonts, the text engine, the glyph atlas and the current screen; turns
// pointer events into gestures; draws (turned for the panel's rotation) only when asked.
#include "ui/kiosk/kiosk_view.h"

#include <SDL.h>

#include <cmath>
#include <limits>

#include "ui/kiosk/widgets.h"

namespace kiosk::ui {

namespace {

struct TextureDeleter {
  void operator()(SDL_Texture* texture) const { SDL_DestroyTexture(texture); }
};

class KioskView final : public firmware::KioskView {
 public:
  KioskView(render::Canvas& canvas, firmware::Router& router, const firmware::ContentStore* store,
            std::string content_error, const ViewOptions& options)
      : canvas_(canvas),
        router_(router),
        store_(store),
        content_error_(std::move(content_error)),
        options_(options),
        fonts_(text::FontSet::create()),
        theme_(Theme::for_display(options.ui_size, options.dpi)) {
    load_fonts();
    engine_ = std::make_unique<text::TextEngine>(*fonts_);
    atlas_ = std::make_unique<render::GlyphAtlas>(canvas.renderer(), *fonts_);
    painter_ = std::make_unique<Painter>(canvas_, *atlas_, *engine_);
    fit_theme();
    GestureOptions gestures;
    gestures.slop_px = std::max(8.0F, 2.5F / 25.4F * options.dpi);  // about 2.5 mm
    recognizer_ = GestureRecognizer(gestures);
    long_press_ms_ = gestures.long_press_ms;
    if (options.rotation != 0) {
      // The UI is drawn upright into a texture, then turned onto the panel.
      ui_texture_.reset(SDL_CreateTexture(canvas.renderer(), SDL_PIXELFORMAT_ARGB8888,
                                          SDL_TEXTUREACCESS_TARGET, options.ui_size.width,
                                          options.ui_size.height));
    }
    if (store_ == nullptr) router_.reset(firmware::Route{firmware::ScreenId::kError, {}, 0, {}});
    if (store_ != nullptr) quiz_.bank = store_->quiz_questions();
    staff_.refresh = options.refresh;
    staff_.release = options.release;
    staff_.state_dir = options.state_dir;
    staff_.admin_pin_sha256 = options.admin_pin_sha256;
    staff_.usb_remount_helper = options.usb_remount_helper;
    staff_.stats = options.stats;
    quiz_.options.count = options.quiz_questions;
    quiz_.options.include_generated = options.quiz_generated;
    quiz_.seed = options.seed;
    quiz_.stats = options.stats;
    SDL_RendererInfo info{};
    if (SDL_GetRendererInfo(canvas.renderer(), &info) == 0) {
      keeps_pixels_ = (info.flags & SDL_RENDERER_SOFTWARE) != 0;
    }
  }

  ~KioskView() override {
    // The atlas's textures belong to the renderer: free them while it exists.
    screen_.reset();
    atlas_.reset();
  }

  void show(const firmware::Route& route) override {
    recognizer_.cancel();
    screen_.reset();  // it refers to the context replaced below
    ScreenContext context{*painter_,     theme_,      options_.ui_size, router_,     store_,
                          text_size_,    quiz_,       &staff_,          &last_read_, &search_,
                          &last_search_, std::nullopt};
    context_ = std::make_unique<ScreenContext>(context);
    using firmware::ScreenId;
    if (route.screen == ScreenId::kAttract) {
      // A new visitor starts fresh: text size and any quiz left half done are forgotten.
      text_size_ = 1;
      quiz_.run.reset();
      last_read_.clear();
      if (theme_.accessible) fit_theme(false);  // the context refers to theme_, changed here
      last_search_.clear();
    }
    if (route.screen == ScreenId::kRefresh) {
      // Also without content: a refresh is how a kiosk with a broken release is mended.
      screen_ = make_refresh_screen(*context_);
    } else if (route.screen == ScreenId::kPin && !staff_.admin_pin_sha256.empty()) {
      screen_ = make_pin_screen(*context_);
    } else if (route.screen == ScreenId::kAdmin) {
      screen_ = make_admin_screen(*context_);
    } else if (store_ == nullptr || route.screen == ScreenId::kError) {
      screen_ = make_message_screen(*context_, false, content_error_);
    } else {
      switch (route.screen) {
        case ScreenId::kAttract:
          screen_ = make_attract_screen(*context_);
          break;
        case ScreenId::kHome:
          screen_ = make_home_screen(*context_);
          break;
        case ScreenId::kContents:
          screen_ = make_contents_screen(*context_, route.document);
          break;
        case ScreenId::kReader:
          screen_ = make_reader_screen(*context_, route.document, route.section, route.highlight);
          break;
        case ScreenId::kQuiz:
          screen_ =
              make_quiz_screen(*context_, static_cast<std::size_t>(std::max(0, route.section)));
          break;
        case ScreenId::kQuizResult:
          screen_ = make_quiz_result_screen(*context_);
          break;
        case ScreenId::kSearch:
          screen_ = make_search_screen(*context_);
          break;
        case ScreenId::kDark:
          screen_ = make_message_screen(*context_, true, "");
          break;
        case ScreenId::kError:
        case ScreenId::kRefresh:
        case ScreenId::kPin:
        case ScreenId::kAdmin:
          break;
      }
    }
  }

  void input(const firmware::InputEvent& event, std::int64_t now_ms) override {
    if (!screen_) return;
    using Type = firmware::InputEvent::Type;
    if (event.type == Type::kExpose) {
      dirty_everything_ = true;
      return;
    }
    if (event.type == Type::kOpenLongest) {
      router_.go(firmware::Route{firmware::ScreenId::kReader, event.key, -1, {}});
      return;
    }
    if (event.type == Type::kKey) {
      screen_->key(event.key);
      dirty_ = true;
      dirty_everything_ = true;
      return;
    }
    PointerEvent pointer;
    pointer.at = {event.x, event.y};
    pointer.time_ms = now_ms;
    if (event.type == Type::kPointerDown) {
      pointer.type = PointerEvent::Type::kDown;
      screen_->pointer_down();
      press(pointer.at);
    } else if (event.type == Type::kPointerMove) {
      pointer.type = PointerEvent::Type::kMove;
    } else if (event.type == Type::kPointerUp) {
      pointer.type = PointerEvent::Type::kUp;
      release();
    } else {
      return;
    }
    deliver(recognizer_.feed(pointer), now_ms);
  }

  bool tick(std::int64_t now_ms) override {
    if (!screen_) return false;
    poll_refresh(now_ms);
    deliver(recognizer_.tick(now_ms), now_ms);
    check_staff_hold(now_ms);
    const bool changed = screen_->tick(now_ms);
    const bool redraw = changed || dirty_;
    dirty_ = false;
    return redraw;
  }

  void draw() override {
    if (!screen_) return;
    SDL_Renderer* renderer = canvas_.renderer();
    if (!keeps_pixels_ || dirty_everything_) screen_->redraw_all();
    dirty_everything_ = false;
    if (ui_texture_) SDL_SetRenderTarget(renderer, ui_texture_.get());
    screen_->draw(*painter_);
    // The finger is on a button, card or row: it darkens until the finger lifts or drags.
    if (pressed_ && !painter_->recording()) painter_->fill(*pressed_, {0, 0, 0, 48});
    if (idle_seconds_left_) draw_idle_warning(*idle_seconds_left_);
    if (ui_texture_) {
      SDL_SetRenderTarget(renderer, nullptr);
      const render::Size panel = canvas_.size();
      const SDL_Rect target{(panel.width - options_.ui_size.width) / 2,
                            (panel.height - options_.ui_size.height) / 2, options_.ui_size.width,
                            options_.ui_size.height};
      SDL_RenderCopyEx(renderer, ui_texture_.get(), nullptr, &target, options_.rotation, nullptr,
                       SDL_FLIP_NONE);
    }
    canvas_.present();
  }

  [[nodiscard]] bool animating() const override {
    return screen_ && (screen_->animating() || recognizer_.pointer_down());
  }

  [[nodiscard]] bool wants_quit() const override { return staff_.restart_requested; }

  void idle_warning(std::optional<int> seconds_left) override {
    if (seconds_left == idle_seconds_left_) return;
    idle_seconds_left_ = seconds_left;
    // Appearing, counting down or gone: the whole frame is drawn again.
    dirty_ = true;
    dirty_everything_ = true;
  }

  [[nodiscard]] std::int64_t wake_at_ms() const override {
    std::int64_t wake = screen_ ? screen_->wake_at_ms() : std::numeric_limits<std::int64_t>::max();
    if (const auto long_press = recognizer_.next_tick_ms()) wake = std::min(wake, *long_press);
    if (staff_hold_until_) wake = std::min(wake, *staff_hold_until_);
    // The USB watcher looks for sticks once a second.
    if (staff_.refresh != nullptr) wake = std::min(wake, last_tick_ms_ + 1000);
    return wake;
  }

  // Still reading? The screen dims; a panel asks in both scripts, counts down the seconds to the
  // attract loop and shows the button that any touch presses (the session swallows that touch).
  void draw_idle_warning(int seconds_left) {
    Painter& painter = *painter_;
    const Theme& theme = theme_;
    const render::Size size = options_.ui_size;
    painter.fill({0, 0, size.width, size.height}, {0, 0, 0, 150});
    painter.cover();
    const firmware::UiText question = words("idle.question", "还在阅读吗？");
    const firmware::UiText resume = words("idle.continue", "继续阅读");
    const float width = std::min(f(size.width) - 2 * theme.margin, 900 * theme.unit);
    const text::Layout question_zh = painter.chinese(question.zh, theme.title, width * 0.6F);
    const text::Layout question_mn =
        painter.mongolian(question.mn, theme.title * 0.75F, f(size.height) * 0.3F);
    const text::Layout count =
        painter.chinese(std::to_string(seconds_left), theme.title * 2.4F, width);
    const float button_height = std::max(theme.footer * 0.9F, theme.target * 1.5F);
    const float body =
        std::max(question_mn.height, question_zh.height + theme.margin + count.height);
    const float height = body + button_height + 3 * theme.margin;
    const render::Rect panel{i((f(size.width) - width) / 2), i((f(size.height) - height) / 2),
                             i(width), i(height)};
    painter.fill(panel, theme.card);
    painter.fill({panel.x, panel.y, panel.width, i(8 * theme.unit) + 1}, theme.gold);
    const float group = question_mn.width + theme.margin + question_zh.width;
    const float left = f(panel.x) + (width - group) / 2;
    const float top = f(panel.y) + theme.margin;
    painter.draw(question_mn, left, top, theme.accent);
    const float text_left = left + question_mn.width + theme.margin;
    painter.draw(question_zh, text_left, top, theme.ink);
    painter.draw(count, text_left + (question_zh.width - count.width) / 2,
                 top + question_zh.height + theme.margin, theme.accent);
    const float button_width = std::min(width - 2 * theme.margin, 520 * theme.unit);
    const Button button =
        make_button(painter, theme, "continue", resume,
                    {i(f(panel.x) + (width - button_width) / 2), i(top + body + theme.margin),
                     i(button_width), i(button_height)},
                    true);
    button.draw(painter, theme);
  }

  // A UI string of the release, or the Chinese given here when there is none.
  [[nodiscard]] firmware::UiText words(const std::string& key, const char* zh) const {
    if (store_ != nullptr) {
      firmware::UiText text = store_->ui_text(key);
      if (text.zh != key) return text;
    }
    return {zh, ""};
  }

  bool save_screenshot(const std::string& path) override {
    return canvas_.save_screenshot(path).ok();
  }

  [[nodiscard]] std::string screen_name() const override { return screen_ ? screen_->name() : ""; }

  // Draws the whole frame again with the painter recording what it shows.
  LayoutDump record() {
    LayoutDump dump;
    dump.boundaries = theme_.boundaries();
    painter_->record(&dump);
    screen_->redraw_all();
    draw();
    painter_->record(nullptr);
    return dump;
  }

  // Draws the whole frame again with the painter recording, then writes what it saw.
  bool dump_layout(const std::string& path) override {
    if (!screen_ || !painter_) return false;
    return write_layout_json(path, screen_->name(), options_.ui_size, options_.dpi, record());
  }

  [[nodiscard]] std::optional<std::pair<float, float>> target_center(
      const std::string& id) override {
    if (!screen_ || !painter_) return std::nullopt;
    for (const auto& target : record().targets) {
      if (target.id != id || !target.visible) continue;
      const render::Rect& r = *target.visible;
      return std::pair{f(r.x) + f(r.width) / 2, f(r.y) + f(r.height) / 2};
    }
    return std::nullopt;
  }

 private:
  // The USB refresh: a new stick takes the screen for its progress and result; a new release
  // (installed or rolled back) replaces the fonts, the quiz bank and the screen.
  void poll_refresh(std::int64_t now_ms) {
    last_tick_ms_ = now_ms;
    if (staff_.refresh == nullptr) return;
    staff_.refresh->poll(now_ms, store_ != nullptr ? store_->content_version() : 0);
    const auto state = staff_.refresh->state();
    const firmware::ScreenId screen = router_.current().screen;
    if (state.phase == firmware::RefreshController::Phase::kRunning &&
        screen != firmware::ScreenId::kRefresh) {
      router_.reset(firmware::Route{firmware::ScreenId::kRefresh, {}, 0, {}});
    }
    if (staff_.refresh->take_new_release() && options_.reopen_content) {
      const firmware::ContentStore* store = options_.reopen_content(staff_.release);
      if (store != nullptr) {
        screen_.reset();
        context_.reset();
        atlas_.reset();
        painter_.reset();
        engine_.reset();
        store_ = store;
        content_error_.clear();
        fonts_ = text::FontSet::create();
        load_fonts();
        engine_ = std::make_unique<text::TextEngine>(*fonts_);
        atlas_ = std::make_unique<render::GlyphAtlas>(canvas_.renderer(), *fonts_);
        painter_ = std::make_unique<Painter>(canvas_, *atlas_, *engine_);
        fit_theme(theme_.accessible);
        quiz_.bank = store_->quiz_questions();
        quiz_.run.reset();
        search_.content_changed();
        last_search_.clear();
        show(router_.current());
        dirty_ = true;
        dirty_everything_ = true;
      }
    }
  }

  // The staff's way in: a touch held 3 s in the top-left corner of the attract loop (or of the
  // error screen), where no visitor button is: holding 返回 on another screen must not open
  // the PIN pad.
  static constexpr std::int64_t kStaffHoldMs = 3000;
  [[nodiscard]] bool admin_corner(const Gesture& gesture) const {
    if (gesture.type != Gesture::Type::kLongPress || staff_.admin_pin_sha256.empty()) return false;
    const firmware::ScreenId screen = router_.current().screen;
    if (screen != firmware::ScreenId::kAttract && screen != firmware::ScreenId::kError)
      return false;
    const float corner = std::max(theme_.target * 2, 96 * theme_.unit);
    return gesture.at.x < corner && gesture.at.y < corner;
  }

  // The long press starts the hold; the PIN pad opens if the touch is still down at 3 s.
  void check_staff_hold(std::int64_t now_ms) {
    if (!staff_hold_until_) return;
    if (!recognizer_.pointer_down()) {
      staff_hold_until_.reset();
    } else if (now_ms >= *staff_hold_until_) {
      staff_hold_until_.reset();
      recognizer_.cancel();
      router_.go(firmware::Route{firmware::ScreenId::kPin, {}, 0, {}});
      dirty_ = true;
      dirty_everything_ = true;
    }
  }

  void deliver(const std::vector<Gesture>& gestures, std::int64_t now_ms) {
    for (const Gesture& gesture : gestures) {
      if (admin_corner(gesture)) {
        staff_hold_until_ = now_ms + kStaffHoldMs - long_press_ms_;
        continue;
      }
      if (gesture.type == Gesture::Type::kTap && context_ && context_->accessible_switch &&
          contains(*context_->accessible_switch, gesture.at)) {
        // Large text and high contrast for the rest of the visit; the screen is laid out anew.
        fit_theme(!theme_.accessible);
        show(router_.current());
        dirty_ = true;
        dirty_everything_ = true;
        return;
      }
      if (gesture.type == Gesture::Type::kDragBegin) release();  // a scroll, not a press
      screen_->gesture(gesture);
      dirty_ = true;
      // A tap may change a button; scrolling gestures change only the scrolled area.
      if (gesture.type == Gesture::Type::kTap || gesture.type == Gesture::Type::kLongPress)
        dirty_everything_ = true;
    }
  }

  // Pressed states for every screen at once: the target under the finger, from the same
  // recording the layout dump makes (one extra draw when a finger lands).
  void press(Point at) {
    pressed_.reset();
    if (idle_seconds_left_ || !screen_) return;
    const LayoutDump dump = record();
    for (auto target = dump.targets.rbegin(); target != dump.targets.rend(); ++target) {
      if (target->id != "start" && target->visible && contains(*target->visible, at)) {
        pressed_ = target->visible;
        break;
      }
    }
    if (pressed_) dirty_ = dirty_everything_ = true;
  }
  void release() {
    if (!pressed_) return;
    pressed_.reset();
    dirty_ = dirty_everything_ = true;
  }

  static bool contains(const render::Rect& rect, Point at) {
    return at.x >= f(rect.x) && at.x < f(rect.x + rect.width) && at.y >= f(rect.y) &&
           at.y < f(rect.y + rect.height);
  }

  // The bars' buttons sized from the labels of this release (in the visitor's mode).
  void fit_theme(bool accessible = false) {
    theme_ = Theme::for_display(options_.ui_size, options_.dpi, accessible);
    std::vector<firmware::UiText> labels;
    for (const char* key :
         {"nav.back", "nav.home", "nav.previous", "nav.next", "quiz.start", "quiz.confirm",
          "search.title", "search.go", "search.clear", "quiz.source", "quiz.next", "quiz.finish",
          "quiz.again", "reader.size_small", "reader.size_medium", "reader.size_large",
          "idle.continue", "a11y.toggle"}) {
      labels.push_back(words(key, key));
    }
    fit_to_labels(theme_, *painter_, labels);
  }

  void load_fonts() {
    if (store_ != nullptr) {
      for (auto& font : store_->fonts()) {
        auto added = fonts_->add_font_data(std::move(font.bytes), 0, font.scripts, font.name);
        if (!added) content_error_ += (content_error_.empty() ? "" : "; ") + added.error();
      }
      if (fonts_->size() > 0) return;
    }
    // No release: the error screen needs fonts all the same.
    (void)fonts_->add_font(options_.fallback_cjk_font, 2, {"Hani", "Latn", "Zyyy"});
    (void)fonts_->add_font(options_.fallback_mongolian_font, 0, {"Mong"});
  }

  render::Canvas& canvas_;
  firmware::Router& router_;
  const firmware::ContentStore* store_;
  std::string content_error_;
  ViewOptions options_;
  std::unique_ptr<text::FontSet> fonts_;
  std::unique_ptr<text::TextEngine> engine_;
  std::unique_ptr<render::GlyphAtlas> atlas_;
  std::unique_ptr<Painter> painter_;
  Theme theme_;
  GestureRecognizer recognizer_;
  std::unique_ptr<ScreenContext> context_;
  std::unique_ptr<Screen> screen_;
  std::unique_ptr<SDL_Texture, TextureDeleter> ui_texture_;
  int text_size_ = 1;
  std::optional<render::Rect> pressed_;   // the target under the finger
  std::map<std::string, int> last_read_;  // document -> section, for this visit
  SearchSupport search_;                  // libpinyin (loaded at the first search) and the text
  std::string last_search_;               // the words last searched for, for this visit
  QuizState quiz_;
  StaffContext staff_;
  std::int64_t last_tick_ms_ = 0;
  bool dirty_ = true;
  bool dirty_everything_ = true;
  std::optional<int> idle_seconds_left_;  // the idle warning shows while set
  std::optional<std::int64_t> staff_hold_until_;
  int long_press_ms_ = 0;  // the recognizer's: the staff hold counts from the press  // a corner
                           // hold opens the PIN pad then
  bool keeps_pixels_ = false;  // the software renderer keeps the last frame's pixels
};

}  // namespace

std::unique_ptr<firmware::KioskView> create_kiosk_view(render::Canvas& canvas,
                                                       firmware::Router& router,
                                                       const firmware::ContentStore* store,
                                                       std::string content_error,
                                                       const ViewOptions& options) {
  return std::make_unique<KioskView>(canvas, router, store, std::move(content_error), options);
}

}  // namespace kiosk::ui
