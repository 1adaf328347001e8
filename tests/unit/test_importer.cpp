// The importer: each cleaning rule on small synthetic inputs (including inputs that must be left
// alone), the structure of the five seed documents, and the errors bad input gets.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <random>
#include <regex>
#include <sstream>

#include "content/pipeline/pipeline.h"
#include "tests/support/test_support.h"

namespace kiosk::content {
namespace {

// [SECTION] Helpers

DocumentMetadata synthetic_metadata(const std::string& title = "某某决定") {
  DocumentMetadata metadata;
  metadata.metadata_file = "documents/doc.toml";
  metadata.slug = "doc";
  metadata.source = "doc.txt";
  metadata.title_zh = title;
  metadata.issuer = "某某委员会";
  metadata.date = "2023-07-05";
  return metadata;
}

struct Imported {
  ImportedDocument document;
  ImportReport report;
};

Imported import_ok(const std::string& source,
                   const DocumentMetadata& metadata = synthetic_metadata()) {
  Imported out;
  auto document = import_document(metadata, source, out.report);
  EXPECT_TRUE(document.ok()) << document.error();
  if (document.ok()) out.document = std::move(document.value());
  return out;
}

std::string import_error(const std::string& source,
                         const DocumentMetadata& metadata = synthetic_metadata()) {
  ImportReport report;
  auto document = import_document(metadata, source, report);
  EXPECT_FALSE(document.ok());
  EXPECT_TRUE(report.entries.empty()) << "a failed import adds nothing to the report";
  return document.ok() ? std::string() : document.error();
}

void visit(const std::vector<Node>& nodes, const std::function<void(const Node&)>& action) {
  for (const Node& node : nodes) {
    action(node);
    visit(node.children, action);
  }
}

std::vector<const Node*> nodes_of(const ImportedDocument& document, NodeKind kind) {
  std::vector<const Node*> out;
  visit(document.nodes, [&](const Node& node) {
    if (node.kind == kind) out.push_back(&node);
  });
  return out;
}

std::vector<std::string> texts(const std::vector<Node>& nodes) {
  std::vector<std::string> out;
  for (const Node& node : nodes) {
    if (node.kind == NodeKind::kParagraph) out.push_back(node.text);
  }
  return out;
}

std::vector<std::string> all_paragraphs(const ImportedDocument& document) {
  std::vector<std::string> out;
  for (const Node* node : nodes_of(document, NodeKind::kParagraph)) out.push_back(node->text);
  return out;
}

std::vector<ReportEntry> entries(const ImportReport& report, ReportEntry::Kind kind,
                                 const std::string& rule) {
  std::vector<ReportEntry> out;
  std::copy_if(report.entries.begin(), report.entries.end(), std::back_inserter(out),
               [&](const ReportEntry& entry) { return entry.kind == kind && entry.rule == rule; });
  return out;
}

std::vector<ReportEntry> removed(const ImportReport& report, const std::string& rule) {
  return entries(report, ReportEntry::Kind::kRemoved, rule);
}

// [SECTION] Continuation markers and excerpts

TEST(ImporterMarkers, FullWidthMarkerOnItsOwnLineIsRemovedAndMakesAnExcerpt) {
  const auto imported = import_ok(" （上接第二版）\n（二）强化人才支撑。坚持教育优先发展。\n");
  const auto markers = removed(imported.report, "continuation-marker");
  ASSERT_EQ(markers.size(), 1U);
  EXPECT_EQ(markers[0].text, "（上接第二版）");
  EXPECT_EQ(markers[0].line, 1);
  EXPECT_EQ(markers[0].file, "doc.txt");
  EXPECT_TRUE(imported.document.excerpt);
  EXPECT_EQ(entries(imported.report, ReportEntry::Kind::kNote, "excerpt").size(), 1U);
  // An excerpt may start at any number.
  ASSERT_EQ(imported.document.nodes.size(), 1U);
  EXPECT_EQ(imported.document.nodes[0].label, "（二）");
}

TEST(ImporterMarkers, AsciiMarkerStartingAParagraphIsCutFromIt) {
  const auto imported = import_ok("# 某某决定\n\n(上接1版)深入践行重要要求,落实到全过程。\n");
  const auto markers = removed(imported.report, "continuation-marker");
  ASSERT_EQ(markers.size(), 1U);
  EXPECT_EQ(markers[0].text, "(上接1版)");
  EXPECT_EQ(markers[0].line, 3);
  EXPECT_TRUE(imported.document.excerpt);
  EXPECT_EQ(all_paragraphs(imported.document),
            std::vector<std::string>{"深入践行重要要求，落实到全过程。"});
}

TEST(ImporterMarkers, MarkerAfterTheDocumentStartedIsRemovedWithoutMakingAnExcerpt) {
  const auto imported = import_ok("第一段。\n（上接第2版）第二段。\n");
  EXPECT_EQ(removed(imported.report, "continuation-marker").size(), 1U);
  EXPECT_FALSE(imported.document.excerpt);
  EXPECT_EQ(all_paragraphs(imported.document), (std::vector<std::string>{"第一段。", "第二段。"}));
}

TEST(ImporterMarkers, BracketedTextThatIsNotAMarkerStays) {
  const auto imported = import_ok("第一段（上接受的意见）。\n");
  EXPECT_TRUE(removed(imported.report, "continuation-marker").empty());
  EXPECT_EQ(all_paragraphs(imported.document),
            std::vector<std::string>{"第一段（上接受的意见）。"});
}

// [SECTION] Lines before the body, letterheads, titles

TEST(ImporterLines, EverythingBeforeTheBodyIsDroppedLineByLine) {
  DocumentMetadata metadata = synthetic_metadata("某某实施意见");
  metadata.hints.body_starts_at = "某某实施";
  const auto imported = import_ok(
      "\n文件批办单\n\n运转号：（党）198号\n电话：8628022\nᠵᠢᠨᠠᠭ "
      "ᠲᠣᠯᠯᠤᠰ\n某某实施意见\n正文第一段。\n",
      metadata);
  const auto slip = removed(imported.report, "before-body");
  ASSERT_EQ(slip.size(), 3U);
  EXPECT_EQ(slip[0].line, 2);
  EXPECT_EQ(slip[0].text, "文件批办单");
  EXPECT_EQ(slip[1].text, "运转号：（党）198号");
  EXPECT_EQ(slip[2].text, "电话：8628022");
  const auto letterhead = removed(imported.report, "garbled-letterhead");
  ASSERT_EQ(letterhead.size(), 1U);
  EXPECT_EQ(letterhead[0].line, 6);
  EXPECT_EQ(removed(imported.report, "title").size(), 1U);
  EXPECT_EQ(all_paragraphs(imported.document), std::vector<std::string>{"正文第一段。"});
}

TEST(ImporterLines, BodyStartThatMatchesNoLineIsAnError) {
  DocumentMetadata metadata = synthetic_metadata();
  metadata.hints.body_starts_at = "不存在";
  EXPECT_EQ(import_error("正文。\n", metadata),
            "doc.txt: no line starts with body_starts_at \"不存在\" (documents/doc.toml)");
}

TEST(ImporterLines, MongolianLineInsideAChineseDocumentIsDropped) {
  const auto imported = import_ok("第一段。\nᠵᠢᠨᠠᠭ ᠲᠣᠯᠯᠤᠰ ᠰᠤ\n第二段。\n");
  const auto letterhead = removed(imported.report, "garbled-letterhead");
  ASSERT_EQ(letterhead.size(), 1U);
  EXPECT_EQ(letterhead[0].text, "ᠵᠢᠨᠠᠭ ᠲᠣᠯᠯᠤᠰ ᠰᠤ");
  EXPECT_EQ(all_paragraphs(imported.document), (std::vector<std::string>{"第一段。", "第二段。"}));
}

TEST(ImporterLines, MongolianDocumentKeepsItsLines) {
  const auto imported = import_ok("ᠵᠢᠨᠠᠭ ᠲᠣᠯᠯᠤᠰ\n");
  EXPECT_TRUE(removed(imported.report, "garbled-letterhead").empty());
  EXPECT_EQ(all_paragraphs(imported.document).size(), 1U);
}

TEST(ImporterLines, TitleAndIssuerLineAtTheTopDuplicateTheMetadata) {
  const auto imported = import_ok(
      "内蒙古自治区党委\n\n关于某事的决定\n(2023年7月5日某某会议通过)\n为了某事，作出如下决定。\n",
      synthetic_metadata("关于某事的决定"));
  const auto issuer = removed(imported.report, "issuer-line");
  ASSERT_EQ(issuer.size(), 1U);
  EXPECT_EQ(issuer[0].text, "内蒙古自治区党委");
  const auto title = removed(imported.report, "title");
  ASSERT_EQ(title.size(), 1U);
  EXPECT_EQ(title[0].line, 3);
  EXPECT_EQ(all_paragraphs(imported.document),
            (std::vector<std::string>{"（2023年7月5日某某会议通过）", "为了某事，作出如下决定。"}));
}

TEST(ImporterLines, TitleIsRecognisedDespiteSpacesMarksAndMarkdown) {
  const std::string title = "某某贯彻落实《关于某事的决定》的实施意见";
  for (const std::string line :
       {"某某贯彻落实 《关于某事的 决定》的实施意见", "# 某某贯彻落实《关于某事的决定》的实施意见",
        "《某某贯彻落实关于某事的决定的实施意见》"}) {
    const auto imported = import_ok(line + "\n正文。\n", synthetic_metadata(title));
    const auto removals = removed(imported.report, "title");
    ASSERT_EQ(removals.size(), 1U) << line;
    // Markdown's heading mark is removed (and listed) as such before the title is recognised.
    const bool markdown = line.rfind("# ", 0) == 0;
    EXPECT_EQ(removals[0].text, markdown ? line.substr(2) : line);
    EXPECT_EQ(removed(imported.report, "markdown-heading").size(), markdown ? 1U : 0U) << line;
    // As found: spaces and "#" left out, 《》 only where they enclose the whole title.
    EXPECT_EQ(imported.document.found_title, line[0] == '\xE3'
                                                 ? "某某贯彻落实关于某事的决定的实施意见"
                                                 : "某某贯彻落实《关于某事的决定》的实施意见")
        << line;
    EXPECT_EQ(all_paragraphs(imported.document), std::vector<std::string>{"正文。"}) << line;
  }
}

TEST(ImporterLines, AFirstLineThatIsNotTheTitleStays) {
  const auto imported =
      import_ok("关于别的事的决定\n正文。\n", synthetic_metadata("关于某事的决定"));
  EXPECT_TRUE(removed(imported.report, "title").empty());
  EXPECT_TRUE(removed(imported.report, "issuer-line").empty());
  EXPECT_EQ(all_paragraphs(imported.document).size(), 2U);
}

TEST(ImporterLines, TitleAtTheEndAndHintedLinesAreDropped) {
  DocumentMetadata metadata = synthetic_metadata("某某决定");
  metadata.hints.title_at_end = true;
  metadata.hints.drop_lines_starting_with = {"（转载自"};
  const auto imported =
      import_ok("正文第一段。\n\n（转载自11月22日《某报》）\n\n某某决定\n\n", metadata);
  const auto hinted = removed(imported.report, "hint-drop-line");
  ASSERT_EQ(hinted.size(), 1U);
  EXPECT_EQ(hinted[0].text, "（转载自11月22日《某报》）");
  const auto title = removed(imported.report, "title-at-end");
  ASSERT_EQ(title.size(), 1U);
  EXPECT_EQ(title[0].line, 5);
  const auto note = entries(imported.report, ReportEntry::Kind::kNote, "title-at-end");
  ASSERT_EQ(note.size(), 1U);
  EXPECT_EQ(note[0].text, "title found at end");
  EXPECT_EQ(all_paragraphs(imported.document), std::vector<std::string>{"正文第一段。"});
}

TEST(ImporterLines, TitleAtEndThatIsNotThereIsAnError) {
  DocumentMetadata metadata = synthetic_metadata("某某决定");
  metadata.hints.title_at_end = true;
  EXPECT_EQ(import_error("正文。\n别的决定\n", metadata),
            "doc.txt:2:1: title_at_end is set (documents/doc.toml) but the last line is not the "
            "title \"某某决定\"");
}

TEST(ImporterLines, MarkdownEmphasisMarksAreRemoved) {
  const auto imported = import_ok("（一）某项工作。正文。**（责任单位：市委办公室）**\n");
  EXPECT_EQ(removed(imported.report, "markdown-emphasis").size(), 2U);
  const auto items = nodes_of(imported.document, NodeKind::kItem);
  ASSERT_EQ(items.size(), 1U);
  EXPECT_EQ(items[0]->attributes.at("responsible_units"), "市委办公室");
  EXPECT_EQ(texts(items[0]->children), std::vector<std::string>{"正文。"});
}

// [SECTION] Joining lines

TEST(ImporterJoining, WrappedAdoptionNoteIsOneParagraph) {
  const auto imported = import_ok(
      "某某意见\n\n(2023年7月13日中国共产党通辽市第六届\n委员会第五次全体会议通过)\n\n"
      "为全面贯彻，提出如下意见。\n",
      synthetic_metadata("某某意见"));
  EXPECT_EQ(
      all_paragraphs(imported.document),
      (std::vector<std::string>{"（2023年7月13日中国共产党通辽市第六届委员会第五次全体会议通过）",
                                "为全面贯彻，提出如下意见。"}));
}

// Seed 001's shape: newspaper columns, headings wrapped, blank lines inside paragraphs.
constexpr const char* kNewspaper =
    "（上接第二版）\n"
    "四、努力完成习近平总书记交\n"
    "给内蒙古的五大任务\n"
    "\n"
    "把内蒙古建设成为我国北方重要生态安\n"
    "全屏障、国家重要能源和战略资源基地。\n"
    "这是交给我们的五大任务，要咬定目标\n"
    "、大干快干。\n"
    "\n"
    "（一）加强我国北方重要生态安全屏障建\n"
    "设。坚持山水林田湖草沙一体化保护和系\n"
    "统治理，协同推进降碳、减污、扩绿、增长\n"
    "，推进生态优先、节约集约、绿色低碳发展\n"
    "，打造全\n"
    "\n"
    "域生态安全格局，促进人与自然和谐共生。\n"
    "\n"
    "五、全方位建设“模范自治区”\n"
    "坚持以铸牢中华民族共同体意识为主线，\n"
    "\n"
    "加强和改进党的民族工作，不断巩固和发\n"
    "展民族团结大局。\n";

TEST(ImporterJoining, NewspaperColumnsAreJoinedIntoHeadingsAndParagraphs) {
  const auto imported = import_ok(kNewspaper);
  const auto& nodes = imported.document.nodes;
  ASSERT_EQ(nodes.size(), 2U);
  EXPECT_EQ(nodes[0].label, "四、");
  EXPECT_EQ(nodes[0].heading, "努力完成习近平总书记交给内蒙古的五大任务");
  EXPECT_EQ(nodes[0].source_line, 2);
  ASSERT_EQ(nodes[0].children.size(), 2U);
  EXPECT_EQ(
      nodes[0].children[0].text,
      "把内蒙古建设成为我国北方重要生态安全屏障、国家重要能源和战略资源基地。这是交给我们的五大"
      "任务，要咬定目标、大干快干。");
  const Node& item = nodes[0].children[1];
  EXPECT_EQ(item.heading, "加强我国北方重要生态安全屏障建设。");
  EXPECT_EQ(texts(item.children),
            std::vector<std::string>{
                "坚持山水林田湖草沙一体化保护和系统治理，协同推进降碳、减污、扩绿、增长"
                "，推进生态优先、节约集约、绿色低碳发展，打造全域生态安全格局，促进人"
                "与自然和谐共生。"});
  // "坚持以…为主线，" has punctuation: the body, not the rest of the heading.
  EXPECT_EQ(nodes[1].heading, "全方位建设“模范自治区”");
  EXPECT_EQ(texts(nodes[1].children),
            std::vector<std::string>{"坚持以铸牢中华民族共同体意识为主线，加强和改进党的民族工作，"
                                     "不断巩固和发展民族团结大局。"});
}

// Seed 000's shape: one paragraph a line; nothing may be merged.
TEST(ImporterJoining, OneParagraphPerLineIsNeverMerged) {
  const auto imported = import_ok(
      "一、在感党恩听党话上作模范\n"
      "内蒙古自治区作为模范自治区，模范就模范在听党的话上。\n"
      "(一)始终同党中央保持高度一致。不断完善制度机制。\n"
      "(二)不折不扣贯彻落实重要指示要求。组织党员、干部持续深入学习。\n"
      "二、在铸牢中华民族共同体意识上作模范\n"
      "深入学习贯彻重要思想。\n"
      "(三)把铸牢中华民族共同体意识贯穿于各项工作之中。始终牢记主线。\n"
      "全区各级党组织要团结奋斗!\n");
  EXPECT_EQ(nodes_of(imported.document, NodeKind::kPart).size(), 2U);
  const auto items = nodes_of(imported.document, NodeKind::kItem);
  ASSERT_EQ(items.size(), 3U);
  for (const Node* item : items) EXPECT_EQ(item->children.size(), 1U) << item->heading;
  EXPECT_EQ(all_paragraphs(imported.document).size(), 6U);
}

TEST(ImporterJoining, ShortCompleteLinesOfEqualLengthStaySeparate) {
  // Regular line lengths alone do not make a newspaper column: these lines end sentences.
  std::string source;
  for (int line = 0; line < 8; ++line) source += "这是完整的一句话。\n";
  const auto imported = import_ok(source);
  EXPECT_EQ(all_paragraphs(imported.document).size(), 8U);
}

TEST(ImporterJoining, PageBreakMidWordIsJoinedAcrossTheBlankLine) {
  const auto imported = import_ok(
      "(一)"
      "某项工作。推动群众教育实践活动常态长效开\n\n展，深化研究阐释。（责任单位：市委组织部）\n\n"
      "(二)另一项工作。毫不偏离这条\n\n同体意识。〔责任单位：各级党委（党组）〕\n");
  const auto items = nodes_of(imported.document, NodeKind::kItem);
  ASSERT_EQ(items.size(), 2U);
  EXPECT_EQ(texts(items[0]->children),
            std::vector<std::string>{"推动群众教育实践活动常态长效开展，深化研究阐释。"});
  EXPECT_EQ(texts(items[1]->children), std::vector<std::string>{"毫不偏离这条同体意识。"});
}

TEST(ImporterJoining, ShortUnpunctuatedFragmentBelowTheTopStillJoins) {
  const auto imported = import_ok("前言。\n全市上下要牢牢把握部署要求\n\n并推动落实。\n");
  EXPECT_EQ(all_paragraphs(imported.document),
            (std::vector<std::string>{"前言。", "全市上下要牢牢把握部署要求并推动落实。"}));
}

TEST(ImporterJoining, SentenceEndBeforeABlankLineEndsTheParagraph) {
  const auto imported = import_ok("第一段结束了。\n\n第二段开始\n接着写完。\n");
  EXPECT_EQ(all_paragraphs(imported.document),
            (std::vector<std::string>{"第一段结束了。", "第二段开始接着写完。"}));
}

TEST(ImporterJoining, LatinWordsSplitByALineBreakKeepTheirSpace) {
  const auto imported = import_ok("前言。\n第二段使用Mongolian\nscript书写，继续。\n");
  EXPECT_EQ(all_paragraphs(imported.document),
            (std::vector<std::string>{"前言。", "第二段使用Mongolian script书写，继续。"}));
}

// [SECTION] Punctuation

TEST(ImporterPunctuation, AsciiPunctuationInChineseTextBecomesFullWidth) {
  const auto imported = import_ok("为全面贯彻,结合实际;提出意见:一是(试行)办法?真的!\n");
  EXPECT_EQ(all_paragraphs(imported.document),
            std::vector<std::string>{"为全面贯彻，结合实际；提出意见：一是（试行）办法？真的！"});
  const auto changes =
      entries(imported.report, ReportEntry::Kind::kNormalised, "ascii-punctuation");
  ASSERT_EQ(changes.size(), 7U);
  EXPECT_EQ(changes[0].text, ",");
  EXPECT_EQ(changes[0].replacement, "，");
  EXPECT_EQ(changes[0].line, 1);
}

TEST(ImporterPunctuation, DecimalPointsAndLatinTextStayAscii) {
  const auto imported = import_ok("增长3.5个百分点,采用f(x), g(y) 函数,时间12:30(1)。\n");
  EXPECT_EQ(all_paragraphs(imported.document),
            std::vector<std::string>{"增长3.5个百分点，采用f(x), g(y) 函数，时间12:30（1）。"});
}

TEST(ImporterPunctuation, ItemLabelsGetFullWidthBrackets) {
  const auto imported = import_ok("(一)某项工作。正文。\n");
  const auto items = nodes_of(imported.document, NodeKind::kItem);
  ASSERT_EQ(items.size(), 1U);
  EXPECT_EQ(items[0]->label, "（一）");
  EXPECT_EQ(items[0]->ordinal, 1);
  EXPECT_EQ(entries(imported.report, ReportEntry::Kind::kNormalised, "ascii-punctuation").size(),
            2U);
}

// [SECTION] Structure

TEST(ImporterStructure, ItemHeadingIsItsFirstSentence) {
  const auto imported =
      import_ok("(一)坚持“两个确立。”的要求，加强建设。推动落实。\n\n再推进一步。\n(二)第二项\n");
  const auto items = nodes_of(imported.document, NodeKind::kItem);
  ASSERT_EQ(items.size(), 2U);
  // The 。 inside quotes does not end the first sentence.
  EXPECT_EQ(items[0]->heading, "坚持“两个确立。”的要求，加强建设。");
  EXPECT_EQ(texts(items[0]->children), (std::vector<std::string>{"推动落实。", "再推进一步。"}));
  EXPECT_EQ(items[1]->heading, "第二项");
  EXPECT_TRUE(items[1]->children.empty());
}

TEST(ImporterStructure, ChaptersAndArticles) {
  const auto imported = import_ok(
      "第一章 总则\n第一条\u00A0为了某事，制定本条例。\n第二条 本条例适用于某地。\n另一款内容。\n"
      "第二章 附则\n第三条 本条例自公布之日起施行。\n");
  const auto& nodes = imported.document.nodes;
  ASSERT_EQ(nodes.size(), 2U);
  EXPECT_EQ(nodes[0].kind, NodeKind::kChapter);
  EXPECT_EQ(nodes[0].label, "第一章");
  EXPECT_EQ(nodes[0].heading, "总则");
  ASSERT_EQ(nodes[0].children.size(), 2U);
  const Node& second = nodes[0].children[1];
  EXPECT_EQ(second.kind, NodeKind::kArticle);
  EXPECT_EQ(second.label, "第二条");
  EXPECT_EQ(second.ordinal, 2);
  EXPECT_EQ(second.heading, "");
  EXPECT_EQ(second.source_line, 3);
  EXPECT_EQ(texts(second.children),
            (std::vector<std::string>{"本条例适用于某地。", "另一款内容。"}));
  EXPECT_EQ(nodes[1].children[0].label, "第三条");
}

TEST(ImporterStructure, ClosingParagraphsAfterTheLastItemAreTopLevel) {
  const auto imported = import_ok(
      "前言。\n一、甲部分\n部分导语。\n(一)乙项。丙内容。\n\n(责任单位：市委)\n"
      "全区各级党组织要团结奋斗！\n（此件发至县团级）\n");
  const auto& nodes = imported.document.nodes;
  ASSERT_EQ(nodes.size(), 4U);
  EXPECT_EQ(nodes[0].text, "前言。");
  EXPECT_EQ(nodes[1].kind, NodeKind::kPart);
  EXPECT_EQ(nodes[2].text, "全区各级党组织要团结奋斗！");
  EXPECT_EQ(nodes[3].text, "（此件发至县团级）");
  ASSERT_EQ(nodes[1].children.size(), 2U);
  const Node& item = nodes[1].children[1];
  EXPECT_EQ(texts(item.children), std::vector<std::string>{"丙内容。"});
  // The units on a line of their own still belong to the item.
  EXPECT_EQ(item.attributes.at("responsible_units"), "市委");
}

TEST(ImporterStructure, ResponsibleUnitsInAnyBracketsBecomeAnAttribute) {
  const auto imported = import_ok(
      "(一)甲。内容。〔责任单位:各级党委(党组)〕\n"
      "(二)乙。内容。(责任单位：市委办公室、巡察办)\n"
      "(三)丙。内容。（责任单\n\n位：市商务局、发改委)\n"
      "(四)丁。内容。\n");
  const auto items = nodes_of(imported.document, NodeKind::kItem);
  ASSERT_EQ(items.size(), 4U);
  EXPECT_EQ(items[0]->attributes.at("responsible_units"), "各级党委（党组）");
  EXPECT_EQ(items[1]->attributes.at("responsible_units"), "市委办公室、巡察办");
  EXPECT_EQ(items[2]->attributes.at("responsible_units"), "市商务局、发改委");
  EXPECT_EQ(items[3]->attributes.count("responsible_units"), 0U);
  for (const Node* item : items)
    EXPECT_EQ(texts(item->children), std::vector<std::string>{"内容。"});
  const auto moved = entries(imported.report, ReportEntry::Kind::kMoved, "responsible-units");
  ASSERT_EQ(moved.size(), 3U);
  EXPECT_EQ(moved[0].text, "〔责任单位:各级党委(党组)〕");
  EXPECT_EQ(moved[2].text, "（责任单位：市商务局、发改委)");
  EXPECT_EQ(moved[2].line, 3);
}

TEST(ImporterStructure, ReadingOrderText) {
  const auto chapters = import_ok("第一章 总则\n第一条 为了某事。\n");
  EXPECT_EQ(reading_order_text(chapters.document),
            "某某决定\n第一章\u3000总则\n第一条\n为了某事。\n");
  const auto items = import_ok("前言。\n一、甲部分\n(一)乙项。丙内容。(责任单位:市委)\n");
  EXPECT_EQ(reading_order_text(items.document),
            "某某决定\n前言。\n一、甲部分\n（一）乙项。\n丙内容。\n责任单位：市委\n");
}

// [SECTION] Errors

TEST(ImporterErrors, InvalidUtf8NamesFileLineColumnAndByte) {
  const std::string kNotText =
      "; the file is neither UTF-8 nor GB18030/GBK text: save it as UTF-8 text, or send the Word "
      "document (.docx)";
  EXPECT_EQ(import_error("第一行\n好\xff坏\n"),
            "doc.txt:2:2: invalid UTF-8 (byte 0xFF)" + kNotText);
  EXPECT_EQ(import_error("ab\xe4\xb8"), "doc.txt:1:3: invalid UTF-8 (byte 0xE4)" + kNotText);
  EXPECT_EQ(import_error("\xc0\xaf"),
            "doc.txt:1:1: invalid UTF-8 (byte 0xC0)" + kNotText);  // overlong
  EXPECT_EQ(import_error("好\xed\xa0\x80"),
            "doc.txt:1:2: invalid UTF-8 (byte 0xED)" + kNotText);  // surrogate
}

// Skipping ahead may be a selection of articles or a typo: the import goes on and the report
// (and so the lint) says where, with what to do. Going back or repeating is an error.
std::vector<std::string> numbering_gaps(const std::string& source) {
  std::vector<std::string> out;
  for (const auto& entry : import_ok(source).report.entries) {
    if (entry.rule == "numbering-gap") {
      out.push_back(std::to_string(entry.line) + ":" + std::to_string(entry.column) + ": " +
                    entry.text);
    }
  }
  return out;
}

TEST(ImporterErrors, NumberedHeadingOutOfSequence) {
  EXPECT_EQ(numbering_gaps("第一章 总则\n第一条 甲。\n第三条 乙。\n"),
            std::vector<std::string>{"3:1: 第三条 follows 第一条 (expected 第二条)"});
  EXPECT_EQ(numbering_gaps("第一条 甲。\n\u3000\u3000第三条 乙。\n"),
            std::vector<std::string>{"2:3: 第三条 follows 第一条 (expected 第二条)"});
  EXPECT_EQ(numbering_gaps("一、甲\n(一)乙。\n(三)丙。\n"),
            std::vector<std::string>{"3:1: （三） follows （一） (expected （二）)"});
  EXPECT_EQ(numbering_gaps("一、甲\n(一)乙。\n二、丁\n(三)丙。\n"),
            std::vector<std::string>{"4:1: （三） follows （一） (expected （一） or （二）)"});
  EXPECT_EQ(numbering_gaps("二、甲\n"),
            std::vector<std::string>{"1:1: 二、 is the first of its kind (expected 一、)"});
  EXPECT_EQ(numbering_gaps("第一章 总则\n第三章 附则\n"),
            std::vector<std::string>{"2:1: 第三章 follows 第一章 (expected 第二章)"});
  EXPECT_EQ(import_error("第一条 甲。\n第二条 乙。\n第二条 丙。\n"),
            "doc.txt:3:1: 第二条 follows 第二条 (expected 第三条)");
  EXPECT_EQ(import_error("第一章 总则\n第二条 甲。\n第二章 附则\n第一条 乙。\n"),
            "doc.txt:4:1: 第一条 follows 第二条 (expected 第三条)");
  EXPECT_EQ(import_error("一、甲\n(一)乙。\n(二)丙。\n(一)丁。\n"),
            "doc.txt:4:1: （一） follows （二） (expected （三）)");
}

TEST(ImporterErrors, NumberingThatIsRight) {
  // Articles count on across chapters; items count on or restart after a new part.
  EXPECT_EQ(import_ok("第一章 甲\n第一条 甲。\n第二章 乙\n第二条 乙。\n").document.nodes.size(),
            2U);
  EXPECT_EQ(
      nodes_of(import_ok("一、甲\n(一)乙。\n二、丁\n(二)丙。\n").document, NodeKind::kItem).size(),
      2U);
  EXPECT_EQ(
      nodes_of(import_ok("一、甲\n(一)乙。\n二、丁\n(一)丙。\n").document, NodeKind::kItem).size(),
      2U);
  EXPECT_EQ(
      nodes_of(import_ok("（上接第二版）\n第五条 甲。\n第六条 乙。\n").document, NodeKind::kArticle)
          .size(),
      2U);
}

// [SECTION] The seed documents

struct Seed {
  std::string source;
  ImportedDocument document;
  ImportReport report;
};

Seed import_seed(const std::string& metadata_name) {
  auto metadata = load_document_metadata(std::string(KIOSK_TESTS_DIR) + "/../content/documents/" +
                                         metadata_name + ".toml");
  EXPECT_TRUE(metadata.ok()) << metadata.error();
  Seed seed;
  if (!metadata.ok()) return seed;
  seed.source = testing::read_file(std::string(KIOSK_SOURCE_SEEDS) + "/" + metadata->source);
  auto document = import_document(metadata.value(), seed.source, seed.report);
  EXPECT_TRUE(document.ok()) << document.error();
  if (document.ok()) seed.document = std::move(document.value());
  return seed;
}

constexpr std::array<const char*, 5> kSeeds = {
    "000-model-region-decision", "001-twentieth-congress-decision", "002-model-region-regulation",
    "003-tongliao-implementing-opinion", "004-eleventh-plenary-communique"};

std::size_t count_of(const std::string& text, const std::string& needle) {
  std::size_t count = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1))
    ++count;
  return count;
}

std::string without_whitespace(const std::string& text) {
  return std::regex_replace(text, std::regex("\\s+"), "");
}

TEST(ImporterSeeds, Seed000Decision) {
  const Seed seed = import_seed("000-model-region-decision");
  const ImportedDocument& document = seed.document;
  EXPECT_FALSE(document.excerpt);
  EXPECT_EQ(nodes_of(document, NodeKind::kPart).size(), 7U);
  const auto items = nodes_of(document, NodeKind::kItem);
  ASSERT_EQ(items.size(), 26U);
  EXPECT_EQ(items[0]->heading, "始终同以习近平同志为核心的党中央保持高度一致。");
  EXPECT_EQ(items[25]->label, "（二十六）");
  // Preamble: the adoption note and the opening paragraph; closing: two paragraphs.
  const auto& nodes = document.nodes;
  ASSERT_EQ(nodes.size(), 2U + 7U + 2U);
  EXPECT_EQ(nodes[0].text,
            "（2023年7月5日中国共产党内蒙古自治区第十一届委员会第六次全体会议通过）");
  EXPECT_EQ(nodes[1].text.rfind("为全面贯彻党的二十大精神", 0), 0U);
  EXPECT_EQ(nodes[9].text.rfind("全方位建设模范自治区是内蒙古必须办好的一件大事", 0), 0U);
  EXPECT_EQ(nodes[10].text.rfind("全区各级党组织和广大党员、干部", 0), 0U);
  EXPECT_EQ(nodes[10].text.substr(nodes[10].text.size() - 3), "！");
  // One paragraph a line: every kept source line is exactly one heading or paragraph.
  const auto lines = testing::seed_paragraphs(document.metadata.source);
  const std::size_t removed_lines =
      seed.report.entries.size() -
      entries(seed.report, ReportEntry::Kind::kNormalised, "ascii-punctuation").size();
  EXPECT_EQ(removed_lines, 2U);
  std::size_t non_item_paragraphs = 0;
  visit(nodes, [&](const Node& node) {
    for (const Node& child : node.children)
      non_item_paragraphs += node.kind != NodeKind::kItem && child.kind == NodeKind::kParagraph;
  });
  non_item_paragraphs += texts(nodes).size();
  EXPECT_EQ(7U + 26U + non_item_paragraphs, lines.size() - removed_lines);
}

TEST(ImporterSeeds, Seed001NewspaperExcerpt) {
  const Seed seed = import_seed("001-twentieth-congress-decision");
  const ImportedDocument& document = seed.document;
  EXPECT_TRUE(document.excerpt);
  // The leading items belong to a part that started on an earlier page: top level.
  const auto& nodes = document.nodes;
  ASSERT_EQ(nodes.size(), 6U + 4U + 1U);
  for (std::size_t at = 0; at < 6; ++at) {
    EXPECT_EQ(nodes[at].kind, NodeKind::kItem);
    EXPECT_EQ(nodes[at].ordinal, static_cast<int>(at) + 2);
  }
  EXPECT_EQ(nodes[0].heading, "强化教育科技人才支撑。");
  EXPECT_EQ(texts(nodes[0].children)[0].rfind("坚持教育优先发展，加快建设高质量教育体系", 0), 0U);
  const std::vector<std::string> headings = {
      "四、努力完成习近平总书记交给内蒙古的五大任务", "五、全方位建设“模范自治区”",
      "六、深入推进新时代党的建设新的伟大工程", "七、扎实推动党的二十大精神落地落实"};
  const std::vector<std::size_t> items_per_part = {5, 5, 5, 3};
  for (std::size_t part = 0; part < 4; ++part) {
    const Node& node = nodes[6 + part];
    EXPECT_EQ(node.kind, NodeKind::kPart);
    EXPECT_EQ(node.label + node.heading, headings[part]);
    const auto items =
        std::count_if(node.children.begin(), node.children.end(),
                      [](const Node& child) { return child.kind == NodeKind::kItem; });
    EXPECT_EQ(static_cast<std::size_t>(items), items_per_part[part]) << headings[part];
  }
  // Lines that happen to end a sentence inside a paragraph do not split it: one paragraph per
  // item, one introduction per part.
  for (const Node* item : nodes_of(document, NodeKind::kItem)) {
    EXPECT_EQ(texts(item->children).size(), 1U) << item->label << item->heading;
  }
  for (const Node* part : nodes_of(document, NodeKind::kPart))
    EXPECT_EQ(texts(part->children).size(), 1U);
  EXPECT_EQ(nodes[10].text.rfind("全区各级党组织和广大党员干部群众要深刻领悟", 0), 0U);
  EXPECT_EQ(
      texts(nodes[7].children)[0],
      "坚持以铸牢中华民族共同体意识为主线，加强和改进党的民族工作，不断巩固和发展民族团结大局，"
      "丰富拓展“模范自治区”的内涵和外延，努力把这块金字招牌擦得更亮。");
  // The title found at the end, the reprint note dropped.
  const auto title = removed(seed.report, "title-at-end");
  ASSERT_EQ(title.size(), 1U);
  EXPECT_EQ(title[0].text, document.metadata.title_zh);
  EXPECT_EQ(title[0].line, 613);
  EXPECT_EQ(entries(seed.report, ReportEntry::Kind::kNote, "title-at-end").size(), 1U);
  const std::string text = reading_order_text(document);
  EXPECT_EQ(text.find("转载自"), std::string::npos);
  EXPECT_EQ(count_of(text, document.metadata.title_zh), 1U);
  // Every 稀土, including one a line break split, is whole in the document.
  EXPECT_EQ(count_of(text, "稀土"), count_of(without_whitespace(seed.source), "稀土"));
}

TEST(ImporterSeeds, Seed002Regulation) {
  const Seed seed = import_seed("002-model-region-regulation");
  const ImportedDocument& document = seed.document;
  const auto chapters = nodes_of(document, NodeKind::kChapter);
  ASSERT_EQ(chapters.size(), 9U);
  EXPECT_EQ(chapters[0]->heading, "总则");
  EXPECT_EQ(chapters[8]->heading, "附则");
  const auto articles = nodes_of(document, NodeKind::kArticle);
  ASSERT_EQ(articles.size(), 66U);
  for (std::size_t at = 0; at < articles.size(); ++at) {
    EXPECT_EQ(articles[at]->ordinal, static_cast<int>(at) + 1);
    EXPECT_EQ(articles[at]->heading, "");
  }
  EXPECT_EQ(texts(articles[7]->children).size(), 2U);
  EXPECT_EQ(texts(articles[7]->children)[1].rfind("国家机关、人民团体", 0), 0U);
  EXPECT_EQ(texts(articles[65]->children),
            std::vector<std::string>{"本条例自2023年9月1日起施行。"});
  ASSERT_EQ(document.nodes.size(), 1U + 9U);
  EXPECT_EQ(document.nodes[0].text.rfind("（2023年7月31日", 0), 0U);
  EXPECT_EQ(removed(seed.report, "title").size(), 1U);
}

TEST(ImporterSeeds, Seed003ImplementingOpinion) {
  const Seed seed = import_seed("003-tongliao-implementing-opinion");
  const ImportedDocument& document = seed.document;
  EXPECT_EQ(nodes_of(document, NodeKind::kPart).size(), 7U);
  const auto items = nodes_of(document, NodeKind::kItem);
  ASSERT_EQ(items.size(), 28U);
  EXPECT_EQ(items[0]->label, "（一）");
  EXPECT_EQ(items[0]->heading, "始终同以习近平同志为核心的党中央保持高度一致。");
  EXPECT_EQ(document.nodes[0].text,
            "（2023年7月13日中国共产党通辽市第六届委员会第五次全体会议通过）");
  // Page breaks mid-word are joined.
  const std::string text = reading_order_text(document);
  EXPECT_NE(text.find("推动群众教育实践活动常态长效开展，深化党在通辽地区历史的研究阐释"),
            std::string::npos);
  EXPECT_NE(text.find("增强中华民族共同体意识。\n"), std::string::npos);
  // Closing paragraphs and the distribution note are the document's, not the last item's.
  ASSERT_GE(document.nodes.size(), 2U);
  EXPECT_EQ(document.nodes.back().text, "（此件发至县团级党政群机关）");
  EXPECT_EQ(document.nodes[document.nodes.size() - 2].text.rfind("全市各级党组织和广大党员干部", 0),
            0U);
  // The routing slip never reaches the document.
  for (const char* secret : {"王洪江", "8628022", "运转号", "文件批办单", "拟办意见", "ᠵᠢᠨᠠᠭ"}) {
    EXPECT_EQ(text.find(secret), std::string::npos) << secret;
  }
  EXPECT_EQ(removed(seed.report, "before-body").size(), 13U);
  EXPECT_EQ(removed(seed.report, "garbled-letterhead").size(), 1U);
}

// The responsible units, found independently in the source with its line breaks removed: each
// "责任单位：…" runs to the bracket before the next item, part or the closing paragraph.
std::vector<std::string> units_in_source(const std::string& source) {
  const std::string flat = without_whitespace(source);
  const std::regex units(
      "责任单位(?:：|:)(.*?)(?:〕|）|\\))(?=(?:\\*\\*)?(?:（|\\()(?:一|二|三|四|五|六|七|八|九|十)+"
      "(?:）|\\))|"
      "(?:一|二|三|四|五|六|七)、|全市各级|$)");
  std::vector<std::string> out;
  for (auto match = std::sregex_iterator(flat.begin(), flat.end(), units);
       match != std::sregex_iterator(); ++match) {
    std::string value = (*match)[1];
    for (const auto& [ascii, wide] :
         std::map<std::string, std::string>{{"\\(", "（"}, {"\\)", "）"}, {":", "："}}) {
      value = std::regex_replace(value, std::regex(ascii), wide);
    }
    out.push_back(value);
  }
  return out;
}

TEST(ImporterSeeds, Seed003ResponsibleUnitsOfEveryItem) {
  const Seed seed = import_seed("003-tongliao-implementing-opinion");
  const std::vector<std::string> expected = units_in_source(seed.source);
  EXPECT_EQ(expected.size(), count_of(without_whitespace(seed.source), "责任单位"));
  std::vector<std::string> actual;
  for (const Node* item : nodes_of(seed.document, NodeKind::kItem)) {
    if (item->attributes.count("responsible_units") != 0)
      actual.push_back(item->attributes.at("responsible_units"));
    for (const std::string& paragraph : texts(item->children)) {
      EXPECT_EQ(paragraph.find("责任单位"), std::string::npos) << item->label;
    }
  }
  ASSERT_EQ(actual.size(), 28U);
  ASSERT_EQ(expected.size(), 28U);
  for (std::size_t at = 0; at < actual.size(); ++at)
    EXPECT_EQ(actual[at], expected[at]) << "item " << at + 1;
  EXPECT_EQ(entries(seed.report, ReportEntry::Kind::kMoved, "responsible-units").size(), 28U);
}

TEST(ImporterSeeds, Seed004Communique) {
  const Seed seed = import_seed("004-eleventh-plenary-communique");
  const ImportedDocument& document = seed.document;
  EXPECT_TRUE(document.excerpt);
  for (const Node& node : document.nodes) EXPECT_EQ(node.kind, NodeKind::kParagraph);
  ASSERT_EQ(document.nodes.size(), 10U);
  EXPECT_EQ(document.nodes[0].text,
            "（2025年12月29日中国共产党内蒙古自治区第十一届委员会第十一次全体会议通过）");
  EXPECT_EQ(document.nodes[1].text.rfind("深入践行习近平总书记", 0), 0U);
  EXPECT_NE(document.nodes[3].text.find(
                "促进服务业优质高效发展，建设体现内蒙古特色优势的现代化产业体系。"),
            std::string::npos);
  const auto title = removed(seed.report, "title");
  ASSERT_EQ(title.size(), 1U);
  EXPECT_EQ(title[0].text, document.metadata.title_zh);
  const auto mark = removed(seed.report, "markdown-heading");
  ASSERT_EQ(mark.size(), 1U);
  EXPECT_EQ(mark[0].text, "#");
}

// Every character of every seed is accounted for: the letters, digits and Chinese characters of
// the document in reading order equal the source's minus the removals the report lists, each
// found on the line the report names.
bool is_significant(char32_t c) {
  return (c >= 0x3400 && c <= 0x9FFF) || (c >= U'0' && c <= U'9') || (c >= U'a' && c <= U'z') ||
         (c >= U'A' && c <= U'Z') || (c >= 0x1800 && c <= 0x18AF);
}

std::u32string significant(const std::string& text) {
  std::u32string out;
  for (const char32_t c : testing::to_utf32(text)) {
    if (is_significant(c)) out.push_back(c);
  }
  return out;
}

// The source's significant characters minus each removal the report lists, found on the line
// the report names; empty with a failure when a removal is not there.
std::u32string source_minus_removals(const std::string& source, const ImportReport& report) {
  std::map<int, std::vector<std::string>> removals;
  for (const ReportEntry& entry : report.entries) {
    if (entry.kind == ReportEntry::Kind::kRemoved) removals[entry.line].push_back(entry.text);
  }
  std::istringstream lines(source);
  std::u32string out;
  int number = 0;
  for (std::string line; std::getline(lines, line);) {
    ++number;
    for (const std::string& text : removals[number]) {
      const auto at = line.find(text);
      if (at == std::string::npos) {
        ADD_FAILURE() << "line " << number << ": the report's removal '" << text
                      << "' is not there";
        return {};
      }
      line.erase(at, text.size());
    }
    out += significant(line);
  }
  return out;
}

std::u32string document_characters(const ImportedDocument& document) {
  const std::string text = reading_order_text(document);
  return significant(text.substr(text.find('\n') + 1));  // the first line is the metadata's title
}

TEST(ImporterSeeds, EveryCharacterIsAccountedFor) {
  for (const char* name : kSeeds) {
    const Seed seed = import_seed(name);
    for (const ReportEntry& entry : seed.report.entries)
      EXPECT_EQ(entry.file, seed.document.metadata.source);
    EXPECT_TRUE(document_characters(seed.document) ==
                source_minus_removals(seed.source, seed.report))
        << name;
  }
}

// Documents put together at random from the pieces the rules react to: every import either
// fails with a message or accounts for every character (and none crashes; the asan preset runs
// this too).
TEST(ImporterRandom, RandomDocumentsAccountForEveryCharacter) {
  const std::vector<std::string> pieces = {"（上接第二版）",
                                           "(上接1版)",
                                           "一、",
                                           "二、",
                                           "(一)",
                                           "（二）",
                                           "第一章 ",
                                           "第一条 ",
                                           "第二条",
                                           "\n",
                                           "\n",
                                           "\n\n",
                                           "。",
                                           "，",
                                           ",",
                                           ";",
                                           "!",
                                           "(",
                                           ")",
                                           "（",
                                           "）",
                                           "〔",
                                           "〕",
                                           "责任单位：",
                                           "**",
                                           "“",
                                           "”",
                                           "《",
                                           "》",
                                           "# ",
                                           "Mongolian",
                                           "ᠵᠢᠨᠠᠭ ",
                                           " ",
                                           "\u3000",
                                           "全会强调",
                                           "模范自治区",
                                           "2023",
                                           "3.5",
                                           "某某决定",
                                           "\xff"};
  std::mt19937 random(20231122);
  int imported = 0;
  for (int round = 0; round < 2000; ++round) {
    std::string source;
    const int length = static_cast<int>(random() % 60);
    for (int piece = 0; piece < length; ++piece) source += pieces[random() % pieces.size()];
    DocumentMetadata metadata = synthetic_metadata();
    metadata.hints.drop_lines_starting_with = {"全会强调"};
    ImportReport report;
    auto document = import_document(metadata, source, report);
    if (!document.ok()) {
      EXPECT_EQ(document.error().rfind("doc.txt", 0), 0U) << document.error();
      continue;
    }
    ++imported;
    ASSERT_TRUE(document_characters(document.value()) == source_minus_removals(source, report))
        << "round " << round << ":\n"
        << source;
  }
  EXPECT_GT(imported, 200);
}

}  // namespace
}  // namespace kiosk::content

// [SECTION] Lint: each warning names a real ambiguity, at file:line:column, with what to do

namespace kiosk::content {
namespace {

std::vector<std::string> lint_lines(const std::string& source) {
  std::vector<std::string> out;
  for (const auto& warning : lint_source(synthetic_metadata(), source)) {
    out.push_back(warning.where.to_string() + " [" + warning.rule + "]" +
                  (warning.error ? " error" : ""));
  }
  return out;
}

TEST(Lint, ACleanDocumentHasNoWarnings) {
  EXPECT_TRUE(lint_lines("前言，说明目的。\n第一章 总则\n第一条 为了，制定本条例。\n"
                         "第二条 本条例适用于全区(含各盟市)。\n")
                  .empty());
}

TEST(Lint, ANumberingGapIsAWarningAtItsLabelAndGoingBackAnError) {
  auto lines = lint_lines("第一条 甲。\n第三条 乙。\n");
  ASSERT_EQ(lines.size(), 1U);
  EXPECT_EQ(lines[0].rfind("doc.txt:2:1: 第三条 follows 第一条 (expected 第二条): if headings", 0),
            0U)
      << lines[0];
  EXPECT_NE(lines[0].find("[numbering-gap]"), std::string::npos);
  lines = lint_lines("第一条 甲。\n第二条 乙。\n第一条 丙。\n");
  ASSERT_EQ(lines.size(), 1U);
  EXPECT_EQ(lines[0], "doc.txt:3:1: 第一条 follows 第二条 (expected 第三条) [import-error] error");
}

TEST(Lint, AHeadingLevelSkipped) {
  const auto lines = lint_lines("一、总体要求\n1.第一点。\n");
  ASSERT_EQ(lines.size(), 1U);
  EXPECT_EQ(lines[0].rfind("doc.txt:2:1: 1. is not inside a （一）", 0), 0U) << lines[0];
  EXPECT_NE(lines[0].find("[level-skipped]"), std::string::npos);
  EXPECT_EQ(lint_lines("第一节 一般规定\n第一条 甲。\n").size(), 1U) << "节 outside any 章";
}

TEST(Lint, ALineThatMayBeAHeading) {
  const auto lines = lint_lines("第一章 总则\n第一条 甲。\n附则说明\n第二条 乙。\n");
  ASSERT_EQ(lines.size(), 1U);
  EXPECT_EQ(lines[0].rfind("doc.txt:3:1: \"附则说明\" has no numbering and no punctuation", 0), 0U)
      << lines[0];
  EXPECT_NE(lines[0].find("[possible-heading]"), std::string::npos);
}

TEST(Lint, NumberingTheImporterDoesNotKnow) {
  for (const char* source : {"前言。\n一.总体要求。\n", "前言。\n第1条 为了。\n"}) {
    const auto lines = lint_lines(source);
    ASSERT_EQ(lines.size(), 1U) << source;
    EXPECT_EQ(lines[0].rfind("doc.txt:2:1: ", 0), 0U) << lines[0];
    EXPECT_NE(lines[0].find("[unknown-numbering]"), std::string::npos) << lines[0];
  }
}

TEST(Lint, AnUnknownPageMarker) {
  const auto lines = lint_lines("前言。\n正文继续（见第3版）。\n结束■。\n");
  ASSERT_EQ(lines.size(), 2U);
  EXPECT_EQ(lines[0].rfind("doc.txt:2:5: ", 0), 0U) << lines[0];
  EXPECT_NE(lines[0].find("[unknown-marker]"), std::string::npos);
  EXPECT_EQ(lines[1].rfind("doc.txt:3:3: ", 0), 0U) << lines[1];
}

TEST(Lint, ASuspiciousCharacter) {
  const auto lines = lint_lines("前言\xEF\xBF\xBD。\n");
  ASSERT_EQ(lines.size(), 1U);
  EXPECT_EQ(lines[0].rfind("doc.txt:1:3: suspicious character U+FFFD", 0), 0U) << lines[0];
}

TEST(Lint, WhatTheImporterFixesItselfIsNotAWarning) {
  // ASCII punctuation is made full width (the report lists it); a page break mid-word is joined.
  EXPECT_TRUE(lint_lines("前言,说明。\n全市上下要牢牢把握\n\n并推动落实。\n").empty());
}

}  // namespace
}  // namespace kiosk::content

// [SECTION] Generic structure of official documents (the corpus covers real ones; these cover
// the shapes it lacks, written as the corpus's .tree format)

namespace kiosk::content {
namespace {

std::string tree_of(const std::string& source) {
  DocumentMetadata metadata;
  metadata.source = "doc.txt";
  metadata.slug = "doc";
  ImportReport report;
  auto imported = import_document(metadata, source, report);
  EXPECT_TRUE(imported.ok()) << imported.error();
  return imported.ok() ? structure_tree(imported.value()) : std::string();
}

TEST(ImporterGeneric, ANoticeWithRecipientsAttachmentsSignatureAndDate) {
  EXPECT_EQ(tree_of("内蒙古自治区人民政府关于印发某某办法的通知\n"
                    "内政发〔2024〕19号\n"
                    "各盟行政公署、市人民政府，自治区各委、办、厅、局：\n"
                    "现将《某某办法》印发给你们，请认真贯彻执行。\n"
                    "附件：1.某某办法\n"
                    "2.某某目录\n"
                    "内蒙古自治区人民政府\n"
                    "2024年6月4日\n"),
            "title 内蒙古自治区人民政府关于印发某某办法的通知\n"
            "subtitle ¶1\n"
            "recipients ¶1\n"
            "¶1\n"
            "attachments ¶2\n"
            "signature ¶1\n"
            "date ¶1\n");
}

TEST(ImporterGeneric, BooksChaptersSectionsArticlesItemsPointsAndSubpoints) {
  EXPECT_EQ(tree_of("某某法\n"
                    "第一编　总　　则\n"
                    "第一章　一般规定\n"
                    "第一节　适用范围\n"
                    "第一条　本法适用于下列事项：\n"
                    "（一）甲；\n"
                    "（二）乙。\n"
                    "前款规定的事项，依照本法执行。\n"
                    "第二节　其他\n"
                    "第二条　其他事项。\n"
                    "第二章　规划\n"
                    "一、总体要求\n"
                    "（一）基本原则。坚持甲。\n"
                    "1.第一点。\n"
                    "（1）细目。\n"),
            "title 某某法\n"
            "第一编 总则\n"
            "  第一章 一般规定\n"
            "    第一节 适用范围\n"
            "      第一条 ¶1\n"
            "        （一） ¶1\n"
            "        （二） ¶1\n"
            "        ¶1\n"
            "    第二节 其他\n"
            "      第二条 ¶1\n"
            "  第二章 规划\n"
            "    一、总体要求\n"
            "      （一） ¶1\n"
            "        1. ¶1\n"
            "          （1） ¶1\n");
}

TEST(ImporterGeneric, NewspaperNoiseIsRemovedAndReported) {
  DocumentMetadata metadata;
  metadata.source = "doc.txt";
  ImportReport report;
  auto imported = import_document(metadata,
                                  "某某报告\n"
                                  "　　一、回顾\n"
                                  "　　过去一年，我们做了大量工作，取得了成绩。（下转第二版）\n"
                                  "— 2 —\n"
                                  "　　（上接第一版）今年的任务很重。\n"
                                  "　　我们要继续努力，\n"
                                  "完成各项任务。■下转第3版\n"
                                  "第 3 页\n",
                                  report);
  ASSERT_TRUE(imported.ok()) << imported.error();
  EXPECT_EQ(structure_tree(imported.value()), "title 某某报告\n一、回顾 ¶3\n");
  std::vector<std::string> removed_rules;
  for (const auto& entry : report.entries) {
    if (entry.kind == ReportEntry::Kind::kRemoved)
      removed_rules.push_back(entry.rule + ":" + entry.text);
  }
  EXPECT_EQ(removed_rules,
            (std::vector<std::string>{"title:某某报告", "continuation-marker:（下转第二版）",
                                      "folio:— 2 —", "continuation-marker:（上接第一版）",
                                      "continuation-marker:■下转第3版", "folio:第 3 页"}));
}

TEST(ImporterGeneric, ASpeechWithSubtitleDateSpeakerAndSalutation) {
  EXPECT_EQ(tree_of("决胜全面建成小康社会\n"
                    "夺取伟大胜利\n"
                    "——在某某大会上的报告\n"
                    "（2017年10月18日）\n"
                    "习近平\n"
                    "同志们：\n"
                    "现在，我代表委员会向大会作报告。\n"
                    "一、过去五年的工作\n"
                    "五年来，我们做了很多。\n"
                    "同志们！\n"
                    "让我们更加紧密地团结起来，为实现目标而奋斗！\n"),
            "title 决胜全面建成小康社会夺取伟大胜利\n"
            "subtitle ¶3\n"
            "salutation ¶1\n"
            "¶1\n"
            "一、过去五年的工作 ¶1\n"
            "salutation ¶1\n"
            "¶1\n");
}

}  // namespace
}  // namespace kiosk::content
