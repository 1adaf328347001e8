// The config file, read with toml++. Messages are written for the hall staff, not for
// programmers: they say which setting, what is allowed, what was found and what the kiosk does
// instead ("; using 0"). Nothing here throws: toml++ is built with exceptions on Debian, so
// its parse_error is caught here and becomes a ConfigProblem.
#include "firmware/config/config.h"

#include <toml++/toml.h>

#include "firmware/signature/signature.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

namespace kiosk::firmware {

namespace {

// [SECTION] Small text helpers

constexpr int kMinutesPerDay = 24 * 60;
// Larger than any config file a person writes; a bigger file is a mistake (wrong file chosen).
constexpr std::size_t kMaxConfigBytes = 1 << 20;

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

// Quotes a value the way it was written, shortened, so a message stays one readable line.
std::string shown(std::string_view text) {
  constexpr std::size_t kMax = 40;
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size() && i < kMax; ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x20 || byte == 0x7f) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\x%02x", byte);
      out += escaped;
    } else {
      out += static_cast<char>(byte);
    }
  }
  if (text.size() > kMax) out += "...";
  return out + "\"";
}

std::string two_digits(int value) {
  return std::string(1, static_cast<char>('0' + value / 10)) + static_cast<char>('0' + value % 10);
}

std::string clock_time(int minute) {
  return two_digits(minute / 60) + ":" + two_digits(minute % 60);
}

std::string number_text(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

// Reads an unsigned decimal number of at most `max_digits` digits (no sign, no spaces).
bool read_number(std::string_view text, int max_digits, int& value) {
  if (text.empty() || static_cast<int>(text.size()) > max_digits) return false;
  if (!std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return false;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  return result.ec == std::errc{} && result.ptr == text.data() + text.size();
}

// "8:30" or "08:30" → minutes after midnight; "24:00" only when `allow_24` (a closing time).
bool read_clock_time(std::string_view text, bool allow_24, int& minute) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos) return false;
  int hours = 0;
  int minutes = 0;
  if (!read_number(text.substr(0, colon), 2, hours)) return false;
  const auto minute_text = text.substr(colon + 1);
  if (minute_text.size() != 2 || !read_number(minute_text, 2, minutes)) return false;
  if (minutes > 59) return false;
  if (hours == 24 && minutes == 0 && allow_24) {
    minute = kMinutesPerDay;
    return true;
  }
  if (hours > 23) return false;
  minute = hours * 60 + minutes;
  return true;
}

// Levenshtein distance, to suggest the setting a misspelt key probably meant.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// [SECTION] Reading one file

constexpr const char* kKnownKeys[] = {
    "content",        "state_dir",           "size",
    "rotate",         "fullscreen",          "dpi",
    "panel",          "diagonal_inches",     "idle_timeout_seconds",
    "opening_hours",  "admin_pin_sha256",    "quiz_questions",
    "quiz_generated", "refresh_public_keys", "usb_mount_roots",
    "max_bundle_mb",  "usb_remount_helper"};

// What a value is, in words, for "(got ...)".
std::string describe(const toml::node& node) {
  if (const auto* text = node.as_string()) return "the text " + shown(text->get());
  if (const auto* integer = node.as_integer()) return std::to_string(integer->get());
  if (const auto* real = node.as_floating_point()) return number_text(real->get());
  if (const auto* boolean = node.as_boolean()) return boolean->get() ? "true" : "false";
  if (node.is_array()) return "a list";
  if (node.is_table()) return "a group of settings";
  return "a date or time";
}

class Reader {
 public:
  Reader(const std::string& file, const toml::table& table, Config& config, const Config& defaults)
      : file_(file), table_(table), config_(config), defaults_(defaults) {}

  void read_all() {
    path("content", config_.content_path, true);
    path("state_dir", config_.state_dir, false);
    path("usb_remount_helper", config_.usb_remount_helper, true);
    size();
    rotate();
    fullscreen();
    dpi();
    panel();
    idle_timeout();
    opening_hours();
    admin_pin();
    quiz();
    refresh();
    unknown_keys();
  }

  std::vector<ConfigProblem> take_problems() { return std::move(problems_); }

 private:
  void problem(const toml::source_region& where, std::string message) {
    problems_.push_back(ConfigProblem{file_, static_cast<int>(where.begin.line),
                                      static_cast<int>(where.begin.column), std::move(message)});
  }
  // "<key> <what is allowed> (got <value>); <what happens instead>"
  void bad_value(const toml::node& node, const char* key, const std::string& allowed,
                 const std::string& fallback) {
    problem(node.source(),
            std::string(key) + " " + allowed + " (got " + describe(node) + "); " + fallback);
  }

  // A number given as text ("90") is the likeliest mistake with whole numbers: say so.
  static std::string whole_number_hint(const toml::node& node) {
    if (const auto* text = node.as_string()) {
      int ignored = 0;
      if (read_number(trim(text->get()), 9, ignored)) return ", written without quotes";
    }
    return "";
  }

  // A whole number, also accepted as 90.0 (the staff need not know TOML's number types).
  static bool whole_number(const toml::node& node, long long& out) {
    if (const auto* integer = node.as_integer()) {
      out = integer->get();
      return true;
    }
    if (const auto* real = node.as_floating_point()) {
      const double value = real->get();
      if (std::isfinite(value) && std::trunc(value) == value && std::fabs(value) < 1e15) {
        out = static_cast<long long>(value);
        return true;
      }
    }
    return false;
  }

  void path(const char* key, std::string& out, bool empty_allowed) {
    const toml::node* node = table_.get(key);
    if (node == nullptr) return;
    const std::string fallback =
        "using " + (out.empty() ? std::string("the built-in setting") : shown(out));
    const auto* text = node->as_string();
    if (text == nullptr) {
      bad_value(*node, key, "must be a file or folder name in quotes, like \"/srv/kiosk\"",
                fallback);
      return;
    }
    const std::string value = text->get();
    if (value.empty()) {
      if (!empty_allowed) {
        bad_value(*node, key, "must not be empty", fallback);
      } else {
        out.clear();
      }
      return;
    }
    if (value.find('\0') != std::string::npos) {
      bad_value(*node, key, "must be a file or folder name", fallback);
      return;
    }
    // Relative to the config file, not to wherever the kiosk happened to be started from.
    const std::filesystem::path base = std::filesystem::path(file_).parent_path();
    const std::filesystem::path given(value);
    out =
        (given.is_relative() && !base.empty() ? (base / given).lexically_normal() : given).string();
  }

  void size() {
    const toml::node* node = table_.get("size");
    if (node == nullptr) return;
    const std::string fallback =
        "using " + std::to_string(defaults_.width) + "x" + std::to_string(defaults_.height);
    const auto* text = node->as_string();
    std::string why = "must be WIDTHxHEIGHT in pixels, in quotes, like \"1920x1080\"";
    int width = 0;
    int height = 0;
    if (text != nullptr && parse_size(text->get(), width, height, why)) {
      config_.width = width;
      config_.height = height;
      return;
    }
    bad_value(*node, "size", why, fallback);
  }

  void rotate() {
    const toml::node* node = table_.get("rotate");
    if (node == nullptr) return;
    long long value = 0;
    if (whole_number(*node, value) && (value == 0 || value == 90 || value == 180 || value == 270)) {
      config_.rotation = static_cast<int>(value);
      return;
    }
    bad_value(*node, "rotate", "must be 0, 90, 180 or 270" + whole_number_hint(*node),
              "using " + std::to_string(defaults_.rotation));
  }

  void fullscreen() {
    const toml::node* node = table_.get("fullscreen");
    if (node == nullptr) return;
    if (const auto* value = node->as_boolean()) {
      config_.fullscreen = value->get();
      return;
    }
    bad_value(*node, "fullscreen", "must be true or false, without quotes",
              std::string("using ") + (defaults_.fullscreen ? "true" : "false"));
  }

  void dpi() {
    // Below 50 no real display; above 1000 no kiosk display. Outside that, a typo.
    constexpr double kMin = 50;
    constexpr double kMax = 1000;
    const toml::node* node = table_.get("dpi");
    if (node == nullptr) return;
    double value = -1;
    if (const auto* integer = node->as_integer()) value = static_cast<double>(integer->get());
    if (const auto* real = node->as_floating_point()) value = real->get();
    if (std::isfinite(value) && value >= kMin && value <= kMax) {
      config_.dpi = static_cast<float>(value);
      return;
    }
    bad_value(*node, "dpi",
              "must be a number between 50 and 1000 (dots per inch of the screen)" +
                  whole_number_hint(*node),
              defaults_.dpi > 0 ? "using " + number_text(defaults_.dpi)
                                : std::string("the panel's size decides"));
  }

  void panel() {
    if (const toml::node* node = table_.get("panel")) {
      const auto* value = node->as_string();
      const auto& presets = panel_presets();
      const auto found = value == nullptr ? presets.end()
                                          : std::find_if(presets.begin(), presets.end(),
                                                         [&](const PanelPreset& preset) {
                                                           return value->get() == preset.name;
                                                         });
      if (found != presets.end()) {
        config_.panel = found->name;
      } else {
        std::string names;
        for (const auto& preset : presets)
          names += std::string(names.empty() ? "" : " ") + preset.name;
        bad_value(*node, "panel", "must be one of " + names + " (in quotes)",
                  "the display's own size decides");
      }
    }
    if (const toml::node* node = table_.get("diagonal_inches")) {
      double value = -1;
      if (const auto* integer = node->as_integer()) value = static_cast<double>(integer->get());
      if (const auto* real = node->as_floating_point()) value = real->get();
      if (std::isfinite(value) && value >= 3 && value <= 120) {
        config_.diagonal_inches = static_cast<float>(value);
      } else {
        bad_value(*node, "diagonal_inches",
                  "must be a number between 3 and 120 (the screen's diagonal in inches)",
                  "the display's own size decides");
      }
    }
  }

  void idle_timeout() {
    const toml::node* node = table_.get("idle_timeout_seconds");
    if (node == nullptr) return;
    long long value = 0;
    if (whole_number(*node, value) && value >= 10 && value <= 3600) {
      config_.idle_timeout_seconds = static_cast<int>(value);
      return;
    }
    bad_value(*node, "idle_timeout_seconds",
              "must be a whole number of seconds from 10 to 3600" + whole_number_hint(*node),
              "using " + std::to_string(defaults_.idle_timeout_seconds));
  }

  void quiz() {
    if (const toml::node* node = table_.get("quiz_questions")) {
      long long value = 0;
      if (whole_number(*node, value) && value >= 1 && value <= 20) {
        config_.quiz_questions = static_cast<int>(value);
      } else {
        bad_value(*node, "quiz_questions",
                  "must be a whole number of questions from 1 to 20" + whole_number_hint(*node),
                  "using " + std::to_string(defaults_.quiz_questions));
      }
    }
    if (const toml::node* node = table_.get("quiz_generated")) {
      if (const auto* value = node->as_boolean()) {
        config_.quiz_generated = value->get();
      } else {
        bad_value(*node, "quiz_generated", "must be true or false, without quotes",
                  std::string("using ") + (defaults_.quiz_generated ? "true" : "false"));
      }
    }
  }

  // A list of texts, or one text standing for a list of one.
  bool text_list(const toml::node& node, std::vector<std::string>& out) {
    out.clear();
    if (const auto* text = node.as_string()) {
      out.push_back(text->get());
      return true;
    }
    const auto* array = node.as_array();
    if (array == nullptr) return false;
    for (const auto& item : *array) {
      const auto* text = item.as_string();
      if (text == nullptr) return false;
      out.push_back(text->get());
    }
    return true;
  }

  std::string relative_to_file(const std::string& value) const {
    const std::filesystem::path base = std::filesystem::path(file_).parent_path();
    const std::filesystem::path given(value);
    return (given.is_relative() && !base.empty() ? (base / given).lexically_normal() : given)
        .string();
  }

  void refresh() {
    if (const toml::node* node = table_.get("refresh_public_keys")) {
      std::vector<std::string> values;
      if (!text_list(*node, values)) {
        bad_value(*node, "refresh_public_keys",
                  "must be a list of public keys in quotes, like [\"keys/hall.pub\"]",
                  "content refresh from USB stays off");
        config_.refresh_public_keys.clear();
      } else {
        config_.refresh_public_keys.clear();
        for (const auto& value : values) {
          // A key line is what `minisign -P` takes; anything else is a file.
          std::string key = value;
          std::string where = "the key " + shown(value);
          if (!(value.size() == 56 && value.rfind("RW", 0) == 0)) {
            const std::string file = relative_to_file(value);
            std::ifstream in(file, std::ios::binary);
            std::ostringstream text;
            if (in) text << in.rdbuf();
            if (!in) {
              problem(node->source(), "refresh_public_keys: cannot read the key file \"" + file +
                                          "\"; that key is left out");
              continue;
            }
            key = text.str();
            where = "the key file \"" + file + "\"";  // whole: the name is what matters
          }
          auto parsed = signature::parse_public_key(key);
          if (!parsed) {
            problem(node->source(), "refresh_public_keys: " + where +
                                        " is not a minisign public key (" + parsed.error() +
                                        "); that key is left out");
            continue;
          }
          config_.refresh_public_keys.push_back(key);
        }
      }
    }
    if (const toml::node* node = table_.get("usb_mount_roots")) {
      std::vector<std::string> values;
      if (text_list(*node, values) &&
          std::all_of(values.begin(), values.end(), [](auto& v) { return !v.empty(); })) {
        config_.usb_mount_roots.clear();
        for (const auto& value : values) config_.usb_mount_roots.push_back(relative_to_file(value));
      } else {
        bad_value(*node, "usb_mount_roots",
                  "must be a list of folder names in quotes, like [\"/media/kiosk\"]",
                  "using the built-in setting");
      }
    }
    if (const toml::node* node = table_.get("max_bundle_mb")) {
      long long value = 0;
      if (whole_number(*node, value) && value >= 1 && value <= 16384) {
        config_.max_bundle_mb = static_cast<int>(value);
      } else {
        bad_value(*node, "max_bundle_mb",
                  "must be a whole number of megabytes from 1 to 16384" + whole_number_hint(*node),
                  "using " + std::to_string(defaults_.max_bundle_mb));
      }
    }
  }

  void opening_hours() {
    const toml::node* node = table_.get("opening_hours");
    if (node == nullptr) return;
    std::string why = "must be \"always\" or opening and closing times like \"08:30-17:30\"";
    OpeningHours hours;
    const auto* text = node->as_string();
    if (text != nullptr && parse_opening_hours(text->get(), hours, why)) {
      config_.hours = hours;
      return;
    }
    bad_value(*node, "opening_hours", why, "using " + shown(defaults_.hours.to_string()));
  }

  void admin_pin() {
    const toml::node* node = table_.get("admin_pin_sha256");
    if (node == nullptr) return;
    const std::string fallback = defaults_.admin_pin_sha256.empty()
                                     ? "the admin screen stays off"
                                     : "keeping the PIN set elsewhere";
    const auto* text = node->as_string();
    if (text == nullptr) {
      bad_value(*node, "admin_pin_sha256", "must be in quotes", fallback);
      return;
    }
    std::string_view value = trim(text->get());
    // sha256sum prints "<hash>  -": accept the whole line pasted as it is.
    if (value.size() > 64 && trim(value.substr(64)) == "-") value = value.substr(0, 64);
    const bool hex = value.size() == 64 && std::all_of(value.begin(), value.end(), [](char c) {
                       return std::isxdigit(static_cast<unsigned char>(c)) != 0;
                     });
    if (value.empty()) {
      config_.admin_pin_sha256.clear();  // explicitly off
      return;
    }
    if (hex) {
      std::string lower(value);
      std::transform(lower.begin(), lower.end(), lower.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      config_.admin_pin_sha256 = lower;
      return;
    }
    // Never quote the value: it may be the PIN itself, typed here by mistake.
    problem(node->source(),
            "admin_pin_sha256 must be the SHA-256 of the PIN: 64 characters 0-9 and a-f, made "
            "with: printf %s 1234 | sha256sum (got " +
                std::to_string(value.size()) + " characters); " + fallback);
  }

  void unknown_keys() {
    for (const auto& [key, node] : table_) {
      const std::string name(key.str());
      if (std::find_if(std::begin(kKnownKeys), std::end(kKnownKeys),
                       [&](const char* known) { return name == known; }) != std::end(kKnownKeys)) {
        continue;
      }
      const char* closest = nullptr;
      std::size_t best = SIZE_MAX;
      for (const char* known : kKnownKeys) {
        const std::string_view candidate(known);
        const std::size_t distance = edit_distance(name, candidate);
        // A typo (a third of the letters wrong at most, "rotation" for "rotate") or a part
        // of the name ("idle_timeout", "pin").
        const std::size_t longer = std::max(name.size(), candidate.size());
        const bool part = name.size() >= 3 && (candidate.find(name) != std::string_view::npos ||
                                               name.find(candidate) != std::string::npos);
        // Parts rank before typos: "pin" is admin_pin_sha256 rather than dpi misspelt.
        const std::size_t rank = part ? distance : distance + 1000;
        if ((distance <= std::max<std::size_t>(2, (longer + 1) / 3) || part) && rank < best) {
          best = rank;
          closest = known;
        }
      }
      std::string message = "unknown setting " + shown(name);
      if (closest != nullptr) {
        message += " (did you mean " + std::string(closest) + "?)";
      } else {
        message += " (the settings are";
        for (const char* known : kKnownKeys) message += std::string(" ") + known;
        message += ")";
      }
      problem(key.source(), message + "; it is ignored");
    }
  }

  const std::string& file_;
  const toml::table& table_;
  Config& config_;
  const Config& defaults_;
  std::vector<ConfigProblem> problems_;
};

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

// The whole file, or false with the reason in `why` (strerror's words).
bool read_whole_file(const std::string& path, std::string& contents, std::string& why) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    why = "it is a folder, not a file";
    return false;
  }
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (!file) {
    why = std::strerror(errno);
    return false;
  }
  char buffer[8192];
  std::size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) {
    contents.append(buffer, got);
    if (contents.size() > kMaxConfigBytes) {
      why = "it is larger than 1 MiB, too large to be a config file";
      return false;
    }
  }
  if (std::ferror(file.get()) != 0) {
    why = std::strerror(errno);
    return false;
  }
  return true;
}

}  // namespace

// [SECTION] Public functions

bool OpeningHours::is_open(int minute_of_day) const {
  const int minute = ((minute_of_day % kMinutesPerDay) + kMinutesPerDay) % kMinutesPerDay;
  if (open_minute <= close_minute) return minute >= open_minute && minute < close_minute;
  return minute >= open_minute || minute < close_minute;  // crosses midnight
}

std::string OpeningHours::to_string() const {
  if (open_minute == 0 && close_minute == kMinutesPerDay) return "always";
  return clock_time(open_minute) + "-" + clock_time(close_minute);
}

std::string ConfigProblem::to_string() const {
  std::string out = file;
  if (line > 0) {
    out += ":" + std::to_string(line);
    if (column > 0) out += ":" + std::to_string(column);
  }
  return out + ": " + message;
}

bool parse_size(std::string_view text, int& width, int& height, std::string& problem) {
  const std::string_view value = trim(text);
  const auto cross = value.find_first_of("xX");
  int w = 0;
  int h = 0;
  if (cross == std::string_view::npos || !read_number(trim(value.substr(0, cross)), 5, w) ||
      !read_number(trim(value.substr(cross + 1)), 5, h)) {
    problem = "must be WIDTHxHEIGHT in pixels, like 1920x1080";
    return false;
  }
  // 320 is below the smallest panel the layout supports (800x480); 16384 is SDL's texture
  // limit on most drivers.
  if (w < 320 || h < 320 || w > 16384 || h > 16384) {
    problem = "must be between 320x320 and 16384x16384 pixels";
    return false;
  }
  width = w;
  height = h;
  return true;
}

bool parse_opening_hours(std::string_view text, OpeningHours& hours, std::string& problem) {
  const std::string_view value = trim(text);
  std::string lower(value);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "always") {
    hours = OpeningHours{};
    return true;
  }
  const auto dash = value.find('-');
  int open = 0;
  int close = 0;
  if (dash == std::string_view::npos ||
      !read_clock_time(trim(value.substr(0, dash)), false, open) ||
      !read_clock_time(trim(value.substr(dash + 1)), true, close)) {
    problem =
        "must be \"always\" or opening and closing times from 00:00 to 24:00, like "
        "\"08:30-17:30\"";
    return false;
  }
  if (open == close) {
    problem = "must not open and close at the same time (for all day, write \"always\")";
    return false;
  }
  hours.open_minute = open;
  hours.close_minute = close;
  return true;
}

Config parse_config(const std::string& file, std::string_view text, const Config& defaults,
                    std::vector<ConfigProblem>& problems) {
  toml::table table;
  try {
    table = toml::parse(text, file);
  } catch (const toml::parse_error& failure) {
    // One broken line makes the rest of the file uncertain (TOML tables run to the next
    // header), so nothing from it is used.
    const auto& where = failure.source().begin;
    const std::string said(failure.description());
    // The one mistake toml++ words in programmer's terms that staff will make: a setting
    // written twice (edited at the bottom, forgotten at the top).
    const std::string what = said.find("cannot redefine") != std::string::npos
                                 ? "this setting is already given above; write each setting once"
                                 : "this line is not a valid setting (settings are written as "
                                   "name = value, text in quotes)";
    problems.push_back(ConfigProblem{
        file, static_cast<int>(where.line), static_cast<int>(where.column),
        what + " [the parser says: " + said +
            "]; nothing from this file is used, the kiosk starts on its default settings"});
    return defaults;
  }
  Config config = defaults;
  Reader reader(file, table, config, defaults);
  reader.read_all();
  auto found = reader.take_problems();
  std::stable_sort(found.begin(), found.end(), [](const ConfigProblem& a, const ConfigProblem& b) {
    return a.line != b.line ? a.line < b.line : a.column < b.column;
  });
  problems.insert(problems.end(), found.begin(), found.end());
  return config;
}

Config load_config(const std::string& path, const Config& defaults,
                   std::vector<ConfigProblem>& problems) {
  std::string contents;
  std::string why;
  if (!read_whole_file(path, contents, why)) {
    problems.push_back(ConfigProblem{
        path, 0, 0,
        "cannot read the config file (" + why + "); the kiosk starts on its default settings"});
    return defaults;
  }
  return parse_config(path, contents, defaults, problems);
}

// [SECTION] The panel's density

const std::vector<PanelPreset>& panel_presets() {
  static const std::vector<PanelPreset> presets = {
      {"pi-7", 800, 480, 7.0F, "Raspberry Pi Touch Display, 7 inch"},
      {"pi-touch-2", 720, 1280, 7.0F, "Raspberry Pi Touch Display 2, 7 inch"},
      {"7in-1024x600", 1024, 600, 7.0F, "7-inch HDMI panel, 1024x600"},
      {"10in-1024x600", 1024, 600, 10.1F, "10.1-inch HDMI panel, 1024x600"},
      {"10in-1280x800", 1280, 800, 10.1F, "10.1-inch HDMI panel, 1280x800"},
      {"15in-1920x1080", 1920, 1080, 15.6F, "15.6-inch panel, 1920x1080"},
      {"22in-1920x1080", 1920, 1080, 21.5F, "21.5-inch monitor, 1920x1080"},
      {"32in-1920x1080", 1920, 1080, 32.0F, "32-inch screen, 1920x1080"},
      {"43in-1920x1080", 1920, 1080, 43.0F, "43-inch screen, 1920x1080"},
  };
  return presets;
}

ResolvedDpi resolve_dpi(const Config& config, int width_px, int height_px,
                        std::optional<float> display_dpi) {
  const float diagonal_px = std::hypot(static_cast<float>(width_px), static_cast<float>(height_px));
  if (config.dpi > 0) return {config.dpi, "dpi"};
  if (config.diagonal_inches > 0 && diagonal_px > 0)
    return {diagonal_px / config.diagonal_inches, "diagonal_inches"};
  for (const auto& preset : panel_presets()) {
    if (config.panel == preset.name && diagonal_px > 0)
      return {diagonal_px / preset.diagonal_inches, std::string("panel ") + preset.name};
  }
  // X servers often claim 96 whatever the screen; KMS/DRM reports the panel's millimetres.
  if (display_dpi && std::isfinite(*display_dpi) && *display_dpi >= 50 && *display_dpi <= 600)
    return {*display_dpi, "display"};
  return {96, "default"};
}

}  // namespace kiosk::firmware
