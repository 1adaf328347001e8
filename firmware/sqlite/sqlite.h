// SQLite for the firmware's modules (statistics, content store, refresh) and the content
// pipeline (release writer and reader) and kioskpack: RAII for the two handles, the defensive
// settings every database gets, and the few calls they share. Header only; nothing here hides
// SQLite from the modules that use it. Every failure becomes an Error that names what was being
// done and quotes SQLite's message.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result/result.h"

namespace kiosk::firmware::sqlite {

// [SECTION] Handles

struct DatabaseCloser {
  // close_v2 waits for the last statement to be finalized, so the order in which the
  // unique_ptrs die cannot leak the connection.
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StatementFinalizer {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using Database = std::unique_ptr<sqlite3, DatabaseCloser>;
// A prepared statement's handle alone; `Statement` below adds binding, stepping and errors.
using StatementHandle = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;

inline std::string message(sqlite3* db) {
  return db != nullptr ? sqlite3_errmsg(db) : "out of memory";
}

inline common::Error error_from(sqlite3* db, const std::string& what) {
  return common::Error{what + ": " + message(db)};
}

// [SECTION] Defensive settings

struct Setting {
  int option;
  int value;
  const char* name;
};

// The settings DESIGN.md section 7 asks of every database the kiosk touches: defensive mode (no
// writable_schema, no direct writes to shadow tables), no extension loading, and an untrusted
// schema (functions and virtual tables with side effects may not be used from views, triggers
// or CHECK constraints a crafted file might carry).
inline constexpr Setting kDefensiveSettings[] = {
    {SQLITE_DBCONFIG_DEFENSIVE, 1, "defensive mode"},
    {SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, "trusted_schema off"},
    {SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, "extension loading off"},
};
// And for a file we did not write (a content release from a USB stick): no triggers and no
// views run.
inline constexpr Setting kUntrustedFileSettings[] = {
    {SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, "triggers off"},
    {SQLITE_DBCONFIG_ENABLE_VIEW, 0, "views off"},
};

// Applies kDefensiveSettings and checks that each took; the Error names the one that did not.
inline common::Status apply_defensive_settings(sqlite3* db, const std::string& path) {
  for (const auto& setting : kDefensiveSettings) {
    int now = -1;
    if (sqlite3_db_config(db, setting.option, setting.value, &now) != SQLITE_OK ||
        now != setting.value) {
      return common::Error{"cannot set " + std::string(setting.name) + " on " + path};
    }
  }
  return common::Nothing{};
}

// For a database read from a file we did not write: kDefensiveSettings and
// kUntrustedFileSettings (no extension loading, no functions or virtual tables the schema could
// smuggle in, no triggers and no views run, and writes that could corrupt the file refused).
inline void apply_read_only_defences(sqlite3* db) {
  for (const auto& setting : kDefensiveSettings) {
    sqlite3_db_config(db, setting.option, setting.value, nullptr);
  }
  for (const auto& setting : kUntrustedFileSettings) {
    sqlite3_db_config(db, setting.option, setting.value, nullptr);
  }
}

// [SECTION] Opening

// Opens `path` with extended result codes and kDefensiveSettings, each checked.
inline common::Result<Database> open_database(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_EXRESCODE, nullptr);
  Database db(raw);  // owns the handle even when opening failed
  if (rc != SQLITE_OK) return error_from(db.get(), "cannot open " + path);
  sqlite3_extended_result_codes(db.get(), 1);
  if (auto status = apply_defensive_settings(db.get(), path); !status) {
    return common::Error{status.error()};
  }
  return db;
}

// [SECTION] Statement handles

// Prepares one statement for repeated use; `db` keeps the message when it fails.
inline common::Result<StatementHandle> prepare(sqlite3* db, std::string_view sql) {
  sqlite3_stmt* raw = nullptr;
  const int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
  StatementHandle statement(raw);  // owns it even on failure (raw is then null or finalizable)
  if (rc != SQLITE_OK) return common::Error{message(db)};
  return statement;
}

// Steps a statement that returns no rows, then resets it for the next use: bindings are
// overwritten by the next caller, so clearing them is not needed.
inline int run(sqlite3_stmt* statement) {
  const int rc = sqlite3_step(statement);
  sqlite3_reset(statement);
  return rc;
}

// Runs SQL that returns no rows (several statements allowed), e.g. the schema or a PRAGMA.
inline common::Status execute(sqlite3* db, const char* sql, const std::string& what) {
  char* error_message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &error_message) != SQLITE_OK) {
    std::string text = error_message != nullptr ? error_message : sqlite3_errmsg(db);
    sqlite3_free(error_message);
    return common::Error{what + ": " + text};
  }
  return common::Nothing{};
}

// [SECTION] Statements

// A prepared statement with typed binding, stepping and errors that name what was being done.
class Statement {
 public:
  static common::Result<Statement> prepare(sqlite3* db, std::string_view sql) {
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
  common::Status run(const std::string& what) {
    if (bind_failed_) return error_from(db_, what + " (binding)");
    const int rc = sqlite3_step(get());
    sqlite3_reset(get());
    sqlite3_clear_bindings(get());
    if (rc != SQLITE_DONE) return error_from(db_, what);
    return common::Nothing{};
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
  [[nodiscard]] common::Error error(const std::string& what) const { return error_from(db_, what); }
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

}  // namespace kiosk::firmware::sqlite
