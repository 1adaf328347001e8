// The content refresh: installing a signed content bundle from a USB stick (or any folder), the
// choice of release at start, rollback, and the watcher that finds sticks. Nothing here draws:
// the screens read RefreshController's state.
//
// A bundle is a content release (content.db) plus its detached minisign signature
// (content.db.minisig). Installed releases live under STATE_DIR/releases/:
//
//   releases/r<version>-<n>/content.db (+ .minisig)   one folder per installed release
//   releases/current  -> r12-1                        symbolic links, each switched by rename()
//   releases/previous -> r11-1
//   releases/staging-<pid>/                           a bundle being installed (removed on start)
//
// Every step that could lose content is ordered so that a power cut at any instant leaves
// `current` or `previous` (or, failing both, the factory release) valid: a release folder is
// written and fsynced before a link names it, a link is replaced only by rename(), and the
// folder is fsynced after every rename.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "firmware/content_store/content_store.h"
#include "firmware/signature/signature.h"

namespace kiosk::firmware {

// [SECTION] Results

// What went wrong, for the screens (each maps to a message in both scripts) and the tests.
enum class RefreshError {
  kNone,
  kDisabled,           // no public key configured: refresh is off
  kNoBundle,           // the folder holds no content.db
  kNoSignature,        // content.db without content.db.minisig
  kBadSignatureFile,   // the .minisig is not a minisign signature
  kUntrustedKey,       // signed, but not by a key this kiosk trusts
  kSignatureMismatch,  // the file is not the one that was signed
  kCommentTampered,    // the signature's trusted comment was changed
  kNotRegularFile,     // a symbolic link, FIFO, device or folder
  kTooLarge,
  kEmptyFile,
  kUnreadable,          // reading the stick failed
  kSourceChanged,       // the file shrank, grew or vanished while it was copied (stick pulled)
  kCopyMismatch,        // the copy on internal storage differs from what was signed
  kNoSpace,             // internal storage is full
  kWriteFailed,         // another error writing internal storage
  kNotAContentRelease,  // not an SQLite file, or not one of ours
  kDamaged,             // SQLite's integrity check failed
  kWrongSchema,         // a schema version this kiosk does not read
  kUnexpectedSchema,    // tables missing, or triggers/views/tables that a release never has
  kNoDocuments,
  kFontsIncomplete,  // the release's fonts do not draw all of its text
  kNotNewer,         // content_version not newer than the installed one
  kNoPrevious,       // rollback: there is no previous release
};
// A stable name, "signature-mismatch", for logs, the history file and the UI string keys
// ("refresh.error.signature-mismatch").
const char* to_string(RefreshError error);

enum class RefreshStep { kCheck, kVerifySource, kCopy, kVerifyCopy, kValidate, kSwitch, kDone };
const char* to_string(RefreshStep step);

struct RefreshProgress {
  RefreshStep step = RefreshStep::kCheck;
  double fraction = 0;  // of the whole install, 0..1
};

struct InstallResult {
  RefreshError error = RefreshError::kNone;
  std::string message;       // one line for the log, the history and `kiosk --install`
  std::int64_t version = 0;  // the bundle's content_version, when it was read
  std::int64_t replaced_version = 0;
  std::string key_id;  // the signer's, when the signature was read
  [[nodiscard]] bool ok() const { return error == RefreshError::kNone; }
};

// [SECTION] Installing

struct RefreshOptions {
  std::string state_dir;                           // releases/ and refresh-history.tsv live here
  std::vector<signature::PublicKey> trusted_keys;  // empty: refresh is disabled
  std::int64_t max_bundle_bytes = 512LL << 20;
  bool allow_not_newer = false;  // an admin's override of the version floor
  // The wall clock for the history (seconds since 1970); empty: the system's. Scripted runs
  // fix it so their screens are the same every time.
  std::function<std::int64_t()> unix_clock;

  // Test seams (fault injection); production code leaves them empty.
  // Called at every step boundary with its name ("verified-source", "current-switched", ...).
  std::function<void(const char* boundary)> on_boundary;
  // Called during the copy with the bytes copied so far (a test pulls the stick here).
  std::function<void(std::uint64_t copied)> on_copy_progress;
  // Fail the write that would take internal storage past this many bytes, with this errno.
  std::int64_t fail_write_after_bytes = -1;
  int fail_write_errno = 0;
};

using ProgressFunction = std::function<void(const RefreshProgress&)>;

// Installs BUNDLE (a content.db path; its signature is BUNDLE.minisig) over the release whose
// content_version is `installed_version`. Order: the signature file and its key; the copy into
// a staging folder, hashed as it is read from the stick (read once: sticks are slow); the
// signature of what was read; the copy read back from internal storage and checked against the
// signature again; validation; the version floor; the switch. Nothing opens the bundle as a
// database before both signature checks passed. On any failure the installed releases are
// untouched and the staging folder is removed. One line is appended to the history file.
InstallResult install_bundle(const std::string& bundle, const RefreshOptions& options,
                             std::int64_t installed_version, const ProgressFunction& progress = {});

// Makes `previous` current (and the current one previous). Appends to the history.
InstallResult roll_back(const RefreshOptions& options);

// Full validation of a release file: what the installer checks after the copy.
struct ValidationIssue {
  RefreshError error = RefreshError::kNone;
  std::string message;
};
// `full` adds SQLite's integrity check and the font coverage of all the text (the installer's
// checks); without it the checks are the content store's own plus the schema's objects (start).
// On success `store`, when given, receives the opened release, so it is read only once.
ValidationIssue validate_release(const std::string& path, bool full,
                                 std::unique_ptr<ContentStore>* store = nullptr);

// [SECTION] Choosing the release at start

struct ReleaseChoice {
  std::unique_ptr<ContentStore> store;  // null only when even the factory release failed
  std::string path;
  std::string which;   // "current", "previous" or "factory"
  std::string key_id;  // the signer's key id of an installed release; empty for the factory one
  std::vector<std::string> rejected;  // why the ones before it were passed over
};

// The newest release that validates: current, then previous, then the factory release shipped
// with the program. Removes staging folders and release folders no link names.
ReleaseChoice open_newest_release(const std::string& state_dir, const std::string& factory);

// [SECTION] History

struct RefreshRecord {
  std::int64_t unix_time = 0;
  std::string action;  // install, rollback, export
  std::string source;  // the bundle's path
  std::int64_t version = 0;
  std::string result;  // "ok" or to_string(RefreshError)
  std::string message;
};
// The last `count` records, newest first. The file is append-only, one tab-separated line a
// record; a damaged line is skipped.
std::vector<RefreshRecord> read_history(const std::string& state_dir, std::size_t count);
void append_history(const std::string& state_dir, const RefreshRecord& record);

// [SECTION] The USB watcher

// A bundle found on a stick: STICK/KIOSK/<name>.db with <name>.db.minisig beside it.
struct BundleCandidate {
  std::string path;
  std::string stick;         // the mount point's folder that holds KIOSK/
  std::int64_t version = 0;  // from a trusted comment a trusted key signed; else 0
  std::int64_t mtime = 0;
};
// Sticks under the mount roots: each root itself and each folder directly below it that holds
// a KIOSK/ folder. Never follows symbolic links.
std::vector<std::string> find_sticks(const std::vector<std::string>& mount_roots);
// The bundles on a stick, newest first: by the content_version of a trusted comment that one of
// `trusted_keys` signed (0 otherwise), then modification time, then name. At most 16, by name.
std::vector<BundleCandidate> find_bundles(const std::string& stick,
                                          const std::vector<signature::PublicKey>& trusted_keys);

// Runs the board's remount helper (config usb_remount_helper) as HELPER MODE MOUNT_DIR, MODE
// "rw" or "ro", without a shell, and waits for it (at most 10 s, well inside the service watchdog).
// The mount folder is one the watcher found, never a name from the stick's content.
common::Status run_remount_helper(const std::string& helper, const std::string& mode,
                                  const std::string& mount_dir);

// Watches the mount roots from the loop's thread and installs on a worker thread, so the
// screens keep drawing. A stick is tried once per insertion: pulling it and plugging it in
// again tries again.
class RefreshController {
 public:
  enum class Phase { kIdle, kRunning, kSucceeded, kFailed };
  struct State {
    Phase phase = Phase::kIdle;
    RefreshProgress progress;
    InstallResult result;
    std::string stick;
    bool stick_present = false;    // the stick of the last install is still plugged in
    std::uint64_t generation = 0;  // increases with every change, for redraws
  };

  // `lockstep`: the worker waits after every progress report until the next poll(), so a
  // scripted run with simulated time shows the same frames every time.
  RefreshController(RefreshOptions options, std::vector<std::string> mount_roots,
                    bool lockstep = false);
  ~RefreshController();
  RefreshController(const RefreshController&) = delete;
  RefreshController& operator=(const RefreshController&) = delete;

  // Call from the loop on every tick: scans the mount roots (once a second) and starts an
  // install for a new stick. `installed_version` is the content_version shown now.
  void poll(std::int64_t now_ms, std::int64_t installed_version);
  [[nodiscard]] State state() const;
  [[nodiscard]] bool enabled() const;
  // True once after a successful install or rollback: the caller reopens the content.
  bool take_new_release();
  // Admin actions. Both return false when an install runs.
  bool roll_back_now();
  // The first stick present now (for exports); empty when none.
  [[nodiscard]] std::string first_stick() const;
  // Forgets the result shown (the staff tapped it away).
  void dismiss();
  // The options' clock, for other records in the history (exports).
  [[nodiscard]] std::int64_t unix_now() const;
  [[nodiscard]] const RefreshOptions& options() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace kiosk::firmware
