// The device runtime's loop, without drawing: routing between screens, the visitor session
// (idle timeout, opening hours, statistics) and the event loop that feeds input to the view
// and asks it to draw only when something changed. The view (ui/kiosk) implements KioskView;
// events come from an EventSource (SDL on the device, a script in tests and demos).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "firmware/config/config.h"
#include "firmware/script/script.h"

namespace kiosk::firmware {

class StatsStore;

// [SECTION] Routing

enum class ScreenId {
  kAttract,
  kHome,
  kContents,
  kReader,
  kQuiz,
  kQuizResult,
  kSearch,  // pinyin search and topic chips
  kError,
  kDark,
  kRefresh,  // a USB refresh's progress and result (staff)
  kPin,      // the admin PIN pad
  kAdmin     // the admin screen
};
// "attract", "home", "contents", "reader", "quiz", "quiz-result", "search", "error", "dark",
// "refresh", "pin", "admin"
// The staff's screens: not a visit, and the idle timeout still ends them.
bool is_staff_screen(ScreenId id);
const char* to_string(ScreenId id);

struct Route {
  ScreenId screen = ScreenId::kAttract;
  std::string document;   // slug, for contents and reader
  int section = 0;        // reader: index of the section in reading order; -1: the longest
  std::string highlight;  // reader: words to mark (a quiz question's quote, a search's words)
  friend bool operator==(const Route&, const Route&) = default;
};

class Router {
 public:
  [[nodiscard]] const Route& current() const { return stack_.back(); }
  void go(Route route);       // forward (pushes)
  void replace(Route route);  // sideways (previous/next section)
  bool back();                // false at the root
  void reset(Route route);    // forget the history (idle timeout, errors)
  [[nodiscard]] std::size_t depth() const { return stack_.size(); }

 private:
  std::vector<Route> stack_{Route{}};
};

// [SECTION] Input and the view

struct InputEvent {
  enum class Type { kPointerDown, kPointerMove, kPointerUp, kKey, kQuit, kExpose, kOpenLongest };
  Type type = Type::kExpose;
  float x = 0;  // pointer: UI coordinates (after rotation)
  float y = 0;
  std::string
      key;  // kKey: left, right, up, down, pageup, pagedown, escape, home; kOpenLongest: slug
};

class KioskView {
 public:
  virtual ~KioskView() = default;
  // The route changed (or the content did): rebuild what is shown.
  virtual void show(const Route& route) = 0;
  virtual void input(const InputEvent& event, std::int64_t now_ms) = 0;
  // Advances animations to now; returns true when the screen must be redrawn.
  virtual bool tick(std::int64_t now_ms) = 0;
  // Draws the current frame (only called after tick or input asked for it).
  virtual void draw() = 0;
  // True while an animation runs: the loop keeps ticking at frame rate instead of sleeping.
  [[nodiscard]] virtual bool animating() const = 0;
  // When the view next wants a tick while not animating (a slide change, a long press), on the
  // kiosk clock; the loop sleeps until then at most.
  [[nodiscard]] virtual std::int64_t wake_at_ms() const = 0;
  virtual bool save_screenshot(const std::string& path) = 0;
  // Writes the last drawn frame's layout as JSON (targets and texts with their rectangles, in
  // UI pixels), for tests that check sizes, overlaps and cut words. False when it cannot.
  virtual bool dump_layout(const std::string& path) = 0;
  // The middle of the visible part of the touch target `id` on the current screen, if shown.
  [[nodiscard]] virtual std::optional<std::pair<float, float>> target_center(
      const std::string& id) {
    (void)id;
    return std::nullopt;
  }
  [[nodiscard]] virtual std::string screen_name() const = 0;  // attract, home, contents, ...
  // True when the view asks the loop to end (the admin screen's restart).
  [[nodiscard]] virtual bool wants_quit() const { return false; }
  // The idle warning: the whole seconds left before the visit ends, or nullopt when none shows.
  // Called before every tick; a view that shows the warning redraws when the value changes.
  virtual void idle_warning(std::optional<int> seconds_left) { (void)seconds_left; }
};

// [SECTION] The visitor session

// Nothing of the last visitor may be left: after `idle_timeout` without input the router goes
// back to the attract loop and the visit ends. The visitor is warned first: for the last
// `warning_ms()` of a visit (15 s of the default 90) the view shows a countdown, and the touch
// that ends the warning does nothing else. Outside opening hours the screen is dark and the first
// touch only wakes it.
class VisitorSession {
 public:
  VisitorSession(const Config& config, StatsStore* stats);
  // Call on every input; returns false when the input only woke a dark screen or ended the idle
  // warning (swallow it).
  bool on_input(std::int64_t now_ms, int minute_of_day, Router& router);
  // Call regularly; returns true when the route changed (idle timeout, closing time).
  bool on_tick(std::int64_t now_ms, int minute_of_day, Router& router);
  // When the next on_tick could change something (or the warning's countdown), for the loop.
  [[nodiscard]] std::int64_t next_deadline_ms(std::int64_t now_ms) const;
  // The whole seconds left before the idle reset while the warning shows, else nullopt.
  [[nodiscard]] std::optional<int> idle_warning_seconds(std::int64_t now_ms) const;
  // How long before the reset the warning shows: 15 s, or a third of a shorter timeout.
  [[nodiscard]] std::int64_t warning_ms() const;
  void route_changed(const Route& previous, const Route& next, std::int64_t now_ms);

 private:
  Config config_;
  StatsStore* stats_;
  std::int64_t last_input_ms_ = 0;
  bool in_visit_ = false;
  bool dark_ = false;
  std::int64_t section_since_ms_ = 0;
};

// [SECTION] Clocks and event sources

class EventSource {
 public:
  virtual ~EventSource() = default;
  // Waits for the next event until `deadline_ms` (kiosk clock); nullopt when it passed without
  // one. `busy` asks for a quick return (an animation wants the next frame).
  virtual std::optional<InputEvent> next(std::int64_t deadline_ms) = 0;
  [[nodiscard]] virtual std::int64_t now_ms() const = 0;
  [[nodiscard]] virtual int minute_of_day() const = 0;
};

// Plays a script with simulated time: reproducible to the pixel. Screenshots and
// expect-screen are carried out through the callbacks; a failed expectation ends the run.
class ScriptEventSource : public EventSource {
 public:
  struct Hooks {
    std::function<bool(const std::string& path)> screenshot;
    std::function<bool(const std::string& path)> dump_layout;
    std::function<std::optional<std::pair<float, float>>(const std::string& id)> target_center;
    std::function<std::string()> screen_name;
    std::function<void()> settle;  // draw pending changes before a screenshot or check
  };
  ScriptEventSource(std::vector<ScriptCommand> commands, std::string file, Hooks hooks);
  std::optional<InputEvent> next(std::int64_t deadline_ms) override;
  [[nodiscard]] std::int64_t now_ms() const override { return now_ms_; }
  [[nodiscard]] int minute_of_day() const override { return 12 * 60; }
  [[nodiscard]] bool failed() const { return !failure_.empty(); }
  [[nodiscard]] const std::string& failure() const { return failure_; }

 private:
  void expand(const ScriptCommand& command);
  std::vector<ScriptCommand> commands_;
  std::string file_;
  Hooks hooks_;
  std::size_t next_command_ = 0;
  struct Timed {
    std::int64_t at_ms;
    InputEvent event;
  };
  std::vector<Timed> pending_;
  std::pair<float, float> pressed_at_{0, 0};  // where `press` put the finger, for `lift`
  std::int64_t now_ms_ = 0;
  std::string failure_;
  bool quit_ = false;
};

struct LoopStats {
  std::int64_t frames = 0;
  std::vector<double> frame_ms;           // draw time of each frame
  std::vector<std::int64_t> frame_at_ms;  // the kiosk clock when it was drawn
};

// Runs until the source says quit. Draws only when the view says something changed.
LoopStats run_loop(EventSource& source, KioskView& view, Router& router, VisitorSession& session,
                   const std::function<void(double draw_ms)>& on_frame = {});

}  // namespace kiosk::firmware
