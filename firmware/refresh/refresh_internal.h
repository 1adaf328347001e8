// Private to firmware/refresh (and its tests): file helpers shared by the installer, the
// start-up choice and the watcher.
#pragma once

#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <functional>
#include <string>

#include "firmware/refresh/refresh.h"

namespace kiosk::firmware::refresh_detail {

constexpr std::size_t kChunkBytes = 1 << 20;  // copy and hash in 1 MiB pieces
constexpr std::int64_t kMaxSignatureBytes = 64 << 10;
constexpr std::size_t kMaxBundlesOnAStick = 16;  // by name; more is a mistake, not a release

class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(UniqueFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    if (this != &other) reset(std::exchange(other.fd_, -1));
    return *this;
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd() { reset(); }
  void reset(int fd = -1) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }
  [[nodiscard]] int get() const { return fd_; }
  explicit operator bool() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

std::string errno_text(int error);
bool fsync_path(const std::string& path, bool directory);
common::Result<UniqueFd> open_untrusted(const std::string& path, std::int64_t max_bytes,
                                        RefreshError& error, struct stat& info);
common::Result<std::string> read_small_untrusted(const std::string& path, std::int64_t max_bytes,
                                                 RefreshError& error);
common::Result<signature::FileHash> hash_fd(int fd, std::uint64_t expected_size,
                                            const std::function<void(std::uint64_t)>& progress);
// The content_version field of a trusted comment written by `kioskpack sign`; 0 if none.
std::int64_t trusted_comment_version(const std::string& comment);

}  // namespace kiosk::firmware::refresh_detail
