// Metadata files (content/documents/*.toml) and UI strings (content/ui_strings.toml), read
// with toml++. Every problem names the file, line and column.
#include <toml++/toml.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "content/pipeline/pipeline.h"

namespace kiosk::content {

namespace {

Error error_at(const std::string& file, const toml::source_region& where,
               const std::string& message) {
  return Error{Diagnostic{file, static_cast<int>(where.begin.line),
                          static_cast<int>(where.begin.column), message}
                   .to_string()};
}

Result<toml::table> parse_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{Diagnostic{path, 0, 0, "cannot read the file"}.to_string()};
  std::ostringstream contents;
  contents << in.rdbuf();
  // Debian's toml++ is built with exceptions: the parse error is caught here and becomes a
  // value, so no exception leaves this module.
  try {
    return toml::parse(contents.str(), path);
  } catch (const toml::parse_error& failure) {
    return error_at(path, failure.source(), std::string(failure.description()));
  }
}

// Reads the keys of one table, checking types, required keys and that no key is unknown.
class TableReader {
 public:
  TableReader(const std::string& file, const toml::table& table, std::string context)
      : file_(file), table_(table), context_(std::move(context)) {}

  void string(const char* key, std::string& out, bool required) {
    known_.insert(key);
    const toml::node* node = table_.get(key);
    if (node == nullptr) {
      if (required) fail(table_.source(), context_ + "missing required key '" + key + "'");
      return;
    }
    if (const auto* value = node->as_string()) {
      out = value->get();
    } else {
      fail(node->source(), "'" + std::string(key) + "' must be a string");
    }
  }
  void boolean(const char* key, bool& out) {
    known_.insert(key);
    if (const toml::node* node = table_.get(key)) {
      if (const auto* value = node->as_boolean()) {
        out = value->get();
      } else {
        fail(node->source(), "'" + std::string(key) + "' must be true or false");
      }
    }
  }
  void integer(const char* key, int& out, bool required) {
    known_.insert(key);
    const toml::node* node = table_.get(key);
    if (node == nullptr) {
      if (required) fail(table_.source(), context_ + "missing required key '" + key + "'");
      return;
    }
    if (const auto* value = node->as_integer()) {
      out = static_cast<int>(value->get());
    } else {
      fail(node->source(), "'" + std::string(key) + "' must be a whole number");
    }
  }
  void strings(const char* key, std::vector<std::string>& out) {
    known_.insert(key);
    const toml::node* node = table_.get(key);
    if (node == nullptr) return;
    const auto* array = node->as_array();
    if (array == nullptr) {
      fail(node->source(), "'" + std::string(key) + "' must be a list of strings");
      return;
    }
    for (const toml::node& element : *array) {
      if (const auto* value = element.as_string()) {
        out.push_back(value->get());
      } else {
        fail(element.source(), "'" + std::string(key) + "' must be a list of strings");
      }
    }
  }
  const toml::table* table(const char* key) {
    known_.insert(key);
    const toml::node* node = table_.get(key);
    if (node == nullptr) return nullptr;
    if (const auto* value = node->as_table()) return value;
    fail(node->source(), "'" + std::string(key) + "' must be a table");
    return nullptr;
  }
  // Call last: reports the first problem, or the first unknown key.
  std::optional<Error> finish() {
    if (first_error_) return first_error_;
    for (const auto& [key, node] : table_) {
      if (known_.count(std::string(key.str())) == 0) {
        std::string expected;
        for (const auto& name : known_) expected += (expected.empty() ? "" : ", ") + name;
        return error_at(file_, key.source(),
                        context_ + "unknown key '" + std::string(key.str()) +
                            "' (expected one of: " + expected + ")");
      }
    }
    return std::nullopt;
  }
  void fail(const toml::source_region& where, const std::string& message) {
    if (!first_error_) first_error_ = error_at(file_, where, message);
  }

 private:
  const std::string& file_;
  const toml::table& table_;
  std::string context_;
  std::set<std::string> known_;
  std::optional<Error> first_error_;
};

constexpr DocumentKind kDocumentKinds[] = {
    DocumentKind::kDecision,   DocumentKind::kRegulation, DocumentKind::kImplementingOpinion,
    DocumentKind::kCommunique, DocumentKind::kReport,     DocumentKind::kLaw,
    DocumentKind::kNotice,     DocumentKind::kPlan,       DocumentKind::kSpeech};

std::optional<DocumentKind> kind_from_string(const std::string& name) {
  for (DocumentKind kind : kDocumentKinds) {
    if (name == to_string(kind)) return kind;
  }
  return std::nullopt;
}

// "decision, regulation, ..., speech": the valid kinds, for the error message.
std::string document_kinds() {
  std::string names;
  for (DocumentKind kind : kDocumentKinds)
    names += (names.empty() ? "" : ", ") + std::string(to_string(kind));
  return names;
}

}  // namespace

std::optional<std::string> url_problem(std::string_view url) {
  if (url.empty()) {
    return std::string("url is empty: leave the key out when the document has no web address");
  }
  if (url.size() > kMaxUrlLength) {
    return "url is " + std::to_string(url.size()) + " characters long, more than " +
           std::to_string(kMaxUrlLength) + " (a QR code that size is hard to scan)";
  }
  for (std::size_t i = 0; i < url.size(); ++i) {
    const auto byte = static_cast<unsigned char>(url[i]);
    const std::string at = " at character " + std::to_string(i + 1);
    if (byte == ' ') return "url has a space" + at + " (write it as %20)";
    if (byte < 0x20 || byte == 0x7F) {
      char code[8];
      std::snprintf(code, sizeof code, "U+%04X", byte);
      return "url has a control character " + std::string(code) + at;
    }
    // A QR code carries bytes; a phone reads them as the address only when they are ASCII.
    if (byte >= 0x80) return "url has a character outside ASCII" + at + " (percent-encode it)";
  }
  std::string_view rest;
  if (url.starts_with("https://")) {
    rest = url.substr(8);
  } else if (url.starts_with("http://")) {
    rest = url.substr(7);
  } else {
    return "url '" + std::string(url) + "' must start with http:// or https://";
  }
  if (rest.empty() || rest.front() == '/' || rest.front() == '?' || rest.front() == '#') {
    return "url '" + std::string(url) + "' has no host name";
  }
  return std::nullopt;
}

Result<DocumentMetadata> load_document_metadata(const std::string& path) {
  auto parsed = parse_file(path);
  if (!parsed) return Error{parsed.error()};
  const toml::table& table = parsed.value();
  DocumentMetadata metadata;
  metadata.metadata_file = path;
  std::string kind;
  TableReader reader(path, table, "");
  reader.string("slug", metadata.slug, true);
  reader.string("source", metadata.source, true);
  reader.string("title_zh", metadata.title_zh, true);
  reader.string("title_mn", metadata.title_mn, true);
  reader.boolean("title_mn_reviewed", metadata.title_mn_reviewed);
  reader.string("issuer", metadata.issuer, true);
  reader.string("issuer_mn", metadata.issuer_mn, true);
  reader.boolean("issuer_mn_reviewed", metadata.issuer_mn_reviewed);
  reader.string("date", metadata.date, true);
  reader.string("number", metadata.number, false);
  reader.string("url", metadata.url, false);
  reader.string("kind", kind, true);
  reader.integer("display_order", metadata.display_order, true);
  if (const toml::table* hints = reader.table("import")) {
    TableReader hint_reader(path, *hints, "[import]: ");
    hint_reader.boolean("title_at_end", metadata.hints.title_at_end);
    hint_reader.string("body_starts_at", metadata.hints.body_starts_at, false);
    hint_reader.strings("drop_lines_starting_with", metadata.hints.drop_lines_starting_with);
    if (auto failure = hint_reader.finish()) return *failure;
  }
  if (auto failure = reader.finish()) return *failure;

  auto where = [&](const char* key) { return table.get(key)->source(); };
  if (!std::regex_match(metadata.slug, std::regex("[a-z0-9]+(-[a-z0-9]+)*"))) {
    return error_at(path, where("slug"),
                    "slug '" + metadata.slug + "' must be lower-case letters, digits and hyphens");
  }
  if (!std::regex_match(metadata.date, std::regex("[0-9]{4}-[0-9]{2}-[0-9]{2}"))) {
    return error_at(path, where("date"), "date '" + metadata.date + "' must be YYYY-MM-DD");
  }
  if (table.get("url") != nullptr) {
    if (auto problem = url_problem(metadata.url)) return error_at(path, where("url"), *problem);
  }
  const auto parsed_kind = kind_from_string(kind);
  if (!parsed_kind) {
    return error_at(path, where("kind"), "kind '" + kind + "' is not one of " + document_kinds());
  }
  metadata.kind = *parsed_kind;
  metadata.source_key_line = static_cast<int>(where("source").begin.line);
  metadata.source_key_column = static_cast<int>(where("source").begin.column);
  return metadata;
}

namespace {

// `[nav.back]` is a table `back` inside `nav`: an entry is a table with a `zh` key; any other
// table groups entries, and its name becomes part of theirs ("nav.back").
std::optional<Error> collect_ui_strings(const std::string& path, const toml::table& table,
                                        const std::string& prefix, std::vector<UiString>& out) {
  for (const auto& [key, node] : table) {
    const std::string name = prefix + std::string(key.str());
    const auto* entry = node.as_table();
    if (entry == nullptr) {
      return error_at(path, node.source(),
                      "'" + name + "' must be a table with zh, mn and mn_reviewed");
    }
    if (entry->get("zh") == nullptr && entry->get("mn") == nullptr) {
      if (auto failure = collect_ui_strings(path, *entry, name + ".", out)) return failure;
      continue;
    }
    UiString string;
    string.key = name;
    TableReader reader(path, *entry, "[" + name + "]: ");
    reader.string("zh", string.zh, true);
    reader.string("mn", string.mn, true);
    reader.boolean("mn_reviewed", string.mn_reviewed);
    if (auto failure = reader.finish()) return failure;
    out.push_back(std::move(string));
  }
  return std::nullopt;
}

}  // namespace

Result<std::vector<UiString>> load_ui_strings(const std::string& path) {
  auto parsed = parse_file(path);
  if (!parsed) return Error{parsed.error()};
  std::vector<UiString> strings;
  if (auto failure = collect_ui_strings(path, parsed.value(), "", strings)) return *failure;
  std::sort(strings.begin(), strings.end(),
            [](const UiString& a, const UiString& b) { return a.key < b.key; });
  return strings;
}

Result<SourceTree> load_source_tree(const std::string& directory) {
  namespace fs = std::filesystem;
  SourceTree tree;
  const fs::path root(directory);
  const fs::path documents = root / "documents";
  if (!fs::is_directory(documents)) {
    return Error{
        Diagnostic{documents.string(), 0, 0, "no documents directory (expected *.toml files)"}
            .to_string()};
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(documents)) {
    if (entry.path().extension() == ".toml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  if (files.empty())
    return Error{Diagnostic{documents.string(), 0, 0, "no *.toml metadata files"}.to_string()};

  std::map<std::string, std::string> slugs;
  std::map<int, std::string> orders;
  for (const fs::path& file : files) {
    auto metadata = load_document_metadata(file.string());
    if (!metadata) return Error{metadata.error()};
    const DocumentMetadata& meta = metadata.value();
    if (auto [it, added] = slugs.emplace(meta.slug, file.string()); !added) {
      return Error{Diagnostic{file.string(), 0, 0,
                              "slug '" + meta.slug + "' is already used by " + it->second}
                       .to_string()};
    }
    if (auto [it, added] = orders.emplace(meta.display_order, file.string()); !added) {
      return Error{Diagnostic{file.string(), 0, 0,
                              "display_order " + std::to_string(meta.display_order) +
                                  " is already used by " + it->second}
                       .to_string()};
    }
    SourceDocument document;
    document.metadata = meta;
    document.source_path = (root / "sources" / meta.source).string();
    std::ifstream in(document.source_path, std::ios::binary);
    if (!in) {
      return Error{Diagnostic{file.string(), meta.source_key_line, meta.source_key_column,
                              "source file " + document.source_path + " is missing"}
                       .to_string()};
    }
    std::ostringstream contents;
    contents << in.rdbuf();
    document.source_text = contents.str();
    tree.documents.push_back(std::move(document));
  }

  auto strings = load_ui_strings((root / "ui_strings.toml").string());
  if (!strings) return Error{strings.error()};
  tree.ui_strings = std::move(strings.value());

  const std::string release_path = (root / "release.toml").string();
  auto release = parse_file(release_path);
  if (!release) return Error{release.error()};
  int version = 0;
  TableReader reader(release_path, release.value(), "");
  reader.integer("content_version", version, true);
  if (auto failure = reader.finish()) return *failure;
  if (version < 1) {
    return error_at(release_path, release.value().get("content_version")->source(),
                    "content_version must be a positive whole number");
  }
  tree.content_version = version;
  return tree;
}

Result<std::vector<TopicCandidate>> load_source_topics(const std::string& source_dir) {
  const std::string path = (std::filesystem::path(source_dir) / "topics.toml").string();
  std::error_code missing;
  if (!std::filesystem::exists(path, missing)) return std::vector<TopicCandidate>{};
  auto parsed = parse_file(path);
  if (!parsed) return Error{parsed.error()};
  const toml::table& root = parsed.value();
  const toml::node* group = root.get("topic");
  if (root.size() != 1 || group == nullptr || group->as_table() == nullptr) {
    return Error{
        Diagnostic{path, 0, 0, "expected only [topic.NAME] tables with zh (and mn)"}.to_string()};
  }
  std::vector<TopicCandidate> topics;
  std::map<std::string, std::string> seen;  // zh -> key
  for (const auto& [name, node] : *group->as_table()) {
    const std::string key = "topic." + std::string(name.str());
    const auto* entry = node.as_table();
    if (entry == nullptr) return error_at(path, node.source(), "'" + key + "' must be a table");
    TopicCandidate topic;
    topic.key = key;
    topic.file = path;
    topic.line = static_cast<int>(entry->source().begin.line);
    TableReader reader(path, *entry, "[" + key + "]: ");
    reader.string("zh", topic.zh, true);
    reader.string("mn", topic.mn, false);
    reader.boolean("mn_reviewed", topic.mn_reviewed);
    if (auto failure = reader.finish()) return *failure;
    if (topic.zh.empty() || topic.zh.find_first_of(" \t\n") != std::string::npos) {
      return error_at(path, entry->get("zh")->source(),
                      "[" + key + "]: zh must be a term without spaces");
    }
    if (const toml::node* mn = entry->get("mn"); mn != nullptr && topic.mn.empty()) {
      return error_at(path, mn->source(),
                      "[" + key + "]: mn is empty: leave it out for a Chinese-only chip");
    }
    if (auto [it, added] = seen.emplace(topic.zh, key); !added) {
      return error_at(path, entry->get("zh")->source(),
                      "[" + key + "]: " + topic.zh + " is already " + it->second);
    }
    topics.push_back(std::move(topic));
  }
  // toml++ keeps a table's keys sorted; the editors' order is the order of the lines.
  std::stable_sort(
      topics.begin(), topics.end(),
      [](const TopicCandidate& a, const TopicCandidate& b) { return a.line < b.line; });
  return topics;
}

}  // namespace kiosk::content
