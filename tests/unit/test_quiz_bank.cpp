// The quiz's question bank and generated questions: the CSV reader (edge cases and a fuzz run),
// every format and content check with its exact file:line:column message, a bad bank refused
// by the build (library and command line), fill-in-the-blank generation on small documents
// and on the real ones, and the quiz tables of a written release.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <set>

#include "content/pipeline/csv.h"
#include "content/pipeline/pipeline.h"
#include "firmware/sqlite/sqlite.h"
#include "tests/support/content_nodes.h"
#include "tests/support/test_support.h"

namespace kiosk::content {

namespace sqlite = firmware::sqlite;
namespace {

namespace fs = std::filesystem;

constexpr const char* kHeader = "id,document,node,type,question,choices,answer,explanation,quote";
const std::string kContentDir = std::string(KIOSK_TESTS_DIR) + "/../content";

std::string scratch_dir(const std::string& name) {
  const fs::path dir = fs::path(testing::test_output_dir()) / "quiz" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

// [SECTION] Small documents built by hand

using testing::numbered;
using testing::paragraph;

ImportedDocument document(std::string slug, std::vector<Node> nodes) {
  ImportedDocument doc;
  doc.metadata.slug = std::move(slug);
  doc.metadata.title_zh = "测试文件";
  doc.metadata.title_mn = "ᠮᠣᠩᠭᠣᠯ";
  doc.metadata.issuer = "测试";
  doc.metadata.date = "2024-01-01";
  doc.metadata.source = "demo.txt";
  doc.nodes = std::move(nodes);
  return doc;
}

// Labels repeat the way seed 001's do: （一） in part 一 and again in part 二.
ImportedDocument demo() {
  return document(
      "demo",
      {paragraph(2, "为全面贯彻党的二十大精神，作出如下决定。"),
       numbered(NodeKind::kPart, "一、", 1, "总体要求", 4,
                {paragraph(5, "坚持以铸牢中华民族共同体意识为主线，建设北方重要生态安全屏障。"),
                 numbered(NodeKind::kItem, "（一）", 1, "保护草原森林。", 6,
                          {paragraph(7, "全面落实林长制，持续提升草原森林资源质量。")})}),
       numbered(NodeKind::kPart, "二、", 2, "组织保障", 9,
                {numbered(NodeKind::kItem, "（一）", 1, "加强组织领导。", 10,
                          {paragraph(11, "各级党委要把建设模范自治区摆在突出位置。")})}),
       paragraph(13, "本决定自发布之日起施行。")});
}

std::vector<ImportedDocument> demo_documents() { return {demo()}; }

// [SECTION] The CSV reader

Result<std::vector<csv::Record>> parse_csv(const std::string& text) {
  return csv::parse(text, "t.csv");
}

TEST(QuizCsv, ByteOrderMarkQuotedCommasEscapesLineBreaksAndCrlf) {
  const std::string text =
      "\xEF\xBB\xBF"
      "a,b,c\r\n"
      "\"x, y\",\"他说\"\"好\"\"\",\"第一行\r\n第二行\"\r\n"
      "甲,,\"\"\r\n";
  auto records = parse_csv(text);
  ASSERT_TRUE(records.ok()) << records.error();
  ASSERT_EQ(records->size(), 3U);
  const auto& header = (*records)[0];
  ASSERT_EQ(header.fields.size(), 3U);
  EXPECT_EQ(header.fields[0].text, "a") << "the byte-order mark is not part of the first field";
  EXPECT_EQ(header.fields[0].column, 1);
  const auto& row = (*records)[1];
  ASSERT_EQ(row.fields.size(), 3U);
  EXPECT_EQ(row.fields[0].text, "x, y");
  EXPECT_EQ(row.fields[1].text, "他说\"好\"");
  EXPECT_EQ(row.fields[2].text, "第一行\n第二行") << "CRLF inside quotes becomes one \\n";
  EXPECT_EQ(row.line, 2);
  EXPECT_EQ(row.fields[1].column, 8);
  EXPECT_EQ(row.fields[2].column, 18) << "columns count characters, not bytes";
  const auto& last = (*records)[2];
  EXPECT_EQ(last.line, 4) << "the line break inside quotes counts as a line";
  ASSERT_EQ(last.fields.size(), 3U);
  EXPECT_EQ(last.fields[0].text, "甲");
  EXPECT_EQ(last.fields[1].text, "");
  EXPECT_EQ(last.fields[2].text, "");
  EXPECT_EQ(last.fields[2].column, 4);
}

TEST(QuizCsv, LfCrAndBlankLinesAndNoFinalLineBreak) {
  auto records = parse_csv("a,b\n\n1,2\r3,4\r\n\r\n5,6");
  ASSERT_TRUE(records.ok()) << records.error();
  ASSERT_EQ(records->size(), 4U) << "blank lines are no records";
  EXPECT_EQ((*records)[1].line, 3);
  EXPECT_EQ((*records)[2].line, 4) << "a lone CR ends a line too";
  EXPECT_EQ((*records)[3].fields[1].text, "6");
  EXPECT_EQ((*records)[3].line, 6);
}

TEST(QuizCsv, ErrorsNameLineAndColumn) {
  auto unterminated = parse_csv("a,b\n1,\"二\n三");
  ASSERT_FALSE(unterminated.ok());
  EXPECT_EQ(unterminated.error(),
            "t.csv:2:3: this quoted field is never closed: a quote mark is missing (inside a "
            "quoted field, write \"\" for a quote mark)");
  auto inside = parse_csv("a,b\n一二\"三\",x");
  ASSERT_FALSE(inside.ok());
  EXPECT_EQ(inside.error(),
            "t.csv:2:3: a quote mark inside an unquoted field: put the whole field in quote marks "
            "and write \"\" for this one");
  auto after = parse_csv("a,b\n\"一\"二,x");
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.error(),
            "t.csv:2:4: text after the closing quote mark: quote the whole field and write \"\" "
            "for a quote mark inside it");
  auto invalid = parse_csv("a,b\r\n一二,\xE4\xB8x");
  ASSERT_FALSE(invalid.ok());
  EXPECT_EQ(invalid.error(),
            "t.csv:2:4: invalid UTF-8 (byte 0xE4): save the file as \"CSV UTF-8\"");
}

// A small, fully specified generator, so the fuzz run is the same everywhere.
std::uint64_t next_random(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// Random inputs from the bytes that matter (quotes, commas, line breaks, pieces of UTF-8, bad
// bytes): the reader never crashes, always ends, and what it reads, written back with
// quote_field, reads the same.
TEST(QuizCsv, FuzzNeverCrashesAndRoundTrips) {
  static const std::vector<std::string> kPieces = {"\"",
                                                   ",",
                                                   "\n",
                                                   "\r",
                                                   "\r\n",
                                                   "a",
                                                   " ",
                                                   "一",
                                                   "\xE4\xB8",
                                                   "\xAD",
                                                   "\xFF",
                                                   "\xEF\xBB\xBF",
                                                   "\"\"",
                                                   "|",
                                                   "\xF0\x9F\x98\x80",
                                                   "\xC0\xAF",
                                                   "\xED\xA0\x80",
                                                   std::string(1, '\0')};
  std::uint64_t state = 20240601;
  int parsed = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string input;
    const std::size_t pieces = next_random(state) % 40;
    for (std::size_t i = 0; i < pieces; ++i) input += kPieces[next_random(state) % kPieces.size()];
    auto records = parse_csv(input);
    if (!records) {
      EXPECT_EQ(records.error().rfind("t.csv:", 0), 0U) << records.error();
      continue;
    }
    ++parsed;
    std::string written;
    for (const auto& record : records.value()) {
      ASSERT_FALSE(record.fields.empty());
      for (std::size_t i = 0; i < record.fields.size(); ++i) {
        written += (i == 0 ? "" : ",") + csv::quote_field(record.fields[i].text);
      }
      written += "\n";
    }
    auto again = parse_csv(written);
    ASSERT_TRUE(again.ok()) << again.error();
    // A record of one empty field is a blank line when written back: compare the others.
    std::vector<std::vector<std::string>> first;
    std::vector<std::vector<std::string>> second;
    for (const auto* list : {&records.value(), &again.value()}) {
      auto& out = list == &records.value() ? first : second;
      for (const auto& record : *list) {
        if (record.fields.size() == 1 && record.fields[0].text.empty()) continue;
        std::vector<std::string> texts;
        for (const auto& field : record.fields) texts.push_back(field.text);
        out.push_back(texts);
      }
    }
    ASSERT_EQ(first, second) << "input: " << input;
  }
  EXPECT_GT(parsed, 1000) << "the fuzz inputs should not all be errors";
}

// [SECTION] Format checks

std::string bank(const std::vector<std::string>& rows) {
  std::string text = std::string(kHeader) + "\n";
  for (const auto& row : rows) text += row + "\n";
  return text;
}

std::string error_of(const std::string& text) {
  auto loaded = parse_question_bank(text, "questions.csv");
  return loaded.ok() ? "(no error)" : loaded.error();
}

// Columns: id 1, document 5, node 10, type 13, question 20, choices 24, answer 28,
// explanation 30, quote 33.
constexpr const char* kRow = "a-1,demo,一、,single,问题？,甲|乙,A,解释,原文";

TEST(QuizBankFormat, ReadsAWellFormedBank) {
  const std::string text =
      std::string("\xEF\xBB\xBF") + kHeader +
      "\r\n"
      "a-1,demo,（一）,multiple,\"问题,带逗号\",\"甲|乙|\"\"丙\"\"\",CA, 解释 ,"
      "\"原文\r\n第二行\"\r\n"
      ",,,,,,,,\r\n"
      "b-2,demo,段1,true-false,对吗？,正确|错误,B,,原文\r\n";
  auto loaded = parse_question_bank(text, "questions.csv");
  ASSERT_TRUE(loaded.ok()) << loaded.error();
  ASSERT_EQ(loaded->size(), 2U) << "a spreadsheet's empty row is skipped";
  const QuizQuestion& q = (*loaded)[0];
  EXPECT_EQ(q.id, "a-1");
  EXPECT_EQ(q.document, "demo");
  EXPECT_EQ(q.node, "（一）");
  EXPECT_EQ(q.type, QuizType::kMultiple);
  EXPECT_EQ(q.question, "问题,带逗号");
  EXPECT_EQ(q.choices, (std::vector<std::string>{"甲", "乙", "\"丙\""}));
  EXPECT_EQ(q.correct, (std::vector<int>{0, 2})) << "sorted";
  EXPECT_EQ(q.explanation, "解释") << "trimmed";
  EXPECT_EQ(q.quote, "原文\n第二行");
  EXPECT_FALSE(q.generated);
  EXPECT_EQ(q.file, "questions.csv");
  EXPECT_EQ(q.line, 2);
  EXPECT_EQ(q.positions[static_cast<std::size_t>(QuizColumn::kQuote)],
            (std::pair<int, int>{2, 52}));
  const QuizQuestion& tf = (*loaded)[1];
  EXPECT_EQ(tf.line, 5) << "the quoted line break moved the next rows down";
  EXPECT_EQ(tf.type, QuizType::kTrueFalse);
  EXPECT_EQ(tf.correct, (std::vector<int>{1}));
  EXPECT_EQ(error_of(bank({kRow})), "(no error)");
}

TEST(QuizBankFormat, TheHeaderMustBeExact) {
  const std::string expected = " (the first line must be exactly: " + std::string(kHeader) + ")";
  EXPECT_EQ(error_of("id,document,nod,type,question,choices,answer,explanation,quote\n"),
            "questions.csv:1:13: the header has 'nod' where the column 'node' belongs" + expected);
  EXPECT_EQ(error_of("id,document,type,question,choices,answer,explanation,quote\n"),
            "questions.csv:1:13: the header lacks the column 'node' before 'type'" + expected);
  EXPECT_EQ(error_of("id,document,node,type,question,choices,answer\n"),
            "questions.csv:1:46: the header lacks the columns 'explanation', 'quote'" + expected);
  EXPECT_EQ(error_of(std::string(kHeader) + ",notes\n"),
            "questions.csv:1:65: the header has an unexpected column 'notes'" + expected);
  EXPECT_EQ(error_of(""),
            "questions.csv:1:1: the file is empty: the first line must be the header " +
                std::string(kHeader));
}

TEST(QuizBankFormat, FieldCount) {
  EXPECT_EQ(error_of(bank({"a-1,demo,一、,single,问题？,甲|乙,A,解释"})),
            "questions.csv:2:32: 8 fields where the header has 9: the row ends before 'quote'");
  EXPECT_EQ(error_of(bank({std::string(kRow) + ",多余"})),
            "questions.csv:2:36: 10 fields where the header has 9: a comma too many, or a field "
            "with a comma that needs quote marks");
}

TEST(QuizBankFormat, CsvErrorsComeWithThePosition) {
  EXPECT_EQ(error_of(bank({"a-1,demo,一、,single,\"问题？,甲|乙,A,解释,原文"})),
            "questions.csv:2:20: this quoted field is never closed: a quote mark is missing "
            "(inside a quoted field, write \"\" for a quote mark)");
  EXPECT_EQ(error_of(bank({"a-1,demo,一、,single,问\xFF题？,甲|乙,A,解释,原文"})),
            "questions.csv:2:21: invalid UTF-8 (byte 0xFF): save the file as \"CSV UTF-8\"");
}

TEST(QuizBankFormat, Type) {
  EXPECT_EQ(error_of(bank({"a-1,demo,一、,singel,问题？,甲|乙,A,解释,原文"})),
            "questions.csv:2:13: unknown type 'singel' (expected single, multiple or true-false)");
  EXPECT_EQ(error_of(bank({"a-1,demo,一、,fill-blank,问题？,甲|乙,A,解释,原文"})),
            "questions.csv:2:13: unknown type 'fill-blank' (expected single, multiple or "
            "true-false)");
}

TEST(QuizBankFormat, Ids) {
  EXPECT_EQ(error_of(bank({",demo,一、,single,问题？,甲|乙,A,解释,原文"})),
            "questions.csv:2:1: the id is empty");
  EXPECT_EQ(error_of(bank({"a_1,demo,一、,single,问题？,甲|乙,A,解释,原文"})),
            "questions.csv:2:1: the id 'a_1' may hold only letters, digits and '-'");
  EXPECT_EQ(error_of(bank({"gen-1,demo,一、,single,问题？,甲|乙,A,解释,原文"})),
            "questions.csv:2:1: the id 'gen-1' starts with 'gen-', which is kept for generated "
            "questions");
  EXPECT_EQ(error_of(bank({kRow, "b-1,demo,一、,single,问题？,甲|乙,A,解释,原文", kRow})),
            "questions.csv:4:1: duplicate id 'a-1' (first used on line 2)");
}

TEST(QuizBankFormat, Choices) {
  EXPECT_EQ(error_of(bank({"a-1,demo,一、,single,问题？,甲,A,解释,原文"})),
            "questions.csv:2:24: a question needs 2 to 6 choices, separated by |; this one has 1");
  EXPECT_EQ(error_of(bank({"a-1,demo,一、,single,问题？,1|2|3|4|5|6|7,A,解释,原文"})),
            "questions.csv:2:24: a question needs 2 to 6 choices, separated by |; this one has 7");
  EXPECT_EQ(error_of(bank({"a-1,demo,一、,single,问题？,1|2|3|4|5|6,F,解释,原文"})), "(no error)");
  EXPECT_EQ(error_of(bank({"a-1,demo,一、,single,问题？,,A,解释,原文"})),
            "questions.csv:2:24: a question needs 2 to 6 choices, separated by |; this one has 0");
  EXPECT_EQ(error_of(bank({"a-1,demo,一、,single,问题？,甲||乙,A,解释,原文"})),
            "questions.csv:2:24: choice B is empty");
  EXPECT_EQ(error_of(bank({"a-1,demo,一、,single,问题？,甲|乙|甲,A,解释,原文"})),
            "questions.csv:2:24: choices A and C are the same: '甲'");
  EXPECT_EQ(error_of(bank({"a-1,demo,一、,true-false,问题？,对|错,A,解释,原文"})),
            "questions.csv:2:28: a true-false question's choices are 正确|错误");
}

TEST(QuizBankFormat, AnswerLettersAndTheirNumber) {
  EXPECT_EQ(error_of(bank({"a-1,demo,一、,single,问题？,甲|乙,,解释,原文"})),
            "questions.csv:2:28: the answer is empty: name the right choice by letter (A, B…)");
  EXPECT_EQ(error_of(bank({"a-1,demo,一、,single,问题？,甲|乙,a,解释,原文"})),
            "questions.csv:2:28: the answer 'a' must be capital letters only, A for the first "
            "choice (e.g. B, or AC)");
  EXPECT_EQ(error_of(bank({"a-1,demo,一、,single,问题？,甲|乙,C,解释,原文"})),
            "questions.csv:2:28: the answer 'C' names C, but there are only 2 choices (A–B)");
  EXPECT_EQ(error_of(bank({"a-1,demo,一、,multiple,问题？,甲|乙,AA,解释,原文"})),
            "questions.csv:2:30: the answer 'AA' names A twice");
  EXPECT_EQ(error_of(bank({"a-1,demo,一、,single,问题？,甲|乙,AB,解释,原文"})),
            "questions.csv:2:28: a single question has one right choice; the answer 'AB' names 2");
  EXPECT_EQ(error_of(bank({"a-1,demo,一、,true-false,问题？,正确|错误,AB,解释,原文"})),
            "questions.csv:2:34: a true-false question has one right choice; the answer 'AB' "
            "names 2");
  EXPECT_EQ(error_of(bank({"a-1,demo,一、,multiple,问题？,甲|乙|丙,B,解释,原文"})),
            "questions.csv:2:32: a multiple question needs at least two right choices (e.g. AC); "
            "the answer is 'B'");
}

TEST(QuizBankFormat, EmptyQuestionQuoteDocumentNode) {
  EXPECT_EQ(error_of(bank({"a-1,demo,一、,single,,甲|乙,A,解释,原文"})),
            "questions.csv:2:20: the question is empty");
  EXPECT_EQ(error_of(bank({"a-1,demo,一、,single,问题？,甲|乙,A,解释,"})),
            "questions.csv:2:33: the quote is empty: copy the words of the cited section that "
            "support the answer");
  EXPECT_EQ(error_of(bank({"a-1,,一、,single,问题？,甲|乙,A,解释,原文"})),
            "questions.csv:2:5: the document is empty");
  EXPECT_EQ(error_of(bank({"a-1,demo,,single,问题？,甲|乙,A,解释,原文"})),
            "questions.csv:2:10: the cited node is empty");
}

TEST(QuizBankFormat, EveryMistakeIsReportedWithTheLineOfItsField) {
  // The question spans lines 2-3, so the fields after it stand on line 3.
  const std::string text = bank({"a-1,demo,一、,singel,\"两行\n的问题\",甲,A,解释,原文", kRow});
  EXPECT_EQ(error_of(text),
            "questions.csv:2:13: unknown type 'singel' (expected single, multiple or true-false)\n"
            "questions.csv:3:6: a question needs 2 to 6 choices, separated by |; this one has 1\n"
            "questions.csv:4:1: duplicate id 'a-1' (first used on line 2)");
}

TEST(QuizBankFormat, LoadsFromAFile) {
  const std::string dir = scratch_dir("load");
  testing::write_file(dir + "/questions.csv", bank({kRow}));
  auto loaded = load_question_bank(dir + "/questions.csv");
  ASSERT_TRUE(loaded.ok()) << loaded.error();
  EXPECT_EQ(loaded->size(), 1U);
  auto missing = load_question_bank(dir + "/none.csv");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error(), dir + "/none.csv: cannot read the file");
}

// [SECTION] Content checks

std::string check(const std::string& row) {
  auto loaded = parse_question_bank(bank({row}), "questions.csv");
  if (!loaded) return "format: " + loaded.error();
  auto checked = check_question_bank(loaded.value(), demo_documents());
  return checked.ok() ? "(no error)" : checked.error();
}

TEST(QuizBankContent, AQuoteInTheCitedNodePasses) {
  // In the heading, in a paragraph below, in a top-level paragraph (段N).
  EXPECT_EQ(check("a-1,demo,一、,single,问题？,总体|部分,A,,总体要求"), "(no error)");
  EXPECT_EQ(check("a-1,demo,一、,single,问题？,林长制|河长制,A,,全面落实林长制"), "(no error)");
  EXPECT_EQ(check("a-1,demo,段2,single,问题？,发布之日|明年,A,,本决定自发布之日起施行。"),
            "(no error)");
  EXPECT_EQ(check("a-1,demo,段1,true-false,问题？,正确|错误,A,,二十大精神"), "(no error)");
  EXPECT_EQ(check("a-1,demo,（一）,multiple,问题？,草原|森林|海洋,AB,,草原森林资源"), "(no error)");
}

TEST(QuizBankContent, ARepeatedLabelIsDecidedByTheQuote) {
  auto loaded = parse_question_bank(
      bank({"a-1,demo,（一）,single,问题？,突出|次要,A,,摆在突出位置"}), "questions.csv");
  ASSERT_TRUE(loaded.ok()) << loaded.error();
  const ImportedDocument doc = demo();
  ASSERT_TRUE(check_question_bank(loaded.value(), {doc}).ok());
  auto cited = find_cited_node(doc, loaded->front());
  ASSERT_TRUE(cited.ok()) << cited.error();
  EXPECT_EQ(cited.value(), &doc.nodes[2].children[0]) << "the （一） of part 二, not of part 一";
}

TEST(QuizBankContent, AWrongQuoteIsRefused) {
  EXPECT_EQ(check("a-1,demo,一、,single,问题？,突出|次要,A,,摆在突出位置"),
            "questions.csv:2:33: the quote is not in 一、 of demo (it is in 二、（一）)");
  EXPECT_EQ(check("a-1,demo,（一）,single,问题？,突出|次要,A,,摆在非常突出位置"),
            "questions.csv:2:34: the quote is not in （一） of demo (nor anywhere else in demo: "
            "copy it from `kioskpack inspect FILE --doc demo --text`)");
  EXPECT_EQ(check("a-1,demo,段1,single,问题？,精神|决定,A,,\"贯彻党的二十大精神,作出\""),
            "questions.csv:2:33: the quote is not in 段1 of demo (nor anywhere else in demo; the "
            "quote has ASCII punctuation where the document has full-width ，；：？！（）: copy it "
            "from `kioskpack inspect FILE --doc demo --text`)");
  EXPECT_EQ(check("a-1,demo,段2,single,问题？,精神|决定,A,,二十大精神"),
            "questions.csv:2:33: the quote is not in 段2 of demo (it is in 段1)");
}

TEST(QuizBankContent, UnknownDocumentAndNode) {
  EXPECT_EQ(check("a-1,other,一、,single,问题？,总体|部分,A,,总体要求"),
            "questions.csv:2:5: unknown document 'other' (the documents are: demo)");
  EXPECT_EQ(check("a-1,demo,三、,single,问题？,总体|部分,A,,总体要求"),
            "questions.csv:2:10: demo has no section labelled '三、' (write the label as printed: "
            "一、 （一） 第一章 第一条; or 段N for the N-th paragraph outside numbered sections)");
  EXPECT_EQ(check("a-1,demo,段3,single,问题？,总体|部分,A,,总体要求"),
            "questions.csv:2:10: demo has no 段3 (it has 2 paragraphs outside numbered sections)");
}

TEST(QuizBankContent, SingleChoiceWordingAgainstTheQuote) {
  EXPECT_EQ(check("a-1,demo,一、,single,问题？,屏障|基地,B,,建设北方重要生态安全屏障"),
            "questions.csv:2:24: choice A '屏障' is wrong but its wording is in the quote too: the "
            "quote must single out the right choice\n"
            "questions.csv:2:24: the right choice B '基地' is not in the quote, so the quote does "
            "not support the answer");
  EXPECT_EQ(check("a-1,demo,一、,single,问题？,生态安全屏障|生态,A,,建设北方重要生态安全屏障"),
            "questions.csv:2:24: choice B '生态' is wrong but its wording is in the quote too: the "
            "quote must single out the right choice");
}

TEST(QuizBankContent, MultipleChoiceRightChoicesInTheQuote) {
  EXPECT_EQ(check("a-1,demo,（一）,multiple,问题？,草原|森林|河流,AC,,草原森林资源"),
            "questions.csv:2:27: the right choice C '河流' is not in the quote");
}

TEST(QuizBankContent, FillBlankQuestionsMustGiveTheQuote) {
  QuizQuestion q;
  q.id = "gen-x";
  q.document = "demo";
  q.node = "（一）";
  q.type = QuizType::kFillBlank;
  q.question = "全面落实____，持续提升草原森林资源质量。";
  q.choices = {"林长制", "河长制", "路长制"};
  q.correct = {0};
  q.quote = "全面落实林长制，持续提升草原森林资源质量。";
  q.file = "generated:demo";
  q.line = 7;
  EXPECT_TRUE(check_question_bank({q}, demo_documents()).ok());
  q.correct = {1};
  auto wrong = check_question_bank({q}, demo_documents());
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error(),
            "generated:demo:7: a fill-blank question needs one blank (____) that the right choice "
            "fills to give the quote (with …… where it was cut from a longer sentence)");
}

// [SECTION] A bad bank never produces a release

// The parts of content/ a build reads, copied, with `bank` as quiz/questions.csv.
std::string content_copy(const std::string& name, const std::string& bank_text) {
  const std::string dir = scratch_dir(name) + "/content";
  fs::create_directories(dir + "/quiz");
  for (const char* part : {"documents", "sources"}) {
    fs::copy(kContentDir + "/" + part, dir + "/" + part, fs::copy_options::recursive);
  }
  for (const char* file : {"ui_strings.toml", "release.toml"}) {
    fs::copy_file(kContentDir + "/" + file, dir + "/" + file);
  }
  testing::write_file(dir + "/quiz/questions.csv", bank_text);
  return dir;
}

std::vector<ImportedDocument> import_all(const std::string& dir) {
  auto tree = load_source_tree(dir);
  EXPECT_TRUE(tree.ok()) << tree.error();
  std::vector<ImportedDocument> documents;
  if (!tree) return documents;
  ImportReport report;
  for (const auto& source : tree->documents) {
    auto imported = import_document(source.metadata, source.source_text, report);
    EXPECT_TRUE(imported.ok()) << imported.error();
    if (imported) documents.push_back(std::move(imported.value()));
  }
  return documents;
}

// A row citing item （十一） of seed 000 with a quote from part 三.
const std::string kWrongQuoteRow =
    "bad-1,model-region-decision,（十一）,single,几大任务？,五大任务|三大任务,A,,"
    "落实习近平总书记交给内蒙古的五大任务";

TEST(QuizBuild, BuildQuizRefusesABankWithAWrongQuote) {
  const std::string dir = content_copy("library", bank({kWrongQuoteRow}));
  const auto documents = import_all(dir);
  ASSERT_EQ(documents.size(), 5U);
  auto quiz = build_quiz(dir, documents);
  ASSERT_FALSE(quiz.ok()) << "the build goes on to write_release only with a quiz";
  EXPECT_EQ(quiz.error().rfind(dir + "/quiz/questions.csv:2:", 0), 0U) << quiz.error();
  EXPECT_NE(quiz.error().find(": the quote is not in （十一） of model-region-decision"),
            std::string::npos)
      << quiz.error();

  // Format and content problems are reported together, in the order of the file.
  testing::write_file(
      dir + "/quiz/questions.csv",
      bank({kWrongQuoteRow, "ok-1,model-region-decision,三、,singel,问题？,甲|乙,A,,五大任务"}));
  auto both = build_quiz(dir, documents);
  ASSERT_FALSE(both.ok());
  const std::string file = dir + "/quiz/questions.csv";
  EXPECT_EQ(both.error(),
            file +
                ":2:60: the quote is not in （十一） of model-region-decision (it is in 三、)\n" +
                file + ":3:31: unknown type 'singel' (expected single, multiple or true-false)");

  // Without the bank, the same documents give the generated questions alone.
  fs::remove(dir + "/quiz/questions.csv");
  auto generated_only = build_quiz(dir, documents);
  ASSERT_TRUE(generated_only.ok()) << generated_only.error();
  EXPECT_FALSE(generated_only->bank_present);
  EXPECT_EQ(generated_only->authored, 0U);
  EXPECT_GE(generated_only->questions.size(), 100U);
}

int run_command(const std::string& command) {
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(QuizBuild, KioskpackBuildExitsOneAndLeavesTheReleaseUntouched) {
  const std::string dir = content_copy("cli", bank({kWrongQuoteRow}));
  const std::string out = fs::path(dir).parent_path().string();
  const std::string release = out + "/content.db";
  testing::write_file(release, "the release on the kiosk");
  const std::string command = std::string(KIOSKPACK) + " build " + dir + " -o " + release + " >" +
                              out + "/stdout.txt 2>" + out + "/stderr.txt";
  EXPECT_EQ(run_command(command), 1);
  EXPECT_EQ(testing::read_file(release), "the release on the kiosk");
  const std::string stderr_text = testing::read_file(out + "/stderr.txt");
  EXPECT_NE(stderr_text.find(dir + "/quiz/questions.csv:2:"), std::string::npos) << stderr_text;
  EXPECT_NE(stderr_text.find("no release written"), std::string::npos) << stderr_text;
  for (const auto& entry : fs::directory_iterator(out)) {
    EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos)
        << "a temporary file was left: " << entry.path();
  }
}

// The editor's bank, when there is one, passes the checks against the real documents.
TEST(QuizBuild, TheRealBankAndGeneratedQuestionsPass) {
  const auto documents = import_all(kContentDir);
  auto quiz = build_quiz(kContentDir, documents);
  ASSERT_TRUE(quiz.ok()) << quiz.error();
  if (quiz->bank_present) {
    EXPECT_GT(quiz->authored, 0U);
    std::set<std::string> slugs;
    for (std::size_t i = 0; i < quiz->authored; ++i) slugs.insert(quiz->questions[i].document);
    std::printf("questions.csv: %zu questions over %zu documents\n", quiz->authored, slugs.size());
  }
}

// [SECTION] Generated questions on small documents

std::vector<QuizQuestion> generate(const std::vector<ImportedDocument>& documents,
                                   GenerationReport& report) {
  return generate_fill_blank_questions(documents, report);
}

// Five numbered key phrases of one length, each in a part of its own.
ImportedDocument five_phrases() {
  return document(
      "five",
      {numbered(NodeKind::kPart, "一、", 1, "", 1,
                {paragraph(2, "全区上下要深刻领悟“两个确立”的决定性意义，坚定拥护党的领导。")}),
       numbered(NodeKind::kPart, "二、", 2, "", 3,
                {paragraph(4, "各级党组织要不断增强“四个意识”，自觉在思想上同党中央保持一致。")}),
       numbered(NodeKind::kPart, "三、", 3, "", 5,
                {paragraph(6, "广大干部要始终坚定“四个自信”，以昂扬姿态奋进新征程。")}),
       numbered(NodeKind::kPart, "四、", 4, "", 7,
                {paragraph(8, "全区各族干部群众要坚决做到“两个维护”，始终忠诚于党。")}),
       paragraph(9, "努力完成总书记交给内蒙古的“五大任务”，奋力书写新篇章。")});
}

TEST(QuizGenerate, OneQuestionPerKeyPhraseWithThreeDistractors) {
  GenerationReport report;
  const auto questions = generate({five_phrases()}, report);
  ASSERT_EQ(questions.size(), 5U) << report.summary();
  const std::set<std::string> phrases = {"两个确立", "四个意识", "四个自信", "两个维护",
                                         "五大任务"};
  const QuizQuestion& first = questions[0];
  EXPECT_EQ(first.question, "全区上下要深刻领悟“____”的决定性意义，坚定拥护党的领导。");
  EXPECT_EQ(first.quote, "全区上下要深刻领悟“两个确立”的决定性意义，坚定拥护党的领导。");
  EXPECT_EQ(first.explanation, "原文：" + first.quote);
  EXPECT_EQ(first.node, "一、");
  EXPECT_EQ(first.document, "five");
  EXPECT_EQ(first.type, QuizType::kFillBlank);
  EXPECT_TRUE(first.generated);
  EXPECT_EQ(first.id.rfind("gen-five-", 0), 0U) << first.id;
  EXPECT_EQ(questions[4].node, "段1") << "a top-level paragraph is cited as 段N";
  std::vector<int> answer_positions(4, 0);
  for (const QuizQuestion& q : questions) {
    ASSERT_EQ(q.choices.size(), 4U);
    ASSERT_EQ(q.correct.size(), 1U);
    const std::string& answer = q.choices[static_cast<std::size_t>(q.correct[0])];
    EXPECT_NE(q.quote.find("“" + answer + "”"), std::string::npos) << q.quote;
    for (const auto& choice : q.choices) {
      EXPECT_EQ(phrases.count(choice), 1U) << "distractors are the document's key phrases";
      if (choice != answer) {
        EXPECT_EQ(q.quote.find(choice), std::string::npos);
      }
    }
    ++answer_positions[static_cast<std::size_t>(q.correct[0])];
  }
  EXPECT_TRUE(check_question_bank(questions, {five_phrases()}).ok());
  EXPECT_EQ(report.generated(), 5);
  ASSERT_EQ(report.documents.size(), 1U);
  EXPECT_EQ(report.documents[0].key_phrases, 5);
  EXPECT_EQ(report.documents[0].occurrences, 5);

  // Deterministic: the same documents, the same questions.
  GenerationReport again_report;
  const auto again = generate({five_phrases()}, again_report);
  ASSERT_EQ(again.size(), questions.size());
  for (std::size_t i = 0; i < again.size(); ++i) {
    EXPECT_EQ(again[i].id, questions[i].id);
    EXPECT_EQ(again[i].choices, questions[i].choices);
  }
}

// 四个意识 and 四个自信 stand in the same sentence: each fits the other's blank. With only
// four key phrases, setting it aside leaves two distractors, so both questions are dropped.
TEST(QuizGenerate, ADistractorThatFitsTheBlankDropsTheQuestion) {
  const ImportedDocument doc = document(
      "fit",
      {numbered(NodeKind::kPart, "一、", 1, "", 1,
                {paragraph(2, "各级党组织要不断增强“四个意识”，自觉在思想上同党中央保持一致。")}),
       numbered(NodeKind::kPart, "二、", 2, "", 3,
                {paragraph(4, "各级党组织要不断增强“四个自信”，自觉在思想上同党中央保持一致。")}),
       numbered(NodeKind::kPart, "三、", 3, "", 5,
                {paragraph(6, "全区各族干部群众要坚决做到“两个维护”，始终忠诚于党。")}),
       numbered(NodeKind::kPart, "四、", 4, "", 7,
                {paragraph(8, "全区上下要深刻领悟“两个确立”的决定性意义，坚定拥护党的领导。")})});
  GenerationReport report;
  const auto questions = generate({doc}, report);
  EXPECT_EQ(report.distractor_fits, 2) << report.summary();
  EXPECT_EQ(report.distractors_set_aside, 2);
  ASSERT_EQ(questions.size(), 2U) << report.summary();
  EXPECT_EQ(questions[0].quote, "全区各族干部群众要坚决做到“两个维护”，始终忠诚于党。");
  EXPECT_EQ(questions[1].quote, "全区上下要深刻领悟“两个确立”的决定性意义，坚定拥护党的领导。");
}

// The same two characters before the quote marks elsewhere: 推进“科技兴蒙” / 推进“放管服”.
TEST(QuizGenerate, ADistractorUsedInTheSameWayElsewhereIsSetAside) {
  const ImportedDocument doc = document(
      "usage",
      {numbered(NodeKind::kPart, "一、", 1, "", 1,
                {paragraph(2, "强化科技和人才支撑，深入推进“科技兴蒙”行动，加强平台建设。")}),
       numbered(NodeKind::kPart, "二、", 2, "", 3,
                {paragraph(4, "持续推进“放管服”改革，优化营商环境。")}),
       numbered(NodeKind::kPart, "三、", 3, "", 5,
                {paragraph(6, "坚持和发展新时代“枫桥经验”，畅通群众诉求表达渠道。")}),
       numbered(NodeKind::kPart, "四、", 4, "", 7,
                {paragraph(8, "实施“数字边防”工程，提高边境管控能力。")}),
       numbered(NodeKind::kPart, "五、", 5, "", 9,
                {paragraph(10, "加强“北疆文化”品牌建设，丰富群众精神生活。")})});
  GenerationReport report;
  const auto questions = generate({doc}, report);
  ASSERT_FALSE(questions.empty()) << report.summary();
  const QuizQuestion& q = questions[0];
  ASSERT_EQ(q.quote, "强化科技和人才支撑，深入推进“科技兴蒙”行动，加强平台建设。");
  EXPECT_EQ(std::count(q.choices.begin(), q.choices.end(), "放管服"), 0)
      << "推进“放管服” is used in the document";
  EXPECT_EQ(q.choices.size(), 4U);
  EXPECT_GE(report.distractors_set_aside, 1);
}

TEST(QuizGenerate, TheOtherFilters) {
  const ImportedDocument doc = document(
      "filters",
      {numbered(NodeKind::kPart, "一、", 1, "", 1,
                {paragraph(2, "坚决做到“两个维护”。"),  // too short
                 paragraph(3, "要做到“两个维护”，就要时时处处“两个维护”，始终如一。")}),
       numbered(NodeKind::kPart, "二、", 2, "", 4,
                {paragraph(4, "突出“融”字，推进“两个确立”深入人心，让各族群众更加团结。"),
                 paragraph(5, "突出“融”字，推进“两个确立”深入人心，让各族群众更加团结。")}),
       numbered(NodeKind::kPart, "三、", 3, "", 6,
                {paragraph(7, "各级党组织要不断增强“四个意识”，自觉在思想上同党中央保持一致。"),
                 paragraph(8, "广大干部要始终坚定“四个自信”，以昂扬姿态奋进新征程。")})});
  GenerationReport report;
  const auto questions = generate({doc}, report);
  EXPECT_EQ(report.sentence_length, 1) << report.summary();
  EXPECT_EQ(report.phrase_repeated, 2) << report.summary();
  EXPECT_EQ(report.phrase_unsuitable, 2) << "“融” twice";
  EXPECT_EQ(report.sentence_used, 1) << "the repeated paragraph";
  // 四个意识 and 四个自信 share their part: neither may be the other's distractor, which leaves
  // each with two (两个维护, 两个确立).
  EXPECT_EQ(report.too_few_distractors, 2) << report.summary();
  ASSERT_EQ(questions.size(), 1U) << report.summary();
  EXPECT_EQ(questions[0].quote, "突出“融”字，推进“两个确立”深入人心，让各族群众更加团结。");
  EXPECT_EQ(report.documents.at(0).occurrences, 9);
}

// A sentence over 90 characters gives the run of its clauses around the phrase that fits,
// with …… where it was cut; the quote is those words, verbatim.
TEST(QuizGenerate, ALongSentenceGivesARunOfClauses) {
  const std::string long_sentence =
      "坚持以铸牢中华民族共同体意识为主线，加强和改进党的民族工作，不断巩固和发展民族团结大局，"
      "丰富拓展“模范自治区”的内涵和外延，努力把这块金字招牌擦得更亮，推动各民族共同团结奋斗、"
      "共同繁荣发展，为建设现代化国家贡献力量，书写新时代的崭新篇章。";
  ImportedDocument doc = five_phrases();
  // Distractors of its kind come from other parts: 书香内蒙古, 最后一公里, 北疆文化.
  doc.nodes.push_back(numbered(NodeKind::kPart, "五、", 5, "", 20, {paragraph(21, long_sentence)}));
  doc.nodes.push_back(numbered(NodeKind::kPart, "六、", 6, "", 22,
                               {paragraph(23, "推动“书香内蒙古”建设，打造全民阅读的良好氛围。")}));
  doc.nodes.push_back(numbered(NodeKind::kPart, "七、", 7, "", 24,
                               {paragraph(25, "抓好基层党组织这个“最后一公里”，夯实基础。")}));
  doc.nodes.push_back(numbered(NodeKind::kPart, "八、", 8, "", 26,
                               {paragraph(27, "打造“北疆文化”品牌，丰富群众精神文化生活。")}));
  GenerationReport report;
  const auto questions = generate({doc}, report);
  const QuizQuestion* cut = nullptr;
  for (const auto& q : questions) {
    if (q.quote.find("模范自治区") != std::string::npos) cut = &q;
  }
  ASSERT_NE(cut, nullptr) << report.summary();
  EXPECT_EQ(cut->question.rfind("……", 0), 0U) << cut->question;
  EXPECT_EQ(cut->question.substr(cut->question.size() - std::string("……").size()), "……");
  EXPECT_NE(long_sentence.find(cut->quote), std::string::npos);
  EXPECT_LE(testing::to_utf32(cut->quote).size(), 90U);
  EXPECT_GE(testing::to_utf32(cut->quote).size(), 30U);
  EXPECT_EQ(cut->node, "五、");
  EXPECT_TRUE(check_question_bank(questions, {doc}).ok());
}

// [SECTION] Generated questions from the five documents

TEST(QuizGenerate, TheRealDocumentsGiveAtLeastOneHundred) {
  const auto documents = import_all(kContentDir);
  ASSERT_EQ(documents.size(), 5U);
  GenerationReport report;
  const auto questions = generate(documents, report);
  std::printf("%s\n", report.summary().c_str());
  EXPECT_GE(questions.size(), 100U);
  EXPECT_EQ(report.generated(), static_cast<int>(questions.size()));
  ASSERT_EQ(report.documents.size(), 5U);
  for (const auto& counts : report.documents) {
    EXPECT_GT(counts.generated, 0) << counts.slug;
  }
  // Every candidate is either a question or counted under one reason.
  EXPECT_EQ(report.occurrences(), report.generated() + report.phrase_unsuitable +
                                      report.sentence_length + report.phrase_repeated +
                                      report.sentence_used + report.too_few_distractors +
                                      report.distractor_fits);
  auto checked = check_question_bank(questions, documents);
  EXPECT_TRUE(checked.ok()) << checked.error();
  std::set<std::string> ids;
  std::set<std::string> quotes;
  for (const QuizQuestion& q : questions) {
    EXPECT_TRUE(ids.insert(q.id).second) << q.id;
    EXPECT_TRUE(quotes.insert(q.quote).second) << "one question a sentence: " << q.quote;
    ASSERT_EQ(q.choices.size(), 4U);
    const std::string& answer = q.choices.at(static_cast<std::size_t>(q.correct.at(0)));
    for (const auto& choice : q.choices) {
      if (choice != answer) {
        EXPECT_EQ(q.quote.find(choice), std::string::npos) << q.id;
      }
    }
    const std::size_t length = testing::to_utf32(q.quote).size();
    EXPECT_GE(length, 15U) << q.quote;
    EXPECT_LE(length, 90U) << q.quote;
  }
}

// [SECTION] The release's quiz tables

Release quiz_release() {
  Release release;
  release.documents = {five_phrases(), demo()};
  release.documents[1].metadata.display_order = 1;
  GenerationReport report;
  release.quiz = generate({release.documents[0]}, report);
  auto authored =
      parse_question_bank(bank({"a-1,demo,（一）,single,问题？,突出|次要,A,解释,摆在突出位置",
                                "a-2,demo,段2,true-false,本决定自发布之日起施行吗？,正确|错误,A,,"
                                "本决定自发布之日起施行"}),
                          "questions.csv");
  EXPECT_TRUE(authored.ok()) << authored.error();
  if (authored) release.quiz.insert(release.quiz.begin(), authored->begin(), authored->end());
  release.fonts = {{"NotoSansCJK-Regular", KIOSK_FONT_CJK, 2, {"Hani", "Latn", "Zyyy"}},
                   {"NotoSansMongolian-Regular", KIOSK_FONT_MONGOLIAN, 0, {"Mong"}}};
  return release;
}

std::string query_one(sqlite3* db, const std::string& sql) {
  auto statement = sqlite::Statement::prepare(db, sql);
  if (!statement) return "error: " + statement.error();
  if (!statement->next_row()) return "no row";
  return statement->text(0);
}

TEST(QuizRelease, QuestionsAndChoicesWithTheCitedNode) {
  const std::string dir = scratch_dir("release");
  ReleaseOptions options;
  options.built_at = 1700000000;
  const Release release = quiz_release();
  auto written = write_release(release, dir + "/a.db", options);
  ASSERT_TRUE(written.ok()) << written.error();
  auto again = write_release(quiz_release(), dir + "/b.db", options);
  ASSERT_TRUE(again.ok()) << again.error();
  EXPECT_TRUE(testing::read_file(dir + "/a.db") == testing::read_file(dir + "/b.db"))
      << "reproducible with a quiz";

  auto opened = sqlite::open_database(dir + "/a.db", SQLITE_OPEN_READONLY);
  ASSERT_TRUE(opened.ok()) << opened.error();
  sqlite3* db = opened->get();
  EXPECT_EQ(query_one(db, "PRAGMA foreign_key_check"), "no row");
  EXPECT_EQ(query_one(db, "SELECT count(*) FROM quiz_questions"),
            std::to_string(release.quiz.size()));
  EXPECT_EQ(query_one(db, "SELECT count(*) FROM quiz_questions WHERE generated = 1"), "5");
  // The repeated label: the （一） of part 二 (its heading is 加强组织领导).
  EXPECT_EQ(
      query_one(db,
                "SELECT n.heading || '|' || q.node_label || '|' || d.slug FROM quiz_questions q "
                "JOIN nodes n ON n.id = q.node_id JOIN documents d ON d.id = q.document_id "
                "WHERE q.id = 'a-1'"),
      "加强组织领导。|（一）|demo");
  EXPECT_EQ(query_one(db,
                      "SELECT p.text FROM quiz_questions q JOIN paragraphs p ON p.node_id = "
                      "q.node_id WHERE q.id = 'a-2'"),
            "本决定自发布之日起施行。");
  EXPECT_EQ(query_one(db,
                      "SELECT group_concat(text || ':' || correct, ' ') FROM (SELECT * FROM "
                      "quiz_choices WHERE question_id = 'a-2' ORDER BY position)"),
            "正确:1 错误:0");
  EXPECT_EQ(query_one(db, "SELECT type || '|' || explanation FROM quiz_questions WHERE id = 'a-1'"),
            "single|解释");
  // Every generated question cites the part its sentence is in and has one right choice.
  EXPECT_EQ(query_one(db,
                      "SELECT count(*) FROM quiz_questions q JOIN nodes n ON n.id = q.node_id "
                      "WHERE q.generated = 1 AND q.type = 'fill-blank' AND (n.label = q.node_label "
                      "OR q.node_label LIKE '段%') AND (SELECT sum(correct) FROM quiz_choices c "
                      "WHERE c.question_id = q.id) = 1"),
            "5");
}

TEST(QuizRelease, AQuestionThatCannotBePlacedIsRefused) {
  Release release = quiz_release();
  release.quiz[0].quote = "不在文件中的话";
  const std::string dir = scratch_dir("refused");
  auto written = write_release(release, dir + "/content.db", {});
  ASSERT_FALSE(written.ok());
  EXPECT_NE(written.error().find("quiz question a-1: questions.csv:2:"), std::string::npos)
      << written.error();
  EXPECT_FALSE(fs::exists(dir + "/content.db"));
}

}  // namespace
}  // namespace kiosk::content
