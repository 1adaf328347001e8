// Fill-in-the-blank questions from the documents' own key phrases: the terms a document puts in
// “…” (“两个确立”, “五大任务”, “模范自治区”) are what it wants remembered, so blanking one in
// its sentence asks exactly that.
//
// The question is the sentence around the phrase (cut at 。！？； outside quote marks, 15 to 90
// characters), the phrase blanked. These documents often run 100 to 200 characters between full
// stops; such a sentence gives the run of its comma-separated clauses around the phrase that
// fits in 90 (at least 30), shown with …… where it was cut (see clause_window). One question a
// sentence; a phrase that occurs twice in it is not asked. A term to ask is two to ten
// characters, and at least three without a number: “开刀”, “亮剑” are everyday words that many
// blanks take.
//
// The hard part is that the blank must have one answer: a distractor that also fits teaches
// nothing and, worse, marks a right reading wrong. So a distractor is another key phrase of the
// same document that looks like the answer (within ±2 characters, numbered or not, a list or
// not) but is not interchangeable with it:
//
//   - it does not occur in the sentence (the visitor would see it there, or it is a sibling in
//     the same list), nor anywhere in the cited section: phrases of one section are about one
//     thing (“扫黄打非” and “全民反诈” both fit a sentence on public security);
//   - it neither contains the answer nor is contained in it (“三北” / “三北精神”), shares no
//     three characters in a row with it (“互联网+教育” / “互联网+医疗健康”) and does not end in
//     the same two characters (“枫桥经验” / “浦江经验”, “千万工程” / “十大民生工程”): such pairs
//     are members of one family, and a sentence about one reads as well about the other; nor
//     are two distractors of one family;
//   - it does not fit the blank by the documents' own usage: the sentence with the distractor in
//     the blank occurs in some document, or the distractor stands in some document in the same
//     quote marks after the same two characters (推进“科技兴蒙” / 推进“X”) or before the same
//     two (“科技兴蒙”行动 / “X”行动). Such a distractor is set aside for the next in rank; with
//     fewer than three left, the question is dropped.
//
// Candidates are ranked by closeness of length, then by a hash of the pair, and the answer's
// place among the choices comes from a hash of the quote: the same documents always give the
// same questions, and distractors and answer positions vary from question to question.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>
#include <set>

#include "content/pipeline/importer_text.h"
#include "content/pipeline/pipeline.h"

namespace kiosk::content {

namespace {

constexpr std::size_t kMinPhrase = 2;   // “融” alone is a character, not a term to recall
constexpr std::size_t kMaxPhrase = 10;  // longer: a quoted slogan or sentence, not a term
constexpr std::size_t kMinSentence = 15;
constexpr std::size_t kMaxSentence = 90;
constexpr std::size_t kMinCutWindow = 30;
constexpr std::size_t kLengthSlack = 2;  // distractors within ±2 characters of the answer
constexpr std::size_t kDistractors = 3;
constexpr std::size_t kContext = 2;  // characters of usage compared around the quote marks
constexpr char32_t kOpen = U'“';
constexpr char32_t kClose = U'”';
constexpr std::u32string_view kBlank = U"____";
constexpr std::u32string_view kEllipsis = U"……";

using importer::from_utf8;
using importer::to_utf8;

// [SECTION] Deterministic hashing (FNV-1a, then splitmix64 for a stream)

std::uint64_t fnv1a(std::u32string_view text, std::uint64_t hash = 14695981039346656037ULL) {
  for (const char32_t c : text) {
    for (int shift = 0; shift < 32; shift += 8) {
      hash ^= (static_cast<std::uint64_t>(c) >> shift) & 0xFFU;
      hash *= 1099511628211ULL;
    }
  }
  return hash;
}

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// [SECTION] Key phrases and their kind

bool is_numeral(char32_t c) {
  return (c >= U'0' && c <= U'9') ||
         std::u32string_view(U"零〇一二三四五六七八九十百千万两").find(c) !=
             std::u32string_view::npos;
}
bool is_list_separator(char32_t c) { return c == U'、' || c == U'，' || c == U',' || c == U'；'; }
bool is_sentence_end(char32_t c) { return c == U'。' || c == U'！' || c == U'？' || c == U'；'; }
bool is_word_character(char32_t c) { return importer::is_han(c) || importer::is_ascii_alnum(c); }

// "Kind": numbered terms (两个确立, 五大任务, 1571) go with numbered ones, lists (感党恩、听党话、
// 跟党走) with lists, and terms with a '+' (稀土+) with their like, so no choice stands out by
// its form alone.
struct Kind {
  bool numbered = false;
  bool list = false;
  bool plus = false;
  bool operator==(const Kind&) const = default;
};
Kind kind_of(std::u32string_view phrase) {
  Kind kind;
  kind.numbered = !phrase.empty() && is_numeral(phrase.front());
  for (const char32_t c : phrase) {
    kind.numbered = kind.numbered || (c >= U'0' && c <= U'9');
    kind.list = kind.list || is_list_separator(c);
    kind.plus = kind.plus || c == U'+';
  }
  return kind;
}

std::size_t distance(std::size_t a, std::size_t b) { return a > b ? a - b : b - a; }

std::size_t count_of(std::u32string_view text, std::u32string_view part) {
  std::size_t count = 0;
  for (std::size_t at = text.find(part); at != std::u32string_view::npos;
       at = text.find(part, at + 1)) {
    ++count;
  }
  return count;
}

// Members of one family (see the top of the file): interchangeable in many sentences.
bool same_family(std::u32string_view a, std::u32string_view b) {
  if (a.find(b) != std::u32string_view::npos || b.find(a) != std::u32string_view::npos) {
    return true;
  }
  if (a.size() >= 2 && b.size() >= 2 && a.substr(a.size() - 2) == b.substr(b.size() - 2)) {
    return true;
  }
  for (std::size_t i = 0; i + 3 <= a.size(); ++i) {
    if (b.find(a.substr(i, 3)) != std::u32string_view::npos) return true;
  }
  return false;
}

// [SECTION] The documents as passages

// A heading or paragraph, with the citation a question from it carries.
struct Passage {
  std::u32string text;
  std::string node;  // the nearest numbered ancestor's label (itself for a heading), or 段N
  int section = 0;   // the same for every passage of one cited node, different otherwise
  int source_line = 0;
};

class PassageCollector {
 public:
  explicit PassageCollector(std::vector<Passage>& out) : out_(out) {}

  void collect(const std::vector<Node>& nodes, const std::string& label, int section) {
    for (const Node& node : nodes) {
      if (node.kind == NodeKind::kParagraph) {
        if (label.empty()) {  // a top-level paragraph is its own citation, 段N
          out_.push_back({from_utf8(node.text), "段" + std::to_string(++top_level_paragraphs_),
                          ++sections_, node.source_line});
        } else {
          out_.push_back({from_utf8(node.text), label, section, node.source_line});
        }
        continue;
      }
      const int own = ++sections_;
      if (!node.heading.empty()) {
        out_.push_back({from_utf8(node.heading), node.label, own, node.source_line});
      }
      collect(node.children, node.label, own);
    }
  }

 private:
  std::vector<Passage>& out_;
  int top_level_paragraphs_ = 0;
  int sections_ = 0;
};

struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
  [[nodiscard]] std::size_t size() const { return end - begin; }
};

// The sentence around [begin, end): cut after 。！？； outside quote marks, trimmed.
Span sentence_around(const std::u32string& text, std::size_t begin, std::size_t end) {
  Span sentence{0, text.size()};
  int depth = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char32_t c = text[i];
    if (c == kOpen) ++depth;
    if (c == kClose && depth > 0) --depth;
    if (depth == 0 && is_sentence_end(c)) {
      if (i < begin) {
        sentence.begin = i + 1;
      } else if (i >= end) {
        sentence.end = i + 1;
        break;
      }
    }
  }
  while (sentence.begin < sentence.end && importer::is_space(text[sentence.begin])) {
    ++sentence.begin;
  }
  while (sentence.end > sentence.begin && importer::is_space(text[sentence.end - 1])) {
    --sentence.end;
  }
  return sentence;
}

// A sentence too long for the screen (these documents run to 200 characters between full
// stops) gives the run of its comma-separated clauses around [begin, end) that fits, grown a
// clause at a time, after the phrase first, then before it; each clause of these documents is a
// predicate of its own (深入推进“科技兴蒙”行动，加强创新平台建设), so the run reads as a
// whole, shown with …… where it was cut. Empty when the phrase's own clause is too long.
Span clause_window(const std::u32string& text, Span sentence, std::size_t begin, std::size_t end) {
  std::vector<Span> clauses;
  int depth = 0;
  std::size_t clause_begin = sentence.begin;
  for (std::size_t i = sentence.begin; i < sentence.end; ++i) {
    if (text[i] == kOpen) ++depth;
    if (text[i] == kClose && depth > 0) --depth;
    if (depth == 0 && text[i] == U'，') {
      clauses.push_back({clause_begin, i});  // the comma belongs to neither side
      clause_begin = i + 1;
    }
  }
  clauses.push_back({clause_begin, sentence.end});
  std::size_t first = 0;
  while (first + 1 < clauses.size() && clauses[first].end < end) ++first;
  if (clauses[first].begin > begin) return {};
  std::size_t last = first;
  const auto length = [&](std::size_t a, std::size_t b) {
    return clauses[b].end - clauses[a].begin;
  };
  if (length(first, last) > kMaxSentence) return {};
  for (bool grown = true; grown;) {
    grown = false;
    if (last + 1 < clauses.size() && length(first, last + 1) <= kMaxSentence) {
      ++last;
      grown = true;
    }
    if (first > 0 && length(first - 1, last) <= kMaxSentence) {
      --first;
      grown = true;
    }
  }
  return {clauses[first].begin, clauses[last].end};
}

struct Occurrence {
  std::size_t passage = 0;
  std::size_t open = 0;  // index of “ in the passage
  std::u32string phrase;
};

std::vector<Occurrence> find_key_phrases(const std::vector<Passage>& passages) {
  std::vector<Occurrence> out;
  for (std::size_t p = 0; p < passages.size(); ++p) {
    const std::u32string& text = passages[p].text;
    for (std::size_t open = text.find(kOpen); open != std::u32string::npos;
         open = text.find(kOpen, open + 1)) {
      const std::size_t close = text.find(kClose, open + 1);
      if (close == std::u32string::npos) break;
      const std::u32string phrase = text.substr(open + 1, close - open - 1);
      if (phrase.find(kOpen) != std::u32string::npos) continue;  // unbalanced; the inner one counts
      out.push_back({p, open, phrase});
    }
  }
  return out;
}

// [SECTION] Does a distractor fit?

class Corpus {
 public:
  explicit Corpus(const std::vector<std::vector<Passage>>& documents) {
    for (const auto& passages : documents) {
      for (const Passage& passage : passages) text_ += passage.text + U'\n';
    }
  }

  // `text` with `candidate` in place of the phrase quoted at [open, close] (the quote marks).
  [[nodiscard]] bool fits(const std::u32string& text, std::size_t open, std::size_t close,
                          const std::u32string& candidate) const {
    const std::u32string quoted = kOpen + candidate + kClose;
    const std::u32string filled = text.substr(0, open) + quoted + text.substr(close + 1);
    if (contains(filled)) return true;
    std::size_t left = open;
    while (left > 0 && open - left < kContext && is_word_character(text[left - 1])) --left;
    if (open - left == kContext && contains(text.substr(left, kContext) + quoted)) return true;
    std::size_t right = close + 1;
    while (right < text.size() && right - close - 1 < kContext && is_word_character(text[right])) {
      ++right;
    }
    return right - close - 1 == kContext && contains(quoted + text.substr(close + 1, kContext));
  }

 private:
  [[nodiscard]] bool contains(const std::u32string& part) const {
    return text_.find(part) != std::u32string::npos;
  }
  std::u32string text_;
};

// [SECTION] One document

class DocumentGenerator {
 public:
  DocumentGenerator(const ImportedDocument& document, const std::vector<Passage>& passages,
                    const Corpus& corpus, std::set<std::u32string>& used_quotes,
                    std::set<std::string>& ids, GenerationReport& report)
      : document_(document),
        passages_(passages),
        corpus_(corpus),
        used_quotes_(used_quotes),
        ids_(ids),
        report_(report) {}

  std::vector<QuizQuestion> run() {
    GenerationReport::Document counts;
    counts.slug = document_.metadata.slug;
    const std::vector<Occurrence> occurrences = find_key_phrases(passages_);
    // The pool: distinct usable phrases in code point order (the ranking below reorders), each
    // with the sections it occurs in.
    for (const Occurrence& occurrence : occurrences) {
      if (usable(occurrence.phrase)) {
        sections_[occurrence.phrase].insert(passages_[occurrence.passage].section);
      }
    }
    counts.key_phrases = static_cast<int>(sections_.size());
    counts.occurrences = static_cast<int>(occurrences.size());

    std::vector<QuizQuestion> questions;
    for (const Occurrence& occurrence : occurrences) {
      if (auto question = make(occurrence)) questions.push_back(std::move(*question));
    }
    counts.generated = static_cast<int>(questions.size());
    report_.documents.push_back(counts);
    return questions;
  }

 private:
  // A term to recall: numbered ones from two characters (“四风”), others from three, since a
  // two-character word without a number (“开刀”, “亮剑”) is an everyday word that many blanks
  // take; at most ten (longer is a quoted slogan or sentence).
  static bool usable(const std::u32string& phrase) {
    const std::size_t shortest = kind_of(phrase).numbered ? kMinPhrase : kMinPhrase + 1;
    return phrase.size() >= shortest && phrase.size() <= kMaxPhrase;
  }

  // The other phrases that look like `answer` but cannot take its place (top of the file).
  std::vector<std::u32string> candidates(const std::u32string& answer,
                                         const std::u32string& sentence, int section) const {
    std::vector<std::u32string> out;
    const Kind kind = kind_of(answer);
    for (const auto& [phrase, sections] : sections_) {
      if (phrase == answer || distance(phrase.size(), answer.size()) > kLengthSlack) continue;
      if (!(kind_of(phrase) == kind) || sentence.find(phrase) != std::u32string::npos) continue;
      // A phrase of the same section is about the same thing: 扫黄打非 and 全民反诈 both fit
      // a sentence on public security.
      if (sections.count(section) > 0 || same_family(answer, phrase)) continue;
      out.push_back(phrase);
    }
    const std::uint64_t seed = fnv1a(answer);
    std::stable_sort(out.begin(), out.end(), [&](const auto& a, const auto& b) {
      return std::pair(distance(a.size(), answer.size()), fnv1a(a, seed)) <
             std::pair(distance(b.size(), answer.size()), fnv1a(b, seed));
    });
    return out;
  }

  std::optional<QuizQuestion> make(const Occurrence& occurrence) {
    const std::u32string& answer = occurrence.phrase;
    if (!usable(answer)) {
      ++report_.phrase_unsuitable;
      return std::nullopt;
    }
    const Passage& passage = passages_[occurrence.passage];
    const std::size_t open = occurrence.open;
    const std::size_t close = open + answer.size() + 1;
    const Span sentence = sentence_around(passage.text, open, close + 1);
    const Span window = sentence.size() <= kMaxSentence
                            ? sentence
                            : clause_window(passage.text, sentence, open, close + 1);
    // A run cut from a longer sentence needs more words around the blank than a whole
    // sentence does: “严格落实“____”的制度机制……” alone would take almost any term.
    const bool cut = window.begin > sentence.begin || window.end < sentence.end;
    if (window.size() < (cut ? kMinCutWindow : kMinSentence)) {
      ++report_.sentence_length;
      return std::nullopt;
    }
    const std::u32string quote = passage.text.substr(window.begin, window.size());
    if (count_of(quote, answer) > 1) {
      ++report_.phrase_repeated;
      return std::nullopt;
    }
    // One question a sentence: windows of one long sentence may not overlap, and a sentence the
    // documents repeat is asked once.
    const bool overlaps = std::any_of(used_.begin(), used_.end(), [&](const auto& used) {
      return used.first == occurrence.passage && used.second.begin < window.end &&
             window.begin < used.second.end;
    });
    if (overlaps || used_quotes_.count(quote) > 0) {
      ++report_.sentence_used;
      return std::nullopt;
    }

    const std::u32string full_sentence = passage.text.substr(sentence.begin, sentence.size());
    const auto ranked = candidates(answer, full_sentence, passage.section);
    if (ranked.size() < kDistractors) {
      ++report_.too_few_distractors;
      return std::nullopt;
    }
    std::vector<std::u32string> distractors;
    bool one_fits = false;
    for (const std::u32string& candidate : ranked) {
      // Nor two of one family among the distractors (“三北” and “三北精神”): each wrong choice
      // is wrong on its own.
      if (std::any_of(distractors.begin(), distractors.end(),
                      [&](const auto& chosen) { return same_family(chosen, candidate); })) {
        continue;
      }
      if (corpus_.fits(quote, open - window.begin, close - window.begin, candidate)) {
        one_fits = true;
        ++report_.distractors_set_aside;
        continue;
      }
      distractors.push_back(candidate);
      if (distractors.size() == kDistractors) break;
    }
    if (distractors.size() < kDistractors) {
      ++(one_fits ? report_.distractor_fits : report_.too_few_distractors);
      return std::nullopt;
    }
    used_.emplace_back(occurrence.passage, window);
    used_quotes_.insert(quote);
    return question(passage, quote, open - window.begin, answer, distractors,
                    window.begin > sentence.begin, window.end < sentence.end);
  }

  QuizQuestion question(const Passage& passage, const std::u32string& quote, std::size_t open,
                        const std::u32string& answer,
                        const std::vector<std::u32string>& distractors, bool cut_before,
                        bool cut_after) {
    QuizQuestion q;
    q.document = document_.metadata.slug;
    q.node = passage.node;
    q.type = QuizType::kFillBlank;
    q.generated = true;
    q.file = "generated:" + document_.metadata.slug;
    q.line = passage.source_line;
    for (auto& position : q.positions) position = {passage.source_line, 0};
    const std::u32string before = cut_before ? std::u32string(kEllipsis) : U"";
    const std::u32string after = cut_after ? std::u32string(kEllipsis) : U"";
    std::u32string blanked = quote;
    blanked.replace(open + 1, answer.size(), kBlank);
    q.question = to_utf8(before + blanked + after);
    q.quote = to_utf8(quote);
    q.explanation = "原文：" + to_utf8(before + quote + after);

    // The answer's place: a Fisher-Yates shuffle seeded by the quote.
    std::vector<std::u32string> choices = {answer};
    choices.insert(choices.end(), distractors.begin(), distractors.end());
    std::uint64_t state = fnv1a(quote);
    for (std::size_t i = choices.size() - 1; i > 0; --i) {
      std::swap(choices[i], choices[splitmix64(state) % (i + 1)]);
    }
    for (std::size_t i = 0; i < choices.size(); ++i) {
      q.choices.push_back(to_utf8(choices[i]));
      if (choices[i] == answer) q.correct = {static_cast<int>(i)};
    }

    // The id follows the words and the answer, not the position, so statistics kept by id
    // survive an edit elsewhere in the document.
    char hash[17];
    std::snprintf(hash, sizeof hash, "%08llx",
                  static_cast<unsigned long long>(fnv1a(answer, fnv1a(quote)) >> 32));
    std::string id = "gen-" + document_.metadata.slug + "-" + hash;
    for (int suffix = 2; !ids_.insert(id).second; ++suffix) {
      id = "gen-" + document_.metadata.slug + "-" + hash + "-" + std::to_string(suffix);
    }
    q.id = id;
    return q;
  }

  const ImportedDocument& document_;
  const std::vector<Passage>& passages_;
  const Corpus& corpus_;
  std::set<std::u32string>& used_quotes_;
  std::set<std::string>& ids_;
  GenerationReport& report_;
  std::map<std::u32string, std::set<int>> sections_;  // the pool: phrase -> sections
  std::vector<std::pair<std::size_t, Span>> used_;    // passage, window
};

}  // namespace

// [SECTION] GenerationReport

int GenerationReport::generated() const {
  int total = 0;
  for (const auto& document : documents) total += document.generated;
  return total;
}

int GenerationReport::occurrences() const {
  int total = 0;
  for (const auto& document : documents) total += document.occurrences;
  return total;
}

int GenerationReport::key_phrases() const {
  int total = 0;
  for (const auto& document : documents) total += document.key_phrases;
  return total;
}

std::string GenerationReport::summary() const {
  std::string per_document;
  for (const auto& document : documents) {
    per_document += (per_document.empty() ? "" : ", ") + document.slug + " " +
                    std::to_string(document.generated);
  }
  std::string dropped;
  for (const auto& [count, reason] : {std::pair{phrase_unsuitable, "phrase too short or long"},
                                      {sentence_length, "sentence length"},
                                      {phrase_repeated, "phrase twice in its sentence"},
                                      {sentence_used, "sentence already used"},
                                      {too_few_distractors, "too few distractors"},
                                      {distractor_fits, "a distractor fits"}}) {
    if (count == 0) continue;
    dropped += (dropped.empty() ? "" : ", ") + std::string(reason) + " " + std::to_string(count);
  }
  return std::to_string(generated()) + " generated from " + std::to_string(occurrences()) +
         " key phrase occurrences (" + per_document + ")" +
         (dropped.empty() ? "" : "; dropped: " + dropped) + "; " +
         std::to_string(distractors_set_aside) + " distractors set aside because they fit";
}

// [SECTION] generate_fill_blank_questions

std::vector<QuizQuestion> generate_fill_blank_questions(
    const std::vector<ImportedDocument>& documents, GenerationReport& report) {
  std::vector<std::vector<Passage>> passages(documents.size());
  for (std::size_t i = 0; i < documents.size(); ++i) {
    PassageCollector(passages[i]).collect(documents[i].nodes, "", 0);
  }
  const Corpus corpus(passages);
  std::set<std::u32string> used_quotes;
  std::set<std::string> ids;
  std::vector<QuizQuestion> questions;
  for (std::size_t i = 0; i < documents.size(); ++i) {
    auto generated =
        DocumentGenerator(documents[i], passages[i], corpus, used_quotes, ids, report).run();
    questions.insert(questions.end(), std::make_move_iterator(generated.begin()),
                     std::make_move_iterator(generated.end()));
  }
  return questions;
}

}  // namespace kiosk::content
