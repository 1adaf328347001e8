// Quiz logic: seeded draws (reproducible, no repeats, balanced across documents and types),
// scoring of single and multiple choice, a visitor's run.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "firmware/quiz/quiz.h"

namespace kiosk::firmware {
namespace {

std::vector<Question> make_bank() {
  std::vector<Question> bank;
  const char* documents[] = {"a", "b", "c", "d", "e"};
  const QuestionType types[] = {QuestionType::kSingle, QuestionType::kMultiple,
                                QuestionType::kTrueFalse, QuestionType::kFillBlank};
  int n = 0;
  for (const char* document : documents) {
    for (int k = 0; k < 12; ++k) {
      Question question;
      question.id = std::string(document) + "-" + std::to_string(k);
      question.document = document;
      question.type = types[k % 4];
      question.generated = question.type == QuestionType::kFillBlank;
      question.choices = {"甲", "乙", "丙", "丁"};
      question.correct = question.type == QuestionType::kMultiple ? std::vector<int>{0, 2}
                                                                  : std::vector<int>{n % 4};
      bank.push_back(question);
      ++n;
    }
  }
  return bank;
}

TEST(QuizDraw, TheSameSeedGivesTheSameQuizAndAnotherSeedAnother) {
  const auto bank = make_bank();
  DrawOptions options;
  EXPECT_EQ(draw_questions(bank, options, 42), draw_questions(bank, options, 42));
  std::set<std::vector<std::size_t>> quizzes;
  for (std::uint64_t seed = 0; seed < 50; ++seed)
    quizzes.insert(draw_questions(bank, options, seed));
  EXPECT_GT(quizzes.size(), 40U);
}

TEST(QuizDraw, NoRepeatsAndBalancedAcrossDocuments) {
  const auto bank = make_bank();
  for (std::uint64_t seed = 0; seed < 200; ++seed) {
    DrawOptions options;
    options.count = 10;
    const auto drawn = draw_questions(bank, options, seed);
    ASSERT_EQ(drawn.size(), 10U);
    EXPECT_EQ(std::set<std::size_t>(drawn.begin(), drawn.end()).size(), drawn.size())
        << "seed " << seed;
    std::map<std::string, int> per_document;
    for (std::size_t index : drawn) ++per_document[bank[index].document];
    for (const auto& [document, count] : per_document) EXPECT_EQ(count, 2) << "seed " << seed;
  }
}

TEST(QuizDraw, ADocumentsQuizMixesItsTypes) {
  const auto bank = make_bank();
  DrawOptions options;
  options.count = 4;
  options.document = "c";
  const auto drawn = draw_questions(bank, options, 7);
  std::set<QuestionType> types;
  for (std::size_t index : drawn) {
    EXPECT_EQ(bank[index].document, "c");
    types.insert(bank[index].type);
  }
  EXPECT_EQ(types.size(), 4U);
}

TEST(QuizDraw, GeneratedQuestionsCanBeSwitchedOffAndSmallBanksGiveWhatTheyHave) {
  const auto bank = make_bank();
  DrawOptions options;
  options.count = 100;
  options.include_generated = false;
  const auto drawn = draw_questions(bank, options, 3);
  EXPECT_EQ(drawn.size(), 45U);  // 5 documents × 9 authored questions
  for (std::size_t index : drawn) EXPECT_FALSE(bank[index].generated);
}

TEST(QuizScoring, SingleAndMultipleChoice) {
  Question single;
  single.correct = {2};
  EXPECT_TRUE(is_correct(single, {2}));
  EXPECT_FALSE(is_correct(single, {1}));
  EXPECT_FALSE(is_correct(single, {}));
  Question multiple;
  multiple.correct = {0, 3};
  EXPECT_TRUE(is_correct(multiple, {3, 0}));
  EXPECT_FALSE(is_correct(multiple, {0}));
  EXPECT_FALSE(is_correct(multiple, {0, 1, 3}));
}

TEST(QuizRunTest, EachQuestionIsAnsweredOnceAndTheScoreCounts) {
  const auto bank = make_bank();
  QuizRun run({0, 1, 2}, "");
  EXPECT_FALSE(run.finished());
  EXPECT_EQ(run.answer(0, bank[0], bank[0].correct), true);
  EXPECT_EQ(run.answer(0, bank[0], {3}), false) << "a second answer is ignored";
  EXPECT_TRUE(run.right(0));
  EXPECT_FALSE(run.answer(1, bank[1], {0}));
  EXPECT_TRUE(run.answer(2, bank[2], bank[2].correct));
  EXPECT_TRUE(run.finished());
  EXPECT_EQ(run.score(), 2);
}

}  // namespace
}  // namespace kiosk::firmware
