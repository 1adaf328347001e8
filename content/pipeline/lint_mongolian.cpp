// The orthography and terminology lint of the content's Mongolian strings. The rules are those
// of the external review (../shared/reviews/mongolian-strings-2026-12.md, "What the project
// could test automatically"), checked code point by code point because the font draws several
// misspellings exactly like the right spelling:
//   mn-space-before-suffix  a case suffix after U+0020 (a legal line break) instead of U+202F
//   mn-mvs                  U+180E only after ᠨ ᠭ ᠬ ᠮ ᠯ ᠶ ᠷ ᠸ ᠵ and only before a final ᠠ/ᠡ
//   mn-o-ö-position         ᠥ only in the first syllable; ᠣ after it only when the first is ᠣ
//   mn-suffix-form          the suffix's allomorph and vowel harmony agree with the stem
//   mn-suffix-after-number  a suffix after a digit, a placeholder or a bracket needs the
//                           number function ({n:ordinal}) or a Mongolian stem to agree with
//   mn-placeholders         the same {placeholders} in zh and mn
//   mn-foreign-letters      no Latin or Cyrillic letters but a short allow-list (USB, PIN ...)
//   mn-term                 a Chinese term of terms.toml in zh has its canonical Mongolian in mn
//   mn-sha-before-i         ᠱ before ᠢ is drawn like ᠰ: native words write ᠰ (warning)
//   mn-empty                no Mongolian at all
#include <algorithm>
#include <map>
#include <set>

#include "content/pipeline/pipeline.h"
#include "firmware/mongolian/mongolian.h"

namespace kiosk::content {

namespace {

using mongolian::kMvs;
using mongolian::kNnbsp;

// Latin words a Mongolian string may carry: acronyms and names the hall staff see as they are.
const std::set<std::u32string> kLatinAllowed = {
    U"USB", U"KIOSK", U"PIN", U"CSV", U"SD", U"minisig", U"refresh_public_keys"};

bool is_word_char(char32_t c) {
  return mongolian::is_letter(c) || mongolian::is_free_variation_selector(c) || c == kMvs;
}
bool is_vowel(char32_t c) { return c >= 0x1820 && c <= 0x1827; }
bool is_digit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool is_latin(char32_t c) { return (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z'); }
bool is_cyrillic(char32_t c) { return c >= 0x0400 && c <= 0x052F; }
bool is_space(char32_t c) { return c == U' ' || c == 0x3000; }

std::string code_point(char32_t c) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(c));
  return buffer;
}

// One run of Mongolian letters (with their FVS and MVS) and what stands before it.
struct Word {
  std::size_t begin = 0;
  std::size_t end = 0;
  char32_t before = 0;  // the character before the run, 0 at the start
  [[nodiscard]] std::u32string text(const std::u32string& s) const {
    return s.substr(begin, end - begin);
  }
};

std::vector<Word> words_of(const std::u32string& s) {
  std::vector<Word> words;
  for (std::size_t i = 0; i < s.size();) {
    if (!is_word_char(s[i]) || s[i] == kMvs) {
      ++i;
      continue;
    }
    Word word;
    word.begin = i;
    word.before = i > 0 ? s[i - 1] : 0;
    while (i < s.size() && is_word_char(s[i])) ++i;
    word.end = i;
    words.push_back(word);
  }
  return words;
}

// Forms that are no allomorph of any suffix but are written for one (review 2026-12 #76).
const std::vector<std::pair<std::u32string, mongolian::Suffix>> kMisformed = {
    {U"ᠢᠨ", mongolian::Suffix::kGenitive},
};

std::optional<mongolian::Suffix> suffix_of(const std::u32string& word) {
  for (const auto& [form, suffix] : mongolian::suffix_forms()) {
    if (form == word) return suffix;
  }
  for (const auto& [form, suffix] : kMisformed) {
    if (form == word) return suffix;
  }
  return std::nullopt;
}

bool is_form_of(const std::u32string& stem, const std::u32string& form) {
  for (const auto& [candidate, suffix] : mongolian::suffix_forms()) {
    if (candidate == form && mongolian::suffix_after(stem, suffix) == form) return true;
  }
  return false;
}

std::string expected_forms(const std::u32string& stem, const std::u32string& form) {
  std::set<std::string> expected;
  auto forms = mongolian::suffix_forms();
  forms.insert(forms.end(), kMisformed.begin(), kMisformed.end());
  for (const auto& [candidate, suffix] : forms) {
    if (candidate == form)
      expected.insert(mongolian::to_utf8(mongolian::suffix_after(stem, suffix)) + " (" +
                      mongolian::to_string(suffix) + ")");
  }
  std::string joined;
  for (const auto& text : expected) joined += (joined.empty() ? "" : " or ") + text;
  return joined;
}

// The vowels of a word in order, with whether each begins a new syllable (a consonant stands
// between it and the vowel before): ᠨᠠᠢᠮᠠ -> a(first) i(same) a(new).
struct Vowel {
  std::size_t index;
  char32_t letter;
  int syllable;
};
std::vector<Vowel> vowels_of(const std::u32string& s, const Word& word) {
  std::vector<Vowel> vowels;
  int syllable = 0;
  bool consonant_since = false;
  for (std::size_t i = word.begin; i < word.end; ++i) {
    const char32_t c = s[i];
    if (is_vowel(c)) {
      if (vowels.empty() || consonant_since) ++syllable;
      vowels.push_back({i, c, syllable});
      consonant_since = false;
    } else if (mongolian::is_letter(c)) {
      consonant_since = true;
    }
  }
  return vowels;
}

class MongolianLint {
 public:
  MongolianLint(const MongolianString& string, const Terminology& terms)
      : string_(string), terms_(terms), s_(mongolian::to_utf32(string.mn)) {
    for (const Term& term : terms_.terms) {
      const std::u32string canonical = mongolian::to_utf32(term.mn);
      for (const Word& word : words_of(canonical)) canonical_words_.insert(word.text(canonical));
    }
  }

  std::vector<LintWarning> run() {
    if (s_.empty()) {
      report(std::string::npos, "mn-empty", "no Mongolian: every visitor string is bilingual");
      return std::move(warnings_);
    }
    words_ = words_of(s_);
    check_mvs();
    for (std::size_t w = 0; w < words_.size(); ++w) {
      check_vowel_positions(words_[w]);
      check_suffix(w);
    }
    check_letters();
    check_placeholders();
    check_terms();
    return std::move(warnings_);
  }

 private:
  void report(std::size_t index, const char* rule, const std::string& message, bool error = true) {
    const int column = index == std::string::npos ? string_.value_column : string_.column_of(index);
    warnings_.push_back(
        {Diagnostic{string_.file, string_.line, column,
                    (error ? "error: " : "warning: ") + string_.key + ": " + message},
         rule, error});
  }

  void check_mvs() {
    static const std::u32string kBefore = U"ᠨᠭᠬᠮᠯᠶᠷᠸᠵ";
    for (std::size_t i = 0; i < s_.size(); ++i) {
      if (s_[i] != kMvs) continue;
      const char32_t previous = i > 0 ? s_[i - 1] : 0;
      const bool final_vowel = i + 1 < s_.size() && (s_[i + 1] == U'ᠠ' || s_[i + 1] == U'ᠡ') &&
                               (i + 2 == s_.size() || !is_word_char(s_[i + 2]));
      if (kBefore.find(previous) == std::u32string::npos) {
        report(i, "mn-mvs",
               "U+180E MVS after " + mongolian::to_utf8(std::u32string(1, previous)) + " (" +
                   code_point(previous) +
                   "): the detached final a/e follows only ᠨ ᠭ ᠬ ᠮ ᠯ ᠶ ᠷ ᠸ ᠵ; drop the MVS");
      } else if (!final_vowel) {
        report(i, "mn-mvs", "U+180E MVS must be followed by a final ᠠ or ᠡ that ends the word");
      }
    }
  }

  void check_vowel_positions(const Word& word) {
    if (word.before == kNnbsp) return;  // suffixes have their own fixed forms
    const std::u32string text = word.text(s_);
    if (canonical_words_.count(text) != 0) return;  // an official form from terms.toml
    const auto vowels = vowels_of(s_, word);
    if (vowels.empty()) return;
    const char32_t first = vowels.front().letter;
    for (const Vowel& vowel : vowels) {
      if (vowel.syllable == 1) continue;
      if (vowel.letter != U'ᠥ' && (vowel.letter != U'ᠣ' || first == U'ᠣ')) continue;
      if (vowel.letter == U'ᠥ') {
        report(vowel.index, "mn-o-ö-position",
               "ᠥ (U+1825) after the first syllable of " + mongolian::to_utf8(text) +
                   ": write ᠦ (U+1826) there (ᠥᠪᠦᠷ, not ᠥᠪᠥᠷ); the font draws both alike");
      } else if (vowel.letter == U'ᠣ' && first != U'ᠣ') {
        report(vowel.index, "mn-o-ö-position",
               "ᠣ (U+1823) after the first syllable of " + mongolian::to_utf8(text) +
                   " whose first vowel is not ᠣ: write ᠤ (U+1824), or add the word to "
                   "terms.toml if it is an official name",
               false);
      }
      break;  // once a word
    }
    for (std::size_t i = word.begin; i + 1 < word.end; ++i) {
      if (s_[i] == U'ᠱ' && s_[i + 1] == U'ᠢ') {
        report(i, "mn-sha-before-i",
               "ᠱ (U+1831) before ᠢ in " + mongolian::to_utf8(text) +
                   " is drawn like ᠰ: native words write ᠰ (U+1830); keep ᠱ only in a loanword",
               false);
      }
    }
  }

  // The stem a suffix attaches to: the Mongolian word before its U+202F (or before the space
  // for a misplaced suffix), or the last Mongolian word before a closing bracket.
  void check_suffix(std::size_t w) {
    const Word& word = words_[w];
    const std::u32string form = word.text(s_);
    const auto suffix = suffix_of(form);
    if (!suffix) return;
    if (word.before == U' ') {
      const char32_t before_space = word.begin >= 2 ? s_[word.begin - 2] : 0;
      if (before_space == U'}' || is_digit(before_space)) {
        report(word.begin, "mn-suffix-after-number",
               "the suffix " + mongolian::to_utf8(form) +
                   " after a number and a plain space: its form depends on how the number is "
                   "read; write {name:" +
                   std::string(mongolian::to_string(*suffix)) + "} (the number function)");
        return;
      }
      if (w == 0 || words_[w - 1].end + 1 != word.begin) return;  // a word of its own
      report(word.begin - 1, "mn-space-before-suffix",
             "the suffix " + mongolian::to_utf8(form) +
                 " follows a plain space (U+0020), where a column may break: write U+202F "
                 "(\\u202F) before it");
      check_form(words_[w - 1].text(s_), form, word.begin);
      return;
    }
    if (word.before != kNnbsp) return;
    const std::size_t nnbsp = word.begin - 1;
    const char32_t before = nnbsp > 0 ? s_[nnbsp - 1] : 0;
    if (is_word_char(before)) {
      // A chain (ᠣᠷᠣᠨ\u202Fᠤ\u202Fᠳᠤ) agrees with the word right before.
      check_form(words_[w - 1].text(s_), form, word.begin);
    } else if (is_digit(before)) {
      std::size_t start = nnbsp;
      while (start > 0 && is_digit(s_[start - 1])) --start;
      const std::string digits = mongolian::to_utf8(s_.substr(start, nnbsp - start));
      if (digits.size() > 12) return;  // beyond numeral_reading's range
      const std::string expected = mongolian::number_with_suffix(std::stoll(digits), *suffix);
      if (expected != digits + mongolian::to_utf8(s_.substr(nnbsp, word.end - nnbsp))) {
        report(word.begin, "mn-suffix-after-number",
               "after " + digits + " the " + mongolian::to_string(*suffix) + " suffix is " +
                   expected.substr(digits.size()) + " (as " + digits +
                   " is read: " + mongolian::numeral_reading(std::stoll(digits)) + ")");
      }
    } else if (before == U'}') {
      report(word.begin, "mn-suffix-after-number",
             "a suffix after a placeholder cannot agree with a number not yet known: write "
             "{name:" +
                 std::string(mongolian::to_string(*suffix)) + "} (the number function) instead");
    } else if (w > 0 && !is_space(before) && before != 0 && !is_latin(before)) {
      // After a closing bracket: the word inside the bracket decides the form.
      const Word& inside = words_[w - 1];
      bool only_punctuation = true;
      for (std::size_t i = inside.end; i < nnbsp; ++i) {
        if (is_word_char(s_[i]) || is_space(s_[i]) || is_digit(s_[i])) only_punctuation = false;
      }
      if (only_punctuation) {
        check_form(inside.text(s_), form, word.begin);
      } else {
        report(word.begin, "mn-suffix-after-number",
               "the suffix " + mongolian::to_utf8(form) + " after " +
                   mongolian::to_utf8(std::u32string(1, before)) +
                   " has no Mongolian word to agree with: put the Mongolian title inside the "
                   "brackets, or rephrase");
      }
    } else if (!is_latin(before)) {
      report(word.begin, "mn-suffix-after-number",
             "the suffix " + mongolian::to_utf8(form) + " has no word before it to attach to");
    }
  }

  void check_form(const std::u32string& stem, const std::u32string& form, std::size_t at) {
    if (is_form_of(stem, form)) return;
    report(at, "mn-suffix-form",
           "the suffix " + mongolian::to_utf8(form) + " does not agree with " +
               mongolian::to_utf8(stem) + " (" +
               mongolian::transliterate(mongolian::to_utf8(stem)) + "): expected " +
               expected_forms(stem, form));
  }

  void check_letters() {
    for (std::size_t i = 0; i < s_.size(); ++i) {
      if (is_cyrillic(s_[i])) {
        report(i, "mn-foreign-letters",
               "Cyrillic letter " + code_point(s_[i]) +
                   ": Inner Mongolia writes the traditional script (Khalkha forms are wrong here)");
        return;
      }
      if (!is_latin(s_[i]) && s_[i] != U'_') continue;
      if (i > 0 && s_[i - 1] == U'{') {  // a placeholder's name
        while (i < s_.size() && s_[i] != U'}') ++i;
        continue;
      }
      std::size_t end = i;
      while (end < s_.size() && (is_latin(s_[end]) || s_[end] == U'_')) ++end;
      const std::u32string latin = s_.substr(i, end - i);
      if (kLatinAllowed.count(latin) == 0) {
        report(i, "mn-foreign-letters",
               "Latin word '" + mongolian::to_utf8(latin) +
                   "' in Mongolian text (allowed: USB, KIOSK, PIN, CSV, SD, minisig, "
                   "refresh_public_keys)");
      }
      i = end;
    }
  }

  void check_placeholders() {
    std::multiset<std::string> zh;
    std::multiset<std::string> mn;
    for (const auto& placeholder : mongolian::placeholders(string_.zh)) zh.insert(placeholder.name);
    for (const auto& placeholder : mongolian::placeholders(string_.mn)) {
      mn.insert(placeholder.name);
      if (!placeholder.suffix.empty() && !mongolian::suffix_from_name(placeholder.suffix)) {
        report(mongolian::to_utf32(string_.mn.substr(0, placeholder.byte)).size(),
               "mn-placeholders",
               "unknown suffix '" + placeholder.suffix + "' in {" + placeholder.name + ":" +
                   placeholder.suffix +
                   "} (genitive, accusative, dative, ablative, instrumental, comitative, "
                   "reflexive, ordinal)");
      }
    }
    if (zh == mn) return;
    auto list = [](const std::multiset<std::string>& names) {
      std::string joined;
      for (const auto& name : names) joined += (joined.empty() ? "{" : ", {") + name + "}";
      return joined.empty() ? std::string("none") : joined;
    };
    report(std::string::npos, "mn-placeholders",
           "placeholders differ: zh has " + list(zh) + ", mn has " + list(mn) +
               " (the kiosk fills both from the same values)");
  }

  void check_terms() {
    for (const Term& term : terms_.terms) {
      if (string_.zh.find(term.zh) == std::string::npos) continue;
      if (string_.mn.find(term.mn) != std::string::npos) continue;
      bool inflected = false;
      for (const auto& form : term.forms) inflected |= string_.mn.find(form) != std::string::npos;
      if (inflected) continue;
      bool excepted = false;
      for (const auto& longer : term.except)
        excepted |= string_.zh.find(longer) != std::string::npos;
      if (excepted) continue;
      report(std::string::npos, "mn-term",
             "the Chinese has " + term.zh + ", so the Mongolian must have its official form " +
                 term.mn + " (" + mongolian::transliterate(term.mn) + "; " + terms_.file + ":" +
                 std::to_string(term.line) + ", " + term.source + ")");
    }
  }

  const MongolianString& string_;
  const Terminology& terms_;
  std::u32string s_;
  std::vector<Word> words_;
  std::set<std::u32string> canonical_words_;
  std::vector<LintWarning> warnings_;
};

}  // namespace

std::vector<LintWarning> lint_mongolian(const MongolianString& string, const Terminology& terms) {
  return MongolianLint(string, terms).run();
}

Result<std::vector<LintWarning>> lint_mongolian_strings(const std::string& source_dir) {
  std::vector<LintWarning> warnings;
  auto terms = load_source_terms(source_dir);
  if (!terms) return Error{terms.error()};
  if (terms->terms.empty()) {
    warnings.push_back({Diagnostic{terms->file, 0, 0,
                                   "warning: no terms: official names and terms are not checked "
                                   "(content/terms.toml lists them)"},
                        "mn-no-terms", false});
  }
  auto strings = mongolian_strings(source_dir);
  if (!strings) return Error{strings.error()};
  for (const MongolianString& string : strings.value()) {
    for (auto& warning : lint_mongolian(string, terms.value()))
      warnings.push_back(std::move(warning));
  }
  return warnings;
}

}  // namespace kiosk::content
