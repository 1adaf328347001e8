// The statistics store: state.db in WAL mode with a versioned schema that holds nothing
// identifying a visitor; cheap writes; clear errors for damaged or unusable files.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <set>

#include "firmware/stats/stats.h"
#include "tests/support/test_support.h"

namespace kiosk::firmware {
namespace {

namespace fs = std::filesystem;

// [SECTION] Helpers

// A fresh folder per test, under the build's test output.
std::string fresh_dir(const std::string& name) {
  const fs::path dir = fs::path(testing::test_output_dir()) / "stats" / name;
  fs::remove_all(dir);
  return dir.string();
}

TodayFunction fixed_day(const char* day) {
  return [day] { return std::string(day); };
}

// A second, independent connection, to look at what the store wrote.
class Inspector {
 public:
  explicit Inspector(const std::string& path) {
    sqlite3* raw = nullptr;
    EXPECT_EQ(sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    db_.reset(raw);
  }
  // Every row of `sql`, each as its columns' text joined by '|'.
  std::vector<std::string> rows(const std::string& sql) {
    sqlite3_stmt* raw = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db_.get(), sql.c_str(), -1, &raw, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db_.get());
    std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> statement(raw, sqlite3_finalize);
    std::vector<std::string> out;
    while (sqlite3_step(statement.get()) == SQLITE_ROW) {
      std::string row;
      for (int column = 0; column < sqlite3_column_count(statement.get()); ++column) {
        const auto* text = sqlite3_column_text(statement.get(), column);
        if (column > 0) row += "|";
        row += text != nullptr ? reinterpret_cast<const char*>(text) : "NULL";
      }
      out.push_back(row);
    }
    return out;
  }

 private:
  struct Closer {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
  };
  std::unique_ptr<sqlite3, Closer> db_;
};

// Writes a file by hand through SQLite, for the "not ours" and "newer" cases.
void make_database(const std::string& path, const char* sql) {
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  std::unique_ptr<sqlite3, decltype(&sqlite3_close)> db(raw, sqlite3_close);
  ASSERT_EQ(sqlite3_exec(db.get(), sql, nullptr, nullptr, nullptr), SQLITE_OK);
}

// [SECTION] Creating and recording

TEST(Stats, CreatesTheFolderAndAWalDatabaseWithAVersion) {
  const std::string dir = fresh_dir("create") + "/nested/state";
  auto store = StatsStore::open(dir, fixed_day("2024-05-01"));
  ASSERT_TRUE(store) << store.error();
  const std::string path = dir + "/state.db";
  ASSERT_TRUE(fs::exists(path));
  Inspector db(path);
  EXPECT_EQ(db.rows("PRAGMA journal_mode"), std::vector<std::string>{"wal"});
  EXPECT_EQ(db.rows("PRAGMA user_version"), std::vector<std::string>{"2"});
}

TEST(Stats, SchemaHoldsNothingThatIdentifiesAVisitor) {
  const std::string dir = fresh_dir("schema");
  ASSERT_TRUE(StatsStore::open(dir, fixed_day("2024-05-01")));
  Inspector db(dir + "/state.db");
  // The complete list of columns: a new one must be added here on purpose, after asking
  // whether it could identify somebody.
  std::map<std::string, std::vector<std::string>> columns;
  for (const std::string& table :
       db.rows("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")) {
    columns[table] = db.rows("SELECT name FROM pragma_table_info('" + table + "')");
  }
  const std::map<std::string, std::vector<std::string>> expected = {
      {"document_opens", {"id", "day", "slug"}},
      {"quiz_answers", {"id", "day", "question_id", "correct"}},
      {"quiz_results", {"id", "day", "score", "questions"}},
      {"section_reads", {"id", "day", "slug", "node_id", "milliseconds"}},
      {"visits", {"id", "day", "started_ms", "ended_ms"}},
  };
  EXPECT_EQ(columns, expected);
}

TEST(Stats, RecordsVisitsDocumentsAndSectionsAndSumsThem) {
  const std::string dir = fresh_dir("record");
  {
    auto opened = StatsStore::open(dir, fixed_day("2024-05-01"));
    ASSERT_TRUE(opened) << opened.error();
    StatsStore& store = *opened.value();
    store.visit_started(1'000);
    store.document_opened("model-region-decision", 2'000);
    store.section_read("model-region-decision", 17, 2'000, 32'500);
    store.section_read("model-region-decision", 18, 32'500, 40'000);
    store.visit_ended(61'000);
    store.visit_started(100'000);
    store.document_opened("rare-earth-regulation", 101'000);
    store.visit_ended(110'000);
    EXPECT_EQ(store.last_error(), "");
    const StatsSummary summary = store.summary();
    EXPECT_EQ(summary.visits, 2);
    EXPECT_EQ(summary.documents_opened, 2);
    EXPECT_EQ(summary.sections_opened, 2);
    EXPECT_EQ(summary.seconds_reading, 38);  // 30.5 s + 7.5 s
  }
  Inspector db(dir + "/state.db");
  EXPECT_EQ(db.rows("SELECT day, started_ms, ended_ms FROM visits ORDER BY id"),
            (std::vector<std::string>{"2024-05-01|1000|61000", "2024-05-01|100000|110000"}));
  EXPECT_EQ(db.rows("SELECT day, slug FROM document_opens ORDER BY id"),
            (std::vector<std::string>{"2024-05-01|model-region-decision",
                                      "2024-05-01|rare-earth-regulation"}));
  EXPECT_EQ(db.rows("SELECT day, slug, node_id, milliseconds FROM section_reads ORDER BY id"),
            (std::vector<std::string>{"2024-05-01|model-region-decision|17|30500",
                                      "2024-05-01|model-region-decision|18|7500"}));
}

TEST(Stats, StatisticsSurviveReopening) {
  const std::string dir = fresh_dir("reopen");
  for (int round = 1; round <= 3; ++round) {
    auto store = StatsStore::open(dir, fixed_day("2024-05-02"));
    ASSERT_TRUE(store) << store.error();
    store.value()->visit_started(0);
    store.value()->visit_ended(5'000);
    EXPECT_EQ(store.value()->summary().visits, round);
  }
}

TEST(Stats, ANewVisitEndsTheOpenOne) {
  const std::string dir = fresh_dir("new-visit");
  {
    auto store = StatsStore::open(dir, fixed_day("2024-05-03"));
    ASSERT_TRUE(store);
    store.value()->visit_ended(10);  // nothing open: ignored
    store.value()->visit_started(1'000);
    store.value()->visit_started(9'000);
    store.value()->visit_ended(12'000);
  }
  Inspector db(dir + "/state.db");
  EXPECT_EQ(db.rows("SELECT started_ms, ended_ms FROM visits ORDER BY id"),
            (std::vector<std::string>{"1000|9000", "9000|12000"}));
}

TEST(Stats, OddSpansAreClampedNotStored) {
  const std::string dir = fresh_dir("spans");
  {
    auto store = StatsStore::open(dir, fixed_day("2024-05-04"));
    ASSERT_TRUE(store);
    store.value()->section_read("a", 1, 5'000, 4'000);  // clock went backwards
    store.value()->section_read("a", 2, INT64_MIN, INT64_MAX);
    EXPECT_EQ(store.value()->last_error(), "");
  }
  Inspector db(dir + "/state.db");
  EXPECT_EQ(db.rows("SELECT milliseconds FROM section_reads ORDER BY id"),
            (std::vector<std::string>{"0", "86400000"}));
}

TEST(Stats, AFailedWriteIsKeptInLastErrorAndTheStoreGoesOn) {
  const std::string dir = fresh_dir("failed-write");
  std::string day = "not a day";
  auto store = StatsStore::open(dir, [&day] { return day; });
  ASSERT_TRUE(store);
  store.value()->document_opened("a", 0);  // the day CHECK fails
  EXPECT_NE(store.value()->last_error().find("recording a document"), std::string::npos)
      << store.value()->last_error();
  day = "2024-05-05";
  store.value()->document_opened("a", 0);
  EXPECT_EQ(store.value()->summary().documents_opened, 1);
}

TEST(Stats, WritesAreCheap) {
  const std::string dir = fresh_dir("cheap");
  auto store = StatsStore::open(dir, fixed_day("2024-05-06"));
  ASSERT_TRUE(store);
  constexpr int kWrites = 2'000;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < kWrites; ++i)
    store.value()->section_read("doc", i, i * 1'000, i * 1'000 + 900);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(store.value()->last_error(), "");
  EXPECT_EQ(store.value()->summary().sections_opened, kWrites);
  RecordProperty("microseconds_per_write", std::to_string(seconds * 1e6 / kWrites));
  // Without an fsync per write (WAL + synchronous=NORMAL) this is ~10-50 us a write; an fsync
  // each would be milliseconds. Generous so a loaded machine or ASan cannot make it flaky.
  EXPECT_LT(seconds, 10.0);
}

// [SECTION] Files the store must refuse, with a message the staff can act on

TEST(Stats, GarbageInStateDbIsAClearError) {
  for (const std::string& garbage :
       {std::string("this is not a database"), std::string(8192, '\xA5')}) {
    const std::string dir = fresh_dir("garbage");
    fs::create_directories(dir);
    testing::write_file(dir + "/state.db", garbage);
    auto store = StatsStore::open(dir);
    ASSERT_FALSE(store);
    EXPECT_NE(store.error().find(dir + "/state.db is damaged or is not a statistics file"),
              std::string::npos)
        << store.error();
    EXPECT_NE(store.error().find("move it aside"), std::string::npos) << store.error();
  }
}

TEST(Stats, SomeOtherDatabaseIsRefused) {
  const std::string dir = fresh_dir("other");
  fs::create_directories(dir);
  make_database(dir + "/state.db", "CREATE TABLE people (name TEXT)");
  auto store = StatsStore::open(dir);
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().find("is not a statistics file"), std::string::npos) << store.error();
}

TEST(Stats, ADatabaseFromANewerKioskIsRefused) {
  const std::string dir = fresh_dir("newer");
  fs::create_directories(dir);
  make_database(dir + "/state.db", "PRAGMA user_version = 7");
  auto store = StatsStore::open(dir);
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().find("written by a newer kiosk (statistics version 7"), std::string::npos)
      << store.error();
}

TEST(Stats, TheRightVersionWithWrongTablesIsRefused) {
  const std::string dir = fresh_dir("wrong-tables");
  fs::create_directories(dir);
  make_database(dir + "/state.db", "CREATE TABLE visits (x); PRAGMA user_version = 1");
  auto store = StatsStore::open(dir);
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().find("is damaged or is not a statistics file"), std::string::npos)
      << store.error();
}

TEST(Stats, AFileInTheWayOfTheFolderIsAClearError) {
  const std::string dir = fresh_dir("file-in-the-way");
  testing::write_file(dir, "I am a file");
  auto store = StatsStore::open(dir);
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().find("cannot create the statistics folder " + dir), std::string::npos)
      << store.error();
}

TEST(Stats, AReadOnlyFileIsAClearError) {
  if (geteuid() == 0) GTEST_SKIP() << "root writes read-only files anyway";
  const std::string dir = fresh_dir("read-only");
  ASSERT_TRUE(StatsStore::open(dir));
  fs::permissions(dir + "/state.db", fs::perms::owner_read | fs::perms::group_read);
  auto store = StatsStore::open(dir);
  fs::permissions(dir + "/state.db", fs::perms::owner_read | fs::perms::owner_write);
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().find("cannot write " + dir + "/state.db"), std::string::npos)
      << store.error();
}

}  // namespace
}  // namespace kiosk::firmware

namespace kiosk::firmware {
namespace {

TEST(StatsQuiz, AnswersAndResultsAreRecordedAnonymously) {
  const std::string dir = fresh_dir("quiz");
  {
    auto store = StatsStore::open(dir, fixed_day("2024-06-01"));
    ASSERT_TRUE(store) << store.error();
    store.value()->question_answered("decision-01", true);
    store.value()->question_answered("decision-02", false);
    store.value()->quiz_finished(1, 2);
    EXPECT_TRUE(store.value()->last_error().empty()) << store.value()->last_error();
  }
  Inspector db(dir + "/state.db");
  EXPECT_EQ(db.rows("SELECT day, question_id, correct FROM quiz_answers ORDER BY id"),
            (std::vector<std::string>{"2024-06-01|decision-01|1", "2024-06-01|decision-02|0"}));
  EXPECT_EQ(db.rows("SELECT score, questions FROM quiz_results"), std::vector<std::string>{"1|2"});
}

TEST(StatsQuiz, AVersionOneFileIsMigratedAndKeepsItsData) {
  const std::string dir = fresh_dir("migrate");
  fs::create_directories(dir);
  make_database(
      dir + "/state.db",
      "CREATE TABLE visits (id INTEGER PRIMARY KEY, day TEXT NOT NULL, started_ms INTEGER NOT "
      "NULL, "
      "ended_ms INTEGER) STRICT;"
      "CREATE TABLE document_opens (id INTEGER PRIMARY KEY, day TEXT NOT NULL, slug TEXT NOT NULL) "
      "STRICT;"
      "CREATE TABLE section_reads (id INTEGER PRIMARY KEY, day TEXT NOT NULL, slug TEXT NOT NULL, "
      "node_id INTEGER NOT NULL, milliseconds INTEGER NOT NULL) STRICT;"
      "INSERT INTO visits (day, started_ms, ended_ms) VALUES ('2024-01-01', 0, 5000);"
      "PRAGMA user_version = 1;");
  {
    auto store = StatsStore::open(dir, fixed_day("2024-06-02"));
    ASSERT_TRUE(store) << store.error();
    store.value()->quiz_finished(3, 5);
    EXPECT_EQ(store.value()->summary().visits, 1);
  }
  Inspector db(dir + "/state.db");
  EXPECT_EQ(db.rows("PRAGMA user_version"), std::vector<std::string>{"2"});
  EXPECT_EQ(db.rows("SELECT score, questions FROM quiz_results"), std::vector<std::string>{"3|5"});
}

}  // namespace
}  // namespace kiosk::firmware
