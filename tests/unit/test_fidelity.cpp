// Fidelity: for every source document, the sequence of Chinese characters, digits and letters
// in the release equals that of the source minus exactly the removals the import report lists.
// Nothing here is hand-listed: the removals come from the importer's report, the release's text
// from reading it back (`kioskpack inspect --text` prints the same).
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <sstream>

#include "content/pipeline/pipeline.h"
#include "tests/support/test_support.h"

namespace kiosk::content {
namespace {

bool is_significant(char32_t c) {
  return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= '0' && c <= '9') ||
         ((c | 0x20U) >= 'a' && (c | 0x20U) <= 'z') || (c >= 0xFF10 && c <= 0xFF19) ||
         (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A) ||
         (c >= 0x1820 && c <= 0x18AA);
}

std::u32string significant(const std::string& text) {
  std::u32string out;
  for (char32_t c : testing::to_utf32(text)) {
    if (is_significant(c)) out.push_back(c);
  }
  return out;
}

std::string to_utf8(const std::u32string& text) {
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
std::u32string expected_sequence(const std::string& file, const std::string& source,
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

// Where two sequences first differ, with context, for a message a person can act on.
std::string first_difference(const std::u32string& expected, const std::u32string& actual) {
  std::size_t at = 0;
  while (at < expected.size() && at < actual.size() && expected[at] == actual[at]) ++at;
  const std::size_t from = at > 20 ? at - 20 : 0;
  return "first difference at character " + std::to_string(at) + "\n  source minus removals: …" +
         to_utf8(expected.substr(from, 60)) + "…\n  release:               …" +
         to_utf8(actual.substr(from, 60)) + "…";
}

class Fidelity : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string root = std::string(KIOSK_TESTS_DIR) + "/../content";
    auto tree = load_source_tree(root);
    ASSERT_TRUE(tree.ok()) << tree.error();
    tree_ = std::make_unique<SourceTree>(std::move(tree.value()));
    report_ = std::make_unique<ImportReport>();
    Release release;
    release.ui_strings = tree_->ui_strings;
    for (const auto& source : tree_->documents) {
      auto imported = import_document(source.metadata, source.source_text, *report_);
      ASSERT_TRUE(imported.ok()) << imported.error();
      release.documents.push_back(std::move(imported.value()));
    }
    release.fonts = {{"NotoSansCJK-Regular", KIOSK_FONT_CJK, 2, {"Hani", "Latn", "Zyyy"}},
                     {"NotoSansMongolian-Regular", KIOSK_FONT_MONGOLIAN, 0, {"Mong"}}};
    release_path_ = testing::test_output_dir() + "/fidelity-content.db";
    ReleaseOptions options;
    options.content_version = 1;
    auto written = write_release(release, release_path_, options);
    ASSERT_TRUE(written.ok()) << written.error();
  }
  static void TearDownTestSuite() {
    tree_.reset();
    report_.reset();
  }

  static std::u32string release_sequence(const std::string& slug) {
    auto text = inspect_release(release_path_, slug, true);
    EXPECT_TRUE(text.ok()) << (text.ok() ? "" : text.error());
    if (!text.ok()) return {};
    // The first line is the title from the metadata, not from the source.
    const std::string& whole = text.value();
    const auto first_newline = whole.find('\n');
    return significant(first_newline == std::string::npos ? "" : whole.substr(first_newline + 1));
  }

  static std::unique_ptr<SourceTree> tree_;
  static std::unique_ptr<ImportReport> report_;
  static std::string release_path_;
};
std::unique_ptr<SourceTree> Fidelity::tree_;
std::unique_ptr<ImportReport> Fidelity::report_;
std::string Fidelity::release_path_;

TEST_F(Fidelity, EveryDocumentKeepsEveryWordInOrder) {
  ASSERT_EQ(tree_->documents.size(), 5U);
  for (const auto& source : tree_->documents) {
    const std::u32string expected =
        expected_sequence(source.metadata.source, source.source_text, *report_);
    const std::u32string actual = release_sequence(source.metadata.slug);
    EXPECT_GT(actual.size(), 1000U) << source.metadata.slug;
    EXPECT_TRUE(expected == actual)
        << source.metadata.slug << ": " << first_difference(expected, actual);
  }
}

TEST_F(Fidelity, TheCheckNoticesALostOrDoubledSentence) {
  // The comparison itself must not be blind: drop one sentence, or double one, and it differs.
  const auto& source = tree_->documents.front();
  const std::u32string expected =
      expected_sequence(source.metadata.source, source.source_text, *report_);
  std::u32string actual = release_sequence(source.metadata.slug);
  ASSERT_TRUE(expected == actual);
  std::u32string lost = actual;
  lost.erase(actual.size() / 2, 12);
  EXPECT_FALSE(expected == lost);
  std::u32string doubled = actual;
  doubled.insert(actual.size() / 2, actual.substr(actual.size() / 2, 12));
  EXPECT_FALSE(expected == doubled);
}

TEST_F(Fidelity, NoRoutingSlipTextAnywhereInTheRelease) {
  const std::string bytes = testing::read_file(release_path_);
  for (const char* secret : {"王洪江", "8628022", "运转号", "文件批办单", "拟办意见"}) {
    EXPECT_EQ(bytes.find(secret), std::string::npos) << secret << " is in the release";
  }
}

}  // namespace
}  // namespace kiosk::content
