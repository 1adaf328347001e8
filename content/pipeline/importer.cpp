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

// The label at the start of `text`: "一、" (part), "（一）" or "(一)" (item), "第一章" (chapter),
// "第一条" (article).
std::optional<Label> parse_label(std::u32string_view text) {
  if (text.empty()) return std::nullopt;
  const bool ordinal_prefix = text[0] == U'第';
  const bool bracketed = text[0] == U'（' || text[0] == U'(';
  const std::size_t begin = ordinal_prefix || bracketed ? 1 : 0;
  const std::size_t end = numeral_end(text, begin);
  if (end == begin || end >= text.size()) return std::nullopt;
  const int ordinal = importer::parse_chinese_number(text.substr(begin, end - begin));
  if (ordinal == 0) return std::nullopt;
  const char32_t after = text[end];
  if (ordinal_prefix && (after == U'章' || after == U'条')) {
    return Label{after == U'章' ? NodeKind::kChapter : NodeKind::kArticle, ordinal, end + 1};
  }
  if (bracketed && (after == U'）' || after == U')')) {
    return Label{NodeKind::kItem, ordinal, end + 1};
  }
  if (begin == 0 && after == U'、') return Label{NodeKind::kPart, ordinal, end + 1};
  return std::nullopt;
}

// A label as the document displays it (full-width brackets), for messages.
std::string display_label(NodeKind kind, int ordinal) {
  std::string number = importer::to_utf8(importer::chinese_number(ordinal));
  switch (kind) {
    case NodeKind::kPart:
      return number + "、";
    case NodeKind::kItem:
      return "（" + number + "）";
    case NodeKind::kChapter:
      return "第" + number + "章";
    case NodeKind::kArticle:
      return "第" + number + "条";
    case NodeKind::kParagraph:
      break;
  }
  return number;
}

bool is_section_kind(NodeKind kind) {
  return kind == NodeKind::kPart || kind == NodeKind::kChapter;
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
  Text text;             // trimmed
  bool blank = false;    // whitespace only in the source: separates paragraphs
  bool removed = false;  // dropped by a rule: neither text nor separator any more
  [[nodiscard]] bool has_text() const { return !blank && !removed; }
};

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

std::size_t skip_spaces(std::u32string_view text, std::size_t at) {
  while (at < text.size() && importer::is_space(text[at])) ++at;
  return at;
}

// A newspaper continuation marker at `at` — （上接第二版）, (上接1版), （下接第4版） — and
// where it ends.
std::optional<std::size_t> continuation_marker_at(std::u32string_view text, std::size_t at) {
  if (text[at] != U'（' && text[at] != U'(') return std::nullopt;
  std::size_t i = skip_spaces(text, at + 1);
  if (i + 1 >= text.size() || (text[i] != U'上' && text[i] != U'下') || text[i + 1] != U'接') {
    return std::nullopt;
  }
  i = skip_spaces(text, i + 2);
  if (i < text.size() && text[i] == U'第') ++i;
  const std::size_t number_begin = i;
  while (i < text.size() &&
         (importer::is_chinese_digit(text[i]) || (text[i] >= U'0' && text[i] <= U'9') ||
          (text[i] >= U'０' && text[i] <= U'９'))) {
    ++i;
  }
  if (i == number_begin || i >= text.size() || text[i] != U'版') return std::nullopt;
  i = skip_spaces(text, i + 1);
  if (i >= text.size() || (text[i] != U'）' && text[i] != U')')) return std::nullopt;
  return i + 1;
}

// A line that is one bracketed phrase, like the adoption note "(2023年7月5日…通过)".
bool is_bracketed_line(const Text& text) {
  return !text.empty() && importer::is_opening_bracket(text[0]) &&
         importer::is_closing_bracket(text.back()) &&
         matching_open(text.chars(), text.size() - 1) == 0;
}

class LineRules {
 public:
  LineRules(const DocumentMetadata& metadata, std::vector<SourceLine>& lines, Recorder& recorder)
      : metadata_(metadata), lines_(lines), recorder_(recorder) {}

  Status apply() {
    if (auto status = drop_before_body(); !status) return status;
    drop_garbled_letterheads();
    drop_hinted_lines();
    if (auto status = drop_title_at_end(); !status) return status;
    drop_title_at_top();
    remove_continuation_markers();
    remove_markdown_emphasis();
    return Nothing{};
  }

  [[nodiscard]] bool excerpt() const { return excerpt_; }

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
  // above it without punctuation are the issuer ("内蒙古自治区党委" in seed 000).
  void drop_title_at_top() {
    const auto lines = text_lines();
    for (std::size_t first = 0; first < std::min<std::size_t>(3, lines.size()); ++first) {
      if (first > 0) {
        const Text& above = lines[first - 1]->text;
        if (above.size() > 30 || has_clause_punctuation(above.chars())) return;
      }
      const std::size_t span = title_span(lines, first);
      if (span == 0) continue;
      for (std::size_t at = 0; at < first; ++at) remove_line(*lines[at], "issuer-line");
      for (std::size_t at = first; at < first + span; ++at) remove_line(*lines[at], "title");
      return;
    }
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
        const auto end = continuation_marker_at(line.text.chars(), at);
        if (!end) {
          ++at;
          continue;
        }
        const Text marker = line.text.slice(at, *end);
        recorder_.removed(line.number, "continuation-marker", marker.utf8());
        if (!text_seen && at == 0 && marker[skip_spaces(marker.chars(), 1)] == U'上') {
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
  bool heading_line = false;  // starts with a part or chapter label: a heading, not prose
  int lines = 1;              // source lines joined into it
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

class ParagraphAssembler {
 public:
  explicit ParagraphAssembler(bool hard_wrapped) : hard_wrapped_(hard_wrapped) {}

  std::vector<Block> assemble(const std::vector<SourceLine>& lines) {
    bool blank_before = false;
    for (const SourceLine& line : lines) {
      if (line.removed) continue;
      if (line.blank) {
        blank_before = true;
        continue;
      }
      if (blocks_.empty() || starts_block(blocks_.back(), line.text, blank_before)) {
        const auto label = parse_label(line.text.chars());
        blocks_.push_back(Block{line.text, label && is_section_kind(label->kind)});
      } else {
        join(blocks_.back().text, line.text);
        ++blocks_.back().lines;
      }
      blank_before = false;
    }
    return std::move(blocks_);
  }

 private:
  [[nodiscard]] bool starts_block(const Block& previous, const Text& line,
                                  bool blank_before) const {
    const bool numbered = parse_label(line.chars()).has_value();
    if (previous.heading_line) return !continues_heading(line, blank_before, numbered);
    const bool complete = ends_sentence(previous.text.chars());
    if (numbered && (blank_before || complete || !hard_wrapped_)) return true;
    // Newspaper columns: lines run on, a blank line ends the paragraph unless the text before
    // it stops mid-sentence. Elsewhere every line is a paragraph unless it stops mid-sentence
    // (a page break, a wrapped adoption note).
    if (hard_wrapped_) return blank_before && complete;
    return complete || stands_alone_at_top(previous, blocks_.size() - 1);
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
  std::vector<Draft> children;
};

Draft paragraph_draft(const Text& text, bool own_block) {
  Draft paragraph;
  paragraph.text = text;
  paragraph.source_line = text.first_line();
  paragraph.own_block = own_block;
  return paragraph;
}

// Checks that numbered headings follow each other: parts, chapters and articles count on (articles
// across chapters), items count on or restart at 一 after a new part. An excerpt may start
// anywhere.
class NumberingCheck {
 public:
  NumberingCheck(std::string file, bool excerpt) : file_(std::move(file)), excerpt_(excerpt) {}

  Status check(const Label& label, Position where) {
    int& last = last_[static_cast<std::size_t>(label.kind)];
    std::vector<int> expected;
    if (last == 0 && !excerpt_) expected.push_back(1);
    if (last != 0 && label.kind == NodeKind::kItem && part_since_item_) expected.push_back(1);
    if (last != 0) expected.push_back(last + 1);
    if (!expected.empty() &&
        std::find(expected.begin(), expected.end(), label.ordinal) == expected.end()) {
      return error_at(file_, where, message(label, last, expected));
    }
    last = label.ordinal;
    if (label.kind == NodeKind::kPart) part_since_item_ = true;
    if (label.kind == NodeKind::kItem) part_since_item_ = false;
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
  std::array<int, 5> last_ = {};  // by NodeKind
  bool part_since_item_ = false;
};

class TreeBuilder {
 public:
  TreeBuilder(const std::string& file, bool excerpt) : numbering_(file, excerpt) {}

  Status add(const Block& block) {
    const auto label = parse_label(block.text.chars());
    if (!label) {
      add_paragraph(block.text);
      return Nothing{};
    }
    if (auto status = numbering_.check(*label, block.text.position(0)); !status) return status;
    Draft node;
    node.kind = label->kind;
    node.label = block.text.slice(0, label->length);
    node.ordinal = label->ordinal;
    node.source_line = block.text.first_line();
    const Text rest = block.text.slice(label->length, block.text.size()).trimmed();
    if (is_section_kind(label->kind)) {
      node.heading = rest;
      top_.push_back(std::move(node));
      section_ = top_.size() - 1;
      leaf_.reset();
    } else {
      add_leaf(std::move(node), rest);
    }
    return Nothing{};
  }

  std::vector<Draft> finish() { return std::move(top_); }

 private:
  // Items: the heading is the first sentence, the rest of the block the first paragraph.
  // Articles: no heading, the whole text is the first paragraph.
  void add_leaf(Draft node, const Text& rest) {
    std::size_t split = 0;
    if (node.kind == NodeKind::kItem) {
      split = std::min(first_sentence_end(rest.chars()), rest.size());
      node.heading = rest.slice(0, split);
    }
    const Text body = rest.slice(split, rest.size()).trimmed();
    if (!body.empty()) node.children.push_back(paragraph_draft(body, true));
    std::vector<Draft>& siblings = container();
    siblings.push_back(std::move(node));
    leaf_ = siblings.size() - 1;
  }

  // Paragraphs belong to the open item or article, else to the open part or chapter, else to
  // the document (preamble).
  void add_paragraph(const Text& text) {
    if (leaf_) {
      container()[*leaf_].children.push_back(paragraph_draft(text, false));
    } else {
      container().push_back(paragraph_draft(text, false));
    }
  }

  std::vector<Draft>& container() { return section_ ? top_[*section_].children : top_; }

  NumberingCheck numbering_;
  std::vector<Draft> top_;
  std::optional<std::size_t> section_;  // index in top_ of the open part or chapter
  std::optional<std::size_t> leaf_;     // index in container() of the open item or article
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
    move_closing_paragraphs(top);
    for (Draft& node : top) move_units(node);
  }

 private:
  static bool is_units_only(const Draft& paragraph) {
    const auto span = find_units(paragraph.text.chars());
    return span && span->open == 0;
  }

  // The paragraphs after the document's last item, in blocks of their own, close the whole
  // document ("全区各级党组织…" in seeds 000, 001, 003): they go to the top level. A block that
  // is only the item's responsible units stays with the item.
  static void move_closing_paragraphs(std::vector<Draft>& top) {
    if (top.empty()) return;
    Draft* last = &top.back();
    if (last->kind == NodeKind::kPart && !last->children.empty()) last = &last->children.back();
    if (last->kind != NodeKind::kItem) return;
    auto& children = last->children;
    const auto first_closing =
        std::find_if(children.begin(), children.end(),
                     [](const Draft& child) { return !child.own_block && !is_units_only(child); });
    // Through a temporary: `children` may live inside `top`, which grows.
    std::vector<Draft> closing(std::make_move_iterator(first_closing),
                               std::make_move_iterator(children.end()));
    children.erase(first_closing, children.end());
    std::move(closing.begin(), closing.end(), std::back_inserter(top));
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
  for (const Draft& child : draft.children) node.children.push_back(to_node(child, punctuation));
  return node;
}

// [SECTION] The import

Result<std::vector<SourceLine>> load_lines(const std::string& file, const std::string& source) {
  const importer::DecodedSource decoded = importer::decode_source(source);
  if (decoded.invalid) {
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned>(decoded.invalid->byte));
    return error_at(file, decoded.invalid->where, std::string("invalid UTF-8 (byte ") + byte + ")");
  }
  std::vector<SourceLine> lines;
  for (std::size_t index = 0; index < decoded.lines.size(); ++index) {
    const int number = static_cast<int>(index) + 1;
    Text text;
    for (std::size_t column = 0; column < decoded.lines[index].size(); ++column) {
      text.append(decoded.lines[index][column], {number, static_cast<int>(column) + 1});
    }
    SourceLine line{number, text.trimmed()};
    line.blank = line.text.empty();
    lines.push_back(std::move(line));
  }
  return lines;
}

Result<ImportedDocument> import_into(const DocumentMetadata& metadata, const std::string& source,
                                     Recorder& recorder) {
  auto lines = load_lines(recorder.file(), source);
  if (!lines) return Error{lines.error()};
  LineRules line_rules(metadata, lines.value(), recorder);
  if (auto status = line_rules.apply(); !status) return Error{status.error()};

  const bool hard_wrapped = looks_hard_wrapped(lines.value());
  const std::vector<Block> blocks = ParagraphAssembler(hard_wrapped).assemble(lines.value());

  TreeBuilder builder(recorder.file(), line_rules.excerpt());
  for (const Block& block : blocks) {
    if (auto status = builder.add(block); !status) return Error{status.error()};
  }
  std::vector<Draft> drafts = builder.finish();
  StructureRules(recorder).apply(drafts);

  ImportedDocument document;
  document.metadata = metadata;
  document.excerpt = line_rules.excerpt();
  Punctuation punctuation(recorder);
  for (const Draft& draft : drafts) document.nodes.push_back(to_node(draft, punctuation));
  return document;
}

}  // namespace

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
