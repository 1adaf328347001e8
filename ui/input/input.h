// Input without SDL: pointer events (touch and mouse alike) become gestures (tap, long press,
// drag, fling); physical touch coordinates are mapped through the display rotation; a scroll
// view's inertia and edge bounce. Pure logic, driven by explicit timestamps, so it is tested
// and replayed (scripted runs) without a screen.
//
// A scroll view wires them together like this (all coordinates already in UI space):
//
//   pointer down            -> scroll.stop()            (catches a fling)
//   kDragBegin / kDrag      -> scroll.drag_by(delta.y)  (the finger holds the content)
//   kDragEnd                -> scroll.release(velocity.y)
//   every frame             -> if (scroll.step(ms)) redraw
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace kiosk::ui {

// [SECTION] Rotation

struct Point {
  float x = 0;
  float y = 0;
};

struct UiSize {
  int width = 0;
  int height = 0;
  friend bool operator==(const UiSize&, const UiSize&) = default;
};

// The display shows the UI turned by `rotation_degrees` (0, 90, 180, 270, clockwise) on a panel
// of `panel_width` × `panel_height` pixels: for 90 the UI's top-left corner is at the panel's
// top-right. Angles are taken modulo 360 (-90 is 270); any other angle is treated as 0, so the
// caller validates the setting.
//
// Coordinates are continuous, not pixel indices: the panel spans [0, W] × [0, H], pixel (i, j)
// covers [i, i+1) × [j, j+1) and its centre is (i + 0.5, j + 0.5). A point at x maps to W - x
// (not W - 1 - x), so corners map to corners and centres to centres exactly. Touch positions
// (SDL's normalised 0..1 times the panel size) are continuous already; integer mouse positions
// should have 0.5 added to name the pixel's centre.
//
// The UI's size: the panel's, swapped for 90 and 270.
UiSize ui_size(int panel_width, int panel_height, int rotation_degrees);
// Maps a point on the panel (as the touch controller or the mouse reports it) to the UI's own
// coordinates.
Point panel_to_ui(Point panel, int panel_width, int panel_height, int rotation_degrees);
// The inverse, for drawing: where a UI point lands on the panel.
Point ui_to_panel(Point ui, int panel_width, int panel_height, int rotation_degrees);

// [SECTION] Gestures

struct PointerEvent {
  enum class Type { kDown, kMove, kUp };
  Type type = Type::kDown;
  Point at;  // UI coordinates
  std::int64_t time_ms = 0;
};

struct Gesture {
  enum class Type {
    kTap,        // down and up without moving beyond the slop, before the long-press time
    kLongPress,  // held still for the long-press time (reported while still down)
    kDragBegin,  // moved beyond the slop; `at` is where the path crossed it, `delta` = at - start
    kDrag,       // further movement; `delta` since the previous drag gesture
    kDragEnd,    // released after dragging; `velocity` in px/s (a fling when non-zero)
  };
  Type type = Type::kTap;
  Point at;        // current position
  Point start;     // where the pointer went down
  Point delta;     // kDragBegin, kDrag (see above); zero otherwise
  Point velocity;  // kDragEnd: px/s over the last ~100 ms; zero below fling_min_velocity
  std::int64_t time_ms = 0;
};

struct GestureOptions {
  float slop_px = 16;  // movement that still counts as a tap (about 2 mm)
  int long_press_ms = 600;
  float fling_min_velocity = 300;   // px/s: slower releases just stop
  float fling_max_velocity = 8000;  // px/s: a faster estimate (a glitchy sample) is scaled down
};

// One pointer at a time (the caller passes the first finger's events only). Rules:
// - a drag begins when the pointer moves farther than the slop from where it went down; the
//   kDragBegin and kDrag deltas of one drag add up to exactly the pointer's total movement;
// - a long press fires once, when the pointer has stayed within the slop for long_press_ms. It
//   is checked at tick() and at every event before the event's own position is applied (an
//   event at time t means nothing happened in between), so the outcome does not depend on how
//   often tick() is called: an up after long_press_ms is a long press, never a tap. A drag may
//   still follow a long press (a visitor who rests a finger on the text and then scrolls must
//   scroll); the release after a long press is never a tap;
// - a move or up without a down is ignored (mouse motion with no button held); a down while
//   already down restarts (the up was lost): an ongoing drag is ended with zero velocity first;
// - times never run backwards: an earlier timestamp is taken as the latest one seen.
class GestureRecognizer {
 public:
  explicit GestureRecognizer(GestureOptions options = {});
  // Feeds one pointer event; returns the gestures it completes (zero or more).
  std::vector<Gesture> feed(const PointerEvent& event);
  // Lets time pass without events (long press fires from here).
  std::vector<Gesture> tick(std::int64_t now_ms);
  void cancel();  // e.g. when the screen changes under the finger; reports nothing
  [[nodiscard]] bool pointer_down() const;
  // When tick() next has something to report (the long-press time) while the pointer is down
  // and still; nullopt otherwise. An event loop that sleeps while idle wakes up for this.
  [[nodiscard]] std::optional<std::int64_t> next_tick_ms() const;

 private:
  struct Sample {
    Point at;
    std::int64_t time_ms;
  };
  void check_long_press(std::int64_t now_ms, std::vector<Gesture>& out);
  void move_to(Point at, std::int64_t time_ms, std::vector<Gesture>& out);
  [[nodiscard]] Point release_velocity(std::int64_t end_ms) const;
  void reset();

  GestureOptions options_;
  bool down_ = false;
  bool dragging_ = false;
  bool long_pressed_ = false;
  Point start_;
  Point last_;       // the latest position
  Point last_drag_;  // where the previous drag gesture left off
  std::int64_t down_time_ = 0;
  std::int64_t last_time_ = 0;  // the latest event or tick time (monotonic)
  std::vector<Sample> recent_;  // for the release velocity
};

// [SECTION] Scrolling with inertia and an edge bounce

struct ScrollOptions {
  float friction_per_second = 3.0F;    // velocity decays as exp(-friction * t): travels v/friction
  float stop_velocity = 20;            // px/s: below this the fling stops
  float overscroll_resistance = 0.5F;  // a drag past the edge moves this much of the finger at
                                       // first, less and less towards max_overscroll
  float max_overscroll = 160;          // px, never exceeded, by a drag or a bounce
  // Time constant of the spring back from past the edge. The spring is overdamped, its fast
  // mode a quarter of this, which sets how hard the edge brakes a fling: the overshoot is
  // about entry velocity × 0.16 × spring_ms (57 px for 3000 px/s at 120 ms).
  float spring_ms = 120;
};

// The offset is how far the content is scrolled: 0 shows its top, max_offset() its bottom.
// Between the edges a released fling coasts with exponential friction; past an edge (by a
// drag, or a fling reaching it) a spring pulls the offset back, and a fling arriving at an
// edge overshoots a little and comes back. Everything is integrated in closed form, so the
// result does not depend on the step sizes.
class ScrollModel {
 public:
  explicit ScrollModel(ScrollOptions options = {});
  // Content longer than the viewport scrolls from 0 to content - viewport. An offset inside the
  // old range is clamped into the new one; one past an edge springs back from where it is.
  void set_extent(float content, float viewport);
  // Finger moved by delta (positive: down, the content follows it, the offset decreases). Holds
  // the content (no animation) until release().
  void drag_by(float delta);
  void release(float velocity);  // finger lifted with velocity (px/s, as drag_by); may be 0
  // Touch down: catches a fling where it is. Does not hold: past an edge it still springs back.
  void stop();
  void jump_to(float offset);  // keyboard: page up/down, clamped, immediate
  // Advances the animation. Returns true when the offset changed (redraw) or is still moving;
  // false once it has settled exactly on a valid offset (and while held by a drag).
  bool step(std::int64_t elapsed_ms);
  [[nodiscard]] float offset() const { return offset_; }
  [[nodiscard]] float max_offset() const;
  [[nodiscard]] bool animating() const;

 private:
  [[nodiscard]] float unresisted(float offset) const;  // the finger position behind an offset
  [[nodiscard]] float resisted(float finger) const;    // and back

  ScrollOptions options_;
  float content_ = 0;
  float viewport_ = 0;
  float offset_ = 0;
  float velocity_ = 0;  // px/s, in offset units
  bool held_ = false;
};

}  // namespace kiosk::ui
