// The kiosk as a visitor meets it: scripted journeys through every screen at 1920×1080 and
// 1080×1920 (each step asserts the screen reached), golden screenshots of every screen, the
// error screen for a missing or corrupt release, and the UI turned for a rotated panel.
// Runs the real `kiosk` program headless; screenshots land in build/<preset>/test-output/kiosk.
#include <gtest/gtest.h>

#include <sodium.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "firmware/content_store/content_store.h"
#include "firmware/quiz/quiz.h"
#include "firmware/refresh/refresh.h"
#include "firmware/signature/signature.h"
#include "tests/support/test_support.h"
#include "ui/render/render.h"

namespace kiosk {
namespace {

namespace fs = std::filesystem;

std::string output_dir() {
  const std::string dir = testing::test_output_dir() + "/kiosk";
  fs::create_directories(dir);
  return dir;
}

// Runs the kiosk with `script` (written to a file); returns its exit status.
int run_kiosk(const std::string& name, const std::string& options, const std::string& script) {
  const std::string dir = output_dir();
  const std::string script_path = dir + "/" + name + ".script";
  testing::write_file(script_path, script);
  fs::remove_all(dir + "/" + name + "-state");
  const std::string command = std::string(KIOSK_PROGRAM) + " --headless --state-dir " + dir + "/" +
                              name + "-state " + options + " --script " + script_path + " > " +
                              dir + "/" + name + ".log 2>&1";
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string log_of(const std::string& name) {
  return testing::read_file(output_dir() + "/" + name + ".log");
}

void expect_matches_golden(const std::string& name) {
  const std::string actual_path = output_dir() + "/" + name + ".png";
  auto actual = render::load_png(actual_path);
  ASSERT_TRUE(actual.ok()) << actual_path << ": " << (actual.ok() ? "" : actual.error());
  const std::string golden = std::string(KIOSK_TESTS_DIR) + "/golden/kiosk/" + name + ".png";
  if (testing::update_goldens()) {
    fs::create_directories(fs::path(golden).parent_path());
    ASSERT_TRUE(render::save_png(actual.value(), golden).ok());
    return;
  }
  auto expected = render::load_png(golden);
  ASSERT_TRUE(expected.ok()) << "no golden " << golden
                             << ": create it with KIOSK_UPDATE_GOLDENS=1 and review it";
  const auto comparison = render::compare_images(expected.value(), actual.value());
  if (!comparison.passed) {
    const std::string out = output_dir() + "/" + name;
    (void)render::save_png(expected.value(), out + ".expected.png");
    (void)render::save_diff_png(expected.value(), actual.value(), out + ".diff.png");
    ADD_FAILURE() << name << ": " << comparison.message << "; see " << out
                  << ".{png,expected.png,diff.png}";
  }
}

// [SECTION] Search

// What a layout dump (script command dump-layout) showed: its targets (id → label) and texts.
struct Shown {
  std::string screen;
  std::map<std::string, std::string> targets;
  std::vector<std::string> texts;
  [[nodiscard]] bool has_text(const std::string& text) const {
    return std::find(texts.begin(), texts.end(), text) != texts.end();
  }
  [[nodiscard]] bool has_text_containing(const std::string& words) const {
    return std::any_of(texts.begin(), texts.end(), [&](const std::string& text) {
      return text.find(words) != std::string::npos;
    });
  }
};

Shown read_dump(const std::string& path) {
  Shown shown;
  const auto json = nlohmann::json::parse(testing::read_file(path), nullptr, false);
  if (json.is_discarded()) return shown;
  shown.screen = json.value("screen", "");
  for (const auto& target : json["targets"])
    shown.targets[target["id"].get<std::string>()] = target["label"].get<std::string>();
  for (const auto& text : json["texts"]) shown.texts.push_back(text["text"].get<std::string>());
  return shown;
}

// A visitor searches: 搜索 on home, z-h-e-n-g-c-e on the keypad, the candidate 政策, 搜索, the
// first hit opens the reader with the words in view; 返回 brings the hits back. Then a topic
// chip finds its own hits, and after the idle timeout the search is forgotten. Golden
// screenshots of the search screen: the topics, the candidates and the hits.
void search_journey(const std::string& name, int width, int height) {
  auto store = firmware::ContentStore::open(KIOSK_FACTORY_CONTENT);
  ASSERT_TRUE(store.ok()) << store.error();
  ASSERT_FALSE(store.value()->topics().empty());
  const std::string topic = store.value()->topics().front().zh;
  const std::string dir = output_dir() + "/" + name;
  const auto n = [](int value) { return std::to_string(value); };
  std::string script = "expect-screen attract\ntap " + n(width / 2) + " " + n(height / 2) +
                       "\nexpect-screen home\ntap-target search\nexpect-screen search\n"
                       "screenshot " +
                       dir + "-topics.png\n";
  for (char letter : std::string("zhengce"))
    script += std::string("tap-target key:") + letter + "\n";
  script += "screenshot " + dir + "-candidates.png\ndump-layout " + dir + "-candidates.json\n" +
            "tap-target candidate:0\ntap-target key:search\nexpect-screen search\n" +
            "screenshot " + dir + "-hits.png\ndump-layout " + dir + "-hits.json\n" +
            "tap-target hit:0\nexpect-screen reader\ndump-layout " + dir + "-reader.json\n" +
            "tap-target back\nexpect-screen search\ndump-layout " + dir + "-back.json\n" +
            // The topic chips come back once the words are cleared.
            "tap-target key:clear\ntap-target topic:0\nexpect-screen search\ndump-layout " + dir +
            "-topic-hits.json\ntap-target hit:0\nexpect-screen reader\ndump-layout " + dir +
            "-topic-reader.json\n" +
            // A new visitor finds no trace of the search.
            "wait 91000\nexpect-screen attract\ntap " + n(width / 2) + " " + n(height / 2) +
            "\nexpect-screen home\ntap-target search\nexpect-screen search\ndump-layout " + dir +
            "-next-visitor.json\nquit\n";
  ASSERT_EQ(run_kiosk(name, "--size " + n(width) + "x" + n(height), script), 0) << log_of(name);

  const Shown candidates = read_dump(dir + "-candidates.json");
  ASSERT_TRUE(candidates.targets.contains("candidate:0")) << "zhengce gives candidates";
  EXPECT_EQ(candidates.targets.at("candidate:0"), "政策") << "the best word that the content holds";
  EXPECT_TRUE(candidates.has_text("zhengce")) << "the letters typed show in the field";
  EXPECT_TRUE(candidates.targets.contains("topic:0")) << "no words yet: the topics still show";

  const Shown hits = read_dump(dir + "-hits.json");
  EXPECT_TRUE(hits.has_text("政策")) << "the words searched for, in the field";
  EXPECT_TRUE(hits.targets.contains("hit:0"));
  EXPECT_FALSE(hits.targets.contains("candidate:0")) << "the letters became the word";
  EXPECT_FALSE(hits.targets.contains("topic:0"));
  const auto expected = store.value()->search("政策", 1);
  ASSERT_EQ(expected.size(), 1U);
  EXPECT_EQ(hits.targets.at("hit:0"), expected[0].document_title);

  const Shown reader = read_dump(dir + "-reader.json");
  EXPECT_EQ(reader.screen, "reader");
  EXPECT_TRUE(reader.has_text_containing("政策")) << "the reader opens where the words are";

  const Shown back = read_dump(dir + "-back.json");
  EXPECT_EQ(back.screen, "search");
  EXPECT_TRUE(back.has_text("政策")) << "返回 from the reader keeps the search";
  EXPECT_TRUE(back.targets.contains("hit:0"));

  const Shown topic_hits = read_dump(dir + "-topic-hits.json");
  EXPECT_TRUE(topic_hits.has_text(topic)) << "the chip's words are searched for";
  EXPECT_TRUE(topic_hits.targets.contains("hit:0"));
  const Shown topic_reader = read_dump(dir + "-topic-reader.json");
  EXPECT_EQ(topic_reader.screen, "reader");
  EXPECT_TRUE(topic_reader.has_text_containing(topic));

  const Shown next = read_dump(dir + "-next-visitor.json");
  EXPECT_TRUE(next.targets.contains("topic:0")) << "the idle timeout forgets the search";
  EXPECT_FALSE(next.targets.contains("hit:0"));
  EXPECT_FALSE(next.has_text("政策"));

  for (const char* screen : {"topics", "candidates", "hits"})
    expect_matches_golden(name + "-" + screen);
}

TEST(KioskSearch, LandscapePinyinAndATopicFindHitsThatOpenTheReader) {
  search_journey("search-landscape", 1920, 1080);
}
TEST(KioskSearch, PortraitPinyinAndATopicFindHitsThatOpenTheReader) {
  search_journey("search-portrait", 1080, 1920);
}

// The journey of the issue: attract → home → document → reader → next section → back →
// idle timeout → attract, with a screenshot of every screen. Coordinates are the UI's.
struct Places {
  int card_x, card_y;    // the first document's card on home
  int row_x, row_y;      // an item row in the contents
  int next_x, next_y;    // the reader's "next section" button
  int large_x, large_y;  // the reader's largest text size
  int back_x, back_y;    // the header's back button
  int width, height;
};

std::string journey(const std::string& prefix, const Places& p) {
  const std::string dir = output_dir() + "/" + prefix;
  const auto n = [](int value) { return std::to_string(value); };
  return "expect-screen attract\n"
         "screenshot " +
         dir +
         "-attract.png\n"
         "tap " +
         n(p.width / 2) + " " + n(p.height / 2) +
         "\n"
         "expect-screen home\n"
         "screenshot " +
         dir +
         "-home.png\n"
         "tap " +
         n(p.card_x) + " " + n(p.card_y) +
         "\n"
         "expect-screen contents\n"
         "screenshot " +
         dir +
         "-contents.png\n"
         "tap " +
         n(p.row_x) + " " + n(p.row_y) +
         "\n"
         "expect-screen reader\n"
         "screenshot " +
         dir +
         "-reader.png\n"
         "tap " +
         n(p.next_x) + " " + n(p.next_y) +
         "\n"
         "expect-screen reader\n"
         "tap " +
         n(p.large_x) + " " + n(p.large_y) +
         "\n"
         "fling " +
         n(p.width / 2) + " " + n(p.height * 3 / 4) + " " + n(p.width / 2) + " " + n(p.height / 3) +
         " 120\n"
         "wait 3000\n"
         "screenshot " +
         dir +
         "-reader-large-scrolled.png\n"
         // A swipe to the left turns to the next section.
         "drag " +
         n(p.width * 4 / 5) + " " + n(p.height / 2) + " " + n(p.width / 5) + " " + n(p.height / 2) +
         " 300\n"
         "expect-screen reader\n"
         "tap " +
         n(p.back_x) + " " + n(p.back_y) +
         "\n"
         "expect-screen contents\n"
         // Back in the contents: the section last read is marked and in view.
         "screenshot " +
         dir +
         "-contents-back.png\n"
         "wait 89000\n"
         "expect-screen contents\n"
         "wait 2000\n"
         "expect-screen attract\n"
         "quit\n";
}

const Places kLandscape{300, 400, 700, 400, 1700, 1010, 1110, 1010, 140, 66, 1920, 1080};
const Places kPortrait{285, 450, 500, 480, 930, 1850, 650, 1850, 134, 66, 1080, 1920};

TEST(KioskJourney, LandscapeVisitorReachesEveryScreenAndIsForgottenAfterIdling) {
  ASSERT_EQ(run_kiosk("landscape", "--size 1920x1080", journey("landscape", kLandscape)), 0)
      << log_of("landscape");
  for (const char* screen :
       {"attract", "home", "contents", "reader", "reader-large-scrolled", "contents-back"}) {
    expect_matches_golden(std::string("landscape-") + screen);
  }
}

TEST(KioskJourney, PortraitVisitorReachesEveryScreenAndIsForgottenAfterIdling) {
  ASSERT_EQ(run_kiosk("portrait", "--size 1080x1920", journey("portrait", kPortrait)), 0)
      << log_of("portrait");
  for (const char* screen :
       {"attract", "home", "contents", "reader", "reader-large-scrolled", "contents-back"}) {
    expect_matches_golden(std::string("portrait-") + screen);
  }
}

// The idle warning: 15 s before the reset a panel asks, in both scripts, whether the visitor is
// still reading and counts down; the touch that answers does nothing else (the tap in the middle
// of the contents opens no section), and the visit goes on for a full timeout from there.
void idle_warning_journey(const std::string& name, const std::string& size, const Places& p) {
  const std::string dir = output_dir() + "/" + name;
  const auto n = [](int value) { return std::to_string(value); };
  const std::string script =
      "expect-screen attract\n"
      "tap " +
      n(p.width / 2) + " " + n(p.height / 2) +
      "\n"
      "expect-screen home\n"
      "tap " +
      n(p.card_x) + " " + n(p.card_y) +
      "\n"
      "expect-screen contents\n"
      "wait 74000\n"
      "screenshot " +
      dir +
      "-before.png\n"
      "wait 2000\n"
      "screenshot " +
      dir +
      ".png\n"
      "tap " +
      n(p.row_x) + " " + n(p.row_y) +
      "\n"
      "expect-screen contents\n"
      "wait 1000\n"
      "screenshot " +
      dir +
      "-dismissed.png\n"
      "wait 88000\n"
      "expect-screen contents\n"
      "wait 2000\n"
      "expect-screen attract\n"
      "quit\n";
  ASSERT_EQ(run_kiosk(name, size, script), 0) << log_of(name);
  expect_matches_golden(name);
  // Before the warning and after it, the screen is the contents alone.
  auto before = render::load_png(dir + "-before.png");
  auto dismissed = render::load_png(dir + "-dismissed.png");
  ASSERT_TRUE(before.ok() && dismissed.ok());
  EXPECT_TRUE(render::compare_images(before.value(), dismissed.value()).passed)
      << "the warning leaves nothing behind";
  auto warned = render::load_png(dir + ".png");
  ASSERT_TRUE(warned.ok());
  EXPECT_FALSE(render::compare_images(before.value(), warned.value()).passed)
      << "the warning shows";
}

TEST(KioskIdleWarning, LandscapeWarnsCountsDownAndATouchKeepsTheVisit) {
  idle_warning_journey("idle-warning-landscape", "--size 1920x1080", kLandscape);
}

TEST(KioskIdleWarning, PortraitWarnsCountsDownAndATouchKeepsTheVisit) {
  idle_warning_journey("idle-warning-portrait", "--size 1080x1920", kPortrait);
}

// [SECTION] Take it home: the document's address as a QR code

// The factory release with an address for its first document (the editors fill `url`).
constexpr const char* kTestUrl =
    "https://www.example.org/policy/model-region-decision.html?lang=zh";

std::string release_with_url() {
  const std::string path = output_dir() + "/with-url.db";
  fs::remove(path);
  fs::copy_file(KIOSK_FACTORY_CONTENT, path);
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  const std::string change = std::string("UPDATE documents SET url = '") + kTestUrl +
                             "' WHERE slug = 'model-region-decision';";
  EXPECT_EQ(sqlite3_exec(db, change.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
      << sqlite3_errmsg(db);
  sqlite3_close(db);
  return path;
}

// What a phone reads from a screenshot (zbarimg, from zbar-tools); empty when nothing.
std::string decode_qr(const std::string& png) {
  const std::string out = png + ".decoded";
  const std::string command = "zbarimg --raw -q " + png + " > " + out + " 2>/dev/null";
  (void)std::system(command.c_str());
  std::string text = testing::read_file(out);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

void qr_journey(const std::string& name, const std::string& size) {
  const std::string dir = output_dir();
  const std::string script =
      "tap-target start\nexpect-screen home\n"
      "tap-target card:model-region-decision\nexpect-screen contents\n"
      "screenshot " +
      dir + "/" + name +
      "-contents.png\n"
      "tap-target row:3\nexpect-screen reader\n"
      "key pagedown\nkey pagedown\nkey pagedown\nkey pagedown\n"
      "wait 2000\nscreenshot " +
      dir + "/" + name +
      "-reader-end.png\n"
      "tap-target back\nexpect-screen contents\n"
      "tap-target home\nexpect-screen home\n"
      "tap-target card:model-region-regulation\nexpect-screen contents\n"
      "screenshot " +
      dir + "/" + name + "-no-url.png\nquit\n";
  ASSERT_EQ(run_kiosk(name, size + " --content " + release_with_url(), script), 0) << log_of(name);
  // The code on the screen is the address, as a phone's camera reads it, on both screens.
  EXPECT_EQ(decode_qr(dir + "/" + name + "-contents.png"), kTestUrl);
  EXPECT_EQ(decode_qr(dir + "/" + name + "-reader-end.png"), kTestUrl);
  // A document without an address shows no code.
  EXPECT_EQ(decode_qr(dir + "/" + name + "-no-url.png"), "");
  expect_matches_golden(name + "-contents");
  expect_matches_golden(name + "-reader-end");
}

TEST(KioskQr, LandscapeContentsAndSectionEndsCarryTheAddress) {
  qr_journey("qr-landscape", "--size 1920x1080");
}

TEST(KioskQr, PortraitContentsAndSectionEndsCarryTheAddress) {
  qr_journey("qr-portrait", "--size 1080x1920");
}

// [SECTION] The panels halls use: goldens of the layout journey at their sizes and densities
// (tests/tools/check_layouts.py checks the same screens' millimetres, overlaps and contrast)

void panel_journey(const std::string& size, int dpi) {
  const std::string dir = output_dir();
  const std::string name = "panel-" + size;
  std::string script =
      testing::read_file(std::string(KIOSK_TESTS_DIR) + "/layout/every-screen.txt");
  for (std::size_t at = script.find("OUT/"); at != std::string::npos; at = script.find("OUT/"))
    script.replace(at, 4, dir + "/" + name + "-");
  testing::write_file(dir + "/" + name + ".toml", "dpi = " + std::to_string(dpi) + "\n");
  ASSERT_EQ(run_kiosk(name, "--size " + size + " --seed 3 --config " + dir + "/" + name + ".toml",
                      script),
            0)
      << log_of(name);
  for (const char* screen :
       {"02-home", "03-contents", "04-reader", "08-quiz-answered", "13-reader-accessible"}) {
    expect_matches_golden(name + "-" + screen);
  }
}

TEST(KioskPanels, RaspberryPiTouchDisplay800x480) { panel_journey("800x480", 132); }
TEST(KioskPanels, RaspberryPiTouchDisplayOnItsSide480x800) { panel_journey("480x800", 142); }
TEST(KioskPanels, TouchDisplay2Portrait720x1280) { panel_journey("720x1280", 210); }
TEST(KioskPanels, SevenInch1024x600) { panel_journey("1024x600", 170); }

// [SECTION] Large text and high contrast: on for the rest of the visit, off again, forgotten

// Two screenshots of this run alike (within the goldens' tolerance).
void expect_same_screens(const std::string& a, const std::string& b) {
  auto first = render::load_png(output_dir() + "/" + a + ".png");
  auto second = render::load_png(output_dir() + "/" + b + ".png");
  ASSERT_TRUE(first.ok() && second.ok());
  const auto comparison = render::compare_images(first.value(), second.value());
  EXPECT_TRUE(comparison.passed) << a << " against " << b << ": " << comparison.message;
}

void accessible_journey(const std::string& name, const std::string& size) {
  const std::string dir = output_dir() + "/" + name;
  const std::string script =
      "tap-target start\nexpect-screen home\nscreenshot " + dir +
      "-normal.png\n"
      "tap-target accessible\nexpect-screen home\nscreenshot " +
      dir +
      "-home.png\n"
      "tap-target card:model-region-decision\nexpect-screen contents\n"
      "screenshot " +
      dir +
      "-contents.png\n"
      "tap-target row:3\nexpect-screen reader\nscreenshot " +
      dir +
      "-reader.png\n"
      // Switched off again: the screen is as before.
      "tap-target accessible\nexpect-screen reader\ntap-target home\nexpect-screen home\n"
      "screenshot " +
      dir +
      "-off.png\n"
      // On again, then the visit ends: the next visitor starts in the normal mode.
      "tap-target accessible\nwait 91000\nexpect-screen attract\ntap-target start\n"
      "expect-screen home\nscreenshot " +
      dir + "-next-visitor.png\nquit\n";
  ASSERT_EQ(run_kiosk(name, size, script), 0) << log_of(name);
  expect_matches_golden(name + "-home");
  expect_matches_golden(name + "-contents");
  expect_matches_golden(name + "-reader");
  expect_same_screens(name + "-normal", name + "-off");
  expect_same_screens(name + "-normal", name + "-next-visitor");
}

TEST(KioskAccessible, LandscapeLargeTextForTheVisitOffAgainAndForgotten) {
  accessible_journey("accessible-landscape", "--size 1920x1080");
}

TEST(KioskAccessible, PortraitLargeTextForTheVisitOffAgainAndForgotten) {
  accessible_journey("accessible-portrait", "--size 1080x1920");
}

// [SECTION] The attract loop cross-fades: never a blank frame between two documents

TEST(KioskAttract, TheNextDocumentCrossFadesOverTheLast) {
  const std::string dir = output_dir();
  // Slides change every 8 s and fade over 0.8 s: at 8.4 s both documents are half there.
  const std::string script = "wait 8400\nscreenshot " + dir +
                             "/attract-cross-fade.png\n"
                             "wait 1000\nscreenshot " +
                             dir + "/attract-second.png\nquit\n";
  ASSERT_EQ(run_kiosk("attract-fade", "--size 1920x1080", script), 0) << log_of("attract-fade");
  expect_matches_golden("attract-cross-fade");
  expect_matches_golden("attract-second");
}

// [SECTION] Pressed states: what is under the finger darkens until it lifts

TEST(KioskPressed, ACardAButtonAndARowDarkenUnderTheFinger) {
  const std::string dir = output_dir();
  const std::string script =
      "tap-target start\nexpect-screen home\n"
      "press 300 400\nscreenshot " +
      dir +
      "/pressed-card.png\nlift\nexpect-screen contents\n"
      "press 1840 50\nscreenshot " +
      dir +
      "/pressed-home-button.png\n"
      "drag 1840 50 1840 400 300\nexpect-screen contents\n"
      "screenshot " +
      dir + "/pressed-dragged-away.png\nquit\n";
  ASSERT_EQ(run_kiosk("pressed", "--size 1920x1080", script), 0) << log_of("pressed");
  expect_matches_golden("pressed-card");
  expect_matches_golden("pressed-home-button");
  // Dragged off, the button is drawn as it was: the frame matches the contents' golden.
  auto pressed = render::load_png(dir + "/pressed-home-button.png");
  auto released = render::load_png(dir + "/pressed-dragged-away.png");
  ASSERT_TRUE(pressed.ok() && released.ok());
  const render::Color down = pressed.value().pixel(1880, 16);
  const render::Color up = released.value().pixel(1880, 16);
  EXPECT_LT(down.r + down.g + down.b + 60, up.r + up.g + up.b)
      << "the pressed button is darker than the released one";
}

// After the journey: one visit (ended by the idle timeout), documents and sections counted, and
// nothing else: the tables hold days, times, slugs and section numbers only.
TEST(KioskJourney, StatisticsCountTheVisitAnonymously) {
  ASSERT_EQ(run_kiosk("stats", "--size 1920x1080", journey("stats", kLandscape)), 0)
      << log_of("stats");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2((output_dir() + "/stats-state/state.db").c_str(), &db,
                            SQLITE_OPEN_READONLY, nullptr),
            SQLITE_OK);
  auto count = [&](const char* sql) {
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(db, sql, -1, &statement, nullptr);
    const long long value =
        sqlite3_step(statement) == SQLITE_ROW ? sqlite3_column_int64(statement, 0) : -1;
    sqlite3_finalize(statement);
    return value;
  };
  EXPECT_EQ(count("SELECT count(*) FROM visits"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM visits WHERE ended_ms IS NOT NULL"), 1)
      << "the idle timeout ends the visit";
  EXPECT_EQ(count("SELECT count(*) FROM document_opens WHERE slug = 'model-region-decision'"), 1);
  EXPECT_GE(count("SELECT count(*) FROM section_reads"), 2);
  EXPECT_EQ(count("SELECT count(*) FROM pragma_table_info('visits') WHERE name NOT IN "
                  "('id', 'day', 'started_ms', 'ended_ms')"),
            0);
  sqlite3_close(db);
}

// A whole quiz through the UI: the first question, its feedback, the jump to the cited words
// and the result, with golden screenshots; the script answers A to every question, so the
// score it implies is computed here from the same draw (seed 1, five questions).
void play_quiz(const std::string& name, int width, int height) {
  auto store = firmware::ContentStore::open(KIOSK_FACTORY_CONTENT);
  ASSERT_TRUE(store.ok()) << store.error();
  const auto bank = store.value()->quiz_questions();
  ASSERT_GE(bank.size(), 80U);
  const auto drawn = firmware::draw_questions(bank, firmware::DrawOptions{}, 1);
  ASSERT_EQ(drawn.size(), 5U);
  int expected_score = 0;
  const std::string dir = output_dir() + "/" + name;
  const auto n = [](int value) { return std::to_string(value); };
  std::string script = "tap " + n(width / 2) + " " + n(height / 2) + "\nexpect-screen home\n" +
                       "tap " + n(width - 134) + " 66\nexpect-screen quiz\nscreenshot " + dir +
                       "-question.png\n";
  for (std::size_t k = 0; k < drawn.size(); ++k) {
    const firmware::Question& question = bank[drawn[k]];
    if (question.correct == std::vector<int>{0}) ++expected_score;
    script += question.type == firmware::QuestionType::kMultiple ? "key a\nkey enter\n" : "key a\n";
    script += "expect-screen quiz\n";
    if (k == 0) {
      script += "screenshot " + dir + "-feedback.png\n" + "tap 174 " + n(height - 70) +
                "\nexpect-screen reader\nscreenshot " + dir +
                "-source.png\ntap 140 66\nexpect-screen quiz\n";
    }
    script += "key enter\n";
  }
  script += "expect-screen quiz-result\nscreenshot " + dir + "-result.png\nquit\n";
  ASSERT_EQ(run_kiosk(name, "--size " + n(width) + "x" + n(height), script), 0) << log_of(name);
  for (const char* screen : {"question", "feedback", "source", "result"})
    expect_matches_golden(name + "-" + screen);

  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2((output_dir() + "/" + name + "-state/state.db").c_str(), &db,
                            SQLITE_OPEN_READONLY, nullptr),
            SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(db, "SELECT score, questions FROM quiz_results", -1, &statement, nullptr);
  ASSERT_EQ(sqlite3_step(statement), SQLITE_ROW) << "the finished quiz is counted";
  EXPECT_EQ(sqlite3_column_int(statement, 0), expected_score) << "the score the answers imply";
  EXPECT_EQ(sqlite3_column_int(statement, 1), 5);
  sqlite3_finalize(statement);
  sqlite3_prepare_v2(db, "SELECT count(*) FROM quiz_answers", -1, &statement, nullptr);
  ASSERT_EQ(sqlite3_step(statement), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(statement, 0), 5);
  sqlite3_finalize(statement);
  sqlite3_close(db);
}

TEST(KioskQuiz, AWholeQuizInLandscapeEndsWithTheImpliedScore) {
  play_quiz("quiz-landscape", 1920, 1080);
}
TEST(KioskQuiz, AWholeQuizInPortraitEndsWithTheImpliedScore) {
  play_quiz("quiz-portrait", 1080, 1920);
}

TEST(KioskConfig, ABadLineIsReportedAndTheRestStillApplies) {
  const std::string dir = output_dir();
  testing::write_file(dir + "/bad.toml", "rotate = 45\nidle_timeout_seconds = 20\n");
  ASSERT_EQ(run_kiosk("config", "--size 1280x800 --config " + dir + "/bad.toml",
                      "tap 640 400\nexpect-screen home\nwait 19000\nexpect-screen home\nwait 2000\n"
                      "expect-screen attract\nquit\n"),
            0)
      << log_of("config");
  EXPECT_NE(log_of("config").find("bad.toml:1:"), std::string::npos) << log_of("config");
  EXPECT_NE(log_of("config").find("rotate"), std::string::npos);
}

TEST(KioskOpeningHours, OutsideOpeningHoursTheScreenIsDarkUntilTouched) {
  // Scripted runs take place at 12:00.
  const std::string dir = output_dir();
  testing::write_file(dir + "/closed.toml", "opening_hours = \"08:00-09:00\"\n");
  ASSERT_EQ(run_kiosk("closed", "--size 800x480 --config " + dir + "/closed.toml",
                      "wait 2000\nexpect-screen dark\ntap 400 240\nexpect-screen attract\n"
                      "tap 400 240\nexpect-screen home\nquit\n"),
            0)
      << log_of("closed");
}

TEST(KioskJourney, AWrongExpectationFailsTheRunAndNamesTheLine) {
  EXPECT_EQ(
      run_kiosk("wrong", "--size 1280x800", "expect-screen attract\nexpect-screen reader\nquit\n"),
      1);
  EXPECT_NE(
      log_of("wrong").find("wrong.script:2: expected screen reader, but the screen is attract"),
      std::string::npos)
      << log_of("wrong");
}

TEST(KioskErrors, MissingReleaseShowsTheErrorScreen) {
  // The screen shows the path: one outside the build tree, so the golden is the same in every
  // build directory.
  const std::string dir = output_dir();
  ASSERT_EQ(run_kiosk("missing", "--size 1920x1080 --content /nonexistent/kiosk/content.db",
                      "expect-screen error\nscreenshot " + dir + "/error-missing.png\nquit\n"),
            0)
      << log_of("missing");
  expect_matches_golden("error-missing");
}

TEST(KioskErrors, CorruptReleaseShowsTheErrorScreen) {
  // A fixed path outside the build tree: the screen names it, and the golden must not depend
  // on the build directory.
  const std::string dir = output_dir();
  const std::string corrupt = "/tmp/kiosk-test-corrupt-content.db";
  std::string garbage(4096, '\0');
  for (std::size_t k = 0; k < garbage.size(); ++k) garbage[k] = static_cast<char>((k * 7919) % 251);
  testing::write_file(corrupt, "SQLite format 3" + garbage);
  ASSERT_EQ(
      run_kiosk("corrupt", "--size 1080x1920 --content " + corrupt,
                "expect-screen error\nscreenshot " + dir + "/error-corrupt-portrait.png\nquit\n"),
      0)
      << log_of("corrupt");
  EXPECT_NE(log_of("corrupt").find(corrupt), std::string::npos) << "the message names the file";
  expect_matches_golden("error-corrupt-portrait");
}

TEST(KioskRotation, APortraitPanelTurnedShowsTheLandscapeUiAndTakesItsTouches) {
  // The panel is 1080×1920 and mounted turned: the UI is 1920×1080, drawn turned 90° clockwise.
  // The same taps (UI coordinates) as on a landscape panel reach the same screens.
  const std::string dir = output_dir();
  ASSERT_EQ(run_kiosk("rotated", "--size 1080x1920 --rotate 90",
                      "tap 960 540\nexpect-screen home\nscreenshot " + dir +
                          "/rotated-home.png\n"
                          "tap 300 400\nexpect-screen contents\nquit\n"),
            0)
      << log_of("rotated");
  ASSERT_EQ(run_kiosk("unrotated", "--size 1920x1080",
                      "tap 960 540\nexpect-screen home\nscreenshot " + dir +
                          "/unrotated-home.png\nquit\n"),
            0);
  auto rotated = render::load_png(dir + "/rotated-home.png");
  auto upright = render::load_png(dir + "/unrotated-home.png");
  ASSERT_TRUE(rotated.ok() && upright.ok());
  ASSERT_EQ(rotated->width, 1080);
  ASSERT_EQ(rotated->height, 1920);
  // Turn the landscape image 90° clockwise: UI pixel (x, y) lands on panel (H - 1 - y, x).
  render::Image turned;
  turned.width = upright->height;
  turned.height = upright->width;
  turned.rgba.resize(static_cast<std::size_t>(turned.width) * turned.height * 4);
  for (int y = 0; y < upright->height; ++y) {
    for (int x = 0; x < upright->width; ++x) {
      const std::size_t from = (static_cast<std::size_t>(y) * upright->width + x) * 4;
      const std::size_t to =
          (static_cast<std::size_t>(x) * turned.width + (turned.width - 1 - y)) * 4;
      std::copy_n(&upright->rgba[from], 4, &turned.rgba[to]);
    }
  }
  const auto comparison = render::compare_images(turned, rotated.value());
  EXPECT_TRUE(comparison.passed) << comparison.message;
}

// [SECTION] USB refresh and the admin screen

// A stick: a folder with KIOSK/content.db, a copy of the factory release made version
// `version`, with the first document's title and first paragraph marked as new, signed with
// the committed test-only key (tests/data/minisign).
// A key the kiosk does not trust, the same in every run (its id is on the refused screen).
firmware::signature::SecretKey other_key() {
  firmware::signature::SecretKey key;
  std::array<unsigned char, crypto_sign_SEEDBYTES> seed{};
  seed.fill(7);
  std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> public_key{};
  crypto_sign_seed_keypair(public_key.data(), key.key.data(), seed.data());
  key.id = {0x4b, 0x49, 0x4f, 0x53, 0x4b, 0x54, 0x53, 0x54};
  return key;
}

std::string make_stick(const std::string& name, int version, bool trusted_key = true) {
  const std::string stick = output_dir() + "/" + name + "-stick";
  fs::remove_all(stick);
  fs::create_directories(stick + "/KIOSK");
  const std::string bundle = stick + "/KIOSK/content.db";
  fs::copy_file(KIOSK_FACTORY_CONTENT, bundle);
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(bundle.c_str(), &db), SQLITE_OK);
  const std::string change =
      "UPDATE meta SET value = '" + std::to_string(version) +
      "' WHERE key = 'content_version';"
      "UPDATE documents SET title_zh = '（第二版）' || title_zh WHERE display_order = "
      "(SELECT min(display_order) FROM documents);"
      "UPDATE paragraphs SET text = '（第二版新增内容）' || text WHERE node_id IN (SELECT "
      "min(p.node_id) "
      "FROM paragraphs p JOIN nodes n ON n.id = p.node_id JOIN documents d ON d.id = n.document_id "
      "GROUP BY d.id);";
  EXPECT_EQ(sqlite3_exec(db, change.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
      << sqlite3_errmsg(db);
  sqlite3_close(db);
  auto key = trusted_key
                 ? firmware::signature::parse_secret_key(testing::read_file(
                       std::string(KIOSK_TESTS_DIR) + "/data/minisign/test-only-DO-NOT-USE.key"))
                 : text::Result<firmware::signature::SecretKey>(other_key());
  EXPECT_TRUE(key.ok());
  auto hash = firmware::signature::hash_file(bundle);
  EXPECT_TRUE(hash.ok());
  const auto signed_bundle = firmware::signature::sign(
      hash.value(), key.value(), "timestamp:0\tcontent_version:" + std::to_string(version));
  testing::write_file(bundle + ".minisig", firmware::signature::format_signature(signed_bundle));
  return stick;
}

std::string test_pubkey() { return std::string(KIOSK_TESTS_DIR) + "/data/minisign/test-only.pub"; }

// The acceptance run: a folder standing in for a stick is found, the progress and then the
// result are shown, and the reader shows the new release's text.
TEST(KioskRefresh, AStickShowsProgressThenTheResultAndTheReaderShowsTheNewContent) {
  const std::string dir = output_dir();
  const std::string stick = make_stick("refresh", 2);
  const std::string media = dir + "/refresh-media";
  fs::remove_all(media);
  fs::create_directories(media);
  fs::rename(stick, media + "/stick");
  const std::string state = dir + "/refresh-state";
  const std::string during =
      "wait 40\n"
      "expect-screen refresh\n"
      "screenshot " +
      dir +
      "/refresh-progress.png\n"
      "wait 2000\n"
      "expect-screen refresh\n"
      "screenshot " +
      dir +
      "/refresh-done.png\n"
      "tap 1700 1000\n"  // OK
      "expect-screen attract\n"
      "tap 960 540\n"
      "expect-screen home\n"
      "screenshot " +
      dir +
      "/refresh-home-after.png\n"
      "tap 300 400\n"
      "expect-screen contents\n"
      "tap 700 400\n"
      "expect-screen reader\n"
      "screenshot " +
      dir +
      "/refresh-reader-after.png\n"
      "quit\n";
  ASSERT_EQ(
      run_kiosk("refresh", "--size 1920x1080 --usb-root " + media + " --pubkey " + test_pubkey(),
                during),
      0)
      << log_of("refresh");
  expect_matches_golden("refresh-progress");
  expect_matches_golden("refresh-done");
  expect_matches_golden("refresh-home-after");
  expect_matches_golden("refresh-reader-after");
  // Installed: the next start shows version 2 without the stick.
  EXPECT_EQ(fs::read_symlink(state + "/releases/current").string(), "r2-1");
  fs::remove_all(media + "/stick");
}

TEST(KioskRefresh, ARefusedBundleSaysWhyInBothScriptsAndKeepsTheContent) {
  const std::string dir = output_dir();
  const std::string media = dir + "/refused-media";
  fs::remove_all(media);
  fs::create_directories(media);
  fs::rename(make_stick("refused", 2, false), media + "/stick");
  ASSERT_EQ(
      run_kiosk("refused", "--size 1080x1920 --usb-root " + media + " --pubkey " + test_pubkey(),
                "wait 2000\nexpect-screen refresh\nscreenshot " + dir +
                    "/refresh-refused-portrait.png\n"
                    "key enter\nexpect-screen attract\nquit\n"),
      0)
      << log_of("refused");
  expect_matches_golden("refresh-refused-portrait");
  EXPECT_FALSE(fs::exists(dir + "/refused-state/releases/current"));
  const std::string history = testing::read_file(dir + "/refused-state/refresh-history.tsv");
  EXPECT_NE(history.find("untrusted-key"), std::string::npos) << history;
}

TEST(KioskAdmin, ALongPressInTheCornerAndThePinOpenTheAdminScreen) {
  const std::string dir = output_dir();
  const std::string media = dir + "/admin-media";
  fs::remove_all(media);
  fs::create_directories(media);
  // Version 2 installed before, version 3 on the stick: after the refresh there is a previous
  // release to roll back to.
  const std::string state = dir + "/admin-custom-state";
  fs::remove_all(state);
  const std::string older = make_stick("admin-older", 2);
  firmware::RefreshOptions options;
  options.state_dir = state;
  options.trusted_keys = {
      firmware::signature::parse_public_key(testing::read_file(test_pubkey())).value()};
  options.unix_clock = [] { return std::int64_t{1796126400}; };  // as the scripted kiosk's
  ASSERT_TRUE(firmware::install_bundle(older + "/KIOSK/content.db", options, 1).ok());
  fs::rename(make_stick("admin", 3), media + "/stick");
  // PIN 2468; the config names the key file and the stick folder.
  testing::write_file(dir + "/admin.toml",
                      "admin_pin_sha256 = "
                      "\"a1fb4e703a9ef1fa4936801721ff285a97ac85330856674412e054892afe6972\"\n"
                      "refresh_public_keys = [\"" +
                          test_pubkey() +
                          "\"]\n"
                          "usb_mount_roots = [\"" +
                          media + "\"]\n" + "usb_remount_helper = \"" + dir + "/remount.sh\"\n");
  // A remount helper that notes how it was called (the device's asks systemd to remount).
  testing::write_file(dir + "/remount.sh",
                      "#!/bin/sh\necho \"$1 $2\" >> " + dir + "/remount.log\n");
  fs::permissions(dir + "/remount.sh", fs::perms::owner_all);
  fs::remove(dir + "/remount.log");
  // The PIN pad's keys in the 1920×1080 layout: 1 2 3 / 4 5 6 / 7 8 9 / delete 0 ok.
  const std::string script =
      "wait 2000\nexpect-screen refresh\nkey enter\nexpect-screen attract\n"
      "long-press 30 30\nexpect-screen attract\n"  // 1 s is not the staff's 3-s hold
      "hold 30 30 3200\nexpect-screen pin\n"
      "screenshot " +
      dir +
      "/admin-pin.png\n"
      // A wrong PIN keeps the pad.
      "key enter\nexpect-screen pin\n"
      "tap 964 316\ntap 795 485\ntap 1133 485\ntap 964 654\nkey enter\n"
      "expect-screen admin\n"
      "screenshot " +
      dir +
      "/admin.png\n"
      "tap 260 1000\n"  // export statistics
      "expect-screen admin\n"
      "tap 720 1000\n"  // roll back to the factory release
      "expect-screen admin\n"
      "screenshot " +
      dir +
      "/admin-rolled-back.png\n"
      "tap 1180 1000\n"  // restart: the program ends here
      "wait 100\nexpect-screen home\nquit\n";
  const int status = run_kiosk(
      "admin", "--size 1920x1080 --config " + dir + "/admin.toml --state-dir " + state, script);
  ASSERT_EQ(status, 0) << log_of("admin");
  // The restart ended the run there: the last lines of the script were never reached.
  EXPECT_NE(log_of("admin").find("restart asked for on the admin screen"), std::string::npos)
      << log_of("admin");
  expect_matches_golden("admin-pin");
  expect_matches_golden("admin");
  expect_matches_golden("admin-rolled-back");
  // The export: one folder of CSV files on the stick, and a record in the history.
  bool exported = false;
  for (const auto& entry : fs::directory_iterator(media + "/stick/KIOSK")) {
    if (entry.path().filename().string().rfind("statistics-", 0) == 0) {
      exported =
          fs::exists(entry.path() / "visits.csv") &&
          testing::read_file((entry.path() / "visits.csv").string()).rfind("id,day,", 0) == 0;
    }
  }
  EXPECT_TRUE(exported);
  // Writable for the export only: rw before, ro after.
  EXPECT_EQ(testing::read_file(dir + "/remount.log"),
            "rw " + media + "/stick\nro " + media + "/stick\n");
  const std::string history = testing::read_file(state + "/refresh-history.tsv");
  EXPECT_NE(history.find("\texport\t"), std::string::npos) << history;
  EXPECT_NE(history.find("\trollback\t"), std::string::npos) << history;
  // Rolled back: version 2 is current again, version 3 kept as the previous one.
  EXPECT_EQ(fs::read_symlink(state + "/releases/current").string(), "r2-1");
  EXPECT_EQ(fs::read_symlink(state + "/releases/previous").string(), "r3-1");
}

TEST(KioskAdmin, WithoutAPublicKeyRefreshIsOffAndTheScreensSaySo) {
  const std::string dir = output_dir();
  const std::string media = dir + "/nokey-media";
  fs::remove_all(media);
  fs::create_directories(media);
  fs::rename(make_stick("nokey", 2), media + "/stick");
  testing::write_file(dir + "/nokey.toml",
                      "admin_pin_sha256 = "
                      "\"a1fb4e703a9ef1fa4936801721ff285a97ac85330856674412e054892afe6972\"\n"
                      "usb_mount_roots = [\"" +
                          media + "\"]\n");
  const std::string script = "wait 2000\nexpect-screen refresh\nscreenshot " + dir +
                             "/refresh-disabled.png\n"
                             "key enter\nexpect-screen attract\n"
                             "hold 30 30 3200\nexpect-screen pin\n"
                             "tap 964 316\ntap 795 485\ntap 1133 485\ntap 964 654\nkey enter\n"
                             "expect-screen admin\nscreenshot " +
                             dir + "/admin-refresh-off.png\nquit\n";
  ASSERT_EQ(run_kiosk("nokey", "--size 1920x1080 --config " + dir + "/nokey.toml", script), 0)
      << log_of("nokey");
  expect_matches_golden("refresh-disabled");
  expect_matches_golden("admin-refresh-off");
  EXPECT_FALSE(fs::exists(dir + "/nokey-state/releases/current"));
}

// A visitor who holds 返回 (top left, where the staff's corner is on the attract loop) gets no
// PIN pad, however long: the staff's hold works on the attract loop alone.
TEST(KioskAdmin, HoldingTheBackButtonNeverOpensThePinPad) {
  const std::string dir = output_dir();
  testing::write_file(dir + "/hold.toml",
                      "admin_pin_sha256 = "
                      "\"a1fb4e703a9ef1fa4936801721ff285a97ac85330856674412e054892afe6972\"\n");
  const std::string script =
      "expect-screen attract\ntap 960 540\nexpect-screen home\n"
      "hold 30 30 4000\nexpect-screen home\n"
      "tap 300 400\nexpect-screen contents\n"
      "hold 60 60 4000\nexpect-screen contents\n"
      "tap-target row:2\nexpect-screen reader\n"
      "hold 60 60 4000\nexpect-screen reader\n"
      "tap 1840 66\nexpect-screen home\n"
      "wait 91000\nexpect-screen attract\n"
      "hold 30 30 3200\nexpect-screen pin\nquit\n";
  ASSERT_EQ(run_kiosk("hold", "--size 1920x1080 --config " + dir + "/hold.toml", script), 0)
      << log_of("hold");
}

// [SECTION] The service manager: readiness and the watchdog (sd_notify)

TEST(KioskService, ReadyAfterTheFirstFrameThenTheLoopFeedsTheWatchdog) {
  // A stand-in for systemd's notify socket: the messages the kiosk sends as a service.
  const std::string socket_path = output_dir() + "/notify.socket";
  fs::remove(socket_path);
  const int receiver = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0);
  ASSERT_GE(receiver, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  ASSERT_LT(socket_path.size(), sizeof address.sun_path);
  std::copy(socket_path.begin(), socket_path.end(), address.sun_path);
  ASSERT_EQ(::bind(receiver, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  // Read as systemd does, while the kiosk runs: a datagram socket queues only a few messages
  // (net.unix.max_dgram_qlen) before the sender blocks.
  std::vector<std::string> messages;
  std::atomic<bool> done{false};
  std::thread reader([&] {
    char buffer[512];
    while (true) {
      const ssize_t got = ::recv(receiver, buffer, sizeof buffer, 0);
      if (got > 0) {
        messages.emplace_back(buffer, static_cast<std::size_t>(got));
      } else if (done) {
        break;
      } else {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
    }
  });
  // WatchdogSec=2: the loop must wake and feed it at least every second, also while idle.
  ::setenv("NOTIFY_SOCKET", socket_path.c_str(), 1);
  ::setenv("WATCHDOG_USEC", "2000000", 1);
  const int status = run_kiosk("service", "--size 1280x800", "wait 10000\nquit\n");
  ::unsetenv("NOTIFY_SOCKET");
  ::unsetenv("WATCHDOG_USEC");
  done = true;
  reader.join();
  ::close(receiver);
  ASSERT_EQ(status, 0) << log_of("service");
  ASSERT_FALSE(messages.empty()) << "the kiosk told the service manager nothing";
  EXPECT_EQ(messages.front(), "READY=1");
  const auto fed = std::count(messages.begin(), messages.end(), std::string("WATCHDOG=1"));
  // 10 s of simulated idle time with a 2 s watchdog: fed about once a second (every half
  // period), not once a frame.
  EXPECT_GE(fed, 10) << ::testing::PrintToString(messages);
  EXPECT_LE(fed, 12) << ::testing::PrintToString(messages);
  EXPECT_NE(
      std::find(messages.begin(), messages.end(), std::string("STATUS=showing content version 1")),
      messages.end())
      << ::testing::PrintToString(messages);
}

TEST(KioskInstall, TheCommandLineInstallsAndRefusesWithOneLine) {
  const std::string dir = output_dir();
  const std::string stick = make_stick("install", 2);
  const std::string state = dir + "/install-cli-state";
  fs::remove_all(state);
  auto install = [&](const std::string& extra) {
    const std::string command = std::string(KIOSK_PROGRAM) + " --install " + stick +
                                "/KIOSK/content.db --state-dir " + state + " " + extra + " > " +
                                dir + "/install.log 2>&1";
    const int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  };
  EXPECT_EQ(install(""), 1) << "no key: refresh is off";
  EXPECT_NE(testing::read_file(dir + "/install.log").find("disabled"), std::string::npos);
  EXPECT_EQ(install("--pubkey " + test_pubkey()), 0) << testing::read_file(dir + "/install.log");
  EXPECT_EQ(testing::read_file(dir + "/install.log"),
            "kiosk: installed content version 2 from " + stick + "/KIOSK/content.db\n");
  EXPECT_EQ(install("--pubkey " + test_pubkey()), 1);
  EXPECT_NE(testing::read_file(dir + "/install.log").find("not newer"), std::string::npos);
  EXPECT_EQ(install("--pubkey " + test_pubkey() + " --allow-not-newer"), 0);
}

}  // namespace
}  // namespace kiosk
