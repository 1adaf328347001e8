// Private to content/pipeline: a small CSV reader (RFC 4180) for the quiz's question bank, which
// a content editor keeps in a spreadsheet. Written here rather than taken from Debian: libfccp
// (fast-cpp-csv-parser) reads line by line, so a quoted field cannot hold a line break, and
// libcsv reports no positions; every message here must name the line and column of the field.
//
//   auto records = csv::parse(text, "content/quiz/questions.csv");
//   for (const csv::Record& record : records.value()) use(record.fields[0].text);
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "content/pipeline/pipeline.h"

namespace kiosk::content::csv {

struct Field {
  std::string text;  // unquoted: "" became ", a line break inside quotes became "\n"
  int line = 0;      // where the field's first character stands (a quoted field: its quote mark)
  int column = 0;    // 1-based, in characters (code points); a byte-order mark is not counted
  bool quoted = false;
};

struct Record {
  std::vector<Field> fields;  // at least one
  int line = 0;               // the line the record starts on
  int end_line = 0;           // where it ends (its line break, or the end of the file), for
  int end_column = 0;         // messages about a missing field
};

// The records of a whole file, in order. A UTF-8 byte-order mark at the start is skipped;
// records end at CRLF, LF or a lone CR; a blank line is no record. Errors name `file`, line and
// column: invalid UTF-8 (the first bad byte), a quote that is never closed (the opening quote),
// a quote mark inside an unquoted field, text after a closing quote. Never throws; the work
// is linear in the input.
Result<std::vector<Record>> parse(std::string_view data, const std::string& file);

// The text as a CSV field: quoted when it holds a comma, quote mark or line break (tests use
// it to round-trip what parse read).
std::string quote_field(std::string_view text);

}  // namespace kiosk::content::csv
