// The statistics store: one SQLite file, state.db, written a few times a minute at most while
// visitors browse, read at the admin screen. WAL with synchronous=NORMAL makes each write an
// append to the log without an fsync (a power cut may lose the last few writes, never corrupt
// the file), which is the right trade for counts on an SD card.
#include "firmware/stats/stats.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <optional>
#include <system_error>
#include <utility>

#include "firmware/sqlite/sqlite.h"

namespace kiosk::firmware {

namespace {

// [SECTION] Schema

// Bump when the tables change, and teach open() to migrate the previous version.
constexpr int kSchemaVersion = 2;

// Days and durations only: no visitor id, no touch positions, no times finer than the kiosk's
// own clock (which restarts at every boot, so it cannot be matched to a person's wall-clock
// visit either). STRICT: a wrong type is an error, not a silently stored string.
// Version 1 of the tables.
constexpr const char* kSchema = R"sql(
CREATE TABLE visits (
  id         INTEGER PRIMARY KEY,
  day        TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  started_ms INTEGER NOT NULL,
  ended_ms   INTEGER
) STRICT;
CREATE TABLE document_opens (
  id   INTEGER PRIMARY KEY,
  day  TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  slug TEXT NOT NULL
) STRICT;
CREATE TABLE section_reads (
  id           INTEGER PRIMARY KEY,
  day          TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  slug         TEXT NOT NULL,
  node_id      INTEGER NOT NULL,
  milliseconds INTEGER NOT NULL CHECK (milliseconds >= 0)
) STRICT;
)sql";

// What each version adds to the one before: migrations[v] takes a version-v file to v + 1. A
// new file gets version 1's tables (kSchema) and then every migration, so the two paths cannot
// drift apart.
constexpr const char* kMigrations[] = {
    "",  // version 0: a new file, created from kSchema
    R"sql(
CREATE TABLE quiz_answers (
  id          INTEGER PRIMARY KEY,
  day         TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  question_id TEXT NOT NULL,
  correct     INTEGER NOT NULL CHECK (correct IN (0, 1))
) STRICT;
CREATE TABLE quiz_results (
  id        INTEGER PRIMARY KEY,
  day       TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  score     INTEGER NOT NULL CHECK (score >= 0),
  questions INTEGER NOT NULL CHECK (questions >= score)
) STRICT;
)sql",
};

std::string local_today() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", &local);
  return text;
}

// [SECTION] Opening

// Turns SQLite's code into words the hall staff can act on; SQLite's own message follows.
common::Error open_error(sqlite3* db, const std::string& path) {
  const int code = db != nullptr ? (sqlite3_extended_errcode(db) & 0xff) : SQLITE_NOMEM;
  const std::string detail = " (" + sqlite::message(db) + ")";
  switch (code) {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return common::Error{path + " is damaged or is not a statistics file" + detail +
                           "; move it aside and the kiosk will start a new one"};
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_IOERR:
    case SQLITE_FULL:
      return common::Error{"cannot write " + path + detail +
                           "; check that the folder exists, is writable and has free space"};
    default:
      return common::Error{"cannot use " + path + detail};
  }
}

// A one-row query's first column as text (PRAGMAs), or nullopt with SQLite's error left in db.
std::optional<std::string> query_text(sqlite3* db, const char* sql) {
  auto statement = sqlite::prepare(db, sql);
  if (!statement) return std::nullopt;
  sqlite3_stmt* raw = statement.value().get();
  const int rc = sqlite3_step(raw);
  if (rc != SQLITE_ROW) return rc == SQLITE_DONE ? std::optional<std::string>("") : std::nullopt;
  const auto* bytes = sqlite3_column_text(raw, 0);
  return std::string(bytes != nullptr ? reinterpret_cast<const char*>(bytes) : "");
}

bool execute(sqlite3* db, const char* sql) {
  return sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
}

common::Result<sqlite::Database> open_database(const std::string& path) {
  sqlite3* raw = nullptr;
  const int rc =
      sqlite3_open_v2(path.c_str(), &raw,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_EXRESCODE, nullptr);
  sqlite::Database db(raw);  // owns the handle even when opening failed
  if (rc != SQLITE_OK) return open_error(db.get(), path);

  // The settings every database the kiosk touches gets (ARCHITECTURE.md): defensive mode (no
  // writable_schema, no writes to shadow tables), no extension loading, and an untrusted
  // schema (a crafted file's views and triggers may not call functions with side effects).
  if (auto status = sqlite::apply_defensive_settings(db.get(), path); !status) {
    return common::Error{status.error()};
  }
  // A write-protected file opens read-only without complaint; find out now, not at the first
  // visit.
  if (sqlite3_db_readonly(db.get(), "main") == 1) {
    return common::Error{"cannot write " + path +
                         " (the file is read-only); check the permissions of the file and folder"};
  }
  // The admin screen's export may read while the kiosk writes; wait briefly rather than fail.
  sqlite3_busy_timeout(db.get(), 250);

  // The first statement that reads the file: a file that is not a database fails here.
  const auto journal = query_text(db.get(), "PRAGMA journal_mode=WAL");
  if (!journal) return open_error(db.get(), path);
  if (*journal != "wal") {
    return common::Error{"cannot switch " + path + " to write-ahead logging (journal mode is " +
                         *journal + "); is the folder on a network or read-only file system?"};
  }
  if (!execute(db.get(), "PRAGMA synchronous=NORMAL")) return open_error(db.get(), path);
  return db;
}

// Creates the tables in a new file; refuses files from a newer kiosk or from something else.
common::Status ensure_schema(sqlite3* db, const std::string& path) {
  const auto version_text = query_text(db, "PRAGMA user_version");
  if (!version_text) return open_error(db, path);
  int version = 0;
  std::from_chars(version_text->data(), version_text->data() + version_text->size(), version);
  if (version == kSchemaVersion) return common::Nothing{};
  if (version > kSchemaVersion) {
    return common::Error{path + " was written by a newer kiosk (statistics version " +
                         std::to_string(version) + ", this kiosk knows " +
                         std::to_string(kSchemaVersion) + "); move it aside or update the kiosk"};
  }
  if (version >= 1) {
    // An older kiosk's file: add what came since, in one transaction.
    std::string migrate = "BEGIN IMMEDIATE;";
    for (int from = version; from < kSchemaVersion; ++from) migrate += kMigrations[from];
    migrate += "PRAGMA user_version=" + std::to_string(kSchemaVersion) + ";COMMIT;";
    if (!execute(db, migrate.c_str())) {
      common::Error failure = open_error(db, path);
      execute(db, "ROLLBACK");
      return failure;
    }
    return common::Nothing{};
  }
  const auto tables = query_text(db, "SELECT count(*) FROM sqlite_schema");
  if (!tables) return open_error(db, path);
  if (*tables != "0") {
    return common::Error{path +
                         " is not a statistics file (it holds other tables); move it "
                         "aside and the kiosk will start a new one"};
  }
  // One transaction: a power cut leaves either no tables or all of them with the version.
  std::string create = std::string("BEGIN IMMEDIATE;") + kSchema;
  for (int from = 1; from < kSchemaVersion; ++from) create += kMigrations[from];
  create += "PRAGMA user_version=" + std::to_string(kSchemaVersion) + ";COMMIT;";
  if (!execute(db, create.c_str())) {
    common::Error failure = open_error(db, path);
    execute(db, "ROLLBACK");
    return failure;
  }
  return common::Nothing{};
}

}  // namespace

// [SECTION] The store

struct StatsStore::Impl {
  sqlite::Database db;  // first member: destroyed after the statements
  sqlite::StatementHandle insert_visit;
  sqlite::StatementHandle end_visit;
  sqlite::StatementHandle insert_open;
  sqlite::StatementHandle insert_read;
  sqlite::StatementHandle totals;
  sqlite::StatementHandle insert_answer;
  sqlite::StatementHandle insert_result;
  TodayFunction today;
  std::int64_t open_visit = 0;  // rowid of the visit in progress; 0: none
  std::string last_error;

  // Keeps the first failure; true when `rc` is not one.
  bool note(int rc, const char* what) {
    if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW) return true;
    if (last_error.empty()) last_error = std::string(what) + ": " + sqlite::message(db.get());
    return false;
  }
  bool bind_text(sqlite3_stmt* statement, int index, const std::string& value, const char* what) {
    return note(sqlite3_bind_text64(statement, index, value.data(), value.size(), SQLITE_TRANSIENT,
                                    SQLITE_UTF8),
                what);
  }
  bool bind_int(sqlite3_stmt* statement, int index, std::int64_t value, const char* what) {
    return note(sqlite3_bind_int64(statement, index, value), what);
  }
  // Runs the statement only when every binding took: a failed bind would leave the previous
  // call's value in place and record a wrong row.
  bool run_if(bool bound, sqlite3_stmt* statement, const char* what) {
    return bound && note(sqlite::run(statement), what);
  }
};

StatsStore::StatsStore(PrivateTag /*tag*/, std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
StatsStore::~StatsStore() = default;

common::Result<std::unique_ptr<StatsStore>> StatsStore::open(const std::string& state_dir,
                                                             TodayFunction today) {
  namespace fs = std::filesystem;
  if (state_dir.empty()) return common::Error{"no statistics folder is set (state_dir)"};
  std::error_code error;
  fs::create_directories(state_dir, error);
  // The error_code overloads: a filesystem_error must not escape the module.
  if (error || !fs::is_directory(state_dir, error)) {
    return common::Error{"cannot create the statistics folder " + state_dir + " (" +
                         (error ? error.message() : "a file of that name is in the way") + ")"};
  }
  const std::string path = (fs::path(state_dir) / "state.db").string();
  auto db = open_database(path);
  if (!db) return common::Error{db.error()};
  if (auto schema = ensure_schema(db.value().get(), path); !schema) {
    return common::Error{schema.error()};
  }

  auto impl = std::make_unique<Impl>();
  impl->db = std::move(db.value());
  impl->today = today ? std::move(today) : TodayFunction(local_today);
  const struct {
    sqlite::StatementHandle* target;
    const char* sql;
  } statements[] = {
      {&impl->insert_visit, "INSERT INTO visits (day, started_ms) VALUES (?1, ?2)"},
      {&impl->end_visit, "UPDATE visits SET ended_ms = ?1 WHERE id = ?2"},
      {&impl->insert_open, "INSERT INTO document_opens (day, slug) VALUES (?1, ?2)"},
      {&impl->insert_read,
       "INSERT INTO section_reads (day, slug, node_id, milliseconds) VALUES (?1, ?2, ?3, ?4)"},
      {&impl->insert_answer,
       "INSERT INTO quiz_answers (day, question_id, correct) VALUES (?1, ?2, ?3)"},
      {&impl->insert_result,
       "INSERT INTO quiz_results (day, score, questions) VALUES (?1, ?2, ?3)"},
      {&impl->totals,
       "SELECT (SELECT count(*) FROM visits), (SELECT count(*) FROM document_opens), "
       "(SELECT count(*) FROM section_reads), "
       "(SELECT coalesce(sum(milliseconds), 0) FROM section_reads)"},
  };
  for (const auto& statement : statements) {
    auto prepared = sqlite::prepare(impl->db.get(), statement.sql);
    if (!prepared) {
      // A file with the right version but the wrong tables: damaged or edited by hand.
      return common::Error{path + " is damaged or is not a statistics file (" + prepared.error() +
                           "); move it aside and the kiosk will start a new one"};
    }
    *statement.target = std::move(prepared.value());
  }
  return std::make_unique<StatsStore>(PrivateTag{}, std::move(impl));
}

void StatsStore::visit_started(std::int64_t now_ms) {
  if (impl_->open_visit != 0) visit_ended(now_ms);
  constexpr const char* kWhat = "recording a visit";
  sqlite3_stmt* statement = impl_->insert_visit.get();
  const bool bound = impl_->bind_text(statement, 1, impl_->today(), kWhat) &&
                     impl_->bind_int(statement, 2, now_ms, kWhat);
  if (impl_->run_if(bound, statement, kWhat)) {
    impl_->open_visit = sqlite3_last_insert_rowid(impl_->db.get());
  }
}

void StatsStore::visit_ended(std::int64_t now_ms) {
  if (impl_->open_visit == 0) return;  // nothing to end (e.g. the store opened mid-visit)
  constexpr const char* kWhat = "ending a visit";
  sqlite3_stmt* statement = impl_->end_visit.get();
  const bool bound = impl_->bind_int(statement, 1, now_ms, kWhat) &&
                     impl_->bind_int(statement, 2, impl_->open_visit, kWhat);
  impl_->run_if(bound, statement, kWhat);
  impl_->open_visit = 0;
}

void StatsStore::document_opened(const std::string& slug, std::int64_t /*now_ms*/) {
  // Only the day is stored: the moment within it adds nothing the statistics need.
  constexpr const char* kWhat = "recording a document";
  sqlite3_stmt* statement = impl_->insert_open.get();
  const bool bound = impl_->bind_text(statement, 1, impl_->today(), kWhat) &&
                     impl_->bind_text(statement, 2, slug, kWhat);
  impl_->run_if(bound, statement, kWhat);
}

void StatsStore::section_read(const std::string& slug, std::int64_t node_id, std::int64_t since_ms,
                              std::int64_t now_ms) {
  constexpr const char* kWhat = "recording a section";
  // A clock that went backwards counts as nothing. A read longer than a day cannot happen (the
  // idle timeout is at most an hour): cap it, so one bad value cannot swamp the totals or
  // overflow their sum.
  constexpr std::int64_t kDayMs = 24LL * 60 * 60 * 1000;
  std::int64_t milliseconds = 0;
  if (now_ms > since_ms) {
    // Unsigned arithmetic wraps instead of overflowing, and the true span fits in 64 bits.
    const std::uint64_t span =
        static_cast<std::uint64_t>(now_ms) - static_cast<std::uint64_t>(since_ms);
    milliseconds = static_cast<std::int64_t>(std::min<std::uint64_t>(span, kDayMs));
  }
  sqlite3_stmt* statement = impl_->insert_read.get();
  const bool bound = impl_->bind_text(statement, 1, impl_->today(), kWhat) &&
                     impl_->bind_text(statement, 2, slug, kWhat) &&
                     impl_->bind_int(statement, 3, node_id, kWhat) &&
                     impl_->bind_int(statement, 4, milliseconds, kWhat);
  impl_->run_if(bound, statement, kWhat);
}

StatsSummary StatsStore::summary() const {
  StatsSummary summary;
  sqlite3_stmt* statement = impl_->totals.get();
  const int rc = sqlite3_step(statement);
  if (rc == SQLITE_ROW) {
    summary.visits = sqlite3_column_int64(statement, 0);
    summary.documents_opened = sqlite3_column_int64(statement, 1);
    summary.sections_opened = sqlite3_column_int64(statement, 2);
    summary.seconds_reading = sqlite3_column_int64(statement, 3) / 1000;
  } else {
    impl_->note(rc, "reading the statistics");
  }
  sqlite3_reset(statement);
  return summary;
}

const std::string& StatsStore::last_error() const { return impl_->last_error; }

// [SECTION] Export

namespace {

std::string csv_field(std::string value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (char c : value) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

bool write_durably(const std::string& path, const std::string& text) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0) return false;
  std::size_t done = 0;
  bool ok = true;
  while (ok && done < text.size()) {
    const ssize_t put = ::write(fd, text.data() + done, text.size() - done);
    if (put < 0 && errno == EINTR) continue;
    ok = put > 0;
    if (ok) done += static_cast<std::size_t>(put);
  }
  ok = ok && ::fsync(fd) == 0;
  return ::close(fd) == 0 && ok;
}

bool fsync_directory(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

}  // namespace

common::Result<std::string> StatsStore::export_csv(const std::string& dir) const {
  constexpr const char* kTables[] = {"visits", "document_opens", "section_reads", "quiz_answers",
                                     "quiz_results"};
  std::string name;
  std::string folder;
  for (int n = 1;; ++n) {
    name = "statistics-" + impl_->today() + "-" + std::to_string(n);
    folder = dir + "/" + name;
    if (::mkdir(folder.c_str(), 0755) == 0) break;
    if (errno != EEXIST || n > 999) {
      return common::Error{"cannot create " + folder + ": " + std::strerror(errno)};
    }
  }
  auto fail = [&](const std::string& why) {
    std::error_code ignored;
    std::filesystem::remove_all(folder, ignored);
    return common::Error{why};
  };
  for (const char* table : kTables) {
    const std::string sql = std::string("SELECT * FROM ") + table + " ORDER BY rowid";
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(impl_->db.get(), sql.c_str(), -1, &raw, nullptr) != SQLITE_OK) {
      sqlite3_finalize(raw);
      return fail(std::string("reading ") + table + ": " + sqlite::message(impl_->db.get()));
    }
    sqlite::StatementHandle statement(raw);
    std::string csv;
    const int columns = sqlite3_column_count(raw);
    for (int c = 0; c < columns; ++c)
      csv += (c ? "," : "") + csv_field(sqlite3_column_name(raw, c));
    csv += "\n";
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
      for (int c = 0; c < columns; ++c) {
        const auto* value = sqlite3_column_text(raw, c);
        csv += (c ? "," : "") +
               csv_field(value == nullptr ? "" : reinterpret_cast<const char*>(value));
      }
      csv += "\n";
    }
    if (rc != SQLITE_DONE) {
      return fail(std::string("reading ") + table + ": " + sqlite::message(impl_->db.get()));
    }
    if (!write_durably(folder + "/" + table + ".csv", csv)) {
      return fail("writing " + folder + "/" + table + ".csv failed: " + std::strerror(errno));
    }
  }
  if (!fsync_directory(folder) || !fsync_directory(dir)) {
    return fail("saving " + folder + " failed: " + std::strerror(errno));
  }
  return name;
}

void StatsStore::question_answered(const std::string& question_id, bool correct) {
  constexpr const char* kWhat = "recording a quiz answer";
  sqlite3_stmt* statement = impl_->insert_answer.get();
  const bool bound = impl_->bind_text(statement, 1, impl_->today(), kWhat) &&
                     impl_->bind_text(statement, 2, question_id, kWhat) &&
                     impl_->bind_int(statement, 3, correct ? 1 : 0, kWhat);
  impl_->run_if(bound, statement, kWhat);
}

void StatsStore::quiz_finished(int score, int questions) {
  constexpr const char* kWhat = "recording a quiz result";
  sqlite3_stmt* statement = impl_->insert_result.get();
  const bool bound = impl_->bind_text(statement, 1, impl_->today(), kWhat) &&
                     impl_->bind_int(statement, 2, std::max(0, score), kWhat) &&
                     impl_->bind_int(statement, 3, std::max(score, questions), kWhat);
  impl_->run_if(bound, statement, kWhat);
}

}  // namespace kiosk::firmware
