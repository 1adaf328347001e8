// Installing a bundle, rolling back, and choosing the release at start.
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>
#include <filesystem>
#include <set>

#include "firmware/refresh/refresh.h"
#include "firmware/refresh/refresh_internal.h"

namespace kiosk::firmware {

namespace fs = std::filesystem;
using namespace refresh_detail;

namespace {

// [SECTION] Layout on disk

std::string releases_dir(const std::string& state_dir) { return state_dir + "/releases"; }

// The release folder a link names ("r12-1"), or empty when the link is missing or not ours.
std::string link_target(const std::string& link) {
  std::error_code error;
  if (!fs::is_symlink(fs::symlink_status(link, error))) return {};
  const fs::path target = fs::read_symlink(link, error);
  if (error || target.has_parent_path() || target.empty()) return {};
  return target.string();
}

// Points `name` (current, previous) at `target` by creating a new link and renaming it over the
// old one: the old link is replaced in one step, never missing.
bool switch_link(const std::string& dir, const std::string& name, const std::string& target) {
  const std::string temporary = dir + "/." + name + ".new";
  ::unlink(temporary.c_str());
  if (::symlink(target.c_str(), temporary.c_str()) != 0) return false;
  if (::rename(temporary.c_str(), (dir + "/" + name).c_str()) != 0) {
    ::unlink(temporary.c_str());
    return false;
  }
  return fsync_path(dir, true);
}

std::int64_t unix_now(const RefreshOptions& options) {
  return options.unix_clock ? options.unix_clock() : static_cast<std::int64_t>(std::time(nullptr));
}

void remove_tree(const std::string& path) {
  std::error_code ignored;
  fs::remove_all(path, ignored);
}

// [SECTION] The copy

struct CopyOutcome {
  RefreshError error = RefreshError::kNone;
  std::string message;
};

// Copies the open source to `target` while hashing it, then fsyncs. A source that ends early or
// runs on (a stick pulled, a file rewritten) is SourceChanged; ENOSPC is NoSpace.
CopyOutcome copy_file(int source, std::uint64_t size, const std::string& target,
                      const RefreshOptions& options, const std::function<void(double)>& progress,
                      signature::FileHash& hash) {
  if (::lseek(source, 0, SEEK_SET) != 0) {
    return {RefreshError::kUnreadable, "cannot read the bundle again: " + errno_text(errno)};
  }
  UniqueFd out(::open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644));
  if (!out)
    return {RefreshError::kWriteFailed, "cannot create " + target + ": " + errno_text(errno)};
  signature::FileHasher hasher;
  std::vector<std::uint8_t> buffer(kChunkBytes);
  std::uint64_t copied = 0;
  while (true) {
    const ssize_t got = ::read(source, buffer.data(), buffer.size());
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      return {
          RefreshError::kSourceChanged,
          "reading the stick failed during the copy (was it pulled out?): " + errno_text(errno)};
    }
    if (got == 0) break;
    if (copied + static_cast<std::uint64_t>(got) > size) {
      return {RefreshError::kSourceChanged, "the bundle grew while it was copied"};
    }
    hasher.update(buffer.data(), static_cast<std::size_t>(got));
    std::size_t written = 0;
    while (written < static_cast<std::size_t>(got)) {
      std::size_t piece = static_cast<std::size_t>(got) - written;
      int injected = 0;
      if (options.fail_write_after_bytes >= 0 &&
          static_cast<std::int64_t>(copied + written + piece) > options.fail_write_after_bytes) {
        injected = options.fail_write_errno != 0 ? options.fail_write_errno : ENOSPC;
      }
      const ssize_t put = injected != 0 ? -1 : ::write(out.get(), buffer.data() + written, piece);
      if (put < 0 && injected == 0 && errno == EINTR) continue;
      if (put < 0) {
        const int error = injected != 0 ? injected : errno;
        if (error == ENOSPC || error == EDQUOT) {
          return {RefreshError::kNoSpace, "internal storage is full (" + errno_text(error) + ")"};
        }
        return {RefreshError::kWriteFailed,
                "writing internal storage failed: " + errno_text(error)};
      }
      written += static_cast<std::size_t>(put);
    }
    copied += static_cast<std::uint64_t>(got);
    if (options.on_copy_progress) options.on_copy_progress(copied);
    if (progress) progress(static_cast<double>(copied) / static_cast<double>(size));
  }
  if (copied != size) {
    return {RefreshError::kSourceChanged, "the bundle ended after " + std::to_string(copied) +
                                              " of " + std::to_string(size) +
                                              " bytes (was the stick pulled out?)"};
  }
  if (::fsync(out.get()) != 0) {
    const int error = errno;
    return {error == ENOSPC ? RefreshError::kNoSpace : RefreshError::kWriteFailed,
            "saving the copy failed: " + errno_text(error)};
  }
  hash = hasher.finish();
  return {};
}

bool trusted(const signature::Signature& signed_by, const std::vector<signature::PublicKey>& keys) {
  for (const auto& key : keys) {
    if (key.id == signed_by.key_id) return true;
  }
  return false;
}

// The signature module's message says which check failed; the key is known to be trusted here.
RefreshError signature_error(const std::string& message) {
  return message.find("comment") != std::string::npos ? RefreshError::kCommentTampered
                                                      : RefreshError::kSignatureMismatch;
}

}  // namespace

// [SECTION] Install

InstallResult install_bundle(const std::string& bundle, const RefreshOptions& options,
                             std::int64_t installed_version, const ProgressFunction& progress) {
  InstallResult result;
  result.replaced_version = installed_version;
  const std::string dir = releases_dir(options.state_dir);
  std::string staging;
  auto boundary = [&](const char* name) {
    if (options.on_boundary) options.on_boundary(name);
  };
  auto report = [&](RefreshStep step, double fraction) {
    if (progress) progress(RefreshProgress{step, fraction});
  };
  auto finish = [&](RefreshError error, std::string message) {
    result.error = error;
    result.message = std::move(message);
    if (!staging.empty()) remove_tree(staging);
    if (error == RefreshError::kNone) {
      report(RefreshStep::kDone, 1.0);
    }
    append_history(options.state_dir,
                   RefreshRecord{unix_now(options), "install", bundle, result.version,
                                 to_string(error), result.message});
    return result;
  };

  // 1. Nothing is read without a key to check it against.
  report(RefreshStep::kCheck, 0.0);
  if (options.trusted_keys.empty()) {
    return finish(RefreshError::kDisabled,
                  "refresh is disabled: no public key is configured (refresh_public_keys)");
  }
  RefreshError error = RefreshError::kNone;
  const std::string signature_path = bundle + ".minisig";
  {
    struct stat ignored {};
    if (::lstat(signature_path.c_str(), &ignored) != 0 && errno == ENOENT) {
      return finish(RefreshError::kNoSignature,
                    "the bundle " + bundle + " has no signature (" + signature_path + ")");
    }
  }
  auto signature_text = read_small_untrusted(signature_path, kMaxSignatureBytes, error);
  if (!signature_text) {
    if (error == RefreshError::kEmptyFile || error == RefreshError::kTooLarge)
      error = RefreshError::kBadSignatureFile;
    return finish(error, "signature: " + signature_text.error());
  }
  auto parsed = signature::parse_signature(signature_text.value());
  if (!parsed) {
    return finish(RefreshError::kBadSignatureFile,
                  signature_path + " is not a minisign signature: " + parsed.error());
  }
  const signature::Signature& signed_by = parsed.value();
  result.key_id = signature::key_id_hex(signed_by.key_id);
  if (!trusted(signed_by, options.trusted_keys)) {
    return finish(RefreshError::kUntrustedKey, bundle + " is signed by key " + result.key_id +
                                                   ", which this kiosk does not trust");
  }
  struct stat info {};
  auto source = open_untrusted(bundle, options.max_bundle_bytes, error, info);
  if (!source) return finish(error, source.error());
  const auto size = static_cast<std::uint64_t>(info.st_size);
  boundary("opened");

  // 2. Room for it, then the copy into a staging folder on internal storage, hashed as it is
  // read: the stick is read once (sticks are slow), and nothing is opened before step 3.
  std::error_code fs_error;
  fs::create_directories(dir, fs_error);
  if (fs_error) {
    return finish(RefreshError::kWriteFailed, "cannot create " + dir + ": " + fs_error.message());
  }
  struct statvfs space {};
  if (::statvfs(dir.c_str(), &space) == 0) {
    const auto available =
        static_cast<std::uint64_t>(space.f_bavail) * static_cast<std::uint64_t>(space.f_frsize);
    if (available < size + size / 16 + (1U << 20)) {
      return finish(RefreshError::kNoSpace,
                    "internal storage has " + std::to_string(available >> 20) +
                        " MiB free; the bundle needs " + std::to_string((size >> 20) + 2) + " MiB");
    }
  }
  staging = dir + "/staging-" + std::to_string(::getpid());
  remove_tree(staging);
  if (::mkdir(staging.c_str(), 0755) != 0) {
    const std::string why = errno_text(errno);
    staging.clear();
    return finish(RefreshError::kWriteFailed, "cannot create the staging folder: " + why);
  }
  const std::string staged = staging + "/content.db";
  signature::FileHash streamed_hash{};
  boundary("copy-started");
  const CopyOutcome copied = copy_file(
      source->get(), size, staged, options, [&](double f) { report(RefreshStep::kCopy, 0.6 * f); },
      streamed_hash);
  if (copied.error != RefreshError::kNone) return finish(copied.error, copied.message);
  {
    // A file rewritten on the stick while it was read: its bytes are a mix of two versions.
    struct stat after {};
    if (::fstat(source->get(), &after) != 0 || after.st_size != info.st_size ||
        after.st_mtim.tv_sec != info.st_mtim.tv_sec ||
        after.st_mtim.tv_nsec != info.st_mtim.tv_nsec) {
      return finish(RefreshError::kSourceChanged,
                    "the bundle changed on the stick while it was copied");
    }
  }
  source->reset();  // the stick is not read again
  boundary("copied");

  // 3. The signature of the bytes read from the stick, before anything opens them.
  report(RefreshStep::kVerifySource, 0.6);
  if (auto verified = signature::verify(signed_by, streamed_hash, options.trusted_keys);
      !verified) {
    return finish(signature_error(verified.error()), bundle + ": " + verified.error());
  }
  boundary("verified-source");

  // 4. The copy, read back from internal storage, against the signature again: what was written
  // is what was signed.
  {
    UniqueFd staged_fd(::open(staged.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
    if (!staged_fd) {
      return finish(RefreshError::kWriteFailed, "cannot read the copy: " + errno_text(errno));
    }
    auto reread = hash_fd(staged_fd.get(), size, [&](std::uint64_t done) {
      report(RefreshStep::kVerifyCopy,
             0.6 + 0.15 * static_cast<double>(done) / static_cast<double>(size));
    });
    if (!reread) return finish(RefreshError::kCopyMismatch, "the copy: " + reread.error());
    if (auto verified = signature::verify(signed_by, reread.value(), options.trusted_keys);
        !verified) {
      return finish(
          RefreshError::kCopyMismatch,
          "the copy on internal storage does not match the signature: " + verified.error());
    }
  }
  boundary("verified-copy");

  // 5. Validation: integrity, schema, documents, fonts; then the version floor.
  report(RefreshStep::kValidate, 0.75);
  {
    std::unique_ptr<ContentStore> store;
    if (auto issue = validate_release(staged, true, &store); issue.error != RefreshError::kNone) {
      return finish(issue.error, bundle + " is not a usable content release: " + issue.message);
    }
    result.version = store->content_version();
  }
  if (result.version <= installed_version && !options.allow_not_newer) {
    return finish(RefreshError::kNotNewer, "the bundle has content version " +
                                               std::to_string(result.version) +
                                               ", not newer than the installed version " +
                                               std::to_string(installed_version));
  }
  report(RefreshStep::kValidate, 0.95);
  boundary("validated");

  // 6. The switch. The release folder is complete and durable before any link names it.
  {
    UniqueFd sig(::open((staged + ".minisig").c_str(),
                        O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644));
    const std::string& text = signature_text.value();
    if (!sig || ::write(sig.get(), text.data(), text.size()) != static_cast<ssize_t>(text.size()) ||
        ::fsync(sig.get()) != 0) {
      return finish(RefreshError::kWriteFailed, "cannot save the signature: " + errno_text(errno));
    }
  }
  if (!fsync_path(staging, true)) {
    return finish(RefreshError::kWriteFailed, "cannot save the staging folder");
  }
  std::string name;
  for (int n = 1;; ++n) {
    name = "r" + std::to_string(result.version) + "-" + std::to_string(n);
    struct stat exists {};
    if (::lstat((dir + "/" + name).c_str(), &exists) != 0) break;
  }
  if (::rename(staging.c_str(), (dir + "/" + name).c_str()) != 0 || !fsync_path(dir, true)) {
    return finish(RefreshError::kWriteFailed,
                  "cannot move the release into place: " + errno_text(errno));
  }
  staging.clear();
  boundary("release-written");
  report(RefreshStep::kSwitch, 0.97);
  const std::string old_current = link_target(dir + "/current");
  if (!old_current.empty()) {
    if (!switch_link(dir, "previous", old_current)) {
      remove_tree(dir + "/" + name);
      return finish(RefreshError::kWriteFailed,
                    "cannot keep the previous release: " + errno_text(errno));
    }
    boundary("previous-switched");
  }
  if (!switch_link(dir, "current", name)) {
    remove_tree(dir + "/" + name);
    return finish(RefreshError::kWriteFailed,
                  "cannot switch to the new release: " + errno_text(errno));
  }
  boundary("current-switched");
  // The release two back is no longer named by a link.
  for (const auto& entry : fs::directory_iterator(dir, fs_error)) {
    const std::string entry_name = entry.path().filename().string();
    if (entry_name.rfind('r', 0) == 0 && entry_name != name && entry_name != old_current &&
        entry.is_directory() && !entry.is_symlink()) {
      remove_tree(entry.path().string());
    }
  }
  boundary("cleaned");
  return finish(RefreshError::kNone,
                "installed content version " + std::to_string(result.version) + " from " + bundle);
}

// [SECTION] Rollback

InstallResult roll_back(const RefreshOptions& options) {
  InstallResult result;
  const std::string dir = releases_dir(options.state_dir);
  const std::string current = link_target(dir + "/current");
  const std::string previous = link_target(dir + "/previous");
  auto finish = [&](RefreshError error, std::string message) {
    result.error = error;
    result.message = std::move(message);
    append_history(options.state_dir,
                   RefreshRecord{unix_now(options), "rollback", previous, result.version,
                                 to_string(error), result.message});
    return result;
  };
  if (previous.empty() || previous == current) {
    return finish(RefreshError::kNoPrevious, "there is no previous release to go back to");
  }
  const std::string path = dir + "/" + previous + "/content.db";
  {
    std::unique_ptr<ContentStore> store;
    if (auto issue = validate_release(path, false, &store); issue.error != RefreshError::kNone) {
      return finish(issue.error, "the previous release is not usable: " + issue.message);
    }
    result.version = store->content_version();
  }
  // current first: a power cut between the two renames leaves both links on the old previous.
  if (!switch_link(dir, "current", previous)) {
    return finish(RefreshError::kWriteFailed, "cannot switch: " + errno_text(errno));
  }
  if (!current.empty()) (void)switch_link(dir, "previous", current);
  return finish(RefreshError::kNone,
                "went back to content version " + std::to_string(result.version));
}

// [SECTION] Choosing the release at start

ReleaseChoice open_newest_release(const std::string& state_dir, const std::string& factory) {
  ReleaseChoice choice;
  const std::string dir = releases_dir(state_dir);
  const std::string current = link_target(dir + "/current");
  const std::string previous = link_target(dir + "/previous");
  // What an install cut short left behind, and releases no link names any more.
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(dir, error)) {
    const std::string name = entry.path().filename().string();
    const bool ours = name.rfind("staging-", 0) == 0 || name.rfind("r", 0) == 0 ||
                      (name.size() > 4 && name.substr(name.size() - 4) == ".new");
    if (ours && name != current && name != previous && !entry.is_symlink()) {
      remove_tree(entry.path().string());
    }
  }
  auto try_open = [&](const std::string& path, const std::string& which) {
    std::unique_ptr<ContentStore> store;
    if (auto issue = validate_release(path, false, &store); issue.error != RefreshError::kNone) {
      choice.rejected.push_back(which + " (" + path + "): " + issue.message);
      return false;
    }
    choice.store = std::move(store);
    choice.path = path;
    choice.which = which;
    return true;
  };
  auto key_of = [&](const std::string& path) {
    RefreshError ignored = RefreshError::kNone;
    if (auto text = read_small_untrusted(path + ".minisig", kMaxSignatureBytes, ignored)) {
      if (auto parsed = signature::parse_signature(text.value()))
        return signature::key_id_hex(parsed->key_id);
    }
    return std::string();
  };
  if (!current.empty() && try_open(dir + "/" + current + "/content.db", "current")) {
    choice.key_id = key_of(choice.path);
    return choice;
  }
  if (!previous.empty() && try_open(dir + "/" + previous + "/content.db", "previous")) {
    choice.key_id = key_of(choice.path);
    return choice;
  }
  if (try_open(factory, "factory")) return choice;
  return choice;
}

}  // namespace kiosk::firmware
