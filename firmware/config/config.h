// The kiosk's settings: defaults, overridden by a TOML config file, overridden by the command
// line. A bad config line is reported (file and line) and the kiosk starts on the defaults for
// that setting: a typo must never keep a hall's kiosk dark.
//
// The file's keys mirror the command-line options (see kiosk.example.toml beside this header):
// content, state_dir, size, rotate, fullscreen, dpi, idle_timeout_seconds, opening_hours,
// admin_pin_sha256, quiz_questions, quiz_generated, refresh_public_keys, usb_mount_roots,
// max_bundle_mb, usb_remount_helper.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kiosk::firmware {

struct OpeningHours {
  int open_minute = 0;         // minutes after midnight, local time
  int close_minute = 24 * 60;  // 24:00 = open all day
  // Is the kiosk open at `minute_of_day` (0..1439; other values are taken modulo a day)?
  // Hours that cross midnight ("20:00-02:00") work too. open == close means never open.
  [[nodiscard]] bool is_open(int minute_of_day) const;
  // "always" or "08:30-17:30", the form the config file takes.
  [[nodiscard]] std::string to_string() const;
};

struct Config {
  std::string content_path;  // the content release; empty: the factory release
  std::string state_dir;     // where state.db (statistics) lives
  int width = 1920;
  int height = 1080;
  int rotation = 0;  // 0, 90, 180, 270 (clockwise)
  bool fullscreen = false;
  float dpi = 96;  // of the display, for 9 mm touch targets
  int idle_timeout_seconds = 90;
  OpeningHours hours;
  std::string admin_pin_sha256;  // lower-case hex SHA-256 of the admin PIN; empty: admin off
  int quiz_questions = 5;        // questions in one quiz
  bool quiz_generated = true;    // also ask the fill-in-the-blank questions the build made
  // Content refresh from USB sticks. Each key is a minisign public key: the key line itself
  // ("RW...") or a .pub file (relative paths from the config file's folder). No key: refresh
  // is off. Checked when read, so a bad key is reported with its line.
  std::vector<std::string> refresh_public_keys;
  std::vector<std::string> usb_mount_roots{"/media/kiosk"};  // sticks are mounted below these
  int max_bundle_mb = 512;                                   // a larger bundle is refused
  // Run as HELPER rw DIR before the statistics export writes to a stick mounted read-only, and
  // HELPER ro DIR after (the device's sticks are mounted read-only); empty: no remount.
  std::string usb_remount_helper;
};

struct ConfigProblem {
  std::string file;
  int line = 0;  // 0: the problem is the file as a whole (unreadable)
  int column = 0;
  std::string message;
  [[nodiscard]] std::string to_string() const;  // "file:line:column: message"
};

// Reads `path` over `defaults`. Never fails: every problem (unreadable file, syntax error,
// unknown key, wrong type, value out of range) is appended to `problems` in file order, and
// the setting keeps its default. A syntax error leaves every setting at its default.
// Relative paths in the file (content, state_dir) are taken from the config file's folder, so
// a config file and the files it names can be moved together.
Config load_config(const std::string& path, const Config& defaults,
                   std::vector<ConfigProblem>& problems);

// The same for text already in memory; `file` names it in problems and anchors relative paths.
Config parse_config(const std::string& file, std::string_view text, const Config& defaults,
                    std::vector<ConfigProblem>& problems);

// [SECTION] Shared with the command line, so --size and size = "..." mean the same thing.
// On failure `problem` says what is expected, without the setting's name ("must be ...").

bool parse_size(std::string_view text, int& width, int& height, std::string& problem);
bool parse_opening_hours(std::string_view text, OpeningHours& hours, std::string& problem);

}  // namespace kiosk::firmware
