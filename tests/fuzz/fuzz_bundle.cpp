// Fuzz target: a bundle from a stick is untrusted bytes. Whatever they are, validating them as a
// content release (SQLite opened read-only and defensive, schema objects, integrity check,
// content store, font coverage) and reading a signature's trusted comment for its version
// must end in a verdict, never a crash, a hang or an exception.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "firmware/refresh/refresh.h"
#include "firmware/refresh/refresh_internal.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace kiosk::firmware;
  static const std::string path = [] {
    char name[] = "/tmp/kiosk-fuzz-bundle-XXXXXX";
    const int fd = ::mkstemp(name);
    if (fd >= 0) ::close(fd);
    return std::string(name);
  }();
  FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) std::abort();
  if (size > 0 && std::fwrite(data, 1, size, file) != size) std::abort();
  std::fclose(file);
  const ValidationIssue issue = validate_release(path, true);
  // A verdict always says why.
  if (issue.error != RefreshError::kNone && issue.message.empty()) std::abort();
  // The same bytes as a trusted comment: the version is a positive number or 0.
  const std::string comment(reinterpret_cast<const char*>(data), size);
  if (refresh_detail::trusted_comment_version(comment) < 0) std::abort();
  return 0;
}
