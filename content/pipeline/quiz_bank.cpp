// The quiz's question bank (content/quiz/questions.csv, documented in content/quiz/README.md):
// the format checks when it is read, the content checks against the imported documents, and
// build_quiz, which is what `kioskpack build` runs. A quiz that teaches a wrong fact is worse
// than none, so every check names the file, line and column of the field at fault, and every
// mistake in the bank is reported at once: an editor fixes them in one pass.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <tuple>

#include "content/pipeline/csv.h"
#include "content/pipeline/importer_text.h"
#include "content/pipeline/pipeline.h"

namespace kiosk::content {

namespace {

constexpr std::array<const char*, kQuizColumnCount> kHeader = {
    "id", "document", "node", "type", "question", "choices", "answer", "explanation", "quote"};
constexpr std::size_t kMinChoices = 2;
constexpr std::size_t kMaxChoices = 6;
constexpr std::string_view kGeneratedIdPrefix = "gen-";
constexpr std::string_view kParagraphPrefix = "段";
constexpr std::string_view kBlank = "____";
constexpr std::string_view kEllipsis = "……";

std::string header_line() {
  std::string line;
  for (const char* name : kHeader) line += (line.empty() ? "" : ",") + std::string(name);
  return line;
}

// Surrounding spaces are a spreadsheet's accident, never meant: ASCII whitespace and the
// ideographic space are trimmed from every field (and from each choice).
std::string trim(std::string_view text) {
  constexpr std::string_view kIdeographicSpace = "\u3000";
  for (bool changed = true; changed;) {
    changed = false;
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())) != 0) {
      text.remove_prefix(1);
      changed = true;
    }
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())) != 0) {
      text.remove_suffix(1);
      changed = true;
    }
    if (text.substr(0, kIdeographicSpace.size()) == kIdeographicSpace) {
      text.remove_prefix(kIdeographicSpace.size());
      changed = true;
    }
    if (text.size() >= kIdeographicSpace.size() &&
        text.substr(text.size() - kIdeographicSpace.size()) == kIdeographicSpace) {
      text.remove_suffix(kIdeographicSpace.size());
      changed = true;
    }
  }
  return std::string(text);
}

std::vector<std::string> split_choices(const std::string& field) {
  std::vector<std::string> choices;
  std::size_t begin = 0;
  for (;;) {
    const std::size_t bar = field.find('|', begin);
    choices.push_back(trim(std::string_view(field).substr(begin, bar - begin)));
    if (bar == std::string::npos) break;
    begin = bar + 1;
  }
  return choices;
}

std::string letter(std::size_t index) { return std::string(1, static_cast<char>('A' + index)); }

// All of them, one a line, in the order of the file (format and content checks each go through
// it once; their findings are merged by position).
Error report(std::vector<Diagnostic> problems) {
  std::stable_sort(problems.begin(), problems.end(), [](const auto& a, const auto& b) {
    return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
  });
  std::string out;
  for (const auto& problem : problems) out += (out.empty() ? "" : "\n") + problem.to_string();
  return Error{out};
}

std::optional<QuizType> authored_type(const std::string& name) {
  // fill-blank is the generator's: an editor's question always has choices to tap.
  for (QuizType type : {QuizType::kSingle, QuizType::kMultiple, QuizType::kTrueFalse}) {
    if (name == to_string(type)) return type;
  }
  return std::nullopt;
}

// [SECTION] The header

std::optional<std::string> check_header(const csv::Record& header, const std::string& file) {
  const auto at = [&](int line, int column, const std::string& message) {
    return Diagnostic{file, line, column,
                      message + " (the first line must be exactly: " + header_line() + ")"}
        .to_string();
  };
  const auto& fields = header.fields;
  for (std::size_t i = 0; i < kQuizColumnCount; ++i) {
    if (i >= fields.size()) {
      std::string missing;
      for (std::size_t k = i; k < kQuizColumnCount; ++k) {
        missing += (missing.empty() ? "'" : ", '") + std::string(kHeader[k]) + "'";
      }
      return at(header.end_line, header.end_column,
                "the header lacks the column" + std::string(kQuizColumnCount - i > 1 ? "s " : " ") +
                    missing);
    }
    const csv::Field& field = fields[i];
    if (field.text == kHeader[i]) continue;
    if (i + 1 < kQuizColumnCount && field.text == kHeader[i + 1]) {
      return at(field.line, field.column,
                "the header lacks the column '" + std::string(kHeader[i]) + "' before '" +
                    field.text + "'");
    }
    return at(field.line, field.column,
              "the header has '" + field.text + "' where the column '" + kHeader[i] + "' belongs");
  }
  if (fields.size() > kQuizColumnCount) {
    const csv::Field& extra = fields[kQuizColumnCount];
    return at(extra.line, extra.column, "the header has an unexpected column '" + extra.text + "'");
  }
  return std::nullopt;
}

// [SECTION] One row

class RowReader {
 public:
  RowReader(const std::string& file, std::vector<Diagnostic>& errors,
            std::map<std::string, int>& id_lines)
      : file_(file), errors_(errors), id_lines_(id_lines) {}

  std::optional<QuizQuestion> read(const csv::Record& record) {
    QuizQuestion q;
    q.file = file_;
    q.line = record.line;
    const auto& fields = record.fields;
    if (fields.size() != kQuizColumnCount) {
      if (fields.size() > kQuizColumnCount) {
        const csv::Field& extra = fields[kQuizColumnCount];
        fail(extra.line, extra.column,
             std::to_string(fields.size()) + " fields where the header has " +
                 std::to_string(kQuizColumnCount) +
                 ": a comma too many, or a field with a comma that needs quote marks");
      } else {
        fail(record.end_line, record.end_column,
             std::to_string(fields.size()) + " fields where the header has " +
                 std::to_string(kQuizColumnCount) + ": the row ends before '" +
                 kHeader[fields.size()] + "'");
      }
      return std::nullopt;
    }
    for (std::size_t i = 0; i < kQuizColumnCount; ++i) {
      q.positions[i] = {fields[i].line, fields[i].column};
    }
    const auto text = [&](QuizColumn column) {
      return trim(fields[static_cast<std::size_t>(column)].text);
    };
    const std::size_t errors_before = errors_.size();

    q.id = text(QuizColumn::kId);
    check_id(q);
    q.document = text(QuizColumn::kDocument);
    if (q.document.empty()) fail(q, QuizColumn::kDocument, "the document is empty");
    q.node = text(QuizColumn::kNode);
    if (q.node.empty()) fail(q, QuizColumn::kNode, "the cited node is empty");

    const std::string type_name = text(QuizColumn::kType);
    const auto type = authored_type(type_name);
    if (!type) {
      fail(q, QuizColumn::kType,
           "unknown type '" + type_name + "' (expected single, multiple or true-false)");
    } else {
      q.type = *type;
    }
    q.question = text(QuizColumn::kQuestion);
    if (q.question.empty()) fail(q, QuizColumn::kQuestion, "the question is empty");

    const bool choices_ok = read_choices(q, text(QuizColumn::kChoices), type);
    read_answer(q, text(QuizColumn::kAnswer), type, choices_ok);

    q.explanation = text(QuizColumn::kExplanation);
    q.quote = text(QuizColumn::kQuote);
    if (q.quote.empty()) {
      fail(q, QuizColumn::kQuote,
           "the quote is empty: copy the words of the cited section that support the answer");
    }
    if (errors_.size() != errors_before) return std::nullopt;
    return q;
  }

 private:
  void fail(int line, int column, const std::string& message) {
    errors_.push_back(Diagnostic{file_, line, column, message});
  }
  void fail(const QuizQuestion& q, QuizColumn column, std::string message) {
    errors_.push_back(q.at(column, std::move(message)));
  }

  void check_id(const QuizQuestion& q) {
    if (q.id.empty()) {
      fail(q, QuizColumn::kId, "the id is empty");
      return;
    }
    const bool well_formed = std::all_of(q.id.begin(), q.id.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-';
    });
    if (!well_formed) {
      fail(q, QuizColumn::kId, "the id '" + q.id + "' may hold only letters, digits and '-'");
      return;
    }
    if (q.id.compare(0, kGeneratedIdPrefix.size(), kGeneratedIdPrefix) == 0) {
      fail(q, QuizColumn::kId,
           "the id '" + q.id + "' starts with 'gen-', which is kept for generated questions");
      return;
    }
    const auto [first, inserted] = id_lines_.emplace(q.id, q.line);
    if (!inserted) {
      fail(
          q, QuizColumn::kId,
          "duplicate id '" + q.id + "' (first used on line " + std::to_string(first->second) + ")");
    }
  }

  bool read_choices(QuizQuestion& q, const std::string& field, std::optional<QuizType> type) {
    q.choices = split_choices(field);
    if (q.choices.size() < kMinChoices || q.choices.size() > kMaxChoices) {
      fail(q, QuizColumn::kChoices,
           "a question needs 2 to 6 choices, separated by |; this one has " +
               std::to_string(field.empty() ? 0 : q.choices.size()));
      return false;
    }
    for (std::size_t i = 0; i < q.choices.size(); ++i) {
      if (q.choices[i].empty()) {
        fail(q, QuizColumn::kChoices, "choice " + letter(i) + " is empty");
        return false;
      }
      for (std::size_t k = 0; k < i; ++k) {
        if (q.choices[k] == q.choices[i]) {
          fail(q, QuizColumn::kChoices,
               "choices " + letter(k) + " and " + letter(i) + " are the same: '" + q.choices[i] +
                   "'");
          return false;
        }
      }
    }
    if (type == QuizType::kTrueFalse && q.choices != std::vector<std::string>{"正确", "错误"}) {
      // The kiosk shows true/false questions with their own buttons, in this order.
      fail(q, QuizColumn::kChoices, "a true-false question's choices are 正确|错误");
      return false;
    }
    return true;
  }

  void read_answer(QuizQuestion& q, const std::string& answer, std::optional<QuizType> type,
                   bool choices_ok) {
    if (answer.empty()) {
      fail(q, QuizColumn::kAnswer, "the answer is empty: name the right choice by letter (A, B…)");
      return;
    }
    std::set<int> letters;
    for (const char c : answer) {
      if (c < 'A' || c > 'Z') {
        fail(q, QuizColumn::kAnswer,
             "the answer '" + answer +
                 "' must be capital letters only, A for the first choice (e.g. B, or AC)");
        return;
      }
      const int index = c - 'A';
      if (!letters.insert(index).second) {
        fail(q, QuizColumn::kAnswer,
             "the answer '" + answer + "' names " + std::string(1, c) + " twice");
        return;
      }
      if (choices_ok && static_cast<std::size_t>(index) >= q.choices.size()) {
        fail(q, QuizColumn::kAnswer,
             "the answer '" + answer + "' names " + std::string(1, c) + ", but there are only " +
                 std::to_string(q.choices.size()) + " choices (A–" + letter(q.choices.size() - 1) +
                 ")");
        return;
      }
    }
    q.correct.assign(letters.begin(), letters.end());
    if (!type) return;
    if (*type == QuizType::kMultiple && letters.size() < 2) {
      fail(q, QuizColumn::kAnswer,
           "a multiple question needs at least two right choices (e.g. AC); the answer is '" +
               answer + "'");
    } else if (*type != QuizType::kMultiple && letters.size() != 1) {
      fail(q, QuizColumn::kAnswer,
           "a " + std::string(to_string(*type)) + " question has one right choice; the answer '" +
               answer + "' names " + std::to_string(letters.size()));
    }
  }

  const std::string& file_;
  std::vector<Diagnostic>& errors_;
  std::map<std::string, int>& id_lines_;
};

// [SECTION] Finding the cited node

bool holds_quote(const Node& node, std::string_view quote) {
  if (node.heading.find(quote) != std::string::npos) return true;
  if (node.kind == NodeKind::kParagraph && node.text.find(quote) != std::string::npos) return true;
  return std::any_of(node.children.begin(), node.children.end(),
                     [&](const Node& child) { return holds_quote(child, quote); });
}

void numbered_with_label(const std::vector<Node>& nodes, const std::string& label,
                         std::vector<const Node*>& out) {
  for (const Node& node : nodes) {
    if (node.kind != NodeKind::kParagraph && node.label == label) out.push_back(&node);
    numbered_with_label(node.children, label, out);
  }
}

// "段3" -> 3; 0 when the citation is not of that form.
int paragraph_number(const std::string& node) {
  if (node.compare(0, kParagraphPrefix.size(), kParagraphPrefix) != 0) return 0;
  const std::string digits = node.substr(kParagraphPrefix.size());
  if (digits.empty() || digits.size() > 4 ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return 0;
  }
  return std::stoi(digits);
}

// Where in the document the quote is, as a citation an editor can copy ("二、（三）", "段2"),
// for the message when it is not where the row says.
std::optional<std::string> locate_quote(const ImportedDocument& document,
                                        const std::string& quote) {
  int paragraphs = 0;
  for (const Node& node : document.nodes) {
    if (node.kind == NodeKind::kParagraph) {
      ++paragraphs;
      if (node.text.find(quote) != std::string::npos) {
        return std::string(kParagraphPrefix) + std::to_string(paragraphs);
      }
      continue;
    }
    // The deepest numbered node that holds it, with the labels above it for context.
    if (!holds_quote(node, quote)) continue;
    std::string path = node.label;
    const Node* at = &node;
    for (bool deeper = true; deeper;) {
      deeper = false;
      for (const Node& child : at->children) {
        if (child.kind != NodeKind::kParagraph && holds_quote(child, quote)) {
          at = &child;
          path += child.label;
          deeper = true;
          break;
        }
      }
    }
    return path;
  }
  return std::nullopt;
}

std::string quote_hint(const ImportedDocument& document, const std::string& quote) {
  if (auto where = locate_quote(document, quote)) return " (it is in " + *where + ")";
  std::string hint = " (nor anywhere else in " + document.metadata.slug;
  if (quote.find_first_of(",;:?!()") != std::string::npos) {
    hint += "; the quote has ASCII punctuation where the document has full-width ，；：？！（）";
  }
  return hint + ": copy it from `kioskpack inspect FILE --doc " + document.metadata.slug +
         " --text`)";
}

}  // namespace

// [SECTION] Names and diagnostics

const char* to_string(QuizType type) {
  switch (type) {
    case QuizType::kSingle:
      return "single";
    case QuizType::kMultiple:
      return "multiple";
    case QuizType::kTrueFalse:
      return "true-false";
    case QuizType::kFillBlank:
      return "fill-blank";
  }
  return "single";
}

const char* to_string(QuizColumn column) { return kHeader.at(static_cast<std::size_t>(column)); }

Diagnostic QuizQuestion::at(QuizColumn column, std::string message) const {
  const auto& [field_line, field_column] = positions.at(static_cast<std::size_t>(column));
  return Diagnostic{file, field_line > 0 ? field_line : line, field_column, std::move(message)};
}

// [SECTION] Reading the bank

namespace {

// The records after a checked header; an error for what stops the reading altogether.
Result<std::vector<csv::Record>> read_records(std::string_view text, const std::string& file) {
  auto records = csv::parse(text, file);
  if (!records) return Error{records.error()};
  if (records->empty()) {
    return Error{Diagnostic{file, 1, 1,
                            "the file is empty: the first line must be the header " + header_line()}
                     .to_string()};
  }
  if (auto bad_header = check_header(records->front(), file)) return Error{*bad_header};
  records->erase(records->begin());
  return records;
}

// The rows that pass the format checks; the problems of the others.
std::vector<QuizQuestion> read_rows(const std::vector<csv::Record>& records,
                                    const std::string& file, std::vector<Diagnostic>& problems) {
  std::map<std::string, int> id_lines;
  RowReader reader(file, problems, id_lines);
  std::vector<QuizQuestion> bank;
  for (const csv::Record& record : records) {
    // A spreadsheet saves rows it once touched as ",,,,,,,,": nothing was meant there.
    const bool empty = std::all_of(record.fields.begin(), record.fields.end(),
                                   [](const csv::Field& f) { return trim(f.text).empty(); });
    if (empty) continue;
    if (auto question = reader.read(record)) bank.push_back(std::move(*question));
  }
  return bank;
}

Result<std::string> read_whole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{Diagnostic{path, 0, 0, "cannot read the file"}.to_string()};
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

}  // namespace

Result<std::vector<QuizQuestion>> parse_question_bank(std::string_view text,
                                                      const std::string& file) {
  auto records = read_records(text, file);
  if (!records) return Error{records.error()};
  std::vector<Diagnostic> problems;
  auto bank = read_rows(records.value(), file, problems);
  if (!problems.empty()) return report(std::move(problems));
  return bank;
}

Result<std::vector<QuizQuestion>> load_question_bank(const std::string& path) {
  auto text = read_whole(path);
  if (!text) return Error{text.error()};
  return parse_question_bank(text.value(), path);
}

// [SECTION] Checking the bank against the documents

namespace {

// find_cited_node, with the problem as a Diagnostic.
const Node* cite(const ImportedDocument& document, const QuizQuestion& question,
                 std::optional<Diagnostic>& problem) {
  const std::string& slug = document.metadata.slug;
  if (const int number = paragraph_number(question.node); number > 0) {
    int paragraphs = 0;
    for (const Node& node : document.nodes) {
      if (node.kind != NodeKind::kParagraph || ++paragraphs != number) continue;
      if (node.text.find(question.quote) != std::string::npos) return &node;
      problem = question.at(QuizColumn::kQuote, "the quote is not in " + question.node + " of " +
                                                    slug + quote_hint(document, question.quote));
      return nullptr;
    }
    problem = question.at(QuizColumn::kNode, slug + " has no " + question.node + " (it has " +
                                                 std::to_string(paragraphs) +
                                                 " paragraphs outside numbered sections)");
    return nullptr;
  }
  std::vector<const Node*> candidates;
  numbered_with_label(document.nodes, question.node, candidates);
  if (candidates.empty()) {
    problem = question.at(QuizColumn::kNode,
                          slug + " has no section labelled '" + question.node +
                              "' (write the label as printed: 一、 （一） 第一章 第一条; or 段N "
                              "for the N-th paragraph outside numbered sections)");
    return nullptr;
  }
  for (const Node* node : candidates) {
    if (holds_quote(*node, question.quote)) return node;
  }
  problem = question.at(QuizColumn::kQuote, "the quote is not in " + question.node + " of " + slug +
                                                quote_hint(document, question.quote));
  return nullptr;
}

void check_rows(const std::vector<QuizQuestion>& bank,
                const std::vector<ImportedDocument>& documents, std::vector<Diagnostic>& errors) {
  std::map<std::string, const ImportedDocument*> by_slug;
  std::string slugs;
  for (const ImportedDocument& document : documents) {
    by_slug[document.metadata.slug] = &document;
    slugs += (slugs.empty() ? "" : ", ") + document.metadata.slug;
  }
  std::map<std::string, const QuizQuestion*> ids;
  const auto fail = [&](const QuizQuestion& q, QuizColumn column, const std::string& message) {
    errors.push_back(q.at(column, message));
  };
  for (const QuizQuestion& q : bank) {
    // Loading checked these for a file; a bank put together in code gets the same guarantees.
    if (const auto [first, inserted] = ids.emplace(q.id, &q); !inserted) {
      fail(q, QuizColumn::kId,
           "duplicate id '" + q.id + "' (first used at " + first->second->file + ":" +
               std::to_string(first->second->line) + ")");
    }
    const bool correct_ok =
        !q.correct.empty() && std::all_of(q.correct.begin(), q.correct.end(), [&](int i) {
          return i >= 0 && static_cast<std::size_t>(i) < q.choices.size();
        });
    if (q.choices.size() < kMinChoices || q.choices.size() > kMaxChoices || !correct_ok) {
      fail(q, QuizColumn::kChoices, "2 to 6 choices, and right answers among them, are needed");
      continue;
    }
    const auto found = by_slug.find(q.document);
    if (found == by_slug.end()) {
      fail(q, QuizColumn::kDocument,
           "unknown document '" + q.document + "' (the documents are: " + slugs + ")");
      continue;
    }
    std::optional<Diagnostic> problem;
    if (cite(*found->second, q, problem) == nullptr) {
      errors.push_back(*problem);
      continue;
    }
    const std::set<int> right(q.correct.begin(), q.correct.end());
    const auto in_quote = [&](std::size_t i) {
      return q.quote.find(q.choices[i]) != std::string::npos;
    };
    switch (q.type) {
      case QuizType::kSingle:
        for (std::size_t i = 0; i < q.choices.size(); ++i) {
          const bool is_right = right.count(static_cast<int>(i)) > 0;
          if (is_right && !in_quote(i)) {
            fail(q, QuizColumn::kChoices,
                 "the right choice " + letter(i) + " '" + q.choices[i] +
                     "' is not in the quote, so the quote does not support the answer");
          } else if (!is_right && in_quote(i)) {
            fail(q, QuizColumn::kChoices,
                 "choice " + letter(i) + " '" + q.choices[i] +
                     "' is wrong but its wording is in the quote too: the quote must single out "
                     "the right choice");
          }
        }
        break;
      case QuizType::kMultiple:
        for (int i : q.correct) {
          if (!in_quote(static_cast<std::size_t>(i))) {
            fail(q, QuizColumn::kChoices,
                 "the right choice " + letter(static_cast<std::size_t>(i)) + " '" +
                     q.choices[static_cast<std::size_t>(i)] + "' is not in the quote");
          }
        }
        break;
      case QuizType::kFillBlank: {
        const std::size_t blank = q.question.find(kBlank);
        std::string filled = q.question;
        if (blank != std::string::npos && q.question.find(kBlank, blank + 1) == std::string::npos) {
          filled.replace(blank, kBlank.size(), q.choices[static_cast<std::size_t>(q.correct[0])]);
        }
        // A run of clauses cut from a long sentence is shown with …… where it was cut.
        for (const bool front : {true, false}) {
          const bool cut = filled.size() >= kEllipsis.size() &&
                           (front ? filled.compare(0, kEllipsis.size(), kEllipsis) == 0
                                  : filled.compare(filled.size() - kEllipsis.size(),
                                                   kEllipsis.size(), kEllipsis) == 0);
          if (!cut) continue;
          filled.erase(front ? 0 : filled.size() - kEllipsis.size(), kEllipsis.size());
        }
        if (q.correct.size() != 1 || filled != q.quote) {
          fail(q, QuizColumn::kQuestion,
               "a fill-blank question needs one blank (____) that the right choice fills to "
               "give the quote (with …… where it was cut from a longer sentence)");
        }
        break;
      }
      case QuizType::kTrueFalse:
        break;  // the quote decides; whether it says true or false is the editor's reading
    }
  }
}

}  // namespace

Result<const Node*> find_cited_node(const ImportedDocument& document,
                                    const QuizQuestion& question) {
  std::optional<Diagnostic> problem;
  const Node* node = cite(document, question, problem);
  if (node == nullptr) return Error{problem->to_string()};
  return node;
}

Status check_question_bank(const std::vector<QuizQuestion>& bank,
                           const std::vector<ImportedDocument>& documents) {
  std::vector<Diagnostic> problems;
  check_rows(bank, documents, problems);
  if (!problems.empty()) return report(std::move(problems));
  return Nothing{};
}

// [SECTION] The quiz of a build

Result<QuizBuild> build_quiz(const std::string& source_dir,
                             const std::vector<ImportedDocument>& documents) {
  QuizBuild build;
  const std::filesystem::path bank_path =
      std::filesystem::path(source_dir) / "quiz" / "questions.csv";
  std::error_code error;
  if (std::filesystem::exists(bank_path, error)) {
    build.bank_present = true;
    const std::string file = bank_path.string();
    auto text = read_whole(file);
    if (!text) return Error{text.error()};
    auto records = read_records(text.value(), file);
    if (!records) return Error{records.error()};
    // Format and content problems together, so an editor fixes the whole bank in one pass.
    std::vector<Diagnostic> problems;
    auto bank = read_rows(records.value(), file, problems);
    check_rows(bank, documents, problems);
    if (!problems.empty()) return report(std::move(problems));
    build.questions = std::move(bank);
    build.authored = build.questions.size();
  }
  auto generated = generate_fill_blank_questions(documents, build.generation);
  // The generator's rules imply these checks; running them anyway keeps a generator bug from
  // reaching the wall.
  if (auto checked = check_question_bank(generated, documents); !checked) {
    return Error{"generated questions fail the bank's checks (a bug in quiz_generate.cpp):\n" +
                 checked.error()};
  }
  build.questions.insert(build.questions.end(), std::make_move_iterator(generated.begin()),
                         std::make_move_iterator(generated.end()));
  return build;
}

}  // namespace kiosk::content
