#include "firmware/pinyin/pinyin.h"

// libpinyin's own header (found through its pkg-config include directory; the quotes form
// would find ours).
#include <pinyin.h>

#include <algorithm>
#include <array>
#include <system_error>
#include <utility>

namespace kiosk::firmware::pinyin {

namespace {

struct ContextCloser {
  void operator()(pinyin_context_t* context) const { pinyin_fini(context); }
};
struct InstanceCloser {
  void operator()(pinyin_instance_t* instance) const { pinyin_free_instance(instance); }
};
using Context = std::unique_ptr<pinyin_context_t, ContextCloser>;
using Instance = std::unique_ptr<pinyin_instance_t, InstanceCloser>;

// What pinyin_init reads from the system directory. libpinyin only checks table.conf and
// prints "open ... failed!" for the others, then answers nothing; checking first gives the
// caller a message that names the file.
constexpr std::array<const char*, 7> kRequiredFiles = {
    "table.conf",  "pinyin_index.bin", "phrase_index.bin", "bigram.db",
    "gb_char.bin", "gbk_char.bin",     "merged.bin",
};

// Full pinyin (not double pinyin or zhuyin); initials alone ("zc"); the usual typing slips
// (ng/gn, iu/iou, v for ü ...); both ways to split ambiguous runs ("xian": 先 and 西安).
// No fuzziness (n/l, an/ang ...): it floods the list. No DYNAMIC_ADJUST: it ranks by the
// words chosen before, and the kiosk must not learn from one visitor for the next.
constexpr pinyin_option_t kOptions =
    IS_PINYIN | PINYIN_INCOMPLETE | PINYIN_CORRECT_ALL | USE_DIVIDED_TABLE | USE_RESPLIT_TABLE;
// For short input, z/zh, c/ch and s/sh count as the same: a bare "z" is not "zh", so without
// this "zc" cannot reach 政策 (and visitors from the south often do not tell them apart); the
// exact spellings still rank first. Only for short input: libpinyin tries every combination,
// so the time doubles with each such letter (8 letters "zzzzzzzz": 35 ms on a desktop core;
// 16: 0.4 s; 32: minutes) where exact matching stays linear (32 letters: under 0.1 s).
constexpr pinyin_option_t kShortInputOptions =
    kOptions | PINYIN_AMB_Z_ZH | PINYIN_AMB_C_CH | PINYIN_AMB_S_SH;
constexpr std::size_t kShortInputLetters = 8;

// Sentences for the whole input first, then words by length, pinyin length and frequency: the
// order libpinyin's own input methods show.
constexpr guint kSortOption = SORT_BY_PHRASE_LENGTH_AND_PINYIN_LENGTH_AND_FREQUENCY;

// Lower-case letters with single apostrophes between syllables, as libpinyin's full-pinyin
// parser wants them: a leading apostrophe makes it answer nothing.
std::string normalise(std::string_view letters) {
  std::string out;
  std::size_t letter_count = 0;
  for (char c : letters) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c >= 'a' && c <= 'z') {
      if (letter_count == PinyinInput::kMaxLetters) break;
      out += c;
      ++letter_count;
    } else if ((c == '\'' || c == ' ') && !out.empty() && out.back() != '\'') {
      out += '\'';
    }
  }
  if (!out.empty() && out.back() == '\'') out.pop_back();
  return out;
}

}  // namespace

// Loading (measured on the build machine, bookworm amd64, warm page cache): 3-7 ms, and 7 MB
// more resident memory, of which 0.6 MB anonymous: libpinyin maps its data files (50 MB on
// disk) and reads them on demand, clean pages the kernel can drop and take back. After a few
// lookups, 10 MB (2.3 MB anonymous). A lookup takes 1-10 ms ("zc", a run of initials: the most).
struct PinyinInput::Engine {
  Context context;    // the language model, shared by instances
  Instance instance;  // the state of one lookup; declared last so it is freed first
};

std::filesystem::path default_data_dir() { return KIOSK_LIBPINYIN_DATA_DIR; }

common::Result<PinyinInput> PinyinInput::open(const std::filesystem::path& data_dir) {
  std::error_code error;
  if (!std::filesystem::is_directory(data_dir, error)) {
    return common::Error{"pinyin: no libpinyin data directory at " + data_dir.string() +
                         " (Debian package libpinyin-data)"};
  }
  for (const char* name : kRequiredFiles) {
    const std::filesystem::path file = data_dir / name;
    if (!std::filesystem::is_regular_file(file, error)) {
      return common::Error{"pinyin: libpinyin data file missing: " + file.string() +
                           " (Debian package libpinyin-data)"};
    }
  }

  // No user directory (nullptr): libpinyin then refuses pinyin_save and pinyin_train, so
  // nothing is ever written (it still tries to read and remove user files at an empty path,
  // which the system refuses, and says "open  failed." on stderr once). Nothing is learned in
  // memory either: no candidate is ever chosen.
  Context context(pinyin_init(data_dir.c_str(), nullptr));
  if (!context) {
    return common::Error{"pinyin: libpinyin refused " + (data_dir / "table.conf").string() +
                         " (libpinyin-data of another version than libpinyin?)"};
  }
  // The topic dictionaries (society, economy, history, people...): 0.5 MB for the words of
  // policy texts that the general model lacks. Indices without a dictionary answer false.
  for (guint8 index = 0; index < PHRASE_INDEX_LIBRARY_COUNT; ++index) {
    pinyin_load_addon_phrase_library(context.get(), index);
  }
  Instance instance(pinyin_alloc_instance(context.get()));
  if (!instance) return common::Error{"pinyin: libpinyin could not start a lookup"};

  auto engine = std::make_unique<Engine>();
  engine->context = std::move(context);
  engine->instance = std::move(instance);
  return PinyinInput(std::move(engine));
}

PinyinInput::PinyinInput(std::unique_ptr<Engine> engine) : engine_(std::move(engine)) {}
PinyinInput::PinyinInput(PinyinInput&&) noexcept = default;
PinyinInput& PinyinInput::operator=(PinyinInput&&) noexcept = default;
PinyinInput::~PinyinInput() = default;

std::vector<std::string> PinyinInput::candidates(std::string_view letters, std::size_t max) {
  return candidates(letters, max, nullptr);
}

std::vector<std::string> PinyinInput::candidates(std::string_view letters, std::size_t max,
                                                 const WordFilter& keep) {
  std::vector<std::string> words;
  const std::string input = normalise(letters);
  if (!engine_ || input.empty() || max == 0) return words;  // !engine_: moved from

  const auto letter_count = static_cast<std::size_t>(
      std::count_if(input.begin(), input.end(), [](char c) { return c != '\''; }));
  pinyin_set_options(engine_->context.get(),
                     letter_count <= kShortInputLetters ? kShortInputOptions : kOptions);
  pinyin_instance_t* instance = engine_->instance.get();
  pinyin_reset(instance);
  if (pinyin_parse_more_full_pinyins(instance, input.c_str()) == 0) return words;
  pinyin_guess_sentence(instance);
  // Candidates that start at the first letter. Taking one with pinyin_choose_candidate would
  // say how many letters it used, but it also raises the word's frequency in the model.
  if (!pinyin_guess_candidates(instance, 0, kSortOption)) return words;

  guint count = 0;
  pinyin_get_n_candidate(instance, &count);
  for (guint i = 0; i < count && words.size() < max; ++i) {
    lookup_candidate_t* candidate = nullptr;
    const gchar* word = nullptr;
    if (!pinyin_get_candidate(instance, i, &candidate) ||
        !pinyin_get_candidate_string(instance, candidate, &word) || word == nullptr ||
        *word == '\0') {
      continue;
    }
    const std::string_view view(word);
    if (keep && !keep(view)) continue;
    if (std::find(words.begin(), words.end(), view) != words.end()) continue;
    words.emplace_back(view);
  }
  return words;
}

}  // namespace kiosk::firmware::pinyin

// libpinyin 2.8.1 leaks three Berkeley DB handles per context (about 15 kB), opened to read
// the user files it does not find (Bigram::load_db and ChewingLargeTable2::load_db return
// before closing them; still so upstream). libdb has no frame pointers, so LeakSanitizer's
// stacks end in libdb: only its module name can be matched. libpinyin is the kiosk's only user
// of libdb. Here rather than in a test's environment so that every sanitized program that
// links this module (the kiosk, its screen tests) stays clean.
#if defined(__SANITIZE_ADDRESS__)
extern "C" const char* __lsan_default_suppressions() { return "leak:libdb-*.so\n"; }
#endif
