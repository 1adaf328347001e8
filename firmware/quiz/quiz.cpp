#include "firmware/quiz/quiz.h"

#include <algorithm>
#include <map>

namespace kiosk::firmware {

const char* to_string(QuestionType type) {
  switch (type) {
    case QuestionType::kSingle:
      return "single";
    case QuestionType::kMultiple:
      return "multiple";
    case QuestionType::kTrueFalse:
      return "true-false";
    case QuestionType::kFillBlank:
      return "fill-blank";
  }
  return "single";
}

// [SECTION] Random

std::uint64_t Random::next() {
  std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

std::size_t Random::below(std::size_t bound) {
  if (bound <= 1) return 0;
  // Rejection keeps it uniform: draws from the incomplete last block are thrown away.
  const std::uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
  std::uint64_t value = next();
  while (value >= limit) value = next();
  return static_cast<std::size_t>(value % bound);
}

namespace {

template <typename T>
void shuffle(std::vector<T>& items, Random& random) {
  for (std::size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[random.below(i)]);
}

}  // namespace

// [SECTION] Drawing

std::vector<std::size_t> draw_questions(const std::vector<Question>& bank,
                                        const DrawOptions& options, std::uint64_t seed) {
  Random random(seed);
  // Eligible questions by document, then by type; std::map keeps the order independent of the
  // bank's order of documents.
  std::map<std::string, std::map<QuestionType, std::vector<std::size_t>>> pools;
  for (std::size_t i = 0; i < bank.size(); ++i) {
    const Question& question = bank[i];
    if (!options.document.empty() && question.document != options.document) continue;
    if (question.generated && !options.include_generated) continue;
    pools[question.document][question.type].push_back(i);
  }
  // Within a document: shuffle each type's questions, then take the types in turns (in a
  // random order of types), giving that document's queue.
  std::vector<std::vector<std::size_t>> queues;
  for (auto& [document, by_type] : pools) {
    std::vector<std::vector<std::size_t>> lists;
    for (auto& [type, list] : by_type) {
      shuffle(list, random);
      lists.push_back(list);
    }
    shuffle(lists, random);
    std::vector<std::size_t> queue;
    for (std::size_t round = 0;; ++round) {
      bool any = false;
      for (const auto& list : lists) {
        if (round < list.size()) {
          queue.push_back(list[round]);
          any = true;
        }
      }
      if (!any) break;
    }
    queues.push_back(std::move(queue));
  }
  shuffle(queues, random);
  // Documents take turns.
  std::vector<std::size_t> drawn;
  const auto wanted = static_cast<std::size_t>(std::max(0, options.count));
  for (std::size_t round = 0; drawn.size() < wanted; ++round) {
    bool any = false;
    for (const auto& queue : queues) {
      if (round < queue.size() && drawn.size() < wanted) {
        drawn.push_back(queue[round]);
        any = true;
      }
    }
    if (!any) break;
  }
  return drawn;
}

bool is_correct(const Question& question, std::vector<int> chosen) {
  std::sort(chosen.begin(), chosen.end());
  chosen.erase(std::unique(chosen.begin(), chosen.end()), chosen.end());
  std::vector<int> correct = question.correct;
  std::sort(correct.begin(), correct.end());
  return !chosen.empty() && chosen == correct;
}

// [SECTION] A visitor's quiz

QuizRun::QuizRun(std::vector<std::size_t> questions, std::string document)
    : questions_(std::move(questions)),
      document_(std::move(document)),
      chosen_(questions_.size()),
      right_(questions_.size(), false) {}

bool QuizRun::answer(std::size_t position, const Question& question, std::vector<int> chosen) {
  if (position >= questions_.size() || chosen_[position]) return false;
  right_[position] = is_correct(question, chosen);
  chosen_[position] = std::move(chosen);
  return right_[position];
}

bool QuizRun::answered(std::size_t position) const {
  return position < chosen_.size() && chosen_[position].has_value();
}

const std::vector<int>& QuizRun::chosen(std::size_t position) const {
  static const std::vector<int> kNone;
  return answered(position) ? *chosen_[position] : kNone;
}

bool QuizRun::right(std::size_t position) const { return answered(position) && right_[position]; }

int QuizRun::score() const {
  return static_cast<int>(std::count(right_.begin(), right_.end(), true));
}

bool QuizRun::finished() const {
  return std::all_of(chosen_.begin(), chosen_.end(),
                     [](const auto& chosen) { return chosen.has_value(); });
}

}  // namespace kiosk::firmware
