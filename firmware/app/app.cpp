#include "firmware/app/app.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "firmware/stats/stats.h"

namespace kiosk::firmware {

// [SECTION] Routing

const char* to_string(ScreenId id) {
  switch (id) {
    case ScreenId::kAttract:
      return "attract";
    case ScreenId::kHome:
      return "home";
    case ScreenId::kContents:
      return "contents";
    case ScreenId::kReader:
      return "reader";
    case ScreenId::kQuiz:
      return "quiz";
    case ScreenId::kQuizResult:
      return "quiz-result";
    case ScreenId::kSearch:
      return "search";
    case ScreenId::kError:
      return "error";
    case ScreenId::kDark:
      return "dark";
    case ScreenId::kRefresh:
      return "refresh";
    case ScreenId::kPin:
      return "pin";
    case ScreenId::kAdmin:
      return "admin";
  }
  return "attract";
}

bool is_staff_screen(ScreenId id) {
  return id == ScreenId::kRefresh || id == ScreenId::kPin || id == ScreenId::kAdmin;
}

void Router::go(Route route) { stack_.push_back(std::move(route)); }
void Router::replace(Route route) { stack_.back() = std::move(route); }
bool Router::back() {
  if (stack_.size() <= 1) return false;
  stack_.pop_back();
  return true;
}
void Router::reset(Route route) { stack_.assign(1, std::move(route)); }

// [SECTION] Visitor session

VisitorSession::VisitorSession(const Config& config, StatsStore* stats)
    : config_(config), stats_(stats) {}

bool VisitorSession::on_input(std::int64_t now_ms, int minute_of_day, Router& router) {
  (void)minute_of_day;
  const bool warned = idle_warning_seconds(now_ms).has_value();
  last_input_ms_ = now_ms;
  // The touch that ends the warning is not also a tap on the screen under it.
  if (warned) return false;
  if (dark_) {
    // The first touch in the dark only wakes the screen.
    dark_ = false;
    router.reset(Route{ScreenId::kAttract, {}, 0, {}});
    return false;
  }
  return true;
}

bool VisitorSession::on_tick(std::int64_t now_ms, int minute_of_day, Router& router) {
  const ScreenId screen = router.current().screen;
  if (screen == ScreenId::kError) return false;
  const bool idle =
      now_ms - last_input_ms_ >= static_cast<std::int64_t>(config_.idle_timeout_seconds) * 1000;
  if (idle && screen != ScreenId::kAttract && screen != ScreenId::kDark) {
    router.reset(Route{ScreenId::kAttract, {}, 0, {}});
    return true;
  }
  if (!config_.hours.is_open(minute_of_day) && !dark_ && (idle || screen == ScreenId::kAttract) &&
      now_ms - last_input_ms_ >= 1000) {
    dark_ = true;
    router.reset(Route{ScreenId::kDark, {}, 0, {}});
    return true;
  }
  return false;
}

std::int64_t VisitorSession::warning_ms() const {
  const std::int64_t timeout = static_cast<std::int64_t>(config_.idle_timeout_seconds) * 1000;
  return std::min<std::int64_t>(15'000, timeout / 3);
}

std::optional<int> VisitorSession::idle_warning_seconds(std::int64_t now_ms) const {
  if (!in_visit_ || dark_) return std::nullopt;
  const std::int64_t reset_at =
      last_input_ms_ + static_cast<std::int64_t>(config_.idle_timeout_seconds) * 1000;
  if (now_ms < reset_at - warning_ms() || now_ms >= reset_at) return std::nullopt;
  return static_cast<int>((reset_at - now_ms + 999) / 1000);
}

std::int64_t VisitorSession::next_deadline_ms(std::int64_t now_ms) const {
  if (!in_visit_) return last_input_ms_ + 60'000;
  const std::int64_t reset_at =
      last_input_ms_ + static_cast<std::int64_t>(config_.idle_timeout_seconds) * 1000;
  const std::int64_t warn_at = reset_at - warning_ms();
  if (now_ms < warn_at) return warn_at;
  // During the warning: wake when the countdown's whole second changes.
  const std::int64_t next_second = reset_at - ((reset_at - now_ms - 1) / 1000) * 1000;
  return std::min(reset_at, std::max(next_second, now_ms + 1));
}

void VisitorSession::route_changed(const Route& previous, const Route& next, std::int64_t now_ms) {
  const bool was_visiting = in_visit_;
  in_visit_ = next.screen != ScreenId::kAttract && next.screen != ScreenId::kDark &&
              next.screen != ScreenId::kError && !is_staff_screen(next.screen);
  if (stats_ == nullptr) return;
  if (previous.screen == ScreenId::kReader && !(next == previous)) {
    stats_->section_read(previous.document, previous.section, section_since_ms_, now_ms);
  }
  if (next.screen == ScreenId::kReader) section_since_ms_ = now_ms;
  if (!was_visiting && in_visit_) stats_->visit_started(now_ms);
  if (was_visiting && !in_visit_) stats_->visit_ended(now_ms);
  if (next.screen == ScreenId::kContents && next.document != previous.document) {
    stats_->document_opened(next.document, now_ms);
  }
}

// [SECTION] Scripted input with simulated time

ScriptEventSource::ScriptEventSource(std::vector<ScriptCommand> commands, std::string file,
                                     Hooks hooks)
    : commands_(std::move(commands)), file_(std::move(file)), hooks_(std::move(hooks)) {}

namespace {
InputEvent pointer(InputEvent::Type type, float x, float y) {
  InputEvent event;
  event.type = type;
  event.x = x;
  event.y = y;
  return event;
}
}  // namespace

void ScriptEventSource::expand(const ScriptCommand& command) {
  using Kind = ScriptCommand::Kind;
  using Type = InputEvent::Type;
  const std::int64_t t = now_ms_;
  const auto x1 = static_cast<float>(command.x1);
  const auto y1 = static_cast<float>(command.y1);
  switch (command.kind) {
    case Kind::kTap:
      pending_.push_back({t, pointer(Type::kPointerDown, x1, y1)});
      pending_.push_back({t + 80, pointer(Type::kPointerUp, x1, y1)});
      break;
    case Kind::kLongPress:
      pending_.push_back({t, pointer(Type::kPointerDown, x1, y1)});
      pending_.push_back({t + 1000, pointer(Type::kPointerUp, x1, y1)});
      break;
    case Kind::kPress:
      pressed_at_ = {x1, y1};
      pending_.push_back({t, pointer(Type::kPointerDown, x1, y1)});
      break;
    case Kind::kLift:
      pending_.push_back({t, pointer(Type::kPointerUp, pressed_at_.first, pressed_at_.second)});
      break;
    case Kind::kHold:
      pending_.push_back({t, pointer(Type::kPointerDown, x1, y1)});
      pending_.push_back({t + command.milliseconds, pointer(Type::kPointerUp, x1, y1)});
      break;
    case Kind::kDrag:
    case Kind::kFling: {
      const auto x2 = static_cast<float>(command.x2);
      const auto y2 = static_cast<float>(command.y2);
      const int duration = std::max(command.milliseconds, 16);
      pending_.push_back({t, pointer(Type::kPointerDown, x1, y1)});
      for (int elapsed = 16; elapsed < duration; elapsed += 16) {
        const float f = static_cast<float>(elapsed) / static_cast<float>(duration);
        pending_.push_back(
            {t + elapsed, pointer(Type::kPointerMove, x1 + (x2 - x1) * f, y1 + (y2 - y1) * f)});
      }
      pending_.push_back({t + duration, pointer(Type::kPointerMove, x2, y2)});
      // A drag comes to rest before the finger lifts; a fling lets go while moving.
      const int hold = command.kind == Kind::kDrag ? 200 : 0;
      pending_.push_back({t + duration + hold, pointer(Type::kPointerUp, x2, y2)});
      break;
    }
    case Kind::kKey: {
      InputEvent event;
      event.type = Type::kKey;
      event.key = command.argument;
      pending_.push_back({t, event});
      break;
    }
    case Kind::kWait:
      pending_.push_back({t + command.milliseconds, InputEvent{}});  // kExpose: time passes
      break;
    case Kind::kScreenshot:
    case Kind::kDumpLayout: {
      // Both write the settled frame to a file: a PNG, or its layout as JSON.
      const bool screenshot = command.kind == Kind::kScreenshot;
      const auto& write = screenshot ? hooks_.screenshot : hooks_.dump_layout;
      if (hooks_.settle) hooks_.settle();
      if (write && !write(command.argument)) {
        failure_ = file_ + ":" + std::to_string(command.line) +
                   (screenshot ? ": cannot save the screenshot " : ": cannot write the layout ") +
                   command.argument;
      }
      break;
    }
    case Kind::kTapTarget: {
      if (hooks_.settle) hooks_.settle();
      const auto at = hooks_.target_center ? hooks_.target_center(command.argument) : std::nullopt;
      if (!at) {
        failure_ = file_ + ":" + std::to_string(command.line) + ": no touch target " +
                   command.argument + " on the " +
                   (hooks_.screen_name ? hooks_.screen_name() : std::string("current")) + " screen";
        break;
      }
      pending_.push_back({t, pointer(Type::kPointerDown, at->first, at->second)});
      pending_.push_back({t + 80, pointer(Type::kPointerUp, at->first, at->second)});
      break;
    }
    case Kind::kExpectScreen: {
      if (hooks_.settle) hooks_.settle();
      const std::string actual = hooks_.screen_name ? hooks_.screen_name() : "";
      if (actual != command.argument) {
        failure_ = file_ + ":" + std::to_string(command.line) + ": expected screen " +
                   command.argument + ", but the screen is " + actual;
      }
      break;
    }
    case Kind::kOpenLongest: {
      InputEvent event;
      event.type = Type::kOpenLongest;
      event.key = command.argument;
      pending_.push_back({t, event});
      break;
    }
    case Kind::kQuit:
      quit_ = true;
      break;
  }
}

std::optional<InputEvent> ScriptEventSource::next(std::int64_t deadline_ms) {
  while (true) {
    if (!pending_.empty()) {
      if (pending_.front().at_ms <= deadline_ms) {
        now_ms_ = std::max(now_ms_, pending_.front().at_ms);
        InputEvent event = pending_.front().event;
        pending_.erase(pending_.begin());
        // A wait ended: return to the loop so that the session sees the time that passed.
        if (event.type == InputEvent::Type::kExpose) return std::nullopt;
        return event;
      }
      now_ms_ = std::max(now_ms_, deadline_ms);
      return std::nullopt;
    }
    if (!failure_.empty() || quit_ || next_command_ >= commands_.size()) {
      InputEvent quit;
      quit.type = InputEvent::Type::kQuit;
      return quit;
    }
    expand(commands_[next_command_++]);
  }
}

// [SECTION] The loop

LoopStats run_loop(EventSource& source, KioskView& view, Router& router, VisitorSession& session,
                   const std::function<void(double draw_ms)>& on_frame) {
  LoopStats stats;
  Route shown = router.current();
  view.show(shown);
  bool dirty = true;
  while (true) {
    const std::int64_t now = source.now_ms();
    if (view.wants_quit()) break;
    view.idle_warning(session.idle_warning_seconds(now));
    if (view.tick(now) || dirty) {
      const auto start = std::chrono::steady_clock::now();
      view.draw();
      const double draw_ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
              .count();
      stats.frame_ms.push_back(draw_ms);
      stats.frame_at_ms.push_back(now);
      ++stats.frames;
      if (on_frame) on_frame(draw_ms);
      dirty = false;
    }
    // Sleep until the next event, the next animation frame or the session's next deadline:
    // an idle kiosk does not draw and hardly wakes.
    const std::int64_t deadline =
        view.animating()
            ? now + 16
            : std::max(now + 1, std::min(session.next_deadline_ms(now), view.wake_at_ms()));
    const std::optional<InputEvent> event = source.next(deadline);
    const std::int64_t after = source.now_ms();
    if (event) {
      if (event->type == InputEvent::Type::kQuit) break;
      if (event->type == InputEvent::Type::kExpose) {
        dirty = true;
        view.input(*event, after);  // the window lost its pixels: everything is drawn again
      } else if (session.on_input(after, source.minute_of_day(), router)) {
        view.input(*event, after);
      }
    } else {
      session.on_tick(after, source.minute_of_day(), router);
    }
    if (!(router.current() == shown)) {
      session.route_changed(shown, router.current(), after);
      shown = router.current();
      view.show(shown);
      dirty = true;
    }
  }
  return stats;
}

}  // namespace kiosk::firmware
