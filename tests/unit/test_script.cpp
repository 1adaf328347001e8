// The --script parser: exactly the grammar in script.h, errors that name file and line, and no
// crash on any input.
#include <gtest/gtest.h>

#include <random>

#include "firmware/script/script.h"

namespace kiosk::firmware {
namespace {

using Kind = ScriptCommand::Kind;

// The error for a one-line script, as the runner would print it.
std::string error_for(const std::string& text) {
  std::vector<ScriptCommand> commands;
  ScriptError error;
  if (parse_script("journey.txt", text, commands, error)) return "(parsed)";
  EXPECT_TRUE(commands.empty());
  return error.to_string();
}

// [SECTION] Good scripts

TEST(Script, ParsesEveryCommand) {
  const std::string text =
      "# a journey through the kiosk\r\n"
      "\n"
      "expect-screen attract\n"
      "tap 540 960\n"
      "long-press 10 20   # opens the admin screen\n"
      "\tdrag 100 1500 100 300 400\n"
      "fling 0 0 1079 1919 1\n"
      "key pagedown\n"
      "wait 0\n"
      "wait 90000\r\n"
      "screenshot out/reader-1080x1920.png\n"
      "quit";  // no newline at the end
  std::vector<ScriptCommand> commands;
  ScriptError error;
  ASSERT_TRUE(parse_script("journey.txt", text, commands, error)) << error.to_string();
  ASSERT_EQ(commands.size(), 10U);

  EXPECT_EQ(commands[0].kind, Kind::kExpectScreen);
  EXPECT_EQ(commands[0].argument, "attract");
  EXPECT_EQ(commands[0].line, 3);

  EXPECT_EQ(commands[1].kind, Kind::kTap);
  EXPECT_EQ(commands[1].x1, 540);
  EXPECT_EQ(commands[1].y1, 960);

  EXPECT_EQ(commands[2].kind, Kind::kLongPress);
  EXPECT_EQ(commands[2].x1, 10);
  EXPECT_EQ(commands[2].y1, 20);

  EXPECT_EQ(commands[3].kind, Kind::kDrag);
  EXPECT_EQ(commands[3].x1, 100);
  EXPECT_EQ(commands[3].y1, 1500);
  EXPECT_EQ(commands[3].x2, 100);
  EXPECT_EQ(commands[3].y2, 300);
  EXPECT_EQ(commands[3].milliseconds, 400);

  EXPECT_EQ(commands[4].kind, Kind::kFling);
  EXPECT_EQ(commands[4].x2, 1079);
  EXPECT_EQ(commands[4].y2, 1919);
  EXPECT_EQ(commands[4].milliseconds, 1);

  EXPECT_EQ(commands[5].kind, Kind::kKey);
  EXPECT_EQ(commands[5].argument, "pagedown");

  EXPECT_EQ(commands[6].kind, Kind::kWait);
  EXPECT_EQ(commands[6].milliseconds, 0);
  EXPECT_EQ(commands[7].milliseconds, 90000);
  EXPECT_EQ(commands[7].line, 10);

  EXPECT_EQ(commands[8].kind, Kind::kScreenshot);
  EXPECT_EQ(commands[8].argument, "out/reader-1080x1920.png");

  EXPECT_EQ(commands[9].kind, Kind::kQuit);
  EXPECT_EQ(commands[9].line, 12);
}

TEST(Script, LayoutCommandsTakeOneWord) {
  std::vector<ScriptCommand> commands;
  ScriptError error;
  ASSERT_TRUE(parse_script("layout.txt", "dump-layout out/home.json\ntap-target card:doc-1\n",
                           commands, error))
      << error.to_string();
  ASSERT_EQ(commands.size(), 2U);
  EXPECT_EQ(commands[0].kind, Kind::kDumpLayout);
  EXPECT_EQ(commands[0].argument, "out/home.json");
  EXPECT_EQ(commands[1].kind, Kind::kTapTarget);
  EXPECT_EQ(commands[1].argument, "card:doc-1");
  EXPECT_EQ(error_for("tap-target\n"), "journey.txt:1: tap-target needs a target's id");
  EXPECT_EQ(error_for("dump-layout a.json b.json\n"),
            "journey.txt:1: dump-layout takes a file name without spaces ('b.json' is left over)");
}

TEST(Script, HoldTakesAPlaceAndATime) {
  std::vector<ScriptCommand> commands;
  ScriptError error;
  ASSERT_TRUE(parse_script("hold.txt", "hold 30 40 3200\n", commands, error)) << error.to_string();
  ASSERT_EQ(commands.size(), 1U);
  EXPECT_EQ(commands[0].kind, Kind::kHold);
  EXPECT_EQ(commands[0].x1, 30);
  EXPECT_EQ(commands[0].y1, 40);
  EXPECT_EQ(commands[0].milliseconds, 3200);
  EXPECT_EQ(error_for("hold 30 40\n"), "journey.txt:1: hold needs X Y MS (got 2 numbers)");
  EXPECT_EQ(error_for("hold 30 40 0\n"),
            "journey.txt:1: hold needs a time MS of at least 1 millisecond");
}

TEST(Script, EveryKeyNameIsAccepted) {
  for (const char* key : {"left", "right", "up", "down", "pageup", "pagedown", "escape", "home"}) {
    EXPECT_EQ(error_for(std::string("key ") + key), "(parsed)") << key;
  }
}

TEST(Script, AnEmptyScriptHasNoCommands) {
  std::vector<ScriptCommand> commands(3);
  ScriptError error;
  EXPECT_TRUE(parse_script("empty.txt", "\n  \n# nothing\n", commands, error));
  EXPECT_TRUE(commands.empty());
}

// [SECTION] Errors name file and line

TEST(Script, WrongNumberCountNamesTheLine) {
  EXPECT_EQ(error_for("tap 1 2\nwait 10\ndrag 1 2 3\n"),
            "journey.txt:3: drag needs X1 Y1 X2 Y2 MS (got 3 numbers)");
  EXPECT_EQ(error_for("tap 1"), "journey.txt:1: tap needs X Y (got 1 number)");
  EXPECT_EQ(error_for("tap 1 2 3"), "journey.txt:1: tap needs X Y (got 3 numbers)");
  EXPECT_EQ(error_for("wait"), "journey.txt:1: wait needs MS (got 0 numbers)");
}

TEST(Script, EachMistakeHasItsMessage) {
  EXPECT_EQ(
      error_for("tapp 1 2"),
      "journey.txt:1: unknown command 'tapp' (the commands are tap, long-press, hold, press, lift, "
      "drag, "
      "fling, key, wait, screenshot, dump-layout, tap-target, expect-screen, open-longest, "
      "quit)");
  EXPECT_EQ(error_for("wait -5"), "journey.txt:1: wait: the time cannot be negative (got -5)");
  EXPECT_EQ(error_for("tap -1 4"), "journey.txt:1: tap: a number cannot be negative (got -1)");
  EXPECT_EQ(error_for("screenshot"), "journey.txt:1: screenshot needs a file name");
  EXPECT_EQ(error_for("screenshot   # later"), "journey.txt:1: screenshot needs a file name");
  EXPECT_EQ(error_for("screenshot a.png b.png"),
            "journey.txt:1: screenshot takes a file name without spaces ('b.png' is left over)");
  EXPECT_EQ(error_for("expect-screen"), "journey.txt:1: expect-screen needs a screen name");
  EXPECT_EQ(error_for("quit now"),
            "journey.txt:1: quit takes nothing after it ('now' is left "
            "over)");
  EXPECT_EQ(error_for("tap 1 2 please"), "journey.txt:1: tap needs X Y ('please' is left over)");
  EXPECT_EQ(error_for("tap 1 x"), "journey.txt:1: tap needs X Y ('x' is not a whole number)");
  EXPECT_EQ(error_for("wait 1.5"), "journey.txt:1: wait needs MS ('1.5' is not a whole number)");
  EXPECT_EQ(error_for("wait +5"), "journey.txt:1: wait needs MS ('+5' is not a whole number)");
  EXPECT_EQ(error_for("wait 99999999999"), "journey.txt:1: wait: '99999999999' is too large");
  EXPECT_EQ(error_for("drag 1 2 3 4 0"),
            "journey.txt:1: drag needs a time MS of at least 1 millisecond");
  EXPECT_EQ(error_for("key space"),
            "journey.txt:1: unknown key 'space' (the keys are left, right, up, down, pageup, "
            "pagedown, escape, home, enter, a, b, c, d, e, f)");
  // Commands are lower case, as written in script.h.
  EXPECT_NE(error_for("Tap 1 2").find("unknown command 'Tap'"), std::string::npos);
}

TEST(Script, ControlBytesAndLongWordsStayReadableInMessages) {
  EXPECT_EQ(
      error_for(std::string("t\x01p", 3)),
      "journey.txt:1: unknown command 't\\x01p' (the commands are tap, long-press, hold, press, "
      "lift, drag, "
      "fling, key, wait, screenshot, dump-layout, tap-target, expect-screen, open-longest, "
      "quit)");
  const std::string message = error_for("tap 1 " + std::string(500, 'z'));
  EXPECT_LT(message.size(), 120U);
  EXPECT_NE(message.find("zzz...'"), std::string::npos);
}

TEST(Script, TheFirstBadLineStopsTheParse) {
  std::vector<ScriptCommand> commands;
  ScriptError error;
  EXPECT_FALSE(parse_script("j.txt", "tap 1 2\nwait 5\nbogus\nquit oops\n", commands, error));
  EXPECT_EQ(error.line, 3);
  EXPECT_EQ(error.file, "j.txt");
  EXPECT_TRUE(commands.empty());  // a half-parsed script is not half run
}

// [SECTION] Fuzz-ish: whatever the bytes, the parser answers

void expect_sane(const std::string& text) {
  std::vector<ScriptCommand> commands;
  ScriptError error;
  const bool ok = parse_script("fuzz.txt", text, commands, error);
  if (ok) {
    int previous_line = 0;
    for (const ScriptCommand& command : commands) {
      EXPECT_GT(command.line, previous_line);
      previous_line = command.line;
      EXPECT_GE(command.x1, 0);
      EXPECT_GE(command.milliseconds, 0);
    }
  } else {
    EXPECT_GE(error.line, 1);
    EXPECT_FALSE(error.message.empty());
    EXPECT_EQ(error.to_string().rfind("fuzz.txt:", 0), 0U);
    EXPECT_TRUE(commands.empty());
  }
}

TEST(Script, RandomBytesNeverCrashTheParser) {
  std::mt19937 random(20240501);  // fixed seed: a failure reproduces
  std::uniform_int_distribution<int> length(0, 300);
  std::uniform_int_distribution<int> byte(0, 255);
  for (int round = 0; round < 20'000; ++round) {
    std::string text(static_cast<std::size_t>(length(random)), '\0');
    for (char& c : text) c = static_cast<char>(byte(random));
    expect_sane(text);
    if (HasFailure()) {
      ADD_FAILURE() << "round " << round;
      return;
    }
  }
}

TEST(Script, MutatedScriptsNeverCrashTheParser) {
  // Random bytes rarely form a command; splicing pieces of real ones reaches the deeper paths.
  const std::vector<std::string> pieces = {"tap",
                                           "long-press",
                                           "drag",
                                           "fling",
                                           "key",
                                           "wait",
                                           "screenshot",
                                           "expect-screen",
                                           "quit",
                                           "0",
                                           "1",
                                           "-1",
                                           "2147483647",
                                           "2147483648",
                                           "99999999999999999999",
                                           "home",
                                           "a.png",
                                           "#",
                                           " ",
                                           "\t",
                                           "\n",
                                           "\r\n",
                                           std::string(1, '\0'),
                                           "1.5",
                                           "+3",
                                           "-",
                                           "x"};
  std::mt19937 random(7);
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
  std::uniform_int_distribution<int> count(0, 40);
  int parsed = 0;
  for (int round = 0; round < 20'000; ++round) {
    std::string text;
    const int n = count(random);
    for (int i = 0; i < n; ++i) {
      text += pieces[pick(random)];
      if (i % 2 == 0) text += ' ';
    }
    std::vector<ScriptCommand> commands;
    ScriptError error;
    parsed += parse_script("fuzz.txt", text, commands, error) ? 1 : 0;
    expect_sane(text);
    if (HasFailure()) {
      ADD_FAILURE() << "round " << round;
      return;
    }
  }
  EXPECT_GT(parsed, 0);  // the mutations do reach valid scripts too
}

}  // namespace
}  // namespace kiosk::firmware
