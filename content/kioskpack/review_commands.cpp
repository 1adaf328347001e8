// `kioskpack review-sheet` and `review-apply`: the Mongolian strings reviewed by a translator who
// does not program. review-sheet writes one self-contained HTML page (each string drawn by the
// kiosk's own text engine, so the reviewer judges what visitors see); the page exports the
// answers as CSV, and review-apply writes them back into the TOML files, touching nothing else.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "content/kioskpack/commands.h"
#include "content/pipeline/csv.h"
#include "content/pipeline/pipeline.h"
#include "firmware/mongolian/mongolian.h"
#include "ui/render/render.h"

namespace kiosk::pack {

namespace {

namespace fs = std::filesystem;
using content::Diagnostic;
using content::MongolianString;

// [SECTION] Usage

constexpr const char* kReviewSheetUsage =
    "usage: kioskpack review-sheet SRC_DIR -o FILE [--fonts DIR]\n"
    "\n"
    "Writes one self-contained HTML page for a translator: every Mongolian string of SRC_DIR\n"
    "(ui_strings.toml, the documents' titles and issuers) with its key, the Chinese, the\n"
    "Mongolian as the kiosk draws it (a PNG made by the kiosk's text engine), its Latin\n"
    "transliteration, its code points, the lint's findings, and fields for a correction, an\n"
    "approval and a comment. The page exports the answers as review-answers.csv, for\n"
    "`kioskpack review-apply`.\n"
    "  -o FILE      the page to write (atomically)\n"
    "  --fonts DIR  take NotoSansCJK-Regular.ttc and NotoSansMongolian-Regular.ttf from DIR\n";

constexpr const char* kReviewApplyUsage =
    "usage: kioskpack review-apply SRC_DIR ANSWERS.csv\n"
    "\n"
    "Writes a review sheet's answers back into SRC_DIR's TOML files: for each row, the\n"
    "corrected Mongolian (an empty mn keeps the current one) and the reviewed flag. Only those\n"
    "values change; comments, order and every other byte of the files stay as they were. Every\n"
    "row is checked first: on any mistake nothing is written. Then lints the changed strings.\n"
    "Exit status 1 when a row is bad or the lint finds an error, else 0.\n";

// [SECTION] Files

common::Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return common::Error{Diagnostic{path, 0, 0, "cannot read the file"}.to_string()};
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// A file written beside its target under a temporary name, renamed over the target by commit();
// removed if never committed. Staging every file before renaming any keeps a failed write from
// leaving half the answers applied.
class StagedFile {
 public:
  static common::Result<StagedFile> stage(const fs::path& target, std::string_view bytes) {
    std::string name =
        (target.parent_path() / ("." + target.filename().string() + ".XXXXXX")).string();
    const int fd = ::mkstemp(name.data());
    if (fd < 0)
      return common::Error{target.string() + ": cannot create a temporary file beside it"};
    StagedFile staged(target, name);
    // Keep the target's permissions; a new file gets what the umask allows (mkstemp: 0600).
    struct stat target_stat {};
    if (::stat(target.c_str(), &target_stat) == 0) {
      ::fchmod(fd, target_stat.st_mode & 07777);
    } else {
      const mode_t umask_bits = ::umask(0);
      ::umask(umask_bits);
      ::fchmod(fd, 0666 & ~umask_bits);
    }
    bool written = true;
    for (std::size_t done = 0; done < bytes.size() && written;) {
      const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
      written = n > 0;
      if (written) done += static_cast<std::size_t>(n);
    }
    written = ::fsync(fd) == 0 && written;
    written = ::close(fd) == 0 && written;
    if (!written) return common::Error{target.string() + ": cannot write " + name};
    return staged;
  }

  StagedFile(StagedFile&& other) noexcept
      : target_(std::move(other.target_)), temp_(std::exchange(other.temp_, {})) {}
  StagedFile& operator=(StagedFile&&) = delete;
  StagedFile(const StagedFile&) = delete;
  StagedFile& operator=(const StagedFile&) = delete;
  ~StagedFile() {
    if (!temp_.empty()) ::unlink(temp_.c_str());
  }

  common::Status commit() {
    if (::rename(temp_.c_str(), target_.c_str()) != 0)
      return common::Error{target_.string() + ": cannot rename " + temp_ + " over it"};
    temp_.clear();
    return common::Nothing{};
  }

 private:
  StagedFile(fs::path target, std::string temp)
      : target_(std::move(target)), temp_(std::move(temp)) {}
  fs::path target_;
  std::string temp_;  // empty once committed
};

// A private temporary directory, removed with everything in it.
class TempDirectory {
 public:
  static common::Result<TempDirectory> create() {
    std::error_code error;
    fs::path base = fs::temp_directory_path(error);
    if (error) base = "/tmp";
    std::string name = (base / "kioskpack-review-XXXXXX").string();
    if (::mkdtemp(name.data()) == nullptr)
      return common::Error{"cannot create a temporary directory in " + base.string()};
    return TempDirectory(name);
  }
  TempDirectory(TempDirectory&& other) noexcept : path_(std::exchange(other.path_, {})) {}
  TempDirectory& operator=(TempDirectory&&) = delete;
  TempDirectory(const TempDirectory&) = delete;
  TempDirectory& operator=(const TempDirectory&) = delete;
  ~TempDirectory() {
    std::error_code ignored;
    if (!path_.empty()) fs::remove_all(path_, ignored);
  }
  [[nodiscard]] const fs::path& path() const { return path_; }

 private:
  explicit TempDirectory(fs::path path) : path_(std::move(path)) {}
  fs::path path_;
};

// [SECTION] Text helpers

// Strict UTF-8 (no overlongs, surrogates or code points past U+10FFFF); nullopt when invalid.
std::optional<std::u32string> decode_utf8(std::string_view bytes) {
  std::u32string out;
  for (std::size_t i = 0; i < bytes.size();) {
    const auto lead = static_cast<unsigned char>(bytes[i]);
    int extra = 0;
    char32_t c = 0;
    char32_t minimum = 0;
    if (lead < 0x80) {
      c = lead;
    } else if ((lead & 0xE0) == 0xC0) {
      extra = 1, c = lead & 0x1F, minimum = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
      extra = 2, c = lead & 0x0F, minimum = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
      extra = 3, c = lead & 0x07, minimum = 0x10000;
    } else {
      return std::nullopt;
    }
    if (i + static_cast<std::size_t>(extra) >= bytes.size()) return std::nullopt;
    for (int k = 1; k <= extra; ++k) {
      const auto next = static_cast<unsigned char>(bytes[i + static_cast<std::size_t>(k)]);
      if ((next & 0xC0) != 0x80) return std::nullopt;
      c = (c << 6) | (next & 0x3F);
    }
    if (c < minimum || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return std::nullopt;
    out.push_back(c);
    i += static_cast<std::size_t>(extra) + 1;
  }
  return out;
}

// The short names of the characters a reader cannot see; spellings that differ only in these
// can be pixel-identical, so the sheet and the TOML files make them visible.
const char* invisible_name(char32_t c) {
  switch (c) {
    case 0x00A0:
      return "NBSP";
    case 0x180B:
      return "FVS1";
    case 0x180C:
      return "FVS2";
    case 0x180D:
      return "FVS3";
    case 0x180E:
      return "MVS";
    case 0x180F:
      return "FVS4";
    case 0x200B:
      return "ZWSP";
    case 0x200C:
      return "ZWNJ";
    case 0x200D:
      return "ZWJ";
    case 0x202F:
      return "NNBSP";
    case 0x2060:
      return "WJ";
    case 0xFEFF:
      return "ZWNBSP";
    default:
      return nullptr;
  }
}

std::string hex_code(char32_t c) {
  char text[16];
  std::snprintf(text, sizeof text, "%04X", static_cast<unsigned>(c));
  return text;
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string base64(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::size_t left = bytes.size() - i;
    std::uint32_t group = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    if (left > 1)
      group |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    if (left > 2) group |= static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(group >> 18) & 63];
    out += kAlphabet[(group >> 12) & 63];
    out += left > 1 ? kAlphabet[(group >> 6) & 63] : '=';
    out += left > 2 ? kAlphabet[group & 63] : '=';
  }
  return out;
}

// The value as the inside of a TOML basic string, escaping as ui_strings.toml does: quote and
// backslash, controls, and the invisible characters as \uXXXX so an editor can see them.
std::string toml_basic_string_body(std::u32string_view value) {
  std::string out;
  for (const char32_t c : value) {
    if (c == U'"') {
      out += "\\\"";
    } else if (c == U'\\') {
      out += "\\\\";
    } else if (c < 0x20 || c == 0x7F || invisible_name(c) != nullptr) {
      out += "\\u" + hex_code(c);
    } else {
      out += mongolian::to_utf8(std::u32string_view(&c, 1));
    }
  }
  return out;
}

// The path of a string's TOML file relative to the source directory, with '/', as the answers'
// `file` column has it ("ui_strings.toml", "documents/000-model-region-decision.toml").
std::string relative_file(const std::string& file, const std::string& source_dir) {
  const fs::path relative =
      fs::path(file).lexically_normal().lexically_relative(fs::path(source_dir).lexically_normal());
  return relative.empty() ? fs::path(file).filename().generic_string() : relative.generic_string();
}

// "1 error", "2 errors".
std::string counted(std::size_t n, const std::string& noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// `file:line:column: error|warning: message [rule]`, as `kioskpack lint` prints it (the lint's
// messages may already start with their severity).
std::string lint_line(const content::LintWarning& finding) {
  Diagnostic where = finding.where;
  if (!starts_with(where.message, "error: ") && !starts_with(where.message, "warning: "))
    where.message = (finding.error ? "error: " : "warning: ") + where.message;
  return where.to_string() + " [" + finding.rule + "]";
}

// The finding's message for the sheet, where the severity and the key are shown beside it.
std::string finding_message(const content::LintWarning& finding, const std::string& key) {
  std::string_view message = finding.where.message;
  for (const std::string_view prefix : {std::string_view("error: "), std::string_view("warning: ")})
    if (starts_with(message, prefix)) message.remove_prefix(prefix.size());
  if (starts_with(message, key + ": ")) message.remove_prefix(key.size() + 2);
  return std::string(message);
}

// [SECTION] Drawing the strings with the kiosk's engine

// The size a reviewer reads comfortably; one column as tall as a kiosk's title column.
constexpr float kSheetFontPx = 40;
constexpr float kSheetColumnPx = 600;

struct Drawing {
  std::string png_base64;
  int width = 0;
  int height = 0;
  std::size_t missing_glyphs = 0;
};

class StringPainter {
 public:
  StringPainter(const text::FontSet& fonts, fs::path scratch_png)
      : engine_(fonts), fonts_(fonts), scratch_png_(std::move(scratch_png)) {}

  common::Result<Drawing> draw(const std::string& mongolian) {
    text::ParagraphStyle style;
    style.language = "mn";
    style.mode = text::WritingMode::kVerticalMongolian;
    style.font_size_px = kSheetFontPx;
    style.max_extent_px = kSheetColumnPx;
    const text::Layout layout = engine_.layout(mongolian, style);
    if (auto saved = save_layout_png(layout, fonts_, scratch_png_.string()); !saved)
      return common::Error{saved.error()};
    auto bytes = read_file(scratch_png_.string());
    if (!bytes) return common::Error{bytes.error()};
    auto image = render::load_png(scratch_png_.string());
    Drawing drawing;
    drawing.png_base64 = base64(bytes.value());
    if (image) {
      drawing.width = image->width;
      drawing.height = image->height;
    }
    drawing.missing_glyphs = layout.missing_glyphs;
    return drawing;
  }

 private:
  text::TextEngine engine_;
  const text::FontSet& fonts_;
  fs::path scratch_png_;
};

// [SECTION] The page: style and script (inline, so the page works from file:// on its own)

constexpr const char* kSheetStyle = R"css(
:root { color-scheme: light; --ink: #1c1c1e; --muted: #5b5b60; --line: #d7d3c8;
  --paper: #faf7f0; --error: #a4161a; --warning: #8a5a00; --ok: #1b6b33; --focus: #0b57d0; }
* { box-sizing: border-box; }
/* Keep what gets focus or is scrolled to clear of the sticky header. */
html { scroll-padding-top: 10rem; }
input, textarea, button { scroll-margin-top: 10rem; }
body { margin: 0; font: 16px/1.5 system-ui, "Noto Sans CJK SC", "Noto Sans", sans-serif;
  color: var(--ink); background: #fff; }
header.top { position: sticky; top: 0; z-index: 2; background: #fff; border-bottom: 2px solid var(--line);
  padding: .5rem 1rem; display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: center; }
header.top h1 { font-size: 1.15rem; margin: 0; }
.summary { margin: 0; display: flex; gap: 1rem; flex-wrap: wrap; }
.summary div { display: flex; gap: .3rem; }
.summary dt { color: var(--muted); }
.summary dd { margin: 0; font-weight: 600; }
button { font: inherit; padding: .45rem 1rem; border-radius: .4rem; border: 1px solid #0842a0;
  background: #0b57d0; color: #fff; cursor: pointer; }
button:hover { background: #0842a0; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
main { padding: 1rem; max-width: 90rem; margin: 0 auto; }
.instructions { border: 1px solid var(--line); background: var(--paper); border-radius: .5rem;
  padding: .5rem 1rem; display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr));
  gap: 0 2rem; }
.instructions h2 { font-size: 1rem; margin: .5rem 0 0; }
.instructions ol { padding-left: 1.3rem; margin: .3rem 0 .6rem; }
section.string { border: 1px solid var(--line); border-radius: .5rem; margin: 1rem 0; padding: .75rem 1rem;
  display: grid; grid-template-columns: auto minmax(16rem, 1fr) minmax(18rem, 24rem); gap: 1rem;
  align-items: start; }
section.string.touched { border-color: var(--focus); box-shadow: 0 0 0 1px var(--focus); }
section.string > header { grid-column: 1 / -1; display: flex; flex-wrap: wrap; gap: .4rem 1rem;
  align-items: baseline; }
section.string h2 { font-size: 1.05rem; margin: 0; font-family: ui-monospace, monospace; }
.where { color: var(--muted); font-family: ui-monospace, monospace; font-size: .9rem; }
.badge { border-radius: 1rem; padding: 0 .6rem; font-size: .85rem; border: 1px solid currentColor; }
.badge.draft { color: var(--warning); }
.badge.reviewed { color: var(--ok); }
.badge.error { color: var(--error); }
figure { margin: 0; }
figure img { display: block; border: 1px solid var(--line); max-width: 100%; height: auto; }
figure figcaption { color: var(--muted); font-size: .8rem; }
dl.facts { margin: 0; display: grid; grid-template-columns: max-content 1fr; gap: .3rem .8rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.zh { font-size: 1.2rem; }
.mn { font-family: KioskMongolian, "Noto Sans Mongolian", "Mongolian Baiti", sans-serif;
  font-size: 1.2rem; }
.translit { font-family: ui-monospace, monospace; }
.cps { font-family: ui-monospace, monospace; font-size: .8rem; line-height: 1.9; }
.cp { display: inline-block; border: 1px solid var(--line); border-radius: .2rem; padding: 0 .2rem;
  margin: 0 .1rem .1rem 0; }
.cp.invisible { background: #fff1c2; border-color: #d4a000; font-weight: 600; }
.cp.space { background: #eef2f7; }
ul.findings { margin: 0; padding-left: 1.1rem; }
ul.findings li.error { color: var(--error); }
ul.findings li.warning { color: var(--warning); }
.none { color: var(--muted); }
.answer { display: flex; flex-direction: column; gap: .35rem; background: var(--paper);
  border-radius: .4rem; padding: .6rem .8rem; }
.answer label { font-weight: 600; }
.answer input[type=text], .answer textarea { font: inherit; width: 100%; padding: .35rem .5rem;
  border: 1px solid #8e8a80; border-radius: .3rem; background: #fff; }
.answer input[type=text] { font-family: KioskMongolian, "Noto Sans Mongolian", sans-serif; }
.answer .preview { writing-mode: vertical-lr; font-family: KioskMongolian, "Noto Sans Mongolian",
  sans-serif; font-size: 28px; max-height: 14em; min-width: 2em; align-self: flex-start;
  border-left: 3px solid var(--focus); padding: .3rem; background: #fff; }
.answer .preview:empty { display: none; }
.answer .approve { display: flex; gap: .5rem; align-items: center; }
.answer .approve input { width: 1.2rem; height: 1.2rem; }
.answer .typed { font-size: .8rem; min-height: 1em; }
#status { min-height: 1.5em; color: var(--ok); }
@media (max-width: 60rem) { section.string { grid-template-columns: 1fr; } }
)css";

// The answers: one CSV row per string the reviewer touched (a correction typed, the approval
// changed, or a comment), RFC 4180, UTF-8 with a byte-order mark so that a spreadsheet opens it
// right. Drafts are kept in localStorage under the sheet's id, so a reload loses nothing.
constexpr const char* kSheetScript = R"js(
"use strict";
(function () {
  const cards = Array.from(document.querySelectorAll("section.string"));
  const storageKey = "kiosk-review:" + document.body.dataset.sheet;
  const names = {0xA0: "NBSP", 0x180B: "FVS1", 0x180C: "FVS2", 0x180D: "FVS3", 0x180E: "MVS",
    0x180F: "FVS4", 0x200B: "ZWSP", 0x200C: "ZWNJ", 0x200D: "ZWJ", 0x202F: "NNBSP", 0x2060: "WJ",
    0xFEFF: "ZWNBSP"};
  // Only ASCII blanks: String.trim would also drop U+202F, which is part of a spelling.
  const trimBlanks = (text) => text.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, "");
  const hex = (c) => c.toString(16).toUpperCase().padStart(4, "0");

  function showCodePoints(element, text) {
    element.textContent = "";
    for (const ch of text) {
      const c = ch.codePointAt(0);
      const span = document.createElement("span");
      span.className = "cp" + (names[c] ? " invisible" : c === 0x20 ? " space" : "");
      span.textContent = "U+" + hex(c) + (names[c] ? " " + names[c] : c === 0x20 ? " SPACE" : "");
      element.appendChild(span);
      element.appendChild(document.createTextNode(" "));
    }
  }

  function answerOf(card) {
    const mn = trimBlanks(card.querySelector("[data-role=mn]").value);
    const approved = card.querySelector("[data-role=approve]").checked;
    const comment = trimBlanks(card.querySelector("[data-role=comment]").value);
    const touched = mn !== "" || approved !== (card.dataset.reviewed === "true") || comment !== "";
    return {mn, approved, comment, touched};
  }

  const csvField = (text) => /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;

  function answersCsv() {
    const rows = [["key", "field", "file", "mn", "mn_reviewed", "comment"]];
    for (const card of cards) {
      const answer = answerOf(card);
      if (!answer.touched) continue;
      rows.push([card.dataset.key, card.dataset.field, card.dataset.file, answer.mn,
                 answer.approved ? "true" : "false", answer.comment]);
    }
    return {text: rows.map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n",
            count: rows.length - 1};
  }

  function save() {
    const saved = {};
    for (const card of cards) {
      const answer = answerOf(card);
      if (answer.touched) saved[card.dataset.key + "\n" + card.dataset.field] = answer;
    }
    try { localStorage.setItem(storageKey, JSON.stringify(saved)); } catch (e) { /* private mode */ }
  }

  function refresh(card) {
    const answer = answerOf(card);
    card.classList.toggle("touched", answer.touched);
    const typed = card.querySelector(".typed");
    if (answer.mn === "") typed.textContent = ""; else showCodePoints(typed, answer.mn);
    card.querySelector(".preview").textContent = answer.mn;
    const touched = cards.filter((c) => c.classList.contains("touched")).length;
    document.getElementById("touched").textContent = String(touched);
  }

  function restore() {
    let saved = {};
    try { saved = JSON.parse(localStorage.getItem(storageKey) || "{}"); } catch (e) { saved = {}; }
    for (const card of cards) {
      const answer = saved[card.dataset.key + "\n" + card.dataset.field];
      if (!answer) continue;
      card.querySelector("[data-role=mn]").value = answer.mn || "";
      card.querySelector("[data-role=approve]").checked = !!answer.approved;
      card.querySelector("[data-role=comment]").value = answer.comment || "";
    }
  }

  restore();
  for (const card of cards) {
    refresh(card);
    card.addEventListener("input", () => { refresh(card); save(); });
    card.addEventListener("change", () => { refresh(card); save(); });
  }

  document.getElementById("export").addEventListener("click", () => {
    const csv = answersCsv();
    const blob = new Blob(["\uFEFF" + csv.text], {type: "text/csv;charset=utf-8"});
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = "review-answers.csv";
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    document.getElementById("status").textContent =
        "已导出 " + csv.count + " 条 / Exported " + csv.count + " answer(s): review-answers.csv";
  });

  document.getElementById("only-open").addEventListener("change", (event) => {
    for (const card of cards)
      card.hidden = event.target.checked && card.dataset.open !== "true";
  });
})();
)js";

// [SECTION] The page: content

struct SheetEntry {
  const MongolianString* string = nullptr;
  std::string file;  // relative to the source directory
  std::vector<content::LintWarning> findings;
  Drawing drawing;
};

std::string code_points_html(std::string_view utf8) {
  std::string out;
  for (const char32_t c : mongolian::to_utf32(utf8)) {
    const char* name = invisible_name(c);
    if (name != nullptr) {
      out += "<span class=\"cp invisible\">U+" + hex_code(c) + " " + name + "</span> ";
    } else if (c == U' ') {
      out += "<span class=\"cp space\">U+0020 SPACE</span> ";
    } else {
      out += "<span class=\"cp\">U+" + hex_code(c) + "</span> ";
    }
  }
  return out;
}

// FNV-1a over what the sheet shows, so answers kept in the browser belong to this sheet only.
std::string sheet_id(const std::vector<SheetEntry>& entries) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  auto mix = [&hash](std::string_view text) {
    for (const char c : text) hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
    hash = (hash ^ 0xFFU) * 0x100000001b3ULL;
  };
  for (const SheetEntry& entry : entries) {
    mix(entry.string->key);
    mix(entry.string->field);
    mix(entry.string->mn);
    mix(entry.string->reviewed ? "1" : "0");
  }
  char text[20];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
  return text;
}

std::string string_section(const SheetEntry& entry, std::size_t index) {
  const MongolianString& s = *entry.string;
  const std::string id = std::to_string(index + 1);
  const bool has_error = std::any_of(entry.findings.begin(), entry.findings.end(),
                                     [](const content::LintWarning& w) { return w.error; });
  const bool open = !s.reviewed || !entry.findings.empty();
  std::ostringstream html;
  html << "<section class=\"string\" id=\"s" << id << "\" aria-labelledby=\"k" << id
       << "\" data-key=\"" << html_escape(s.key) << "\" data-field=\"" << html_escape(s.field)
       << "\" data-file=\"" << html_escape(entry.file) << "\" data-reviewed=\""
       << (s.reviewed ? "true" : "false") << "\" data-open=\"" << (open ? "true" : "false")
       << "\">\n";
  html << "<header><h2 id=\"k" << id << "\">" << html_escape(s.key) << "</h2>"
       << "<span class=\"where\">" << html_escape(entry.file) << ":" << s.line << " · "
       << html_escape(s.field) << "</span>"
       << (s.reviewed ? "<span class=\"badge reviewed\">已审 reviewed</span>"
                      : "<span class=\"badge draft\">草稿 draft</span>")
       << (has_error ? "<span class=\"badge error\">错误 error</span>" : "") << "</header>\n";

  html << "<figure><img src=\"data:image/png;base64," << entry.drawing.png_base64 << "\" alt=\""
       << html_escape(s.mn) << "\" lang=\"mn-Mong\"";
  if (entry.drawing.width > 0)
    html << " width=\"" << entry.drawing.width << "\" height=\"" << entry.drawing.height << "\"";
  html << "><figcaption>展台显示 As the kiosk draws it";
  if (entry.drawing.missing_glyphs > 0)
    html << " — <strong>" << entry.drawing.missing_glyphs << " character(s) have no glyph</strong>";
  html << "</figcaption></figure>\n";

  html << "<dl class=\"facts\">\n"
       << "<dt>中文 Chinese</dt><dd class=\"zh\" lang=\"zh-Hans\">" << html_escape(s.zh)
       << "</dd>\n"
       << "<dt>蒙古文 Mongolian</dt><dd class=\"mn\" lang=\"mn-Mong\">" << html_escape(s.mn)
       << "</dd>\n"
       << "<dt>拉丁转写 Transliteration</dt><dd class=\"translit\">"
       << html_escape(mongolian::transliterate(s.mn)) << "</dd>\n"
       << "<dt>码位 Code points</dt><dd class=\"cps\">" << code_points_html(s.mn) << "</dd>\n"
       << "<dt>检查 Lint</dt><dd>";
  if (entry.findings.empty()) {
    html << "<span class=\"none\">无 none</span>";
  } else {
    html << "<ul class=\"findings\">";
    for (const content::LintWarning& finding : entry.findings) {
      html << "<li class=\"" << (finding.error ? "error" : "warning") << "\">"
           << (finding.error ? "error" : "warning") << ": "
           << html_escape(finding_message(finding, s.key)) << " <code>["
           << html_escape(finding.rule) << "]</code> <span class=\"where\">col "
           << finding.where.column << "</span></li>";
    }
    html << "</ul>";
  }
  html << "</dd>\n</dl>\n";

  html << "<div class=\"answer\" role=\"group\" aria-labelledby=\"k" << id << "\">\n"
       << "<label for=\"mn" << id << "\">更正 Correction</label>\n"
       << "<input type=\"text\" id=\"mn" << id << "\" data-role=\"mn\" lang=\"mn-Mong\""
       << " autocomplete=\"off\" spellcheck=\"false\" aria-describedby=\"h" << id << " t" << id
       << "\">\n"
       << "<span class=\"where\" id=\"h" << id
       << "\">留空表示不修改 Leave empty to keep the current text</span>\n"
       << "<div class=\"typed cps\" id=\"t" << id << "\"></div>\n"
       << "<div class=\"preview\" lang=\"mn-Mong\" aria-hidden=\"true\""
       << " title=\"预览（浏览器） Preview (browser)\"></div>\n"
       << "<div class=\"approve\"><input type=\"checkbox\" id=\"ok" << id
       << "\" data-role=\"approve\"" << (s.reviewed ? " checked" : "") << "><label for=\"ok" << id
       << "\">批准 Approve (" << html_escape(s.reviewed_field) << " = true)</label></div>\n"
       << "<label for=\"c" << id << "\">备注 Comment</label>\n"
       << "<textarea id=\"c" << id << "\" data-role=\"comment\" rows=\"2\"></textarea>\n"
       << "</div>\n</section>\n";
  return html.str();
}

// `font_base64`: the kiosk's Mongolian font, so that the text, the correction being typed and
// its preview show in the kiosk's font even where the reviewer's computer has none.
std::string sheet_html(const std::vector<SheetEntry>& entries, const std::string& source_dir,
                       const std::string& font_base64) {
  std::size_t drafts = 0;
  std::size_t errors = 0;
  std::size_t warnings = 0;
  for (const SheetEntry& entry : entries) {
    if (!entry.string->reviewed) ++drafts;
    for (const content::LintWarning& finding : entry.findings)
      ++(finding.error ? errors : warnings);
  }
  std::ostringstream html;
  html << "<!DOCTYPE html>\n<html lang=\"zh-Hans\">\n<head>\n<meta charset=\"utf-8\">\n"
       << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
       << "<title>蒙古文审校 Mongolian review — " << html_escape(source_dir) << "</title>\n"
       << (font_base64.empty() ? std::string()
                               : "<style>@font-face { font-family: KioskMongolian; src: "
                                 "url(data:font/ttf;base64," +
                                     font_base64 + ") format(\"truetype\"); }</style>\n")
       << "<style>" << kSheetStyle << "</style>\n</head>\n"
       << "<body data-sheet=\"" << sheet_id(entries) << "\">\n"
       << "<header class=\"top\">\n<h1>蒙古文审校 Mongolian review</h1>\n"
       << "<dl class=\"summary\" aria-label=\"summary\">"
       << "<div><dt>条目 strings</dt><dd id=\"count-strings\">" << entries.size() << "</dd></div>"
       << "<div><dt>草稿 drafts</dt><dd id=\"count-drafts\">" << drafts << "</dd></div>"
       << "<div><dt>错误 errors</dt><dd id=\"count-errors\">" << errors << "</dd></div>"
       << "<div><dt>警告 warnings</dt><dd id=\"count-warnings\">" << warnings << "</dd></div>"
       << "<div><dt>已填写 answered</dt><dd id=\"touched\">0</dd></div></dl>\n"
       << "<label><input type=\"checkbox\" id=\"only-open\"> 只看草稿和有问题的 Only drafts and "
          "strings with findings</label>\n"
       << "<button type=\"button\" id=\"export\">导出答案 Export answers (CSV)</button>\n"
       << "<p id=\"status\" role=\"status\" aria-live=\"polite\"></p>\n</header>\n<main>\n"
       << "<section class=\"instructions\" aria-label=\"instructions\">\n"
       << "<div lang=\"zh-Hans\"><h2>说明</h2><ol>"
          "<li>每条蒙古文都配有一张图片，与展台屏幕上显示的完全一样。请对照中文检查图片。</li>"
          "<li>若需更正，在“更正”栏输入或粘贴正确的蒙古文；留空表示不修改。</li>"
          "<li>确认无误的条目，请勾选“批准”。</li>"
          "<li>有疑问请写在“备注”栏。</li>"
          "<li>拼法不同的词有时看起来一模一样：“码位”一行列出每个字符，不可见字符（NNBSP、MVS、"
          "FVS）已用黄色标出。</li>"
          "<li>完成后点击上方“导出答案”，把下载的 review-answers.csv 发回给我们。"
          "填写内容会自动保存在本浏览器中。</li></ol></div>\n"
       << "<div lang=\"en\"><h2>Instructions</h2><ol>"
          "<li>Each Mongolian string comes with a picture drawn exactly as the kiosk shows it. "
          "Check the picture against the Chinese.</li>"
          "<li>To correct a string, type or paste the right Mongolian into “Correction”; leave it "
          "empty to keep the current text.</li>"
          "<li>Tick “Approve” for every string that is right.</li>"
          "<li>Write questions in “Comment”.</li>"
          "<li>Different spellings can look identical: “Code points” lists every character, and "
          "the invisible ones (NNBSP, MVS, FVS) are marked in yellow.</li>"
          "<li>When done, press “Export answers” at the top and send us the downloaded "
          "review-answers.csv. Your answers are kept in this browser meanwhile.</li></ol></div>\n"
       << "</section>\n";
  for (std::size_t i = 0; i < entries.size(); ++i) html << string_section(entries[i], i);
  html << "</main>\n<script>" << kSheetScript << "</script>\n</body>\n</html>\n";
  return html.str();
}

// [SECTION] review-apply: reading and checking the answers

constexpr std::array<const char*, 6> kAnswerColumns{"key", "field",       "file",
                                                    "mn",  "mn_reviewed", "comment"};
enum AnswerColumn : std::size_t { kKey, kField, kFile, kMn, kReviewed, kComment };

struct Answer {
  const MongolianString* string = nullptr;
  int line = 0;                      // in the answers file
  std::optional<std::u32string> mn;  // nullopt: keep the current text
  std::optional<bool> reviewed;      // nullopt: keep the current flag
  std::string comment;
};

// Checks every row against the strings of the source directory; all mistakes are reported.
common::Result<std::vector<Answer>> read_answers(const std::string& answers_path,
                                                 const std::vector<MongolianString>& strings,
                                                 const std::string& source_dir) {
  auto data = read_file(answers_path);
  if (!data) return common::Error{data.error()};
  auto records = content::csv::parse(data.value(), answers_path);
  if (!records) return common::Error{records.error()};
  std::vector<std::string> mistakes;
  auto mistake = [&](const content::csv::Field& at, const std::string& message) {
    mistakes.push_back(Diagnostic{answers_path, at.line, at.column, message}.to_string());
  };
  if (records->empty())
    return common::Error{Diagnostic{answers_path, 1, 0, "empty file"}.to_string()};
  const content::csv::Record& header = records->front();
  bool header_ok = header.fields.size() == kAnswerColumns.size();
  for (std::size_t i = 0; header_ok && i < kAnswerColumns.size(); ++i)
    header_ok = header.fields[i].text == kAnswerColumns[i];
  if (!header_ok) {
    return common::Error{Diagnostic{answers_path, header.line, 1,
                                    "the header must be key,field,file,mn,mn_reviewed,comment"}
                             .to_string()};
  }

  std::map<std::pair<std::string, std::string>, const MongolianString*> by_key;
  for (const MongolianString& s : strings) by_key[{s.key, s.field}] = &s;
  std::map<const MongolianString*, int> seen_on_line;
  std::vector<Answer> answers;
  for (std::size_t r = 1; r < records->size(); ++r) {
    const content::csv::Record& record = (*records)[r];
    if (record.fields.size() != kAnswerColumns.size()) {
      mistakes.push_back(Diagnostic{answers_path, record.line, 1,
                                    "expected 6 fields (key,field,file,mn,mn_reviewed,comment), "
                                    "found " +
                                        std::to_string(record.fields.size())}
                             .to_string());
      continue;
    }
    const auto& fields = record.fields;
    const auto found = by_key.find({fields[kKey].text, fields[kField].text});
    if (found == by_key.end()) {
      mistake(fields[kKey], "no Mongolian string '" + fields[kKey].text + "' with field '" +
                                fields[kField].text + "' in " + source_dir);
      continue;
    }
    Answer answer;
    answer.string = found->second;
    answer.line = record.line;
    answer.comment = fields[kComment].text;
    bool row_ok = true;
    const std::string expected_file = relative_file(answer.string->file, source_dir);
    if (fields[kFile].text != expected_file) {
      mistake(fields[kFile], "'" + answer.string->key + "' is in " + expected_file + ", not '" +
                                 fields[kFile].text + "'");
      row_ok = false;
    }
    if (const auto [earlier, inserted] = seen_on_line.emplace(answer.string, record.line);
        !inserted) {
      mistake(fields[kKey], "'" + answer.string->key + "' " + answer.string->field +
                                " is already answered on line " + std::to_string(earlier->second));
      row_ok = false;
    }
    if (!fields[kMn].text.empty()) {
      auto decoded = decode_utf8(fields[kMn].text);
      if (!decoded) {
        mistake(fields[kMn], "mn is not valid UTF-8");
        row_ok = false;
      } else if (const auto control =
                     std::find_if(decoded->begin(), decoded->end(),
                                  [](char32_t c) { return c < 0x20 || c == 0x7F; });
                 control != decoded->end()) {
        mistake(fields[kMn], "mn holds the control character U+" + hex_code(*control) +
                                 " (a string is one line of text)");
        row_ok = false;
      } else {
        answer.mn = std::move(*decoded);
      }
    }
    const std::string& reviewed = fields[kReviewed].text;
    if (reviewed == "true" || reviewed == "false") {
      answer.reviewed = reviewed == "true";
    } else if (!reviewed.empty()) {
      mistake(fields[kReviewed],
              "mn_reviewed must be true, false or empty, not '" + reviewed + "'");
      row_ok = false;
    }
    if (row_ok) answers.push_back(std::move(answer));
  }
  if (!mistakes.empty()) {
    std::string joined;
    for (const std::string& m : mistakes) joined += (joined.empty() ? "" : "\n") + m;
    return common::Error{joined};
  }
  return answers;
}

// [SECTION] review-apply: editing the TOML text

struct Line {
  std::string text;    // without its line break
  std::string ending;  // "\n", "\r\n" or "" (the last line)
};

std::vector<Line> split_lines(std::string_view bytes) {
  std::vector<Line> lines;
  std::size_t start = 0;
  while (start < bytes.size()) {
    const std::size_t newline = bytes.find('\n', start);
    if (newline == std::string_view::npos) {
      lines.push_back({std::string(bytes.substr(start)), ""});
      break;
    }
    std::size_t end = newline;
    if (end > start && bytes[end - 1] == '\r') --end;
    lines.push_back({std::string(bytes.substr(start, end - start)),
                     std::string(bytes.substr(end, newline + 1 - end))});
    start = newline + 1;
  }
  return lines;
}

// Where the value of `key = ...` stands on a line: [begin, end) in bytes.
struct ValueSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// The position just after `key =` and the blanks that follow, if the line assigns `key`.
std::optional<std::size_t> after_assignment(std::string_view line, std::string_view key) {
  std::size_t at = line.find_first_not_of(" \t");
  if (at == std::string_view::npos || line.substr(at, key.size()) != key) return std::nullopt;
  at = line.find_first_not_of(" \t", at + key.size());
  if (at == std::string_view::npos || line[at] != '=') return std::nullopt;
  at = line.find_first_not_of(" \t", at + 1);
  return at == std::string_view::npos ? line.size() : at;
}

// `key = "..."` with a one-line basic string: the span of the quoted string, quotes included.
std::optional<ValueSpan> basic_string_value(std::string_view line, std::string_view key) {
  const auto begin = after_assignment(line, key);
  if (!begin || *begin >= line.size() || line[*begin] != '"' || line.substr(*begin, 3) == "\"\"\"")
    return std::nullopt;
  for (std::size_t at = *begin + 1; at < line.size(); ++at) {
    if (line[at] == '\\') {
      ++at;
    } else if (line[at] == '"') {
      return ValueSpan{*begin, at + 1};
    }
  }
  return std::nullopt;
}

// `key = true|false`: the span of the boolean.
std::optional<ValueSpan> boolean_value(std::string_view line, std::string_view key) {
  const auto begin = after_assignment(line, key);
  if (!begin) return std::nullopt;
  for (const std::string_view word : {std::string_view("true"), std::string_view("false")}) {
    if (line.substr(*begin, word.size()) != word) continue;
    const std::size_t end = *begin + word.size();
    if (end == line.size() || line[end] == ' ' || line[end] == '\t' || line[end] == '#')
      return ValueSpan{*begin, end};
  }
  return std::nullopt;
}

bool is_table_header(std::string_view line) {
  const std::size_t at = line.find_first_not_of(" \t");
  return at != std::string_view::npos && line[at] == '[';
}

// One TOML file's text with the answers for its strings applied.
struct FileEdit {
  std::string path;
  std::string original;
  std::string edited;
  std::vector<const Answer*> answers;
};

// Edits the lines of one file in place; lines to insert after a line go into `inserted_after`.
common::Status apply_answer(const Answer& answer, std::vector<Line>& lines,
                            std::map<std::size_t, std::vector<Line>>& inserted_after) {
  const MongolianString& s = *answer.string;
  const auto where = [&s](const std::string& message) {
    return common::Error{Diagnostic{s.file, s.line, 0, message}.to_string()};
  };
  if (s.line < 1 || static_cast<std::size_t>(s.line) > lines.size())
    return where("cannot find the line of " + s.field);
  const std::size_t mn_index = static_cast<std::size_t>(s.line) - 1;
  Line& mn_line = lines[mn_index];
  if (answer.mn) {
    const auto span = basic_string_value(mn_line.text, s.field);
    if (!span) {
      return where("cannot edit " + s.field + ": review-apply edits only a one-line `" + s.field +
                   " = \"...\"`");
    }
    mn_line.text.replace(span->begin, span->end - span->begin,
                         "\"" + toml_basic_string_body(*answer.mn) + "\"");
  }
  if (!answer.reviewed) return common::Nothing{};
  // The entry's lines: from the table header above the value to the next header.
  std::size_t first = mn_index;
  while (first > 0 && !is_table_header(lines[first - 1].text)) --first;
  std::size_t last = mn_index;
  while (last + 1 < lines.size() && !is_table_header(lines[last + 1].text)) ++last;
  const std::string flag = *answer.reviewed ? "true" : "false";
  for (std::size_t i = first; i <= last; ++i) {
    if (const auto span = boolean_value(lines[i].text, s.reviewed_field)) {
      lines[i].text.replace(span->begin, span->end - span->begin, flag);
      return common::Nothing{};
    }
  }
  const std::string indent = mn_line.text.substr(0, mn_line.text.find_first_not_of(" \t"));
  if (!mn_line.ending.empty()) {
    inserted_after[mn_index].push_back({indent + s.reviewed_field + " = " + flag, mn_line.ending});
  } else {
    // The value was the file's last line, without a line break: the new line is last now, still
    // without one, and the value's line gets the file's kind of line break.
    mn_line.ending = lines.front().ending.empty() ? "\n" : lines.front().ending;
    inserted_after[mn_index].push_back({indent + s.reviewed_field + " = " + flag, ""});
  }
  return common::Nothing{};
}

// The table holding a string's value in a parsed file: a UI string's [key] table (found as
// mongolian_strings names it), or a document's top level.
toml::table* entry_table(toml::table& root, const MongolianString& s) {
  if (s.field != "mn") return &root;
  struct Finder {
    const std::string& key;
    toml::table* operator()(toml::table& table, const std::string& prefix) const {
      for (auto&& [name, node] : table) {
        auto* entry = node.as_table();
        if (entry == nullptr) continue;
        const std::string full = prefix + std::string(name.str());
        if (entry->get("zh") == nullptr && entry->get("mn") == nullptr) {
          if (auto* found = (*this)(*entry, full + ".")) return found;
        } else if (full == key) {
          return entry;
        }
      }
      return nullptr;
    }
  };
  return Finder{s.key}(root, "");
}

common::Result<toml::table> parse_toml(const std::string& text, const std::string& path) {
  // Debian's toml++ throws; the error becomes a value here.
  try {
    return toml::parse(text, path);
  } catch (const toml::parse_error& failure) {
    return common::Error{Diagnostic{path, static_cast<int>(failure.source().begin.line),
                                    static_cast<int>(failure.source().begin.column),
                                    std::string(failure.description())}
                             .to_string()};
  }
}

// The textual edit must mean exactly the answers: the edited file parses to the original with
// those values set, and to nothing else. Guards against an edit in the wrong place.
common::Status check_edit(const FileEdit& edit) {
  auto before = parse_toml(edit.original, edit.path);
  if (!before) return common::Error{before.error()};
  auto after = parse_toml(edit.edited, edit.path);
  if (!after) return common::Error{"the edited file would not parse: " + after.error()};
  for (const Answer* answer : edit.answers) {
    toml::table* table = entry_table(before.value(), *answer->string);
    if (table == nullptr) return common::Error{edit.path + ": cannot find " + answer->string->key};
    if (answer->mn) table->insert_or_assign(answer->string->field, mongolian::to_utf8(*answer->mn));
    if (answer->reviewed)
      table->insert_or_assign(answer->string->reviewed_field, *answer->reviewed);
  }
  if (before.value() != after.value()) {
    return common::Error{edit.path +
                         ": the edit would change more than the answered values; nothing written"};
  }
  return common::Nothing{};
}

common::Result<std::vector<FileEdit>> edit_files(const std::vector<Answer>& answers) {
  std::map<std::string, FileEdit> by_file;
  for (const Answer& answer : answers) {
    FileEdit& edit = by_file[answer.string->file];
    edit.path = answer.string->file;
    edit.answers.push_back(&answer);
  }
  std::vector<FileEdit> edits;
  for (auto& [path, edit] : by_file) {
    auto original = read_file(path);
    if (!original) return common::Error{original.error()};
    edit.original = std::move(original.value());
    std::vector<Line> lines = split_lines(edit.original);
    std::map<std::size_t, std::vector<Line>> inserted_after;
    for (const Answer* answer : edit.answers) {
      if (auto applied = apply_answer(*answer, lines, inserted_after); !applied)
        return common::Error{applied.error()};
    }
    for (std::size_t i = 0; i < lines.size(); ++i) {
      edit.edited += lines[i].text + lines[i].ending;
      for (const Line& added : inserted_after[i]) edit.edited += added.text + added.ending;
    }
    if (auto checked = check_edit(edit); !checked) return common::Error{checked.error()};
    edits.push_back(std::move(edit));
  }
  return edits;
}

}  // namespace

// The Mongolian strings of SOURCE_DIR and its terms, which both commands start from.
struct StringsAndTerms {
  std::vector<MongolianString> strings;
  content::Terminology terms;
};
common::Result<StringsAndTerms> load_strings_and_terms(const std::string& source_dir) {
  auto strings = content::mongolian_strings(source_dir);
  if (!strings) return common::Error{strings.error()};
  auto terms = content::load_source_terms(source_dir);
  if (!terms) return common::Error{terms.error()};
  return StringsAndTerms{std::move(strings.value()), std::move(terms.value())};
}

// [SECTION] review-sheet

int run_review_sheet_command(const std::vector<std::string>& args) {
  if (wants_help(args, kReviewSheetUsage)) return 0;
  std::string source_dir;
  std::string output;
  std::string fonts_dir;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if ((args[i] == "-o" || args[i] == "--fonts") && i + 1 < args.size()) {
      (args[i] == "-o" ? output : fonts_dir) = args[i + 1];
      ++i;
    } else if (!args[i].empty() && args[i][0] == '-') {
      return usage_error("review-sheet", "unknown option or missing value: '" + args[i] + "'",
                         kReviewSheetUsage);
    } else if (source_dir.empty()) {
      source_dir = args[i];
    } else {
      return usage_error("review-sheet", "unexpected argument '" + args[i] + "'",
                         kReviewSheetUsage);
    }
  }
  if (source_dir.empty() || output.empty())
    return usage_error("review-sheet", "need SRC_DIR and -o FILE", kReviewSheetUsage);

  auto loaded = load_strings_and_terms(source_dir);
  if (!loaded) {
    std::fprintf(stderr, "%s\n", loaded.error().c_str());
    return 1;
  }
  auto& [strings, terms] = loaded.value();
  auto fonts = load_kiosk_fonts(fonts_dir);
  if (!fonts) {
    std::fprintf(stderr, "kioskpack review-sheet: %s\n", fonts.error().c_str());
    return 1;
  }
  auto scratch = TempDirectory::create();
  if (!scratch) {
    std::fprintf(stderr, "kioskpack review-sheet: %s\n", scratch.error().c_str());
    return 1;
  }
  StringPainter painter(**fonts, scratch->path() / "string.png");

  std::vector<SheetEntry> entries;
  std::size_t missing_glyphs = 0;
  for (const MongolianString& s : strings) {
    SheetEntry entry;
    entry.string = &s;
    entry.file = relative_file(s.file, source_dir);
    entry.findings = content::lint_mongolian(s, terms);
    auto drawing = painter.draw(s.mn);
    if (!drawing) {
      std::fprintf(stderr, "kioskpack review-sheet: %s: %s\n", s.key.c_str(),
                   drawing.error().c_str());
      return 1;
    }
    entry.drawing = std::move(drawing.value());
    missing_glyphs += entry.drawing.missing_glyphs;
    entries.push_back(std::move(entry));
  }

  // The same file load_kiosk_fonts takes.
  const std::string font_path =
      fonts_dir.empty() ? std::string(KIOSK_FONT_MONGOLIAN)
                        : (fs::path(fonts_dir) / "NotoSansMongolian-Regular.ttf").string();
  auto font = read_file(font_path);
  if (!font) std::fprintf(stderr, "kioskpack review-sheet: warning: %s\n", font.error().c_str());
  const std::string html = sheet_html(entries, source_dir, font ? base64(font.value()) : "");
  auto staged = StagedFile::stage(output, html);
  if (!staged) {
    std::fprintf(stderr, "kioskpack review-sheet: %s\n", staged.error().c_str());
    return 1;
  }
  if (auto committed = staged->commit(); !committed) {
    std::fprintf(stderr, "kioskpack review-sheet: %s\n", committed.error().c_str());
    return 1;
  }
  std::size_t drafts = 0;
  std::size_t errors = 0;
  std::size_t warnings = 0;
  for (const SheetEntry& entry : entries) {
    drafts += entry.string->reviewed ? 0 : 1;
    for (const auto& finding : entry.findings) ++(finding.error ? errors : warnings);
  }
  std::printf("wrote %s: %s (%s), lint: %s, %s, %.0f KiB\n", output.c_str(),
              counted(entries.size(), "string").c_str(), counted(drafts, "draft").c_str(),
              counted(errors, "error").c_str(), counted(warnings, "warning").c_str(),
              static_cast<double>(html.size()) / 1024.0);
  if (missing_glyphs > 0) {
    std::fprintf(stderr, "kioskpack review-sheet: warning: %zu character(s) have no glyph\n",
                 missing_glyphs);
  }
  return 0;
}

// [SECTION] review-apply

int run_review_apply_command(const std::vector<std::string>& args) {
  if (wants_help(args, kReviewApplyUsage)) return 0;
  if (args.size() != 2)
    return usage_error("review-apply", "need SRC_DIR and ANSWERS.csv", kReviewApplyUsage);
  const std::string& source_dir = args[0];
  const std::string& answers_path = args[1];

  auto loaded = load_strings_and_terms(source_dir);
  if (!loaded) {
    std::fprintf(stderr, "%s\n", loaded.error().c_str());
    return 1;
  }
  auto& [strings, terms] = loaded.value();
  auto answers = read_answers(answers_path, strings, source_dir);
  if (!answers) {
    std::fprintf(stderr, "%s\nkioskpack review-apply: nothing written\n", answers.error().c_str());
    return 1;
  }

  // What each answer changes; answers that change nothing are left out of the edit.
  std::size_t corrected = 0;
  std::size_t approved = 0;
  std::size_t unapproved = 0;
  std::vector<Answer> changes;
  for (Answer& answer : answers.value()) {
    const MongolianString& s = *answer.string;
    if (!answer.comment.empty()) {
      std::string one_line = answer.comment;
      std::replace(one_line.begin(), one_line.end(), '\n', ' ');
      std::printf("%s:%d: comment on %s: %s\n", answers_path.c_str(), answer.line, s.key.c_str(),
                  one_line.c_str());
    }
    if (answer.mn && mongolian::to_utf8(*answer.mn) == s.mn) answer.mn.reset();
    const bool flag_changes = answer.reviewed && *answer.reviewed != s.reviewed;
    if (!answer.mn && !flag_changes) continue;
    if (answer.mn) ++corrected;
    if (flag_changes) ++(*answer.reviewed ? approved : unapproved);
    changes.push_back(std::move(answer));
  }
  auto edits = edit_files(changes);
  if (!edits) {
    std::fprintf(stderr, "%s\nkioskpack review-apply: nothing written\n", edits.error().c_str());
    return 1;
  }
  std::vector<StagedFile> staged;
  std::size_t files_written = 0;
  for (const FileEdit& edit : edits.value()) {
    if (edit.edited == edit.original) continue;
    auto file = StagedFile::stage(edit.path, edit.edited);
    if (!file) {
      std::fprintf(stderr, "kioskpack review-apply: %s\nkioskpack review-apply: nothing written\n",
                   file.error().c_str());
      return 1;
    }
    staged.push_back(std::move(file.value()));
  }
  for (StagedFile& file : staged) {
    if (auto committed = file.commit(); !committed) {
      std::fprintf(stderr, "kioskpack review-apply: %s\n", committed.error().c_str());
      return 1;
    }
    ++files_written;
  }

  // Lint what changed, as it now stands in the files.
  std::set<std::pair<std::string, std::string>> changed;
  for (const Answer& answer : changes) changed.insert({answer.string->key, answer.string->field});
  auto reloaded = content::mongolian_strings(source_dir);
  if (!reloaded) {
    std::fprintf(stderr, "%s\n", reloaded.error().c_str());
    return 1;
  }
  std::size_t errors = 0;
  std::size_t warnings = 0;
  for (const MongolianString& s : reloaded.value()) {
    if (changed.count({s.key, s.field}) == 0) continue;
    for (const content::LintWarning& finding : content::lint_mongolian(s, terms)) {
      std::printf("%s\n", lint_line(finding).c_str());
      ++(finding.error ? errors : warnings);
    }
  }
  std::printf(
      "review-apply %s: %s; %zu corrected, %zu approved, %zu marked draft, %zu unchanged; %s "
      "written; lint: %s, %s\n",
      answers_path.c_str(), counted(answers->size(), "row").c_str(), corrected, approved,
      unapproved, answers->size() - changes.size(), counted(files_written, "file").c_str(),
      counted(errors, "error").c_str(), counted(warnings, "warning").c_str());
  return errors > 0 ? 1 : 0;
}

}  // namespace kiosk::pack
