// The Mongolian strings of a content source directory, with where each stands in its TOML file,
// and the terminology file (content/terms.toml). Read with toml++ for the values and positions,
// and line by line for the raw text, so that a diagnostic can point at the character at fault.
#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "content/pipeline/pipeline.h"
#include "firmware/mongolian/mongolian.h"

namespace kiosk::content {

namespace {

struct TomlFile {
  toml::table table;
  std::vector<std::string> lines;
};

Result<TomlFile> read_toml(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{Diagnostic{path, 0, 0, "cannot read the file"}.to_string()};
  std::ostringstream contents;
  contents << in.rdbuf();
  TomlFile file;
  std::istringstream lines(contents.str());
  for (std::string line; std::getline(lines, line);) file.lines.push_back(line);
  // Debian's toml++ throws; the error becomes a value here.
  try {
    file.table = toml::parse(contents.str(), path);
  } catch (const toml::parse_error& failure) {
    return Error{Diagnostic{path, static_cast<int>(failure.source().begin.line),
                            static_cast<int>(failure.source().begin.column),
                            std::string(failure.description())}
                     .to_string()};
  }
  return file;
}

std::string string_at(const toml::table& table, const char* key) {
  if (const auto* node = table.get(key); node != nullptr && node->as_string() != nullptr)
    return node->as_string()->get();
  return {};
}

bool boolean_at(const toml::table& table, const char* key) {
  if (const auto* node = table.get(key); node != nullptr && node->as_boolean() != nullptr)
    return node->as_boolean()->get();
  return false;
}

// Fills the position fields of `out` from the node of its Mongolian value.
void place(MongolianString& out, const TomlFile& file, const toml::node& value) {
  out.line = static_cast<int>(value.source().begin.line);
  out.value_column = static_cast<int>(value.source().begin.column);
  if (out.line >= 1 && static_cast<std::size_t>(out.line) <= file.lines.size())
    out.raw_line = file.lines[static_cast<std::size_t>(out.line) - 1];
}

void collect_ui_strings(const TomlFile& file, const std::string& path, const toml::table& table,
                        const std::string& prefix, std::vector<MongolianString>& out) {
  // toml++ keeps a table's keys sorted; the file order is the order of the values' lines.
  std::vector<std::pair<const toml::table*, std::string>> entries;
  for (const auto& [key, node] : table) {
    const auto* entry = node.as_table();
    if (entry == nullptr) continue;
    const std::string name = prefix + std::string(key.str());
    if (entry->get("zh") == nullptr && entry->get("mn") == nullptr) {
      collect_ui_strings(file, path, *entry, name + ".", out);
      continue;
    }
    const toml::node* mn = entry->get("mn");
    if (mn == nullptr || mn->as_string() == nullptr) continue;
    MongolianString string;
    string.key = name;
    string.file = path;
    string.field = "mn";
    string.reviewed_field = "mn_reviewed";
    string.zh = string_at(*entry, "zh");
    string.mn = mn->as_string()->get();
    string.reviewed = boolean_at(*entry, "mn_reviewed");
    place(string, file, *mn);
    out.push_back(std::move(string));
  }
}

}  // namespace

int MongolianString::column_of(std::size_t index) const {
  const std::u32string raw = mongolian::to_utf32(raw_line);
  std::size_t at = value_column > 0 ? static_cast<std::size_t>(value_column) : 1;  // the quote
  if (at > raw.size()) return value_column;
  for (std::size_t code_point = 0; at < raw.size(); ++code_point) {
    if (code_point == index) return static_cast<int>(at) + 1;
    if (raw[at] != U'\\') {
      ++at;
    } else if (at + 1 < raw.size() && raw[at + 1] == U'u') {
      at += 6;
    } else if (at + 1 < raw.size() && raw[at + 1] == U'U') {
      at += 10;
    } else {
      at += 2;
    }
  }
  return value_column;
}

Result<std::vector<MongolianString>> mongolian_strings(const std::string& source_dir) {
  namespace fs = std::filesystem;
  std::vector<MongolianString> strings;
  const std::string ui_path = (fs::path(source_dir) / "ui_strings.toml").string();
  auto ui = read_toml(ui_path);
  if (!ui) return Error{ui.error()};
  collect_ui_strings(ui.value(), ui_path, ui->table, "", strings);
  std::stable_sort(
      strings.begin(), strings.end(),
      [](const MongolianString& a, const MongolianString& b) { return a.line < b.line; });

  // The topic chips' Mongolian (topics.toml, optional), laid out like the UI strings.
  const std::string topics_path = (fs::path(source_dir) / "topics.toml").string();
  std::error_code no_topics;
  if (fs::exists(topics_path, no_topics)) {
    auto topics = read_toml(topics_path);
    if (!topics) return Error{topics.error()};
    std::vector<MongolianString> topic_strings;
    collect_ui_strings(topics.value(), topics_path, topics->table, "", topic_strings);
    std::stable_sort(
        topic_strings.begin(), topic_strings.end(),
        [](const MongolianString& a, const MongolianString& b) { return a.line < b.line; });
    for (auto& string : topic_strings) strings.push_back(std::move(string));
  }

  std::vector<fs::path> documents;
  const fs::path documents_dir = fs::path(source_dir) / "documents";
  std::error_code ignored;
  for (const auto& entry : fs::directory_iterator(documents_dir, ignored)) {
    if (entry.path().extension() == ".toml") documents.push_back(entry.path());
  }
  std::sort(documents.begin(), documents.end());
  for (const fs::path& document : documents) {
    auto file = read_toml(document.string());
    if (!file) return Error{file.error()};
    const std::string slug = string_at(file->table, "slug");
    for (const auto& [field, zh_field, suffix] : {std::tuple{"title_mn", "title_zh", ".title"},
                                                  std::tuple{"issuer_mn", "issuer", ".issuer"}}) {
      const toml::node* mn = file->table.get(field);
      if (mn == nullptr || mn->as_string() == nullptr) continue;
      MongolianString string;
      string.key = slug + suffix;
      string.file = document.string();
      string.field = field;
      string.reviewed_field = std::string(field) + "_reviewed";
      string.zh = string_at(file->table, zh_field);
      string.mn = mn->as_string()->get();
      string.reviewed = boolean_at(file->table, string.reviewed_field.c_str());
      place(string, file.value(), *mn);
      strings.push_back(std::move(string));
    }
  }
  return strings;
}

Result<Terminology> load_terms(const std::string& path) {
  auto file = read_toml(path);
  if (!file) return Error{file.error()};
  Terminology terminology;
  terminology.file = path;
  const toml::node* terms = file->table.get("term");
  if (terms == nullptr || terms->as_array() == nullptr) {
    return Error{
        Diagnostic{path, 0, 0, "expected [[term]] entries with zh, mn and source"}.to_string()};
  }
  for (const toml::node& node : *terms->as_array()) {
    const auto* entry = node.as_table();
    const auto line = static_cast<int>(node.source().begin.line);
    if (entry == nullptr)
      return Error{Diagnostic{path, line, 0, "a term must be a table"}.to_string()};
    Term term;
    term.zh = string_at(*entry, "zh");
    term.mn = string_at(*entry, "mn");
    term.source = string_at(*entry, "source");
    term.line = line;
    for (const auto& [key, value] : *entry) {
      const std::string name(key.str());
      if (name == "forms" || name == "except") {
        auto& out = name == "forms" ? term.forms : term.except;
        if (const auto* array = value.as_array()) {
          for (const toml::node& element : *array) {
            if (const auto* text = element.as_string()) out.push_back(text->get());
          }
        }
      } else if (name != "zh" && name != "mn" && name != "source" && name != "note") {
        return Error{Diagnostic{
            path, static_cast<int>(key.source().begin.line),
            static_cast<int>(key.source().begin.column),
            "unknown key '" + name + "' in a term (expected zh, mn, source, forms, except, note)"}
                         .to_string()};
      }
    }
    if (term.zh.empty() || term.mn.empty() || term.source.empty()) {
      return Error{Diagnostic{path, line, 0, "a term needs zh, mn and source"}.to_string()};
    }
    terminology.terms.push_back(std::move(term));
  }
  return terminology;
}

Result<Terminology> load_source_terms(const std::string& source_dir) {
  const std::string path = (std::filesystem::path(source_dir) / "terms.toml").string();
  std::error_code error;
  if (!std::filesystem::exists(path, error)) {
    Terminology empty;
    empty.file = path;
    return empty;
  }
  return load_terms(path);
}

}  // namespace kiosk::content
