// SQLite for the firmware's modules (statistics, content store, refresh): RAII for the two
// handles, the defensive settings for a file that may come from a stick, and the few calls
// they share. Header only; nothing here hides SQLite from the modules that use it.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>
#include <string_view>

#include "common/result/result.h"

namespace kiosk::firmware::sqlite {

struct DatabaseCloser {
  // close_v2 waits for the last statement to be finalized, so the order in which the
  // unique_ptrs die cannot leak the connection.
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StatementFinalizer {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using Database = std::unique_ptr<sqlite3, DatabaseCloser>;
using Statement = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;

// For a database read from a file we did not write (a content release from a USB stick): no
// extension loading, no functions or virtual tables the schema could smuggle in, no triggers
// and no views run, and writes that could corrupt the file refused.
inline void apply_read_only_defences(sqlite3* db) {
  sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
  sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, nullptr);
  sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, nullptr);
  sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, nullptr);
}

inline std::string message(sqlite3* db) {
  return db != nullptr ? sqlite3_errmsg(db) : "out of memory";
}

// Prepares one statement; `db` keeps the message when it fails.
inline common::Result<Statement> prepare(sqlite3* db, std::string_view sql) {
  sqlite3_stmt* raw = nullptr;
  const int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
  Statement statement(raw);  // owns it even on failure (raw is then null or finalizable)
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

}  // namespace kiosk::firmware::sqlite
