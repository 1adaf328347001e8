// The visitor session's idle warning: when it shows, its countdown, the loop's deadlines, and
// the touch that ends it doing nothing else.
#include <gtest/gtest.h>

#include "firmware/app/app.h"
#include "firmware/config/config.h"

namespace kiosk::firmware {
namespace {

struct SessionTest : ::testing::Test {
  SessionTest() : session(config(), nullptr) {}
  static Config config() {
    Config c;
    c.idle_timeout_seconds = 90;
    return c;
  }
  // A visitor arrives at `at_ms` and goes to the home screen.
  void arrive(std::int64_t at_ms) {
    EXPECT_TRUE(session.on_input(at_ms, 12 * 60, router));
    const Route before = router.current();
    router.go(Route{ScreenId::kHome, {}, 0, {}});
    session.route_changed(before, router.current(), at_ms);
  }
  VisitorSession session;
  Router router;
};

TEST_F(SessionTest, TheWarningShowsForTheLastFifteenSecondsAndCountsDown) {
  arrive(1'000);
  EXPECT_EQ(session.warning_ms(), 15'000);
  EXPECT_FALSE(session.idle_warning_seconds(1'000 + 74'999));
  EXPECT_EQ(session.idle_warning_seconds(1'000 + 75'000), 15);
  EXPECT_EQ(session.idle_warning_seconds(1'000 + 75'001), 15);
  EXPECT_EQ(session.idle_warning_seconds(1'000 + 76'000), 14);
  EXPECT_EQ(session.idle_warning_seconds(1'000 + 89'999), 1);
  EXPECT_FALSE(session.idle_warning_seconds(1'000 + 90'000));
  // The loop wakes when the warning starts, then at every change of the count, then resets.
  EXPECT_EQ(session.next_deadline_ms(2'000), 76'000);
  EXPECT_EQ(session.next_deadline_ms(76'000), 77'000);
  EXPECT_EQ(session.next_deadline_ms(76'500), 77'000);
  EXPECT_EQ(session.next_deadline_ms(90'500), 91'000);
  EXPECT_TRUE(session.on_tick(91'000, 12 * 60, router));
  EXPECT_EQ(router.current().screen, ScreenId::kAttract);
}

TEST_F(SessionTest, TheTouchThatEndsTheWarningIsSwallowedAndRestartsTheClock) {
  arrive(0);
  EXPECT_TRUE(session.on_input(30'000, 12 * 60, router)) << "an ordinary touch goes through";
  EXPECT_TRUE(session.idle_warning_seconds(30'000 + 80'000));
  EXPECT_FALSE(session.on_input(30'000 + 80'000, 12 * 60, router)) << "it only ends the warning";
  EXPECT_FALSE(session.idle_warning_seconds(30'000 + 80'001));
  EXPECT_FALSE(session.on_tick(30'000 + 80'000 + 89'000, 12 * 60, router));
  EXPECT_EQ(router.current().screen, ScreenId::kHome);
}

TEST_F(SessionTest, NoWarningOnTheAttractLoopOrTheStaffScreens) {
  EXPECT_FALSE(session.idle_warning_seconds(80'000)) << "no visit yet";
  arrive(0);
  const Route before = router.current();
  router.go(Route{ScreenId::kAdmin, {}, 0, {}});
  session.route_changed(before, router.current(), 1'000);
  EXPECT_FALSE(session.idle_warning_seconds(80'000));
}

TEST(SessionShortTimeout, AShortTimeoutWarnsForAThirdOfIt) {
  Config c;
  c.idle_timeout_seconds = 30;
  VisitorSession session(c, nullptr);
  EXPECT_EQ(session.warning_ms(), 10'000);
}

}  // namespace
}  // namespace kiosk::firmware
