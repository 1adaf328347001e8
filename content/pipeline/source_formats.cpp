// The importer's input formats (see source_formats.h): the format is recognised by the bytes,
// never by the file name, because editors rename files (a .doc saved as "x.docx" is common).
#include "content/pipeline/source_formats.h"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>
#include <zip.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <set>
#include <utility>

#include "content/pipeline/importer_text.h"

namespace kiosk::content::importer {
namespace {

// [SECTION] Messages and line ends

Error file_error(const std::string& file, const std::string& message) {
  return Error{Diagnostic{file, 0, 0, message}.to_string()};
}

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kZeroWidthSpace = "\xE2\x80\x8B";  // U+200B

bool starts_with(std::string_view bytes, std::string_view prefix) {
  return bytes.substr(0, prefix.size()) == prefix;
}

// CRLF and lone CR become LF; `lone_cr` counts the lone ones (old Mac line ends).
std::string normalise_line_ends(std::string_view text, int* lone_cr = nullptr) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (text[at] != '\r') {
      out += text[at];
      continue;
    }
    out += '\n';
    if (at + 1 < text.size() && text[at + 1] == '\n') {
      ++at;
    } else if (lone_cr != nullptr) {
      ++*lone_cr;
    }
  }
  return out;
}

std::string count_text(int count, const char* one, const char* many) {
  return std::to_string(count) + " " + (count == 1 ? one : many);
}

// [SECTION] Text encodings

struct ConverterClose {
  void operator()(UConverter* converter) const { ucnv_close(converter); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterClose>;

// `bytes` in `charset` as UTF-8, or nothing when any sequence is invalid, truncated or has no
// Unicode mapping (ICU's stop callback: nothing is replaced or skipped).
std::optional<std::string> convert_strictly(std::string_view bytes, const char* charset) {
  if (bytes.size() > static_cast<std::size_t>(INT32_MAX)) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  ConverterPtr converter(ucnv_open(charset, &status));
  if (U_FAILURE(status) || !converter) return std::nullopt;
  ucnv_setToUCallBack(converter.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  if (U_FAILURE(status)) return std::nullopt;
  const icu::UnicodeString text(bytes.data(), static_cast<int32_t>(bytes.size()), converter.get(),
                                status);
  if (U_FAILURE(status) || text.isBogus()) return std::nullopt;
  std::string out;
  text.toUTF8String(out);
  return out;
}

// Of the bytes 0x80 and above, how many belong to well-formed UTF-8 sequences. A UTF-8 file
// with a damaged byte has nearly all of them; GBK text has few (its pairs rarely happen to be
// UTF-8), so this tells a damaged UTF-8 file from a file in another encoding.
double utf8_share(std::string_view bytes) {
  const auto* data = reinterpret_cast<const std::uint8_t*>(bytes.data());
  const auto length = static_cast<int32_t>(std::min<std::size_t>(bytes.size(), INT32_MAX));
  int32_t high = 0;
  int32_t in_utf8 = 0;
  for (int32_t at = 0; at < length;) {
    const int32_t start = at;
    UChar32 c = 0;
    U8_NEXT(data, at, length, c);
    if (data[start] < 0x80) continue;
    high += at - start;
    if (c >= 0) in_utf8 += at - start;
  }
  return high == 0 ? 1.0 : static_cast<double>(in_utf8) / high;
}

bool is_cjk_text_char(char32_t c) {
  return is_han(c) || (c >= 0x3000 && c <= 0x303F) ||  // CJK symbols and punctuation
         (c >= 0xFF00 && c <= 0xFFEF) ||               // full-width forms
         (c >= 0x2010 && c <= 0x2027) ||               // dashes, quotes, ellipsis
         c == 0x00B7 || c == 0x00D7;                   // middle dot, multiplication sign
}

// A GB18030 reading is taken only when it reads as Chinese: at least kMinHan Chinese
// characters, most non-ASCII characters Chinese text, and nothing in the private use area
// (GBK's user-defined codes) or among the C1 controls.
bool reads_as_chinese(std::string_view utf8) {
  constexpr int kMinHan = 4;
  constexpr double kMinCjkShare = 0.7;
  int han = 0;
  int cjk = 0;
  int non_ascii = 0;
  for (const char32_t c : from_utf8(utf8)) {
    if (c == 0) return false;
    if (c < 0x80 || c == 0xFEFF) continue;
    if ((c >= 0x80 && c <= 0x9F) || (c >= 0xE000 && c <= 0xF8FF) || c >= 0xF0000) return false;
    ++non_ascii;
    if (is_han(c)) ++han;
    if (is_cjk_text_char(c)) ++cjk;
  }
  return han >= kMinHan && cjk >= kMinCjkShare * non_ascii;
}

std::string without_bom(std::string text) {
  if (starts_with(text, kUtf8Bom)) text.erase(0, kUtf8Bom.size());
  return text;
}

Result<ConvertedSource> convert_text(const std::string& file, std::string_view bytes) {
  ConvertedSource out;
  const bool bom = starts_with(bytes, kUtf8Bom);
  const std::string_view body = bom ? bytes.substr(kUtf8Bom.size()) : bytes;
  const DecodedSource decoded = decode_source(body);
  if (!decoded.invalid) {
    for (std::size_t line = 0; line < decoded.lines.size(); ++line) {
      const auto nul = decoded.lines[line].find(U'\0');
      if (nul == std::u32string::npos) continue;
      return Error{Diagnostic{file, static_cast<int>(line) + 1, static_cast<int>(nul) + 1,
                              "a NUL byte in text: this is not a text file (or it is UTF-16 "
                              "without a byte order mark): save it as UTF-8 text, or send the "
                              "Word document (.docx)"}
                       .to_string()};
    }
    int lone_cr = 0;
    out.text = normalise_line_ends(body, &lone_cr);
    out.format = "utf-8";
    if (bom) out.notes.emplace_back("UTF-8 byte order mark removed");
    if (lone_cr > 0) {
      out.notes.push_back("old Mac line ends (CR) read as line breaks: " + std::to_string(lone_cr));
    }
    return out;
  }

  constexpr double kDamagedUtf8Share = 0.5;
  if (utf8_share(body) < kDamagedUtf8Share) {
    if (auto gb = convert_strictly(bytes, "gb18030"); gb && reads_as_chinese(*gb)) {
      out.text = normalise_line_ends(without_bom(std::move(*gb)));
      out.format = "gb18030";
      out.notes.emplace_back("converted from GB18030 (GBK) to UTF-8 (ICU)");
      return out;
    }
  }
  char byte[8];
  std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned>(decoded.invalid->byte));
  return Error{Diagnostic{file, decoded.invalid->where.line, decoded.invalid->where.column,
                          std::string("invalid UTF-8 (byte ") + byte +
                              "); the file is neither UTF-8 nor GB18030/GBK text: save it as "
                              "UTF-8 text, or send the Word document (.docx)"}
                   .to_string()};
}

Result<ConvertedSource> convert_utf16(const std::string& file, std::string_view bytes) {
  const bool little = starts_with(bytes, "\xFF\xFE");
  const char* charset = little ? "UTF-16LE" : "UTF-16BE";
  auto text = convert_strictly(bytes.substr(2), charset);
  if (!text) {
    return file_error(file, std::string("the file starts as ") + charset +
                                " text (byte order mark) but is not valid " + charset +
                                ": save it as UTF-8 text");
  }
  ConvertedSource out;
  out.text = normalise_line_ends(*text);
  out.format = little ? "utf-16le" : "utf-16be";
  out.notes.push_back(std::string("converted from ") + charset + " to UTF-8 (ICU)");
  return out;
}

// [SECTION] ZIP archives (libzip)

struct ZipDiscard {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
struct ZipSourceFree {
  void operator()(zip_source_t* source) const { zip_source_free(source); }
};
struct ZipFileClose {
  void operator()(zip_file_t* entry) const { zip_fclose(entry); }
};

// A read-only ZIP archive over bytes the caller keeps alive.
class ZipArchive {
 public:
  // The error is libzip's reason.
  static Result<ZipArchive> open(std::string_view bytes) {
    zip_error_t error;
    zip_error_init(&error);
    std::unique_ptr<zip_source_t, ZipSourceFree> source(
        zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error));
    if (!source) return zip_failure(error);
    zip_t* archive = zip_open_from_source(source.get(), ZIP_RDONLY, &error);
    if (archive == nullptr) return zip_failure(error);
    source.release();  // NOLINT(bugprone-unused-return-value): the archive owns it now
    return ZipArchive(archive);
  }

  [[nodiscard]] bool has(const std::string& name) const {
    return zip_name_locate(archive_.get(), name.c_str(), 0) >= 0;
  }

  // The whole entry, its checksum verified; the error names the entry and libzip's reason.
  [[nodiscard]] Result<std::string> read(const std::string& name) const {
    constexpr zip_uint64_t kMaxEntryBytes = 256u << 20;  // far beyond any real document part
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat(archive_.get(), name.c_str(), 0, &stat) != 0) {
      return Error{name + ": " + zip_strerror(archive_.get())};
    }
    if ((stat.valid & ZIP_STAT_SIZE) == 0 || stat.size > kMaxEntryBytes) {
      return Error{name + ": too large (" + std::to_string(stat.size) + " bytes)"};
    }
    std::unique_ptr<zip_file_t, ZipFileClose> entry(zip_fopen(archive_.get(), name.c_str(), 0));
    if (!entry) return Error{name + ": " + zip_strerror(archive_.get())};
    std::string out(stat.size, '\0');
    zip_uint64_t done = 0;
    while (done < stat.size) {
      const zip_int64_t got = zip_fread(entry.get(), out.data() + done, stat.size - done);
      if (got < 0) return Error{name + ": " + zip_file_strerror(entry.get())};
      if (got == 0) return Error{name + ": shorter than its header says"};
      done += static_cast<zip_uint64_t>(got);
    }
    // One more read reaches the end of the entry, where libzip checks the CRC.
    char extra = 0;
    const zip_int64_t tail = zip_fread(entry.get(), &extra, 1);
    if (tail < 0) return Error{name + ": " + zip_file_strerror(entry.get())};
    if (tail > 0) return Error{name + ": longer than its header says"};
    return out;
  }

 private:
  explicit ZipArchive(zip_t* archive) : archive_(archive) {}
  static Error zip_failure(zip_error_t& error) {
    Error out{zip_error_strerror(&error)};
    zip_error_fini(&error);
    return out;
  }

  std::unique_ptr<zip_t, ZipDiscard> archive_;
};

// [SECTION] Word XML

constexpr std::string_view kWordNamespace =
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr std::string_view kWordStrictNamespace =
    "http://purl.oclc.org/ooxml/wordprocessingml/main";

// Element and attribute names in WordprocessingML's namespace, whatever prefix the part binds
// it to ("w" in practice; pugixml knows no namespaces, so the prefix is read from the root).
class Names {
 public:
  explicit Names(pugi::xml_node root) {
    for (const pugi::xml_attribute attribute : root.attributes()) {
      const std::string_view name = attribute.name();
      const std::string_view value = attribute.value();
      if (value != kWordNamespace && value != kWordStrictNamespace) continue;
      if (name == "xmlns") prefix_.clear();
      if (starts_with(name, "xmlns:")) prefix_ = std::string(name.substr(6)) + ":";
      return;
    }
  }
  [[nodiscard]] bool is(pugi::xml_node node, std::string_view local) const {
    const std::string_view name = node.name();
    return name.size() == prefix_.size() + local.size() && starts_with(name, prefix_) &&
           name.substr(prefix_.size()) == local;
  }
  [[nodiscard]] std::string name(std::string_view local) const {
    return prefix_ + std::string(local);
  }
  // The children named `local`, in order (pugixml's named ranges keep a pointer to the name,
  // so they are no use with a name built on the fly).
  [[nodiscard]] std::vector<pugi::xml_node> children(pugi::xml_node node,
                                                     std::string_view local) const {
    std::vector<pugi::xml_node> out;
    for (const pugi::xml_node child : node.children()) {
      if (is(child, local)) out.push_back(child);
    }
    return out;
  }
  [[nodiscard]] pugi::xml_node child(pugi::xml_node node, std::string_view local) const {
    return node.child(name(local).c_str());
  }
  [[nodiscard]] std::string attr(pugi::xml_node node, std::string_view local) const {
    return node.attribute(name(local).c_str()).value();
  }
  // w:val of the child `local`, or nothing when there is no such child.
  [[nodiscard]] std::optional<std::string> val(pugi::xml_node node, std::string_view local) const {
    const pugi::xml_node found = child(node, local);
    if (!found) return std::nullopt;
    return attr(found, "val");
  }
  [[nodiscard]] std::optional<int> int_val(pugi::xml_node node, std::string_view local) const {
    const auto text = val(node, local);
    if (!text || text->empty()) return std::nullopt;
    int value = 0;
    if (std::sscanf(text->c_str(), "%d", &value) != 1) return std::nullopt;
    return value;
  }
  // An on/off property (w:b, w:vanish, w:isLgl): present and not "0"/"false"/"off".
  [[nodiscard]] bool on(pugi::xml_node node, std::string_view local) const {
    const auto text = val(node, local);
    return text && *text != "0" && *text != "false" && *text != "off";
  }

 private:
  std::string prefix_ = "w:";
};

Result<pugi::xml_document> parse_part(const std::string& part, const std::string& xml) {
  pugi::xml_document document;
  const pugi::xml_parse_result parsed =
      document.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata);
  if (!parsed) {
    return Error{part + ": XML error at byte " + std::to_string(parsed.offset) + " (" +
                 parsed.description() + ")"};
  }
  return document;
}

std::string lowercase(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

// [SECTION] Styles (word/styles.xml)

struct ParagraphStyle {
  std::string name;
  std::string based_on;
  std::optional<int> outline_level;  // w:outlineLvl: 0..8 heading 1..9, 9 body text
  std::optional<int> num_id;
  std::optional<int> ilvl;
};

struct WordStyles {
  std::map<std::string, ParagraphStyle> by_id;
  std::string default_paragraph;

  void read(const pugi::xml_document& xml) {
    const pugi::xml_node root = xml.document_element();
    const Names w(root);
    for (const pugi::xml_node style : w.children(root, "style")) {
      const std::string id = w.attr(style, "styleId");
      ParagraphStyle& entry = by_id[id];
      entry.name = w.val(style, "name").value_or("");
      entry.based_on = w.val(style, "basedOn").value_or("");
      const pugi::xml_node properties = w.child(style, "pPr");
      entry.outline_level = w.int_val(properties, "outlineLvl");
      const pugi::xml_node numbering = w.child(properties, "numPr");
      entry.num_id = w.int_val(numbering, "numId");
      entry.ilvl = w.int_val(numbering, "ilvl");
      const std::string is_default = w.attr(style, "default");
      if (w.attr(style, "type") == "paragraph" && (is_default == "1" || is_default == "true")) {
        default_paragraph = id;
      }
    }
  }

  // The style and those it is based on, nearest first (a cycle ends the chain).
  [[nodiscard]] std::vector<const ParagraphStyle*> chain(const std::string& id) const {
    std::vector<const ParagraphStyle*> out;
    std::set<std::string> seen;
    std::string at = id.empty() ? default_paragraph : id;
    while (!at.empty() && seen.insert(at).second) {
      const auto found = by_id.find(at);
      if (found == by_id.end()) break;
      out.push_back(&found->second);
      at = found->second.based_on;
    }
    return out;
  }

  // 1..9 for a heading style (its outline level, or a built-in "heading N" name), else 0.
  [[nodiscard]] int heading_level(const std::string& id) const {
    for (const ParagraphStyle* style : chain(id)) {
      if (style->outline_level) return *style->outline_level < 9 ? *style->outline_level + 1 : 0;
      const std::string name = lowercase(style->name);
      if (name.size() == 9 && starts_with(name, "heading ") && name[8] >= '1' && name[8] <= '9') {
        return name[8] - '0';
      }
    }
    return 0;
  }
};

// [SECTION] Numbering (word/numbering.xml)

struct ListLevel {
  int start = 1;
  std::string format = "decimal";  // w:numFmt
  std::string text;                // w:lvlText, "%1" stands for level 1's number
  int restart = -1;                // w:lvlRestart: -1 after any higher level, 0 never
  bool legal = false;              // w:isLgl: every number in decimal digits
  std::string suffix = "tab";      // w:suff: tab, space or nothing
  std::string style;               // w:pStyle: the paragraph style this level belongs to
};

void read_level(const Names& w, pugi::xml_node node, ListLevel& level) {
  if (auto start = w.int_val(node, "start")) level.start = *start;
  if (auto format = w.val(node, "numFmt")) level.format = *format;
  if (auto text = w.val(node, "lvlText")) level.text = *text;
  if (auto restart = w.int_val(node, "lvlRestart")) level.restart = *restart;
  if (w.child(node, "isLgl")) level.legal = w.on(node, "isLgl");
  if (auto suffix = w.val(node, "suff")) level.suffix = *suffix;
  if (auto style = w.val(node, "pStyle")) level.style = *style;
}

constexpr int kLevels = 9;

struct AbstractList {
  std::array<ListLevel, kLevels> levels;
  std::string num_style_link;  // the list is defined by a numbering style elsewhere
};

struct ListInstance {
  int abstract_id = -1;
  std::map<int, int> start_override;
  std::map<int, ListLevel> level_override;
};

// Word's counters: lists (w:num) that share an abstract list count together, as Word shows
// them; a w:startOverride restarts the count where its list is first used at that level.
class WordNumbering {
 public:
  void read(const pugi::xml_document& xml) {
    const pugi::xml_node root = xml.document_element();
    const Names w(root);
    for (const pugi::xml_node node : w.children(root, "abstractNum")) {
      AbstractList& list = abstracts_[std::atoi(w.attr(node, "abstractNumId").c_str())];
      list.num_style_link = w.val(node, "numStyleLink").value_or("");
      for (const pugi::xml_node level : w.children(node, "lvl")) {
        const int index = std::atoi(w.attr(level, "ilvl").c_str());
        if (index >= 0 && index < kLevels) read_level(w, level, list.levels[index]);
      }
    }
    for (const pugi::xml_node node : w.children(root, "num")) {
      ListInstance& instance = instances_[std::atoi(w.attr(node, "numId").c_str())];
      instance.abstract_id = w.int_val(node, "abstractNumId").value_or(-1);
      for (const pugi::xml_node override : w.children(node, "lvlOverride")) {
        const int index = std::atoi(w.attr(override, "ilvl").c_str());
        if (index < 0 || index >= kLevels) continue;
        if (auto start = w.int_val(override, "startOverride")) {
          instance.start_override[index] = *start;
        }
        if (const pugi::xml_node level = w.child(override, "lvl")) {
          const auto abstract = abstracts_.find(instance.abstract_id);
          ListLevel replaced =
              abstract != abstracts_.end() ? abstract->second.levels[index] : ListLevel{};
          read_level(w, level, replaced);
          instance.level_override[index] = replaced;
        }
      }
    }
  }

  // The level of list `num_id` that belongs to paragraph style `style` (a heading style linked
  // to a list level), or 0.
  [[nodiscard]] int level_of_style(int num_id, const std::string& style,
                                   const WordStyles& styles) const {
    const AbstractList* list = abstract_of(num_id, styles).second;
    if (list == nullptr || style.empty()) return 0;
    for (int index = 0; index < kLevels; ++index) {
      if (list->levels[index].style == style) return index;
    }
    return 0;
  }

  // The label Word shows before the next paragraph of list `num_id` at level `ilvl` (its number
  // written out, then the suffix), counting that paragraph. Empty for no list.
  std::string next_label(int num_id, int ilvl, const WordStyles& styles,
                         std::set<std::string>& unknown_formats) {
    const auto instance = instances_.find(num_id);
    if (instance == instances_.end() || ilvl < 0 || ilvl >= kLevels) return {};
    const auto [abstract_id, list] = abstract_of(num_id, styles);
    if (list == nullptr) return {};
    const auto level = [&](int index) -> const ListLevel& {
      const auto found = instance->second.level_override.find(index);
      return found != instance->second.level_override.end() ? found->second : list->levels[index];
    };
    std::array<std::optional<int>, kLevels>& counters = counters_[abstract_id];
    const auto start = instance->second.start_override.find(ilvl);
    if (start != instance->second.start_override.end() &&
        applied_overrides_.insert({num_id, ilvl}).second) {
      counters[ilvl] = start->second;
    } else {
      counters[ilvl] = counters[ilvl] ? *counters[ilvl] + 1 : level(ilvl).start;
    }
    for (int lower = ilvl + 1; lower < kLevels; ++lower) {
      const int restart = level(lower).restart;
      if (restart < 0 || ilvl < restart) counters[lower].reset();
    }

    const ListLevel& here = level(ilvl);
    if (here.format == "none") return suffix(here);
    std::string label;
    for (std::size_t at = 0; at < here.text.size(); ++at) {
      const char c = here.text[at];
      if (c == '%' && at + 1 < here.text.size() && here.text[at + 1] >= '1' &&
          here.text[at + 1] <= '9') {
        const int index = here.text[at + 1] - '1';
        ++at;
        const int value = counters[index].value_or(level(index).start);
        const std::string format = here.legal ? "decimal" : level(index).format;
        if (format == "none") continue;
        if (format == "bullet") continue;
        bool known = true;
        label += format_list_number(value, format, &known);
        if (!known) unknown_formats.insert(format);
      } else {
        label += c;
      }
    }
    // Bullets drawn from symbol fonts (Symbol, Wingdings) sit in the private use area.
    std::u32string chars = from_utf8(label);
    for (char32_t& symbol : chars) {
      if (symbol >= 0xE000 && symbol <= 0xF8FF) symbol = U'•';
    }
    label = to_utf8(chars);
    if (label.empty()) return {};
    return label + suffix(here);
  }

 private:
  static std::string suffix(const ListLevel& level) {
    if (level.suffix == "space") return " ";
    if (level.suffix == "nothing") return {};
    return "\t";
  }

  // The abstract list behind `num_id`, following a numbering style link once.
  [[nodiscard]] std::pair<int, const AbstractList*> abstract_of(int num_id,
                                                                const WordStyles& styles) const {
    const auto instance = instances_.find(num_id);
    if (instance == instances_.end()) return {-1, nullptr};
    int id = instance->second.abstract_id;
    auto found = abstracts_.find(id);
    if (found == abstracts_.end()) return {-1, nullptr};
    if (!found->second.num_style_link.empty()) {
      const auto style = styles.by_id.find(found->second.num_style_link);
      if (style != styles.by_id.end() && style->second.num_id) {
        const auto linked = instances_.find(*style->second.num_id);
        if (linked != instances_.end() && linked->second.abstract_id != id) {
          const auto target = abstracts_.find(linked->second.abstract_id);
          if (target != abstracts_.end()) {
            id = target->first;
            found = target;
          }
        }
      }
    }
    return {id, &found->second};
  }

  std::map<int, AbstractList> abstracts_;
  std::map<int, ListInstance> instances_;
  std::map<int, std::array<std::optional<int>, kLevels>> counters_;
  std::set<std::pair<int, int>> applied_overrides_;
};

// [SECTION] The document body (word/document.xml)

struct DocxCounts {
  int paragraphs = 0;
  int in_tables = 0;
  std::map<int, int> headings;  // level -> paragraphs
  int numbered = 0;
  int zero_width_spaces = 0;
  int breaks_split = 0;   // w:br in a paragraph: a new line
  int breaks_joined = 0;  // w:br in a heading: joined
  int hidden_runs = 0;
  int deletions = 0;
  int drawings = 0;
  int note_references = 0;
  int symbols = 0;
  std::set<std::string> unknown_formats;
};

class DocumentReader {
 public:
  DocumentReader(const Names& w, const WordStyles& styles, WordNumbering& numbering)
      : w_(w), styles_(styles), numbering_(numbering) {}

  // Block-level content: paragraphs, tables (row by row, cell by cell), content controls.
  void blocks(pugi::xml_node container, bool in_table) {
    for (const pugi::xml_node node : container.children()) {
      if (w_.is(node, "p")) {
        paragraph(node, in_table);
      } else if (w_.is(node, "tbl")) {
        blocks(node, true);
      } else if (w_.is(node, "tr") || w_.is(node, "tc") || w_.is(node, "sdtContent") ||
                 w_.is(node, "customXml")) {
        blocks(node, in_table);
      } else if (w_.is(node, "sdt")) {
        blocks(w_.child(node, "sdtContent"), in_table);
      }
    }
  }

  [[nodiscard]] const std::vector<std::string>& lines() const { return lines_; }
  DocxCounts& counts() { return counts_; }

 private:
  void paragraph(pugi::xml_node p, bool in_table) {
    ++counts_.paragraphs;
    if (in_table) ++counts_.in_tables;
    const pugi::xml_node properties = w_.child(p, "pPr");
    const std::string style = w_.val(properties, "pStyle").value_or("");

    int level = styles_.heading_level(style);
    if (auto direct = w_.int_val(properties, "outlineLvl")) level = *direct < 9 ? *direct + 1 : 0;

    // Numbering: the paragraph's own w:numPr, else its style's (w:numId 0 switches it off).
    std::optional<int> num_id;
    std::optional<int> ilvl;
    if (const pugi::xml_node direct = w_.child(properties, "numPr")) {
      num_id = w_.int_val(direct, "numId");
      ilvl = w_.int_val(direct, "ilvl");
    }
    for (const ParagraphStyle* link : styles_.chain(style)) {
      if (!num_id && link->num_id) num_id = link->num_id;
      if (!ilvl && link->ilvl) ilvl = link->ilvl;
    }
    std::string label;
    if (num_id && *num_id != 0) {
      const int at = ilvl.value_or(numbering_.level_of_style(*num_id, style, styles_));
      label = numbering_.next_label(*num_id, at, styles_, counts_.unknown_formats);
      if (!label.empty()) ++counts_.numbered;
    }

    segments_.assign(1, std::string());
    inline_content(p);
    for (std::string& segment : segments_) drop_zero_width_spaces(segment);

    std::vector<std::string> pieces;
    if (level > 0) {
      std::string joined;
      for (const std::string& segment : segments_) joined += segment;
      counts_.breaks_joined += static_cast<int>(segments_.size()) - 1;
      pieces.push_back(std::move(joined));
    } else {
      for (std::string& segment : segments_) {
        if (!segment.empty() || pieces.empty()) pieces.push_back(std::move(segment));
      }
      if (pieces.size() > 1 && pieces.front().empty()) pieces.erase(pieces.begin());
      counts_.breaks_split += static_cast<int>(pieces.size()) - 1;
    }
    pieces.front() = label + pieces.front();
    if (level > 0 && !pieces.front().empty()) {
      const int marks = std::min(level, 6);
      pieces.front() = std::string(static_cast<std::size_t>(marks), '#') + " " + pieces.front();
      ++counts_.headings[level];
    }
    for (std::string& piece : pieces) lines_.push_back(std::move(piece));
  }

  // Runs and what holds them, in order; w:br starts a new segment.
  void inline_content(pugi::xml_node node) {
    for (const pugi::xml_node child : node.children()) {
      if (w_.is(child, "r")) {
        run(child);
      } else if (w_.is(child, "hyperlink") || w_.is(child, "smartTag") || w_.is(child, "ins") ||
                 w_.is(child, "moveTo") || w_.is(child, "customXml") || w_.is(child, "fldSimple") ||
                 w_.is(child, "sdtContent") || w_.is(child, "dir") || w_.is(child, "bdo")) {
        inline_content(child);
      } else if (w_.is(child, "sdt")) {
        inline_content(w_.child(child, "sdtContent"));
      } else if (w_.is(child, "del") || w_.is(child, "moveFrom")) {
        ++counts_.deletions;
      }
    }
  }

  void run(pugi::xml_node r) {
    if (w_.on(w_.child(r, "rPr"), "vanish")) {
      ++counts_.hidden_runs;
      return;
    }
    for (const pugi::xml_node child : r.children()) {
      if (w_.is(child, "t")) {
        segments_.back() += child.text().get();
      } else if (w_.is(child, "tab") || w_.is(child, "ptab")) {
        segments_.back() += '\t';
      } else if (w_.is(child, "br") || w_.is(child, "cr")) {
        const std::string type = w_.attr(child, "type");
        if (type != "page" && type != "column") segments_.emplace_back();
      } else if (w_.is(child, "noBreakHyphen")) {
        segments_.back() += '-';
      } else if (w_.is(child, "sym")) {
        ++counts_.symbols;
      } else if (w_.is(child, "footnoteReference") || w_.is(child, "endnoteReference")) {
        ++counts_.note_references;
      } else if (w_.is(child, "drawing") || w_.is(child, "pict") || w_.is(child, "object") ||
                 std::string_view(child.name()) == "mc:AlternateContent") {
        ++counts_.drawings;
      }
    }
  }

  void drop_zero_width_spaces(std::string& text) {
    for (auto at = text.find(kZeroWidthSpace); at != std::string::npos;
         at = text.find(kZeroWidthSpace, at)) {
      text.erase(at, kZeroWidthSpace.size());
      ++counts_.zero_width_spaces;
    }
  }

  const Names& w_;
  const WordStyles& styles_;
  WordNumbering& numbering_;
  std::vector<std::string> segments_;
  std::vector<std::string> lines_;
  DocxCounts counts_;
};

std::vector<std::string> docx_notes(const DocxCounts& counts) {
  std::vector<std::string> notes;
  notes.push_back(
      "Word document (.docx): " + count_text(counts.paragraphs, "paragraph", "paragraphs") +
      (counts.in_tables > 0
           ? " (" + std::to_string(counts.in_tables) + " in table cells, one line each)"
           : "") +
      "; one line per paragraph");
  if (!counts.headings.empty()) {
    std::string levels;
    int total = 0;
    for (const auto& [level, count] : counts.headings) {
      levels += (levels.empty() ? "" : ", ") + std::string("level ") + std::to_string(level) +
                ": " + std::to_string(count);
      total += count;
    }
    notes.push_back("Word headings (outline levels) written as Markdown \"#\" headings: " +
                    std::to_string(total) + " (" + levels + ")");
  }
  if (counts.numbered > 0) {
    notes.push_back("Word automatic numbering written out on " +
                    count_text(counts.numbered, "paragraph", "paragraphs"));
  }
  for (const std::string& format : counts.unknown_formats) {
    notes.push_back("Word numbering format \"" + format + "\" written in decimal digits");
  }
  if (counts.zero_width_spaces > 0) {
    notes.push_back("zero-width spaces (U+200B) dropped: " +
                    std::to_string(counts.zero_width_spaces));
  }
  if (counts.breaks_split > 0) {
    notes.push_back("line breaks inside a Word paragraph taken as paragraph breaks: " +
                    std::to_string(counts.breaks_split));
  }
  if (counts.breaks_joined > 0) {
    notes.push_back("line breaks inside a Word heading joined: " +
                    std::to_string(counts.breaks_joined));
  }
  if (counts.hidden_runs > 0) {
    notes.push_back("hidden text left out: " + count_text(counts.hidden_runs, "run", "runs"));
  }
  if (counts.deletions > 0) {
    notes.push_back("tracked deletions left out (insertions kept): " +
                    std::to_string(counts.deletions));
  }
  if (counts.drawings > 0) {
    notes.push_back("pictures, text boxes and embedded objects left out: " +
                    std::to_string(counts.drawings));
  }
  if (counts.note_references > 0) {
    notes.push_back("footnote and endnote references left out (and the notes' text): " +
                    std::to_string(counts.note_references));
  }
  if (counts.symbols > 0) {
    notes.push_back("symbol-font characters (w:sym) left out: " + std::to_string(counts.symbols));
  }
  return notes;
}

// The part a relationship of `type` points to from `rels` (a .rels part), resolved against
// `base` (the folder of the part the relationships belong to), or nothing.
std::optional<std::string> related_part(const ZipArchive& zip, const std::string& rels,
                                        std::string_view type_suffix, const std::string& base) {
  if (!zip.has(rels)) return std::nullopt;
  auto xml = zip.read(rels);
  if (!xml) return std::nullopt;
  auto parsed = parse_part(rels, *xml);
  if (!parsed) return std::nullopt;
  for (const pugi::xml_node relation : parsed->document_element().children("Relationship")) {
    const std::string_view type = relation.attribute("Type").value();
    if (type.size() < type_suffix.size() ||
        type.substr(type.size() - type_suffix.size()) != type_suffix) {
      continue;
    }
    std::string target = relation.attribute("Target").value();
    if (starts_with(target, "/")) return target.substr(1);
    return base + target;
  }
  return std::nullopt;
}

std::string folder_of(const std::string& part) {
  const auto slash = part.rfind('/');
  return slash == std::string::npos ? std::string() : part.substr(0, slash + 1);
}

constexpr const char* kSaveAsDocx =
    "open it in Word or LibreOffice and save it as .docx (Word Document)";

// What a ZIP without a Word document is, for the message.
std::string other_zip_kind(const ZipArchive& zip) {
  if (zip.has("xl/workbook.xml")) return "an Excel workbook (.xlsx), not a Word document";
  if (zip.has("ppt/presentation.xml")) {
    return "a PowerPoint presentation (.pptx), not a Word document";
  }
  if (zip.has("mimetype")) {
    auto mimetype = zip.read("mimetype");
    if (mimetype && starts_with(*mimetype, "application/vnd.oasis.opendocument.text")) {
      return "an OpenDocument text (.odt), not .docx";
    }
    if (mimetype && starts_with(*mimetype, "application/epub")) return "an EPUB book, not .docx";
    if (mimetype && starts_with(*mimetype, "application/vnd.oasis.opendocument")) {
      return "an OpenDocument file (" + *mimetype + "), not a Word document";
    }
  }
  if (zip.has("[Content_Types].xml")) return "an Office file without a Word document in it";
  return "a ZIP archive, not a Word document (.docx)";
}

Result<ConvertedSource> convert_docx(const std::string& file, std::string_view bytes) {
  auto zip = ZipArchive::open(bytes);
  if (!zip) {
    return file_error(file,
                      "this looks like a Word document (.docx, a ZIP file) but cannot be "
                      "read (" +
                          zip.error() +
                          "): it is damaged or incomplete; copy it again, or open it in "
                          "Word and save it again");
  }
  const std::string main_part =
      related_part(*zip, "_rels/.rels", "/officeDocument", "").value_or("word/document.xml");
  if (!zip->has(main_part)) {
    return file_error(file, "this is " + other_zip_kind(*zip) +
                                ": copy the text into a Word document and save it as .docx");
  }
  const auto damaged = [&](const std::string& why) {
    return file_error(file, "the Word document is damaged (" + why +
                                "): open it in Word and save it again as .docx");
  };
  auto document_xml = zip->read(main_part);
  if (!document_xml) return damaged(document_xml.error());
  auto document = parse_part(main_part, *document_xml);
  if (!document) return damaged(document.error());

  const std::string part_rels =
      folder_of(main_part) + "_rels/" + main_part.substr(folder_of(main_part).size()) + ".rels";
  WordStyles styles;
  WordNumbering numbering;
  const auto styles_part = related_part(*zip, part_rels, "/styles", folder_of(main_part));
  if (styles_part && zip->has(*styles_part)) {
    auto xml = zip->read(*styles_part);
    if (!xml) return damaged(xml.error());
    auto parsed = parse_part(*styles_part, *xml);
    if (!parsed) return damaged(parsed.error());
    styles.read(*parsed);
  }
  const auto numbering_part = related_part(*zip, part_rels, "/numbering", folder_of(main_part));
  if (numbering_part && zip->has(*numbering_part)) {
    auto xml = zip->read(*numbering_part);
    if (!xml) return damaged(xml.error());
    auto parsed = parse_part(*numbering_part, *xml);
    if (!parsed) return damaged(parsed.error());
    numbering.read(*parsed);
  }

  const pugi::xml_node root = document->document_element();
  const Names w(root);
  const pugi::xml_node body = w.child(root, "body");
  if (!body) return damaged(main_part + " has no body");
  DocumentReader reader(w, styles, numbering);
  reader.blocks(body, false);

  ConvertedSource out;
  out.format = "docx";
  out.lines_are_paragraphs = true;
  for (const std::string& line : reader.lines()) {
    out.text += normalise_line_ends(line);  // a "\r" typed into a w:t
    out.text += '\n';
  }
  out.notes = docx_notes(reader.counts());
  return out;
}

// [SECTION] PDF (poppler)

void ignore_poppler_message(const std::string& /*message*/, void* /*closure*/) {}

std::string rstrip(std::string text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\f')) {
    text.pop_back();
  }
  return text;
}

Result<ConvertedSource> convert_pdf(const std::string& file, std::string_view bytes) {
  constexpr const char* kWhatToDo =
      "copy the text into a UTF-8 text file, or ask for the Word document (.docx)";
  if (bytes.size() > static_cast<std::size_t>(INT_MAX)) {
    return file_error(file, std::string("the PDF is too large: ") + kWhatToDo);
  }
  poppler::set_debug_error_function(ignore_poppler_message, nullptr);
  const std::unique_ptr<poppler::document> document(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!document) {
    return file_error(file, std::string("the PDF cannot be read (damaged, incomplete or "
                                        "protected by a password): ") +
                                kWhatToDo);
  }
  if (document->is_locked()) {
    return file_error(file, std::string("the PDF is protected by a password: ") + kWhatToDo);
  }
  std::vector<std::string> lines;
  int pages_with_text = 0;
  for (int index = 0; index < document->pages(); ++index) {
    const std::unique_ptr<poppler::page> page(document->create_page(index));
    if (!page) continue;
    const poppler::byte_array utf8 =
        page->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout).to_utf8();
    const std::string text = normalise_line_ends(std::string_view(utf8.data(), utf8.size()));
    std::vector<std::string> page_lines;
    std::size_t begin = 0;
    while (begin <= text.size()) {
      auto end = text.find('\n', begin);
      if (end == std::string::npos) end = text.size();
      page_lines.push_back(rstrip(text.substr(begin, end - begin)));
      begin = end + 1;
    }
    while (!page_lines.empty() && page_lines.back().empty()) page_lines.pop_back();
    const auto first = std::find_if(page_lines.begin(), page_lines.end(),
                                    [](const std::string& line) { return !line.empty(); });
    if (first == page_lines.end()) continue;
    if (!lines.empty()) lines.emplace_back();  // a blank line between pages
    lines.insert(lines.end(), first, page_lines.end());
    ++pages_with_text;
  }
  if (lines.empty()) {
    return file_error(file, std::string("the PDF has no text (its pages are probably scanned "
                                        "images): ") +
                                kWhatToDo);
  }
  ConvertedSource out;
  out.format = "pdf";
  for (const std::string& line : lines) out.text += line + "\n";
  out.notes.push_back(
      "PDF text extraction (poppler): " + count_text(document->pages(), "page", "pages") + ", " +
      std::to_string(pages_with_text) +
      " with text, separated by a blank line; layout is guessed; check the "
      "preview");
  return out;
}

// [SECTION] Formats we name but do not read

constexpr std::string_view kOle2Signature = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

// A stream name in an OLE2 directory (UTF-16LE).
bool has_ole_stream(std::string_view bytes, std::string_view ascii_name) {
  std::string utf16;
  for (const char c : ascii_name) {
    utf16 += c;
    utf16 += '\0';
  }
  return bytes.find(utf16) != std::string_view::npos;
}

Error ole2_error(const std::string& file, std::string_view bytes) {
  if (has_ole_stream(bytes, "EncryptedPackage")) {
    return file_error(file,
                      "this Office document is protected by a password: open it in Word, "
                      "remove the password (File > Info > Protect Document) and save it "
                      "as .docx");
  }
  // The text of a .doc is in its WordDocument stream, so look for that name first: the other
  // names could be words of the text.
  if (!has_ole_stream(bytes, "WordDocument") &&
      (has_ole_stream(bytes, "Workbook") || has_ole_stream(bytes, "PowerPoint Document"))) {
    return file_error(file,
                      "this is an Excel or PowerPoint 97-2003 file, not a Word document: "
                      "copy the text into Word and save it as .docx (Word Document)");
  }
  // A WordDocument stream, or nothing else to go by: a .doc is what editors hand over.
  return file_error(
      file, std::string("this is a Word 97-2003 document (.doc), not .docx: ") + kSaveAsDocx);
}

}  // namespace

// [SECTION] Numbering formats

std::string format_list_number(int value, std::string_view num_fmt, bool* known) {
  if (known != nullptr) *known = true;
  const auto decimal = [&] { return std::to_string(value); };
  const auto from_table = [&](std::u32string_view table, int first) -> std::string {
    const int index = value - first;
    if (index < 0 || index >= static_cast<int>(table.size())) return decimal();
    return to_utf8(table.substr(static_cast<std::size_t>(index), 1));
  };
  if (num_fmt == "decimal") return decimal();
  if (num_fmt == "decimalZero") return value >= 0 && value < 10 ? "0" + decimal() : decimal();
  if (num_fmt == "chineseCounting" || num_fmt == "chineseCountingThousand" ||
      num_fmt == "taiwaneseCounting" || num_fmt == "taiwaneseCountingThousand" ||
      num_fmt == "japaneseCounting") {
    if (value == 0) return "〇";
    const std::u32string chinese = chinese_number(value);
    return chinese.empty() ? decimal() : to_utf8(chinese);
  }
  if (num_fmt == "chineseLegalSimplified") {
    std::u32string chinese = chinese_number(value);
    if (chinese.empty()) return decimal();
    if (value >= 10 && value < 20) chinese.insert(chinese.begin(), U'一');  // 壹拾壹
    constexpr std::u32string_view kPlain = U"一二三四五六七八九十百零";
    constexpr std::u32string_view kLegal = U"壹贰叁肆伍陆柒捌玖拾佰零";
    for (char32_t& c : chinese) {
      if (const auto at = kPlain.find(c); at != std::u32string_view::npos) c = kLegal[at];
    }
    return to_utf8(chinese);
  }
  if (num_fmt == "ideographDigital" || num_fmt == "taiwaneseDigital" ||
      num_fmt == "japaneseDigitalTenThousand") {
    constexpr std::u32string_view kDigits = U"〇一二三四五六七八九";
    std::u32string out;
    for (const char digit : decimal()) {
      if (digit >= '0' && digit <= '9') out += kDigits[static_cast<std::size_t>(digit - '0')];
    }
    return to_utf8(out);
  }
  if (num_fmt == "decimalFullWidth" || num_fmt == "decimalFullWidth2") {
    std::u32string out;
    for (const char digit : decimal()) out += static_cast<char32_t>(U'０' + (digit - '0'));
    return to_utf8(out);
  }
  if (num_fmt == "decimalEnclosedCircle" || num_fmt == "decimalEnclosedCircleChinese") {
    if (value >= 1 && value <= 20) return to_utf8(std::u32string(1, U'①' + (value - 1)));
    if (value >= 21 && value <= 35) return to_utf8(std::u32string(1, U'㉑' + (value - 21)));
    if (value >= 36 && value <= 50) return to_utf8(std::u32string(1, U'㊱' + (value - 36)));
    return decimal();
  }
  if (num_fmt == "decimalEnclosedParen") {
    return value >= 1 && value <= 20 ? to_utf8(std::u32string(1, U'⑴' + (value - 1))) : decimal();
  }
  if (num_fmt == "decimalEnclosedFullstop") {
    return value >= 1 && value <= 20 ? to_utf8(std::u32string(1, U'⒈' + (value - 1))) : decimal();
  }
  if (num_fmt == "ideographTraditional") return from_table(U"甲乙丙丁戊己庚辛壬癸", 1);
  if (num_fmt == "ideographZodiac") return from_table(U"子丑寅卯辰巳午未申酉戌亥", 1);
  if (num_fmt == "upperLetter" || num_fmt == "lowerLetter") {
    if (value <= 0) return decimal();
    // Word repeats the letter: 26 Z, 27 AA, 28 BB, 53 AAA.
    const char base = num_fmt == "upperLetter" ? 'A' : 'a';
    return std::string(static_cast<std::size_t>((value - 1) / 26 + 1),
                       static_cast<char>(base + (value - 1) % 26));
  }
  if (num_fmt == "upperRoman" || num_fmt == "lowerRoman") {
    if (value <= 0 || value >= 4000) return decimal();
    static constexpr std::array<std::pair<int, const char*>, 13> kRoman{{{1000, "M"},
                                                                         {900, "CM"},
                                                                         {500, "D"},
                                                                         {400, "CD"},
                                                                         {100, "C"},
                                                                         {90, "XC"},
                                                                         {50, "L"},
                                                                         {40, "XL"},
                                                                         {10, "X"},
                                                                         {9, "IX"},
                                                                         {5, "V"},
                                                                         {4, "IV"},
                                                                         {1, "I"}}};
    std::string out;
    int rest = value;
    for (const auto& [amount, letters] : kRoman) {
      for (; rest >= amount; rest -= amount) out += letters;
    }
    return num_fmt == "upperRoman" ? out : lowercase(out);
  }
  if (num_fmt == "none" || num_fmt == "bullet") return {};
  if (known != nullptr) *known = false;
  return decimal();
}

// [SECTION] Entry point

Result<ConvertedSource> convert_source(const std::string& file, std::string_view bytes) {
  if (starts_with(bytes, "PK\x03\x04") || starts_with(bytes, "PK\x05\x06")) {
    return convert_docx(file, bytes);
  }
  if (starts_with(bytes, kOle2Signature)) return ole2_error(file, bytes);
  // A PDF starts with "%PDF-", or has it within its first 1024 bytes after some junk; a text
  // that merely mentions "%PDF-" near its start stays text (junk before a PDF's header is
  // binary, so such a file is not valid UTF-8).
  if (const auto pdf = bytes.substr(0, 1024).find("%PDF-");
      pdf == 0 || (pdf != std::string_view::npos && decode_source(bytes).invalid)) {
    return convert_pdf(file, bytes);
  }
  std::string_view start = bytes;
  if (starts_with(start, kUtf8Bom)) start.remove_prefix(kUtf8Bom.size());
  while (!start.empty() && (start.front() == ' ' || start.front() == '\n' ||
                            start.front() == '\r' || start.front() == '\t')) {
    start.remove_prefix(1);
  }
  if (starts_with(start, "{\\rtf")) {
    return file_error(file,
                      std::string("this is an RTF document (.rtf), not .docx: ") + kSaveAsDocx);
  }
  if (starts_with(bytes, std::string_view("\xFF\xFE\x00\x00", 4)) ||
      starts_with(bytes, std::string_view("\x00\x00\xFE\xFF", 4))) {
    return file_error(file, "this is UTF-32 text: save it as UTF-8 text");
  }
  if (starts_with(bytes, "\xFF\xFE") || starts_with(bytes, "\xFE\xFF")) {
    return convert_utf16(file, bytes);
  }
  return convert_text(file, bytes);
}

}  // namespace kiosk::content::importer
