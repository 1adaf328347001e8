// The kiosk's settings: defaults, overridden by a TOML config file, overridden by the command
// line. A bad config line is reported (file and line) and the kiosk starts on the defaults for
// that setting: a typo must never keep a hall's kiosk dark.
//
// The file's keys mirror the command-line options (see kiosk.example.toml beside this header):
// content, state_dir, size, rotate, fullscreen, dpi, panel, diagonal_inches, idle_timeout_seconds,
// opening_hours,
// admin_pin_sha256, quiz_questions, quiz_generated, refresh_public_keys, usb_mount_roots,
// max_bundle_mb, usb_remount_helper.
#pragma once

#include <optional>
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
  // The panel's density, for sizes in millimetres (9-mm targets, 3-mm text). Set as `dpi`, or
  // from `diagonal_inches` or a named `panel`, or else what the display reports (see
  // resolve_dpi); 0 here: not set.
  float dpi = 0;
  std::string panel;          // a name from panel_presets(); empty: none
  float diagonal_inches = 0;  // the panel's diagonal; 0: not set
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

// [SECTION] The panel's density

struct PanelPreset {
  const char* name;
  int width;  // its pixels, as it is mounted the usual way
  int height;
  float diagonal_inches;
  const char* description;
};
// The panels kiosks are built with: Raspberry Pi touch displays, 7" and 10" HDMI panels,
// common monitors.
const std::vector<PanelPreset>& panel_presets();

// The dots per inch the kiosk sizes itself by, and where it came from (for the log): the
// config's dpi, else its diagonal (or the preset's) over the panel's pixels, else what the
// display reports when that is plausible (KMS/DRM reads it from the panel's EDID), else 96.
struct ResolvedDpi {
  float dpi = 96;
  std::string source;  // "dpi", "diagonal_inches", "panel pi-7", "display", "default"
};
ResolvedDpi resolve_dpi(const Config& config, int width_px, int height_px,
                        std::optional<float> display_dpi);

// [SECTION] Shared with the command line, so --size and size = "..." mean the same thing.
// On failure `problem` says what is expected, without the setting's name ("must be ...").

bool parse_size(std::string_view text, int& width, int& height, std::string& problem);
bool parse_opening_hours(std::string_view text, OpeningHours& hours, std::string& problem);

}  // namespace kiosk::firmware
