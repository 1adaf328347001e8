// The importer's input formats: UTF-8 (BOM, line ends), GB18030/GBK and UTF-16 converted with
// ICU, Word documents built here with libzip from XML strings (paragraphs, tables, headings,
// automatic numbering), a PDF written here, and the errors every other input gets (.doc, RTF,
// other ZIPs, damaged archives, bytes in no encoding we read).
#include <gtest/gtest.h>
#include <zip.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "content/pipeline/source_formats.h"
#include "tests/support/test_support.h"

namespace kiosk::content::importer {
namespace {

using kiosk::testing::read_file;
using kiosk::testing::test_output_dir;
using Entries = std::vector<std::pair<std::string, std::string>>;

// [SECTION] Helpers

// A ZIP archive of `entries` (name, content; deflated, in this order), written with libzip to a
// file and read back.
std::string make_zip(const Entries& entries) {
  const std::string path = test_output_dir() + "/source_formats.zip";
  std::filesystem::create_directories(test_output_dir());
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  EXPECT_NE(archive, nullptr) << "zip_open " << error;
  if (archive == nullptr) return {};
  for (const auto& [name, content] : entries) {
    // zip_file_add takes the source; `entries` outlives zip_close, which reads the buffers.
    zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
    EXPECT_NE(source, nullptr);
    if (zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8) < 0) {
      zip_source_free(source);
      ADD_FAILURE() << "zip_file_add " << name << ": " << zip_strerror(archive);
    }
  }
  EXPECT_EQ(zip_close(archive), 0);
  return read_file(path);
}

constexpr const char* kWordNs = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

std::string word_part(const std::string& root, const std::string& content) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:" + root +
         " xmlns:w=\"" + kWordNs + "\">" + content + "</w:" + root + ">";
}

const std::string kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8"?>)"
    R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
    R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
    R"(<Default Extension="xml" ContentType="application/xml"/>)"
    R"(<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>)"
    R"(</Types>)";
const std::string kPackageRels =
    R"(<?xml version="1.0" encoding="UTF-8"?>)"
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>)"
    R"(</Relationships>)";
const std::string kDocumentRels =
    R"(<?xml version="1.0" encoding="UTF-8"?>)"
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>)"
    R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>)"
    R"(</Relationships>)";

// A .docx as Word writes it: the package parts, then the body, styles and numbering given.
std::string make_docx(const std::string& body, const std::string& styles = "",
                      const std::string& numbering = "") {
  return make_zip({{"[Content_Types].xml", kContentTypes},
                   {"_rels/.rels", kPackageRels},
                   {"word/_rels/document.xml.rels", kDocumentRels},
                   {"word/document.xml", word_part("document", "<w:body>" + body + "</w:body>")},
                   {"word/styles.xml", word_part("styles", styles)},
                   {"word/numbering.xml", word_part("numbering", numbering)}});
}

// One paragraph: optional paragraph properties, then runs of text.
std::string para(const std::string& text, const std::string& properties = "") {
  return "<w:p>" + (properties.empty() ? "" : "<w:pPr>" + properties + "</w:pPr>") +
         (text.empty() ? "" : "<w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r>") +
         "</w:p>";
}
std::string numbered(const std::string& text, int num_id, int ilvl) {
  return para(text, "<w:numPr><w:ilvl w:val=\"" + std::to_string(ilvl) + "\"/><w:numId w:val=\"" +
                        std::to_string(num_id) + "\"/></w:numPr>");
}
std::string styled(const std::string& text, const std::string& style) {
  return para(text, "<w:pStyle w:val=\"" + style + "\"/>");
}

ConvertedSource convert_ok(std::string_view bytes, const std::string& file = "doc.txt") {
  auto converted = convert_source(file, bytes);
  EXPECT_TRUE(converted.ok()) << converted.error();
  return converted.ok() ? converted.value() : ConvertedSource{};
}

std::string convert_error(std::string_view bytes, const std::string& file = "doc.txt") {
  auto converted = convert_source(file, bytes);
  EXPECT_FALSE(converted.ok()) << converted->text;
  return converted.ok() ? std::string() : converted.error();
}

bool has_note(const ConvertedSource& converted, const std::string& text) {
  for (const std::string& note : converted.notes) {
    if (note.find(text) != std::string::npos) return true;
  }
  return false;
}

std::string notes_of(const ConvertedSource& converted) {
  std::string out;
  for (const std::string& note : converted.notes) out += note + "\n";
  return out;
}

// [SECTION] Text

TEST(SourceFormats, Utf8PassesThroughWithoutBomAndCr) {
  const ConvertedSource converted = convert_ok("\xEF\xBB\xBF第一条\r\n为了\r\n\r\n结束");
  EXPECT_EQ(converted.text, "第一条\n为了\n\n结束");
  EXPECT_EQ(converted.format, "utf-8");
  EXPECT_FALSE(converted.lines_are_paragraphs);
  EXPECT_TRUE(has_note(converted, "byte order mark removed")) << notes_of(converted);

  const ConvertedSource old_mac = convert_ok("甲\r乙\r\n丙");
  EXPECT_EQ(old_mac.text, "甲\n乙\n丙");
  EXPECT_TRUE(has_note(old_mac, "(CR) read as line breaks: 1")) << notes_of(old_mac);

  EXPECT_TRUE(convert_ok("").text.empty());
  // A text that mentions a PDF header is still text.
  EXPECT_EQ(convert_ok("说明：\n%PDF-1.7 是文件头").format, "utf-8");
  EXPECT_TRUE(convert_ok("plain\n").notes.empty());
}

TEST(SourceFormats, Gb18030IsConvertedAndNoted) {
  // The GBK bytes of "第一条　为了" and "第二条　本条例适用于全区。" (computed with
  // `printf '…' | iconv -f UTF-8 -t GBK | xxd -p`), with a Windows line end between them.
  const std::string gbk =
      "\xb5\xda\xd2\xbb\xcc\xf5\xa1\xa1\xce\xaa\xc1\xcb\r\n"
      "\xb5\xda\xb6\xfe\xcc\xf5\xa1\xa1\xb1\xbe\xcc\xf5\xc0\xfd\xca\xca\xd3\xc3\xd3\xda\xc8\xab"
      "\xc7\xf8\xa1\xa3";
  const ConvertedSource converted = convert_ok(gbk);
  EXPECT_EQ(converted.text, "第一条　为了\n第二条　本条例适用于全区。");
  EXPECT_EQ(converted.format, "gb18030");
  EXPECT_TRUE(has_note(converted, "converted from GB18030 (GBK) to UTF-8 (ICU)"))
      << notes_of(converted);
}

TEST(SourceFormats, Utf16WithBomIsConverted) {
  // "第1\r\n条" in UTF-16LE (第 U+7B2C, 条 U+6761) and UTF-16BE.
  const std::string le("\xFF\xFE\x2C\x7B\x31\x00\x0D\x00\x0A\x00\x61\x67", 12);
  const ConvertedSource little = convert_ok(le);
  EXPECT_EQ(little.text, "第1\n条");
  EXPECT_EQ(little.format, "utf-16le");
  const std::string be("\xFE\xFF\x7B\x2C\x00\x31\x00\x0A\x67\x61", 10);
  EXPECT_EQ(convert_ok(be).text, "第1\n条");
  // An unpaired surrogate.
  EXPECT_EQ(convert_error(std::string("\xFF\xFE\x00\xD8\x41\x00", 6)),
            "doc.txt: the file starts as UTF-16LE text (byte order mark) but is not valid "
            "UTF-16LE: save it as UTF-8 text");
}

TEST(SourceFormats, BytesInNoEncodingAreAnErrorWithLineAndColumn) {
  const std::string advice =
      "; the file is neither UTF-8 nor GB18030/GBK text: save it as UTF-8 text, or send the "
      "Word document (.docx)";
  // A UTF-8 file with one bad byte is a damaged UTF-8 file, not GBK.
  EXPECT_EQ(convert_error("第一行\n好\xff坏\n"), "doc.txt:2:2: invalid UTF-8 (byte 0xFF)" + advice);
  // GB18030 fails: a four-byte sequence cut short.
  EXPECT_EQ(convert_error("abc\n\x81\x30\x81"), "doc.txt:2:1: invalid UTF-8 (byte 0x81)" + advice);
  // Each of these converts as GB18030 but is too short to read as Chinese.
  EXPECT_EQ(convert_error("ab\xe4\xb8"), "doc.txt:1:3: invalid UTF-8 (byte 0xE4)" + advice);
  EXPECT_EQ(convert_error("\xc0\xaf"), "doc.txt:1:1: invalid UTF-8 (byte 0xC0)" + advice);
  EXPECT_EQ(convert_error("好\xed\xa0\x80"), "doc.txt:1:2: invalid UTF-8 (byte 0xED)" + advice);
  // Binary bytes.
  std::string binary;
  for (int byte = 0x80; byte < 0x100; ++byte) binary += static_cast<char>(byte);
  EXPECT_EQ(convert_error("x\n" + binary), "doc.txt:2:1: invalid UTF-8 (byte 0x80)" + advice);
}

TEST(SourceFormats, NulBytesAreAnError) {
  EXPECT_EQ(convert_error(std::string("ab\n好c\0d", 8)),
            "doc.txt:2:3: a NUL byte in text: this is not a text file (or it is UTF-16 without "
            "a byte order mark): save it as UTF-8 text, or send the Word document (.docx)");
}

// [SECTION] Formats we name but do not read

TEST(SourceFormats, WordDocAndRtfAndUtf32GetWhatToDo) {
  std::string doc("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  doc += std::string(504, '\0');
  EXPECT_EQ(convert_error(doc, "law.docx"),
            "law.docx: this is a Word 97-2003 document (.doc), not .docx: open it in Word or "
            "LibreOffice and save it as .docx (Word Document)");
  doc += std::string("W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t\0", 24);
  EXPECT_EQ(convert_error(doc, "law.docx"),
            "law.docx: this is a Word 97-2003 document (.doc), not .docx: open it in Word or "
            "LibreOffice and save it as .docx (Word Document)");
  std::string workbook(doc.substr(0, 512));
  workbook += std::string("W\0o\0r\0k\0b\0o\0o\0k\0", 16);
  EXPECT_NE(convert_error(workbook).find("Excel or PowerPoint 97-2003"), std::string::npos);
  std::string encrypted(doc.substr(0, 512));
  encrypted += std::string("E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0", 32);
  EXPECT_NE(convert_error(encrypted).find("protected by a password"), std::string::npos);

  EXPECT_EQ(convert_error("{\\rtf1\\ansi\\deff0 {\\fonttbl} hello}", "law.txt"),
            "law.txt: this is an RTF document (.rtf), not .docx: open it in Word or "
            "LibreOffice and save it as .docx (Word Document)");
  EXPECT_EQ(convert_error(std::string("\xFF\xFE\0\0a\0\0\0", 8)),
            "doc.txt: this is UTF-32 text: save it as UTF-8 text");
}

TEST(SourceFormats, ZipFilesThatAreNotWordDocuments) {
  EXPECT_EQ(convert_error(make_zip({{"notes.txt", "hello"}}), "a.docx"),
            "a.docx: this is a ZIP archive, not a Word document (.docx): copy the text into a "
            "Word document and save it as .docx");
  EXPECT_EQ(convert_error(make_zip({{"[Content_Types].xml", kContentTypes},
                                    {"xl/workbook.xml", "<workbook/>"}}),
                          "a.docx"),
            "a.docx: this is an Excel workbook (.xlsx), not a Word document: copy the text into "
            "a Word document and save it as .docx");
  EXPECT_NE(convert_error(make_zip({{"mimetype", "application/vnd.oasis.opendocument.text"},
                                    {"content.xml", "<x/>"}}))
                .find("OpenDocument text (.odt)"),
            std::string::npos);
}

// [SECTION] Word documents

const std::string kStyles =
    // The default paragraph style; heading 1 by outline level (Chinese Word names styles "1",
    // "2"...); heading 2 by its built-in name only; a chapter style based on heading 1 that
    // carries the chapter numbering (level 0 of list 1 names it with w:pStyle).
    R"(<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>)"
    R"(<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/>)"
    R"(<w:basedOn w:val="a"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>)"
    R"(<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/>)"
    R"(<w:basedOn w:val="a"/></w:style>)"
    R"(<w:style w:type="paragraph" w:styleId="Chapter"><w:name w:val="Chapter"/>)"
    R"(<w:basedOn w:val="1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>)";

std::string level(int ilvl, const std::string& format, const std::string& text,
                  const std::string& extra = "") {
  return "<w:lvl w:ilvl=\"" + std::to_string(ilvl) + "\"><w:start w:val=\"1\"/><w:numFmt w:val=\"" +
         format + "\"/><w:lvlText w:val=\"" + text + "\"/>" + extra + "</w:lvl>";
}

const std::string kNumbering =
    // List 1: 第一章 (a space after it), 一、 (nothing after), （一）, 1. (a tab, Word's default).
    "<w:abstractNum w:abstractNumId=\"0\">" +
    level(0, "chineseCounting", "第%1章", R"(<w:suff w:val="space"/><w:pStyle w:val="Chapter"/>)") +
    level(1, "chineseCountingThousand", "%2、", R"(<w:suff w:val="nothing"/>)") +
    level(2, "chineseCounting", "（%3）", R"(<w:suff w:val="nothing"/>)") +
    level(3, "decimal", "%4.") +
    "</w:abstractNum>"
    // Lists 2 and 3 share one definition starting at 3; list 3 restarts it at 1.
    R"(<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="3"/>)"
    R"(<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:suff w:val="space"/></w:lvl>)"
    R"(</w:abstractNum>)"
    R"(<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>)"
    R"(<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>)"
    R"(<w:num w:numId="3"><w:abstractNumId w:val="1"/>)"
    R"(<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>)";

TEST(SourceFormats, DocxParagraphsHeadingsAndNumbering) {
  std::string body = styled("总则", "Chapter") + numbered("目的", 1, 1) + numbered("依据", 1, 2) +
                     numbered("范围", 1, 2) + numbered("细则", 1, 3) + numbered("原则", 1, 1) +
                     numbered("分工", 1, 2) + styled("分则", "Chapter");
  for (int item = 1; item <= 11; ++item) body += numbered("第" + std::to_string(item) + "项", 1, 1);
  body += styled("附则", "2") + numbered("甲", 2, 0) + numbered("乙", 2, 0) + numbered("丙", 3, 0) +
          numbered("丁", 3, 0) + para("（插入）") + numbered("戊", 2, 0);
  const ConvertedSource converted = convert_ok(make_docx(body, kStyles, kNumbering), "doc.docx");
  EXPECT_EQ(converted.format, "docx");
  EXPECT_TRUE(converted.lines_are_paragraphs);
  EXPECT_EQ(converted.text,
            "# 第一章 总则\n"
            "一、目的\n"
            "（一）依据\n"
            "（二）范围\n"
            "1.\t细则\n"
            "二、原则\n"
            "（一）分工\n"
            "# 第二章 分则\n"
            "一、第1项\n二、第2项\n三、第3项\n四、第4项\n五、第5项\n六、第6项\n七、第7项\n"
            "八、第8项\n九、第9项\n十、第10项\n十一、第11项\n"
            "## 附则\n"
            "3. 甲\n"
            "4. 乙\n"
            "1. 丙\n"
            "2. 丁\n"
            // Lists of one definition count together, as Word shows them: list 2 resumes
            // after list 3's restart.
            "（插入）\n"
            "3. 戊\n");
  EXPECT_TRUE(has_note(converted, "Word document (.docx): 26 paragraphs; one line per paragraph"))
      << notes_of(converted);
  EXPECT_TRUE(has_note(converted,
                       "Word headings (outline levels) written as Markdown \"#\" headings: 3 "
                       "(level 1: 2, level 2: 1)"))
      << notes_of(converted);
  EXPECT_TRUE(has_note(converted, "Word automatic numbering written out on 24 paragraphs"))
      << notes_of(converted);
}

TEST(SourceFormats, DocxTextRunsTablesBreaksAndSpacers) {
  const std::string body =
      // U+200B spacers: a paragraph of one, and one inside text.
      para("\u200B") + para("第一条\u200B为了") +
      // Runs, xml:space, tabs; hidden text and a tracked deletion left out, an insertion kept.
      R"(<w:p><w:r><w:t xml:space="preserve">a </w:t><w:t>b</w:t><w:tab/><w:t>c</w:t></w:r>)"
      R"(<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>)"
      R"(<w:del><w:r><w:delText>删除</w:delText></w:r></w:del>)"
      R"(<w:ins><w:r><w:t>插入</w:t></w:r></w:ins>)"
      R"(<w:hyperlink><w:r><w:t>链接</w:t></w:r></w:hyperlink></w:p>)"
      // A line break in a paragraph starts a line; in a heading it is joined.
      R"(<w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t></w:r></w:p>)"
      R"(<w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:r><w:t>关于</w:t><w:br/>)"
      R"(<w:t>决定</w:t></w:r></w:p>)"
      // A page break is no line.
      R"(<w:p><w:r><w:br w:type="page"/><w:t>新页</w:t></w:r></w:p>)"
      // A direct outline level, an empty paragraph, a table of two cells.
      + para("第三级", R"(<w:outlineLvl w:val="2"/>)") + "<w:p/>" +
      "<w:tbl><w:tblPr/><w:tr><w:tc><w:tcPr/>" + para("单元一") + "</w:tc><w:tc>" + para("单元二") +
      para("单元二下") + "</w:tc></w:tr></w:tbl>" + para("表后") + "<w:sectPr/>";
  const ConvertedSource converted = convert_ok(make_docx(body, kStyles, kNumbering), "doc.docx");
  EXPECT_EQ(converted.text,
            "\n"
            "第一条为了\n"
            "a b\tc插入链接\n"
            "第一行\n第二行\n"
            "# 关于决定\n"
            "新页\n"
            "### 第三级\n"
            "\n"
            "单元一\n单元二\n单元二下\n"
            "表后\n");
  for (const char* note :
       {"zero-width spaces (U+200B) dropped: 2", "(3 in table cells, one line each)",
        "line breaks inside a Word paragraph taken as paragraph breaks: 1",
        "line breaks inside a Word heading joined: 1", "hidden text left out: 1 run",
        "tracked deletions left out (insertions kept): 1"}) {
    EXPECT_TRUE(has_note(converted, note)) << note << "\n" << notes_of(converted);
  }
}

TEST(SourceFormats, DocxWithoutRelationshipsOrStyles) {
  // Only the main part, under its usual name; no styles, no numbering (a numbered paragraph
  // then has no label).
  const std::string bytes = make_zip(
      {{"word/document.xml",
        word_part("document", "<w:body>" + para("正文") + numbered("条", 1, 0) + "</w:body>")}});
  EXPECT_EQ(convert_ok(bytes, "doc.docx").text, "正文\n条\n");
}

TEST(SourceFormats, ListNumberFormats) {
  const std::vector<std::pair<int, const char*>> chinese = {
      {1, "一"},     {9, "九"},         {10, "十"},       {11, "十一"},
      {19, "十九"},  {20, "二十"},      {21, "二十一"},   {99, "九十九"},
      {100, "一百"}, {101, "一百零一"}, {110, "一百一十"}};
  for (const auto& [value, text] : chinese) {
    EXPECT_EQ(format_list_number(value, "chineseCounting"), text) << value;
    EXPECT_EQ(format_list_number(value, "chineseCountingThousand"), text) << value;
  }
  EXPECT_EQ(format_list_number(10, "ideographDigital"), "一〇");
  EXPECT_EQ(format_list_number(11, "chineseLegalSimplified"), "壹拾壹");
  EXPECT_EQ(format_list_number(23, "chineseLegalSimplified"), "贰拾叁");
  EXPECT_EQ(format_list_number(3, "decimalEnclosedCircle"), "③");
  EXPECT_EQ(format_list_number(2, "decimalEnclosedParen"), "⑵");
  EXPECT_EQ(format_list_number(12, "decimalFullWidth"), "１２");
  EXPECT_EQ(format_list_number(3, "ideographTraditional"), "丙");
  EXPECT_EQ(format_list_number(7, "decimalZero"), "07");
  EXPECT_EQ(format_list_number(14, "upperRoman"), "XIV");
  EXPECT_EQ(format_list_number(1994, "lowerRoman"), "mcmxciv");
  EXPECT_EQ(format_list_number(28, "lowerLetter"), "bb");
  bool known = true;
  EXPECT_EQ(format_list_number(5, "hebrew1", &known), "5");
  EXPECT_FALSE(known);
}

TEST(SourceFormats, DamagedZipIsAClearErrorNeverACrash) {
  std::string body;
  for (int item = 0; item < 40; ++item) body += numbered("第一条　为了规范管理工作", 1, 1);
  const std::string docx = make_docx(body, kStyles, kNumbering);
  ASSERT_TRUE(convert_source("doc.docx", docx).ok());

  const std::string truncated = docx.substr(0, docx.size() / 2);
  const std::string error = convert_error(truncated, "doc.docx");
  EXPECT_EQ(error.rfind("doc.docx: this looks like a Word document (.docx, a ZIP file) but cannot "
                        "be read (",
                        0),
            0u)
      << error;
  EXPECT_NE(error.find("damaged or incomplete"), std::string::npos) << error;

  // Damage the deflated document.xml (the only entry): a data error or a wrong checksum.
  std::string lone =
      make_zip({{"word/document.xml", word_part("document", "<w:body>" + body + "</w:body>")}});
  ASSERT_GT(lone.size(), 200u);
  for (std::size_t at = 60; at < 90; ++at) lone[at] = static_cast<char>(lone[at] ^ 0x5A);
  const std::string damaged = convert_error(lone, "doc.docx");
  EXPECT_EQ(damaged.rfind("doc.docx: the Word document is damaged (word/document.xml: ", 0), 0u)
      << damaged;

  // Every single-byte change of the archive gives a result or an error.
  int errors = 0;
  for (std::size_t at = 0; at < docx.size(); at += 7) {
    std::string changed = docx;
    changed[at] = static_cast<char>(changed[at] ^ 0xFF);
    if (!convert_source("doc.docx", changed).ok()) ++errors;
  }
  EXPECT_GT(errors, 0);
}

TEST(SourceFormats, BadXmlInADocxIsAnError) {
  const std::string bytes = make_zip({{"word/document.xml", "<w:document><w:body><w:p>"}});
  EXPECT_EQ(convert_error(bytes, "doc.docx")
                .rfind("doc.docx: the Word document is damaged "
                       "(word/document.xml: XML error at byte ",
                       0),
            0u);
}

// [SECTION] PDF

// A PDF with pages of text lines in Helvetica (not embedded), with a correct cross-reference
// table: written here so the test shows every byte of it.
std::string make_pdf(const std::vector<std::vector<std::string>>& pages) {
  std::vector<std::string> objects;
  const int page_count = static_cast<int>(pages.size());
  std::string kids;
  for (int page = 0; page < page_count; ++page) kids += std::to_string(4 + page * 2) + " 0 R ";
  objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  objects.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(page_count) +
                    " >>");
  objects.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  for (int page = 0; page < page_count; ++page) {
    std::string content = "BT /F1 18 Tf 72 700 Td";
    for (const std::string& line : pages[static_cast<std::size_t>(page)]) {
      content += " (" + line + ") Tj 0 -30 Td";
    }
    content += " ET";
    objects.push_back(
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << "
        "/Font << /F1 3 0 R >> >> /Contents " +
        std::to_string(5 + page * 2) + " 0 R >>");
    objects.push_back("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content +
                      "\nendstream");
  }
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t index = 0; index < objects.size(); ++index) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(index + 1) + " 0 obj\n" + objects[index] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (const std::size_t offset : offsets) {
    char entry[32];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offset);
    pdf += entry;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

TEST(SourceFormats, PdfTextLinesAndPages) {
  const ConvertedSource converted =
      convert_ok(make_pdf({{"Article 1", "First line of text"}, {"Page two"}}), "doc.pdf");
  EXPECT_EQ(converted.format, "pdf");
  EXPECT_FALSE(converted.lines_are_paragraphs);
  EXPECT_EQ(converted.text, "Article 1\nFirst line of text\n\nPage two\n");
  EXPECT_TRUE(has_note(converted,
                       "PDF text extraction (poppler): 2 pages, 2 with text, "
                       "separated by a blank line; layout is guessed; check the "
                       "preview"))
      << notes_of(converted);
}

TEST(SourceFormats, PdfWithoutTextOrDamagedIsAnError) {
  EXPECT_EQ(convert_error(make_pdf({{}}), "scan.pdf"),
            "scan.pdf: the PDF has no text (its pages are probably scanned images): copy the "
            "text into a UTF-8 text file, or ask for the Word document (.docx)");
  const std::string error = convert_error("%PDF-1.4\nnothing else", "bad.pdf");
  EXPECT_EQ(error.rfind("bad.pdf: the PDF ", 0), 0u) << error;
}

}  // namespace
}  // namespace kiosk::content::importer
