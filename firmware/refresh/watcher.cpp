// Finding sticks and bundles, and the controller that installs on a worker thread.
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>

#include <algorithm>
#include <condition_variable>
#include <ctime>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "firmware/refresh/refresh.h"
#include "firmware/refresh/refresh_internal.h"

extern char** environ;  // NOLINT: POSIX, for posix_spawn

namespace kiosk::firmware {

namespace fs = std::filesystem;
using namespace refresh_detail;

// [SECTION] Sticks and bundles

namespace {

bool is_real_directory(const std::string& path) {
  struct stat info {};
  return ::lstat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
}

}  // namespace

std::vector<std::string> find_sticks(const std::vector<std::string>& mount_roots) {
  std::vector<std::string> sticks;
  for (const auto& root : mount_roots) {
    if (!is_real_directory(root)) continue;
    if (is_real_directory(root + "/KIOSK")) sticks.push_back(root);
    std::error_code error;
    std::vector<std::string> below;
    for (const auto& entry : fs::directory_iterator(root, error)) {
      const std::string path = entry.path().string();
      if (is_real_directory(path) && is_real_directory(path + "/KIOSK")) below.push_back(path);
    }
    std::sort(below.begin(), below.end());
    sticks.insert(sticks.end(), below.begin(), below.end());
  }
  return sticks;
}

std::vector<BundleCandidate> find_bundles(const std::string& stick,
                                          const std::vector<signature::PublicKey>& trusted_keys) {
  std::vector<BundleCandidate> bundles;
  std::error_code error;
  // The names first, then at most a few bundles looked at: a stick with thousands of files
  // must not stall the screens (this runs on the loop's thread).
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(stick + "/KIOSK", error)) {
    const std::string name = entry.path().filename().string();
    if (name.size() < 4 || name.substr(name.size() - 3) != ".db" || name[0] == '.') continue;
    names.push_back(name);
    if (names.size() >= 1000) break;
  }
  std::sort(names.begin(), names.end());
  if (names.size() > kMaxBundlesOnAStick) names.resize(kMaxBundlesOnAStick);
  for (const std::string& name : names) {
    const fs::path entry_path = fs::path(stick) / "KIOSK" / name;
    BundleCandidate candidate;
    candidate.path = entry_path.string();
    candidate.stick = stick;
    struct stat info {};
    if (::lstat(candidate.path.c_str(), &info) == 0) candidate.mtime = info.st_mtime;
    // The order needs the version: only a trusted comment that a trusted key signed counts (a
    // forged one cannot push its bundle ahead); the installer checks everything again.
    RefreshError ignored = RefreshError::kNone;
    if (auto text =
            read_small_untrusted(candidate.path + ".minisig", kMaxSignatureBytes, ignored)) {
      if (auto parsed = signature::parse_signature(text.value());
          parsed && signature::comment_is_signed(parsed.value(), trusted_keys)) {
        candidate.version = trusted_comment_version(parsed->trusted_comment);
      }
    }
    bundles.push_back(std::move(candidate));
  }
  std::sort(bundles.begin(), bundles.end(), [](const BundleCandidate& a, const BundleCandidate& b) {
    if (a.version != b.version) return a.version > b.version;
    if (a.mtime != b.mtime) return a.mtime > b.mtime;
    return a.path > b.path;
  });
  return bundles;
}

// [SECTION] The remount helper

common::Status run_remount_helper(const std::string& helper, const std::string& mode,
                                  const std::string& mount_dir) {
  std::vector<std::string> args{helper, mode, mount_dir};
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  pid_t child = 0;
  if (const int error =
          ::posix_spawn(&child, helper.c_str(), nullptr, nullptr, argv.data(), environ);
      error != 0) {
    return common::Error{"cannot run " + helper + ": " + std::strerror(error)};
  }
  int status = 0;
  for (int waited_ms = 0;; waited_ms += 10) {
    const pid_t done = ::waitpid(child, &status, WNOHANG);
    if (done == child) break;
    if (done < 0 || waited_ms >= 10000) {
      ::kill(child, SIGKILL);
      ::waitpid(child, &status, 0);
      return common::Error{helper + " " + mode + " did not finish within 10 s"};
    }
    ::usleep(10000);
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return common::Error{helper + " " + mode + " " + mount_dir + " failed (exit status " +
                         std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")"};
  }
  return common::Nothing{};
}

// [SECTION] The controller

struct RefreshController::Impl {
  RefreshOptions options;
  std::vector<std::string> mount_roots;
  bool lockstep = false;

  mutable std::mutex mutex;
  std::condition_variable wake;
  State state;
  bool new_release = false;
  bool worker_waiting = false;  // lockstep: the worker reported and waits for a poll
  bool running = false;
  std::thread worker;

  std::int64_t next_scan_ms = 0;
  std::set<std::string> sticks_seen;  // present at the last scan (tried once per insertion)

  void changed() { ++state.generation; }

  void run(std::vector<BundleCandidate> bundles, std::int64_t installed_version) {
    InstallResult last;
    auto progress = [&](const RefreshProgress& p) {
      std::unique_lock lock(mutex);
      state.progress = p;
      changed();
      if (lockstep) {
        worker_waiting = true;
        wake.notify_all();
        wake.wait(lock, [&] { return !worker_waiting; });
      }
    };
    std::string newest_refusal;  // with several bundles, a failure gives the newest one's reason
    for (const auto& bundle : bundles) {
      last = install_bundle(bundle.path, options, installed_version, progress);
      if (last.ok()) break;
      if (newest_refusal.empty())
        newest_refusal = fs::path(bundle.path).filename().string() + ": " + last.message;
    }
    std::unique_lock lock(mutex);
    if (!last.ok() && bundles.size() > 1) last.message = newest_refusal;
    state.result = last;
    state.phase = last.ok() ? Phase::kSucceeded : Phase::kFailed;
    if (last.ok()) new_release = true;
    running = false;
    changed();
    wake.notify_all();
  }

  void join() {
    if (worker.joinable()) worker.join();
  }
};

RefreshController::RefreshController(RefreshOptions options, std::vector<std::string> mount_roots,
                                     bool lockstep)
    : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->mount_roots = std::move(mount_roots);
  impl_->lockstep = lockstep;
}

RefreshController::~RefreshController() {
  {
    std::lock_guard lock(impl_->mutex);
    impl_->lockstep = false;
    impl_->worker_waiting = false;
  }
  impl_->wake.notify_all();
  impl_->join();
}

void RefreshController::poll(std::int64_t now_ms, std::int64_t installed_version) {
  Impl& impl = *impl_;
  if (impl.lockstep) {
    // One progress report per poll, and the next one is there before poll returns: each frame
    // of a scripted run shows the same step every time.
    std::unique_lock lock(impl.mutex);
    if (impl.worker_waiting) {
      impl.worker_waiting = false;
      impl.wake.notify_all();
      impl.wake.wait(lock, [&] { return impl.worker_waiting || !impl.running; });
    }
  }
  if (now_ms < impl.next_scan_ms) return;
  impl.next_scan_ms = now_ms + 1000;
  const std::vector<std::string> sticks = find_sticks(impl.mount_roots);
  const std::set<std::string> present(sticks.begin(), sticks.end());
  std::unique_lock lock(impl.mutex);
  const bool stick_present = !impl.state.stick.empty() && present.count(impl.state.stick) > 0;
  if (stick_present != impl.state.stick_present) {
    impl.state.stick_present = stick_present;
    impl.changed();
  }
  if (impl.running) return;
  std::string inserted;
  for (const auto& stick : sticks) {
    if (impl.sticks_seen.count(stick) == 0) {
      inserted = stick;
      break;
    }
  }
  impl.sticks_seen = present;
  if (inserted.empty()) return;
  std::vector<BundleCandidate> bundles = find_bundles(inserted, impl.options.trusted_keys);
  if (bundles.empty()) return;  // a stick for exports only
  impl.join();
  impl.state.phase = Phase::kRunning;
  impl.state.progress = {};
  impl.state.result = {};
  impl.state.stick = inserted;
  impl.state.stick_present = true;
  impl.running = true;
  impl.changed();
  impl.worker = std::thread([this, bundles = std::move(bundles), installed_version]() mutable {
    impl_->run(std::move(bundles), installed_version);
  });
  if (impl.lockstep) impl.wake.wait(lock, [&] { return impl.worker_waiting || !impl.running; });
}

RefreshController::State RefreshController::state() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->state;
}

bool RefreshController::enabled() const { return !impl_->options.trusted_keys.empty(); }

bool RefreshController::take_new_release() {
  std::lock_guard lock(impl_->mutex);
  return std::exchange(impl_->new_release, false);
}

bool RefreshController::roll_back_now() {
  std::unique_lock lock(impl_->mutex);
  if (impl_->running) return false;
  lock.unlock();
  impl_->join();
  const InstallResult result = roll_back(impl_->options);
  lock.lock();
  if (result.ok()) impl_->new_release = true;
  impl_->changed();
  return result.ok();
}

std::string RefreshController::first_stick() const {
  const auto sticks = find_sticks(impl_->mount_roots);
  return sticks.empty() ? std::string() : sticks.front();
}

std::int64_t RefreshController::unix_now() const {
  return impl_->options.unix_clock ? impl_->options.unix_clock()
                                   : static_cast<std::int64_t>(std::time(nullptr));
}

const RefreshOptions& RefreshController::options() const { return impl_->options; }

void RefreshController::dismiss() {
  std::lock_guard lock(impl_->mutex);
  if (impl_->running) return;
  impl_->state.phase = Phase::kIdle;
  impl_->changed();
}

}  // namespace kiosk::firmware
