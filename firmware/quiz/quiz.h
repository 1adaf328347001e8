// Quiz logic, without drawing: the questions as the kiosk reads them from the release, a
// seeded draw of N questions without repeats balanced across documents and types, scoring, and
// the state of one visitor's quiz.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::firmware {

enum class QuestionType { kSingle, kMultiple, kTrueFalse, kFillBlank };
const char* to_string(QuestionType type);  // "single", "multiple", "true-false", "fill-blank"

struct Question {
  std::string id;
  std::string document;      // slug
  std::int64_t node_id = 0;  // the cited node in the release
  QuestionType type = QuestionType::kSingle;
  std::string question;
  std::vector<std::string> choices;
  std::vector<int> correct;  // indexes into choices, ascending
  std::string explanation;
  std::string quote;       // verbatim from the cited node
  bool generated = false;  // a fill-in-the-blank question made by the content build
};

struct DrawOptions {
  int count = 5;
  std::string document;  // only this document's questions; empty: all documents
  bool include_generated = true;
};

// A small, fully specified generator (splitmix64): the same seed gives the same quiz on every
// machine and standard library, which std::shuffle does not promise.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next();
  std::size_t below(std::size_t bound);  // uniform in [0, bound)

 private:
  std::uint64_t state_;
};

// Indexes into `bank` of `count` different questions (fewer if the bank has fewer): documents
// take turns in a random order, and within a document the types take turns, so that a quiz of
// five over five documents asks one question from each.
std::vector<std::size_t> draw_questions(const std::vector<Question>& bank,
                                        const DrawOptions& options, std::uint64_t seed);

// Right when the chosen set is exactly the correct set (order does not matter).
bool is_correct(const Question& question, std::vector<int> chosen);

// One visitor's quiz: which questions, what was answered, the score.
class QuizRun {
 public:
  QuizRun() = default;
  QuizRun(std::vector<std::size_t> questions, std::string document);
  [[nodiscard]] std::size_t size() const { return questions_.size(); }
  [[nodiscard]] std::size_t question_index(std::size_t position) const {
    return questions_.at(position);
  }
  [[nodiscard]] const std::string& document() const { return document_; }
  // Records the answer to the question at `position` (once; later answers are ignored).
  bool answer(std::size_t position, const Question& question, std::vector<int> chosen);
  [[nodiscard]] bool answered(std::size_t position) const;
  [[nodiscard]] const std::vector<int>& chosen(std::size_t position) const;
  [[nodiscard]] bool right(std::size_t position) const;
  [[nodiscard]] int score() const;
  [[nodiscard]] bool finished() const;

 private:
  std::vector<std::size_t> questions_;
  std::string document_;
  std::vector<std::optional<std::vector<int>>> chosen_;
  std::vector<bool> right_;
};

}  // namespace kiosk::firmware
