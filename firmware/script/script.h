// Scripted runs: a text file of commands that drives the kiosk for tests and demos, one
// command a line, '#' comments. Time in a scripted run is simulated, so runs are reproducible.
//
//   tap X Y                  a short touch
//   long-press X Y           a touch held for 1 s
//   hold X Y MS              a touch held for MS milliseconds (the staff's 3-s hold)
//   press X Y                a finger lands and stays (screenshots of pressed states)
//   lift                     the finger that pressed lifts where it is
//   drag X1 Y1 X2 Y2 MS      press, move in a straight line over MS milliseconds, release
//   fling X1 Y1 X2 Y2 MS     like drag, released while moving (inertia takes over)
//   key NAME                 a key: left, right, up, down, pageup, pagedown, escape, home,
//                            enter, a to f (a quiz's choices)
//   wait MS                  let simulated time pass
//   screenshot FILE          save the current screen as PNG
//   dump-layout FILE         write the current screen's layout as JSON: its touch targets and
//                            texts with their rectangles (tests check sizes and overlaps)
//   tap-target ID            tap the middle of the touch target ID (as dump-layout names it),
//                            so one script serves every display size
//   expect-screen NAME       fail unless the current screen is NAME (attract, home, ...)
//   open-longest SLUG        open the reader at the document's longest section (benchmarks)
//   quit                     end the run
//
// Words are separated by spaces or tabs; '#' starts a comment that runs to the end of the line;
// blank lines are skipped. Numbers are whole and not negative; a drag or fling takes at least
// 1 ms. Coordinates are in the display's pixels as the visitor sees it (after rotation); the
// parser does not know the display, so the runner checks that they fall on it. Key names are
// checked here; screen names are not (the screens belong to ui/).
#pragma once

#include <string>
#include <vector>

namespace kiosk::firmware {

struct ScriptCommand {
  enum class Kind {
    kTap,
    kLongPress,
    kHold,
    kPress,
    kLift,
    kDrag,
    kFling,
    kKey,
    kWait,
    kScreenshot,
    kDumpLayout,
    kTapTarget,
    kExpectScreen,
    kOpenLongest,
    kQuit
  };
  Kind kind = Kind::kQuit;
  int line = 0;  // 1-based line in the script file
  int x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  int milliseconds = 0;
  std::string argument;  // key name, file, screen name
};

struct ScriptError {
  std::string file;
  int line = 0;
  std::string message;
  [[nodiscard]] std::string to_string() const;  // "file:line: message"
};

// Parses a whole script; on the first bad line returns false, fills `error` and leaves
// `commands` empty (a half-parsed script must not be half run). `file` is only for messages.
bool parse_script(const std::string& file, const std::string& text,
                  std::vector<ScriptCommand>& commands, ScriptError& error);

}  // namespace kiosk::firmware
