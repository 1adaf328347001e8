// Input: touch coordinates through the display rotation, gestures from pointer events, and the
// scroll model's inertia and edge bounce. Everything runs on explicit times, without a screen.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "ui/input/input.h"

namespace kiosk::ui {
namespace {

// [SECTION] Rotation

constexpr int kPanelWidth = 1920;
constexpr int kPanelHeight = 1080;
constexpr float kW = kPanelWidth;
constexpr float kH = kPanelHeight;

void expect_point(Point actual, Point expected, const std::string& what) {
  EXPECT_FLOAT_EQ(actual.x, expected.x) << what;
  EXPECT_FLOAT_EQ(actual.y, expected.y) << what;
}

struct RotationCase {
  int degrees;
  // Where the UI's top-left, top-right, bottom-right and bottom-left corners land on the panel.
  Point corners[4];
};

TEST(Rotation, CornersAndCentreLandWhereTheTurnPutsThem) {
  const RotationCase cases[] = {
      {0, {{0, 0}, {kW, 0}, {kW, kH}, {0, kH}}},
      {90, {{kW, 0}, {kW, kH}, {0, kH}, {0, 0}}},  // the UI's top-left at the panel's top-right
      {180, {{kW, kH}, {0, kH}, {0, 0}, {kW, 0}}},
      {270, {{0, kH}, {0, 0}, {kW, 0}, {kW, kH}}},
  };
  for (const RotationCase& c : cases) {
    const UiSize ui = ui_size(kPanelWidth, kPanelHeight, c.degrees);
    const auto uw = static_cast<float>(ui.width);
    const auto uh = static_cast<float>(ui.height);
    const Point ui_corners[4] = {{0, 0}, {uw, 0}, {uw, uh}, {0, uh}};
    for (int i = 0; i < 4; ++i) {
      const std::string what = std::to_string(c.degrees) + "° corner " + std::to_string(i);
      expect_point(ui_to_panel(ui_corners[i], kPanelWidth, kPanelHeight, c.degrees), c.corners[i],
                   what);
      expect_point(panel_to_ui(c.corners[i], kPanelWidth, kPanelHeight, c.degrees), ui_corners[i],
                   what);
    }
    expect_point(ui_to_panel({uw / 2, uh / 2}, kPanelWidth, kPanelHeight, c.degrees),
                 {kW / 2, kH / 2}, std::to_string(c.degrees) + "° centre");
    expect_point(panel_to_ui({kW / 2, kH / 2}, kPanelWidth, kPanelHeight, c.degrees),
                 {uw / 2, uh / 2}, std::to_string(c.degrees) + "° centre");
  }
}

TEST(Rotation, UiSizeIsThePanelsSwappedForQuarterTurns) {
  EXPECT_EQ(ui_size(kPanelWidth, kPanelHeight, 0), (UiSize{1920, 1080}));
  EXPECT_EQ(ui_size(kPanelWidth, kPanelHeight, 90), (UiSize{1080, 1920}));
  EXPECT_EQ(ui_size(kPanelWidth, kPanelHeight, 180), (UiSize{1920, 1080}));
  EXPECT_EQ(ui_size(kPanelWidth, kPanelHeight, 270), (UiSize{1080, 1920}));
}

TEST(Rotation, MappingsAreInversesEverywhere) {
  for (int degrees : {0, 90, 180, 270}) {
    for (float x = 0; x <= kW; x += 97.5F) {
      for (float y = 0; y <= kH; y += 61.25F) {
        const Point ui = panel_to_ui({x, y}, kPanelWidth, kPanelHeight, degrees);
        const UiSize size = ui_size(kPanelWidth, kPanelHeight, degrees);
        EXPECT_GE(ui.x, 0);
        EXPECT_LE(ui.x, static_cast<float>(size.width));
        EXPECT_GE(ui.y, 0);
        EXPECT_LE(ui.y, static_cast<float>(size.height));
        expect_point(ui_to_panel(ui, kPanelWidth, kPanelHeight, degrees), {x, y},
                     std::to_string(degrees) + "° round trip");
      }
    }
  }
}

TEST(Rotation, ATouchNearThePanelsTopRightIsNearTheUisTopLeftAt90) {
  // The pixel one in from the panel's top-right corner, by its centre.
  const Point ui = panel_to_ui({kW - 1.5F, 0.5F}, kPanelWidth, kPanelHeight, 90);
  expect_point(ui, {0.5F, 1.5F}, "90°");
}

TEST(Rotation, AnglesAreTakenModulo360AndOthersAsNoTurn) {
  const Point p{100, 200};
  expect_point(panel_to_ui(p, kPanelWidth, kPanelHeight, -90),
               panel_to_ui(p, kPanelWidth, kPanelHeight, 270), "-90");
  expect_point(panel_to_ui(p, kPanelWidth, kPanelHeight, 450),
               panel_to_ui(p, kPanelWidth, kPanelHeight, 90), "450");
  expect_point(panel_to_ui(p, kPanelWidth, kPanelHeight, 45), p, "45");
  EXPECT_EQ(ui_size(kPanelWidth, kPanelHeight, 45), (UiSize{1920, 1080}));
}

// [SECTION] Gestures

using Type = Gesture::Type;
using Ev = PointerEvent::Type;

std::vector<Gesture> feed(GestureRecognizer& recognizer, Ev type, float x, float y,
                          std::int64_t t) {
  return recognizer.feed({type, {x, y}, t});
}

std::vector<Type> types(const std::vector<Gesture>& gestures) {
  std::vector<Type> result;
  for (const Gesture& g : gestures) result.push_back(g.type);
  return result;
}

TEST(Gestures, DownAndUpWithinTheSlopIsATap) {
  GestureRecognizer recognizer;
  EXPECT_TRUE(feed(recognizer, Ev::kDown, 100, 100, 0).empty());
  EXPECT_TRUE(recognizer.pointer_down());
  EXPECT_TRUE(feed(recognizer, Ev::kMove, 110, 105, 30).empty());
  const auto up = feed(recognizer, Ev::kUp, 112, 100, 120);
  ASSERT_EQ(types(up), std::vector<Type>{Type::kTap});
  expect_point(up[0].at, {112, 100}, "tap at");
  expect_point(up[0].start, {100, 100}, "tap start");
  EXPECT_EQ(up[0].time_ms, 120);
  EXPECT_FALSE(recognizer.pointer_down());
}

TEST(Gestures, TheSlopIsTheBoundaryBetweenTapAndDrag) {
  const GestureOptions options;  // slop 16
  {
    GestureRecognizer recognizer(options);
    feed(recognizer, Ev::kDown, 0, 0, 0);
    EXPECT_TRUE(feed(recognizer, Ev::kMove, options.slop_px, 0, 20).empty());
    EXPECT_EQ(types(feed(recognizer, Ev::kUp, options.slop_px, 0, 40)),
              std::vector<Type>{Type::kTap});
  }
  {
    GestureRecognizer recognizer(options);
    feed(recognizer, Ev::kDown, 0, 0, 0);
    EXPECT_EQ(types(feed(recognizer, Ev::kMove, options.slop_px + 0.5F, 0, 20)),
              (std::vector<Type>{Type::kDragBegin, Type::kDrag}));
    EXPECT_EQ(types(feed(recognizer, Ev::kUp, options.slop_px + 0.5F, 0, 40)),
              std::vector<Type>{Type::kDragEnd});
  }
  {
    // An up far from the down with no move in between is still a drag, not a tap.
    GestureRecognizer recognizer(options);
    feed(recognizer, Ev::kDown, 0, 0, 0);
    EXPECT_EQ(types(feed(recognizer, Ev::kUp, 0, 200, 50)),
              (std::vector<Type>{Type::kDragBegin, Type::kDrag, Type::kDragEnd}));
  }
}

TEST(Gestures, TheLongPressTimeIsTheBoundaryBetweenTapAndLongPress) {
  const GestureOptions options;  // 600 ms
  {
    GestureRecognizer recognizer(options);
    feed(recognizer, Ev::kDown, 50, 50, 1000);
    EXPECT_EQ(types(feed(recognizer, Ev::kUp, 50, 50, 1000 + options.long_press_ms - 1)),
              std::vector<Type>{Type::kTap});
  }
  {
    // No tick in between: the up itself shows the finger was held long enough.
    GestureRecognizer recognizer(options);
    feed(recognizer, Ev::kDown, 50, 50, 1000);
    EXPECT_EQ(types(feed(recognizer, Ev::kUp, 50, 50, 1000 + options.long_press_ms)),
              std::vector<Type>{Type::kLongPress});
  }
}

TEST(Gestures, LongPressFiresOnceFromTickWhileHeld) {
  GestureRecognizer recognizer;
  feed(recognizer, Ev::kDown, 50, 50, 0);
  EXPECT_EQ(recognizer.next_tick_ms(), 600);
  EXPECT_TRUE(recognizer.tick(599).empty());
  const auto fired = recognizer.tick(600);
  ASSERT_EQ(types(fired), std::vector<Type>{Type::kLongPress});
  expect_point(fired[0].at, {50, 50}, "long press at");
  EXPECT_EQ(fired[0].time_ms, 600);
  EXPECT_EQ(recognizer.next_tick_ms(), std::nullopt);
  EXPECT_TRUE(recognizer.tick(700).empty());
  EXPECT_TRUE(feed(recognizer, Ev::kMove, 55, 50, 800).empty());
  EXPECT_TRUE(feed(recognizer, Ev::kUp, 55, 50, 900).empty()) << "no tap after a long press";
}

TEST(Gestures, LongPressFiresFromAMoveWithinTheSlop) {
  GestureRecognizer recognizer;
  feed(recognizer, Ev::kDown, 50, 50, 0);
  EXPECT_TRUE(feed(recognizer, Ev::kMove, 58, 50, 300).empty());
  EXPECT_EQ(types(feed(recognizer, Ev::kMove, 60, 52, 650)), std::vector<Type>{Type::kLongPress});
  EXPECT_TRUE(feed(recognizer, Ev::kMove, 58, 50, 700).empty());
}

TEST(Gestures, NoLongPressOnceDragging) {
  GestureRecognizer recognizer;
  feed(recognizer, Ev::kDown, 0, 0, 0);
  feed(recognizer, Ev::kMove, 0, 100, 50);
  EXPECT_EQ(recognizer.next_tick_ms(), std::nullopt);
  EXPECT_TRUE(recognizer.tick(2000).empty());
  EXPECT_EQ(types(feed(recognizer, Ev::kUp, 0, 100, 2100)), std::vector<Type>{Type::kDragEnd});
}

TEST(Gestures, ADragMayFollowALongPress) {
  GestureRecognizer recognizer;
  feed(recognizer, Ev::kDown, 0, 0, 0);
  EXPECT_EQ(types(recognizer.tick(700)), std::vector<Type>{Type::kLongPress});
  EXPECT_EQ(types(feed(recognizer, Ev::kMove, 0, 40, 750)),
            (std::vector<Type>{Type::kDragBegin, Type::kDrag}));
  EXPECT_EQ(types(feed(recognizer, Ev::kUp, 0, 40, 800)), std::vector<Type>{Type::kDragEnd});
}

TEST(Gestures, DragBeginsWhereThePathCrossesTheSlop) {
  GestureRecognizer recognizer;
  feed(recognizer, Ev::kDown, 100, 100, 0);
  EXPECT_TRUE(feed(recognizer, Ev::kMove, 100, 110, 10).empty());
  const auto moved = feed(recognizer, Ev::kMove, 100, 140, 20);
  ASSERT_EQ(types(moved), (std::vector<Type>{Type::kDragBegin, Type::kDrag}));
  expect_point(moved[0].at, {100, 116}, "begin at the crossing");
  expect_point(moved[0].delta, {0, 16}, "begin delta from start");
  expect_point(moved[1].at, {100, 140}, "drag at");
  expect_point(moved[1].delta, {0, 24}, "drag delta since the crossing");

  // Diagonally, straight from the start: the crossing is on the line, 16 px out.
  GestureRecognizer diagonal;
  feed(diagonal, Ev::kDown, 0, 0, 0);
  const auto jumped = feed(diagonal, Ev::kMove, 30, 40, 10);
  ASSERT_EQ(types(jumped), (std::vector<Type>{Type::kDragBegin, Type::kDrag}));
  EXPECT_NEAR(jumped[0].at.x, 9.6F, 1e-4);
  EXPECT_NEAR(jumped[0].at.y, 12.8F, 1e-4);
}

TEST(Gestures, DragDeltasAddUpToTheTotalMovement) {
  GestureRecognizer recognizer;
  feed(recognizer, Ev::kDown, 500, 500, 0);
  Point sum;
  int drags = 0;
  for (int i = 1; i <= 40; ++i) {
    const float x = 500 + 3.0F * static_cast<float>(i);
    const float y = 500 - 7.5F * static_cast<float>(i) + static_cast<float>(i % 3);
    for (const Gesture& g : feed(recognizer, Ev::kMove, x, y, i * 8)) {
      sum.x += g.delta.x;
      sum.y += g.delta.y;
      EXPECT_TRUE(g.type == Type::kDragBegin || g.type == Type::kDrag);
      expect_point(g.start, {500, 500}, "start");
      ++drags;
    }
  }
  const auto end = feed(recognizer, Ev::kUp, 620, 200, 330);
  ASSERT_FALSE(end.empty());
  for (const Gesture& g : end) {
    sum.x += g.delta.x;
    sum.y += g.delta.y;
  }
  EXPECT_EQ(end.back().type, Type::kDragEnd);
  EXPECT_GT(drags, 30);
  EXPECT_NEAR(sum.x, 120, 1e-3);
  EXPECT_NEAR(sum.y, -300, 1e-3);
}

TEST(Gestures, MovesAndUpsWithoutADownAreIgnored) {
  GestureRecognizer recognizer;
  EXPECT_TRUE(feed(recognizer, Ev::kMove, 10, 10, 0).empty());
  EXPECT_TRUE(feed(recognizer, Ev::kMove, 400, 10, 10).empty());
  EXPECT_TRUE(feed(recognizer, Ev::kUp, 400, 10, 20).empty());
  EXPECT_TRUE(recognizer.tick(5000).empty());
  EXPECT_FALSE(recognizer.pointer_down());
  // And the next real press works as usual.
  feed(recognizer, Ev::kDown, 400, 10, 6000);
  EXPECT_EQ(types(feed(recognizer, Ev::kUp, 400, 10, 6050)), std::vector<Type>{Type::kTap});
}

TEST(Gestures, ASecondDownRestarts) {
  GestureRecognizer recognizer;
  feed(recognizer, Ev::kDown, 0, 0, 0);
  feed(recognizer, Ev::kMove, 0, 100, 20);
  feed(recognizer, Ev::kMove, 0, 200, 40);
  // The up was lost: the drag ends without a fling, and the new press starts afresh.
  const auto restarted = feed(recognizer, Ev::kDown, 300, 300, 60);
  ASSERT_EQ(types(restarted), std::vector<Type>{Type::kDragEnd});
  expect_point(restarted[0].velocity, {0, 0}, "no fling from a lost up");
  const auto up = feed(recognizer, Ev::kUp, 302, 300, 100);
  ASSERT_EQ(types(up), std::vector<Type>{Type::kTap});
  expect_point(up[0].start, {300, 300}, "new start");

  // Without a drag there is nothing to end: the second down just moves the start.
  GestureRecognizer still;
  feed(still, Ev::kDown, 0, 0, 0);
  EXPECT_TRUE(feed(still, Ev::kDown, 500, 0, 500).empty());
  EXPECT_TRUE(still.tick(1000).empty()) << "the long-press clock restarted at the second down";
  EXPECT_EQ(types(still.tick(1100)), std::vector<Type>{Type::kLongPress});
}

TEST(Gestures, CancelForgetsThePress) {
  GestureRecognizer recognizer;
  feed(recognizer, Ev::kDown, 0, 0, 0);
  feed(recognizer, Ev::kMove, 0, 100, 20);
  recognizer.cancel();
  EXPECT_FALSE(recognizer.pointer_down());
  EXPECT_TRUE(feed(recognizer, Ev::kMove, 0, 200, 40).empty());
  EXPECT_TRUE(feed(recognizer, Ev::kUp, 0, 200, 60).empty());
}

TEST(Gestures, TimeDoesNotRunBackwards) {
  GestureRecognizer recognizer;
  feed(recognizer, Ev::kDown, 0, 0, 1000);
  // A stale timestamp is taken as the latest one: not a long press from a negative duration,
  // not a division by zero in the velocity.
  feed(recognizer, Ev::kMove, 0, 100, 1010);
  feed(recognizer, Ev::kMove, 0, 200, 900);
  const auto end = feed(recognizer, Ev::kUp, 0, 200, 1020);
  ASSERT_EQ(types(end), std::vector<Type>{Type::kDragEnd});
  EXPECT_TRUE(std::isfinite(end[0].velocity.y));
}

// [SECTION] Release velocity

// A steady drag at (vx, vy) px/s sampled every `period_ms`, with a deterministic ±jitter_px
// wobble on each sample (a finger is not a plotter). Returns the velocity at the release.
Point steady_drag(float vx, float vy, int period_ms, float jitter_px, int duration_ms) {
  GestureRecognizer recognizer;
  feed(recognizer, Ev::kDown, 500, 500, 0);
  Point at{500, 500};
  std::int64_t t = 0;
  for (int i = 1; t + period_ms <= duration_ms; ++i) {
    t = static_cast<std::int64_t>(i) * period_ms;
    const float wobble = jitter_px * static_cast<float>((i * 7) % 5 - 2) / 2;  // -1..1 × jitter
    at = {500 + vx * static_cast<float>(t) / 1000 + wobble,
          500 + vy * static_cast<float>(t) / 1000 - wobble};
    feed(recognizer, Ev::kMove, at.x, at.y, t);
  }
  const auto end = feed(recognizer, Ev::kUp, at.x, at.y, t);
  EXPECT_EQ(end.back().type, Type::kDragEnd);
  return end.back().velocity;
}

TEST(Gestures, ReleaseVelocityOfASteadyDragIsWithinTenPercent) {
  struct Case {
    float vx, vy;
    int period_ms;
    float jitter;
  };
  for (const Case& c : {Case{0, -3000, 8, 0}, Case{1500, -800, 8, 1.5F}, Case{0, 2000, 16, 2},
                        Case{-600, 0, 11, 1}, Case{4000, 4000, 7, 3}}) {
    const Point v = steady_drag(c.vx, c.vy, c.period_ms, c.jitter, 400);
    EXPECT_NEAR(v.x, c.vx, 0.1 * std::hypot(c.vx, c.vy)) << c.vx << "," << c.vy;
    EXPECT_NEAR(v.y, c.vy, 0.1 * std::hypot(c.vx, c.vy)) << c.vx << "," << c.vy;
  }
}

TEST(Gestures, ReleaseVelocityFollowsTheLastHundredMilliseconds) {
  GestureRecognizer recognizer;
  feed(recognizer, Ev::kDown, 0, 0, 0);
  float y = 0;
  std::int64_t t = 0;
  for (; t < 500; t += 10) {  // slow, 200 px/s
    y += 2;
    feed(recognizer, Ev::kMove, 0, y, t + 10);
  }
  for (; t < 600; t += 10) {  // then a flick, 2500 px/s
    y += 25;
    feed(recognizer, Ev::kMove, 0, y, t + 10);
  }
  const auto end = feed(recognizer, Ev::kUp, 0, y, t);
  EXPECT_NEAR(end.back().velocity.y, 2500, 250);
}

TEST(Gestures, APauseBeforeReleaseIsNoFling) {
  GestureRecognizer recognizer;
  feed(recognizer, Ev::kDown, 0, 0, 0);
  for (int i = 1; i <= 20; ++i)
    feed(recognizer, Ev::kMove, 0, 30.0F * static_cast<float>(i), i * 10);
  // Held still for 300 ms (a still finger sends no events), then lifted where it was.
  const auto end = feed(recognizer, Ev::kUp, 0, 600, 500);
  expect_point(end.back().velocity, {0, 0}, "paused");
}

TEST(Gestures, ReleaseVelocityFromASingleSampleInTheWindow) {
  // The last move is the only sample in the window (the up repeats it): the one before is used.
  GestureRecognizer recognizer;
  feed(recognizer, Ev::kDown, 0, 0, 0);
  feed(recognizer, Ev::kMove, 0, 50, 10);
  feed(recognizer, Ev::kMove, 0, 650, 160);
  const auto end = feed(recognizer, Ev::kUp, 0, 650, 160);
  EXPECT_NEAR(end.back().velocity.y, 4000, 1);
}

TEST(Gestures, SlowReleasesDoNotFlingAndWildOnesAreCapped) {
  const GestureOptions options;
  const Point slow = steady_drag(0, 150, 10, 0, 400);
  expect_point(slow, {0, 0}, "slow");
  const Point wild = steady_drag(30000, 0, 5, 0, 200);
  EXPECT_NEAR(wild.x, options.fling_max_velocity, 1);
  EXPECT_NEAR(wild.y, 0, 1);
}

// [SECTION] Scrolling

constexpr float kViewport = 1000;

struct Trajectory {
  float end = 0;
  float lowest = 0;   // the smallest offset seen
  float highest = 0;  // the largest
  std::int64_t settled_ms = -1;
  std::vector<float> offsets;  // after each step
};

// Steps until step() reports the offset settled; every `false` must leave a valid offset.
Trajectory run(ScrollModel& model, int step_ms, std::int64_t limit_ms = 20000) {
  Trajectory result{model.offset(), model.offset(), model.offset(), -1, {}};
  for (std::int64_t t = step_ms; t <= limit_ms; t += step_ms) {
    const bool moving = model.step(step_ms);
    result.lowest = std::min(result.lowest, model.offset());
    result.highest = std::max(result.highest, model.offset());
    result.offsets.push_back(model.offset());
    if (!moving) {
      result.settled_ms = t - step_ms;  // the step before was the last that changed anything
      break;
    }
  }
  result.end = model.offset();
  EXPECT_FALSE(model.animating());
  EXPECT_GE(model.offset(), 0);
  EXPECT_LE(model.offset(), model.max_offset());
  return result;
}

ScrollModel long_content(float offset = 0, float content = 100000) {
  ScrollModel model;
  model.set_extent(content, kViewport);
  model.jump_to(offset);
  return model;
}

TEST(Scroll, TheContentFollowsTheFingerBetweenTheEdges) {
  ScrollModel model = long_content(500);
  model.drag_by(-120);  // finger up: further into the content
  EXPECT_FLOAT_EQ(model.offset(), 620);
  model.drag_by(50);
  EXPECT_FLOAT_EQ(model.offset(), 570);
  EXPECT_FALSE(model.step(16)) << "held by the finger";
  EXPECT_FLOAT_EQ(model.offset(), 570);
}

TEST(Scroll, PastTheEdgeTheDragIsResistedAndBounded) {
  const ScrollOptions options;
  ScrollModel model = long_content(0);
  model.drag_by(10);  // pulling the top down
  EXPECT_LT(model.offset(), -options.overscroll_resistance * 10 * 0.95F);
  EXPECT_GT(model.offset(), -options.overscroll_resistance * 10);
  model.drag_by(290);
  const float at_300 = model.offset();
  EXPECT_GT(at_300, -options.max_overscroll);
  EXPECT_LT(at_300, -options.overscroll_resistance * 300 * 0.5F);
  model.drag_by(-300);  // and back: the band is reversible
  EXPECT_NEAR(model.offset(), 0, 1e-3);
  model.drag_by(-40);  // carries on into the content at full speed
  EXPECT_NEAR(model.offset(), 40, 1e-3);
  model.drag_by(100000);
  EXPECT_GE(model.offset(), -options.max_overscroll);
  EXPECT_LT(model.offset(), -0.99F * options.max_overscroll);

  ScrollModel bottom = long_content(0, 3000);
  bottom.drag_by(-2000 - 60);
  EXPECT_GT(bottom.offset(), 2000 + 60 * options.overscroll_resistance * 0.8F);
  EXPECT_LT(bottom.offset(), 2000 + 60 * options.overscroll_resistance);
}

TEST(Scroll, AFlingTravelsVelocityOverFrictionAndStops) {
  const ScrollOptions options;  // friction 3/s, stop at 20 px/s
  // v e^(-kt) integrates to v/k = 1000 px; it is cut where the speed falls to stop_velocity,
  // which leaves out stop_velocity/k. The stop is at a computed time, not at a step boundary,
  // so even 100 ms steps end at the same place.
  const float expected = (3000 - options.stop_velocity) / options.friction_per_second;
  // It stops when the speed reaches stop_velocity: t = ln(3000 / 20) / 3 = 1.67 s.
  const double stop_ms =
      std::log(3000 / options.stop_velocity) / options.friction_per_second * 1000;
  for (int step_ms : {1, 16, 33, 100}) {
    ScrollModel model = long_content(0);
    model.release(-3000);  // finger flicked up at 3000 px/s
    EXPECT_TRUE(model.animating());
    const Trajectory r = run(model, step_ms);
    EXPECT_NEAR(r.end, expected, 0.05) << "step " << step_ms;
    EXPECT_NEAR(r.end, 3000 / options.friction_per_second, 0.01 * 1000);
    EXPECT_NEAR(static_cast<double>(r.settled_ms), stop_ms, step_ms) << "step " << step_ms;
    EXPECT_FALSE(model.step(16));
    EXPECT_FLOAT_EQ(model.offset(), r.end);
  }
}

TEST(Scroll, AFlingDownScrollsBackTowardsTheTop) {
  ScrollModel model = long_content(5000);
  model.release(1500);  // finger flicked down: the offset decreases
  const Trajectory r = run(model, 16);
  EXPECT_NEAR(r.end, 5000 - (1500 - 20) / 3.0F, 0.5);
}

TEST(Scroll, AFlingIntoTheEdgeOvershootsALittleAndEndsExactlyOnIt) {
  const ScrollOptions options;
  // 500 px from the bottom edge at 3000 px/s: it reaches the edge at 3000 - 3 × 500 = 1500
  // px/s. The overdamped spring (slow mode 120 ms, fast 30 ms) peaks at 0.0189 s × the entry
  // speed: 28 px.
  ScrollModel model = long_content(1500, 3000);
  model.release(-3000);
  const Trajectory r = run(model, 1);
  EXPECT_EQ(r.end, 2000) << "exactly on the edge";
  EXPECT_NEAR(r.highest - 2000, 28.4, 1.5);
  EXPECT_LE(r.highest - 2000, options.max_overscroll);

  // At the top, and far too fast: the overshoot is held to max_overscroll.
  ScrollModel top = long_content(300, 3000);
  top.release(60000);
  const Trajectory t = run(top, 1);
  EXPECT_EQ(t.end, 0);
  EXPECT_GE(t.lowest, -options.max_overscroll);
  EXPECT_LT(t.lowest, -0.9F * options.max_overscroll);
}

TEST(Scroll, ReleasedPastTheEdgeSpringsBackWithinFourTimeConstants) {
  const ScrollOptions options;
  ScrollModel model = long_content(0);
  model.drag_by(400);
  const float start = model.offset();
  ASSERT_LT(start, -100);
  model.release(0);
  const auto tau = static_cast<std::int64_t>(options.spring_ms);
  for (std::int64_t t = 0; t < 4 * tau; t += 16)
    model.step(std::min<std::int64_t>(16, 4 * tau - t));
  // The slow mode leaves (4/3) e^-4 = 2.4% after four time constants; it never crossed over.
  EXPECT_LE(model.offset(), 0);
  EXPECT_GT(model.offset(), 0.03F * start);
  const Trajectory r = run(model, 16);
  EXPECT_EQ(r.end, 0);
  EXPECT_LE(4 * tau + r.settled_ms, 7 * tau) << "snapped within 0.5 px soon after";
  EXPECT_LE(r.highest, 0);

  ScrollModel bottom = long_content(0, 3000);
  bottom.drag_by(-2300);
  bottom.release(0);
  EXPECT_EQ(run(bottom, 16).end, 2000);
}

TEST(Scroll, AFlingFromPastTheEdgeCarriesOnInside) {
  ScrollModel model = long_content(0);
  model.drag_by(40);  // 18 px past the top
  model.release(-3000);
  const Trajectory r = run(model, 16);
  EXPECT_GT(r.end, 500) << "it went into the content";
  EXPECT_LT(r.end, 1000);
}

TEST(Scroll, StepSizeDoesNotChangeTheOutcome) {
  struct Scenario {
    const char* name;
    float content, offset, drag, velocity;
  };
  const Scenario scenarios[] = {
      {"interior fling", 100000, 2000, 0, -3000},
      {"bounce at the bottom", 3000, 1500, 0, -3000},
      {"bounce at the top, too fast", 3000, 300, 0, 50000},
      {"spring back", 3000, 0, 400, 0},
      {"out of the band and inside", 100000, 0, 40, -3000},
      {"short content", 400, 0, 0, 2500},
  };
  for (const Scenario& s : scenarios) {
    std::vector<Trajectory> runs;
    for (int step_ms : {1, 16, 33, 100}) {
      ScrollModel model = long_content(s.offset, s.content);
      if (s.drag != 0) model.drag_by(s.drag);
      model.release(s.velocity);
      runs.push_back(run(model, step_ms));
      EXPECT_GE(runs.back().settled_ms, 0) << s.name << " settles, step " << step_ms;
    }
    // The same path, not just the same end: at every step of the coarse runs the offset is
    // where the 1 ms run had it at that time (up to the final 0.5 px snap).
    const std::vector<float>& fine = runs[0].offsets;
    for (std::size_t i = 1; i < runs.size(); ++i) {
      const std::size_t step_ms = i == 1 ? 16 : i == 2 ? 33 : 100;
      EXPECT_NEAR(runs[i].end, runs[0].end, 1) << s.name << ", step " << step_ms;
      EXPECT_NEAR(static_cast<double>(runs[i].settled_ms), static_cast<double>(runs[0].settled_ms),
                  static_cast<double>(step_ms))
          << s.name << ", step " << step_ms;
      for (std::size_t n = 0; n < runs[i].offsets.size(); ++n) {
        const std::size_t t = (n + 1) * step_ms;
        const float expected = t <= fine.size() ? fine[t - 1] : runs[0].end;
        ASSERT_NEAR(runs[i].offsets[n], expected, 1)
            << s.name << ", step " << step_ms << ", at " << t;
      }
    }
  }
}

TEST(Scroll, StepReportsMovementUntilSettled) {
  ScrollModel model = long_content(0);
  EXPECT_FALSE(model.step(16)) << "nothing to do";
  model.release(-1000);
  int moving_steps = 0;
  float previous = model.offset();
  while (model.step(16)) {
    ++moving_steps;
    ASSERT_LT(moving_steps, 1000);
    EXPECT_GE(model.offset(), previous);
    previous = model.offset();
  }
  EXPECT_GT(moving_steps, 10);
  EXPECT_FALSE(model.animating());
  EXPECT_FALSE(model.step(16));
  EXPECT_FALSE(model.step(0));
}

TEST(Scroll, StopCatchesAFling) {
  ScrollModel model = long_content(0);
  model.release(-3000);
  model.step(100);
  const float caught = model.offset();
  EXPECT_GT(caught, 200);
  model.stop();
  EXPECT_FALSE(model.animating());
  EXPECT_FALSE(model.step(16));
  EXPECT_FLOAT_EQ(model.offset(), caught);

  // Caught while bouncing past an edge, it still returns to the edge.
  ScrollModel bouncing = long_content(1900, 3000);
  bouncing.release(-3000);
  bouncing.step(60);
  ASSERT_GT(bouncing.offset(), 2000);
  bouncing.stop();
  EXPECT_EQ(run(bouncing, 16).end, 2000);
}

TEST(Scroll, JumpToClampsAndCancelsTheFling) {
  ScrollModel model = long_content(0, 3000);
  model.jump_to(-50);
  EXPECT_EQ(model.offset(), 0);
  model.jump_to(1e9F);
  EXPECT_EQ(model.offset(), 2000);
  model.jump_to(1234);
  EXPECT_EQ(model.offset(), 1234);
  model.release(-3000);
  model.jump_to(100);
  EXPECT_FALSE(model.step(16));
  EXPECT_EQ(model.offset(), 100);
}

TEST(Scroll, ContentShorterThanTheViewportNeverScrollsButBounces) {
  ScrollModel model;
  model.set_extent(400, kViewport);
  EXPECT_EQ(model.max_offset(), 0);
  model.jump_to(300);
  EXPECT_EQ(model.offset(), 0);
  model.drag_by(-100);  // pulled up: moves, resisted
  EXPECT_GT(model.offset(), 0);
  EXPECT_LT(model.offset(), 50);
  model.drag_by(200);  // and down past the top
  EXPECT_LT(model.offset(), 0);
  model.release(0);
  EXPECT_EQ(run(model, 16).end, 0);

  model.release(-5000);  // flung: a bounce, then back to 0
  const Trajectory r = run(model, 16);
  EXPECT_EQ(r.end, 0);
  EXPECT_GT(r.highest, 0);
  EXPECT_LE(r.highest, ScrollOptions{}.max_overscroll);
}

TEST(Scroll, NewExtentKeepsTheOffsetValid) {
  ScrollModel model = long_content(1500, 3000);
  model.set_extent(1200, kViewport);  // e.g. a smaller text size
  EXPECT_EQ(model.offset(), 200);
  model.set_extent(500, kViewport);
  EXPECT_EQ(model.offset(), 0);
  EXPECT_FALSE(model.step(16));
}

}  // namespace
}  // namespace kiosk::ui
