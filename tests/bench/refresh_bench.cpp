// Refresh benchmark: installing a 20 MB signed release (signature on the stick, copy, signature
// of the copy, integrity check and validation, atomic switch) against the floor any install
// pays: copying the same file and fsyncing it and its folder. Prints both, and the ratio of
// each repetition's pair (measured interleaved, so the machine's mood affects both alike).
//
//   build/release/tests/bench/kiosk-refresh-bench [--megabytes 20] [--runs 9]
#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "firmware/refresh/refresh.h"
#include "firmware/signature/signature.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

bool fsync_path(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

// The floor: read the bundle in 1 MiB pieces, write the copy, fsync the file and its folder.
void copy_and_sync(const std::string& from, const std::string& dir) {
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string to = dir + "/content.db";
  const int in = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
  const int out = ::open(to.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (in < 0 || out < 0) std::abort();
  std::vector<char> buffer(1 << 20);
  for (ssize_t got; (got = ::read(in, buffer.data(), buffer.size())) > 0;) {
    if (::write(out, buffer.data(), static_cast<std::size_t>(got)) != got) std::abort();
  }
  if (::fsync(out) != 0) std::abort();
  ::close(in);
  ::close(out);
  if (!fsync_path(dir, O_DIRECTORY)) std::abort();
}

}  // namespace

int main(int argc, char** argv) {
  int megabytes = 20;
  int runs = 9;
  for (int k = 1; k + 1 < argc; k += 2) {
    if (std::strcmp(argv[k], "--megabytes") == 0) megabytes = std::atoi(argv[k + 1]);
    if (std::strcmp(argv[k], "--runs") == 0) runs = std::atoi(argv[k + 1]);
  }
  const std::string work = fs::temp_directory_path().string() + "/kiosk-refresh-bench";
  fs::remove_all(work);
  fs::create_directories(work);
  // A real release made large with media (what a hall's photos would add), signed.
  const std::string bundle = work + "/content.db";
  fs::copy_file(KIOSK_FACTORY_CONTENT, bundle);
  sqlite3* db = nullptr;
  sqlite3_open(bundle.c_str(), &db);
  const auto current = static_cast<std::int64_t>(fs::file_size(bundle));
  const std::int64_t blobs = std::max<std::int64_t>(0, megabytes * 1048576LL - current) / 1048576;
  char* error = nullptr;
  const std::string grow =
      "WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < " +
      std::to_string(blobs) +
      ") INSERT INTO media (document_id, mime_type, data) SELECT NULL, 'image/jpeg', "
      "randomblob(1048000) FROM n; UPDATE meta SET value = '2' WHERE key = 'content_version';";
  if (sqlite3_exec(db, grow.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::fprintf(stderr, "kiosk-refresh-bench: %s\n", error);
    return 1;
  }
  sqlite3_close(db);
  const auto keys = kiosk::firmware::signature::generate_key_pair();
  {
    auto hash = kiosk::firmware::signature::hash_file(bundle);
    if (!hash) {
      std::fprintf(stderr, "kiosk-refresh-bench: %s\n", hash.error().c_str());
      return 1;
    }
    const auto signature =
        kiosk::firmware::signature::sign(hash.value(), keys.secret_key, "content_version:2");
    FILE* out = std::fopen((bundle + ".minisig").c_str(), "wb");
    const std::string text = kiosk::firmware::signature::format_signature(signature);
    std::fwrite(text.data(), 1, text.size(), out);
    std::fclose(out);
  }
  const double size_mb = static_cast<double>(fs::file_size(bundle)) / 1048576.0;

  std::vector<double> copies;
  std::vector<double> installs;
  std::vector<double> ratios;
  std::map<std::string, std::vector<double>> step_ms;  // time since the boundary before
  std::vector<std::string> step_order;
  for (int run = -1; run < runs; ++run) {  // run -1 warms the page cache and is not counted
    auto start = Clock::now();
    copy_and_sync(bundle, work + "/copy");
    const double copy_ms = ms_since(start);

    const std::string state = work + "/state";
    fs::remove_all(state);
    kiosk::firmware::RefreshOptions options;
    options.state_dir = state;
    options.trusted_keys = {keys.public_key};
    std::vector<std::pair<std::string, double>> marks;
    options.on_boundary = [&](const char* name) { marks.emplace_back(name, ms_since(start)); };
    start = Clock::now();
    const auto result = kiosk::firmware::install_bundle(bundle, options, 1);
    const double install_ms = ms_since(start);
    if (!result.ok()) {
      std::fprintf(stderr, "kiosk-refresh-bench: install failed: %s\n", result.message.c_str());
      return 1;
    }
    if (run < 0) continue;
    for (std::size_t k = 0; k < marks.size(); ++k) {
      step_ms[marks[k].first].push_back(marks[k].second - (k == 0 ? 0 : marks[k - 1].second));
      if (run == 0) step_order.push_back(marks[k].first);
    }
    copies.push_back(copy_ms);
    installs.push_back(install_ms);
    ratios.push_back(install_ms / copy_ms);
  }
  std::printf("refresh of a %.1f MiB release, medians of %d interleaved runs (page cache warm)\n",
              size_mb, runs);
  std::printf("  copy + fsync (the floor):   %8.1f ms\n", median(copies));
  std::printf("  install_bundle:             %8.1f ms\n", median(installs));
  std::printf("  install / copy:             %8.2fx (median of the per-run ratios; min %.2fx)\n",
              median(ratios), *std::min_element(ratios.begin(), ratios.end()));
  std::printf("  install's steps (median ms up to each boundary from the one before):\n   ");
  for (const auto& step : step_order) std::printf(" %s %.1f", step.c_str(), median(step_ms[step]));
  std::printf("\n");
  fs::remove_all(work);
  return 0;
}
