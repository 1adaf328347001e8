// The content pipeline: source documents and their metadata in, one SQLite content release
// out (see content/schema.sql), and the read-side helpers kioskpack needs (inspect, search,
// the release's whole text in reading order).
//
//   auto meta = load_document_metadata("content/documents/000-decision.toml");
//   ImportReport report;
//   auto document = import_document(meta.value(), source_text, report);
//   auto quiz = build_quiz("content", release.documents);  // questions.csv + generated
//   release.quiz = quiz->questions;
//   auto written = write_release(release, "content.db", options);
//
// Errors are values: a Diagnostic names the file, line and column of bad input.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result/result.h"

namespace kiosk::content {

using common::Error;
using common::Nothing;
using common::Result;
using common::Status;

// [SECTION] Diagnostics and the import report

struct Diagnostic {
  std::string file;
  int line = 0;    // 1-based; 0 when the problem is the whole file
  int column = 0;  // 1-based, in characters (code points); 0 when unknown
  std::string message;
  // "file:line:column: message" (line and column left out when 0).
  [[nodiscard]] std::string to_string() const;
};

// Every change the importer makes to the text beyond joining lines and trimming line ends.
struct ReportEntry {
  enum class Kind {
    kRemoved,     // text dropped from the document (continuation markers, routing slip, ...)
    kNormalised,  // punctuation replaced (ASCII between Chinese characters -> full width)
    kMoved,       // text kept but moved out of a paragraph (e.g. responsible units -> attribute)
    kNote,        // a decision worth knowing (document marked as excerpt, title found at end)
    kAmbiguity,   // a guess an editor should check (`kioskpack lint` prints them as warnings)
  };
  Kind kind = Kind::kNote;
  std::string file;
  int line = 0;             // where in the source the text was
  std::string rule;         // short machine-readable name, e.g. "continuation-marker"
  std::string text;         // the text removed / replaced / moved (exactly as in the source)
  std::string replacement;  // for kNormalised; for kAmbiguity, what to do
  int column = 0;           // kAmbiguity: where on the line, in characters (0 when unknown)
};

struct ImportReport {
  std::vector<ReportEntry> entries;
  void add(ReportEntry entry) { entries.push_back(std::move(entry)); }
  // Human-readable, one entry a line, grouped by file.
  [[nodiscard]] std::string to_text() const;
};

// [SECTION] Metadata (content/documents/*.toml)

enum class DocumentKind {
  kDecision,
  kRegulation,
  kImplementingOpinion,
  kCommunique,
  kReport,
  kLaw,     // 法律: a law of the NPC (编/章/节/条, items as the 项 of an article)
  kNotice,  // 通知
  kPlan,    // 规划 (a five-year plan, an outline)
  kSpeech,  // 讲话
};
// "decision", "regulation", "implementing-opinion", "communique", "report", "law", "notice",
// "plan", "speech": the names in the metadata files and the release.
const char* to_string(DocumentKind kind);

struct ImportHints {
  bool title_at_end = false;   // the title is the last line of the source (seed 001)
  std::string body_starts_at;  // drop everything before the first line starting so
  std::vector<std::string> drop_lines_starting_with;  // e.g. a reprint note
};

struct DocumentMetadata {
  std::string metadata_file;  // path of the .toml, for diagnostics
  std::string slug;           // [a-z0-9-]+, unique
  std::string source;         // file name in the sources directory
  std::string title_zh;
  std::string title_mn;            // traditional Mongolian script
  bool title_mn_reviewed = false;  // false: a draft awaiting a translator's review
  std::string issuer;
  std::string issuer_mn;            // the issuing body's official Mongolian name
  bool issuer_mn_reviewed = false;  // false: a draft awaiting a translator's review
  std::string date;                 // YYYY-MM-DD
  std::string number;               // document number, e.g. 通党发〔2023〕8号; may be empty
  // The official web address (the kiosk shows it as a QR code); empty when it has none. When
  // given: http:// or https://, printable ASCII (no spaces), at most kMaxUrlLength characters.
  std::string url;
  DocumentKind kind = DocumentKind::kDecision;
  int display_order = 0;
  ImportHints hints;
  int source_key_line = 0;  // where `source = ...` stands in the metadata file, for diagnostics
  int source_key_column = 0;
};

inline constexpr std::size_t kMaxUrlLength = 300;

// Unknown keys, missing required keys, wrong types and a bad url are errors with
// file:line:column.
Result<DocumentMetadata> load_document_metadata(const std::string& path);

// Why `url` cannot be a document's web address, or nothing when it can (see
// DocumentMetadata::url).
std::optional<std::string> url_problem(std::string_view url);

struct UiString {
  std::string key;
  std::string zh;
  std::string mn;
  bool mn_reviewed = false;
};
Result<std::vector<UiString>> load_ui_strings(const std::string& path);

// A content source directory: documents/*.toml (in file-name order), the sources they name in
// sources/, ui_strings.toml and release.toml (content_version). Checks that slugs and display
// orders are unique and that every source file exists.
struct SourceDocument {
  DocumentMetadata metadata;
  std::string source_path;
  std::string source_text;
};
struct SourceTree {
  std::vector<SourceDocument> documents;
  std::vector<UiString> ui_strings;
  std::int64_t content_version = 0;
};
Result<SourceTree> load_source_tree(const std::string& directory);

// [SECTION] The document model

// Numbered headings of Chinese official documents (GB/T 9704-2012, and the way laws,
// regulations and reports are set), from the outermost: 第一编 (book), 第一章 (chapter), 第一节
// (section), 第一条 (article) or 一、/第一部分 (part), （一） (item), 1. (point), （1） (subpoint);
// a heading without numbering (序言, a Markdown or Word heading) is a `kHeading`.
enum class NodeKind {
  kPart,
  kItem,
  kChapter,
  kArticle,
  kParagraph,
  kBook,
  kSection,
  kPoint,
  kSubpoint,
  kHeading,
};
inline constexpr std::size_t kNodeKindCount = 10;
// "part", "item", "chapter", "article", "paragraph", "book", "section", "point", "subpoint",
// "heading": the names in the release.
const char* to_string(NodeKind kind);

// What an unnumbered paragraph is, besides body text (see tests/data/corpus/README.md).
enum class ParagraphRole {
  kBody,
  kSubtitle,  // under the title: ——在…上的报告, a date line, the speaker, an adoption note
  kSalutation,   // 各位代表：
  kRecipients,   // 各盟市行政公署、市人民政府，…：
  kSignature,    // the issuing body or signer after the body
  kDate,         // the date line after the signature
  kAttachments,  // 附件： and its list
};
const char* to_string(ParagraphRole role);  // "body", "subtitle", "salutation", ...

struct Node {
  NodeKind kind = NodeKind::kParagraph;
  std::string label;  // as displayed: "一、", "（一）", "第一章", "第一条"; empty for paragraphs
  int ordinal = 0;      // the number in the label (1 for 一), 0 for paragraphs
  std::string heading;  // parts/chapters: the title; items/articles: the first sentence
  std::string text;     // paragraphs only: the paragraph's text
  std::map<std::string, std::string> attributes;  // e.g. "responsible_units"
  int source_line = 0;                            // first source line of the node
  ParagraphRole role = ParagraphRole::kBody;      // paragraphs only
  // Paragraphs only: the rest of its numbered parent's own line ("第一条　为了…": the article's
  // text), not a paragraph of its own in the source.
  bool on_label_line = false;
  std::vector<Node> children;
};

struct ImportedDocument {
  DocumentMetadata metadata;
  bool excerpt = false;       // a fragment of a longer document (starts or ends mid-way)
  std::string found_title;    // the title as the source has it (joined, spaces left out), or ""
  std::string source_format;  // "utf-8", "gb18030", "docx", ...
  std::vector<Node> nodes;    // top level: paragraphs, books, chapters, parts...
};

// A source file's bytes as the importer reads them: UTF-8 text with "\n" line ends. For a
// .docx, one Word paragraph a line. `notes` say what was done to get there (for the report).
struct SourceText {
  std::string text;
  std::string format;  // "utf-8", "gb18030", "docx", ...
  std::vector<std::string> notes;
};
// Bytes that are none of the supported formats: an error naming the file (and line and column
// where that means something) and what to do.
Result<SourceText> read_source(const std::string& file, std::string_view bytes);

// Cleans and structures one source document (its bytes, read by read_source). Bad input (invalid
// UTF-8, a numbered heading out of sequence) is a Diagnostic naming the source file, line and
// column.
Result<ImportedDocument> import_document(const DocumentMetadata& metadata,
                                         const std::string& source_text, ImportReport& report);

// The document's structure in the format of tests/data/corpus/README.md: "title …", numbered
// headings with their paragraph counts (¶N), roles of unnumbered paragraphs, indented by level.
// `kioskpack preview` prints it; the corpus test compares it with the hand-written .tree files.
std::string structure_tree(const ImportedDocument& document);

// The document's text in reading order, one line per label+heading or paragraph, the way
// `kioskpack inspect --text` prints it: title, then for each node its label and heading, its
// paragraphs, then its attributes (e.g. 责任单位：...).
std::string reading_order_text(const ImportedDocument& document);

// [SECTION] Lint: warnings a content editor can act on

struct LintWarning {
  Diagnostic where;
  std::string rule;    // e.g. "ascii-punctuation", "page-break-split", "mn-mvs-after-letter"
  bool error = false;  // an error stops `kioskpack build`; a warning is advice
};
std::vector<LintWarning> lint_source(const DocumentMetadata& metadata,
                                     const std::string& source_text);

// [SECTION] Mongolian strings: every visitor- or staff-visible Mongolian text of the content

// One Mongolian string with its Chinese and where it stands, for the lint, the review sheet and
// review-apply. The UI strings (ui_strings.toml: key "nav.home", field "mn"), the topic chips
// that have Mongolian (topics.toml: key "topic.model-region", field "mn") and each document's
// title and issuer (documents/*.toml: key "<slug>.title" / "<slug>.issuer", field "title_mn" /
// "issuer_mn").
struct MongolianString {
  std::string key;
  std::string file;            // the TOML file
  int line = 0;                // the line of `field = "..."`
  int value_column = 0;        // 1-based column (characters) of the value's opening quote
  std::string raw_line;        // that line as written (escapes and all), to place columns
  std::string field;           // "mn", "title_mn", "issuer_mn"
  std::string reviewed_field;  // "mn_reviewed", "title_mn_reviewed", "issuer_mn_reviewed"
  std::string zh;
  std::string mn;
  bool reviewed = false;
  // The 1-based column in the file of the value's code point `index` (escapes counted as
  // written), for diagnostics.
  [[nodiscard]] int column_of(std::size_t index) const;
};
// In file order: ui_strings.toml's entries, topics.toml's, then each document's title and issuer.
Result<std::vector<MongolianString>> mongolian_strings(const std::string& source_dir);

// content/terms.toml: official names and recurring terms with their canonical Mongolian.
struct Term {
  std::string zh;
  std::string mn;      // canonical code points
  std::string source;  // where the form comes from
  // Inflected forms that also count (届 ᠬᠤᠭᠤᠴᠠᠭ᠎ᠠ, genitive ᠬᠤᠭᠤᠴᠠᠭᠠᠨ), and longer Chinese words
  // that contain zh without meaning it (文件夹 is not 文件).
  std::vector<std::string> forms;
  std::vector<std::string> except;
  int line = 0;
};
struct Terminology {
  std::string file;
  std::vector<Term> terms;
};
Result<Terminology> load_terms(const std::string& path);
// SOURCE_DIR/terms.toml, or an empty terminology when the file does not exist (a malformed one
// is an error).
Result<Terminology> load_source_terms(const std::string& source_dir);

// The orthography and terminology lint of one string (rules in lint_mongolian.cpp): errors
// (build stops) and warnings, each at file:line:column.
std::vector<LintWarning> lint_mongolian(const MongolianString& string, const Terminology& terms);
// All of a source directory's Mongolian strings against its terms.toml (which must exist).
Result<std::vector<LintWarning>> lint_mongolian_strings(const std::string& source_dir);

// [SECTION] Quiz: the question bank (content/quiz/questions.csv) and generated questions

enum class QuizType { kSingle, kMultiple, kTrueFalse, kFillBlank };
// "single", "multiple", "true-false", "fill-blank": the names in questions.csv and the release.
const char* to_string(QuizType type);

// The columns of questions.csv, in the order its header names them (content/quiz/README.md).
enum class QuizColumn {
  kId,
  kDocument,
  kNode,
  kType,
  kQuestion,
  kChoices,
  kAnswer,
  kExplanation,
  kQuote
};
inline constexpr std::size_t kQuizColumnCount = 9;
const char* to_string(QuizColumn column);  // the header's name: "id", "document", ...

struct QuizQuestion {
  std::string id;        // letters, digits and '-'; generated ones start with "gen-"
  std::string document;  // the document's slug
  std::string node;  // the cited node as in the CSV: its label ("（十一）", "第十二条") or 段N
  QuizType type = QuizType::kSingle;
  std::string question;              // a fill-blank question has "____" where the answer goes
  std::vector<std::string> choices;  // 2 to 6
  std::vector<int> correct;          // 0-based indexes into choices, ascending
  std::string explanation;
  std::string quote;       // verbatim from the cited node (heading or a paragraph below it)
  bool generated = false;  // made by generate_fill_blank_questions; a hall may switch them off
  std::string file;        // questions.csv as given, or "generated:<slug>"
  int line = 0;            // the line the row starts on (generated: the paragraph's source line)
  // Where each column's field starts, {line, column} (1-based, column in characters), so that
  // a content check names the field at fault even when an earlier field spans lines.
  std::array<std::pair<int, int>, kQuizColumnCount> positions{};

  // "file:line:column: message" pointing at `column`'s field.
  [[nodiscard]] Diagnostic at(QuizColumn column, std::string message) const;
};

// The format checks: UTF-8 (a byte-order mark is fine), RFC 4180 quoting, CRLF or LF, the exact
// header, and per row: the field count, the id (unique, not "gen-"), the type, 2 to 6 choices
// (true-false: 正确|错误), the answer letters and their number for the type, a question and a
// quote. Every mistake is reported, one "file:line:column: message" a line.
Result<std::vector<QuizQuestion>> load_question_bank(const std::string& path);
// The same on text already read; `file` names it in diagnostics.
Result<std::vector<QuizQuestion>> parse_question_bank(std::string_view text,
                                                      const std::string& file);

// The content checks, against the imported documents: the document exists; the cited node
// exists (a numbered node's label, or 段N for the document's N-th top-level paragraph); the
// quote occurs verbatim in its heading or in a paragraph below it (a label that repeats, as
// （一） does in every part of seed 001, is satisfied by any node so labelled that holds the
// quote); single: the right choice's wording occurs in the quote and no other choice's does;
// multiple: every right choice's wording occurs in the quote; fill-blank: the question with the
// right choice in its blank is the quote. Every mistake is reported, as above.
Status check_question_bank(const std::vector<QuizQuestion>& bank,
                           const std::vector<ImportedDocument>& documents);

// The node a question cites, as check_question_bank finds it (the first node in reading order
// with the label that holds the quote); an error (a Diagnostic) when there is none.
Result<const Node*> find_cited_node(const ImportedDocument& document, const QuizQuestion& question);

// What generate_fill_blank_questions did: per document, and why candidates were dropped.
struct GenerationReport {
  struct Document {
    std::string slug;
    int key_phrases = 0;  // distinct terms in “…” usable as answers
    int occurrences = 0;  // their occurrences in the text: the candidates
    int generated = 0;
  };
  std::vector<Document> documents;
  // Why a candidate gave no question (each candidate counts once, under the first reason).
  int phrase_unsuitable = 0;    // one character, or longer than a term (a quoted slogan)
  int sentence_length = 0;      // its sentence is under 15 or over 90 characters
  int phrase_repeated = 0;      // the phrase occurs more than once in its sentence
  int sentence_used = 0;        // the sentence already carries a question
  int too_few_distractors = 0;  // fewer than 3 other key phrases of similar length and kind
  int distractor_fits = 0;      // there were, but too many of them also fit the blank
  // Not a dropped candidate: distractors passed over because they fit the blank by the
  // documents' usage (the next in rank was taken instead).
  int distractors_set_aside = 0;
  [[nodiscard]] int generated() const;
  [[nodiscard]] int occurrences() const;
  [[nodiscard]] int key_phrases() const;
  // One line: "130 generated from 244 key phrase occurrences (...); dropped: ..."
  [[nodiscard]] std::string summary() const;
};

// Fill-in-the-blank questions from the documents' own key phrases (the terms in “…”): the
// sentence holding a phrase, with the phrase blanked, and three other key phrases of the same
// document, of similar length and kind, as distractors, none of which fits the blank (see
// quiz_generate.cpp for the rules). Deterministic: the same documents give the same questions,
// ids and choice orders.
std::vector<QuizQuestion> generate_fill_blank_questions(
    const std::vector<ImportedDocument>& documents, GenerationReport& report);

// The quiz of a release as `kioskpack build` makes it: SRC_DIR/quiz/questions.csv when present
// (format and content checks), then the generated questions (checked the same way). A bank with
// mistakes is an error listing them all; the caller then writes no release.
struct QuizBuild {
  std::vector<QuizQuestion> questions;  // authored (in file order), then generated
  std::size_t authored = 0;
  bool bank_present = false;
  GenerationReport generation;
};
Result<QuizBuild> build_quiz(const std::string& source_dir,
                             const std::vector<ImportedDocument>& documents);

// [SECTION] Topics: the search screen's chips

// One entry of SOURCE_DIR/topics.toml, the editors' list of key terms a visitor may tap:
//   [topic.model-region]
//   zh = "模范自治区"
//   mn = "..."            # optional: without it the chip is Chinese only
//   mn_reviewed = false
// The Mongolian is linted like the UI strings (mongolian_strings() includes it).
struct TopicCandidate {
  std::string key;  // "topic.model-region"
  std::string zh;
  std::string mn;  // empty: Chinese only
  bool mn_reviewed = false;
  std::string file;
  int line = 0;
};
// SOURCE_DIR/topics.toml in file order, or an empty list when there is none. Unknown keys, a
// missing or repeated zh and an empty mn are errors with file:line:column.
Result<std::vector<TopicCandidate>> load_source_topics(const std::string& source_dir);

// A chip as the release stores it (table topics).
struct Topic {
  std::string zh;
  std::string mn;
  bool mn_reviewed = false;
  int hits = 0;        // paragraphs and headings holding zh: what searching for it finds
  int paragraphs = 0;  // of them, paragraphs
  int documents = 0;   // documents holding it
};
inline constexpr std::size_t kMaxTopics = 16;
inline constexpr int kMinTopicParagraphs = 2;
// Counts each candidate in what search covers (paragraph text and the headings of numbered
// nodes, as the search_text view), keeps those in at least kMinTopicParagraphs paragraphs, and
// ranks them by documents, then hits, then the editors' order; at most kMaxTopics.
std::vector<Topic> choose_topics(const std::vector<TopicCandidate>& candidates,
                                 const std::vector<ImportedDocument>& documents);

// [SECTION] The release (content.db)

struct FontSource {
  std::string name;  // e.g. "NotoSansCJK-Regular"
  std::string path;  // the provided font file
  unsigned face_index = 0;
  std::vector<std::string> scripts;  // scripts the font is preferred for, e.g. {"Hani", "Latn"}
};

struct Release {
  std::vector<ImportedDocument> documents;
  std::vector<UiString> ui_strings;
  std::vector<FontSource> fonts;
  // Written to quiz_questions / quiz_choices; each question's document and cited node must be
  // in `documents` (check_question_bank first: write_release refuses one it cannot place).
  std::vector<QuizQuestion> quiz;
  std::vector<Topic> topics;  // in the order shown (choose_topics); zh unique
};

struct ReleaseOptions {
  std::int64_t content_version = 1;  // must increase with every release
  std::int64_t built_at = 0;         // seconds since the epoch (SOURCE_DATE_EPOCH)
};

struct SubsetFont {
  std::string name;
  std::size_t source_bytes = 0;
  std::size_t subset_bytes = 0;
  std::size_t codepoints = 0;
};

struct ReleaseSummary {
  std::size_t bytes = 0;  // size of the written file
  std::vector<SubsetFont> fonts;
};

// Writes the release atomically (a temporary file beside `path`, then rename). The same inputs
// give a byte-identical file. A character that no font covers is an error naming the
// document and line.
Result<ReleaseSummary> write_release(const Release& release, const std::string& path,
                                     const ReleaseOptions& options);

// [SECTION] Reading a release (kioskpack inspect and search)

struct SearchHit {
  std::string document_slug;
  std::string document_title;
  std::string node_label;  // the label of the nearest numbered ancestor, may be empty
  std::string snippet;     // the match with some context, the match in 【】
};

// The tree of one document (or all when slug is empty), with labels, headings, paragraph counts;
// with `with_text`, the whole text in reading order.
Result<std::string> inspect_release(const std::string& path, const std::string& slug,
                                    bool with_text);
Result<std::vector<SearchHit>> search_release(const std::string& path, const std::string& query);

}  // namespace kiosk::content
