// The content refresh (see refresh.h for the layout on disk and the guarantees). The order of
// the steps is the point of this file: nothing is opened as a database before its signature
// checked out, nothing installed is touched before the new release is complete and fsynced,
// and every switch is a rename().
#include "firmware/refresh/refresh.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <utility>

#include "firmware/refresh/refresh_internal.h"
#include "firmware/sqlite/sqlite.h"
#include "ui/text/text.h"

namespace kiosk::firmware {

namespace fs = std::filesystem;

// [SECTION] Names

const char* to_string(RefreshError error) {
  switch (error) {
    case RefreshError::kNone:
      return "ok";
    case RefreshError::kDisabled:
      return "disabled";
    case RefreshError::kNoBundle:
      return "no-bundle";
    case RefreshError::kNoSignature:
      return "no-signature";
    case RefreshError::kBadSignatureFile:
      return "bad-signature-file";
    case RefreshError::kUntrustedKey:
      return "untrusted-key";
    case RefreshError::kSignatureMismatch:
      return "signature-mismatch";
    case RefreshError::kCommentTampered:
      return "comment-tampered";
    case RefreshError::kNotRegularFile:
      return "not-regular-file";
    case RefreshError::kTooLarge:
      return "too-large";
    case RefreshError::kEmptyFile:
      return "empty-file";
    case RefreshError::kUnreadable:
      return "unreadable";
    case RefreshError::kSourceChanged:
      return "source-changed";
    case RefreshError::kCopyMismatch:
      return "copy-mismatch";
    case RefreshError::kNoSpace:
      return "no-space";
    case RefreshError::kWriteFailed:
      return "write-failed";
    case RefreshError::kNotAContentRelease:
      return "not-a-content-release";
    case RefreshError::kDamaged:
      return "damaged";
    case RefreshError::kWrongSchema:
      return "wrong-schema";
    case RefreshError::kUnexpectedSchema:
      return "unexpected-schema";
    case RefreshError::kNoDocuments:
      return "no-documents";
    case RefreshError::kFontsIncomplete:
      return "fonts-incomplete";
    case RefreshError::kNotNewer:
      return "not-newer";
    case RefreshError::kNoPrevious:
      return "no-previous";
  }
  return "unknown";
}

const char* to_string(RefreshStep step) {
  switch (step) {
    case RefreshStep::kCheck:
      return "check";
    case RefreshStep::kVerifySource:
      return "verify-source";
    case RefreshStep::kCopy:
      return "copy";
    case RefreshStep::kVerifyCopy:
      return "verify-copy";
    case RefreshStep::kValidate:
      return "validate";
    case RefreshStep::kSwitch:
      return "switch";
    case RefreshStep::kDone:
      return "done";
  }
  return "check";
}

namespace refresh_detail {

// [SECTION] Files

std::string errno_text(int error) { return std::strerror(error); }

bool fsync_path(const std::string& path, bool directory) {
  const int fd = ::open(path.c_str(), (directory ? O_DIRECTORY : 0) | O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

// Opens a file from the stick: a regular file only, never through a symbolic link, never
// blocking on a FIFO. The lstat gives the staff a precise reason; O_NOFOLLOW and the fstat
// close the race between the two.
common::Result<UniqueFd> open_untrusted(const std::string& path, std::int64_t max_bytes,
                                        RefreshError& error, struct stat& info) {
  struct stat link_info {};
  if (::lstat(path.c_str(), &link_info) != 0) {
    error = errno == ENOENT ? RefreshError::kNoBundle : RefreshError::kUnreadable;
    return common::Error{"cannot read " + path + ": " + errno_text(errno)};
  }
  if (!S_ISREG(link_info.st_mode)) {
    error = RefreshError::kNotRegularFile;
    const char* what = S_ISLNK(link_info.st_mode)    ? "a symbolic link"
                       : S_ISFIFO(link_info.st_mode) ? "a FIFO"
                       : S_ISDIR(link_info.st_mode)  ? "a folder"
                       : S_ISCHR(link_info.st_mode) || S_ISBLK(link_info.st_mode)
                           ? "a device"
                           : "not a regular file";
    return common::Error{path + " is " + std::string(what) + ", not a regular file"};
  }
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
  if (!fd) {
    error = RefreshError::kUnreadable;
    return common::Error{"cannot open " + path + ": " + errno_text(errno)};
  }
  if (::fstat(fd.get(), &info) != 0 || !S_ISREG(info.st_mode) || info.st_ino != link_info.st_ino ||
      info.st_dev != link_info.st_dev) {
    error = RefreshError::kNotRegularFile;
    return common::Error{path + " changed into something that is not a regular file"};
  }
  if (info.st_size == 0) {
    error = RefreshError::kEmptyFile;
    return common::Error{path + " is empty"};
  }
  if (info.st_size > max_bytes) {
    error = RefreshError::kTooLarge;
    return common::Error{path + " is " + std::to_string(info.st_size) +
                         " bytes, more than the limit of " + std::to_string(max_bytes)};
  }
  return fd;
}

// Reads the whole of a small file from the stick (a signature), with the same rules.
common::Result<std::string> read_small_untrusted(const std::string& path, std::int64_t max_bytes,
                                                 RefreshError& error) {
  struct stat info {};
  auto fd = open_untrusted(path, max_bytes, error, info);
  if (!fd) return common::Error{fd.error()};
  std::string text(static_cast<std::size_t>(info.st_size), '\0');
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t got = ::read(fd->get(), text.data() + done, text.size() - done);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      error = RefreshError::kUnreadable;
      return common::Error{"reading " + path + " failed" +
                           (got < 0 ? ": " + errno_text(errno) : std::string(": it shrank"))};
    }
    done += static_cast<std::size_t>(got);
  }
  return text;
}

// Hashes an open file from its start; `expected_size` guards against a file that changes.
common::Result<signature::FileHash> hash_fd(int fd, std::uint64_t expected_size,
                                            const std::function<void(std::uint64_t)>& progress) {
  if (::lseek(fd, 0, SEEK_SET) != 0) return common::Error{"cannot seek: " + errno_text(errno)};
  signature::FileHasher hasher;
  std::vector<std::uint8_t> buffer(kChunkBytes);
  std::uint64_t total = 0;
  while (true) {
    const ssize_t got = ::read(fd, buffer.data(), buffer.size());
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return common::Error{"reading failed: " + errno_text(errno)};
    if (got == 0) break;
    hasher.update(buffer.data(), static_cast<std::size_t>(got));
    total += static_cast<std::uint64_t>(got);
    if (progress) progress(total);
  }
  if (total != expected_size) {
    return common::Error{"the file is " + std::to_string(total) + " bytes now, " +
                         std::to_string(expected_size) + " when it was opened"};
  }
  return hasher.finish();
}

std::int64_t trusted_comment_version(const std::string& comment) {
  // minisign's trusted comments are tab-separated "key:value" fields.
  std::istringstream fields(comment);
  for (std::string field; std::getline(fields, field, '\t');) {
    constexpr std::string_view kKey = "content_version:";
    if (field.rfind(kKey, 0) != 0) continue;
    std::int64_t version = 0;
    const char* begin = field.data() + kKey.size();
    const char* end = field.data() + field.size();
    auto [ptr, ec] = std::from_chars(begin, end, version);
    if (ec == std::errc() && ptr == end && version > 0) return version;
  }
  return 0;
}

}  // namespace refresh_detail

using namespace refresh_detail;

// [SECTION] History

namespace {

std::string history_path(const std::string& state_dir) {
  return state_dir + "/refresh-history.tsv";
}

std::string one_line(std::string text) {
  for (char& c : text) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return text;
}

}  // namespace

void append_history(const std::string& state_dir, const RefreshRecord& record) {
  std::error_code ignored;
  fs::create_directories(state_dir, ignored);
  const std::string line = std::to_string(record.unix_time) + "\t" + one_line(record.action) +
                           "\t" + one_line(record.source) + "\t" + std::to_string(record.version) +
                           "\t" + one_line(record.result) + "\t" + one_line(record.message) + "\n";
  UniqueFd fd(::open(history_path(state_dir).c_str(),
                     O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0644));
  if (!fd) return;  // the history is for the staff; a refresh never fails for it
  const ssize_t written = ::write(fd.get(), line.data(), line.size());
  (void)written;
  ::fsync(fd.get());
}

std::vector<RefreshRecord> read_history(const std::string& state_dir, std::size_t count) {
  std::vector<RefreshRecord> records;
  std::ifstream in(history_path(state_dir), std::ios::binary);
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> fields;
    std::istringstream split(line);
    for (std::string field; std::getline(split, field, '\t');) fields.push_back(field);
    if (fields.size() != 6) continue;
    RefreshRecord record;
    std::int64_t time = 0;
    std::int64_t version = 0;
    if (std::from_chars(fields[0].data(), fields[0].data() + fields[0].size(), time).ec !=
            std::errc() ||
        std::from_chars(fields[3].data(), fields[3].data() + fields[3].size(), version).ec !=
            std::errc()) {
      continue;
    }
    record.unix_time = time;
    record.action = fields[1];
    record.source = fields[2];
    record.version = version;
    record.result = fields[4];
    record.message = fields[5];
    records.push_back(std::move(record));
  }
  std::reverse(records.begin(), records.end());
  if (records.size() > count) records.resize(count);
  return records;
}

// [SECTION] Validation

namespace {

using sqlite::Database;
using sqlite::StatementHandle;

constexpr const char* kSchemaSql =
#include "content/pipeline/schema_sql.inc"
    ;

// (type, name) -> sql of every object of a schema; FTS5's shadow tables included.
using SchemaObjects = std::map<std::pair<std::string, std::string>, std::string>;

bool read_schema(sqlite3* db, SchemaObjects& objects) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT type, name, coalesce(sql, '') FROM sqlite_schema", -1, &raw,
                         nullptr) != SQLITE_OK) {
    sqlite3_finalize(raw);
    return false;
  }
  StatementHandle statement(raw);
  int step = SQLITE_ROW;
  while ((step = sqlite3_step(raw)) == SQLITE_ROW) {
    auto text = [&](int column) {
      const auto* value = sqlite3_column_text(raw, column);
      return value == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(value));
    };
    objects[{text(0), text(1)}] = text(2);
  }
  return step == SQLITE_DONE;
}

const SchemaObjects& expected_schema() {
  static const SchemaObjects objects = [] {
    SchemaObjects result;
    sqlite3* raw = nullptr;
    sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, nullptr);
    Database db(raw);
    if (sqlite3_exec(raw, kSchemaSql, nullptr, nullptr, nullptr) == SQLITE_OK)
      read_schema(raw, result);
    return result;
  }();
  return objects;
}

// The release must have exactly the objects the schema makes: a trigger or view that the
// schema does not have (one "meant to run on read"), or a view whose SQL differs, is refused.
ValidationIssue check_schema_objects(sqlite3* db) {
  SchemaObjects actual;
  if (!read_schema(db, actual)) {
    return {RefreshError::kNotAContentRelease,
            std::string("its schema cannot be read: ") + sqlite3_errmsg(db)};
  }
  const SchemaObjects& expected = expected_schema();
  if (expected.empty()) return {RefreshError::kUnexpectedSchema, "the kiosk's own schema failed"};
  for (const auto& [key, sql] : actual) {
    auto it = expected.find(key);
    if (it == expected.end()) {
      return {RefreshError::kUnexpectedSchema,
              "it has a " + key.first + " '" + key.second + "' that no content release has"};
    }
    // Tables may differ in nothing but whitespace-free equality is too strict across SQLite
    // versions for shadow tables; views and triggers must match to the letter.
    if ((key.first == "view" || key.first == "trigger") && it->second != sql) {
      return {RefreshError::kUnexpectedSchema,
              "its " + key.first + " '" + key.second + "' is not the schema's"};
    }
  }
  for (const auto& [key, sql] : expected) {
    if (key.first == "table" && actual.find(key) == actual.end()) {
      return {RefreshError::kUnexpectedSchema, "it has no table '" + key.second + "'"};
    }
  }
  return {};
}

// The release's schema version, before its objects are compared: a release of another schema
// (an older kioskpack's: tables missing or different) is told as such, so the staff read
// "content schema 3, this kiosk reads 4" rather than a missing table. Only a plain `meta` table
// is read (views and triggers are off); without one, or without a version that is a plain
// number, the objects' check says what is wrong.
ValidationIssue check_schema_version(sqlite3* db) {
  sqlite3_stmt* raw = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT value FROM meta WHERE key = 'schema_version' AND EXISTS (SELECT 1 "
                     "FROM sqlite_schema WHERE type = 'table' AND name = 'meta' AND sql LIKE "
                     "'CREATE TABLE %')",
                     -1, &raw, nullptr);
  StatementHandle statement(raw);
  if (raw == nullptr || sqlite3_step(raw) != SQLITE_ROW) return {};
  const auto* value = sqlite3_column_text(raw, 0);
  const std::string text = value == nullptr ? "" : reinterpret_cast<const char*>(value);
  std::int64_t version = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), version);
  if (error != std::errc() || end != text.data() + text.size() || version <= 0) return {};
  if (version == kContentSchemaVersion) return {};
  return {RefreshError::kWrongSchema, "content schema " + std::to_string(version) +
                                          ", this kiosk reads " +
                                          std::to_string(kContentSchemaVersion)};
}

// Every character of the release's text must be drawn by the release's own fonts.
ValidationIssue check_fonts(const ContentStore& store) {
  auto fonts = text::FontSet::create();
  for (auto& font : store.fonts()) {
    auto added = fonts->add_font_data(std::move(font.bytes), 0, font.scripts, font.name);
    if (!added) return {RefreshError::kFontsIncomplete, "font " + font.name + ": " + added.error()};
  }
  if (fonts->size() == 0) return {RefreshError::kFontsIncomplete, "it carries no fonts"};
  std::string missing;
  int missing_count = 0;
  auto check = [&](const std::string& text, const std::string& where) {
    for (const auto& character : text::assign_fonts(*fonts, text)) {
      if (character.covered) continue;
      if (++missing_count <= 3) {
        char hex[16];
        std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(character.codepoint));
        missing += (missing.empty() ? "" : ", ") + std::string(hex) + " in " + where;
      }
    }
  };
  std::function<void(const std::vector<ContentNode>&, const std::string&)> walk =
      [&](const std::vector<ContentNode>& nodes, const std::string& slug) {
        for (const auto& node : nodes) {
          check(node.label, slug);
          check(node.heading, slug);
          check(node.text, slug);
          walk(node.children, slug);
        }
      };
  for (const auto& info : store.documents()) {
    check(info.title_zh, info.slug);
    check(info.title_mn, info.slug);
    check(info.issuer, info.slug);
    if (auto document = store.document(info.slug)) walk(document->nodes, info.slug);
  }
  for (const auto& [key, text] : store.all_ui_texts()) {
    check(text.zh, "ui string " + key);
    check(text.mn, "ui string " + key);
  }
  for (const auto& question : store.quiz_questions()) {
    check(question.question, "question " + question.id);
    check(question.explanation, "question " + question.id);
    for (const auto& choice : question.choices) check(choice, "question " + question.id);
  }
  if (missing_count > 0) {
    return {
        RefreshError::kFontsIncomplete,
        std::to_string(missing_count) + " characters have no glyph in its fonts (" + missing + ")"};
  }
  return {};
}

}  // namespace

ValidationIssue validate_release(const std::string& path, bool full,
                                 std::unique_ptr<ContentStore>* store_out) {
  {
    // The raw checks first, with triggers and views off: a file that is not ours is refused
    // before the content store reads a row of it.
    sqlite3* raw = nullptr;
    const int opened = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
    Database db(raw);
    if (opened != SQLITE_OK) {
      return {RefreshError::kNotAContentRelease,
              "it cannot be opened as a database: " +
                  std::string(raw != nullptr ? sqlite3_errmsg(raw) : "out of memory")};
    }
    sqlite::apply_read_only_defences(raw);
    if (auto issue = check_schema_version(raw); issue.error != RefreshError::kNone) return issue;
    if (auto issue = check_schema_objects(raw); issue.error != RefreshError::kNone) return issue;
    if (full) {
      sqlite3_stmt* statement = nullptr;
      sqlite3_prepare_v2(raw, "PRAGMA integrity_check(1)", -1, &statement, nullptr);
      StatementHandle check(statement);
      const bool ran = statement != nullptr && sqlite3_step(statement) == SQLITE_ROW;
      const auto* answer = ran ? sqlite3_column_text(statement, 0) : nullptr;
      if (answer == nullptr || std::strcmp(reinterpret_cast<const char*>(answer), "ok") != 0) {
        return {RefreshError::kDamaged,
                "SQLite's integrity check failed: " +
                    std::string(answer != nullptr ? reinterpret_cast<const char*>(answer)
                                                  : sqlite3_errmsg(raw))};
      }
    }
  }
  // After a full integrity check the store's own quick check would read every page again.
  auto store =
      ContentStore::open(path, full ? ContentStore::Check::kNone : ContentStore::Check::kQuick);
  if (!store) {
    const std::string& why = store.error();
    const RefreshError error =
        why.find("schema version") != std::string::npos ? RefreshError::kWrongSchema
        : why.find("no documents") != std::string::npos ? RefreshError::kNoDocuments
                                                        : RefreshError::kDamaged;
    return {error, why};
  }
  if (full) {
    if (auto issue = check_fonts(*store.value()); issue.error != RefreshError::kNone) return issue;
  }
  if (store_out != nullptr) *store_out = std::move(store.value());
  return {};
}

}  // namespace kiosk::firmware
