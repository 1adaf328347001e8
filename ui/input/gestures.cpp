// Pointer events to gestures. The rules are listed in input.h; this file keeps them in one
// place so that touch, mouse and scripted runs all classify the same event stream the same way.
#include <algorithm>
#include <cmath>

#include "ui/input/input.h"

namespace kiosk::ui {
namespace {

// The release velocity is fitted over this much of the end of the drag: long enough to
// average out the jitter of 60-120 Hz touch reports, short enough to follow a flick that
// speeds up or stops at the end.
constexpr std::int64_t kVelocityWindowMs = 100;

float length(Point p) { return std::hypot(p.x, p.y); }
Point minus(Point a, Point b) { return {a.x - b.x, a.y - b.y}; }

// Where the segment from `inside` (within `radius` of `centre`) to `outside` (beyond it) crosses
// the circle: the larger root of |inside + t (outside - inside) - centre| = radius in t.
Point slop_crossing(Point centre, float radius, Point inside, Point outside) {
  const Point d = minus(outside, inside);
  const Point f = minus(inside, centre);
  const double a = double{d.x} * d.x + double{d.y} * d.y;
  const double b = 2.0 * (double{f.x} * d.x + double{f.y} * d.y);
  const double c = double{f.x} * f.x + double{f.y} * f.y - double{radius} * radius;
  if (a <= 0) return outside;
  // c <= 0 because `inside` is within the circle, so the discriminant is never negative.
  const double t =
      std::clamp((-b + std::sqrt(std::max(0.0, b * b - 4 * a * c))) / (2 * a), 0.0, 1.0);
  return {static_cast<float>(inside.x + t * d.x), static_cast<float>(inside.y + t * d.y)};
}

}  // namespace

GestureRecognizer::GestureRecognizer(GestureOptions options) : options_(options) {}

bool GestureRecognizer::pointer_down() const { return down_; }

std::optional<std::int64_t> GestureRecognizer::next_tick_ms() const {
  if (!down_ || dragging_ || long_pressed_) return std::nullopt;
  return down_time_ + options_.long_press_ms;
}

void GestureRecognizer::cancel() { reset(); }

void GestureRecognizer::reset() {
  down_ = false;
  dragging_ = false;
  long_pressed_ = false;
  recent_.clear();
}

// [SECTION] Events

std::vector<Gesture> GestureRecognizer::feed(const PointerEvent& event) {
  std::vector<Gesture> out;
  // A late timestamp (events from two sources merged) must not make time run backwards.
  const std::int64_t time = down_ ? std::max(event.time_ms, last_time_) : event.time_ms;
  switch (event.type) {
    case PointerEvent::Type::kDown:
      if (down_ && dragging_) {
        // The up was lost: end the drag so that whoever scrolls is not left holding it, but
        // without a fling, since nothing says the finger was moving when it left.
        out.push_back({Gesture::Type::kDragEnd, last_, start_, {}, {}, last_time_});
      }
      reset();
      down_ = true;
      start_ = last_ = last_drag_ = event.at;
      down_time_ = last_time_ = time;
      recent_.push_back({event.at, time});
      break;
    case PointerEvent::Type::kMove:
      if (!down_) break;
      check_long_press(time, out);
      move_to(event.at, time, out);
      break;
    case PointerEvent::Type::kUp:
      if (!down_) break;
      check_long_press(time, out);
      move_to(event.at, time, out);
      if (dragging_) {
        out.push_back({Gesture::Type::kDragEnd, last_, start_, {}, release_velocity(time), time});
      } else if (!long_pressed_) {
        out.push_back({Gesture::Type::kTap, last_, start_, {}, {}, time});
      }
      reset();
      break;
  }
  return out;
}

std::vector<Gesture> GestureRecognizer::tick(std::int64_t now_ms) {
  std::vector<Gesture> out;
  if (down_ && now_ms >= last_time_) {
    check_long_press(now_ms, out);
    last_time_ = now_ms;
  }
  return out;
}

void GestureRecognizer::check_long_press(std::int64_t now_ms, std::vector<Gesture>& out) {
  if (!down_ || dragging_ || long_pressed_) return;
  if (now_ms - down_time_ < options_.long_press_ms) return;
  long_pressed_ = true;
  out.push_back({Gesture::Type::kLongPress, last_, start_, {}, {}, now_ms});
}

void GestureRecognizer::move_to(Point at, std::int64_t time_ms, std::vector<Gesture>& out) {
  recent_.push_back({at, time_ms});
  // Keep the window plus one older sample: a release after a pause still has two samples.
  const std::int64_t window_start = time_ms - kVelocityWindowMs;
  const auto first_needed = std::find_if(recent_.begin(), recent_.end(), [&](const Sample& sample) {
    return sample.time_ms >= window_start;
  });
  if (first_needed - recent_.begin() > 1) recent_.erase(recent_.begin(), first_needed - 1);

  if (!dragging_) {
    if (length(minus(at, start_)) <= options_.slop_px) {
      last_ = at;
      last_time_ = time_ms;
      return;
    }
    // Begin where the path left the slop circle rather than at this sample, so that the drag
    // starts at the same place however far apart the samples are.
    const Point crossing = slop_crossing(start_, options_.slop_px, last_, at);
    dragging_ = true;
    out.push_back(
        {Gesture::Type::kDragBegin, crossing, start_, minus(crossing, start_), {}, time_ms});
    last_drag_ = crossing;
  }
  const Point delta = minus(at, last_drag_);
  if (delta.x != 0 || delta.y != 0) {
    out.push_back({Gesture::Type::kDrag, at, start_, delta, {}, time_ms});
    last_drag_ = at;
  }
  last_ = at;
  last_time_ = time_ms;
}

// [SECTION] Release velocity

// Least-squares slope of position over time for the samples of the last kVelocityWindowMs (and
// the one before, when the window holds fewer than two). Robust to one sample (no velocity), to
// samples with equal times (no velocity rather than a division by zero) and to one jittery
// sample, which a first-to-last difference would not be.
Point GestureRecognizer::release_velocity(std::int64_t end_ms) const {
  auto first = std::find_if(recent_.begin(), recent_.end(), [&](const Sample& sample) {
    return sample.time_ms >= end_ms - kVelocityWindowMs;
  });
  // Too little in the window (one sample, or samples all at the release time: the up repeats
  // the last move): reach back to the sample before, however old, which gives the slow average
  // speed of a finger that paused, or zero if it did not move.
  if (first != recent_.begin() &&
      (recent_.end() - first < 2 || first->time_ms == recent_.back().time_ms)) {
    --first;
  }
  const auto count = static_cast<double>(recent_.end() - first);
  if (count < 2) return {};

  double mean_t = 0;
  double mean_x = 0;
  double mean_y = 0;
  for (auto it = first; it != recent_.end(); ++it) {
    mean_t += static_cast<double>(it->time_ms - end_ms);  // relative: no large numbers squared
    mean_x += it->at.x;
    mean_y += it->at.y;
  }
  mean_t /= count;
  mean_x /= count;
  mean_y /= count;
  double stt = 0;
  double stx = 0;
  double sty = 0;
  for (auto it = first; it != recent_.end(); ++it) {
    const double dt = static_cast<double>(it->time_ms - end_ms) - mean_t;
    stt += dt * dt;
    stx += dt * (it->at.x - mean_x);
    sty += dt * (it->at.y - mean_y);
  }
  if (stt <= 0) return {};
  Point velocity{static_cast<float>(stx / stt * 1000), static_cast<float>(sty / stt * 1000)};

  const float speed = length(velocity);
  if (speed < options_.fling_min_velocity) return {};
  if (speed > options_.fling_max_velocity) {
    const float scale = options_.fling_max_velocity / speed;
    velocity = {velocity.x * scale, velocity.y * scale};
  }
  return velocity;
}

}  // namespace kiosk::ui
