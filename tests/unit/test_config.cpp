// The config file: every problem names file, line and column in words the hall staff
// understand, the bad setting keeps its default and the rest of the file still applies.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "firmware/config/config.h"
#include "tests/support/test_support.h"

namespace kiosk::firmware {
namespace {

namespace fs = std::filesystem;

// [SECTION] Helpers

struct Loaded {
  Config config;
  std::vector<ConfigProblem> problems;
  [[nodiscard]] std::vector<std::string> messages() const {
    std::vector<std::string> out;
    for (const auto& problem : problems) out.push_back(problem.to_string());
    return out;
  }
};

Loaded parse(const std::string& text, const Config& defaults = Config{}) {
  Loaded loaded;
  loaded.config = parse_config("kiosk.toml", text, defaults, loaded.problems);
  return loaded;
}

std::string example_path() {
  return std::string(KIOSK_TESTS_DIR) + "/../firmware/config/kiosk.example.toml";
}

// [SECTION] The shipped example

TEST(Config, ExampleLoadsWithoutProblems) {
  std::vector<ConfigProblem> problems;
  const Config config = load_config(example_path(), Config{}, problems);
  for (const auto& problem : problems) ADD_FAILURE() << problem.to_string();
  EXPECT_TRUE(problems.empty());
  // Relative names are taken from the example's own folder.
  const fs::path folder = fs::path(example_path()).parent_path().lexically_normal();
  EXPECT_EQ(config.content_path, (folder / "content.db").string());
  EXPECT_EQ(config.state_dir, (folder / "state").string());
  EXPECT_EQ(config.width, 1920);
  EXPECT_EQ(config.height, 1080);
  EXPECT_EQ(config.rotation, 0);
  EXPECT_TRUE(config.fullscreen);
  EXPECT_FLOAT_EQ(config.dpi, 0);  // not set: the diagonal decides
  EXPECT_FLOAT_EQ(config.diagonal_inches, 32);
  EXPECT_NEAR(resolve_dpi(config, config.width, config.height, std::nullopt).dpi, 68.8F, 0.1F);
  EXPECT_EQ(config.idle_timeout_seconds, 90);
  EXPECT_EQ(config.hours.to_string(), "08:30-17:30");
  // The hash the example's comment tells how to make: printf %s 1234 | sha256sum
  EXPECT_EQ(config.admin_pin_sha256,
            "03ac674216f3e15c761ee1a5e255f067953623c8b388b4459e13f978d7c846f4");
}

// [SECTION] Good values

TEST(Config, EverySettingIsRead) {
  const auto loaded = parse(
      "content = \"/srv/kiosk/content.db\"\n"
      "state_dir = \"/var/lib/kiosk\"\n"
      "size = \"1080x1920\"\n"
      "rotate = 270\n"
      "fullscreen = true\n"
      "dpi = 101.5\n"
      "idle_timeout_seconds = 120\n"
      "opening_hours = \"20:00-02:00\"\n"
      "admin_pin_sha256 = \"03AC674216F3E15C761EE1A5E255F067953623C8B388B4459E13F978D7C846F4\"\n");
  EXPECT_TRUE(loaded.problems.empty()) << loaded.messages().front();
  const Config& config = loaded.config;
  EXPECT_EQ(config.content_path, "/srv/kiosk/content.db");
  EXPECT_EQ(config.state_dir, "/var/lib/kiosk");
  EXPECT_EQ(config.width, 1080);
  EXPECT_EQ(config.height, 1920);
  EXPECT_EQ(config.rotation, 270);
  EXPECT_TRUE(config.fullscreen);
  EXPECT_FLOAT_EQ(config.dpi, 101.5F);
  EXPECT_EQ(config.idle_timeout_seconds, 120);
  EXPECT_EQ(config.hours.open_minute, 20 * 60);
  EXPECT_EQ(config.hours.close_minute, 2 * 60);
  EXPECT_EQ(config.admin_pin_sha256,
            "03ac674216f3e15c761ee1a5e255f067953623c8b388b4459e13f978d7c846f4");
}

TEST(Config, MissingSettingsKeepTheGivenDefaults) {
  Config defaults;
  defaults.state_dir = "/var/lib/kiosk";
  defaults.rotation = 90;
  const auto loaded = parse("# only a comment\n", defaults);
  EXPECT_TRUE(loaded.problems.empty());
  EXPECT_EQ(loaded.config.state_dir, "/var/lib/kiosk");
  EXPECT_EQ(loaded.config.rotation, 90);
}

TEST(Config, RelativePathsAreTakenFromTheConfigFolder) {
  std::vector<ConfigProblem> problems;
  const Config config =
      parse_config("/etc/kiosk/kiosk.toml",
                   "content = \"releases/../content.db\"\nstate_dir = \"s\"\n", Config{}, problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(config.content_path, "/etc/kiosk/content.db");
  EXPECT_EQ(config.state_dir, "/etc/kiosk/s");
}

TEST(Config, EmptyContentMeansTheFactoryRelease) {
  Config defaults;
  defaults.content_path = "/somewhere/content.db";
  const auto loaded = parse("content = \"\"\n", defaults);
  EXPECT_TRUE(loaded.problems.empty());
  EXPECT_EQ(loaded.config.content_path, "");
}

TEST(Config, WholeNumbersWrittenWithPointZeroAreAccepted) {
  const auto loaded = parse("rotate = 90.0\nidle_timeout_seconds = 60.0\ndpi = 96\n");
  EXPECT_TRUE(loaded.problems.empty());
  EXPECT_EQ(loaded.config.rotation, 90);
  EXPECT_EQ(loaded.config.idle_timeout_seconds, 60);
}

TEST(Config, PinLinePastedFromSha256sumIsAccepted) {
  const auto loaded = parse(
      "admin_pin_sha256 = \"03ac674216f3e15c761ee1a5e255f067953623c8b388b4459e13f978d7c846f4  "
      "-\"\n");
  EXPECT_TRUE(loaded.problems.empty());
  EXPECT_EQ(loaded.config.admin_pin_sha256,
            "03ac674216f3e15c761ee1a5e255f067953623c8b388b4459e13f978d7c846f4");
}

// [SECTION] Problems: one message each, the setting keeps its default, the rest applies

TEST(Config, BadRotationNamesLineAndColumnAndKeepsTheDefault) {
  const auto loaded = parse(
      "# kiosk settings\n"
      "fullscreen = true\n"
      "\n"
      "rotate      =    45\n"
      "dpi = 80\n");
  ASSERT_EQ(loaded.problems.size(), 1U);
  EXPECT_EQ(loaded.problems[0].to_string(),
            "kiosk.toml:4:18: rotate must be 0, 90, 180 or 270 (got 45); using 0");
  EXPECT_EQ(loaded.config.rotation, 0);
  EXPECT_TRUE(loaded.config.fullscreen);  // the rest of the file still applies
  EXPECT_FLOAT_EQ(loaded.config.dpi, 80);
}

TEST(Config, EachBadValueGetsAMessageInPlainWords) {
  const auto loaded = parse(
      "content = 5\n"
      "state_dir = \"\"\n"
      "size = \"1920*1080\"\n"
      "rotate = \"90\"\n"
      "fullscreen = \"yes\"\n"
      "dpi = 5000\n"
      "idle_timeout_seconds = 5\n"
      "opening_hours = \"8h-17h\"\n"
      "admin_pin_sha256 = \"1234\"\n");
  const std::vector<std::string> expected = {
      "kiosk.toml:1:11: content must be a file or folder name in quotes, like \"/srv/kiosk\" "
      "(got 5); using the built-in setting",
      "kiosk.toml:2:13: state_dir must not be empty (got the text \"\"); using the built-in "
      "setting",
      "kiosk.toml:3:8: size must be WIDTHxHEIGHT in pixels, like 1920x1080 (got the text "
      "\"1920*1080\"); using 1920x1080",
      "kiosk.toml:4:10: rotate must be 0, 90, 180 or 270, written without quotes (got the text "
      "\"90\"); using 0",
      "kiosk.toml:5:14: fullscreen must be true or false, without quotes (got the text "
      "\"yes\"); using false",
      "kiosk.toml:6:7: dpi must be a number between 50 and 1000 (dots per inch of the screen) "
      "(got 5000); the panel's size decides",
      "kiosk.toml:7:24: idle_timeout_seconds must be a whole number of seconds from 10 to 3600 "
      "(got 5); using 90",
      "kiosk.toml:8:17: opening_hours must be \"always\" or opening and closing times from 00:00 "
      "to 24:00, like \"08:30-17:30\" (got the text \"8h-17h\"); using \"always\"",
      "kiosk.toml:9:20: admin_pin_sha256 must be the SHA-256 of the PIN: 64 characters 0-9 and "
      "a-f, made with: printf %s 1234 | sha256sum (got 4 characters); the admin screen stays "
      "off",
  };
  EXPECT_EQ(loaded.messages(), expected);
  const Config defaults;
  EXPECT_EQ(loaded.config.width, defaults.width);
  EXPECT_EQ(loaded.config.rotation, defaults.rotation);
  EXPECT_EQ(loaded.config.idle_timeout_seconds, defaults.idle_timeout_seconds);
  EXPECT_EQ(loaded.config.hours.to_string(), "always");
  EXPECT_EQ(loaded.config.admin_pin_sha256, "");
}

TEST(Config, ThePinIsNeverQuotedInAMessage) {
  // Someone may type the PIN itself where its hash belongs; the log must not show it.
  const auto loaded = parse("admin_pin_sha256 = \"735091\"\n");
  ASSERT_EQ(loaded.problems.size(), 1U);
  EXPECT_EQ(loaded.problems[0].message.find("735091"), std::string::npos);
}

TEST(Config, SizesOutOfRangeSaySo) {
  const auto loaded = parse("size = \"100x50\"\n");
  ASSERT_EQ(loaded.problems.size(), 1U);
  EXPECT_EQ(loaded.problems[0].message,
            "size must be between 320x320 and 16384x16384 pixels (got the text \"100x50\"); "
            "using 1920x1080");
}

TEST(Config, UnknownSettingsAreReportedWithASuggestion) {
  const auto loaded = parse("rotation = 90\ncolour = \"red\"\nrotate = 180\n");
  const std::vector<std::string> expected = {
      "kiosk.toml:1:1: unknown setting \"rotation\" (did you mean rotate?); it is ignored",
      "kiosk.toml:2:1: unknown setting \"colour\" (the settings are content state_dir size "
      "rotate fullscreen dpi panel diagonal_inches idle_timeout_seconds opening_hours "
      "admin_pin_sha256 quiz_questions "
      "quiz_generated refresh_public_keys usb_mount_roots max_bundle_mb usb_remount_helper); it "
      "is ignored",
  };
  EXPECT_EQ(loaded.messages(), expected);
  EXPECT_EQ(loaded.config.rotation, 180);

  const auto parts = parse("idle_timeout = 60\npin = \"x\"\n");
  EXPECT_EQ(parts.messages(),
            (std::vector<std::string>{
                "kiosk.toml:1:1: unknown setting \"idle_timeout\" (did you mean "
                "idle_timeout_seconds?); it is ignored",
                "kiosk.toml:2:1: unknown setting \"pin\" (did you mean admin_pin_sha256?); it is "
                "ignored"}));
}

TEST(Config, ProblemsComeInFileOrder) {
  const auto loaded = parse("rotate = 1\nfullscreen = 3\nabc = 1\ndpi = 1\n");
  ASSERT_EQ(loaded.problems.size(), 4U);
  for (std::size_t i = 0; i < loaded.problems.size(); ++i) {
    EXPECT_EQ(loaded.problems[i].line, static_cast<int>(i) + 1);
  }
}

TEST(Config, ASyntaxErrorLeavesEverySettingAtItsDefault) {
  const auto loaded = parse("rotate = 90\nfullscreen = true\nthis is not toml\ndpi = 80\n");
  ASSERT_EQ(loaded.problems.size(), 1U);
  EXPECT_EQ(loaded.problems[0].file, "kiosk.toml");
  EXPECT_EQ(loaded.problems[0].line, 3);
  EXPECT_GT(loaded.problems[0].column, 0);
  EXPECT_NE(loaded.problems[0].message.find("this line is not a valid setting"), std::string::npos);
  EXPECT_NE(loaded.problems[0].message.find("the kiosk starts on its default settings"),
            std::string::npos);
  EXPECT_EQ(loaded.config.rotation, 0);
  EXPECT_FALSE(loaded.config.fullscreen);
}

TEST(Config, ARepeatedSettingIsASyntaxError) {
  const auto loaded = parse("rotate = 90\nrotate = 180\n");
  ASSERT_EQ(loaded.problems.size(), 1U);
  EXPECT_EQ(loaded.problems[0].line, 2);
  EXPECT_EQ(loaded.problems[0].message.rfind("this setting is already given above", 0), 0U)
      << loaded.problems[0].message;
  EXPECT_EQ(loaded.config.rotation, 0);
}

TEST(Config, AnUnreadableFileIsOneProblemAtLineZero) {
  std::vector<ConfigProblem> problems;
  Config defaults;
  defaults.rotation = 180;
  const std::string missing = testing::test_output_dir() + "/no-such-dir/kiosk.toml";
  const Config config = load_config(missing, defaults, problems);
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_EQ(problems[0].line, 0);
  EXPECT_EQ(problems[0].to_string(),
            missing +
                ": cannot read the config file (No such file or directory); the kiosk starts on "
                "its default settings");
  EXPECT_EQ(config.rotation, 180);

  problems.clear();
  load_config(testing::test_output_dir(), defaults, problems);  // a folder
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_NE(problems[0].message.find("it is a folder"), std::string::npos);
}

TEST(Config, LoadConfigReadsAFile) {
  const std::string path = testing::test_output_dir() + "/config-test.toml";
  testing::write_file(path, "rotate = 90\n");
  std::vector<ConfigProblem> problems;
  const Config config = load_config(path, Config{}, problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(config.rotation, 90);
}

TEST(Config, RandomBytesNeverCrashTheReader) {
  // Mostly syntax errors, sometimes a valid file with bad values: either way, problems with a
  // position and a config made of defaults and good values.
  std::mt19937 random(4);
  const std::vector<std::string> pieces = {"rotate",
                                           "size",
                                           "dpi",
                                           "opening_hours",
                                           "admin_pin_sha256",
                                           " = ",
                                           "\"",
                                           "\n",
                                           "90",
                                           "-1",
                                           "1e309",
                                           "\"08:30-17:30\"",
                                           "[x]",
                                           "true",
                                           "#",
                                           "\xff",
                                           "inf",
                                           "nan",
                                           "[1, 2]"};
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
  for (int round = 0; round < 3'000; ++round) {
    std::string text;
    for (int i = 0; i < 12; ++i) text += pieces[pick(random)];
    const auto loaded = parse(text);
    for (const auto& problem : loaded.problems) {
      EXPECT_EQ(problem.file, "kiosk.toml");
      EXPECT_GE(problem.line, 1) << text;
      EXPECT_FALSE(problem.message.empty());
    }
    const int rotation = loaded.config.rotation;
    EXPECT_TRUE(rotation == 0 || rotation == 90 || rotation == 180 || rotation == 270);
    EXPECT_TRUE(loaded.config.dpi == 0 || loaded.config.dpi >= 50) << loaded.config.dpi;
    if (HasFailure()) return;
  }
}

// [SECTION] Opening hours and sizes, as the command line uses them too

// [SECTION] The USB refresh's settings

TEST(Config, RefreshKeysAreKeyLinesOrFilesAndEachBadOneIsNamed) {
  const std::string dir = testing::test_output_dir() + "/config-keys";
  fs::create_directories(dir);
  const std::string pub = std::string(KIOSK_TESTS_DIR) + "/data/minisign/test-only.pub";
  const std::string key_line = "RWQRkYSKZwRaSEB/GBouSsQj9kl3XoZz7wFGgkQz9d5HpREh95FjqQdW";
  testing::write_file(dir + "/broken.pub", "untrusted comment: x\nnot a key\n");
  testing::write_file(dir + "/kiosk.toml",
                      "refresh_public_keys = [\"" + pub + "\", \"" + key_line +
                          "\",\n  \"broken.pub\", \"missing.pub\"]\n"
                          "usb_mount_roots = \"sticks\"\nmax_bundle_mb = 64\n");
  std::vector<ConfigProblem> problems;
  const Config config = load_config(dir + "/kiosk.toml", Config{}, problems);
  ASSERT_EQ(config.refresh_public_keys.size(), 2U);  // the file and the line; the bad two left out
  ASSERT_EQ(problems.size(), 2U);
  EXPECT_EQ(problems[0].line, 1);
  EXPECT_NE(problems[0].message.find("broken.pub"), std::string::npos) << problems[0].message;
  EXPECT_NE(problems[0].message.find("not a minisign public key"), std::string::npos);
  EXPECT_NE(problems[1].message.find("cannot read the key file"), std::string::npos);
  EXPECT_EQ(config.usb_mount_roots, std::vector<std::string>{dir + "/sticks"});
  EXPECT_EQ(config.max_bundle_mb, 64);
}

TEST(Config, BadRefreshSettingsKeepTheDefaults) {
  const auto loaded =
      parse("refresh_public_keys = 7\nusb_mount_roots = [\"\"]\nmax_bundle_mb = 0\n");
  ASSERT_EQ(loaded.problems.size(), 3U) << ::testing::PrintToString(loaded.messages());
  EXPECT_TRUE(loaded.config.refresh_public_keys.empty());
  EXPECT_EQ(loaded.config.usb_mount_roots, Config{}.usb_mount_roots);
  EXPECT_EQ(loaded.config.max_bundle_mb, Config{}.max_bundle_mb);
  EXPECT_NE(loaded.messages()[0].find("content refresh from USB stays off"), std::string::npos);
}

TEST(OpeningHours, IsOpenWithinTheHours) {
  OpeningHours hours;
  std::string why;
  ASSERT_TRUE(parse_opening_hours("08:30-17:30", hours, why));
  EXPECT_FALSE(hours.is_open(8 * 60 + 29));
  EXPECT_TRUE(hours.is_open(8 * 60 + 30));
  EXPECT_TRUE(hours.is_open(17 * 60 + 29));
  EXPECT_FALSE(hours.is_open(17 * 60 + 30));
  EXPECT_FALSE(hours.is_open(0));
}

TEST(OpeningHours, HoursMayCrossMidnight) {
  OpeningHours hours;
  std::string why;
  ASSERT_TRUE(parse_opening_hours(" 20:00 - 2:00 ", hours, why));
  EXPECT_EQ(hours.to_string(), "20:00-02:00");
  EXPECT_TRUE(hours.is_open(23 * 60));
  EXPECT_TRUE(hours.is_open(0));
  EXPECT_TRUE(hours.is_open(119));
  EXPECT_FALSE(hours.is_open(120));
  EXPECT_FALSE(hours.is_open(12 * 60));
  EXPECT_TRUE(hours.is_open(20 * 60));
}

TEST(OpeningHours, AlwaysAndMidnightClosing) {
  OpeningHours hours;
  std::string why;
  ASSERT_TRUE(parse_opening_hours("Always", hours, why));
  for (int minute = 0; minute < 24 * 60; ++minute) EXPECT_TRUE(hours.is_open(minute));
  EXPECT_EQ(hours.to_string(), "always");
  ASSERT_TRUE(parse_opening_hours("00:00-24:00", hours, why));
  EXPECT_EQ(hours.to_string(), "always");
  ASSERT_TRUE(parse_opening_hours("09:00-24:00", hours, why));
  EXPECT_TRUE(hours.is_open(23 * 60 + 59));
  EXPECT_FALSE(hours.is_open(0));
  EXPECT_TRUE(hours.is_open(24 * 60 + 9 * 60));  // taken modulo a day
}

TEST(OpeningHours, BadHoursAreRejected) {
  for (const char* bad : {"", "8-17", "08:30", "24:00-08:00", "08:60-17:00", "08:30-25:00",
                          "-1:00-08:00", "08:3-17:00", "08:00-08:00", "00:00-00:00", "nightly"}) {
    OpeningHours hours;
    std::string why;
    EXPECT_FALSE(parse_opening_hours(bad, hours, why)) << bad;
    EXPECT_FALSE(why.empty()) << bad;
  }
}

TEST(ParseSize, AcceptsTheUsualForms) {
  int width = 0;
  int height = 0;
  std::string why;
  ASSERT_TRUE(parse_size("800x480", width, height, why));
  EXPECT_EQ(width, 800);
  EXPECT_EQ(height, 480);
  ASSERT_TRUE(parse_size(" 1080 X 1920 ", width, height, why));
  EXPECT_EQ(width, 1080);
  EXPECT_EQ(height, 1920);
  for (const char* bad :
       {"", "x", "1920x", "x1080", "-1920x1080", "1920x1080x2", "1e3x800", "99999999999x1"}) {
    EXPECT_FALSE(parse_size(bad, width, height, why)) << bad;
  }
}

}  // namespace
}  // namespace kiosk::firmware

namespace kiosk::firmware {
namespace {

// [SECTION] The panel's density

TEST(PanelDpi, TheConfigsDpiWinsThenTheDiagonalThenThePresetThenTheDisplay) {
  Config config;
  EXPECT_EQ(resolve_dpi(config, 1920, 1080, std::nullopt).source, "default");
  EXPECT_FLOAT_EQ(resolve_dpi(config, 1920, 1080, std::nullopt).dpi, 96);
  // A plausible report of the display is taken; an implausible one is not.
  EXPECT_FLOAT_EQ(resolve_dpi(config, 800, 480, 131.9F).dpi, 131.9F);
  EXPECT_EQ(resolve_dpi(config, 800, 480, 4000.0F).source, "default");
  config.panel = "pi-7";
  const auto pi = resolve_dpi(config, 800, 480, 96.0F);
  EXPECT_EQ(pi.source, "panel pi-7");
  EXPECT_NEAR(pi.dpi, 133.3F, 0.1F);  // 932.95 px over 7 inches
  // Turned on its side the panel keeps its density.
  EXPECT_NEAR(resolve_dpi(config, 480, 800, std::nullopt).dpi, pi.dpi, 0.01F);
  config.diagonal_inches = 10.1F;
  EXPECT_NEAR(resolve_dpi(config, 1280, 800, std::nullopt).dpi, 149.4F, 0.1F);
  config.dpi = 210;
  EXPECT_EQ(resolve_dpi(config, 720, 1280, std::nullopt).source, "dpi");
}

TEST(PanelDpi, TheTouchDisplay2PresetGivesItsRealDensity) {
  Config config;
  config.panel = "pi-touch-2";
  EXPECT_NEAR(resolve_dpi(config, 720, 1280, std::nullopt).dpi, 209.8F, 0.1F);
}

TEST(PanelDpi, APanelNameOrDiagonalThatIsWrongIsNamedAndIgnored) {
  std::vector<ConfigProblem> problems;
  const Config config =
      parse_config("kiosk.toml", "panel = \"pi7\"\ndiagonal_inches = 0.5\n", Config{}, problems);
  ASSERT_EQ(problems.size(), 2U);
  EXPECT_EQ(problems[0].line, 1);
  EXPECT_NE(problems[0].message.find("panel must be one of pi-7 pi-touch-2"), std::string::npos)
      << problems[0].message;
  EXPECT_EQ(problems[1].line, 2);
  EXPECT_NE(problems[1].message.find("diagonal_inches must be a number between 3 and 120"),
            std::string::npos)
      << problems[1].message;
  EXPECT_TRUE(config.panel.empty());
  EXPECT_FLOAT_EQ(config.diagonal_inches, 0);
  std::vector<ConfigProblem> none;
  const Config good = parse_config(
      "kiosk.toml", "panel = \"10in-1280x800\"\ndiagonal_inches = 15.6\n", Config{}, none);
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(good.panel, "10in-1280x800");
  EXPECT_FLOAT_EQ(good.diagonal_inches, 15.6F);
}

}  // namespace
}  // namespace kiosk::firmware
