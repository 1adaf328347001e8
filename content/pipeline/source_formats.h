// Private to content/pipeline: the importer's input formats. Editors hand over UTF-8 text,
// GB18030/GBK text, Word documents (.docx) and sometimes a PDF; convert_source turns any of
// them into UTF-8 lines for the importer and says what it did, and names the formats it cannot
// read (.doc, RTF, other ZIP files) with what to do instead.
//
//   auto converted = convert_source("doc.docx", bytes);
//   if (!converted) return Error{converted.error()};  // "doc.docx: this is a Word 97-2003 ..."
//   // converted->text: UTF-8, "\n" between lines; converted->notes: for the import report
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "content/pipeline/pipeline.h"

namespace kiosk::content::importer {

struct ConvertedSource {
  std::string text;  // UTF-8, lines separated by "\n", no BOM, no "\r"
  // What the bytes were: "utf-8", "gb18030", "utf-16le", "utf-16be", "docx" or "pdf".
  std::string format;
  // For the import report, e.g. "converted from GB18030 to UTF-8 (ICU)".
  std::vector<std::string> notes;
  // True for .docx: one Word paragraph is one line (a blank line is an empty Word paragraph),
  // so lines are never joined as hard-wrapped text.
  bool lines_are_paragraphs = false;
};

// `file` is the name used in messages; `bytes` the file's content, whatever its extension (the
// format is recognised by its content). Errors are "FILE:LINE:COLUMN: message" (line and column
// only where they mean something) and say what to do.
//
// - UTF-8: a BOM is dropped, CRLF and lone CR become LF; a NUL byte is an error.
// - Not UTF-8: a strict GB18030 conversion (ICU), kept when every sequence converts and the
//   text reads as Chinese; otherwise "FILE:L:C: invalid UTF-8 (byte 0xNN); ..." for the first
//   bad byte, as the importer always said.
// - UTF-16 with a BOM: converted strictly (ICU).
// - .docx (a ZIP with a Word main part): one line per paragraph in body order (table cells in
//   order), headings from Word's outline levels as Markdown "# " marks, automatic numbering
//   written out as Word shows it, zero-width spaces dropped.
// - PDF: the text of each page in reading order (poppler), pages separated by a blank line.
// - .doc, RTF, encrypted Office files, .xlsx/.pptx/.odt and other ZIPs: an error naming the
//   format and how to save it as .docx.
Result<ConvertedSource> convert_source(const std::string& file, std::string_view bytes);

// [SECTION] Exposed for tests

// How Word writes the number `value` in the numbering format `num_fmt` (w:numFmt's value, e.g.
// "decimal", "chineseCounting", "ideographDigital"); false in `known` when the format is not
// one we write (the number is then written in decimal digits).
std::string format_list_number(int value, std::string_view num_fmt, bool* known = nullptr);

}  // namespace kiosk::content::importer
