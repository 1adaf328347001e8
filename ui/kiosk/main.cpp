// kiosk: the device program. Wires the firmware (config, content store, statistics, loop) to
// the screens, on a window or headless.
#include <SDL.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "firmware/app/app.h"
#include "firmware/config/config.h"
#include "firmware/content_store/content_store.h"
#include "firmware/refresh/refresh.h"
#include "firmware/script/script.h"
#include "firmware/service/service.h"
#include "firmware/stats/stats.h"
#include "ui/kiosk/kiosk_view.h"
#include "ui/kiosk/sdl_events.h"
#include "ui/render/render.h"

namespace {

using namespace kiosk;

constexpr const char* kUsage =
    "usage: kiosk [OPTIONS]\n"
    "\n"
    "  --content FILE     show this content release (default: the newest installed release\n"
    "                     that validates, else the factory release built with the program)\n"
    "  --state-dir DIR    where statistics are kept (default: ~/.local/state/kiosk)\n"
    "  --config FILE      settings (TOML; see firmware/config/kiosk.example.toml)\n"
    "  --size WxH         display size in pixels (default 1920x1080)\n"
    "  --rotate DEGREES   0, 90, 180 or 270: the UI turned clockwise on the panel\n"
    "  --fullscreen       cover the whole display (the kiosk's normal mode)\n"
    "  --headless         no window: SDL's software renderer on a surface in memory\n"
    "  --script FILE      drive the kiosk from a script (simulated time; see firmware/script)\n"
    "  --screenshot FILE  render the first screen, save it as PNG and exit\n"
    "  --seed N           the quiz's random seed (scripted runs use 1; else the time)\n"
    "  --install BUNDLE   install a signed content bundle (BUNDLE.minisig beside it) into the\n"
    "                     state directory, print one line, exit 0 when it was installed\n"
    "  --pubkey FILE      trust this minisign public key (repeatable; else the config's keys)\n"
    "  --allow-not-newer  with --install: accept a version not newer than the installed one\n"
    "  --usb-root DIR     watch DIR for USB sticks (repeatable; else the config's)\n"
    "Command-line options override the config file, which overrides the defaults.\n";

struct Options {
  firmware::Config config;
  std::string config_file;
  bool headless = false;
  std::string script;
  std::string screenshot;
  std::uint64_t seed = 0;  // 0: chosen at start
  std::string install;     // --install BUNDLE
  bool allow_not_newer = false;
  std::vector<std::string> pubkeys;    // --pubkey files, replacing the config's keys
  std::vector<std::string> usb_roots;  // --usb-root, replacing the config's
};

int usage_error(const std::string& message) {
  std::fprintf(stderr, "kiosk: %s\n\n%s", message.c_str(), kUsage);
  return 2;
}

std::string default_state_dir() {
  if (const char* state = std::getenv("XDG_STATE_HOME"); state != nullptr && *state != '\0') {
    return std::string(state) + "/kiosk";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    return std::string(home) + "/.local/state/kiosk";
  }
  return "/tmp/kiosk-state";
}

// Returns -1 when the options are fine, else the exit code.
int parse_options(int argc, char** argv, Options& options) {
  std::vector<std::string> args(argv + 1, argv + argc);
  firmware::Config defaults;
  defaults.content_path.clear();  // the newest installed release, else the factory one
  defaults.state_dir = default_state_dir();
  // The config file comes first, so that the command line can override it.
  for (std::size_t k = 0; k + 1 < args.size(); ++k) {
    if (args[k] == "--config") options.config_file = args[k + 1];
  }
  options.config = defaults;
  if (!options.config_file.empty()) {
    std::vector<firmware::ConfigProblem> problems;
    options.config = firmware::load_config(options.config_file, defaults, problems);
    for (const auto& problem : problems)
      std::fprintf(stderr, "kiosk: %s\n", problem.to_string().c_str());
  }
  firmware::Config& config = options.config;
  for (std::size_t k = 0; k < args.size(); ++k) {
    const std::string& arg = args[k];
    auto value = [&]() -> const std::string* { return k + 1 < args.size() ? &args[++k] : nullptr; };
    if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    if (arg == "--fullscreen") {
      config.fullscreen = true;
    } else if (arg == "--allow-not-newer") {
      options.allow_not_newer = true;
    } else if (arg == "--headless") {
      options.headless = true;
    } else if (arg == "--content" || arg == "--state-dir" || arg == "--config" || arg == "--size" ||
               arg == "--rotate" || arg == "--script" || arg == "--screenshot" || arg == "--seed" ||
               arg == "--install" || arg == "--pubkey" || arg == "--usb-root") {
      const std::string* v = value();
      if (v == nullptr) return usage_error(arg + " needs a value");
      if (arg == "--content") config.content_path = *v;
      if (arg == "--state-dir") config.state_dir = *v;
      if (arg == "--script") options.script = *v;
      if (arg == "--screenshot") options.screenshot = *v;
      if (arg == "--install") options.install = *v;
      if (arg == "--pubkey") options.pubkeys.push_back(*v);
      if (arg == "--usb-root") options.usb_roots.push_back(*v);
      if (arg == "--seed") {
        char* end = nullptr;
        options.seed = std::strtoull(v->c_str(), &end, 10);
        if (end == v->c_str() || *end != '\0' || options.seed == 0) {
          return usage_error("--seed must be a positive whole number (got '" + *v + "')");
        }
      }
      if (arg == "--size") {
        // The same parser as the config file's size = "...", so both accept the same sizes.
        std::string problem;
        if (!firmware::parse_size(*v, config.width, config.height, problem)) {
          return usage_error("--size " + problem + " (got '" + *v + "')");
        }
      }
      if (arg == "--rotate") {
        if (*v != "0" && *v != "90" && *v != "180" && *v != "270") {
          return usage_error("--rotate must be 0, 90, 180 or 270 (got '" + *v + "')");
        }
        config.rotation = std::atoi(v->c_str());
      }
    } else {
      return usage_error("unknown option '" + arg + "'");
    }
  }
  if (!options.pubkeys.empty()) config.refresh_public_keys.clear();
  for (const auto& file : options.pubkeys) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in || !firmware::signature::parse_public_key(text.str())) {
      return usage_error("--pubkey " + file + " is not a readable minisign public key file");
    }
    config.refresh_public_keys.push_back(text.str());
  }
  if (!options.usb_roots.empty()) config.usb_mount_roots = options.usb_roots;
  return -1;
}

// Where the program's own files are: installed beside it (<prefix>/bin/kiosk finds
// <prefix>/share/kiosk/...), else where the build put them.
std::string program_file(const std::string& installed, const char* built) {
  std::error_code error;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", error);
  if (!error) {
    const std::filesystem::path beside =
        exe.parent_path().parent_path() / "share/kiosk" / installed;
    if (std::filesystem::exists(beside, error)) return beside.string();
  }
  return built;
}

const std::string& factory_release() {
  static const std::string path = program_file("content.db", KIOSK_FACTORY_CONTENT);
  return path;
}

// The loop's events, with the service manager's watchdog fed on the way: the loop never sleeps
// longer than the watchdog allows, and a loop that hangs stops feeding it.
class WatchedEventSource final : public firmware::EventSource {
 public:
  explicit WatchedEventSource(firmware::EventSource& inner)
      : inner_(inner), interval_ms_(firmware::service::watchdog_interval_ms()) {}
  std::optional<firmware::InputEvent> next(std::int64_t deadline_ms) override {
    if (interval_ms_ > 0) {
      // Once per interval, not once per frame: a datagram per frame would be 60 a second for
      // the service manager to read (and a full socket queue blocks the sender).
      const std::int64_t now = inner_.now_ms();
      if (now - last_fed_ms_ >= interval_ms_ || last_fed_ms_ < 0) {
        firmware::service::alive();
        last_fed_ms_ = now;
      }
      deadline_ms = std::min(deadline_ms, last_fed_ms_ + interval_ms_);
    }
    return inner_.next(deadline_ms);
  }
  [[nodiscard]] std::int64_t now_ms() const override { return inner_.now_ms(); }
  [[nodiscard]] int minute_of_day() const override { return inner_.minute_of_day(); }

 private:
  firmware::EventSource& inner_;
  std::int64_t interval_ms_;
  std::int64_t last_fed_ms_ = -1;
};

firmware::RefreshOptions refresh_options(const firmware::Config& config) {
  firmware::RefreshOptions refresh;
  refresh.state_dir = config.state_dir;
  refresh.max_bundle_bytes = static_cast<std::int64_t>(config.max_bundle_mb) << 20;
  for (const auto& key : config.refresh_public_keys) {
    // The config checked every key when it was read.
    if (auto parsed = firmware::signature::parse_public_key(key))
      refresh.trusted_keys.push_back(parsed.value());
  }
  return refresh;
}

// `kiosk --install BUNDLE`: the same code path as a USB stick, without a screen.
int install_command(const Options& options) {
  firmware::RefreshOptions refresh = refresh_options(options.config);
  refresh.allow_not_newer = options.allow_not_newer;
  const auto installed = firmware::open_newest_release(options.config.state_dir, factory_release());
  const std::int64_t version = installed.store ? installed.store->content_version() : 0;
  const auto result = firmware::install_bundle(options.install, refresh, version);
  if (result.ok()) {
    std::printf("kiosk: %s\n", result.message.c_str());
    return 0;
  }
  std::fprintf(stderr, "kiosk: not installed (%s): %s\n", firmware::to_string(result.error),
               result.message.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  const auto started = std::chrono::steady_clock::now();
  Options options;
  if (const int exit_code = parse_options(argc, argv, options); exit_code >= 0) return exit_code;
  const firmware::Config& config = options.config;
  if (!options.install.empty()) return install_command(options);

  // A script is read before anything opens, so that its errors come first.
  std::vector<firmware::ScriptCommand> commands;
  if (!options.script.empty()) {
    std::ifstream in(options.script, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "kiosk: cannot read the script %s\n", options.script.c_str());
      return 2;
    }
    std::ostringstream text;
    text << in.rdbuf();
    firmware::ScriptError error;
    if (!firmware::parse_script(options.script, text.str(), commands, error)) {
      std::fprintf(stderr, "kiosk: %s\n", error.to_string().c_str());
      return 2;
    }
  }
  if (!options.screenshot.empty()) {
    firmware::ScriptCommand shot;
    shot.kind = firmware::ScriptCommand::Kind::kScreenshot;
    shot.argument = options.screenshot;
    commands.push_back(shot);
    firmware::ScriptCommand quit;
    quit.kind = firmware::ScriptCommand::Kind::kQuit;
    commands.push_back(quit);
  }
  const bool scripted = !commands.empty();

  // Content: a release that cannot be opened shows the error screen, never a crash.
  // An explicit --content is shown as it is; otherwise the newest installed release that
  // validates, then the previous one, then the factory release.
  std::unique_ptr<firmware::ContentStore> store;
  std::string content_error;
  ui::ReleaseInfo release;
  if (!config.content_path.empty()) {
    if (auto opened = firmware::ContentStore::open(config.content_path); opened) {
      store = std::move(opened.value());
      release.which = "file";
      release.path = config.content_path;
    } else {
      content_error = opened.error();
    }
  } else {
    auto choice = firmware::open_newest_release(config.state_dir, factory_release());
    for (const auto& rejected : choice.rejected)
      std::fprintf(stderr, "kiosk: passed over the %s\n", rejected.c_str());
    store = std::move(choice.store);
    release.which = choice.which;
    release.path = choice.path;
    release.key_id = choice.key_id;
    if (!store && !choice.rejected.empty()) content_error = choice.rejected.back();
  }
  if (!content_error.empty()) std::fprintf(stderr, "kiosk: %s\n", content_error.c_str());
  firmware::RefreshOptions refreshing = refresh_options(config);
  // Scripted runs are reproducible: the history's clock stands at 2026-12-01 12:00 UTC.
  if (scripted) refreshing.unix_clock = [] { return std::int64_t{1796126400}; };
  firmware::RefreshController refresh(refreshing, config.usb_mount_roots, scripted);
  std::unique_ptr<firmware::StatsStore> stats;
  // Scripted runs count on a fixed day, like the history's fixed clock below.
  firmware::TodayFunction today;
  if (scripted) today = [] { return std::string("2026-12-01"); };
  if (auto opened = firmware::StatsStore::open(config.state_dir, today); opened) {
    stats = std::move(opened.value());
  } else {
    std::fprintf(stderr, "kiosk: statistics are off: %s\n", opened.error().c_str());
  }

  const bool sideways = config.rotation == 90 || config.rotation == 270;
  render::Size panel{config.width, config.height};
  auto canvas = options.headless || scripted
                    ? render::Canvas::create_headless(panel)
                    : render::Canvas::create_window(
                          panel, render::WindowOptions{"kiosk", config.fullscreen, true});
  if (!canvas) {
    std::fprintf(stderr, "kiosk: %s\n", canvas.error().c_str());
    if (!options.headless)
      std::fprintf(stderr, "kiosk: without a display, use --headless --screenshot FILE\n");
    return 1;
  }
  panel = canvas->size();
  ui::ViewOptions view_options;
  view_options.ui_size = sideways ? render::Size{panel.height, panel.width} : panel;
  view_options.rotation = config.rotation;
  // Sizes are in millimetres of the panel: its density from the config, else from the display.
  std::optional<float> display_dpi;
  if (!options.headless && !scripted) {
    float diagonal = 0;
    if (SDL_GetDisplayDPI(0, &diagonal, nullptr, nullptr) == 0) display_dpi = diagonal;
  }
  const auto dpi = firmware::resolve_dpi(config, panel.width, panel.height, display_dpi);
  view_options.dpi = dpi.dpi;
  std::fprintf(stderr, "kiosk: %dx%d at %.0f dpi (%s)\n", panel.width, panel.height,
               static_cast<double>(dpi.dpi), dpi.source.c_str());
  view_options.fallback_cjk_font = program_file("fonts/NotoSansCJK-Regular.ttc", KIOSK_FONT_CJK);
  view_options.fallback_mongolian_font =
      program_file("fonts/NotoSansMongolian-Regular.ttf", KIOSK_FONT_MONGOLIAN);
  view_options.quiz_questions = config.quiz_questions;
  view_options.quiz_generated = config.quiz_generated;
  view_options.stats = stats.get();
  view_options.refresh = &refresh;
  view_options.release = release;
  view_options.state_dir = config.state_dir;
  view_options.admin_pin_sha256 = config.admin_pin_sha256;
  view_options.usb_remount_helper = config.usb_remount_helper;
  // After an install or a rollback the view asks for the new current release; the old store
  // lives until the view has let go of it.
  std::vector<std::unique_ptr<firmware::ContentStore>> stores;
  view_options.reopen_content = [&](ui::ReleaseInfo& info) -> const firmware::ContentStore* {
    auto choice = firmware::open_newest_release(config.state_dir, factory_release());
    if (!choice.store) return nullptr;
    info.which = choice.which;
    info.path = choice.path;
    info.key_id = choice.key_id;
    stores.push_back(std::move(choice.store));
    return stores.back().get();
  };
  // Scripted runs are reproducible: a fixed seed unless one is given.
  view_options.seed =
      options.seed != 0 ? options.seed
      : scripted
          ? 1
          : static_cast<std::uint64_t>(std::chrono::system_clock::now().time_since_epoch().count());

  firmware::Router router;
  firmware::VisitorSession session(config, stats.get());
  int exit_code = 0;
  bool restart_asked = false;
  {
    auto view =
        ui::create_kiosk_view(canvas.value(), router, store.get(), content_error, view_options);
    bool first_frame = true;
    auto on_frame = [&](double) {
      if (!first_frame) return;
      first_frame = false;
      firmware::service::ready();
      const std::string status =
          store ? "showing content version " + std::to_string(store->content_version())
                : "showing the error screen: " + content_error;
      firmware::service::status(status.c_str());
      if (std::getenv("KIOSK_REPORT_FIRST_FRAME") != nullptr) {
        // Also on the monotonic clock, so a benchmark can measure from the process's spawn.
        const auto now = std::chrono::steady_clock::now();
        const double ms = std::chrono::duration<double, std::milli>(now - started).count();
        const double monotonic = std::chrono::duration<double>(now.time_since_epoch()).count();
        std::fprintf(stderr, "kiosk: first frame after %.1f ms in main (monotonic %.6f s)\n", ms,
                     monotonic);
      }
    };
    if (scripted) {
      firmware::ScriptEventSource::Hooks hooks;
      hooks.screenshot = [&](const std::string& path) { return view->save_screenshot(path); };
      hooks.dump_layout = [&](const std::string& path) { return view->dump_layout(path); };
      hooks.target_center = [&](const std::string& id) { return view->target_center(id); };
      hooks.screen_name = [&] { return view->screen_name(); };
      firmware::ScriptEventSource* source_pointer = nullptr;
      hooks.settle = [&] {
        (void)view->tick(source_pointer->now_ms());
        view->draw();
      };
      firmware::ScriptEventSource source(
          commands, options.script.empty() ? "--screenshot" : options.script, hooks);
      source_pointer = &source;
      // Fed in scripted runs too, so a test can see the watchdog work (without one, as in
      // every other run, this changes nothing).
      WatchedEventSource watched(source);
      const auto loop = firmware::run_loop(watched, *view, router, session, on_frame);
      if (view->wants_quit()) restart_asked = true;
      if (source.failed()) {
        std::fprintf(stderr, "kiosk: %s\n", source.failure().c_str());
        exit_code = 1;
      }
      if (std::getenv("KIOSK_REPORT_FRAMES") != nullptr) {
        for (std::size_t k = 0; k < loop.frame_ms.size(); ++k) {
          std::printf("frame at %lld ms: %.3f ms\n", static_cast<long long>(loop.frame_at_ms[k]),
                      loop.frame_ms[k]);
        }
      }
    } else {
      if (SDL_InitSubSystem(SDL_INIT_EVENTS) != 0) {
        std::fprintf(stderr, "kiosk: SDL events: %s\n", SDL_GetError());
        return 1;
      }
      ui::SdlEventSource sdl_source(panel, config.rotation);
      WatchedEventSource source(sdl_source);
      const auto loop = firmware::run_loop(source, *view, router, session, on_frame);
      if (view->wants_quit()) restart_asked = true;
      if (std::getenv("KIOSK_REPORT_FRAMES") != nullptr) {
        std::printf("frames drawn: %lld in %lld ms\n", static_cast<long long>(loop.frames),
                    static_cast<long long>(source.now_ms()));
      }
    }
  }
  // The service manager (systemd, Restart=always) starts the kiosk again.
  if (restart_asked) std::fprintf(stderr, "kiosk: restart asked for on the admin screen\n");
  if (!options.screenshot.empty() && exit_code == 0)
    std::printf("kiosk: saved %s\n", options.screenshot.c_str());
  if (std::getenv("KIOSK_REPORT_RSS") != nullptr) {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::fprintf(stderr, "kiosk: peak RSS %.1f MiB\n",
                 static_cast<double>(usage.ru_maxrss) / 1024.0);
  }
  return exit_code;
}
