// Helpers shared by the tests: the project's fonts, the test data, hashing and goldens.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ui/text/text.h"

namespace kiosk::testing {

// The fonts the kiosk uses (provided and verified by the kiosk_fonts build step), loaded in
// the kiosk's order: Noto Sans CJK SC, then Noto Sans Mongolian. Aborts the test program with
// a message that says how to fix it when they are missing.
std::unique_ptr<text::FontSet> load_kiosk_fonts();

std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& contents);

// The non-blank lines of a source document in content/sources, trimmed: for the clean seeds
// each one is a paragraph.
std::vector<std::string> seed_paragraphs(const std::string& file_name);

// The UDHR article 1 paragraph in Mongolian script (tests/data obtains it), without newline.
std::string udhr_article1();

std::string sha256_file(const std::string& path);

// Set KIOSK_UPDATE_GOLDENS=1 to rewrite golden files from the code's output (then review the
// diff before committing).
bool update_goldens();

std::u32string to_utf32(const std::string& utf8);

// Where failing tests save what they saw (actual and expected images, dumps).
std::string test_output_dir();

}  // namespace kiosk::testing
