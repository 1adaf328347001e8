// The corpus (tests/data/corpus/): real public documents the importer was never tuned on, each
// with an expected structure written by hand from reading it. For every document:
//  - the committed bytes are those SOURCES.md names (sha256), so a file edited by accident fails;
//  - the importer's tree (structure_tree) equals the hand-written .tree exactly;
//  - every Chinese character, digit and letter of the source reaches the document in order,
//    minus exactly what the import report lists as removed.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <regex>
#include <sstream>

#include "content/pipeline/pipeline.h"
#include "tests/support/fidelity.h"
#include "tests/support/test_support.h"

namespace kiosk::content {
namespace {

namespace fs = std::filesystem;
using fidelity::expected_sequence;
using fidelity::significant;

const std::string kCorpus = std::string(KIOSK_TESTS_DIR) + "/data/corpus";

struct CorpusDocument {
  std::string stem;    // "04-xianfa"
  std::string source;  // "04-xianfa.txt"
  std::string tree;    // the hand-written expected structure, comments and blank lines left out
};

std::vector<CorpusDocument> corpus() {
  std::vector<CorpusDocument> out;
  for (const auto& entry : fs::directory_iterator(kCorpus)) {
    if (entry.path().extension() != ".tree") continue;
    CorpusDocument document;
    document.stem = entry.path().stem().string();
    for (const auto& other : fs::directory_iterator(kCorpus)) {
      if (other.path().stem() == document.stem && other.path().extension() != ".tree") {
        document.source = other.path().filename().string();
      }
    }
    std::istringstream in(testing::read_file(entry.path().string()));
    for (std::string line; std::getline(in, line);) {
      if (line.empty() || line[0] == '#') continue;
      document.tree += line + "\n";
    }
    out.push_back(std::move(document));
  }
  std::sort(out.begin(), out.end(),
            [](const CorpusDocument& a, const CorpusDocument& b) { return a.stem < b.stem; });
  return out;
}

// file -> sha256, from SOURCES.md's table rows "| file | kind | ... | sha256 |".
std::map<std::string, std::string> source_checksums() {
  std::map<std::string, std::string> out;
  std::istringstream in(testing::read_file(kCorpus + "/SOURCES.md"));
  const std::regex row(R"(^\|\s*([^|\s]+)\s*\|.*\|\s*([0-9a-f]{64})\s*\|\s*$)");
  for (std::string line; std::getline(in, line);) {
    std::smatch match;
    if (std::regex_match(line, match, row)) out[match[1]] = match[2];
  }
  return out;
}

Result<ImportedDocument> import_corpus_document(const CorpusDocument& document,
                                                ImportReport& report) {
  DocumentMetadata metadata;
  metadata.slug = document.stem;
  metadata.source = document.source;
  return import_document(metadata, testing::read_file(kCorpus + "/" + document.source), report);
}

// Documents whose import does not yet equal their hand-written tree, and why. The test fails
// when one of them starts to match (take it off the list) as much as when another stops.
const std::map<std::string, std::string> kNotYetExact = {
    {"15-shijiuda-report",
     "its last part ends with two paragraphs that both open with 同志们！ (lines 345 and 347); "
     "the reader of the tree took 345 as the part's summing-up and 347 as the closing words from "
     "their content, which nothing in the layout shows; the importer starts the closing words at "
     "345"},
};

// The first line where two trees differ, with a few lines around it.
std::string tree_difference(const std::string& expected, const std::string& actual) {
  std::istringstream want(expected);
  std::istringstream got(actual);
  std::string a;
  std::string b;
  int line = 0;
  while (true) {
    ++line;
    const bool more_a = static_cast<bool>(std::getline(want, a));
    const bool more_b = static_cast<bool>(std::getline(got, b));
    if (!more_a && !more_b) return "the same";
    if (a != b || more_a != more_b) {
      return "line " + std::to_string(line) + ":\n  expected: " + (more_a ? a : "(end)") +
             "\n  imported: " + (more_b ? b : "(end)");
    }
  }
}

TEST(Corpus, HasAtLeastTwelveDocumentsOfTheKindsEditorsReceive) {
  const auto documents = corpus();
  EXPECT_GE(documents.size(), 12U);
  std::map<std::string, int> extensions;
  for (const auto& document : documents) {
    ASSERT_FALSE(document.source.empty()) << document.stem << ".tree has no source beside it";
    ++extensions[fs::path(document.source).extension().string()];
  }
  EXPECT_GE(extensions[".docx"], 1);
  EXPECT_GE(extensions[".md"], 1);
  EXPECT_GE(extensions[".txt"], 1);
}

TEST(Corpus, EveryFileIsTheOneItsSourceNames) {
  const auto checksums = source_checksums();
  for (const auto& document : corpus()) {
    const auto found = checksums.find(document.source);
    ASSERT_NE(found, checksums.end()) << document.source << " has no row in SOURCES.md";
    EXPECT_EQ(testing::sha256_file(kCorpus + "/" + document.source), found->second)
        << document.source;
  }
}

TEST(Corpus, TheImportedTreeIsTheHandWrittenOne) {
  std::size_t exact = 0;
  for (const auto& document : corpus()) {
    ImportReport report;
    auto imported = import_corpus_document(document, report);
    const bool listed = kNotYetExact.count(document.stem) > 0;
    if (listed) {
      EXPECT_FALSE(imported.ok() && structure_tree(imported.value()) == document.tree)
          << document.stem << " now imports exactly: take it off kNotYetExact";
      continue;
    }
    ASSERT_TRUE(imported.ok()) << imported.error();
    const std::string tree = structure_tree(imported.value());
    EXPECT_EQ(tree, document.tree)
        << document.source << ": " << tree_difference(document.tree, tree);
    ++exact;
  }
  std::printf("corpus: %zu documents import exactly as written by hand, %zu not yet\n", exact,
              kNotYetExact.size());
}

TEST(Corpus, EveryCharacterIsKeptInOrderExceptWhatTheReportLists) {
  for (const auto& document : corpus()) {
    ImportReport report;
    auto imported = import_corpus_document(document, report);
    // Only a listed document may fail to import (its format is not read yet).
    if (!imported.ok() && kNotYetExact.count(document.stem) > 0) continue;
    ASSERT_TRUE(imported.ok()) << imported.error();
    auto text = read_source(document.source, testing::read_file(kCorpus + "/" + document.source));
    ASSERT_TRUE(text.ok()) << text.error();
    const std::u32string expected = expected_sequence(document.source, text->text, report);
    const std::u32string actual = significant(reading_order_text(imported.value()));
    EXPECT_GT(actual.size(), 100U) << document.source;
    EXPECT_TRUE(expected == actual) << document.source << ": the text differs from the source "
                                    << "minus the report (" << expected.size() << " against "
                                    << actual.size() << " characters)";
  }
}

}  // namespace
}  // namespace kiosk::content
