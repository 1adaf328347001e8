// Pinyin input: candidate words from libpinyin's language model (libpinyin-data, at the path
// the build's pkg-config gave), the text a visitor types on the keypad, and the refusals.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "firmware/pinyin/pinyin.h"

namespace kiosk::firmware::pinyin {
namespace {

namespace fs = std::filesystem;

// One model for the whole suite: loading is cheap, but the tests read better without it.
PinyinInput& model() {
  static auto input = [] {
    auto result = PinyinInput::open();
    if (!result) {
      ADD_FAILURE() << result.error();
      std::abort();
    }
    return std::move(result.value());
  }();
  return input;
}

// Where `word` is among the first `n` candidates for `letters`, or -1.
int rank_of(std::string_view letters, const std::string& word, std::size_t n = 5) {
  const auto words = model().candidates(letters, n);
  const auto it = std::find(words.begin(), words.end(), word);
  return it == words.end() ? -1 : static_cast<int>(it - words.begin());
}

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& word : words) out += word + " ";
  return out;
}

// A temporary directory, removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    path =
        fs::temp_directory_path() /
        ("kiosk-test-pinyin-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
         "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

// [SECTION] Words for the content's vocabulary

TEST(PinyinCandidates, FullPinyinGivesTheWordFirst) {
  // The whole input read as one word comes first.
  EXPECT_EQ(rank_of("zhengce", "政策"), 0) << joined(model().candidates("zhengce", 5));
  EXPECT_EQ(rank_of("neimenggu", "内蒙古"), 0) << joined(model().candidates("neimenggu", 5));
  EXPECT_EQ(rank_of("mengguyu", "蒙古语"), 0) << joined(model().candidates("mengguyu", 5));
  EXPECT_EQ(rank_of("huhehaote", "呼和浩特"), 0) << joined(model().candidates("huhehaote", 5));
  EXPECT_EQ(rank_of("zizhiqu", "自治区"), 0) << joined(model().candidates("zizhiqu", 5));
  EXPECT_EQ(rank_of("minzutuanjie", "民族团结"), 0);
  EXPECT_EQ(rank_of("xiangcunzhenxing", "乡村振兴"), 0);
}

TEST(PinyinCandidates, SeveralSyllablesGiveTheSentenceThenWordsOfItsBeginning) {
  const auto words = model().candidates("zhengcewenjian", 10);
  ASSERT_FALSE(words.empty());
  EXPECT_EQ(words[0], "政策文件") << joined(words);
  EXPECT_NE(std::find(words.begin(), words.end(), "政策"), words.end()) << joined(words);
}

TEST(PinyinCandidates, InitialsAloneFindCommonWords) {
  // Initials only: z stands for zh too, so "zc" reaches 政策.
  EXPECT_GE(rank_of("nmg", "内蒙古", 3), 0) << joined(model().candidates("nmg", 5));
  EXPECT_GE(rank_of("zc", "政策", 5), 0) << joined(model().candidates("zc", 5));
  EXPECT_GE(rank_of("zhc", "政策", 3), 0) << joined(model().candidates("zhc", 5));
}

TEST(PinyinCandidates, SyllableBoundariesCaseAndUmlaut) {
  EXPECT_EQ(rank_of("xi'an", "西安"), 0) << joined(model().candidates("xi'an", 5));
  EXPECT_EQ(rank_of("xi an", "西安"), 0) << joined(model().candidates("xi an", 5));
  EXPECT_GE(rank_of("xian", "西安"), 0) << joined(model().candidates("xian", 5));
  EXPECT_EQ(rank_of("ZhengCe", "政策"), 0) << joined(model().candidates("ZhengCe", 5));
  EXPECT_EQ(rank_of("'zhengce'", "政策"), 0);  // libpinyin alone answers nothing for this
  EXPECT_EQ(rank_of("lvse", "绿色"), 0) << joined(model().candidates("lvse", 5));
}

TEST(PinyinCandidates, AtMostMaxWordsWithoutDuplicates) {
  // Each of these has more than 50 candidates; "o" has five.
  for (const char* letters : {"zhengce", "zc", "xian", "shi"}) {
    for (std::size_t max : {std::size_t{1}, std::size_t{7}, std::size_t{50}}) {
      const auto words = model().candidates(letters, max);
      EXPECT_EQ(words.size(), max) << letters;
      EXPECT_EQ(std::set<std::string>(words.begin(), words.end()).size(), words.size())
          << letters << ": " << joined(words);
      for (const auto& word : words) EXPECT_FALSE(word.empty()) << letters;
    }
  }
  EXPECT_EQ(model().candidates("o", 50).size(), 5u) << joined(model().candidates("o", 50));
  EXPECT_TRUE(model().candidates("zhengce", 0).empty());
}

TEST(PinyinCandidates, TheSameInputGivesTheSameWords) {
  // Nothing is learned between lookups (the kiosk must not learn from one visitor).
  const auto first = model().candidates("shizheng", 10);
  model().candidates("shizheng", 10);
  model().candidates("zc", 10);
  EXPECT_EQ(model().candidates("shizheng", 10), first);
}

// [SECTION] Input that is not pinyin

TEST(PinyinCandidates, EmptyOrNotPinyinGivesNothing) {
  EXPECT_TRUE(model().candidates("", 10).empty());
  EXPECT_TRUE(model().candidates("   ", 10).empty());
  EXPECT_TRUE(model().candidates("'''", 10).empty());
  EXPECT_TRUE(model().candidates("123", 10).empty());
  EXPECT_TRUE(model().candidates("vvv", 10).empty());
  EXPECT_TRUE(model().candidates("\xE6\x94\xBF\xFF", 10).empty());  // UTF-8 and a stray byte
}

TEST(PinyinCandidates, GarbageAndLongInputDoNotCrash) {
  EXPECT_LE(model().candidates("xxqq", 10).size(), 10u);
  EXPECT_LE(
      model().candidates("qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq", 5).size(),
      5u);
  EXPECT_LE(model().candidates(std::string(10000, 'x'), 5).size(), 5u);
  EXPECT_LE(model().candidates("zh!@#$%^&*()ng\tce\n", 5).size(), 5u);
  // After garbage, real input still works.
  EXPECT_EQ(rank_of("zhengce", "政策"), 0);
}

TEST(PinyinCandidates, LettersAfterTheLimitAreIgnored) {
  const std::string limit(PinyinInput::kMaxLetters, 'z');
  EXPECT_EQ(model().candidates(limit + "hengce", 5), model().candidates(limit, 5));
}

// [SECTION] Filter

TEST(PinyinFilter, KeepsOnlyAcceptedWordsInOrder) {
  const std::set<std::string, std::less<>> content = {"政策", "支持", "内蒙古"};
  const WordFilter in_content = [&](std::string_view word) { return content.contains(word); };

  const auto zc = model().candidates("zc", 10, in_content);
  EXPECT_EQ(zc, (std::vector<std::string>{"支持", "政策"})) << joined(zc);
  EXPECT_EQ(model().candidates("zc", 1, in_content), std::vector<std::string>{"支持"});
  EXPECT_EQ(model().candidates("neimenggu", 10, in_content), std::vector<std::string>{"内蒙古"});
  EXPECT_TRUE(model().candidates("mengguyu", 10, in_content).empty());
  // An empty filter keeps everything.
  EXPECT_EQ(model().candidates("zhengce", 5, WordFilter{}), model().candidates("zhengce", 5));
}

// [SECTION] Loading

TEST(PinyinOpen, DefaultDataDirIsTheBuildsLibpinyinData) {
  const fs::path dir = default_data_dir();
  EXPECT_EQ(dir.filename(), "data");
  EXPECT_TRUE(fs::is_regular_file(dir / "table.conf")) << dir;
}

TEST(PinyinOpen, MissingDirectoryIsNamed) {
  const fs::path missing = "/nonexistent/kiosk-pinyin-data";
  auto result = PinyinInput::open(missing);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().find(missing.string()), std::string::npos) << result.error();
  EXPECT_NE(result.error().find("libpinyin-data"), std::string::npos) << result.error();
}

TEST(PinyinOpen, MissingFileIsNamed) {
  TempDir dir;
  std::ofstream(dir.path / "table.conf") << "binary format version:7\n";
  auto result = PinyinInput::open(dir.path);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().find((dir.path / "pinyin_index.bin").string()), std::string::npos)
      << result.error();
}

TEST(PinyinOpen, TheModelCanBeMoved) {
  auto result = PinyinInput::open();
  ASSERT_TRUE(result) << result.error();
  PinyinInput moved = std::move(result.value());
  EXPECT_EQ(moved.candidates("neimenggu", 1), std::vector<std::string>{"内蒙古"});
  PinyinInput assigned = std::move(moved);
  EXPECT_EQ(assigned.candidates("zhengce", 1), std::vector<std::string>{"政策"});
}

}  // namespace
}  // namespace kiosk::firmware::pinyin
