// Writing a content release: one SQLite file (content/schema.sql), written to a temporary file
// beside the destination and renamed over it, so a reader sees the old release or the new one,
// never a half-written file. The same inputs give the same bytes: ids are assigned in reading
// order, the only time stamp is options.built_at, and VACUUM lays the pages out afresh.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "content/pipeline/font_subset.h"
#include "firmware/sqlite/sqlite.h"

namespace kiosk::content {

namespace sqlite = firmware::sqlite;

namespace {

// 2: documents.issuer_mn; 3: documents.url, topics; 4: node kinds book, section, point,
// subpoint, heading and document kinds law, notice, plan, speech.
constexpr std::int64_t kSchemaVersion = 4;

// The schema, compiled in (see CMakeLists.txt): a release is written from the binary alone.
constexpr const char* kSchemaSql =
#include "content/pipeline/schema_sql.inc"
    ;

std::string errno_text() { return std::strerror(errno); }

// [SECTION] The temporary file

// A uniquely named file beside the destination (same directory, so rename is atomic), removed
// with its journal when the write fails or is abandoned.
class TemporaryFile {
 public:
  static Result<TemporaryFile> create_beside(const std::string& path) {
    std::string name = path + ".tmp-XXXXXX";
    const int fd = mkstemp(name.data());
    if (fd < 0) return Error{"cannot create a temporary file beside " + path + ": " + errno_text()};
    // mkstemp makes the file private (0600); a release is meant to be read and copied.
    const bool readable = fchmod(fd, 0644) == 0;
    close(fd);
    TemporaryFile file(std::move(name));
    if (!readable) return Error{"cannot make " + file.path() + " readable: " + errno_text()};
    return file;
  }
  TemporaryFile(TemporaryFile&& other) noexcept : path_(std::move(other.path_)) {
    other.path_.clear();
  }
  TemporaryFile& operator=(TemporaryFile&&) = delete;
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
  ~TemporaryFile() {
    if (path_.empty()) return;
    std::remove(path_.c_str());
    std::remove((path_ + "-journal").c_str());
  }

  [[nodiscard]] const std::string& path() const { return path_; }
  // After a successful rename there is nothing left to remove.
  void release() { path_.clear(); }

 private:
  explicit TemporaryFile(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

Status fsync_path(const std::string& path, int flags, const std::string& what) {
  const int fd = open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return Error{"cannot open " + what + " " + path + " to sync it: " + errno_text()};
  const bool synced = fsync(fd) == 0;
  const std::string error = synced ? "" : errno_text();
  close(fd);
  if (!synced) return Error{"cannot sync " + what + " " + path + ": " + error};
  return Nothing{};
}

// [SECTION] Writing the tables

class ReleaseWriter {
 public:
  explicit ReleaseWriter(sqlite3* db) : db_(db) {}

  Status prepare() {
    const std::pair<std::optional<sqlite::Statement>*, const char*> statements[] = {
        {&insert_meta_, "INSERT INTO meta (key, value) VALUES (?1, ?2)"},
        {&insert_document_,
         "INSERT INTO documents (id, slug, title_zh, title_mn, title_mn_reviewed, issuer, date, "
         "number, kind, display_order, excerpt, source_file, issuer_mn, issuer_mn_reviewed, url) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"},
        {&insert_node_,
         "INSERT INTO nodes (id, document_id, parent_id, position, kind, label, ordinal, heading, "
         "source_line) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"},
        {&insert_attribute_,
         "INSERT INTO node_attributes (node_id, key, value) VALUES (?1, ?2, ?3)"},
        {&insert_paragraph_, "INSERT INTO paragraphs (node_id, text) VALUES (?1, ?2)"},
        {&insert_ui_string_,
         "INSERT INTO ui_strings (key, zh, mn, mn_reviewed) VALUES (?1, ?2, ?3, ?4)"},
        {&insert_topic_,
         "INSERT INTO topics (position, term_zh, term_mn, mn_reviewed, hits, paragraphs, "
         "documents) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"},
        {&insert_font_,
         "INSERT INTO fonts (name, face_index, scripts, source_sha256, codepoints, data) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"},
        {&insert_question_,
         "INSERT INTO quiz_questions (id, document_id, node_id, node_label, type, question, "
         "explanation, quote, generated) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"},
        {&insert_choice_,
         "INSERT INTO quiz_choices (question_id, position, text, correct) "
         "VALUES (?1, ?2, ?3, ?4)"},
    };
    for (const auto& [statement, sql] : statements) {
      auto prepared = sqlite::Statement::prepare(db_, sql);
      if (!prepared) return Error{prepared.error()};
      statement->emplace(std::move(prepared.value()));
    }
    return Nothing{};
  }

  Status meta(const ReleaseOptions& options) {
    const std::pair<const char*, std::string> rows[] = {
        {"schema_version", std::to_string(kSchemaVersion)},
        {"content_version", std::to_string(options.content_version)},
        {"built_at", std::to_string(options.built_at)},
        {"generator", "kioskpack"},
    };
    for (const auto& [key, value] : rows) {
      auto status = insert_meta_->bind(1, key).bind(2, value).run(std::string("meta ") + key);
      if (!status) return status;
    }
    return Nothing{};
  }

  Status document(const ImportedDocument& document, std::int64_t document_id) {
    const DocumentMetadata& meta = document.metadata;
    auto status = insert_document_->bind(1, document_id)
                      .bind(2, meta.slug)
                      .bind(3, meta.title_zh)
                      .bind(4, meta.title_mn)
                      .bind(5, meta.title_mn_reviewed ? 1 : 0)
                      .bind(6, meta.issuer)
                      .bind(7, meta.date)
                      .bind(8, meta.number)
                      .bind(9, to_string(meta.kind))
                      .bind(10, meta.display_order)
                      .bind(11, document.excerpt ? 1 : 0)
                      .bind(12, meta.source)
                      .bind(13, meta.issuer_mn)
                      .bind(14, meta.issuer_mn_reviewed ? 1 : 0)
                      .bind(15, meta.url)
                      .run("document " + meta.slug);
    if (!status) return status;
    document_ids_[meta.slug] = {document_id, &document};
    return nodes(meta.slug, document_id, std::nullopt, document.nodes);
  }

  // After the documents: the cited node is found again (find_cited_node, as the bank's check
  // found it) and stored by its id, so the kiosk opens the reader where the quote is.
  Status question(const QuizQuestion& question) {
    const std::string where = "quiz question " + question.id;
    const auto document = document_ids_.find(question.document);
    if (document == document_ids_.end()) {
      return Error{where + ": no document " + question.document + " in the release"};
    }
    auto cited = find_cited_node(*document->second.second, question);
    if (!cited) return Error{where + ": " + cited.error()};
    const auto node = node_ids_.find(cited.value());
    if (node == node_ids_.end()) return Error{where + ": the cited node was not written"};
    auto status = insert_question_->bind(1, question.id)
                      .bind(2, document->second.first)
                      .bind(3, node->second)
                      .bind(4, question.node)
                      .bind(5, to_string(question.type))
                      .bind(6, question.question)
                      .bind(7, question.explanation)
                      .bind(8, question.quote)
                      .bind(9, question.generated ? 1 : 0)
                      .run(where);
    if (!status) return status;
    const std::set<int> correct(question.correct.begin(), question.correct.end());
    for (std::size_t position = 0; position < question.choices.size(); ++position) {
      status = insert_choice_->bind(1, question.id)
                   .bind(2, position)
                   .bind(3, question.choices[position])
                   .bind(4, correct.count(static_cast<int>(position)) > 0 ? 1 : 0)
                   .run(where + " choice " + std::to_string(position + 1));
      if (!status) return status;
    }
    return Nothing{};
  }

  Status ui_string(const UiString& string) {
    return insert_ui_string_->bind(1, string.key)
        .bind(2, string.zh)
        .bind(3, string.mn)
        .bind(4, string.mn_reviewed ? 1 : 0)
        .run("ui string " + string.key);
  }

  Status topic(const Topic& topic, std::size_t position) {
    return insert_topic_->bind(1, position)
        .bind(2, topic.zh)
        .bind(3, topic.mn)
        .bind(4, topic.mn_reviewed ? 1 : 0)
        .bind(5, topic.hits)
        .bind(6, topic.paragraphs)
        .bind(7, topic.documents)
        .run("topic " + topic.zh);
  }

  Status font(const SubsetFontData& font) {
    std::string scripts;
    for (const auto& script : font.source.scripts) scripts += (scripts.empty() ? "" : " ") + script;
    return insert_font_->bind(1, font.summary.name)
        .bind(2, 0)  // the subset is a single face, whatever the source's index was
        .bind(3, scripts)
        .bind(4, font.source_sha256)
        .bind(5, font.summary.codepoints)
        .bind_blob(6, font.data)
        .run("font " + font.summary.name);
  }

 private:
  // Pre-order: a node's id is smaller than its children's and larger than the nodes before it
  // in reading order, so "ORDER BY id" is reading order for readers.
  Status nodes(const std::string& slug, std::int64_t document_id,
               std::optional<std::int64_t> parent_id, const std::vector<Node>& children) {
    for (std::size_t position = 0; position < children.size(); ++position) {
      const Node& node = children[position];
      const std::int64_t id = ++last_node_id_;
      node_ids_[&node] = id;
      const std::string where = "document " + slug + " line " + std::to_string(node.source_line);
      const bool paragraph = node.kind == NodeKind::kParagraph;
      if (paragraph && !node.heading.empty()) {
        // search_text keys headings and paragraph text by node id: one or the other.
        return Error{where + ": a paragraph node has a heading"};
      }
      sqlite::Statement& insert = *insert_node_;
      insert.bind(1, id).bind(2, document_id);
      if (parent_id) {
        insert.bind(3, *parent_id);
      } else {
        insert.bind_null(3);
      }
      auto status = insert.bind(4, position)
                        .bind(5, to_string(node.kind))
                        .bind(6, node.label)
                        .bind(7, node.ordinal)
                        .bind(8, node.heading)
                        .bind(9, node.source_line)
                        .run(where + ": node");
      if (!status) return status;
      if (paragraph) {
        status = insert_paragraph_->bind(1, id).bind(2, node.text).run(where + ": paragraph");
        if (!status) return status;
      }
      for (const auto& [key, value] : node.attributes) {
        status = insert_attribute_->bind(1, id).bind(2, key).bind(3, value).run(where + ": " + key);
        if (!status) return status;
      }
      status = nodes(slug, document_id, id, node.children);
      if (!status) return status;
    }
    return Nothing{};
  }

  sqlite3* db_;
  std::int64_t last_node_id_ = 0;
  // The release's nodes and documents by address and slug, for the quiz's citations.
  std::map<const Node*, std::int64_t> node_ids_;
  std::map<std::string, std::pair<std::int64_t, const ImportedDocument*>> document_ids_;
  std::optional<sqlite::Statement> insert_meta_, insert_document_, insert_node_, insert_attribute_,
      insert_paragraph_, insert_ui_string_, insert_topic_, insert_font_, insert_question_,
      insert_choice_;
};

Status check_release(const Release& release) {
  std::set<std::string> slugs;
  for (const ImportedDocument& document : release.documents) {
    if (!slugs.insert(document.metadata.slug).second) {
      return Error{"two documents have the slug " + document.metadata.slug};
    }
  }
  std::set<std::string> keys;
  for (const UiString& string : release.ui_strings) {
    if (!keys.insert(string.key).second) return Error{"two UI strings have the key " + string.key};
  }
  std::set<std::string> names;
  for (const FontSource& font : release.fonts) {
    if (!names.insert(font.name).second) return Error{"two fonts have the name " + font.name};
  }
  std::set<std::string> topics;
  for (const Topic& topic : release.topics) {
    if (topic.zh.empty()) return Error{"a topic has no Chinese term"};
    if (!topics.insert(topic.zh).second) return Error{"two topics have the term " + topic.zh};
  }
  for (const ImportedDocument& document : release.documents) {
    const std::string& url = document.metadata.url;
    if (auto problem = url.empty() ? std::nullopt : url_problem(url)) {
      return Error{"document " + document.metadata.slug + ": " + *problem};
    }
  }
  std::set<std::string> question_ids;
  for (const QuizQuestion& question : release.quiz) {
    if (!question_ids.insert(question.id).second) {
      return Error{"two quiz questions have the id " + question.id};
    }
  }
  return Nothing{};
}

// Everything inside the temporary file: schema, rows, index, layout. Returns with the database
// closed, so the file is complete on disk (but not yet synced).
Status write_database(const std::string& file, const Release& release,
                      const std::vector<SubsetFontData>& fonts, const ReleaseOptions& options) {
  auto opened = sqlite::open_database(file, SQLITE_OPEN_READWRITE);
  if (!opened) return Error{opened.error()};
  sqlite::Database db = std::move(opened.value());
  // page_size before the first table; synchronous=OFF because the file is synced once, before
  // the rename, and nobody reads it until then; foreign_keys to check the tree as it is written.
  auto status = sqlite::execute(db.get(),
                                "PRAGMA page_size = 4096; PRAGMA journal_mode = DELETE;"
                                "PRAGMA synchronous = OFF; PRAGMA foreign_keys = ON;",
                                "setting up " + file);
  if (!status) return status;
  status = sqlite::execute(db.get(), "BEGIN", "starting the transaction");
  if (!status) return status;
  status = sqlite::execute(db.get(), kSchemaSql, "applying the schema");
  if (!status) return status;

  {
    ReleaseWriter writer(db.get());  // its statements are finalized before the close below
    if (status = writer.prepare(); !status) return status;
    if (status = writer.meta(options); !status) return status;
    // Documents in display order (slug breaks ties), so ids and reading order agree.
    std::vector<const ImportedDocument*> documents;
    for (const auto& document : release.documents) documents.push_back(&document);
    std::stable_sort(documents.begin(), documents.end(), [](const auto* a, const auto* b) {
      return std::pair(a->metadata.display_order, a->metadata.slug) <
             std::pair(b->metadata.display_order, b->metadata.slug);
    });
    std::int64_t document_id = 0;
    for (const ImportedDocument* document : documents) {
      if (status = writer.document(*document, ++document_id); !status) return status;
    }
    for (const QuizQuestion& question : release.quiz) {
      if (status = writer.question(question); !status) return status;
    }
    for (const UiString& string : release.ui_strings) {
      if (status = writer.ui_string(string); !status) return status;
    }
    for (std::size_t position = 0; position < release.topics.size(); ++position) {
      if (status = writer.topic(release.topics[position], position); !status) return status;
    }
    for (const SubsetFontData& font : fonts) {
      if (status = writer.font(font); !status) return status;
    }
  }
  status = sqlite::execute(db.get(),
                           "INSERT INTO paragraph_search (paragraph_search) VALUES ('rebuild')",
                           "building the search index");
  if (!status) return status;
  status = sqlite::execute(db.get(), "COMMIT", "committing the release");
  if (!status) return status;
  // VACUUM rewrites every page in a canonical order: same rows, same bytes.
  status = sqlite::execute(db.get(), "VACUUM", "compacting the release");
  if (!status) return status;
  if (sqlite3_close(db.get()) != SQLITE_OK) return sqlite::error_from(db.get(), "closing " + file);
  (void)db.release();  // closed above
  return Nothing{};
}

}  // namespace

// [SECTION] write_release

Result<ReleaseSummary> write_release(const Release& release, const std::string& path,
                                     const ReleaseOptions& options) {
  if (auto status = check_release(release); !status) return Error{status.error()};
  // Fonts first: a character no font covers fails the build before any file is touched.
  auto fonts = subset_release_fonts(release);
  if (!fonts) return Error{fonts.error()};

  auto temporary = TemporaryFile::create_beside(path);
  if (!temporary) return Error{temporary.error()};
  const std::string& file = temporary->path();
  if (auto status = write_database(file, release, fonts.value(), options); !status) {
    return Error{path + ": " + status.error()};
  }
  if (auto status = fsync_path(file, O_RDONLY, "the release"); !status)
    return Error{status.error()};
  if (std::rename(file.c_str(), path.c_str()) != 0) {
    return Error{"cannot rename " + file + " to " + path + ": " + errno_text()};
  }
  temporary->release();
  // The rename is durable only once the directory is.
  std::string directory = std::filesystem::path(path).parent_path().string();
  if (directory.empty()) directory = ".";
  if (auto status = fsync_path(directory, O_RDONLY | O_DIRECTORY, "the directory"); !status) {
    return Error{status.error()};
  }

  ReleaseSummary summary;
  std::error_code error;
  summary.bytes = static_cast<std::size_t>(std::filesystem::file_size(path, error));
  for (const SubsetFontData& font : fonts.value()) summary.fonts.push_back(font.summary);
  return summary;
}

}  // namespace kiosk::content
