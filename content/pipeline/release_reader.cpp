// Reading a release for kioskpack: `inspect` (the tree, or the whole text in reading order)
// and `search`. Releases are opened read-only with the defensive settings: a release on a USB
// stick is untrusted input.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <map>
#include <sstream>

#include "content/pipeline/reading_order.h"
#include "firmware/sqlite/sqlite.h"

namespace kiosk::content {

namespace sqlite = firmware::sqlite;

// [SECTION] Reading order (shared with reading_order_text(), see reading_order.h)

namespace reading_order {

std::string attribute_prefix(const std::string& key) {
  static const std::map<std::string, std::string> kNames = {{"responsible_units", "责任单位"}};
  const auto name = kNames.find(key);
  return (name != kNames.end() ? name->second : key) + "：";
}

std::string heading_line(const Node& node) {
  if (node.label.empty() || node.heading.empty()) return node.label + node.heading;
  // The label's last code point: punctuation ("、", "）") already separates it from the text.
  auto end = static_cast<std::int32_t>(node.label.size());
  UChar32 last = 0;
  U8_PREV(node.label.data(), 0, end, last);
  const bool ends_in_punctuation = last >= 0 && u_ispunct(last);
  return node.label + (ends_in_punctuation ? "" : "\u3000") + node.heading;
}

namespace {

void append_nodes(std::string& out, const std::vector<Node>& nodes) {
  for (const Node& node : nodes) {
    if (node.kind == NodeKind::kParagraph) {
      out += node.text + "\n";
    } else if (const std::string line = heading_line(node); !line.empty()) {
      out += line + "\n";
    }
    append_nodes(out, node.children);
    for (const auto& [key, value] : node.attributes) out += attribute_prefix(key) + value + "\n";
  }
}

}  // namespace

std::string document_text(const std::string& title_zh, const std::vector<Node>& nodes) {
  std::string out = title_zh + "\n";
  append_nodes(out, nodes);
  return out;
}

}  // namespace reading_order

namespace {

// [SECTION] Opening a release

constexpr int kReadSchemaVersion = 4;  // the version release_writer.cpp writes

Result<sqlite::Database> open_release(const std::string& path) {
  auto db = sqlite::open_database(path, SQLITE_OPEN_READONLY);
  if (!db) return Error{db.error()};
  auto statement =
      sqlite::Statement::prepare(db->get(), "SELECT value FROM meta WHERE key = 'schema_version'");
  if (!statement) return Error{path + ": not a content release (" + statement.error() + ")"};
  if (!statement->next_row()) {
    return Error{path + ": not a content release (no schema_version in meta)"};
  }
  const std::string version = statement->text(0);
  if (version != std::to_string(kReadSchemaVersion)) {
    return Error{path + ": schema_version " + version + ", but this kioskpack reads version " +
                 std::to_string(kReadSchemaVersion)};
  }
  return std::move(db.value());
}

// [SECTION] Loading documents

struct StoredDocument {
  std::int64_t id = 0;
  std::string slug, title_zh, title_mn, issuer, date, number, kind, source_file, url;
  bool title_mn_reviewed = false;
  bool excerpt = false;
  std::vector<Node> nodes;
};

Result<std::vector<StoredDocument>> load_documents(sqlite3* db, const std::string& slug) {
  auto statement = sqlite::Statement::prepare(
      db,
      "SELECT id, slug, title_zh, title_mn, title_mn_reviewed, issuer, date, number, kind, "
      "excerpt, source_file, url FROM documents WHERE ?1 = '' OR slug = ?1 "
      "ORDER BY display_order, id");
  if (!statement) return Error{statement.error()};
  statement->bind(1, slug);
  std::vector<StoredDocument> documents;
  while (statement->next_row()) {
    StoredDocument document;
    document.id = statement->int64(0);
    document.slug = statement->text(1);
    document.title_zh = statement->text(2);
    document.title_mn = statement->text(3);
    document.title_mn_reviewed = statement->int64(4) != 0;
    document.issuer = statement->text(5);
    document.date = statement->text(6);
    document.number = statement->text(7);
    document.kind = statement->text(8);
    document.excerpt = statement->int64(9) != 0;
    document.source_file = statement->text(10);
    document.url = statement->text(11);
    documents.push_back(std::move(document));
  }
  if (statement->failed()) return statement->error("reading documents");
  return documents;
}

std::optional<NodeKind> node_kind(const std::string& name) {
  for (std::size_t k = 0; k < kNodeKindCount; ++k) {
    const auto kind = static_cast<NodeKind>(k);
    if (name == to_string(kind)) return kind;
  }
  return std::nullopt;
}

// The tree of one document, children in position order.
Status load_tree(sqlite3* db, StoredDocument& document) {
  auto statement = sqlite::Statement::prepare(
      db,
      "SELECT n.id, n.parent_id, n.kind, n.label, n.ordinal, n.heading, n.source_line, p.text "
      "FROM nodes n LEFT JOIN paragraphs p ON p.node_id = n.id "
      "WHERE n.document_id = ?1 ORDER BY n.parent_id, n.position");
  if (!statement) return Error{statement.error()};
  statement->bind(1, document.id);
  std::map<std::int64_t, std::vector<std::pair<std::int64_t, Node>>> children;  // 0: the top
  std::map<std::int64_t, Node*> by_id;
  while (statement->next_row()) {
    Node node;
    const auto kind = node_kind(statement->text(2));
    if (!kind)
      return Error{"document " + document.slug + ": unknown node kind " + statement->text(2)};
    node.kind = *kind;
    node.label = statement->text(3);
    node.ordinal = static_cast<int>(statement->int64(4));
    node.heading = statement->text(5);
    node.source_line = static_cast<int>(statement->int64(6));
    node.text = statement->text(7);
    const std::int64_t parent = statement->is_null(1) ? 0 : statement->int64(1);
    children[parent].emplace_back(statement->int64(0), std::move(node));
  }
  if (statement->failed()) return statement->error("reading the nodes of " + document.slug);

  auto attributes = sqlite::Statement::prepare(
      db,
      "SELECT a.node_id, a.key, a.value FROM node_attributes a JOIN nodes n ON n.id = a.node_id "
      "WHERE n.document_id = ?1");
  if (!attributes) return Error{attributes.error()};
  attributes->bind(1, document.id);
  std::map<std::int64_t, std::map<std::string, std::string>> attributes_by_node;
  while (attributes->next_row()) {
    attributes_by_node[attributes->int64(0)][attributes->text(1)] = attributes->text(2);
  }
  if (attributes->failed()) return attributes->error("reading the attributes of " + document.slug);

  // Depth-first assembly; a node whose parent is missing (a corrupt file) is left out, and a
  // cycle cannot recurse because each id is taken from `children` once.
  auto build = [&](auto&& self, std::int64_t parent) -> std::vector<Node> {
    std::vector<Node> nodes;
    auto found = children.find(parent);
    if (found == children.end()) return nodes;
    auto rows = std::move(found->second);
    children.erase(found);
    for (auto& [id, node] : rows) {
      if (auto attrs = attributes_by_node.find(id); attrs != attributes_by_node.end()) {
        node.attributes = std::move(attrs->second);
      }
      node.children = self(self, id);
      nodes.push_back(std::move(node));
    }
    return nodes;
  };
  document.nodes = build(build, 0);
  return Nothing{};
}

// [SECTION] Inspect

std::string plural(std::size_t count, const char* one, const char* many) {
  return std::to_string(count) + " " + (count == 1 ? one : many);
}

std::size_t count_paragraphs(const std::vector<Node>& nodes) {
  std::size_t count = 0;
  for (const Node& node : nodes) count += node.kind == NodeKind::kParagraph ? 1 : 0;
  return count;
}

void count_kinds(const std::vector<Node>& nodes, std::map<NodeKind, std::size_t>& counts) {
  for (const Node& node : nodes) {
    ++counts[node.kind];
    count_kinds(node.children, counts);
  }
}

// Numbered nodes one a line, indented by depth, with the number of paragraphs directly under
// them; at the top level, runs of paragraphs between numbered nodes (preamble, closing) as
// "[n paragraphs]" (deeper ones are already counted on their node's line).
constexpr int kTopLevel = 1;  // the document's own nodes, indented under its metadata

void print_tree(std::ostringstream& out, const std::vector<Node>& nodes, int depth) {
  const std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
  std::size_t run = 0;
  auto flush_run = [&] {
    if (run > 0 && depth == kTopLevel)
      out << indent << "[" << plural(run, "paragraph", "paragraphs") << "]\n";
    run = 0;
  };
  for (const Node& node : nodes) {
    if (node.kind == NodeKind::kParagraph) {
      ++run;
      continue;
    }
    flush_run();
    out << indent << node.label << (node.label.empty() || node.heading.empty() ? "" : " ")
        << node.heading << "  ["
        << plural(count_paragraphs(node.children), "paragraph", "paragraphs") << "]\n";
    for (const auto& [key, value] : node.attributes) {
      out << indent << "  " << reading_order::attribute_prefix(key) << value << "\n";
    }
    print_tree(out, node.children, depth + 1);
  }
  flush_run();
}

std::string describe_meta(sqlite3* db, const std::string& path) {
  auto statement = sqlite::Statement::prepare(db, "SELECT key, value FROM meta");
  if (!statement) return path + "\n";
  std::map<std::string, std::string> meta;
  while (statement->next_row()) meta[statement->text(0)] = statement->text(1);
  std::string built = meta["built_at"];
  // Seconds since the epoch are what the file stores (SOURCE_DATE_EPOCH); people read dates.
  char iso[32] = {};
  std::tm tm{};
  const auto seconds = static_cast<std::time_t>(std::strtoll(built.c_str(), nullptr, 10));
  if (gmtime_r(&seconds, &tm) != nullptr &&
      std::strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%SZ", &tm) > 0) {
    built = iso;
  }
  return path + ": schema " + meta["schema_version"] + ", content version " +
         meta["content_version"] + ", built " + built + " by " + meta["generator"] + "\n";
}

// The topic chips in the order shown, one a line: "1. 模范自治区  33 hits, 32 paragraphs, 4
// documents  mn ... (draft)".
std::string describe_topics(sqlite3* db) {
  auto statement = sqlite::Statement::prepare(
      db,
      "SELECT position, term_zh, term_mn, mn_reviewed, hits, paragraphs, documents FROM topics "
      "ORDER BY position");
  if (!statement) return "topics: " + statement.error() + "\n";
  std::ostringstream out;
  std::size_t count = 0;
  while (statement->next_row()) {
    ++count;
    const std::string mn = statement->text(2);
    out << "  " << statement->int64(0) + 1 << ". " << statement->text(1) << "  "
        << plural(static_cast<std::size_t>(statement->int64(4)), "hit", "hits") << ", "
        << plural(static_cast<std::size_t>(statement->int64(5)), "paragraph", "paragraphs") << ", "
        << plural(static_cast<std::size_t>(statement->int64(6)), "document", "documents") << "  mn "
        << (mn.empty() ? "-" : mn + (statement->int64(3) != 0 ? "" : "  (draft, awaiting review)"))
        << "\n";
  }
  return "\ntopics (search chips, in the order shown): " + std::to_string(count) + "\n" + out.str();
}

// [SECTION] Search helpers

std::size_t count_codepoints(const std::string& utf8) {
  std::size_t count = 0;
  for (unsigned char byte : utf8) count += (byte & 0xC0U) != 0x80U ? 1 : 0;
  return count;
}

std::string ascii_lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

// The byte offsets of the code points of `text`, plus its size at the end.
std::vector<std::size_t> codepoint_offsets(const std::string& text) {
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0U) != 0x80U) offsets.push_back(i);
  }
  offsets.push_back(text.size());
  return offsets;
}

// ~20 characters either side of the first match, every match inside wrapped in 【】. Matching
// ignores ASCII case, as the trigram index does.
std::string make_snippet(const std::string& text, const std::string& query) {
  constexpr std::size_t kContext = 20;
  const std::string folded_text = ascii_lower(text);
  const std::string folded_query = ascii_lower(query);
  const std::size_t first = folded_text.find(folded_query);
  if (first == std::string::npos) return text.substr(0, 3 * kContext);  // (Unicode case folding)
  const std::vector<std::size_t> offsets = codepoint_offsets(text);
  const auto index_of = [&](std::size_t byte) {
    return static_cast<std::size_t>(std::lower_bound(offsets.begin(), offsets.end(), byte) -
                                    offsets.begin());
  };
  const std::size_t characters = offsets.size() - 1;
  const std::size_t match_begin = index_of(first);
  const std::size_t match_end = index_of(first + query.size());
  const std::size_t begin = match_begin > kContext ? match_begin - kContext : 0;
  const std::size_t end = std::min(characters, match_end + kContext);
  std::string snippet = begin > 0 ? "…" : "";
  std::size_t at = offsets[begin];
  const std::size_t stop = offsets[end];
  for (std::size_t found = first; found != std::string::npos && found + query.size() <= stop;
       found = folded_text.find(folded_query, found + query.size())) {
    if (found < at) continue;
    snippet += text.substr(at, found - at) + "【" + text.substr(found, query.size()) + "】";
    at = found + query.size();
  }
  snippet += text.substr(at, stop - at);
  if (end < characters) snippet += "…";
  return snippet;
}

}  // namespace

// [SECTION] inspect_release

Result<std::string> inspect_release(const std::string& path, const std::string& slug,
                                    bool with_text) {
  auto db = open_release(path);
  if (!db) return Error{db.error()};
  auto documents = load_documents(db->get(), slug);
  if (!documents) return Error{path + ": " + documents.error()};
  if (documents->empty()) {
    if (slug.empty()) return Error{path + ": the release has no documents"};
    std::string known;
    auto all = load_documents(db->get(), "");
    if (all) {
      for (const auto& document : all.value()) known += (known.empty() ? "" : ", ") + document.slug;
    }
    return Error{path + ": no document '" + slug + "' (the release has: " + known + ")"};
  }
  std::ostringstream out;
  if (!with_text) out << describe_meta(db->get(), path);
  bool first = true;
  for (StoredDocument& document : documents.value()) {
    if (auto status = load_tree(db->get(), document); !status) {
      return Error{path + ": " + status.error()};
    }
    if (with_text) {
      out << (first ? "" : "\n") << reading_order::document_text(document.title_zh, document.nodes);
      first = false;
      continue;
    }
    std::map<NodeKind, std::size_t> counts;
    count_kinds(document.nodes, counts);
    std::string structure;
    // Outermost first, paragraphs last; kinds the document does not use are left out.
    for (NodeKind kind : {NodeKind::kBook, NodeKind::kChapter, NodeKind::kSection,
                          NodeKind::kArticle, NodeKind::kPart, NodeKind::kItem, NodeKind::kPoint,
                          NodeKind::kSubpoint, NodeKind::kHeading, NodeKind::kParagraph}) {
      if (counts[kind] == 0) continue;
      structure += (structure.empty() ? "" : ", ") + std::to_string(counts[kind]) + " " +
                   to_string(kind) + (counts[kind] == 1 ? "" : "s");
    }
    out << "\n"
        << document.slug << "\n"
        << "  title     " << document.title_zh << "\n"
        << "  title_mn  " << document.title_mn
        << (document.title_mn_reviewed ? "" : "  (draft, awaiting review)") << "\n"
        << "  issuer    " << document.issuer << "\n"
        << "  date      " << document.date << "\n"
        << "  number    " << (document.number.empty() ? "-" : document.number) << "\n"
        << "  kind      " << document.kind << "\n"
        << "  excerpt   " << (document.excerpt ? "yes" : "no") << "\n"
        << "  source    " << document.source_file << "\n"
        << "  url       " << (document.url.empty() ? "-  (no QR code)" : document.url) << "\n"
        << "  structure " << (structure.empty() ? "empty" : structure) << "\n";
    print_tree(out, document.nodes, 1);
  }
  if (!with_text && slug.empty()) out << describe_topics(db->get());
  return out.str();
}

// [SECTION] search_release

Result<std::vector<SearchHit>> search_release(const std::string& path, const std::string& query) {
  if (query.empty()) return Error{"nothing to search for"};
  auto db = open_release(path);
  if (!db) return Error{db.error()};
  // The trigram index finds substrings of three characters or more; shorter queries ("稀土")
  // scan the text, which for a release of a few documents takes milliseconds.
  const bool indexed = count_codepoints(query) >= 3;
  const std::string select =
      "SELECT s.node_id, s.text, d.slug, d.title_zh FROM search_text s "
      "JOIN nodes n ON n.id = s.node_id JOIN documents d ON d.id = n.document_id ";
  const std::string where =
      indexed ? "WHERE s.node_id IN (SELECT rowid FROM paragraph_search WHERE paragraph_search "
                "MATCH ?1) "
              : "WHERE instr(s.text, ?1) > 0 ";
  auto statement = sqlite::Statement::prepare(
      db->get(), select + where + "ORDER BY d.display_order, d.id, n.id");
  if (!statement) return Error{path + ": " + statement.error()};
  if (indexed) {
    // An FTS5 string: the whole query is one phrase, with its double quotes doubled, so
    // operators (AND, *, :, ...) in what a visitor types are just text.
    std::string phrase = "\"";
    for (char c : query) phrase += c == '"' ? std::string("\"\"") : std::string(1, c);
    statement->bind(1, phrase + "\"");
  } else {
    statement->bind(1, query);
  }
  auto parent =
      sqlite::Statement::prepare(db->get(), "SELECT parent_id, label FROM nodes WHERE id = ?1");
  if (!parent) return Error{path + ": " + parent.error()};

  std::vector<SearchHit> hits;
  while (statement->next_row()) {
    SearchHit hit;
    hit.document_slug = statement->text(2);
    hit.document_title = statement->text(3);
    hit.snippet = make_snippet(statement->text(1), query);
    // The nearest numbered node, the hit's own for a heading; bounded against a corrupt cycle.
    std::optional<std::int64_t> node = statement->int64(0);
    for (int depth = 0; node && depth < 64 && hit.node_label.empty(); ++depth) {
      parent->reset();
      parent->bind(1, *node);
      if (!parent->next_row()) break;
      hit.node_label = parent->text(1);
      node = parent->is_null(0) ? std::nullopt : std::optional(parent->int64(0));
    }
    hits.push_back(std::move(hit));
  }
  if (statement->failed()) return Error{path + ": " + statement->error("searching").message};
  return hits;
}

}  // namespace kiosk::content
