// Scrolling with inertia and an edge bounce, integrated in closed form.
//
// Two regimes, each a linear differential equation with an exact solution:
// - between the edges, friction: v' = -k v, so v = v0 e^(-kt) and the fling travels
//   (v0 - stop_velocity) / k before it stops at stop_velocity, at a time known in advance;
// - past an edge (distance y beyond it, u = dy/dt), an overdamped spring pulls back:
//   y'' = -a b y - (a + b) y', whose solution is y = A e^(-at) + B e^(-bt), with a = 1/spring
//   (the slow mode, the one the eye sees returning) and b = 4a (the fast mode, which brakes a
//   fling arriving at the edge). Overdamped, so it never swings back past the edge by itself.
// step() walks from one regime to the other at the exact time the offset reaches an edge (or the
// fling stops), so any step size gives the same trajectory; only the final snap, within 0.5 px
// of an edge, happens at a step boundary.
#include <algorithm>
#include <cmath>
#include <limits>

#include "ui/input/input.h"

namespace kiosk::ui {
namespace {

constexpr double kSnapPx = 0.5;
constexpr double kFastModeRatio = 4.0;  // b / a
constexpr double kNever = std::numeric_limits<double>::infinity();

// [SECTION] The spring past an edge

struct Spring {
  double a;  // 1/s, slow mode
  double b;  // 1/s, fast mode

  // y(t) = A e^(-at) + B e^(-bt) for y(0) = y0, y'(0) = u0.
  struct Modes {
    double A;
    double B;
  };
  [[nodiscard]] Modes modes(double y0, double u0) const {
    return {(b * y0 + u0) / (b - a), -(u0 + a * y0) / (b - a)};
  }
  [[nodiscard]] double position(Modes m, double t) const {
    return m.A * std::exp(-a * t) + m.B * std::exp(-b * t);
  }
  [[nodiscard]] double velocity(Modes m, double t) const {
    return -a * m.A * std::exp(-a * t) - b * m.B * std::exp(-b * t);
  }
  // The farthest point reached from (y0, u0): where the velocity turns, or y0 if moving in.
  [[nodiscard]] double peak(double y0, double u0) const {
    if (u0 <= 0) return y0;
    const double t = std::log((b * u0 + a * b * y0) / (a * u0 + a * b * y0)) / (b - a);
    return position(modes(y0, u0), t);
  }
  // The outward velocity, reduced if need be, that peaks at most `limit` past the edge. The
  // peak grows with u0, so bisection finds it; it runs only for flings faster than the edge
  // can brake within the limit (above ~8000 px/s with the default options).
  [[nodiscard]] double limit_outward(double y0, double u0, double limit) const {
    if (u0 <= 0 || peak(y0, u0) <= limit) return u0;
    if (y0 >= limit) return 0;
    double low = 0;
    double high = u0;
    for (int i = 0; i < 60; ++i) {
      const double mid = (low + high) / 2;
      (peak(y0, mid) <= limit ? low : high) = mid;
    }
    return low;
  }
  // When the offset comes back to the edge with speed to go on inside: y(t) = 0 has a positive
  // root only when the slow mode is negative (moving in faster than the fast mode alone).
  [[nodiscard]] double time_to_edge(Modes m) const {
    if (m.A >= 0 || m.B <= 0) return kNever;
    return std::log(m.B / -m.A) / (b - a);
  }
};

double finite_or(float value, double fallback) {
  return std::isfinite(value) ? double{value} : fallback;
}

}  // namespace

ScrollModel::ScrollModel(ScrollOptions options) : options_(options) {}

float ScrollModel::max_offset() const { return std::max(0.0F, content_ - viewport_); }

bool ScrollModel::animating() const {
  return !held_ && (velocity_ != 0 || offset_ < 0 || offset_ > max_offset());
}

void ScrollModel::set_extent(float content, float viewport) {
  const float old_max = max_offset();
  const bool inside = offset_ >= 0 && offset_ <= old_max;
  content_ = static_cast<float>(std::max(0.0, finite_or(content, 0)));
  viewport_ = static_cast<float>(std::max(0.0, finite_or(viewport, 0)));
  if (inside) offset_ = std::clamp(offset_, 0.0F, max_offset());
}

void ScrollModel::stop() { velocity_ = 0; }

void ScrollModel::jump_to(float offset) {
  held_ = false;
  velocity_ = 0;
  offset_ = std::clamp(static_cast<float>(finite_or(offset, 0)), 0.0F, max_offset());
}

// [SECTION] Dragging, with a rubber band past the edges

// Past an edge the offset follows the finger through g(e) = M (1 - e^(-r e / M)): at first r of
// the finger's movement, never reaching M. Storing only the offset and inverting g to find the
// finger behind it keeps the drag reversible: moving the finger back returns the same offset.
float ScrollModel::resisted(float finger) const {
  const double limit = options_.max_overscroll;
  const double r = options_.overscroll_resistance;
  const auto band = [&](double excess) {
    return limit > 0 && r > 0 ? limit * -std::expm1(-r * excess / limit) : 0.0;
  };
  const float hi = max_offset();
  if (finger > hi) return static_cast<float>(hi + band(double{finger} - hi));
  if (finger < 0) return static_cast<float>(-band(-double{finger}));
  return finger;
}

float ScrollModel::unresisted(float offset) const {
  const double limit = options_.max_overscroll;
  const double r = options_.overscroll_resistance;
  const auto unband = [&](double over) {
    if (limit <= 0 || r <= 0) return 0.0;
    return -(limit / r) * std::log1p(-std::min(over, limit * (1 - 1e-6)) / limit);
  };
  const float hi = max_offset();
  if (offset > hi) return static_cast<float>(hi + unband(double{offset} - hi));
  if (offset < 0) return static_cast<float>(-unband(-double{offset}));
  return offset;
}

void ScrollModel::drag_by(float delta) {
  held_ = true;
  velocity_ = 0;
  if (!std::isfinite(delta)) return;
  offset_ = resisted(unresisted(offset_) - delta);
}

void ScrollModel::release(float velocity) {
  held_ = false;
  // The finger moving down (positive) pulls the content down: the offset decreases.
  velocity_ = static_cast<float>(-finite_or(velocity, 0));
}

// [SECTION] Animation

bool ScrollModel::step(std::int64_t elapsed_ms) {
  if (held_) return false;
  const float before = offset_;
  const double lo = 0;
  const double hi = max_offset();
  const double k = std::max(0.0F, options_.friction_per_second);
  const double stop_speed = std::max(0.0F, options_.stop_velocity);
  const double limit = std::max(0.0F, options_.max_overscroll);
  const double slow = 1000.0 / std::max(1.0F, options_.spring_ms);
  const Spring spring{slow, slow * kFastModeRatio};

  double x = offset_;
  double v = velocity_;
  double remaining = static_cast<double>(std::max<std::int64_t>(0, elapsed_ms)) / 1000;
  // Each pass ends at an event (an edge reached, the fling stopped) or uses up the time; a few
  // passes cover any real step, the cap only guards against a pathological ping-pong.
  for (int pass = 0; pass < 16 && remaining > 0; ++pass) {
    const bool past_hi = x > hi || (x == hi && v > 0);
    const bool past_lo = !past_hi && (x < lo || (x == lo && v < 0));
    if (past_hi || past_lo) {
      // Work in the edge's frame: y >= 0 outward, u outward velocity.
      const double edge = past_hi ? hi : lo;
      const double sign = past_hi ? 1.0 : -1.0;
      double y = (x - edge) * sign;
      double u = v * sign;
      if (limit <= 0 && y <= 0) {  // no overscroll allowed: the edge simply stops the fling
        x = edge;
        v = 0;
        break;
      }
      u = spring.limit_outward(y, u, limit);
      const Spring::Modes modes = spring.modes(y, u);
      const double to_edge = spring.time_to_edge(modes);
      const double dt = std::min(remaining, to_edge);
      if (to_edge <= remaining) {
        y = 0;  // exactly on the edge, carrying on inside with the speed it has there
      } else {
        y = std::clamp(spring.position(modes, dt), 0.0, std::max(limit, y));
      }
      u = spring.velocity(modes, dt);
      x = edge + y * sign;
      v = u * sign;
      remaining -= dt;
      continue;
    }

    const double speed = std::abs(v);
    if (speed <= stop_speed) {
      v = 0;
      break;
    }
    const double direction = v > 0 ? 1.0 : -1.0;
    const double to_wall = v > 0 ? hi - x : x - lo;
    double to_stop = kNever;
    double to_edge = to_wall / speed;
    if (k > 0) {
      to_stop = stop_speed > 0 ? std::log(speed / stop_speed) / k : kNever;
      to_edge = k * to_wall < speed ? -std::log1p(-k * to_wall / speed) / k : kNever;
    }
    const double dt = std::min({remaining, to_stop, to_edge});
    const double travel = k > 0 ? speed * -std::expm1(-k * dt) / k : speed * dt;
    v = direction * speed * std::exp(-k * dt);
    if (dt == to_edge) {
      x = v > 0 ? hi : lo;  // exactly: the next pass starts the bounce from the edge
    } else {
      x = std::clamp(x + direction * travel, lo, hi);
      if (dt == to_stop) v = 0;
    }
    remaining -= dt;
  }

  // Settle: an offset at rest within half a pixel of an edge is put on it.
  const double past = x > hi ? x - hi : (x < lo ? lo - x : 0.0);
  if (past > 0 && past <= kSnapPx && std::abs(v) < std::max(stop_speed, 1.0)) {
    x = x > hi ? hi : lo;
    v = 0;
  }
  if (x >= lo && x <= hi && std::abs(v) <= stop_speed) v = 0;
  offset_ = static_cast<float>(x);
  velocity_ = static_cast<float>(v);
  return offset_ != before || animating();
}

}  // namespace kiosk::ui
