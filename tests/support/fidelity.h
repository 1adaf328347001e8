// Shared by the fidelity tests (test_fidelity.cpp on the shipped documents, test_corpus.cpp on
// the corpus): the Chinese characters, digits and letters of a text, and the source's minus
// exactly the removals an import report lists.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "content/pipeline/pipeline.h"
#include "tests/support/test_support.h"

namespace kiosk::content::fidelity {

inline bool is_significant(char32_t c) {
  return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= '0' && c <= '9') ||
         ((c | 0x20U) >= 'a' && (c | 0x20U) <= 'z') || (c >= 0xFF10 && c <= 0xFF19) ||
         (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A) ||
         (c >= 0x1820 && c <= 0x18AA);
}

inline std::u32string significant(const std::string& text) {
  std::u32string out;
  for (char32_t c : testing::to_utf32(text)) {
    if (is_significant(c)) out.push_back(c);
  }
  return out;
}

inline std::string to_utf8(const std::u32string& text) {
  std::string out;
  for (char32_t c : text) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

// The source's significant characters, line by line, minus each removal the report lists for
// that line (its text must be found on that line, or the report is wrong).
inline std::u32string expected_sequence(const std::string& file, const std::string& source,
                                        const ImportReport& report) {
  std::map<int, std::vector<std::string>> removals;
  for (const auto& entry : report.entries) {
    if (entry.file == file && entry.kind == ReportEntry::Kind::kRemoved)
      removals[entry.line].push_back(entry.text);
  }
  std::istringstream in(source);
  std::u32string out;
  int line_number = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_number;
    std::u32string chars = significant(line);
    for (const auto& removed : removals[line_number]) {
      const std::u32string gone = significant(removed);
      const auto at = chars.find(gone);
      EXPECT_NE(at, std::u32string::npos)
          << file << ":" << line_number << ": the report says '" << removed
          << "' was removed here, but it is not on this line";
      if (at != std::u32string::npos) chars.erase(at, gone.size());
    }
    removals.erase(line_number);
    out += chars;
  }
  for (const auto& [line, texts] : removals) {
    ADD_FAILURE() << file << ":" << line << ": the report names a line the source does not have";
  }
  return out;
}

}  // namespace kiosk::content::fidelity
