#include "firmware/content_store/content_store.h"

#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <limits>
#include <sstream>

#include "firmware/sqlite/sqlite.h"

namespace kiosk::firmware {

namespace {

constexpr std::int64_t kSupportedSchema = kContentSchemaVersion;
// More topic rows than the screen could ever show mean a file that is not ours.
constexpr int kMaxTopicRows = 64;
constexpr std::size_t kMaxUrlLength = 300;

using sqlite::Database;
using sqlite::StatementHandle;

StatementHandle prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(db, sql, -1, &statement, nullptr);
  return StatementHandle(statement);
}

std::string column_text(sqlite3_stmt* statement, int column) {
  const auto* text = sqlite3_column_text(statement, column);
  return text == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(text));
}

// A version number from the meta table; anything but a plain whole number (a file from a stick
// is untrusted) reads as 0, which no check accepts.
std::int64_t parse_version(const std::string& text) {
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size() && value > 0 ? value : 0;
}

// The release's url, or "" when it is not an address a phone should open from a QR code: the
// same rule as kioskpack's (http or https, printable ASCII, a host, at most 300 characters),
// checked again because a release from a stick is untrusted.
std::string showable_url(std::string url) {
  const bool https = url.starts_with("https://");
  const std::size_t host = https ? 8 : 7;
  if (!(https || url.starts_with("http://")) || url.size() > kMaxUrlLength || url.size() <= host)
    return {};
  if (url[host] == '/' || url[host] == '?' || url[host] == '#') return {};
  for (char c : url) {
    // Bytes >= 0x80 fail one test or the other, whether char is signed (x86) or not (ARM).
    if (c <= ' ' || c > '~') return {};
  }
  return url;
}

// [SECTION] Search helpers

std::size_t count_codepoints(std::string_view utf8) {
  return static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char byte) {
    return (static_cast<unsigned char>(byte) & 0xC0U) != 0x80U;
  }));
}

std::string ascii_lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

// Spaces (ASCII and ideographic) around what a visitor typed are not part of the words.
std::string_view trim(std::string_view text) {
  constexpr std::string_view kIdeographicSpace = "\u3000";
  for (bool trimmed = true; trimmed && !text.empty();) {
    trimmed = false;
    if (text.front() == ' ' || text.back() == ' ') {
      text = text.front() == ' ' ? text.substr(1) : text.substr(0, text.size() - 1);
      trimmed = true;
    } else if (text.starts_with(kIdeographicSpace)) {
      text.remove_prefix(kIdeographicSpace.size());
      trimmed = true;
    } else if (text.ends_with(kIdeographicSpace)) {
      text.remove_suffix(kIdeographicSpace.size());
      trimmed = true;
    }
  }
  return text;
}

// The byte offsets of the code points of `text`, plus its size at the end.
std::vector<std::size_t> codepoint_offsets(const std::string& text) {
  std::vector<std::size_t> offsets;
  for (std::size_t k = 0; k < text.size(); ++k) {
    if ((static_cast<unsigned char>(text[k]) & 0xC0U) != 0x80U) offsets.push_back(k);
  }
  offsets.push_back(text.size());
  return offsets;
}

// About kContext characters either side of the first match, "…" where the text goes on, and
// the byte ranges of every match inside. Matching ignores ASCII case, as the trigram index
// does; a match the index found by Unicode case folding alone gives the text's start unmarked.
void make_snippet(const std::string& text, const std::string& query, SearchHit& hit) {
  constexpr std::size_t kContext = 20;
  const std::string folded_text = ascii_lower(text);
  const std::string folded_query = ascii_lower(query);
  const std::vector<std::size_t> offsets = codepoint_offsets(text);
  const std::size_t characters = offsets.size() - 1;
  const std::size_t first = folded_text.find(folded_query);
  if (first == std::string::npos) {
    const std::size_t end = std::min(characters, 2 * kContext);
    hit.snippet = text.substr(0, offsets[end]) + (end < characters ? "…" : "");
    return;
  }
  const auto index_of = [&](std::size_t byte) {
    return static_cast<std::size_t>(std::lower_bound(offsets.begin(), offsets.end(), byte) -
                                    offsets.begin());
  };
  const std::size_t match_begin = index_of(first);
  const std::size_t match_end = index_of(first + query.size());
  const std::size_t begin = match_begin > kContext ? match_begin - kContext : 0;
  const std::size_t end = std::min(characters, match_end + kContext);
  const std::size_t from = offsets[begin];
  const std::size_t to = offsets[end];
  hit.snippet = begin > 0 ? "…" : "";
  const std::size_t shift = hit.snippet.size();
  hit.snippet += text.substr(from, to - from);
  for (std::size_t found = first; found != std::string::npos && found + query.size() <= to;
       found = folded_text.find(folded_query, found + query.size())) {
    hit.matches.emplace_back(found - from + shift, found - from + shift + query.size());
  }
  if (end < characters) hit.snippet += "…";
}

}  // namespace

struct ContentStore::Impl {
  Database db;
  std::int64_t schema_version = 0;
  std::int64_t content_version = 0;
  std::vector<DocumentInfo> documents;
  std::map<std::string, UiText> ui_strings;
  std::map<std::string, std::string> meta;
  std::vector<Topic> topics;
};

ContentStore::ContentStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ContentStore::~ContentStore() = default;

common::Result<std::unique_ptr<ContentStore>> ContentStore::open(const std::string& path,
                                                                 Check check_pages) {
  auto impl = std::make_unique<Impl>();
  sqlite3* raw = nullptr;
  const int opened =
      sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
  impl->db.reset(raw);
  if (opened != SQLITE_OK) {
    return common::Error{"cannot open the content release " + path + ": " +
                         (raw != nullptr ? sqlite3_errmsg(raw) : "out of memory")};
  }
  sqlite3* db = impl->db.get();
  // Defensive settings: a content file from a USB stick is untrusted input.
  sqlite::apply_read_only_defences(db);

  auto fail = [&](const std::string& why) {
    return common::Error{"the content release " + path + " is not usable: " + why};
  };
  if (check_pages == Check::kQuick) {
    StatementHandle check = prepare(db, "PRAGMA quick_check");
    if (!check || sqlite3_step(check.get()) != SQLITE_ROW || column_text(check.get(), 0) != "ok") {
      return fail("it is damaged or not a content release (" + std::string(sqlite3_errmsg(db)) +
                  ")");
    }
  }
  {
    StatementHandle meta = prepare(db, "SELECT key, value FROM meta");
    if (!meta) return fail("it has no meta table (" + std::string(sqlite3_errmsg(db)) + ")");
    while (sqlite3_step(meta.get()) == SQLITE_ROW) {
      const std::string key = column_text(meta.get(), 0);
      impl->meta[key] = column_text(meta.get(), 1);
      if (key == "schema_version") impl->schema_version = parse_version(column_text(meta.get(), 1));
      if (key == "content_version")
        impl->content_version = parse_version(column_text(meta.get(), 1));
    }
  }
  if (impl->schema_version != kSupportedSchema) {
    return fail("schema version " + std::to_string(impl->schema_version) +
                ", this kiosk reads version " + std::to_string(kSupportedSchema));
  }
  {
    StatementHandle documents = prepare(
        db,
        "SELECT id, slug, title_zh, title_mn, issuer, date, number, kind, excerpt, issuer_mn, "
        "url FROM documents ORDER BY display_order, slug");
    if (!documents) return fail(sqlite3_errmsg(db));
    while (sqlite3_step(documents.get()) == SQLITE_ROW) {
      DocumentInfo info;
      info.id = sqlite3_column_int64(documents.get(), 0);
      info.slug = column_text(documents.get(), 1);
      info.title_zh = column_text(documents.get(), 2);
      info.title_mn = column_text(documents.get(), 3);
      info.issuer = column_text(documents.get(), 4);
      info.date = column_text(documents.get(), 5);
      info.number = column_text(documents.get(), 6);
      info.kind = column_text(documents.get(), 7);
      info.excerpt = sqlite3_column_int(documents.get(), 8) != 0;
      info.issuer_mn = column_text(documents.get(), 9);
      info.url = showable_url(column_text(documents.get(), 10));
      impl->documents.push_back(std::move(info));
    }
  }
  if (impl->documents.empty()) return fail("it has no documents");
  {
    StatementHandle strings = prepare(db, "SELECT key, zh, mn FROM ui_strings");
    if (!strings) return fail(sqlite3_errmsg(db));
    while (sqlite3_step(strings.get()) == SQLITE_ROW) {
      impl->ui_strings[column_text(strings.get(), 0)] = {column_text(strings.get(), 1),
                                                         column_text(strings.get(), 2)};
    }
  }
  {
    StatementHandle topics =
        prepare(db,
                "SELECT term_zh, term_mn, mn_reviewed, hits, documents FROM topics "
                "WHERE term_zh <> '' ORDER BY position LIMIT ?");
    if (!topics) return fail(sqlite3_errmsg(db));
    sqlite3_bind_int(topics.get(), 1, kMaxTopicRows);
    while (sqlite3_step(topics.get()) == SQLITE_ROW) {
      Topic topic;
      topic.zh = column_text(topics.get(), 0);
      topic.mn = column_text(topics.get(), 1);
      topic.mn_reviewed = sqlite3_column_int(topics.get(), 2) != 0;
      topic.hits = sqlite3_column_int(topics.get(), 3);
      topic.documents = sqlite3_column_int(topics.get(), 4);
      impl->topics.push_back(std::move(topic));
    }
  }
  auto store = std::unique_ptr<ContentStore>(new ContentStore(std::move(impl)));
  for (const auto& info : store->documents()) {
    auto document = store->document(info.slug);
    if (!document) return fail(document.error());
  }
  return store;
}

std::int64_t ContentStore::schema_version() const { return impl_->schema_version; }
std::int64_t ContentStore::content_version() const { return impl_->content_version; }
const std::vector<DocumentInfo>& ContentStore::documents() const { return impl_->documents; }

common::Result<Document> ContentStore::document(const std::string& slug) const {
  Document document;
  bool found = false;
  for (const auto& info : impl_->documents) {
    if (info.slug == slug) {
      document.info = info;
      found = true;
    }
  }
  if (!found) return common::Error{"no document '" + slug + "' in the release"};
  sqlite3* db = impl_->db.get();
  // Nodes come in reading order (ids are assigned that way); build the tree with a stack of
  // open ancestors keyed by id.
  StatementHandle nodes =
      prepare(db,
              "SELECT n.id, n.parent_id, n.kind, n.label, n.heading, coalesce(p.text, '') "
              "FROM nodes n LEFT JOIN paragraphs p ON p.node_id = n.id "
              "WHERE n.document_id = ? ORDER BY n.id");
  StatementHandle attributes = prepare(db,
                                       "SELECT a.node_id, a.key, a.value FROM node_attributes a "
                                       "JOIN nodes n ON n.id = a.node_id WHERE n.document_id = ?");
  if (!nodes || !attributes)
    return common::Error{std::string("reading the document failed: ") + sqlite3_errmsg(db)};
  std::map<std::int64_t, std::map<std::string, std::string>> node_attributes;
  sqlite3_bind_int64(attributes.get(), 1, document.info.id);
  while (sqlite3_step(attributes.get()) == SQLITE_ROW) {
    node_attributes[sqlite3_column_int64(attributes.get(), 0)][column_text(attributes.get(), 1)] =
        column_text(attributes.get(), 2);
  }
  sqlite3_bind_int64(nodes.get(), 1, document.info.id);
  std::vector<std::pair<std::int64_t, std::vector<ContentNode>*>> open{{0, &document.nodes}};
  while (sqlite3_step(nodes.get()) == SQLITE_ROW) {
    ContentNode node;
    node.id = sqlite3_column_int64(nodes.get(), 0);
    const std::int64_t parent = sqlite3_column_type(nodes.get(), 1) == SQLITE_NULL
                                    ? 0
                                    : sqlite3_column_int64(nodes.get(), 1);
    node.kind = column_text(nodes.get(), 2);
    node.label = column_text(nodes.get(), 3);
    node.heading = column_text(nodes.get(), 4);
    node.text = column_text(nodes.get(), 5);
    if (auto it = node_attributes.find(node.id); it != node_attributes.end())
      node.attributes = it->second;
    while (open.size() > 1 && open.back().first != parent) open.pop_back();
    if (open.back().first != parent) {
      return common::Error{"document '" + slug + "': node " + std::to_string(node.id) +
                           " is out of reading order"};
    }
    auto* siblings = open.back().second;
    siblings->push_back(std::move(node));
    open.emplace_back(siblings->back().id, &siblings->back().children);
  }
  return document;
}

UiText ContentStore::ui_text(const std::string& key) const {
  auto it = impl_->ui_strings.find(key);
  if (it == impl_->ui_strings.end()) return {key, key};
  return it->second;
}

const std::map<std::string, UiText>& ContentStore::all_ui_texts() const {
  return impl_->ui_strings;
}

const std::vector<Topic>& ContentStore::topics() const { return impl_->topics; }

std::vector<SearchHit> ContentStore::search(std::string_view query, std::size_t limit) const {
  std::vector<SearchHit> hits;
  const std::string words(trim(query));
  if (words.empty() || limit == 0) return hits;
  sqlite3* db = impl_->db.get();
  // The trigram index finds substrings of 3 characters or more; shorter queries scan the text
  // (a release of a few documents: a few milliseconds). The release's view search_text is
  // written out here because the defensive settings do not run views.
  const bool indexed = count_codepoints(words) >= 3;
  const std::string sql =
      std::string(
          "WITH search_text (node_id, text) AS (SELECT node_id, text FROM paragraphs UNION ALL "
          "SELECT id, heading FROM nodes WHERE kind <> 'paragraph' AND heading <> '') "
          "SELECT s.node_id, s.text, d.slug, d.title_zh FROM search_text s "
          "JOIN nodes n ON n.id = s.node_id JOIN documents d ON d.id = n.document_id ") +
      (indexed ? "WHERE s.node_id IN (SELECT rowid FROM paragraph_search WHERE paragraph_search "
                 "MATCH ?1) "
               : "WHERE instr(s.text, ?1) > 0 ") +
      "ORDER BY d.display_order, d.slug, n.id LIMIT ?2";
  auto statement = sqlite::prepare(db, sql);
  auto parent = sqlite::prepare(db, "SELECT parent_id, label FROM nodes WHERE id = ?1");
  if (!statement || !parent) return hits;
  // An FTS5 string: the whole query is one phrase with its double quotes doubled, so that
  // what a visitor types (*, AND, :, ") is text and never an operator.
  std::string bound = words;
  if (indexed) {
    bound = "\"";
    for (char c : words) bound += c == '"' ? std::string("\"\"") : std::string(1, c);
    bound += '"';
  }
  sqlite3_stmt* rows = statement->get();
  sqlite3_bind_text(rows, 1, bound.data(), static_cast<int>(bound.size()), SQLITE_TRANSIENT);
  sqlite3_bind_int64(rows, 2,
                     static_cast<sqlite3_int64>(std::min<std::size_t>(
                         limit, static_cast<std::size_t>(std::numeric_limits<int>::max()))));
  while (sqlite3_step(rows) == SQLITE_ROW) {
    SearchHit hit;
    hit.node_id = sqlite3_column_int64(rows, 0);
    hit.document = column_text(rows, 2);
    hit.document_title = column_text(rows, 3);
    make_snippet(column_text(rows, 1), words, hit);
    // The nearest numbered node: the hit's own for a heading, else an ancestor's. Bounded, as
    // a damaged release could hold a cycle.
    std::int64_t node = hit.node_id;
    for (int depth = 0; depth < 64 && hit.label.empty(); ++depth) {
      sqlite3_reset(parent->get());
      sqlite3_bind_int64(parent->get(), 1, node);
      if (sqlite3_step(parent->get()) != SQLITE_ROW) break;
      hit.label = column_text(parent->get(), 1);
      if (sqlite3_column_type(parent->get(), 0) == SQLITE_NULL) break;
      node = sqlite3_column_int64(parent->get(), 0);
    }
    hits.push_back(std::move(hit));
  }
  return hits;
}

std::string ContentStore::meta(const std::string& key) const {
  auto it = impl_->meta.find(key);
  return it == impl_->meta.end() ? std::string() : it->second;
}

std::vector<FontData> ContentStore::fonts() const {
  std::vector<FontData> fonts;
  StatementHandle statement =
      prepare(impl_->db.get(), "SELECT name, scripts, data FROM fonts ORDER BY name");
  if (!statement) return fonts;
  while (sqlite3_step(statement.get()) == SQLITE_ROW) {
    FontData font;
    font.name = column_text(statement.get(), 0);
    std::istringstream scripts(column_text(statement.get(), 1));
    for (std::string script; scripts >> script;) font.scripts.push_back(script);
    const auto* bytes = static_cast<const std::uint8_t*>(sqlite3_column_blob(statement.get(), 2));
    font.bytes.assign(bytes, bytes + sqlite3_column_bytes(statement.get(), 2));
    fonts.push_back(std::move(font));
  }
  return fonts;
}

std::vector<Question> ContentStore::quiz_questions() const {
  std::vector<Question> questions;
  sqlite3* db = impl_->db.get();
  StatementHandle statement =
      prepare(db,
              "SELECT q.id, d.slug, q.node_id, q.type, q.question, q.explanation, q.quote, "
              "q.generated FROM quiz_questions q JOIN documents d ON d.id = q.document_id "
              "ORDER BY q.id");
  StatementHandle choices = prepare(db,
                                    "SELECT question_id, position, text, correct FROM quiz_choices "
                                    "ORDER BY question_id, position");
  if (!statement || !choices) return questions;
  std::map<std::string, std::size_t> by_id;
  while (sqlite3_step(statement.get()) == SQLITE_ROW) {
    Question question;
    question.id = column_text(statement.get(), 0);
    question.document = column_text(statement.get(), 1);
    question.node_id = sqlite3_column_int64(statement.get(), 2);
    const std::string type = column_text(statement.get(), 3);
    question.type = type == "multiple"     ? QuestionType::kMultiple
                    : type == "true-false" ? QuestionType::kTrueFalse
                    : type == "fill-blank" ? QuestionType::kFillBlank
                                           : QuestionType::kSingle;
    question.question = column_text(statement.get(), 4);
    question.explanation = column_text(statement.get(), 5);
    question.quote = column_text(statement.get(), 6);
    question.generated = sqlite3_column_int(statement.get(), 7) != 0;
    by_id[question.id] = questions.size();
    questions.push_back(std::move(question));
  }
  while (sqlite3_step(choices.get()) == SQLITE_ROW) {
    auto it = by_id.find(column_text(choices.get(), 0));
    if (it == by_id.end()) continue;
    Question& question = questions[it->second];
    if (sqlite3_column_int(choices.get(), 3) != 0)
      question.correct.push_back(static_cast<int>(question.choices.size()));
    question.choices.push_back(column_text(choices.get(), 2));
  }
  // A question the kiosk could not ask (no choices, no right answer) is left out.
  std::erase_if(questions,
                [](const Question& q) { return q.choices.size() < 2 || q.correct.empty(); });
  return questions;
}

}  // namespace kiosk::firmware
