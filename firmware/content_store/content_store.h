// The content store: opens a content release (content.db) read-only with SQLite's defensive
// settings and returns plain structs. Nothing outside this module sees SQLite.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result/result.h"
#include "firmware/quiz/quiz.h"

namespace kiosk::firmware {

// The release schema this kiosk reads (content/schema.sql, meta.schema_version); only this one:
// the factory release is built from the same sources as the program, and a stick's release is
// written by the kioskpack of the same schema.
inline constexpr std::int64_t kContentSchemaVersion = 4;

struct DocumentInfo {
  std::int64_t id = 0;
  std::string slug;
  std::string title_zh;
  std::string title_mn;
  std::string issuer;
  std::string issuer_mn;  // traditional Mongolian script
  std::string date;       // YYYY-MM-DD
  std::string number;     // may be empty
  // decision, regulation, implementing-opinion, communique, report, law, notice, plan, speech
  std::string kind;
  bool excerpt = false;
  // The official web address (http or https, printable ASCII, at most 300 characters), for the
  // QR code; empty when the document has none or the release's value is not such an address.
  std::string url;
};

struct ContentNode {
  std::int64_t id = 0;
  // book, chapter, section, article, part, item, point, subpoint, heading (unnumbered: 序言),
  // paragraph
  std::string kind;
  std::string
      label;  // 第一编 第一章 第一节 第一条 一、 （一） 1. （1）; empty for headings, paragraphs
  std::string heading;
  std::string text;                               // paragraphs only
  std::map<std::string, std::string> attributes;  // e.g. responsible_units
  std::vector<ContentNode> children;
};

struct Document {
  DocumentInfo info;
  std::vector<ContentNode> nodes;
};

// A topic chip of the search screen: a key term the visitor taps to search for, chosen at
// build time (it occurs in at least 2 paragraphs).
struct Topic {
  std::string zh;
  std::string mn;  // empty: no Mongolian yet, show the Chinese only
  bool mn_reviewed = false;
  int hits = 0;       // paragraphs and headings that hold the term (what the search finds)
  int documents = 0;  // documents that hold it
};

// One place where a search found its words: a paragraph or the heading of a numbered node.
struct SearchHit {
  std::string document;        // slug
  std::string document_title;  // title_zh
  std::int64_t node_id = 0;    // the paragraph or heading node (ids run in reading order)
  std::string label;           // the nearest numbered node's label (第三条, （二）), or empty
  // About 20 characters either side of the first match, with "…" where the text goes on.
  std::string snippet;
  // Every match inside the snippet, as byte ranges [first, second) of `snippet`.
  std::vector<std::pair<std::size_t, std::size_t>> matches;
};

struct UiText {
  std::string zh;
  std::string mn;
};

struct FontData {
  std::string name;
  std::vector<std::string> scripts;  // preferred scripts, e.g. {"Hani", "Latn"}
  std::vector<std::uint8_t> bytes;
};

class ContentStore {
 public:
  // Opens and validates the release: integrity, schema version, at least one document, every
  // document's tree readable. The message says what is wrong in words the staff can pass on.
  // `check`: SQLite's quick check of every page (the default), or none when the caller has just
  // run the full integrity check itself.
  enum class Check { kQuick, kNone };
  static common::Result<std::unique_ptr<ContentStore>> open(const std::string& path,
                                                            Check check = Check::kQuick);
  ~ContentStore();
  ContentStore(const ContentStore&) = delete;
  ContentStore& operator=(const ContentStore&) = delete;

  [[nodiscard]] std::int64_t schema_version() const;
  [[nodiscard]] std::int64_t content_version() const;
  [[nodiscard]] const std::vector<DocumentInfo>& documents() const;  // in display order
  [[nodiscard]] common::Result<Document> document(const std::string& slug) const;
  // A UI string by key; a missing key gives the key itself, so a gap shows but never crashes.
  [[nodiscard]] UiText ui_text(const std::string& key) const;
  [[nodiscard]] const std::map<std::string, UiText>& all_ui_texts() const;
  // A value of the meta table (built_at, generator, ...); empty when it has none.
  [[nodiscard]] std::string meta(const std::string& key) const;
  [[nodiscard]] std::vector<FontData> fonts() const;
  // The quiz bank: authored and generated questions, in id order.
  [[nodiscard]] std::vector<Question> quiz_questions() const;
  // The topic chips in the order shown (at most a few dozen).
  [[nodiscard]] const std::vector<Topic>& topics() const;
  // Paragraphs and headings holding `query` as written (ASCII case aside), in the documents'
  // display order, then reading order; at most `limit`. Queries of 3 characters or more use
  // the release's trigram index, shorter ones ("草原") a scan of the text. Operators in the
  // query (" * AND) are just text. Empty when nothing matches or the query is blank.
  [[nodiscard]] std::vector<SearchHit> search(std::string_view query, std::size_t limit) const;

  struct Impl;

 private:
  explicit ContentStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kiosk::firmware
