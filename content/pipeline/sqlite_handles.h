// Private to content/pipeline: RAII for SQLite's handles and the few helpers the release writer
// and reader share (opening with the defensive settings, preparing, binding, stepping). Every
// failure becomes an Error that names what was being done and quotes SQLite's message.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "content/pipeline/pipeline.h"

namespace kiosk::content::sqlite {

// [SECTION] Handles

struct DatabaseCloser {
  // close_v2 defers the close until the last statement is finalized, so the order in which
  // unique_ptrs die cannot leak the connection.
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StatementFinalizer {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using Database = std::unique_ptr<sqlite3, DatabaseCloser>;
using StatementHandle = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;

inline Error error_from(sqlite3* db, const std::string& what) {
  return Error{what + ": " + (db != nullptr ? sqlite3_errmsg(db) : "out of memory")};
}

// [SECTION] Opening

// Opens `path` with the settings DESIGN.md section 7 asks of every database the kiosk touches:
// defensive mode (no writable_schema, no direct writes to shadow tables), no extension loading,
// and an untrusted schema (functions and virtual tables with side effects may not be used
// from views, triggers or CHECK constraints a crafted file might carry).
inline Result<Database> open_database(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_EXRESCODE, nullptr);
  Database db(raw);  // owns the handle even when opening failed
  if (rc != SQLITE_OK) return error_from(db.get(), "cannot open " + path);
  sqlite3_extended_result_codes(db.get(), 1);
  const struct {
    int option;
    int value;
    const char* name;
  } settings[] = {
      {SQLITE_DBCONFIG_DEFENSIVE, 1, "defensive mode"},
      {SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, "trusted_schema=OFF"},
      {SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, "no extension loading"},
  };
  for (const auto& setting : settings) {
    int now = -1;
    if (sqlite3_db_config(db.get(), setting.option, setting.value, &now) != SQLITE_OK ||
        now != setting.value) {
      return Error{"cannot set " + std::string(setting.name) + " on " + path};
    }
  }
  return db;
}

// [SECTION] Statements

class Statement {
 public:
  static Result<Statement> prepare(sqlite3* db, std::string_view sql) {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &raw, nullptr) !=
        SQLITE_OK) {
      sqlite3_finalize(raw);
      return error_from(db, "cannot prepare \"" + std::string(sql) + "\"");
    }
    return Statement(db, StatementHandle(raw));
  }

  // Binding: parameters are 1-based, as in SQLite. Text and blobs are copied (SQLITE_TRANSIENT)
  // so callers may pass temporaries.
  Statement& bind(int index, std::string_view text) {
    note(
        sqlite3_bind_text64(get(), index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
    return *this;
  }
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const std::string& text) {
    return bind(index, std::string_view(text));
  }
  Statement& bind(int index, std::int64_t value) {
    note(sqlite3_bind_int64(get(), index, value));
    return *this;
  }
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, std::size_t value) {
    return bind(index, static_cast<std::int64_t>(value));
  }
  Statement& bind_null(int index) {
    note(sqlite3_bind_null(get(), index));
    return *this;
  }
  Statement& bind_blob(int index, const std::vector<std::uint8_t>& bytes) {
    note(sqlite3_bind_blob64(get(), index, bytes.data(), bytes.size(), SQLITE_TRANSIENT));
    return *this;
  }

  // Runs a statement that returns no rows, then resets it for the next use.
  Status run(const std::string& what) {
    if (bind_failed_) return error_from(db_, what + " (binding)");
    const int rc = sqlite3_step(get());
    sqlite3_reset(get());
    sqlite3_clear_bindings(get());
    if (rc != SQLITE_DONE) return error_from(db_, what);
    return Nothing{};
  }

  // For queries: true while there is a row; `failed()` tells an error from the end.
  bool next_row() {
    if (bind_failed_) {
      failed_ = true;
      return false;
    }
    const int rc = sqlite3_step(get());
    if (rc == SQLITE_ROW) return true;
    failed_ = rc != SQLITE_DONE;
    return false;
  }
  [[nodiscard]] bool failed() const { return failed_; }
  [[nodiscard]] Error error(const std::string& what) const { return error_from(db_, what); }
  void reset() {
    sqlite3_reset(get());
    sqlite3_clear_bindings(get());
    failed_ = false;
    bind_failed_ = false;
  }

  [[nodiscard]] std::int64_t int64(int column) const { return sqlite3_column_int64(get(), column); }
  [[nodiscard]] bool is_null(int column) const {
    return sqlite3_column_type(get(), column) == SQLITE_NULL;
  }
  [[nodiscard]] std::string text(int column) const {
    const auto* bytes = sqlite3_column_text(get(), column);
    const int size = sqlite3_column_bytes(get(), column);  // after _text, as SQLite asks
    return bytes == nullptr
               ? std::string()
               : std::string(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(size));
  }

  [[nodiscard]] sqlite3_stmt* get() const { return handle_.get(); }

 private:
  Statement(sqlite3* db, StatementHandle handle) : db_(db), handle_(std::move(handle)) {}
  void note(int rc) {
    if (rc != SQLITE_OK) bind_failed_ = true;
  }

  sqlite3* db_;
  StatementHandle handle_;
  bool failed_ = false;
  bool bind_failed_ = false;
};

// Runs SQL that returns no rows (several statements allowed), e.g. the schema or a PRAGMA.
inline Status execute(sqlite3* db, const char* sql, const std::string& what) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message != nullptr ? message : sqlite3_errmsg(db);
    sqlite3_free(message);
    return Error{what + ": " + text};
  }
  return Nothing{};
}

}  // namespace kiosk::content::sqlite
