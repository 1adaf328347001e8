// Usage statistics in state.db (SQLite, WAL): anonymous visits, documents and sections opened,
// time spent. Nothing that identifies a visitor is recorded: no names, no ids, no touch traces.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "common/result/result.h"

namespace kiosk::firmware {

// The wall-clock day, "YYYY-MM-DD". The default reads the local date; tests and scripted runs
// pass a fixed one so their statistics are reproducible.
using TodayFunction = std::function<std::string()>;

struct StatsSummary {
  std::int64_t visits = 0;
  std::int64_t documents_opened = 0;
  std::int64_t sections_opened = 0;
  std::int64_t seconds_reading = 0;  // sum of the section reads, rounded down
};

class StatsStore {
 public:
  // Opens or creates DIR/state.db (WAL, defensive settings), creating DIR if missing. Failure
  // (folder or file not writable, file damaged or not a statistics database, written by a
  // newer kiosk) is a message; the kiosk runs on without statistics then.
  static common::Result<std::unique_ptr<StatsStore>> open(const std::string& state_dir,
                                                          TodayFunction today = {});
  ~StatsStore();
  StatsStore(const StatsStore&) = delete;
  StatsStore& operator=(const StatsStore&) = delete;

  // Times are milliseconds of the kiosk's clock (simulated in scripted runs) plus the wall-clock
  // day they fall on, so statistics can be grouped by day. Each write is one small WAL
  // transaction on a statement prepared at open. A failed write does not stop the kiosk: it
  // is kept in last_error() for the log and the admin screen. Not thread-safe: one caller.
  //
  // A visit started while another is open ends the other at `now_ms`.
  void visit_started(std::int64_t now_ms);
  void visit_ended(std::int64_t now_ms);
  void document_opened(const std::string& slug, std::int64_t now_ms);
  // A section was on screen from `since_ms` to `now_ms` (a negative span counts as 0).
  void section_read(const std::string& slug, std::int64_t node_id, std::int64_t since_ms,
                    std::int64_t now_ms);

  // The quiz: each answer (which question, right or not) and each finished quiz's score, for
  // per-question success rates and the score distribution. Anonymous like everything here.
  void question_answered(const std::string& question_id, bool correct);
  void quiz_finished(int score, int questions);

  // Totals over everything recorded (zeros, and last_error() set, if the query fails).
  [[nodiscard]] StatsSummary summary() const;

  // Writes every table as a CSV file (a header line, then one line a row) into a new folder
  // DIR/statistics-<today>-<n>/, each file and the folders fsynced, so the stick may be pulled
  // once this returns. Returns the folder's name, or what failed (nothing half-written stays).
  [[nodiscard]] common::Result<std::string> export_csv(const std::string& dir) const;

  // The first write or query that failed since open, with SQLite's words; empty: all well.
  [[nodiscard]] const std::string& last_error() const;

  struct Impl;

 private:
  struct PrivateTag {};

 public:
  StatsStore(PrivateTag tag, std::unique_ptr<Impl> impl);  // use open()

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace kiosk::firmware
