// Pinyin input for the search screen: the letters a visitor types on the on-screen QWERTY
// keypad become Chinese candidate words, best first, with libpinyin (Debian's libpinyin15 and
// its language model in libpinyin-data).
//
//   auto input = pinyin::PinyinInput::open();                // the build's libpinyin-data
//   if (!input) show(input.error());                         // names the missing path
//   input->candidates("neimenggu", 8);                       // {"内蒙古", "内蒙", "内", ...}
//   input->candidates("zc", 8, [&](std::string_view w) { return index.contains(w); });
//
// Full pinyin without tones ("zhengce"), initials only ("zc"), "v" for ü ("lvse"), and
// apostrophes or spaces between syllables ("xi'an"). The first candidates read the whole input
// as a sentence; the words after them read only its beginning ("zhengcewenjian": 政策文件, then
// 政策, 正, ...). Which letters such a word used is not reported: libpinyin keeps that inside
// its opaque candidate and only hands it out by "choosing" the candidate, which also trains
// the model (see pinyin.cpp).
//
// Read-only: nothing is learned from visitors and nothing is written anywhere, so every
// visitor sees the same ranking. Not thread-safe: one PinyinInput per thread.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/result/result.h"

namespace kiosk::firmware::pinyin {

// libpinyin-data's directory as the build's pkg-config reported it, e.g.
// /usr/lib/x86_64-linux-gnu/libpinyin/data (/usr/lib/aarch64-linux-gnu/... on the Pi).
std::filesystem::path default_data_dir();

// Keeps a candidate (e.g. only words that occur in the content).
using WordFilter = std::function<bool(std::string_view word)>;

class PinyinInput {
 public:
  // Loads the language model from `data_dir` (a directory like libpinyin-data's, with its
  // table.conf). The error names the path that is missing or that libpinyin refused.
  // Costs a few ms and 7-10 MB of resident memory, mostly mapped data files (see pinyin.cpp).
  static common::Result<PinyinInput> open(
      const std::filesystem::path& data_dir = default_data_dir());

  PinyinInput(PinyinInput&&) noexcept;
  PinyinInput& operator=(PinyinInput&&) noexcept;
  ~PinyinInput();

  // At most `max` UTF-8 words for `letters`, best first, no duplicates. Upper case counts as
  // lower case, spaces as apostrophes; other characters are ignored, and so are letters after
  // the first kMaxLetters. Empty when nothing reads as pinyin ("", "vvv", "123").
  std::vector<std::string> candidates(std::string_view letters, std::size_t max);
  // The same, keeping only the words `keep` accepts (still at most `max`, best first).
  std::vector<std::string> candidates(std::string_view letters, std::size_t max,
                                      const WordFilter& keep);

  // Bounds the time of one lookup: a run of initials ("xxxx...") makes libpinyin try every
  // syllable at every letter, about 80 ms for 32 letters on a desktop core.
  static constexpr std::size_t kMaxLetters = 32;

 private:
  struct Engine;
  explicit PinyinInput(std::unique_ptr<Engine> engine);
  std::unique_ptr<Engine> engine_;
};

}  // namespace kiosk::firmware::pinyin
