// Fidelity: for every source document, the sequence of Chinese characters, digits and letters
// in the release equals that of the source minus exactly the removals the import report lists.
// Nothing here is hand-listed: the removals come from the importer's report, the release's text
// from reading it back (`kioskpack inspect --text` prints the same).
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <sstream>

#include "content/pipeline/pipeline.h"
#include "tests/support/fidelity.h"
#include "tests/support/test_support.h"

namespace kiosk::content {
namespace {

using fidelity::expected_sequence;
using fidelity::significant;
using fidelity::to_utf8;

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
