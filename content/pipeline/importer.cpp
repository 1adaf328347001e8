// The importer: one source document in, a cleaned and structured ImportedDocument out.
//
// It runs in four stages, each a section below:
//   1. line rules: drop whole lines that are not the document (routing slip, letterhead, a
//      title that duplicates the metadata, reprint notes) and inline noise (continuation
//      markers, markdown emphasis);
//   2. paragraphs: join lines hard-wrapped at newspaper column width and paragraphs split by a
//      page break, so every block is one heading or one paragraph;
//   3. structure: parts 一、, items （一）, chapters 第一章, articles 第一条, with their numbering
//      checked, and the responsible units 责任单位 of items moved into an attribute;
//   4. punctuation: ASCII punctuation between Chinese characters becomes full width.
//
// Every change beyond joining lines and trimming line ends is an entry of the ImportReport,
// with the exact text, so that the document's characters equal the source's minus what the
// report lists (tests/unit/test_fidelity.cpp checks this for every seed).
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <optional>
#include <utility>

#include "content/pipeline/importer_text.h"
#include "content/pipeline/pipeline.h"
#include "content/pipeline/reading_order.h"
#include "content/pipeline/source_formats.h"

namespace kiosk::content {

namespace {

using importer::Position;
using importer::Text;
using Kind = ReportEntry::Kind;

// [SECTION] Diagnostics and report entries

Error error_at(const std::string& file, Position where, const std::string& message) {
  return Error{Diagnostic{file, where.line, where.column, message}.to_string()};
}

// Collects the report entries of one document; they reach the caller's report only when the
// import succeeds, in source order.
class Recorder {
 public:
  explicit Recorder(std::string file) : file_(std::move(file)) {}

  [[nodiscard]] const std::string& file() const { return file_; }

  void add(Kind kind, int line, const std::string& rule, std::string text,
           std::string replacement = {}) {
    entries_.push_back(
        ReportEntry{kind, file_, line, rule, std::move(text), std::move(replacement)});
  }
  void removed(int line, const std::string& rule, std::string text) {
    add(Kind::kRemoved, line, rule, std::move(text));
  }
  // A guess the editor should check: what was found, and what to do.
  void ambiguity(Position where, const std::string& rule, std::string what, std::string todo) {
    add(Kind::kAmbiguity, where.line, rule, std::move(what), std::move(todo));
    entries_.back().column = where.column;
  }

  void move_into(ImportReport& report) {
    std::stable_sort(entries_.begin(), entries_.end(),
                     [](const ReportEntry& a, const ReportEntry& b) { return a.line < b.line; });
    for (ReportEntry& entry : entries_) report.add(std::move(entry));
    entries_.clear();
  }

 private:
  std::string file_;
  std::vector<ReportEntry> entries_;
};

// [SECTION] Labels of numbered headings

struct Label {
  NodeKind kind = NodeKind::kParagraph;
  int ordinal = 0;
  std::size_t length = 0;  // characters the label takes, e.g. 3 for "(一)"
};

std::size_t numeral_end(std::u32string_view text, std::size_t from) {
  while (from < text.size() && importer::is_chinese_digit(text[from])) ++from;
  return from;
}

int arabic_digit(char32_t c) {
  if (c >= U'0' && c <= U'9') return static_cast<int>(c - U'0');
  if (c >= U'０' && c <= U'９') return static_cast<int>(c - U'０');
  return -1;
}

// Arabic numerals of one or two digits at `from`: the value and where they end (0 when none).
std::pair<int, std::size_t> arabic_number(std::u32string_view text, std::size_t from) {
  int value = 0;
  std::size_t at = from;
  while (at < text.size() && at - from < 3 && arabic_digit(text[at]) >= 0) {
    value = value * 10 + arabic_digit(text[at]);
    ++at;
  }
  if (at == from || at - from > 2 || value == 0) return {0, from};
  return {value, at};
}

// "第一章" and the like: 编 book, 章 chapter, 节 section, 条 article, 部分 part.
std::optional<Label> ordinal_label(std::u32string_view text) {
  const std::size_t end = numeral_end(text, 1);
  if (end == 1 || end >= text.size()) return std::nullopt;
  const int ordinal = importer::parse_chinese_number(text.substr(1, end - 1));
  if (ordinal == 0) return std::nullopt;
  switch (text[end]) {
    case U'编':
      return Label{NodeKind::kBook, ordinal, end + 1};
    case U'章':
      return Label{NodeKind::kChapter, ordinal, end + 1};
    case U'节':
      return Label{NodeKind::kSection, ordinal, end + 1};
    case U'条':
      return Label{NodeKind::kArticle, ordinal, end + 1};
    case U'部':
      if (end + 1 < text.size() && text[end + 1] == U'分') {
        return Label{NodeKind::kPart, ordinal, end + 2};
      }
      break;
    default:
      break;
  }
  return std::nullopt;
}

// "（一）"/"(一)" item, "（1）"/"(1)" subpoint.
std::optional<Label> bracketed_label(std::u32string_view text) {
  const std::size_t end = numeral_end(text, 1);
  if (end > 1 && end < text.size() && (text[end] == U'）' || text[end] == U')')) {
    const int ordinal = importer::parse_chinese_number(text.substr(1, end - 1));
    if (ordinal != 0) return Label{NodeKind::kItem, ordinal, end + 1};
  }
  const auto [value, digits_end] = arabic_number(text, 1);
  if (value > 0 && digits_end < text.size() &&
      (text[digits_end] == U'）' || text[digits_end] == U')')) {
    return Label{NodeKind::kSubpoint, value, digits_end + 1};
  }
  return std::nullopt;
}

// The label at the start of `text`: "第一编", "第一章", "第一节", "第一条", "第一部分", "一、"
// (part), "（一）" (item), "1." or "1．" or "1、" (point), "（1）" (subpoint). Numbering is
// what makes a heading: a sentence's wording never does.
std::optional<Label> parse_label(std::u32string_view text) {
  if (text.size() < 2) return std::nullopt;
  if (text[0] == U'第') return ordinal_label(text);
  if (text[0] == U'（' || text[0] == U'(') return bracketed_label(text);
  const std::size_t end = numeral_end(text, 0);
  if (end > 0 && end < text.size() && text[end] == U'、') {
    const int ordinal = importer::parse_chinese_number(text.substr(0, end));
    if (ordinal != 0) return Label{NodeKind::kPart, ordinal, end + 1};
    return std::nullopt;
  }
  const auto [value, digits_end] = arabic_number(text, 0);
  // "1." but not "1.5亿" or a line that is only "1.".
  if (value > 0 && digits_end + 1 < text.size() &&
      (text[digits_end] == U'.' || text[digits_end] == U'．' || text[digits_end] == U'、') &&
      arabic_digit(text[digits_end + 1]) < 0) {
    return Label{NodeKind::kPoint, value, digits_end + 1};
  }
  return std::nullopt;
}

// A label as the document displays it (full-width brackets), for messages.
std::string display_label(NodeKind kind, int ordinal) {
  const std::string number = importer::to_utf8(importer::chinese_number(ordinal));
  const std::string digits = std::to_string(ordinal);
  switch (kind) {
    case NodeKind::kPart:
      return number + "、";
    case NodeKind::kItem:
      return "（" + number + "）";
    case NodeKind::kBook:
      return "第" + number + "编";
    case NodeKind::kChapter:
      return "第" + number + "章";
    case NodeKind::kSection:
      return "第" + number + "节";
    case NodeKind::kArticle:
      return "第" + number + "条";
    case NodeKind::kPoint:
      return digits + ".";
    case NodeKind::kSubpoint:
      return "（" + digits + "）";
    case NodeKind::kParagraph:
    case NodeKind::kHeading:
      break;
  }
  return number;
}

// Headings whose text is a title (as opposed to items and articles, whose text is body text).
bool is_section_kind(NodeKind kind) {
  return kind == NodeKind::kPart || kind == NodeKind::kChapter || kind == NodeKind::kBook ||
         kind == NodeKind::kSection || kind == NodeKind::kHeading;
}

// How deep a heading of this kind nests: a heading closes every open heading of the same or a
// deeper rank and opens inside the nearest shallower one. Articles and parts are peers (a
// chapter holds either), items sit in either.
int rank(NodeKind kind) {
  switch (kind) {
    case NodeKind::kBook:
      return 0;
    case NodeKind::kChapter:
    case NodeKind::kHeading:
      return 1;
    case NodeKind::kSection:
      return 2;
    case NodeKind::kPart:
    case NodeKind::kArticle:
      return 3;
    case NodeKind::kItem:
      return 4;
    case NodeKind::kPoint:
      return 5;
    case NodeKind::kSubpoint:
      return 6;
    case NodeKind::kParagraph:
      break;
  }
  return 7;
}

// [SECTION] Sentences and brackets

// The index of the bracket that opens the one closing at `close`, brackets of any shape
// counted together (scanned sources mix "（" with ")"); npos when unbalanced.
std::size_t matching_open(std::u32string_view text, std::size_t close) {
  int depth = 0;
  for (std::size_t at = close + 1; at-- > 0;) {
    if (importer::is_closing_bracket(text[at])) ++depth;
    if (importer::is_opening_bracket(text[at]) && --depth == 0) return at;
  }
  return std::u32string_view::npos;
}

// Whether text ends a sentence: with 。！？；…, or with a bracket or quote that closes right
// after one ("…。”") or that encloses a whole sentence ("(…通过)", "。〔责任单位：…〕").
bool ends_sentence(std::u32string_view text) {
  while (true) {  // a loop, not recursion: "()()()…" must not exhaust the stack
    while (!text.empty() && importer::is_space(text.back())) text.remove_suffix(1);
    if (text.empty()) return true;
    const char32_t last = text.back();
    if (importer::is_sentence_final(last)) return true;
    if (!importer::is_closing_bracket(last)) return false;
    if (text.size() >= 2 && importer::is_sentence_final(text[text.size() - 2])) return true;
    const std::size_t open = matching_open(text, text.size() - 1);
    if (open == std::u32string_view::npos) return false;
    if (open == 0) return true;
    text = text.substr(0, open);
  }
}

// The end of the first sentence (just past 。！？ outside brackets and quotes), or npos.
std::size_t first_sentence_end(std::u32string_view text) {
  int depth = 0;
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (importer::is_opening_bracket(text[at])) ++depth;
    if (importer::is_closing_bracket(text[at]) && depth > 0) --depth;
    if (depth == 0 && (text[at] == U'。' || text[at] == U'！' || text[at] == U'？')) return at + 1;
  }
  return std::u32string_view::npos;
}

bool has_clause_punctuation(std::u32string_view text) {
  return std::any_of(text.begin(), text.end(), importer::is_clause_punctuation);
}

// [SECTION] Stage 1: line rules

struct SourceLine {
  int number = 0;
  Text text;               // trimmed
  bool blank = false;      // whitespace only in the source: separates paragraphs
  bool removed = false;    // dropped by a rule: neither text nor separator any more
  bool indented = false;   // started with an ideographic space or two spaces or a tab
  int markdown_level = 0;  // 1..6 for a Markdown heading ("## 第一章 总则"), else 0
  ParagraphRole role = ParagraphRole::kBody;
  [[nodiscard]] bool has_text() const { return !blank && !removed; }
};

// Dashes of subtitles and folio lines: ——, —, －, -, ─, ―, –.
bool is_dash(char32_t c) {
  return c == U'—' || c == U'－' || c == U'-' || c == U'─' || c == U'―' || c == U'–';
}

// "2024年6月4日", "二〇二四年六月四日", "（2018年1月2日）", "2024-06-04": a date and nothing else.
bool is_date_line(std::u32string_view text) {
  if (!text.empty() && importer::is_opening_bracket(text.front()) &&
      importer::is_closing_bracket(text.back())) {
    text = text.substr(1, text.size() - 2);
  }
  std::u32string compact;
  for (const char32_t c : text) {
    if (!importer::is_space(c)) compact.push_back(c);
  }
  if (compact.size() < 6 || compact.size() > 16 || compact.back() != U'日') return false;
  const std::size_t year = compact.find(U'年');
  const std::size_t month = compact.find(U'月');
  if (year == std::u32string::npos || month == std::u32string::npos || month < year) return false;
  return std::all_of(compact.begin(), compact.end(), [](char32_t c) {
    return arabic_digit(c) >= 0 || importer::is_chinese_digit(c) || c == U'年' || c == U'月' ||
           c == U'日';
  });
}

// A line that has no punctuation but brackets, and so cannot be running text.
bool unpunctuated(std::u32string_view text) {
  return std::none_of(text.begin(), text.end(), importer::is_clause_punctuation);
}

bool ends_with_colon(std::u32string_view text) {
  return !text.empty() && (text.back() == U'：' || text.back() == U':');
}

// A line consisting of traditional Mongolian script: in a Chinese document, the letterhead's
// Mongolian name mangled by text extraction.
bool is_mongolian_line(const Text& text) {
  const auto& chars = text.chars();
  const bool only_mongolian = std::all_of(chars.begin(), chars.end(), [](char32_t c) {
    return importer::is_mongolian(c) || importer::is_space(c);
  });
  return only_mongolian && std::any_of(chars.begin(), chars.end(), importer::is_mongolian);
}

// The title as compared with the metadata: without spaces, markdown heading marks, book-title
// marks and quotes, with ASCII brackets as full width (seed 003's title line has stray spaces,
// seed 004's is a markdown heading, seed 002's stands in 《》).
std::u32string title_key(std::u32string_view text) {
  std::size_t at = 0;
  while (at < text.size() && (text[at] == U'#' || importer::is_space(text[at]))) ++at;
  std::u32string key;
  for (; at < text.size(); ++at) {
    const char32_t c = text[at];
    if (importer::is_space(c) ||
        std::u32string_view(U"《》〈〉“”\"").find(c) != std::u32string_view::npos) {
      continue;
    }
    key.push_back(c == U'(' ? U'（' : c == U')' ? U'）' : c);
  }
  return key;
}

// The title as found, for the preview and the corpus: without spaces (a letter-spaced "政 府 工
// 作 报 告" or a title set on two lines), Markdown's "#", and 《》 only when they enclose it all.
std::u32string displayed_title(std::u32string_view text) {
  std::u32string out;
  for (const char32_t c : text) {
    if (!importer::is_space(c) && !(out.empty() && c == U'#')) out.push_back(c);
  }
  if (out.size() >= 2 && out.front() == U'《' && out.back() == U'》' &&
      out.find(U'》') == out.size() - 1) {
    out = out.substr(1, out.size() - 2);
  }
  return out;
}

std::size_t skip_spaces(std::u32string_view text, std::size_t at) {
  while (at < text.size() && importer::is_space(text[at])) ++at;
  return at;
}

bool is_marker_bullet(char32_t c) { return c == U'■' || c == U'□' || c == U'▲' || c == U'◆'; }

// A page-continuation marker at `at` and where it ends: （上接第二版）, (上接1版), （下转第二版）,
// （转第3版）, （接第4版）, ■下转第2版, (下转3版), （下转第5页）. Unbracketed, it needs a
// bullet (■) in front, or `whole_line`: "下转第2版" inside a sentence would be text.
std::optional<std::size_t> continuation_marker_at(std::u32string_view text, std::size_t at,
                                                  bool whole_line = false) {
  std::size_t i = at;
  const bool bullet = is_marker_bullet(text[i]);
  if (bullet) i = skip_spaces(text, i + 1);
  const bool bracketed = i < text.size() && (text[i] == U'（' || text[i] == U'(');
  if (!bracketed && !bullet && !(whole_line && at == 0)) return std::nullopt;
  if (bracketed) i = skip_spaces(text, i + 1);
  if (i < text.size() && (text[i] == U'上' || text[i] == U'下')) ++i;
  if (i >= text.size() || (text[i] != U'接' && text[i] != U'转')) return std::nullopt;
  i = skip_spaces(text, i + 1);
  if (i < text.size() && text[i] == U'第') ++i;
  const std::size_t number_begin = i;
  while (i < text.size() && (importer::is_chinese_digit(text[i]) || arabic_digit(text[i]) >= 0)) {
    ++i;
  }
  if (i == number_begin || i >= text.size() || (text[i] != U'版' && text[i] != U'页')) {
    return std::nullopt;
  }
  i = skip_spaces(text, i + 1);
  if (bracketed) {
    if (i >= text.size() || (text[i] != U'）' && text[i] != U')')) return std::nullopt;
    ++i;
  }
  if (!bracketed && !bullet && skip_spaces(text, i) != text.size()) return std::nullopt;
  return i;
}

// A folio line: "— 2 —", "-3-", "第 4 页", "第4页 共12页", or a page number alone.
bool is_folio_line(std::u32string_view text) {
  std::u32string compact;
  for (const char32_t c : text) {
    if (!importer::is_space(c)) compact.push_back(c);
  }
  std::size_t at = 0;
  auto digits = [&] {
    const std::size_t begin = at;
    while (at < compact.size() && arabic_digit(compact[at]) >= 0) ++at;
    return at > begin && at - begin <= 4;
  };
  auto dashes = [&] {
    const std::size_t begin = at;
    while (at < compact.size() && is_dash(compact[at])) ++at;
    return at > begin;
  };
  if (compact.empty()) return false;
  if (is_dash(compact[0])) return dashes() && digits() && dashes() && at == compact.size();
  if (compact[0] == U'第') {
    at = 1;
    if (!digits() || at >= compact.size() || compact[at++] != U'页') return false;
    if (at < compact.size() && (compact[at] == U'，' || compact[at] == U',' || compact[at] == U'/'))
      ++at;
    if (at == compact.size()) return true;
    if (compact[at++] != U'共' || !digits() || at >= compact.size() || compact[at++] != U'页')
      return false;
    return at == compact.size();
  }
  return digits() && at == compact.size() && compact.size() <= 3;
}

// A line that is one bracketed phrase, like the adoption note "(2023年7月5日…通过)".
bool is_bracketed_line(const Text& text) {
  return !text.empty() && importer::is_opening_bracket(text[0]) &&
         importer::is_closing_bracket(text.back()) &&
         matching_open(text.chars(), text.size() - 1) == 0;
}

// "序言" alone on its line (spaces aside): the heading of a law's preamble.
bool is_preamble_heading(std::u32string_view text) {
  std::u32string compact;
  for (const char32_t c : text) {
    if (!importer::is_space(c)) compact.push_back(c);
  }
  return compact == U"序言";
}

// "内政发〔2024〕19号", "国发[2023]5号".
bool is_document_number(std::u32string_view text) {
  return text.size() <= 30 && !text.empty() && text.back() == U'号' &&
         (text.find(U'〔') != std::u32string_view::npos ||
          text.find(U'[') != std::u32string_view::npos ||
          text.find(U'［') != std::u32string_view::npos);
}

class LineRules {
 public:
  LineRules(const DocumentMetadata& metadata, std::vector<SourceLine>& lines, Recorder& recorder)
      : metadata_(metadata), lines_(lines), recorder_(recorder) {}

  Status apply() {
    remove_markdown_comments();
    mark_markdown_headings();
    if (auto status = drop_before_body(); !status) return status;
    drop_garbled_letterheads();
    drop_hinted_lines();
    if (auto status = drop_title_at_end(); !status) return status;
    drop_title_at_top();
    remove_continuation_markers();
    remove_folio_lines();
    remove_page_headers();
    check_unknown_markers();
    remove_table_of_contents();
    remove_markdown_emphasis();
    mark_top_matter();
    mark_addresses();
    mark_end_matter();
    return Nothing{};
  }

  [[nodiscard]] bool excerpt() const { return excerpt_; }
  [[nodiscard]] const std::string& found_title() const { return found_title_; }

 private:
  void remove_line(SourceLine& line, const std::string& rule) {
    recorder_.removed(line.number, rule, line.text.utf8());
    line.removed = true;
  }

  // hints.body_starts_at: everything before the body is the routing slip, the letterhead and
  // the document number of seed 003 (kept in the metadata as issuer and number).
  Status drop_before_body() {
    if (metadata_.hints.body_starts_at.empty()) return Nothing{};
    const std::u32string start = importer::from_utf8(metadata_.hints.body_starts_at);
    const auto body = std::find_if(lines_.begin(), lines_.end(), [&](const SourceLine& line) {
      return line.has_text() && line.text.starts_with(start);
    });
    if (body == lines_.end()) {
      return error_at(recorder_.file(), {},
                      "no line starts with body_starts_at \"" + metadata_.hints.body_starts_at +
                          "\" (" + metadata_.metadata_file + ")");
    }
    for (auto line = lines_.begin(); line != body; ++line) {
      if (!line->has_text()) continue;
      remove_line(*line, is_mongolian_line(line->text) ? "garbled-letterhead" : "before-body");
    }
    return Nothing{};
  }

  void drop_garbled_letterheads() {
    const bool chinese = std::any_of(lines_.begin(), lines_.end(), [](const SourceLine& line) {
      const auto& chars = line.text.chars();
      return std::any_of(chars.begin(), chars.end(), importer::is_han);
    });
    if (!chinese) return;
    for (SourceLine& line : lines_) {
      if (line.has_text() && is_mongolian_line(line.text)) remove_line(line, "garbled-letterhead");
    }
  }

  void drop_hinted_lines() {
    for (const std::string& prefix : metadata_.hints.drop_lines_starting_with) {
      const std::u32string start = importer::from_utf8(prefix);
      for (SourceLine& line : lines_) {
        if (line.has_text() && line.text.starts_with(start)) remove_line(line, "hint-drop-line");
      }
    }
  }

  std::vector<SourceLine*> text_lines() {
    std::vector<SourceLine*> out;
    for (SourceLine& line : lines_) {
      if (line.has_text()) out.push_back(&line);
    }
    return out;
  }

  // How many of the lines starting at `first` spell the title (a title may wrap), or 0.
  [[nodiscard]] std::size_t title_span(const std::vector<SourceLine*>& lines,
                                       std::size_t first) const {
    const std::u32string wanted = title_key(importer::from_utf8(metadata_.title_zh));
    if (wanted.empty()) return 0;
    std::u32string joined;
    for (std::size_t count = 1; count <= 3 && first + count <= lines.size(); ++count) {
      joined += title_key(lines[first + count - 1]->text.chars());
      if (joined == wanted) return count;
      if (wanted.compare(0, joined.size(), joined) != 0) return 0;
    }
    return 0;
  }

  // hints.title_at_end (seed 001): the reprint ends with the title; it must be the title.
  Status drop_title_at_end() {
    if (!metadata_.hints.title_at_end) return Nothing{};
    const auto lines = text_lines();
    for (std::size_t count = 1; count <= std::min<std::size_t>(3, lines.size()); ++count) {
      const std::size_t first = lines.size() - count;
      if (title_span(lines, first) != count) continue;
      found_title_ = importer::to_utf8(displayed_title(importer::from_utf8(metadata_.title_zh)));
      for (std::size_t at = first; at < lines.size(); ++at) remove_line(*lines[at], "title-at-end");
      recorder_.add(Kind::kNote, lines[first]->number, "title-at-end", "title found at end");
      return Nothing{};
    }
    const SourceLine* last = lines.empty() ? nullptr : lines.back();
    return error_at(recorder_.file(), last ? Position{last->number, 1} : Position{},
                    "title_at_end is set (" + metadata_.metadata_file +
                        ") but the last line is not the title \"" + metadata_.title_zh + "\"");
  }

  // A title line at the top duplicates the metadata (seeds 000, 002, 003, 004); short lines
  // above it without punctuation are the issuer ("内蒙古自治区党委" in seed 000). Without a
  // title in the metadata (`kioskpack preview`, the corpus), the title is found by its shape.
  void drop_title_at_top() {
    const auto lines = text_lines();
    if (metadata_.title_zh.empty()) {
      detect_title(lines);
      return;
    }
    for (std::size_t first = 0; first < std::min<std::size_t>(3, lines.size()); ++first) {
      if (first > 0) {
        const Text& above = lines[first - 1]->text;
        if (above.size() > 30 || has_clause_punctuation(above.chars())) return;
      }
      const std::size_t span = title_span(lines, first);
      if (span == 0) continue;
      for (std::size_t at = 0; at < first; ++at) remove_line(*lines[at], "issuer-line");
      remove_title(
          std::vector<SourceLine*>(lines.begin() + static_cast<std::ptrdiff_t>(first),
                                   lines.begin() + static_cast<std::ptrdiff_t>(first + span)));
      return;
    }
  }

  void remove_title(const std::vector<SourceLine*>& title_lines) {
    std::u32string joined;
    for (SourceLine* line : title_lines) {
      joined += line->text.chars();
      remove_line(*line, "title");
    }
    found_title_ = importer::to_utf8(displayed_title(joined));
  }

  // A line that may be (part of) a title: no numbering, no punctuation but brackets and
  // book-title marks, not a date, a subtitle or a name. The first line may be letter-spaced
  // ("政 府 工 作 报 告"); a second or third line continues the title only when it is longer than
  // a name and has no space in it.
  static bool title_shaped(const SourceLine& line, std::size_t index) {
    const auto& chars = line.text.chars();
    if (chars.size() > 50 || parse_label(chars) || !unpunctuated(chars) || is_date_line(chars) ||
        is_document_number(chars) || is_dash(chars[0]) ||
        (importer::is_opening_bracket(chars[0]) && chars[0] != U'《') || line.markdown_level > 1) {
      return false;
    }
    if (index == 0) return true;
    const bool spaced = std::any_of(chars.begin(), chars.end(), importer::is_space);
    return chars.size() > 4 && !spaced && line.markdown_level == 0;
  }

  void detect_title(const std::vector<SourceLine*>& lines) {
    if (lines.empty()) return;
    SourceLine& first = *lines[0];
    if (first.markdown_level == 1) {
      remove_title({&first});
      return;
    }
    // "政府工作报告——2024年3月5日在…上": the title runs into its subtitle on one line.
    const auto& chars = first.text.chars();
    const std::size_t dash = chars.find(U"——");
    if (dash != std::u32string::npos && dash >= 2 && !parse_label(chars) &&
        unpunctuated(std::u32string_view(chars).substr(0, dash))) {
      const Text title = first.text.slice(0, dash);
      recorder_.removed(first.number, "title", title.utf8());
      found_title_ = importer::to_utf8(displayed_title(title.chars()));
      first.text = first.text.slice(dash, first.text.size());
      first.role = ParagraphRole::kSubtitle;
      return;
    }
    std::size_t span = 0;
    while (span < lines.size() && span < 3 && title_shaped(*lines[span], span)) ++span;
    // A title stands above something: a lone short line is not a title.
    if (span == 0 || span == lines.size()) return;
    remove_title(
        std::vector<SourceLine*>(lines.begin(), lines.begin() + static_cast<std::ptrdiff_t>(span)));
  }

  // Continuation markers stand wherever the newspaper put them: on a line of their own (seed
  // 001) or at the start of a paragraph (seed 004). One before any of the document's own text
  // means the source starts mid-document: an excerpt.
  void remove_continuation_markers() {
    bool text_seen = false;  // document text before this point, not counting an adoption note
    for (SourceLine& line : lines_) {
      if (!line.has_text()) continue;
      std::size_t at = 0;
      while (at < line.text.size()) {
        const auto end = continuation_marker_at(line.text.chars(), at, at == 0);
        if (!end) {
          ++at;
          continue;
        }
        const Text marker = line.text.slice(at, *end);
        recorder_.removed(line.number, "continuation-marker", marker.utf8());
        if (!text_seen && at == 0 && marker.chars().find(U'上') != std::u32string::npos) {
          mark_excerpt(line);
        }
        Text rest = line.text.slice(0, at);
        rest.append(line.text.slice(*end, line.text.size()));
        line.text = rest.trimmed();
      }
      if (line.text.empty()) line.removed = true;
      if (line.has_text() && !is_bracketed_line(line.text)) text_seen = true;
    }
  }

  // Marks a newspaper layout leaves that the rules above did not recognise: a bullet (■), or a
  // short bracket naming a page (版) that is not a continuation marker.
  void check_unknown_markers() {
    for (const SourceLine& line : lines_) {
      if (!line.has_text()) continue;
      const auto& chars = line.text.chars();
      for (std::size_t at = 0; at < chars.size(); ++at) {
        const bool bullet = is_marker_bullet(chars[at]);
        bool page = false;
        if (chars[at] == U'（' || chars[at] == U'(') {
          const std::size_t close = chars.find_first_of(U"）)", at);
          page = close != std::u32string::npos && close - at <= 10 &&
                 chars.substr(at, close - at).find(U'版') != std::u32string::npos;
        }
        if (!bullet && !page) continue;
        recorder_.ambiguity(line.text.position(at), "unknown-marker",
                            "\"" + line.text.slice(at, std::min(chars.size(), at + 10)).utf8() +
                                "\" looks like a newspaper's page mark",
                            "remove it if it is not the document's text");
        break;
      }
    }
  }

  void remove_folio_lines() {
    for (SourceLine& line : lines_) {
      if (line.has_text() && is_folio_line(line.text.chars())) remove_line(line, "folio");
    }
  }

  // A page header repeats on every page: a short line without punctuation or numbering that
  // stands three times or more, word for word, is not the document's text.
  void remove_page_headers() {
    std::map<std::u32string, int> count;
    auto candidate = [](const SourceLine& line) {
      const auto& chars = line.text.chars();
      return line.has_text() && line.markdown_level == 0 && chars.size() <= 40 &&
             !parse_label(chars) && unpunctuated(chars);
    };
    for (const SourceLine& line : lines_) {
      if (candidate(line)) ++count[line.text.chars()];
    }
    for (SourceLine& line : lines_) {
      if (candidate(line) && count[line.text.chars()] >= 3) remove_line(line, "page-header");
    }
  }

  // A heading that a table of contents lists: 编, 章, 节 and 序言.
  static std::optional<std::pair<NodeKind, int>> contents_entry(const SourceLine& line) {
    const auto& chars = line.text.chars();
    if (is_preamble_heading(chars)) return std::pair{NodeKind::kHeading, 0};
    const auto label = parse_label(chars);
    if (!label || (label->kind != NodeKind::kBook && label->kind != NodeKind::kChapter &&
                   label->kind != NodeKind::kSection)) {
      return std::nullopt;
    }
    return std::pair{label->kind, label->ordinal};
  }

  static bool is_contents_title(const Text& text) {
    std::u32string compact;
    for (const char32_t c : text.chars()) {
      if (!importer::is_space(c)) compact.push_back(c);
    }
    return compact == U"目录";
  }

  // A table of contents: a run of 编/章/节/序言 lines, nothing else, whose first entry the body
  // repeats right after the run. The body's own headings stay.
  void remove_table_of_contents() {
    const auto lines = text_lines();
    for (std::size_t first = 0; first < lines.size(); ++first) {
      const auto entry = contents_entry(*lines[first]);
      if (!entry) continue;
      std::size_t end = first + 1;
      while (end < lines.size() && contents_entry(*lines[end]) &&
             contents_entry(*lines[end]) != entry) {
        ++end;
      }
      if (end == lines.size() || end - first < 2 || contents_entry(*lines[end]) != entry) return;
      if (first > 0 && is_contents_title(lines[first - 1]->text)) {
        remove_line(*lines[first - 1], "table-of-contents");
      }
      for (std::size_t at = first; at < end; ++at) remove_line(*lines[at], "table-of-contents");
      return;
    }
  }

  // <!-- … --> (as LawRefBook's "<!-- INFO END -->"), on one line or across lines: not text.
  void remove_markdown_comments() {
    bool inside = false;
    for (SourceLine& line : lines_) {
      if (line.blank) continue;
      const std::u32string& chars = line.text.chars();
      Text kept;
      std::size_t from = 0;
      bool changed = inside;
      while (from < chars.size()) {
        if (!inside) {
          const std::size_t open = chars.find(U"<!--", from);
          if (open == std::u32string::npos) break;
          kept.append(line.text.slice(from, open));
          from = open;
          inside = true;
          changed = true;
          continue;
        }
        const std::size_t close = chars.find(U"-->", from);
        const std::size_t end = close == std::u32string::npos ? chars.size() : close + 3;
        const Text comment = line.text.slice(from, end);
        recorder_.removed(line.number, "markdown-comment", comment.utf8());
        if (comment.chars().find(U"INFO END") != std::u32string::npos) info_end_line_ = line.number;
        from = end;
        if (close != std::u32string::npos) inside = false;
      }
      if (!changed) continue;
      if (!inside && from < chars.size()) kept.append(line.text.slice(from, chars.size()));
      line.text = kept.trimmed();
      if (line.text.empty()) line.removed = true;
    }
  }

  // "## 第一章 总则": the marks say it is a heading; the text stays.
  void mark_markdown_headings() {
    for (SourceLine& line : lines_) {
      if (!line.has_text() || line.text[0] != U'#') continue;
      std::size_t level = 0;
      while (level < line.text.size() && line.text[level] == U'#') ++level;
      if (level > 6 || level >= line.text.size() || !importer::is_space(line.text[level])) continue;
      recorder_.removed(line.number, "markdown-heading", std::string(level, '#'));
      line.text = line.text.slice(level, line.text.size()).trimmed();
      line.markdown_level = static_cast<int>(level);
    }
  }

  // Lines under the title that are not the body: a subtitle (——在…上的报告), a date line, the
  // speaker, an adoption note in brackets, a document number; in a Markdown law, whatever stands
  // between the title and "<!-- INFO END -->".
  void mark_top_matter() {
    if (found_title_.empty() && !first_is_subtitle_shaped()) return;
    for (SourceLine* line : text_lines()) {
      const auto& chars = line->text.chars();
      const bool before_info_end = info_end_line_ > line->number;
      const bool subtitle =
          line->role == ParagraphRole::kSubtitle || before_info_end || is_dash(chars[0]) ||
          is_bracketed_line(line->text) || is_date_line(chars) || is_document_number(chars) ||
          (!found_title_.empty() && chars.size() <= 20 && !parse_label(chars) &&
           !is_preamble_heading(chars) && unpunctuated(chars) && line->markdown_level == 0);
      if (!subtitle || (line->markdown_level > 0 && !before_info_end)) return;
      line->role = ParagraphRole::kSubtitle;
    }
  }

  [[nodiscard]] bool first_is_subtitle_shaped() {
    const auto lines = text_lines();
    return !lines.empty() && (is_bracketed_line(lines[0]->text) || is_dash(lines[0]->text[0]));
  }

  // Addresses on a line of their own: before the body, a line ending in a colon is the
  // salutation (各位代表：) or, when it lists several addressees, the recipients of a notice
  // (各盟市行政公署、市人民政府，…：). In the body, only a short exclamation alone on its line
  // (各位代表！) is one; a line ending in a colon there introduces what follows.
  void mark_addresses() {
    bool body_seen = false;
    for (SourceLine* line : text_lines()) {
      if (line->role != ParagraphRole::kBody) continue;
      const auto& chars = line->text.chars();
      const auto label = parse_label(chars);
      const std::u32string_view before_last(chars.data(), chars.size() - 1);
      const bool addressed =
          !label && line->markdown_level == 0 &&
          std::none_of(before_last.begin(), before_last.end(), importer::is_sentence_final) &&
          before_last.find(U'：') == std::u32string_view::npos;
      if (!body_seen && addressed && ends_with_colon(chars) && chars.size() <= 80) {
        const bool several = before_last.find(U'、') != std::u32string_view::npos ||
                             before_last.find(U'，') != std::u32string_view::npos;
        line->role = several ? ParagraphRole::kRecipients : ParagraphRole::kSalutation;
        continue;
      }
      if (addressed && (chars.back() == U'！' || chars.back() == U'!') && chars.size() <= 8 &&
          unpunctuated(before_last)) {
        line->role = ParagraphRole::kSalutation;
        continue;
      }
      body_seen = true;
    }
  }

  // After the body (GB/T 9704-2012): 附件： and its list, the signature, the date.
  void mark_end_matter() {
    const auto lines = text_lines();
    std::size_t end = lines.size();
    if (end > 0 && lines[end - 1]->role == ParagraphRole::kBody &&
        is_date_line(lines[end - 1]->text.chars())) {
      lines[--end]->role = ParagraphRole::kDate;
      std::size_t signature = end;
      while (signature > 0 && end - signature < 3 && signature_shaped(*lines[signature - 1])) {
        --signature;
      }
      for (std::size_t at = signature; at < end; ++at) lines[at]->role = ParagraphRole::kSignature;
      end = signature;
    }
    // 附件：1.… / 2.…, within the last lines before the signature.
    for (std::size_t at = end; at-- > 0 && end - at <= 12;) {
      if (!is_attachments_line(lines[at]->text.chars())) continue;
      const bool list =
          std::all_of(lines.begin() + static_cast<std::ptrdiff_t>(at + 1),
                      lines.begin() + static_cast<std::ptrdiff_t>(end), [](const SourceLine* line) {
                        return line->text.size() <= 80 && line->role == ParagraphRole::kBody &&
                               !ends_sentence(line->text.chars());
                      });
      if (!list) break;
      for (std::size_t k = at; k < end; ++k) lines[k]->role = ParagraphRole::kAttachments;
      break;
    }
  }

  static bool signature_shaped(const SourceLine& line) {
    const auto& chars = line.text.chars();
    return line.role == ParagraphRole::kBody && chars.size() <= 30 && !parse_label(chars) &&
           unpunctuated(chars) && line.markdown_level == 0;
  }

  // "附件：…", "附件:", "附件1", "附件 1．…".
  static bool is_attachments_line(std::u32string_view text) {
    if (text.substr(0, 2) != U"附件") return false;
    if (text.size() == 2) return true;
    const char32_t next = text[2];
    return next == U'：' || next == U':' || arabic_digit(next) >= 0 || importer::is_space(next);
  }

  void mark_excerpt(const SourceLine& line) {
    if (!excerpt_) {
      recorder_.add(Kind::kNote, line.number, "excerpt",
                    "starts with a continuation marker: the document is an excerpt");
    }
    excerpt_ = true;
  }

  // "**…**" (seed 003 line 133 wraps a responsible-units note in markdown bold): the marks
  // are formatting, not text. Only paired marks are removed.
  void remove_markdown_emphasis() {
    for (SourceLine& line : lines_) {
      if (!line.has_text()) continue;
      const std::u32string& chars = line.text.chars();
      std::vector<std::size_t> marks;
      for (std::size_t at = chars.find(U"**"); at != std::u32string::npos;
           at = chars.find(U"**", at + 2)) {
        marks.push_back(at);
      }
      if (marks.empty() || marks.size() % 2 != 0) continue;
      Text kept;
      std::size_t from = 0;
      for (const std::size_t at : marks) {
        kept.append(line.text.slice(from, at));
        recorder_.removed(line.number, "markdown-emphasis", "**");
        from = at + 2;
      }
      kept.append(line.text.slice(from, chars.size()));
      line.text = kept.trimmed();
      if (line.text.empty()) line.removed = true;
    }
  }

  const DocumentMetadata& metadata_;
  std::vector<SourceLine>& lines_;
  Recorder& recorder_;
  bool excerpt_ = false;
  std::string found_title_;
  int info_end_line_ = 0;  // the line of a Markdown "<!-- INFO END -->" comment
};

// [SECTION] Stage 2: paragraphs

// A newspaper reprint is hard-wrapped at its column width: most lines are about as long as the
// median line, and most stop mid-sentence. Sources with one paragraph per line (seeds 000, 002)
// or long lines split only by page breaks (seed 003) are neither.
bool looks_hard_wrapped(const std::vector<SourceLine>& lines) {
  std::vector<std::size_t> lengths;
  std::size_t sentence_ends = 0;
  for (const SourceLine& line : lines) {
    if (!line.has_text()) continue;
    lengths.push_back(line.text.size());
    if (ends_sentence(line.text.chars())) ++sentence_ends;
  }
  if (lengths.size() < 6) return false;
  std::vector<std::size_t> sorted = lengths;
  std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(sorted.size() / 2),
                   sorted.end());
  const double median = static_cast<double>(sorted[sorted.size() / 2]);
  const auto near_median = std::count_if(lengths.begin(), lengths.end(), [&](std::size_t length) {
    return std::abs(static_cast<double>(length) - median) <= 0.15 * median + 1;
  });
  const double count = static_cast<double>(lengths.size());
  return static_cast<double>(near_median) >= 0.6 * count &&
         static_cast<double>(sentence_ends) < 0.5 * count;
}

struct Block {
  Text text;
  bool heading_line = false;  // a heading (book, chapter, section, part, 序言, Markdown): not prose
  int lines = 1;              // source lines joined into it
  ParagraphRole role = ParagraphRole::kBody;
  int markdown_level = 0;
};

bool brackets_balanced(std::u32string_view text) {
  int depth = 0;
  for (const char32_t c : text) {
    if (importer::is_opening_bracket(c)) ++depth;
    if (importer::is_closing_bracket(c) && --depth < 0) return false;
  }
  return depth == 0;
}

// A short unnumbered line at the top, without punctuation or open brackets, is a title or
// subtitle the metadata did not recognise: it must not run into the first paragraph. (Further
// down, such a line is far more likely the first half of a paragraph a page break split.)
bool stands_alone_at_top(const Block& block, std::size_t index) {
  const std::u32string& chars = block.text.chars();
  return index == 0 && block.lines == 1 && !parse_label(chars) && chars.size() <= 30 &&
         !has_clause_punctuation(chars) && brackets_balanced(chars);
}

bool is_heading_line(const SourceLine& line) {
  const auto label = parse_label(line.text.chars());
  return line.markdown_level > 0 || is_preamble_heading(line.text.chars()) ||
         (label && is_section_kind(label->kind));
}

// Whether paragraphs are marked by indenting their first line (as newspapers and many text
// copies do): then a line that is not indented continues the paragraph above it, whatever that
// ended with (a column or page broke it).
bool indent_marks_paragraphs(const std::vector<SourceLine>& lines) {
  std::size_t text = 0;
  std::size_t indented = 0;
  for (const SourceLine& line : lines) {
    if (!line.has_text() || line.role != ParagraphRole::kBody || line.markdown_level > 0) continue;
    ++text;
    if (line.indented) ++indented;
  }
  return text >= 6 && indented * 10 >= text * 6 && indented < text;
}

class ParagraphAssembler {
 public:
  ParagraphAssembler(bool hard_wrapped, bool indented)
      : hard_wrapped_(hard_wrapped), indented_(indented) {}

  std::vector<Block> assemble(const std::vector<SourceLine>& lines) {
    bool blank_before = false;
    for (const SourceLine& line : lines) {
      if (line.removed) continue;
      if (line.blank) {
        blank_before = true;
        continue;
      }
      if (blocks_.empty() || starts_block(blocks_.back(), line, blank_before)) {
        blocks_.push_back(
            Block{line.text, is_heading_line(line), 1, line.role, line.markdown_level});
      } else {
        join(blocks_.back().text, line.text);
        ++blocks_.back().lines;
      }
      blank_before = false;
    }
    return std::move(blocks_);
  }

 private:
  [[nodiscard]] bool starts_block(const Block& previous, const SourceLine& line,
                                  bool blank_before) const {
    // Roles (subtitle, salutation, signature…) and Markdown headings stand on their own.
    if (line.role != previous.role || line.role != ParagraphRole::kBody) return true;
    if (line.markdown_level > 0 || previous.markdown_level > 0) return true;
    const bool numbered =
        parse_label(line.text.chars()).has_value() || is_preamble_heading(line.text.chars());
    if (previous.heading_line) return !continues_heading(line.text, blank_before, numbered);
    if (indented_ && !numbered && !line.indented) return false;
    const auto& before = previous.text.chars();
    // A colon at the end of a line introduces what follows; a dash line is a subtitle.
    // A numbered line that is only a short title ("（三）基本原则") is complete, and a line
    // opening with a dash ("——坚持…") starts an item of a dash list.
    const auto previous_label = parse_label(before);
    const bool titled_label =
        previous_label && previous.lines == 1 && before.size() - previous_label->length <= 30 &&
        unpunctuated(std::u32string_view(before).substr(previous_label->length));
    const bool dash_item = line.text.size() > 2 && is_dash(line.text[0]) && is_dash(line.text[1]);
    const bool complete = ends_sentence(before) || ends_with_colon(before) || is_dash(before[0]) ||
                          titled_label || (dash_item && !hard_wrapped_);
    // "委员长，" / blank / "副委员长若干人，": a list set out one member a line. (A page break
    // cuts a sentence anywhere, rarely right after a comma.)
    const bool listed = blank_before && !hard_wrapped_ &&
                        (before.back() == U'，' || before.back() == U'、' || before.back() == U',');
    if (numbered && (blank_before || complete || !hard_wrapped_)) return true;
    if (indented_ && line.indented) return true;
    // Newspaper columns: lines run on, a blank line ends the paragraph unless the text before
    // it stops mid-sentence. Elsewhere every line is a paragraph unless it stops mid-sentence
    // (a page break, a wrapped adoption note).
    if (hard_wrapped_) return blank_before && complete;
    return complete || listed || stands_alone_at_top(previous, blocks_.size() - 1);
  }

  // "四、努力完成习近平总书记交" + "给内蒙古的五大任务": the rest of a wrapped heading follows
  // at once, is short and has no punctuation; "坚持以…为主线，" after "五、…" is the body.
  static bool continues_heading(const Text& line, bool blank_before, bool numbered) {
    return !blank_before && !numbered && line.size() <= 30 && !has_clause_punctuation(line.chars());
  }

  // Joining inserts nothing between Chinese characters; two Latin words split by the line
  // break get their space back.
  static void join(Text& text, const Text& line) {
    if (!text.empty() && importer::is_ascii_letter(text.back()) &&
        importer::is_ascii_letter(line[0])) {
      text.append(U' ', line.position(0));
    }
    text.append(line);
  }

  bool hard_wrapped_;
  bool indented_;
  std::vector<Block> blocks_;
};

// [SECTION] Stage 3: structure

// A node while the document is built: texts keep their source positions until stage 4.
struct Draft {
  NodeKind kind = NodeKind::kParagraph;
  Text label;
  int ordinal = 0;
  Text heading;
  Text text;   // paragraphs
  Text units;  // items: the responsible units, moved out of the item's last paragraph
  int source_line = 0;
  bool own_block = false;  // paragraphs: the body of the item's own block, not a later block
  ParagraphRole role = ParagraphRole::kBody;
  std::vector<Draft> children;
};

Draft paragraph_draft(const Text& text, bool own_block, ParagraphRole role = ParagraphRole::kBody) {
  Draft paragraph;
  paragraph.text = text;
  paragraph.source_line = text.first_line();
  paragraph.own_block = own_block;
  paragraph.role = role;
  return paragraph;
}

// Checks that numbered headings follow each other. Under one parent, each kind counts on; the
// first of a kind under a parent starts at 1 or carries on from the previous parent's (items
// numbered through the whole document, as seed 003's are). Articles and chapters always count
// through the whole document. An excerpt may start anywhere.
class NumberingCheck {
 public:
  NumberingCheck(std::string file, bool excerpt, Recorder& recorder)
      : file_(std::move(file)), excerpt_(excerpt), recorder_(recorder) {}

  // `last_in_parent`: the ordinal of the previous sibling of this kind, 0 when none.
  Status check(const Label& label, int last_in_parent, Position where) {
    int& last_anywhere = last_[static_cast<std::size_t>(label.kind)];
    std::vector<int> expected;
    const bool through = label.kind == NodeKind::kArticle || label.kind == NodeKind::kChapter ||
                         label.kind == NodeKind::kBook;
    if (last_in_parent != 0) {
      expected.push_back(last_in_parent + 1);
    } else if (last_anywhere == 0) {
      if (!excerpt_) expected.push_back(1);
    } else {
      if (!through) expected.push_back(1);
      expected.push_back(last_anywhere + 1);
    }
    if (!expected.empty() &&
        std::find(expected.begin(), expected.end(), label.ordinal) == expected.end()) {
      const std::string what = message(label, std::max(last_in_parent, last_anywhere), expected);
      // Going back or repeating is a mistake; skipping ahead may be a selection of articles
      // (or a typo): the editor decides.
      const bool backwards =
          label.ordinal <= last_in_parent || (through && label.ordinal <= last_anywhere);
      if (backwards) return error_at(file_, where, what);
      recorder_.ambiguity(where, "numbering-gap", what,
                          "if headings are missing or mistyped, correct the source; if the "
                          "document is a selection, nothing to do");
    }
    last_anywhere = label.ordinal;
    return Nothing{};
  }

 private:
  static std::string message(const Label& label, int last, const std::vector<int>& expected) {
    std::string out = display_label(label.kind, label.ordinal);
    out += last == 0 ? std::string(" is the first of its kind")
                     : " follows " + display_label(label.kind, last);
    out += " (expected ";
    for (std::size_t at = 0; at < expected.size(); ++at) {
      out += (at > 0 ? " or " : "") + display_label(label.kind, expected[at]);
    }
    return out + ")";
  }

  std::string file_;
  bool excerpt_;
  Recorder& recorder_;
  std::array<int, kNodeKindCount> last_ = {};  // by NodeKind
};

// "第一章　总　　则" -> "总则": spaces set between Chinese characters to justify a heading are
// not part of it (the report lists them).
Text without_justification_spaces(const Text& heading, Recorder& recorder) {
  Text out;
  const auto& chars = heading.chars();
  for (std::size_t at = 0; at < chars.size(); ++at) {
    if (importer::is_space(chars[at])) {
      std::size_t end = at;
      while (end < chars.size() && importer::is_space(chars[end])) ++end;
      const bool between_chinese = at > 0 && end < chars.size() &&
                                   importer::is_han(chars[at - 1]) && importer::is_han(chars[end]);
      if (between_chinese) {
        recorder.removed(heading.position(at).line, "justification-spaces",
                         heading.slice(at, end).utf8());
        at = end - 1;
        continue;
      }
    }
    out.append(chars[at], heading.position(at));
  }
  return out;
}

class TreeBuilder {
 public:
  TreeBuilder(const std::string& file, bool excerpt, Recorder& recorder)
      : numbering_(file, excerpt, recorder), recorder_(recorder) {}

  Status add(const Block& block) {
    const auto& chars = block.text.chars();
    auto label = block.role == ParagraphRole::kBody ? parse_label(chars) : std::nullopt;
    const bool unnumbered_heading = block.role == ParagraphRole::kBody && !label &&
                                    (block.markdown_level > 0 || is_preamble_heading(chars));
    if (!label && !unnumbered_heading) {
      if (block.role == ParagraphRole::kBody) check_paragraph(block);
      add_paragraph(block.text, block.role);
      return Nothing{};
    }
    Draft node;
    node.kind = label ? label->kind : NodeKind::kHeading;
    node.source_line = block.text.first_line();
    close_to(rank(node.kind));
    if (label) {
      if (auto status = numbering_.check(*label, last_sibling(label->kind), block.text.position(0));
          !status) {
        return status;
      }
      node.label = block.text.slice(0, label->length);
      node.ordinal = label->ordinal;
    }
    if (label) check_level(*label, block.text.position(0));
    const Text rest = block.text.slice(label ? label->length : 0, block.text.size()).trimmed();
    if (is_section_kind(node.kind)) {
      node.heading = without_justification_spaces(rest, recorder_);
    } else {
      // Items and points: the heading is the first sentence, the rest of the block the first
      // paragraph. Articles: no heading, the whole text is the first paragraph.
      std::size_t split = 0;
      if (node.kind != NodeKind::kArticle) {
        split = std::min(first_sentence_end(rest.chars()), rest.size());
        node.heading = rest.slice(0, split);
      }
      const Text body = rest.slice(split, rest.size()).trimmed();
      if (!body.empty()) node.children.push_back(paragraph_draft(body, true));
    }
    std::vector<Draft>& siblings = container();
    siblings.push_back(std::move(node));
    open_.push_back(siblings.size() - 1);
    return Nothing{};
  }

  std::vector<Draft> finish() { return std::move(top_); }

 private:
  // The node at the end of the open path, or nothing at the top.
  Draft* open_node() {
    Draft* node = nullptr;
    std::vector<Draft>* level = &top_;
    for (const std::size_t index : open_) {
      node = &(*level)[index];
      level = &node->children;
    }
    return node;
  }

  std::vector<Draft>& container() {
    Draft* node = open_node();
    return node ? node->children : top_;
  }

  void close_to(int new_rank) {
    while (!open_.empty() && rank(open_node()->kind) >= new_rank) open_.pop_back();
  }

  // The ordinal of the last node of this kind among the children of the open node.
  int last_sibling(NodeKind kind) {
    const std::vector<Draft>& siblings = container();
    for (auto it = siblings.rbegin(); it != siblings.rend(); ++it) {
      if (it->kind == kind) return it->ordinal;
    }
    return 0;
  }

  // Paragraphs belong to the innermost open heading, else to the document (preamble). What
  // stands after the body (attachments, signature, date) and what precedes it (subtitles,
  // recipients) belongs to the document.
  void add_paragraph(const Text& text, ParagraphRole role) {
    if (role != ParagraphRole::kBody && role != ParagraphRole::kSalutation) open_.clear();
    // The items (项) of an article are one paragraph each: a paragraph after them is the
    // article's next paragraph (款).
    while (open_.size() >= 2 && rank(open_node()->kind) > rank(NodeKind::kArticle) &&
           has_article_above()) {
      open_.pop_back();
    }
    container().push_back(paragraph_draft(text, false, role));
  }

  // The kinds of the open headings, outermost first.
  std::vector<NodeKind> open_kinds() {
    std::vector<NodeKind> kinds;
    std::vector<Draft>* level = &top_;
    for (const std::size_t index : open_) {
      kinds.push_back((*level)[index].kind);
      level = &(*level)[index].children;
    }
    return kinds;
  }

  // The levels of GB/T 9704-2012 go 一、 （一） 1. （1）, and 节 sits in a 章: a heading that skips
  // one may be a typo, or a level the importer did not recognise above it.
  void check_level(const Label& label, Position where) {
    const auto kinds = open_kinds();
    const NodeKind parent = kinds.empty() ? NodeKind::kParagraph : kinds.back();
    auto within = [&](NodeKind kind) {
      return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
    };
    std::string missing;
    if (label.kind == NodeKind::kSection && !within(NodeKind::kChapter)) missing = "第X章";
    if (label.kind == NodeKind::kPoint && parent == NodeKind::kPart) missing = "（一）";
    if (label.kind == NodeKind::kSubpoint && parent != NodeKind::kPoint) missing = "1.";
    if (missing.empty()) return;
    recorder_.ambiguity(where, "level-skipped",
                        display_label(label.kind, label.ordinal) + " is not inside a " + missing,
                        "check the numbering above it: a " + missing +
                            " heading may be missing or written differently");
  }

  // A body paragraph that may be a heading the importer did not recognise: numbering written
  // in an unusual way ("一.", "第1章"), or a short line without punctuation inside the body.
  void check_paragraph(const Block& block) {
    const auto& chars = block.text.chars();
    const std::size_t numeral = numeral_end(chars, chars[0] == U'第' ? 1 : 0);
    const bool chinese_numeral = numeral > (chars[0] == U'第' ? 1U : 0U);
    const bool odd_chinese = chinese_numeral && chars[0] != U'第' && numeral < chars.size() &&
                             (chars[numeral] == U'.' || chars[numeral] == U'．' ||
                              chars[numeral] == U'，' || chars[numeral] == U',');
    const auto [digits, digits_end] = arabic_number(chars, chars[0] == U'第' ? 1 : 0);
    const bool arabic_ordinal =
        chars[0] == U'第' && digits > 0 && digits_end < chars.size() &&
        std::u32string_view(U"编章节条").find(chars[digits_end]) != std::u32string_view::npos;
    if (odd_chinese || arabic_ordinal) {
      recorder_.ambiguity(
          block.text.position(0), "unknown-numbering",
          "\"" + block.text.slice(0, std::min<std::size_t>(chars.size(), 8)).utf8() +
              "…\" looks numbered but is not a numbering the importer knows",
          "write it as 一、 / 第一章 / 第一条 (Chinese numerals) if it is a heading");
      return;
    }
    if (!open_.empty() && block.lines == 1 && chars.size() <= 16 && unpunctuated(chars) &&
        brackets_balanced(chars) && !is_bracketed_line(block.text)) {
      recorder_.ambiguity(block.text.position(0), "possible-heading",
                          "\"" + block.text.utf8() + "\" has no numbering and no punctuation",
                          "if it is a heading, number it (第X章, 一、) or make it a heading in "
                          "Word or Markdown; if it is text, end it with punctuation");
    }
  }

  [[nodiscard]] bool has_article_above() {
    Draft* node = nullptr;
    std::vector<Draft>* level = &top_;
    for (std::size_t depth = 0; depth + 1 < open_.size(); ++depth) {
      node = &(*level)[open_[depth]];
      if (node->kind == NodeKind::kArticle) return true;
      level = &node->children;
    }
    return false;
  }

  NumberingCheck numbering_;
  Recorder& recorder_;
  std::vector<Draft> top_;
  std::vector<std::size_t> open_;  // the path of open headings: indices from the top down
};

// The responsible units at the end of an item's text: 〔责任单位：…〕, (责任单位:…), with any
// mix of bracket shapes and full-width or ASCII colon, nested brackets allowed
// ("〔责任单位：各级党委（党组）〕").
struct UnitsSpan {
  std::size_t open = 0;     // the opening bracket
  std::size_t content = 0;  // after the colon
  std::size_t end = 0;      // past the closing bracket
};

std::optional<UnitsSpan> find_units(std::u32string_view text) {
  std::size_t end = text.size();
  while (end > 0 && importer::is_space(text[end - 1])) --end;
  if (end == 0 || !importer::is_closing_bracket(text[end - 1])) return std::nullopt;
  const std::size_t open = matching_open(text, end - 1);
  if (open == std::u32string_view::npos) return std::nullopt;
  constexpr std::u32string_view kKey = U"责任单位";
  std::size_t at = skip_spaces(text, open + 1);
  if (text.substr(at, kKey.size()) != kKey) return std::nullopt;
  at = skip_spaces(text, at + kKey.size());
  if (at >= end || (text[at] != U'：' && text[at] != U':')) return std::nullopt;
  return UnitsSpan{open, at + 1, end};
}

class StructureRules {
 public:
  explicit StructureRules(Recorder& recorder) : recorder_(recorder) {}

  void apply(std::vector<Draft>& top) {
    close_lists(top);
    move_closing_paragraphs(top);
    for (Draft& node : top) move_units(node);
  }

 private:
  static bool is_units_only(const Draft& paragraph) {
    const auto span = find_units(paragraph.text.chars());
    return span && span->open == 0;
  }

  static bool is_numbered(const Draft& node) { return node.kind != NodeKind::kParagraph; }

  // Whether an item has paragraphs of its own beyond its own block and its responsible units.
  static bool has_later_paragraphs(const Draft& item) {
    return std::any_of(item.children.begin(), item.children.end(), [](const Draft& child) {
      return !is_numbered(child) && !child.own_block && !is_units_only(child);
    });
  }

  // What closes the whole document must not stay inside its last heading:
  // - after the last item of a list whose items are one paragraph each (seeds 000, 001, 003),
  //   the paragraphs in blocks of their own ("全区各级党组织…");
  // - from an address to the audience on its own line after the last heading (各位代表！).
  // When the other items have paragraphs of their own, those after the last item are its own.
  static bool is_list_kind(NodeKind kind) {
    return kind == NodeKind::kItem || kind == NodeKind::kPoint || kind == NodeKind::kSubpoint;
  }

  // An address to the audience opens it: a salutation line (各位代表！), or a paragraph that
  // starts with a short exclamation before its text ("同志们！中华民族是…").
  static bool opens_with_address(const Draft& paragraph) {
    if (paragraph.role == ParagraphRole::kSalutation) return true;
    if (is_numbered(paragraph) || paragraph.role != ParagraphRole::kBody) return false;
    const auto& chars = paragraph.text.chars();
    const std::size_t mark = chars.find_first_of(U"！!");
    return mark != std::u32string::npos && mark >= 2 && mark <= 6 &&
           unpunctuated(std::u32string_view(chars).substr(0, mark)) && mark + 1 < chars.size();
  }

  // An item whose line is only a title ("（三）基本原则"): its paragraphs are below it.
  static bool is_titled(const Draft& item) {
    return std::none_of(item.children.begin(), item.children.end(),
                        [](const Draft& child) { return child.own_block; }) &&
           unpunctuated(item.heading.chars());
  }

  struct ListEnd {
    std::vector<Draft>* parent;
    std::size_t item;  // index in *parent of the list's last item
  };

  // The last items of every list, in document order (children before their parent's own end).
  static void collect_list_ends(std::vector<Draft>& level, std::vector<ListEnd>& ends,
                                std::size_t& items, std::size_t& single) {
    for (Draft& node : level) {
      if (!is_numbered(node)) continue;
      if (is_list_kind(node.kind)) {
        ++items;
        if (!has_later_paragraphs(node)) ++single;
      }
      collect_list_ends(node.children, ends, items, single);
    }
    const auto last = std::find_if(level.rbegin(), level.rend(), is_numbered);
    if (last != level.rend() && is_list_kind(last->kind) &&
        std::none_of(last->children.begin(), last->children.end(), is_numbered)) {
      ends.push_back({&level, static_cast<std::size_t>(level.rend() - last - 1)});
    }
  }

  // Where a document's items are one paragraph each (three in four or more), the paragraphs
  // after a list's last item are not that item's: when lists other than the last are followed
  // by such paragraphs, each closes the heading the list is in (a report's part ends with a
  // summing-up); the last list's then do too, else they close the document (seeds 000, 003,
  // handled by move_closing_paragraphs).
  static void close_lists(std::vector<Draft>& top) {
    std::vector<ListEnd> ends;
    std::size_t items = 0;
    std::size_t single = 0;
    collect_list_ends(top, ends, items, single);
    if (items < 4 || single * 4 < items * 3 || ends.size() < 2) return;
    const bool lists_closed = std::any_of(ends.begin(), ends.end() - 1, [](const ListEnd& end) {
      const Draft& item = (*end.parent)[end.item];
      return !is_titled(item) && has_later_paragraphs(item);
    });
    if (!lists_closed) return;
    for (const ListEnd& end : ends) {
      if (is_titled((*end.parent)[end.item])) continue;
      auto& children = (*end.parent)[end.item].children;
      const auto first = std::find_if(children.begin(), children.end(), [](const Draft& child) {
        return !child.own_block && !is_units_only(child);
      });
      std::vector<Draft> moved(std::make_move_iterator(first),
                               std::make_move_iterator(children.end()));
      children.erase(first, children.end());
      end.parent->insert(end.parent->begin() + static_cast<std::ptrdiff_t>(end.item) + 1,
                         std::make_move_iterator(moved.begin()),
                         std::make_move_iterator(moved.end()));
    }
  }

  static void move_closing_paragraphs(std::vector<Draft>& top) {
    std::vector<Draft> closing;
    std::vector<Draft>* level = &top;
    while (!level->empty()) {
      const auto last_numbered = std::find_if(level->rbegin(), level->rend(), is_numbered);
      // A salutation after the last heading of this level starts the closing words.
      const auto trailing_begin =
          last_numbered == level->rend() ? level->begin() : last_numbered.base();
      const auto salutation = std::find_if(trailing_begin, level->end(), opens_with_address);
      if (level != &top && salutation != level->end()) {
        closing.insert(closing.begin(), std::make_move_iterator(salutation),
                       std::make_move_iterator(level->end()));
        level->erase(salutation, level->end());
      }
      if (last_numbered == level->rend()) break;
      Draft& node = *last_numbered;
      const bool list_item = node.kind == NodeKind::kItem || node.kind == NodeKind::kPoint ||
                             node.kind == NodeKind::kSubpoint;
      if (list_item && node.children.end() ==
                           std::find_if(node.children.begin(), node.children.end(), is_numbered)) {
        auto& own = node.children;
        const auto address = std::find_if(own.begin(), own.end(), opens_with_address);
        closing.insert(closing.begin(), std::make_move_iterator(address),
                       std::make_move_iterator(own.end()));
        own.erase(address, own.end());
        const bool others_single = std::none_of(level->begin(), level->end(), [&](const Draft& d) {
          return &d != &node && d.kind == node.kind && has_later_paragraphs(d);
        });
        if (others_single) {
          auto& children = node.children;
          const auto first_closing = std::find_if(
              children.begin(), children.end(),
              [](const Draft& child) { return !child.own_block && !is_units_only(child); });
          closing.insert(closing.begin(), std::make_move_iterator(first_closing),
                         std::make_move_iterator(children.end()));
          children.erase(first_closing, children.end());
        }
        break;
      }
      level = &node.children;
    }
    // Through a temporary: the levels above live inside `top`, which grows. End matter already
    // at the top (signature, date) stays last.
    const auto end_matter = std::find_if(top.begin(), top.end(), [](const Draft& d) {
      return d.role == ParagraphRole::kAttachments || d.role == ParagraphRole::kSignature ||
             d.role == ParagraphRole::kDate;
    });
    const auto at = end_matter - top.begin();
    if (end_matter != top.end() && std::none_of(end_matter, top.end(), is_numbered)) {
      top.insert(top.begin() + at, std::make_move_iterator(closing.begin()),
                 std::make_move_iterator(closing.end()));
    } else {
      std::move(closing.begin(), closing.end(), std::back_inserter(top));
    }
  }

  void move_units(Draft& node) {
    for (Draft& child : node.children) move_units(child);
    if (node.kind != NodeKind::kItem || node.children.empty()) return;
    Draft& paragraph = node.children.back();
    const auto span = find_units(paragraph.text.chars());
    if (!span) return;
    const Text moved = paragraph.text.slice(span->open, span->end);
    recorder_.add(Kind::kMoved, moved.first_line(), "responsible-units", moved.utf8());
    node.units = paragraph.text.slice(span->content, span->end - 1).trimmed();
    paragraph.text = paragraph.text.slice(0, span->open).trimmed();
    if (paragraph.text.empty()) node.children.pop_back();
  }

  Recorder& recorder_;
};

// [SECTION] Stage 4: punctuation

char32_t full_width(char32_t c) {
  switch (c) {
    case U',':
      return U'，';
    case U';':
      return U'；';
    case U':':
      return U'：';
    case U'?':
      return U'？';
    case U'!':
      return U'！';
    case U'(':
      return U'（';
    case U')':
      return U'）';
    default:
      return 0;
  }
}

// ASCII punctuation in Chinese text becomes full width: a mark next to a Chinese character
// (spaces skipped), or a pair of ASCII brackets around Chinese text ("(2023—2027年)") or
// around letterless text next to it ("(一)", "中(1)"). Decimal points and ASCII among Latin
// letters or digits ("f(x), g(y)", "1,000", "12:30") stay as they are.
class Punctuation {
 public:
  explicit Punctuation(Recorder& recorder) : recorder_(recorder) {}

  Text normalise(const Text& text) {
    const std::u32string& chars = text.chars();
    std::vector<bool> change(chars.size(), false);
    std::vector<bool> paired(chars.size(), false);
    mark_bracket_pairs(chars, change, paired);
    for (std::size_t at = 0; at < chars.size(); ++at) {
      if (!paired[at] && full_width(chars[at]) != 0 && beside_chinese(chars, at)) change[at] = true;
    }
    Text out;
    for (std::size_t at = 0; at < chars.size(); ++at) {
      if (!change[at]) {
        out.append(chars[at], text.position(at));
        continue;
      }
      const char32_t wide = full_width(chars[at]);
      recorder_.add(Kind::kNormalised, text.position(at).line, "ascii-punctuation",
                    importer::to_utf8(std::u32string(1, chars[at])),
                    importer::to_utf8(std::u32string(1, wide)));
      out.append(wide, text.position(at));
    }
    return out;
  }

 private:
  static bool beside_chinese(const std::u32string& chars, std::size_t at) {
    std::size_t before = at;
    while (before > 0 && importer::is_space(chars[before - 1])) --before;
    const std::size_t after = skip_spaces(chars, at + 1);
    return (before > 0 && importer::is_cjk_context(chars[before - 1])) ||
           (after < chars.size() && importer::is_cjk_context(chars[after]));
  }

  // Brackets are decided in pairs, so that "f(x)中" does not end up with one of each kind.
  static void mark_bracket_pairs(const std::u32string& chars, std::vector<bool>& change,
                                 std::vector<bool>& paired) {
    std::vector<std::size_t> open;
    for (std::size_t at = 0; at < chars.size(); ++at) {
      if (chars[at] == U'(') open.push_back(at);
      if (chars[at] != U')' || open.empty()) continue;
      const std::size_t begin = open.back();
      open.pop_back();
      paired[begin] = true;
      paired[at] = true;
      const auto inside_begin = chars.begin() + static_cast<std::ptrdiff_t>(begin);
      const auto inside_end = chars.begin() + static_cast<std::ptrdiff_t>(at);
      const bool chinese = std::any_of(inside_begin, inside_end, importer::is_cjk_context);
      const bool latin = std::any_of(inside_begin, inside_end, importer::is_ascii_letter);
      if (chinese || (!latin && (beside_chinese(chars, begin) || beside_chinese(chars, at)))) {
        change[begin] = true;
        change[at] = true;
      }
    }
  }

  Recorder& recorder_;
};

Node to_node(const Draft& draft, Punctuation& punctuation) {
  Node node;
  node.kind = draft.kind;
  node.label = punctuation.normalise(draft.label).utf8();
  node.ordinal = draft.ordinal;
  node.heading = punctuation.normalise(draft.heading).utf8();
  node.text = punctuation.normalise(draft.text).utf8();
  if (!draft.units.empty())
    node.attributes["responsible_units"] = punctuation.normalise(draft.units).utf8();
  node.source_line = draft.source_line;
  node.role = draft.role;
  node.on_label_line = draft.own_block;
  for (const Draft& child : draft.children) node.children.push_back(to_node(child, punctuation));
  return node;
}

// [SECTION] The import

// The source's lines (already valid UTF-8: read_source checked it), trimmed, with positions.
std::vector<SourceLine> load_lines(const std::string& source) {
  const importer::DecodedSource decoded = importer::decode_source(source);
  std::vector<SourceLine> lines;
  for (std::size_t index = 0; index < decoded.lines.size(); ++index) {
    const int number = static_cast<int>(index) + 1;
    Text text;
    for (std::size_t column = 0; column < decoded.lines[index].size(); ++column) {
      text.append(decoded.lines[index][column], {number, static_cast<int>(column) + 1});
    }
    SourceLine line{number, text.trimmed()};
    line.blank = line.text.empty();
    const std::u32string& raw = decoded.lines[index];
    line.indented = !line.blank && (raw[0] == U'\u3000' || raw[0] == U'\t' ||
                                    (raw.size() > 1 && raw[0] == U' ' && raw[1] == U' '));
    lines.push_back(std::move(line));
  }
  return lines;
}

Result<ImportedDocument> import_into(const DocumentMetadata& metadata, const std::string& bytes,
                                     Recorder& recorder) {
  auto source = read_source(recorder.file(), bytes);
  if (!source) return Error{source.error()};
  for (const std::string& note : source->notes) recorder.add(Kind::kNote, 0, "source", note);
  std::vector<SourceLine> lines = load_lines(source->text);
  LineRules line_rules(metadata, lines, recorder);
  if (auto status = line_rules.apply(); !status) return Error{status.error()};

  const bool hard_wrapped = looks_hard_wrapped(lines);
  const bool indented = indent_marks_paragraphs(lines);
  const std::vector<Block> blocks = ParagraphAssembler(hard_wrapped, indented).assemble(lines);

  TreeBuilder builder(recorder.file(), line_rules.excerpt(), recorder);
  for (const Block& block : blocks) {
    if (auto status = builder.add(block); !status) return Error{status.error()};
  }
  std::vector<Draft> drafts = builder.finish();
  StructureRules(recorder).apply(drafts);

  ImportedDocument document;
  document.metadata = metadata;
  document.excerpt = line_rules.excerpt();
  document.found_title = line_rules.found_title();
  document.source_format = source->format;
  Punctuation punctuation(recorder);
  for (const Draft& draft : drafts) document.nodes.push_back(to_node(draft, punctuation));
  return document;
}

}  // namespace

// The input-format layer (source_formats.cpp): UTF-8, GB18030/GBK, UTF-16, Word .docx, PDF.
Result<SourceText> read_source(const std::string& file, std::string_view bytes) {
  auto converted = importer::convert_source(file, bytes);
  if (!converted) return Error{converted.error()};
  return SourceText{std::move(converted->text), std::move(converted->format),
                    std::move(converted->notes)};
}

Result<ImportedDocument> import_document(const DocumentMetadata& metadata,
                                         const std::string& source_text, ImportReport& report) {
  Recorder recorder(metadata.source);
  auto document = import_into(metadata, source_text, recorder);
  if (document) recorder.move_into(report);
  return document;
}

// One definition of the format (reading_order.h), shared with `kioskpack inspect --text`.
std::string reading_order_text(const ImportedDocument& document) {
  return reading_order::document_text(document.metadata.title_zh, document.nodes);
}

}  // namespace kiosk::content
