// The script parser: one command a line, words separated by spaces or tabs, '#' starting a
// comment (a whole line, or the rest of one). Strict on purpose: a test script that says
// something the parser has to guess at would make a test that passes for the wrong reason.
#include "firmware/script/script.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <string_view>

namespace kiosk::firmware {

namespace {

// [SECTION] Words

using Kind = ScriptCommand::Kind;

struct Grammar {
  const char* name;
  Kind kind;
  int numbers;        // how many numbers follow the command
  const char* usage;  // for "drag needs X1 Y1 X2 Y2 MS"
  bool takes_word;    // a key name, file or screen name follows instead
};

constexpr Grammar kGrammar[] = {
    {"tap", Kind::kTap, 2, "X Y", false},
    {"long-press", Kind::kLongPress, 2, "X Y", false},
    {"hold", Kind::kHold, 3, "X Y MS", false},
    {"press", Kind::kPress, 2, "X Y", false},
    {"lift", Kind::kLift, 0, "", false},
    {"drag", Kind::kDrag, 5, "X1 Y1 X2 Y2 MS", false},
    {"fling", Kind::kFling, 5, "X1 Y1 X2 Y2 MS", false},
    {"key", Kind::kKey, 0, "a key name", true},
    {"wait", Kind::kWait, 1, "MS", false},
    {"screenshot", Kind::kScreenshot, 0, "a file name", true},
    {"dump-layout", Kind::kDumpLayout, 0, "a file name", true},
    {"tap-target", Kind::kTapTarget, 0, "a target's id", true},
    {"expect-screen", Kind::kExpectScreen, 0, "a screen name", true},
    {"open-longest", Kind::kOpenLongest, 0, "a document slug", true},
    {"quit", Kind::kQuit, 0, "", false},
};

constexpr const char* kKeys[] = {"left",     "right",  "up",   "down",  "pageup",
                                 "pagedown", "escape", "home", "enter", "a",
                                 "b",        "c",      "d",    "e",     "f"};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

// The line's words up to a comment. A word is any run of non-space bytes, so file names may
// hold any byte but spaces and '#' at their start.
std::vector<std::string_view> split_words(std::string_view line) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && is_space(line[i])) ++i;
    if (i == line.size() || line[i] == '#') break;
    const std::size_t start = i;
    while (i < line.size() && !is_space(line[i])) ++i;
    words.push_back(line.substr(start, i - start));
  }
  return words;
}

// A word as it goes into a message: quoted, control bytes escaped, long words shortened, so a
// binary file fed in by mistake still gives a readable one-line error.
std::string shown(std::string_view word) {
  constexpr std::size_t kMax = 40;
  std::string out = "'";
  for (std::size_t i = 0; i < word.size() && i < kMax; ++i) {
    const auto byte = static_cast<unsigned char>(word[i]);
    if (byte < 0x20 || byte == 0x7f) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\x%02x", byte);
      out += escaped;
    } else {
      out += static_cast<char>(byte);
    }
  }
  if (word.size() > kMax) out += "...";
  return out + "'";
}

enum class NumberProblem { kNone, kNegative, kNotANumber, kTooLarge };

// A non-negative decimal integer that fits an int: digits only, no sign, no fraction.
NumberProblem read_number(std::string_view word, int& value) {
  if (word.size() > 1 && word[0] == '-' &&
      std::all_of(word.begin() + 1, word.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return NumberProblem::kNegative;
  }
  if (word.empty() ||
      !std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return NumberProblem::kNotANumber;
  }
  const auto result = std::from_chars(word.data(), word.data() + word.size(), value);
  if (result.ec == std::errc::result_out_of_range) return NumberProblem::kTooLarge;
  return result.ec == std::errc{} ? NumberProblem::kNone : NumberProblem::kNotANumber;
}

// [SECTION] One line

// Fills `command` from the words of one line, or returns the message saying what is wrong.
std::string parse_line(const std::vector<std::string_view>& words, ScriptCommand& command) {
  const std::string_view name = words.front();
  const auto* grammar = std::find_if(std::begin(kGrammar), std::end(kGrammar),
                                     [&](const Grammar& g) { return name == g.name; });
  if (grammar == std::end(kGrammar)) {
    std::string known;
    for (const Grammar& g : kGrammar) known += (known.empty() ? "" : ", ") + std::string(g.name);
    return "unknown command " + shown(name) + " (the commands are " + known + ")";
  }
  command.kind = grammar->kind;
  const std::size_t arguments = words.size() - 1;

  if (grammar->takes_word) {
    if (arguments == 0) return std::string(grammar->name) + " needs " + grammar->usage;
    if (arguments > 1) {
      return std::string(grammar->name) + " takes " + grammar->usage + " without spaces (" +
             shown(words[2]) + " is left over)";
    }
    command.argument = std::string(words[1]);
    if (grammar->kind == Kind::kKey &&
        std::find(std::begin(kKeys), std::end(kKeys), words[1]) == std::end(kKeys)) {
      std::string known;
      for (const char* key : kKeys) known += (known.empty() ? "" : ", ") + std::string(key);
      return "unknown key " + shown(words[1]) + " (the keys are " + known + ")";
    }
    return "";
  }

  if (grammar->numbers == 0) {
    if (arguments > 0) {
      return std::string(grammar->name) + " takes nothing after it (" + shown(words[1]) +
             " is left over)";
    }
    return "";
  }

  // Check every word is a number before counting them, so "tap 10 abc" says what is wrong
  // with "abc" rather than that a number is missing.
  int values[5] = {};
  for (std::size_t i = 1; i < words.size(); ++i) {
    int value = 0;
    switch (read_number(words[i], value)) {
      case NumberProblem::kNone:
        break;
      case NumberProblem::kNegative:
        return std::string(grammar->name) + ": " +
               (grammar->kind == Kind::kWait ? "the time" : "a number") +
               " cannot be negative (got " + std::string(words[i]) + ")";
      case NumberProblem::kTooLarge:
        return std::string(grammar->name) + ": " + shown(words[i]) + " is too large";
      case NumberProblem::kNotANumber:
        if (static_cast<int>(i) > grammar->numbers) {
          return std::string(grammar->name) + " needs " + grammar->usage + " (" + shown(words[i]) +
                 " is left over)";
        }
        return std::string(grammar->name) + " needs " + grammar->usage + " (" + shown(words[i]) +
               " is not a whole number)";
    }
    if (static_cast<int>(i) <= grammar->numbers) values[i - 1] = value;
  }
  if (static_cast<int>(arguments) != grammar->numbers) {
    return std::string(grammar->name) + " needs " + grammar->usage + " (got " +
           std::to_string(arguments) + (arguments == 1 ? " number)" : " numbers)");
  }
  switch (grammar->kind) {
    case Kind::kTap:
    case Kind::kLongPress:
    case Kind::kPress:
      command.x1 = values[0];
      command.y1 = values[1];
      break;
    case Kind::kDrag:
    case Kind::kFling:
      // Zero time would be an infinitely fast move: the gesture code would divide by it.
      if (values[4] == 0) {
        return std::string(grammar->name) + " needs a time MS of at least 1 millisecond";
      }
      command.x1 = values[0];
      command.y1 = values[1];
      command.x2 = values[2];
      command.y2 = values[3];
      command.milliseconds = values[4];
      break;
    case Kind::kHold:
      if (values[2] == 0) return "hold needs a time MS of at least 1 millisecond";
      command.x1 = values[0];
      command.y1 = values[1];
      command.milliseconds = values[2];
      break;
    case Kind::kWait:
      command.milliseconds = values[0];
      break;
    default:
      break;
  }
  return "";
}

}  // namespace

// [SECTION] Public functions

std::string ScriptError::to_string() const {
  return file + ":" + std::to_string(line) + ": " + message;
}

bool parse_script(const std::string& file, const std::string& text,
                  std::vector<ScriptCommand>& commands, ScriptError& error) {
  commands.clear();
  int line_number = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line = std::string_view(text).substr(start, end - start);
    start = end + 1;
    ++line_number;
    const auto words = split_words(line);
    if (words.empty()) continue;
    ScriptCommand command;
    command.line = line_number;
    std::string problem = parse_line(words, command);
    if (!problem.empty()) {
      // A half-parsed script must not be half run.
      commands.clear();
      error = ScriptError{file, line_number, std::move(problem)};
      return false;
    }
    commands.push_back(std::move(command));
  }
  return true;
}

}  // namespace kiosk::firmware
