// The content release: written atomically and reproducibly, read back by inspect and search,
// and carrying subset fonts that draw what the full fonts draw.
#include <gtest/gtest.h>
#include <hb-ot.h>
#include <hb.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <set>

#include "content/pipeline/pipeline.h"
#include "firmware/sqlite/sqlite.h"
#include "tests/support/content_nodes.h"
#include "tests/support/test_support.h"

namespace kiosk::content {

namespace sqlite = firmware::sqlite;
namespace {

namespace fs = std::filesystem;

// [SECTION] A small release built by hand

// Mongolian with every control the engine keeps in its run: FVS1-4 and MVS, NNBSP.
constexpr const char* kMongolianControls =
    "ᠭᠠ ᠭ\u180Bᠠ ᠠᠭ\u180Cᠠ ᠠᠭ\u180Dᠠ ᠠᠭ\u180Fᠠ ᠨᠡᠷ\u180Eᠡ ᠤᠴᠢᠷ\u202Fᠲᠠᠢ";
constexpr const char* kTongliaoMn = "ᠲᠦᠩᠯᠢᠶᠣᠣ ᠬᠣᠲᠠ\u202Fᠶᠢᠨ ᠬᠡᠷᠡᠭᠵᠢᠭᠦᠯᠬᠦ ᠰᠠᠨᠠᠯ";
constexpr const char* kVerticalTitle = "《全方位建设模范自治区的决定》（草案）——稀土……";

constexpr const char* kDecisionUrl =
    "https://www.nmg.gov.cn/zwgk/zfxxgk/zfxxgkml/202307/t20230705_0000001.html?from=kiosk#top";

using testing::numbered;
using testing::paragraph;

Release small_release() {
  Release release;

  ImportedDocument decision;
  decision.metadata.slug = "model-region-decision";
  decision.metadata.source = "000_cfe9554b2698badf.txt";
  decision.metadata.title_zh = "关于全方位建设模范自治区的决定";
  decision.metadata.title_mn = kTongliaoMn;
  decision.metadata.issuer = "中共内蒙古自治区委员会";
  decision.metadata.date = "2023-06-28";
  decision.metadata.kind = DocumentKind::kDecision;
  decision.metadata.display_order = 0;
  decision.metadata.url = kDecisionUrl;
  Node item = numbered(NodeKind::kItem, "（一）", 1, "保护稀土资源。", 9,
                       {paragraph(10, "严格执行稀土开采总量控制，推动稀土产业向下游延伸。")});
  item.attributes["responsible_units"] = "自治区工业和信息化厅、自然资源厅";
  decision.nodes = {
      paragraph(3, "为全面贯彻党的二十大精神，作出如下决定。"),
      numbered(NodeKind::kPart, "一、", 1, "总体要求", 5,
               {paragraph(6, "坚持以铸牢中华民族共同体意识为主线。"), item,
                numbered(NodeKind::kItem, "（二）", 2, "建设现代化产业体系。", 12,
                         {paragraph(
                             12, "发展新能源、新材料等产业——建设国家重要能源和战略资源基地……")})}),
      numbered(NodeKind::kPart, "二、", 2, "加强组织领导", 20),
      paragraph(25, "本决定自2023年7月1日起施行，ABC abc。"),
  };
  release.documents.push_back(decision);

  ImportedDocument regulation;
  regulation.metadata.slug = "model-region-regulation";
  regulation.metadata.source = "002_c34abe744b062318.txt";
  regulation.metadata.title_zh = "内蒙古自治区建设模范自治区促进条例";
  regulation.metadata.title_mn = "ᠮᠣᠩᠭᠣᠯ";
  regulation.metadata.title_mn_reviewed = true;
  regulation.metadata.issuer = "内蒙古自治区人民代表大会常务委员会";
  regulation.metadata.date = "2023-09-27";
  regulation.metadata.number = "第12号";
  regulation.metadata.kind = DocumentKind::kRegulation;
  regulation.metadata.display_order = 2;
  regulation.excerpt = true;
  regulation.nodes = {
      numbered(NodeKind::kChapter, "第一章", 1, "总则", 2,
               {numbered(NodeKind::kArticle, "第一条", 1, "为了合理开发稀土资源，制定本条例。", 3),
                numbered(NodeKind::kArticle, "第二条", 2, "本条例适用于本自治区。", 4,
                         {paragraph(5, "稀土是战略资源。")})})};
  release.documents.push_back(regulation);

  release.ui_strings = {
      {"home.title", "首页", kMongolianControls, false},
      {"udhr.sample", "人权", testing::udhr_article1(), false},
      {"title.vertical", kVerticalTitle, "ᠮᠣᠩᠭᠣᠯ", true},
  };
  release.topics = {{"稀土", "ᠮᠣᠩᠭᠣᠯ", false, 4, 2, 2}, {"产业", "", false, 3, 2, 1}};
  release.fonts = {
      {"NotoSansCJK-Regular", KIOSK_FONT_CJK, 2, {"Hani", "Latn", "Zyyy"}},
      {"NotoSansMongolian-Regular", KIOSK_FONT_MONGOLIAN, 0, {"Mong"}},
  };
  return release;
}

ReleaseOptions options() {
  ReleaseOptions result;
  result.content_version = 7;
  result.built_at = 1700000000;
  return result;
}

std::string scratch_dir(const std::string& name) {
  const fs::path dir = fs::path(testing::test_output_dir()) / "release" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

// Files a failed write might have left behind (temporary files, journals).
std::vector<std::string> leftovers(const std::string& dir, const std::string& keep) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().filename() != keep) names.push_back(entry.path().filename().string());
  }
  return names;
}

class ReleaseTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    path_ = scratch_dir("shared") + "/content.db";
    const auto start = std::chrono::steady_clock::now();
    auto written = write_release(small_release(), path_, options());
    const auto elapsed = std::chrono::steady_clock::now() - start;
    ASSERT_TRUE(written.ok()) << written.error();
    summary_ = written.value();
    std::printf("write_release: %lld ms, %zu bytes\n",
                static_cast<long long>(
                    std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count()),
                summary_.bytes);
    for (const SubsetFont& font : summary_.fonts) {
      std::printf("  %s: %zu -> %zu bytes, %zu code points\n", font.name.c_str(), font.source_bytes,
                  font.subset_bytes, font.codepoints);
    }
  }
  static std::string path_;
  static ReleaseSummary summary_;
};
std::string ReleaseTest::path_;
ReleaseSummary ReleaseTest::summary_;

// Runs a query that returns one value.
std::string query_one(sqlite3* db, const std::string& sql) {
  auto statement = sqlite::Statement::prepare(db, sql);
  if (!statement) return "error: " + statement.error();
  if (!statement->next_row()) return "no row";
  return statement->text(0);
}

sqlite::Database open_read_only(const std::string& path) {
  auto db = sqlite::open_database(path, SQLITE_OPEN_READONLY);
  EXPECT_TRUE(db.ok()) << db.error();
  return db.ok() ? std::move(db.value()) : sqlite::Database();
}

// [SECTION] Writing

TEST_F(ReleaseTest, TwoBuildsOfTheSameInputsAreByteIdentical) {
  const std::string dir = scratch_dir("reproducible");
  auto first = write_release(small_release(), dir + "/a.db", options());
  auto second = write_release(small_release(), dir + "/b.db", options());
  ASSERT_TRUE(first.ok()) << first.error();
  ASSERT_TRUE(second.ok()) << second.error();
  const std::string a = testing::read_file(dir + "/a.db");
  EXPECT_EQ(a.size(), first->bytes);
  EXPECT_TRUE(a == testing::read_file(dir + "/b.db"));
  EXPECT_TRUE(a == testing::read_file(path_))
      << "differs from the suite's build of the same inputs";
  EXPECT_EQ(a.size() % 4096, 0U) << "page size 4096";
  // The only time stamp is built_at: another one gives another file.
  ReleaseOptions later = options();
  later.built_at += 1;
  ASSERT_TRUE(write_release(small_release(), dir + "/c.db", later).ok());
  EXPECT_FALSE(a == testing::read_file(dir + "/c.db"));
}

TEST_F(ReleaseTest, PassesIntegrityCheckAndCarriesItsVersions) {
  sqlite::Database db = open_read_only(path_);
  ASSERT_TRUE(db);
  EXPECT_EQ(query_one(db.get(), "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(query_one(db.get(), "PRAGMA page_size"), "4096");
  EXPECT_EQ(query_one(db.get(), "PRAGMA journal_mode"), "delete");
  EXPECT_EQ(query_one(db.get(), "SELECT value FROM meta WHERE key = 'schema_version'"), "4");
  EXPECT_EQ(query_one(db.get(), "SELECT value FROM meta WHERE key = 'content_version'"), "7");
  EXPECT_EQ(query_one(db.get(), "SELECT value FROM meta WHERE key = 'built_at'"), "1700000000");
  EXPECT_EQ(query_one(db.get(), "SELECT value FROM meta WHERE key = 'generator'"), "kioskpack");
  EXPECT_EQ(query_one(db.get(), "SELECT count(*) FROM documents"), "2");
  EXPECT_EQ(query_one(db.get(), "SELECT count(*) FROM nodes"), "13");
  EXPECT_EQ(query_one(db.get(), "SELECT count(*) FROM paragraphs"), "6");
  EXPECT_EQ(query_one(db.get(), "SELECT count(*) FROM ui_strings"), "3");
  EXPECT_EQ(query_one(db.get(),
                      "SELECT group_concat(name || ':' || face_index || ':' || scripts, "
                      "' ') FROM fonts"),
            "NotoSansCJK-Regular:0:Hani Latn Zyyy NotoSansMongolian-Regular:0:Mong");
  EXPECT_EQ(query_one(db.get(),
                      "SELECT source_sha256 FROM fonts WHERE name = "
                      "'NotoSansMongolian-Regular'"),
            testing::sha256_file(KIOSK_FONT_MONGOLIAN));
  EXPECT_EQ(query_one(db.get(),
                      "SELECT value FROM node_attributes WHERE key = "
                      "'responsible_units'"),
            "自治区工业和信息化厅、自然资源厅");
  // Ids in reading order: the document shown first has the smallest node ids, parents come
  // before their children.
  EXPECT_EQ(query_one(db.get(),
                      "SELECT group_concat(label || heading, '|') FROM (SELECT * FROM "
                      "nodes WHERE kind <> 'paragraph' ORDER BY id)"),
            "一、总体要求|（一）保护稀土资源。|（二）建设现代化产业体系。|二、加强组织领导|"
            "第一章总则|第一条为了合理开发稀土资源，制定本条例。|第二条本条例适用于本自治区。");
  EXPECT_EQ(query_one(db.get(),
                      "SELECT count(*) FROM nodes c JOIN nodes p ON p.id = c.parent_id "
                      "WHERE p.id >= c.id"),
            "0");
  EXPECT_EQ(query_one(db.get(), "SELECT count(*) FROM search_text"), "13");
  // The url as the metadata gave it, '' for the document without one.
  EXPECT_EQ(query_one(db.get(), "SELECT url FROM documents WHERE slug = 'model-region-decision'"),
            kDecisionUrl);
  EXPECT_EQ(query_one(db.get(),
                      "SELECT quote(url) FROM documents WHERE slug = 'model-region-regulation'"),
            "''");
  EXPECT_EQ(query_one(db.get(),
                      "SELECT group_concat(position || ':' || term_zh || ':' || term_mn || ':' || "
                      "mn_reviewed || ':' || hits || ':' || paragraphs || ':' || documents, ' ') "
                      "FROM (SELECT * FROM topics ORDER BY position)"),
            "0:稀土:ᠮᠣᠩᠭᠣᠯ:0:4:2:2 1:产业::0:3:2:1");

  // The search index agrees with its content, paragraphs and headings (FTS5's own check is an
  // INSERT, so it runs on a copy).
  const std::string copy = scratch_dir("integrity") + "/copy.db";
  fs::copy_file(path_, copy);
  auto writable = sqlite::open_database(copy, SQLITE_OPEN_READWRITE);
  ASSERT_TRUE(writable.ok()) << writable.error();
  auto fts = sqlite::execute(writable->get(),
                             "INSERT INTO paragraph_search (paragraph_search) "
                             "VALUES ('integrity-check')",
                             "fts5 integrity-check");
  EXPECT_TRUE(fts.ok()) << fts.error();
}

TEST(ReleaseWriteTest, AnOpenedReleaseIsDefensive) {
  const std::string dir = scratch_dir("defensive");
  auto db = sqlite::open_database(dir + "/x.db", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  ASSERT_TRUE(db.ok()) << db.error();
  int value = -1;
  sqlite3_db_config(db->get(), SQLITE_DBCONFIG_DEFENSIVE, -1, &value);
  EXPECT_EQ(value, 1);
  sqlite3_db_config(db->get(), SQLITE_DBCONFIG_TRUSTED_SCHEMA, -1, &value);
  EXPECT_EQ(value, 0);
  sqlite3_db_config(db->get(), SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, -1, &value);
  EXPECT_EQ(value, 0);
  EXPECT_FALSE(sqlite::execute(db->get(),
                               "PRAGMA writable_schema = ON; "
                               "CREATE TABLE t (x); DELETE FROM sqlite_schema",
                               "")
                   .ok());
}

TEST(ReleaseWriteTest, ACharacterNoFontCoversFailsAndKeepsThePreviousRelease) {
  const std::string dir = scratch_dir("missing-glyph");
  const std::string path = dir + "/content.db";
  ASSERT_TRUE(write_release(small_release(), path, options()).ok());
  const std::string before = testing::read_file(path);

  Release bad = small_release();
  // Line 12 of the decision: a private-use character, which neither font has.
  bad.documents[0].nodes[1].children[2].children[0].text += "\uE000";
  auto written = write_release(bad, path, options());
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error(), "model-region-decision:12: U+E000 '\uE000' is in no font");
  EXPECT_TRUE(testing::read_file(path) == before);
  EXPECT_EQ(leftovers(dir, "content.db"), std::vector<std::string>{});

  // In a UI string, in a heading and in a title, with every place listed.
  Release worse = small_release();
  worse.ui_strings[0].mn += "\U0010FFFD";
  worse.documents[1].nodes[0].children[0].heading += "\uE001";
  worse.documents[1].metadata.title_zh += "\uE002";
  written = write_release(worse, path, options());
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error(),
            "model-region-regulation (title_zh): U+E002 '\uE002' is in no font\n"
            "model-region-regulation:3: U+E001 '\uE001' is in no font\n"
            "ui string 'home.title' (mn): U+10FFFD '\U0010FFFD' is in no font");
  EXPECT_TRUE(testing::read_file(path) == before);
}

TEST(ReleaseWriteTest, AClingingCharacterMustBeInTheFontOfItsText) {
  // The engine keeps marks and Mongolian controls in the font of the text around them, so a
  // combining mark after Chinese text must be in the Chinese font, whatever other fonts have.
  Release release = small_release();
  release.documents[0].nodes[0].text += "\u0483";  // COMBINING CYRILLIC TITLO: not in Noto CJK
  auto written = write_release(release, scratch_dir("clinging") + "/content.db", options());
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error(),
            "model-region-decision:3: U+0483 '\u0483' is not in NotoSansCJK-Regular, the font of "
            "the text around it");
  // ZWJ after Chinese text is hidden by HarfBuzz, NNBSP before a Mongolian word goes with it.
  Release fine = small_release();
  fine.documents[0].nodes[0].text += "\u200D中文\u202Fᠶᠢᠨ";
  auto ok = write_release(fine, scratch_dir("clinging-ok") + "/content.db", options());
  EXPECT_TRUE(ok.ok()) << ok.error();
}

TEST(ReleaseWriteTest, AFailureInsideTheDatabaseLeavesNothingBehind) {
  const std::string dir = scratch_dir("failure");
  const std::string path = dir + "/content.db";
  ASSERT_TRUE(write_release(small_release(), path, options()).ok());
  const std::string before = testing::read_file(path);

  Release bad = small_release();
  bad.documents[0].nodes[0].heading = "a paragraph with a heading";  // refused by the writer
  auto written = write_release(bad, path, options());
  ASSERT_FALSE(written.ok());
  EXPECT_NE(written.error().find("line 3: a paragraph node has a heading"), std::string::npos)
      << written.error();
  EXPECT_TRUE(testing::read_file(path) == before);
  EXPECT_EQ(leftovers(dir, "content.db"), std::vector<std::string>{});

  Release duplicate = small_release();
  duplicate.documents[1].metadata.slug = duplicate.documents[0].metadata.slug;
  written = write_release(duplicate, path, options());
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error(), "two documents have the slug model-region-decision");

  written = write_release(small_release(), dir + "/no/such/dir/content.db", options());
  ASSERT_FALSE(written.ok());
  EXPECT_NE(written.error().find("cannot create a temporary file beside"), std::string::npos);
  EXPECT_TRUE(testing::read_file(path) == before);
}

// [SECTION] Reading: inspect

TEST_F(ReleaseTest, InspectShowsTheTree) {
  auto shown = inspect_release(path_, "", false);
  ASSERT_TRUE(shown.ok()) << shown.error();
  const std::string& text = shown.value();
  EXPECT_NE(text.find("schema 4, content version 7, built 2023-11-14T22:13:20Z by kioskpack"),
            std::string::npos)
      << text;
  const std::string decision =
      "model-region-decision\n"
      "  title     关于全方位建设模范自治区的决定\n"
      "  title_mn  " +
      std::string(kTongliaoMn) +
      "  (draft, awaiting review)\n"
      "  issuer    中共内蒙古自治区委员会\n"
      "  date      2023-06-28\n"
      "  number    -\n"
      "  kind      decision\n"
      "  excerpt   no\n"
      "  source    000_cfe9554b2698badf.txt\n"
      "  url       " +
      std::string(kDecisionUrl) +
      "\n"
      "  structure 2 parts, 2 items, 5 paragraphs\n"
      "  [1 paragraph]\n"
      "  一、 总体要求  [1 paragraph]\n"
      "    （一） 保护稀土资源。  [1 paragraph]\n"
      "      责任单位：自治区工业和信息化厅、自然资源厅\n"
      "    （二） 建设现代化产业体系。  [1 paragraph]\n"
      "  二、 加强组织领导  [0 paragraphs]\n"
      "  [1 paragraph]\n";
  EXPECT_NE(text.find(decision), std::string::npos) << text;
  const std::string regulation =
      "  excerpt   yes\n"
      "  source    002_c34abe744b062318.txt\n"
      "  url       -  (no QR code)\n"
      "  structure 1 chapter, 2 articles, 1 paragraph\n"
      "  第一章 总则  [0 paragraphs]\n"
      "    第一条 为了合理开发稀土资源，制定本条例。  [0 paragraphs]\n"
      "    第二条 本条例适用于本自治区。  [1 paragraph]\n";
  EXPECT_NE(text.find(regulation), std::string::npos) << text;
  EXPECT_LT(text.find("model-region-decision"), text.find("model-region-regulation"));
  // Then the topic chips, in the order shown, with their counts.
  const std::string topics =
      "\ntopics (search chips, in the order shown): 2\n"
      "  1. 稀土  4 hits, 2 paragraphs, 2 documents  mn ᠮᠣᠩᠭᠣᠯ  (draft, awaiting review)\n"
      "  2. 产业  3 hits, 2 paragraphs, 1 document  mn -\n";
  EXPECT_GE(text.size(), topics.size());
  EXPECT_EQ(text.substr(text.size() - std::min(text.size(), topics.size())), topics) << text;

  auto one = inspect_release(path_, "model-region-regulation", false);
  ASSERT_TRUE(one.ok()) << one.error();
  EXPECT_EQ(one->find("model-region-decision"), std::string::npos);
  EXPECT_EQ(one->find("topics ("), std::string::npos) << "one document: no chips";
  EXPECT_NE(one->find(regulation), std::string::npos);

  auto unknown = inspect_release(path_, "no-such-document", false);
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().find("no document 'no-such-document' (the release has: "
                                 "model-region-decision, model-region-regulation)"),
            std::string::npos)
      << unknown.error();
}

TEST_F(ReleaseTest, InspectTextIsTheDocumentInReadingOrder) {
  auto text = inspect_release(path_, "model-region-decision", true);
  ASSERT_TRUE(text.ok()) << text.error();
  EXPECT_EQ(text.value(),
            "关于全方位建设模范自治区的决定\n"
            "为全面贯彻党的二十大精神，作出如下决定。\n"
            "一、总体要求\n"
            "坚持以铸牢中华民族共同体意识为主线。\n"
            "（一）保护稀土资源。\n"
            "严格执行稀土开采总量控制，推动稀土产业向下游延伸。\n"
            "责任单位：自治区工业和信息化厅、自然资源厅\n"
            "（二）建设现代化产业体系。\n"
            "发展新能源、新材料等产业——建设国家重要能源和战略资源基地……\n"
            "二、加强组织领导\n"
            "本决定自2023年7月1日起施行，ABC abc。\n");
  auto regulation = inspect_release(path_, "model-region-regulation", true);
  ASSERT_TRUE(regulation.ok()) << regulation.error();
  EXPECT_EQ(regulation.value(),
            "内蒙古自治区建设模范自治区促进条例\n"
            "第一章\u3000总则\n"
            "第一条\u3000为了合理开发稀土资源，制定本条例。\n"
            "第二条\u3000本条例适用于本自治区。\n"
            "稀土是战略资源。\n");
  auto all = inspect_release(path_, "", true);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all.value(), text.value() + "\n" + regulation.value());
}

// Schema 4: every node kind and a document kind of its own survive the release, and inspect
// prints them where they stand (items under an article, points under an item, a heading without
// a label).
TEST(ReleaseRoundTripTest, EveryNodeKindOfADeepLawIsWrittenAndReadBack) {
  Release release;
  release.documents = {testing::deep_law()};
  release.fonts = {{"NotoSansCJK-Regular", KIOSK_FONT_CJK, 2, {"Hani", "Latn", "Zyyy"}},
                   {"NotoSansMongolian-Regular", KIOSK_FONT_MONGOLIAN, 0, {"Mong"}}};
  const std::string path = scratch_dir("deep-law") + "/content.db";
  auto written = write_release(release, path, options());
  ASSERT_TRUE(written.ok()) << written.error();

  sqlite::Database db = open_read_only(path);
  ASSERT_TRUE(db);
  EXPECT_EQ(query_one(db.get(), "SELECT kind FROM documents"), "law");
  EXPECT_EQ(query_one(db.get(),
                      "SELECT group_concat(kind || ':' || label || heading, '|') FROM (SELECT * "
                      "FROM nodes WHERE kind <> 'paragraph' ORDER BY id)"),
            "heading:序言|book:第一编总则|chapter:第一章一般规定|section:第一节适用范围|"
            "article:第一条|item:（一）建立健全安全生产责任制；|"
            "item:（二）组织制定安全生产规章制度；|point:1.制定操作规程；|"
            "subpoint:（1）明确岗位职责；|subpoint:（2）定期检查。|article:第二条");
  // The items' parent is the article, the point's the item, the subpoints' the point.
  EXPECT_EQ(query_one(db.get(),
                      "SELECT group_concat(child || '<' || parent, ' ') FROM (SELECT c.kind AS "
                      "child, p.kind AS parent FROM nodes c JOIN nodes p ON p.id = c.parent_id "
                      "WHERE c.kind IN ('item', 'point', 'subpoint') ORDER BY c.id)"),
            "item<article item<article point<item subpoint<point subpoint<point");
  // Headings are searched, a label-less heading's too.
  EXPECT_EQ(query_one(db.get(), "SELECT count(*) FROM search_text WHERE text = '序言'"), "1");

  auto tree = inspect_release(path, "", false);
  ASSERT_TRUE(tree.ok()) << tree.error();
  const std::string expected =
      "  kind      law\n"
      "  excerpt   no\n"
      "  source    safety-law.txt\n"
      "  url       -  (no QR code)\n"
      "  structure 1 book, 1 chapter, 1 section, 2 articles, 2 items, 1 point, 2 subpoints, "
      "1 heading, 5 paragraphs\n"
      "  序言  [1 paragraph]\n"
      "  第一编 总则  [0 paragraphs]\n"
      "    第一章 一般规定  [0 paragraphs]\n"
      "      第一节 适用范围  [0 paragraphs]\n"
      "        第一条  [2 paragraphs]\n"
      "          （一） 建立健全安全生产责任制；  [0 paragraphs]\n"
      "          （二） 组织制定安全生产规章制度；  [0 paragraphs]\n"
      "            1. 制定操作规程；  [0 paragraphs]\n"
      "              （1） 明确岗位职责；  [0 paragraphs]\n"
      "              （2） 定期检查。  [1 paragraph]\n"
      "        第二条  [1 paragraph]\n";
  EXPECT_NE(tree->find(expected), std::string::npos) << tree.value();

  auto text = inspect_release(path, "safety-law", true);
  ASSERT_TRUE(text.ok()) << text.error();
  EXPECT_EQ(text.value(),
            "中华人民共和国安全生产法\n"
            "序言\n"
            "为了加强安全生产工作，制定本法。\n"
            "第一编\u3000总则\n"
            "第一章\u3000一般规定\n"
            "第一节\u3000适用范围\n"
            "第一条\n"
            "生产经营单位应当履行下列职责：\n"
            "（一）建立健全安全生产责任制；\n"
            "（二）组织制定安全生产规章制度；\n"
            "1.制定操作规程；\n"
            "（1）明确岗位职责；\n"
            "（2）定期检查。\n"
            "检查结果应当记录。\n"
            "前款规定的职责由主要负责人负责。\n"
            "第二条\n"
            "本法自公布之日起施行。\n");
  // The same text as the document had before it was written.
  EXPECT_EQ(text.value(), reading_order_text(release.documents.front()));
}

TEST(ReleaseReadTest, AReleaseOfAnotherSchemaIsRefusedWithBothVersions) {
  const std::string dir = scratch_dir("old-schema");
  const std::string path = dir + "/content.db";
  ASSERT_TRUE(write_release(small_release(), path, options()).ok());
  {
    auto writable = sqlite::open_database(path, SQLITE_OPEN_READWRITE);
    ASSERT_TRUE(writable.ok()) << writable.error();
    ASSERT_TRUE(sqlite::execute(writable->get(),
                                "UPDATE meta SET value = '3' WHERE key = 'schema_version'", "old")
                    .ok());
  }
  auto shown = inspect_release(path, "", false);
  ASSERT_FALSE(shown.ok());
  EXPECT_NE(shown.error().find("schema_version 3, but this kioskpack reads version 4"),
            std::string::npos)
      << shown.error();
}

TEST(ReleaseReadTest, WhatIsNotAReleaseIsRefused) {
  const std::string dir = scratch_dir("not-a-release");
  EXPECT_FALSE(inspect_release(dir + "/missing.db", "", false).ok());
  EXPECT_FALSE(fs::exists(dir + "/missing.db")) << "a read-only open must not create the file";
  testing::write_file(dir + "/text.db", "this is not a database, just some text\n");
  auto text = inspect_release(dir + "/text.db", "", false);
  ASSERT_FALSE(text.ok());
  EXPECT_NE(text.error().find("not a content release"), std::string::npos) << text.error();
  auto search = search_release(dir + "/text.db", "稀土");
  EXPECT_FALSE(search.ok());
}

// [SECTION] Reading: search

std::vector<std::string> describe(const std::vector<SearchHit>& hits) {
  std::vector<std::string> lines;
  for (const SearchHit& hit : hits) {
    lines.push_back(hit.document_slug + " [" + hit.node_label + "] " + hit.snippet);
  }
  return lines;
}

TEST_F(ReleaseTest, SearchForTwoCharactersScansParagraphsAndHeadings) {
  auto hits = search_release(path_, "稀土");
  ASSERT_TRUE(hits.ok()) << hits.error();
  EXPECT_EQ(describe(hits.value()),
            (std::vector<std::string>{
                "model-region-decision [（一）] 保护【稀土】资源。",
                "model-region-decision [（一）] "
                "严格执行【稀土】开采总量控制，推动【稀土】产业向下游延伸。",
                "model-region-regulation [第一条] 为了合理开发【稀土】资源，制定本条例。",
                "model-region-regulation [第二条] 【稀土】是战略资源。",
            }));
  ASSERT_FALSE(hits->empty());
  EXPECT_EQ(hits.value()[0].document_title, "关于全方位建设模范自治区的决定");
}

TEST_F(ReleaseTest, SearchForThreeOrMoreCharactersUsesTheIndex) {
  auto hits = search_release(path_, "稀土资源");
  ASSERT_TRUE(hits.ok()) << hits.error();
  EXPECT_EQ(describe(hits.value()),
            (std::vector<std::string>{
                "model-region-decision [（一）] 保护【稀土资源】。",
                "model-region-regulation [第一条] 为了合理开发【稀土资源】，制定本条例。",
            }));
  // Case-insensitive like the trigram index; outside any numbered node, no label.
  hits = search_release(path_, "abc");
  ASSERT_TRUE(hits.ok()) << hits.error();
  EXPECT_EQ(describe(hits.value()),
            (std::vector<std::string>{
                "model-region-decision [] 本决定自2023年7月1日起施行，【ABC】 【abc】。"}));
  // Context is cut at 20 characters each side, the cut marked with an ellipsis.
  hits = search_release(path_, "战略资源基地");
  ASSERT_TRUE(hits.ok()) << hits.error();
  EXPECT_EQ(
      describe(hits.value()),
      (std::vector<std::string>{"model-region-decision [（二）] "
                                "…能源、新材料等产业——建设国家重要能源和【战略资源基地】……"}));
  // What a visitor types is text, never FTS5 syntax.
  for (const char* query : {"\"稀土 OR", "稀土*", "NEAR(稀土 资源)", "text:稀土", "找不到的词"}) {
    auto none = search_release(path_, query);
    ASSERT_TRUE(none.ok()) << query << ": " << none.error();
    EXPECT_TRUE(none->empty()) << query;
  }
  EXPECT_FALSE(search_release(path_, "").ok());
}

// [SECTION] Subset fonts

std::unique_ptr<text::FontSet> subset_fonts(const std::string& path) {
  auto fonts = text::FontSet::create();
  sqlite::Database db = open_read_only(path);
  auto statement = sqlite::Statement::prepare(db.get(),
                                              "SELECT name, face_index, scripts, data FROM fonts "
                                              "ORDER BY name");  // CJK first, as the kiosk loads
  EXPECT_TRUE(statement.ok());
  while (statement->next_row()) {
    const auto* data = static_cast<const std::uint8_t*>(sqlite3_column_blob(statement->get(), 3));
    std::vector<std::uint8_t> bytes(data, data + sqlite3_column_bytes(statement->get(), 3));
    std::vector<std::string> scripts;
    std::string all = statement->text(2);
    for (std::size_t at = 0; at < all.size();) {
      const std::size_t end = std::min(all.find(' ', at), all.size());
      scripts.push_back(all.substr(at, end - at));
      at = end + 1;
    }
    auto added = fonts->add_font_data(std::move(bytes), static_cast<unsigned>(statement->int64(1)),
                                      scripts, statement->text(0));
    EXPECT_TRUE(added.ok()) << added.error();
  }
  EXPECT_EQ(fonts->size(), 2U);
  return fonts;
}

std::set<std::string> feature_tags(const std::vector<std::uint8_t>& bytes, hb_tag_t table) {
  hb_blob_t* blob = hb_blob_create(reinterpret_cast<const char*>(bytes.data()),
                                   static_cast<unsigned>(bytes.size()), HB_MEMORY_MODE_READONLY,
                                   nullptr, nullptr);
  hb_face_t* face = hb_face_create(blob, 0);
  std::set<std::string> tags;
  for (unsigned offset = 0;;) {
    hb_tag_t page[32];
    unsigned count = 32;
    const unsigned total = hb_ot_layout_table_get_feature_tags(face, table, offset, &count, page);
    for (unsigned i = 0; i < count; ++i) {
      char tag[5] = {};
      hb_tag_to_string(page[i], tag);
      tags.insert(tag);
    }
    offset += count;
    if (count == 0 || offset >= total) break;
  }
  hb_face_destroy(face);
  hb_blob_destroy(blob);
  return tags;
}

// A name record (English) of a face in a blob.
std::string name_record(hb_blob_t* blob, unsigned face_index, hb_ot_name_id_t id) {
  hb_face_t* face = hb_face_create(blob, face_index);
  char text[2048] = {};
  unsigned size = sizeof text;
  hb_ot_name_get_utf8(face, id, hb_language_from_string("en", -1), &size, text);
  hb_face_destroy(face);
  return text;
}

std::string name_record(const std::vector<std::uint8_t>& bytes, hb_ot_name_id_t id) {
  hb_blob_t* blob = hb_blob_create(reinterpret_cast<const char*>(bytes.data()),
                                   static_cast<unsigned>(bytes.size()), HB_MEMORY_MODE_READONLY,
                                   nullptr, nullptr);
  std::string text = name_record(blob, 0, id);
  hb_blob_destroy(blob);
  return text;
}

std::string name_record(const std::string& path, unsigned face_index, hb_ot_name_id_t id) {
  hb_blob_t* blob = hb_blob_create_from_file(path.c_str());
  std::string text = name_record(blob, face_index, id);
  hb_blob_destroy(blob);
  return text;
}

std::vector<std::uint8_t> font_blob(const std::string& path, const std::string& name) {
  sqlite::Database db = open_read_only(path);
  auto statement = sqlite::Statement::prepare(db.get(), "SELECT data FROM fonts WHERE name = ?1");
  EXPECT_TRUE(statement.ok());
  statement->bind(1, name);
  if (!statement->next_row()) return {};
  const auto* data = static_cast<const std::uint8_t*>(sqlite3_column_blob(statement->get(), 0));
  return {data, data + sqlite3_column_bytes(statement->get(), 0)};
}

TEST_F(ReleaseTest, SubsetFontsAreSmallAndKeepTheShapingFeatures) {
  ASSERT_EQ(summary_.fonts.size(), 2U);
  for (const SubsetFont& font : summary_.fonts) {
    EXPECT_LT(font.subset_bytes * 4, font.source_bytes) << font.name;
  }
  // The CJK font: the Chinese text, all of printable ASCII and the UI punctuation; the
  // Mongolian one: the letters used, its controls, and the ASCII and punctuation it has.
  EXPECT_GT(summary_.fonts[0].codepoints, 95U + 20U);
  EXPECT_GT(summary_.fonts[1].codepoints, 30U);
  const auto mongolian = font_blob(path_, "NotoSansMongolian-Regular");
  const auto cjk = font_blob(path_, "NotoSansCJK-Regular");
  const std::set<std::string> mongolian_gsub = feature_tags(mongolian, HB_OT_TAG_GSUB);
  for (const char* tag : {"init", "medi", "fina", "isol", "rclt", "calt"}) {
    EXPECT_TRUE(mongolian_gsub.count(tag)) << "Mongolian GSUB lost " << tag;
  }
  const std::set<std::string> cjk_gsub = feature_tags(cjk, HB_OT_TAG_GSUB);
  for (const char* tag : {"vert", "vrt2", "locl"}) {
    EXPECT_TRUE(cjk_gsub.count(tag)) << "CJK GSUB lost " << tag;
  }
  const std::set<std::string> cjk_gpos = feature_tags(cjk, HB_OT_TAG_GPOS);
  for (const char* tag : {"halt", "vhal", "palt"}) {
    EXPECT_TRUE(cjk_gpos.count(tag)) << "CJK GPOS lost " << tag;
  }
  // The OFL travels with the font: the copyright, licence and licence URL records are kept.
  for (hb_ot_name_id_t id : {0U, 13U, 14U}) {
    EXPECT_EQ(name_record(mongolian, id), name_record(KIOSK_FONT_MONGOLIAN, 0, id)) << id;
    EXPECT_EQ(name_record(cjk, id), name_record(KIOSK_FONT_CJK, 2, id)) << id;
  }
  EXPECT_NE(name_record(mongolian, 14).find("openfontlicense.org"), std::string::npos);
  EXPECT_NE(name_record(cjk, 13).find("SIL Open Font License"), std::string::npos);
}

struct Sample {
  std::string text;
  text::ParagraphStyle style;
};

std::vector<Sample> samples() {
  text::ParagraphStyle mongolian;
  mongolian.language = "mn";
  mongolian.mode = text::WritingMode::kVerticalMongolian;
  mongolian.max_extent_px = 600;
  text::ParagraphStyle chinese;
  chinese.first_line_indent_em = 2;
  chinese.justify = true;
  chinese.max_extent_px = 400;
  text::ParagraphStyle vertical_chinese;
  vertical_chinese.mode = text::WritingMode::kVerticalChinese;
  vertical_chinese.max_extent_px = 600;
  return {
      {kMongolianControls, mongolian},
      {testing::udhr_article1(), mongolian},
      {kTongliaoMn, mongolian},
      {"发展新能源、新材料等产业——建设国家重要能源和战略资源基地……本决定自2023年7月1日起施行，ABC "
       "abc。",
       chinese},
      {kVerticalTitle, vertical_chinese},
  };
}

// The subset shapes the same glyphs as the full font: the ids differ (the subset renumbers
// them), so compare what they are, the advance and the rasterized outline.
TEST_F(ReleaseTest, SubsetFontsShapeAndDrawLikeTheFullFonts) {
  auto full = testing::load_kiosk_fonts();
  auto subset = subset_fonts(path_);
  ASSERT_EQ(subset->size(), full->size());
  text::TextEngine full_engine(*full);
  text::TextEngine subset_engine(*subset);
  for (const Sample& sample : samples()) {
    SCOPED_TRACE(sample.text);
    const text::Layout expected = full_engine.layout(sample.text, sample.style);
    const text::Layout actual = subset_engine.layout(sample.text, sample.style);
    EXPECT_EQ(actual.missing_glyphs, 0U);
    ASSERT_EQ(actual.lines.size(), expected.lines.size());
    std::size_t glyphs = 0;
    for (std::size_t l = 0; l < expected.lines.size(); ++l) {
      const auto& expected_runs = expected.lines[l].runs;
      const auto& actual_runs = actual.lines[l].runs;
      ASSERT_EQ(actual_runs.size(), expected_runs.size()) << "line " << l;
      for (std::size_t r = 0; r < expected_runs.size(); ++r) {
        const text::GlyphRun& want = expected_runs[r];
        const text::GlyphRun& got = actual_runs[r];
        ASSERT_EQ(got.font, want.font);
        ASSERT_EQ(got.glyphs.size(), want.glyphs.size()) << "line " << l << " run " << r;
        for (std::size_t g = 0; g < want.glyphs.size(); ++g) {
          SCOPED_TRACE("line " + std::to_string(l) + " run " + std::to_string(r) + " glyph " +
                       std::to_string(g));
          EXPECT_NE(got.glyphs[g].id, 0U) << ".notdef in the subset";
          EXPECT_FLOAT_EQ(got.glyphs[g].advance, want.glyphs[g].advance);
          EXPECT_FLOAT_EQ(got.glyphs[g].x, want.glyphs[g].x);
          EXPECT_FLOAT_EQ(got.glyphs[g].y, want.glyphs[g].y);
          EXPECT_EQ(got.glyphs[g].cluster, want.glyphs[g].cluster);
          const text::GlyphBitmap a =
              full->rasterize(want.font, want.glyphs[g].id, 32, want.rotation);
          const text::GlyphBitmap b =
              subset->rasterize(got.font, got.glyphs[g].id, 32, got.rotation);
          EXPECT_EQ(std::tie(b.width, b.height, b.left, b.top),
                    std::tie(a.width, a.height, a.left, a.top));
          EXPECT_TRUE(a.coverage == b.coverage) << "the outline differs";
          ++glyphs;
        }
      }
    }
    EXPECT_GT(glyphs, 0U);
  }
}

// [SECTION] Metadata: the url

// A metadata file with `url_line` in place of the url (none when empty), at line 6.
std::string write_metadata(const std::string& dir, const std::string& url_line) {
  const std::string path = dir + "/doc.toml";
  testing::write_file(path,
                      "slug = \"doc\"\n"
                      "source = \"doc.txt\"\n"
                      "title_zh = \"决定\"\n"
                      "title_mn = \"ᠰᠢᠢᠳᠪᠦᠷᠢ\"\n"
                      "issuer = \"自治区党委\"\n" +
                          url_line +
                          "\n"
                          "issuer_mn = \"ᠨᠠᠮ\"\n"
                          "date = \"2023-07-05\"\n"
                          "kind = \"decision\"\n"
                          "display_order = 1\n");
  return path;
}

TEST(MetadataUrlTest, AValidUrlIsKeptAndAMissingOneIsAllowed) {
  const std::string dir = scratch_dir("metadata-url");
  for (const std::string& url : std::vector<std::string>{
           "https://www.nmg.gov.cn/zwgk/a.html", "http://nmgrd.gov.cn/x?id=1&a=%E5%86%B3#p2",
           "https://h/" + std::string(kMaxUrlLength - 10, 'a')}) {
    auto loaded = load_document_metadata(write_metadata(dir, "url = \"" + url + "\""));
    ASSERT_TRUE(loaded.ok()) << url << ": " << loaded.error();
    EXPECT_EQ(loaded->url, url);
  }
  auto none = load_document_metadata(write_metadata(dir, ""));
  ASSERT_TRUE(none.ok()) << none.error();
  EXPECT_EQ(none->url, "");
}

TEST(MetadataUrlTest, ABadUrlIsAnErrorAtItsFileAndLine) {
  const std::string dir = scratch_dir("metadata-bad-url");
  const std::pair<std::string, std::string> cases[] = {
      {"\"www.nmg.gov.cn/a.html\"", "must start with http:// or https://"},
      {"\"ftp://nmg.gov.cn/a\"", "must start with http:// or https://"},
      {"\"https://www.nmg.gov.cn/a b.html\"", "url has a space at character 25"},
      {"\"https://www.nmg.gov.cn/\\u0007\"", "url has a control character U+0007 at character 24"},
      {"\"https://www.nmg.gov.cn/\\t\"", "url has a control character U+0009"},
      {"\"https://www.nmg.gov.cn/决定.html\"", "outside ASCII at character 24"},
      {"\"https://\"", "has no host name"},
      {"\"https:///path\"", "has no host name"},
      {"\"\"", "url is empty"},
      {"\"https://h/" + std::string(kMaxUrlLength, 'a') + "\"", "characters long, more than 300"},
      {"42", "'url' must be a string"},
  };
  for (const auto& [value, message] : cases) {
    const std::string path = write_metadata(dir, "url = " + value);
    auto loaded = load_document_metadata(path);
    ASSERT_FALSE(loaded.ok()) << value;
    // The url stands on line 6; its value starts at column 7.
    EXPECT_EQ(loaded.error().rfind(path + ":6:7: ", 0), 0U) << value << ": " << loaded.error();
    EXPECT_NE(loaded.error().find(message), std::string::npos) << value << ": " << loaded.error();
  }
}

TEST(ReleaseWriteTest, ABadUrlOrARepeatedTopicIsRefused) {
  const std::string dir = scratch_dir("bad-url");
  Release bad_url = small_release();
  bad_url.documents[1].metadata.url = "javascript:alert(1)";
  auto written = write_release(bad_url, dir + "/content.db", options());
  ASSERT_FALSE(written.ok());
  EXPECT_NE(written.error().find("document model-region-regulation: url 'javascript:alert(1)' "
                                 "must start with http:// or https://"),
            std::string::npos)
      << written.error();
  Release repeated = small_release();
  repeated.topics.push_back(repeated.topics[0]);
  written = write_release(repeated, dir + "/content.db", options());
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error(), "two topics have the term 稀土");
  EXPECT_FALSE(fs::exists(dir + "/content.db"));
}

// [SECTION] Topics

TEST(TopicsTest, CandidatesAreCountedWhereSearchLooks) {
  // The small release's text (see small_release): headings and paragraphs count, attributes
  // (责任单位：自治区...) and titles do not; a paragraph counts once however often it has the term.
  const Release release = small_release();
  std::vector<TopicCandidate> candidates;
  for (const char* zh :
       {"资源", "二十大", "稀土", "产业", "自治区", "总体要求", "稀土", "不存在"}) {
    candidates.push_back({std::string("topic.") + zh, zh, "", false, "topics.toml", 1});
  }
  candidates[2].mn = "ᠮᠣᠩᠭᠣᠯ";
  const std::vector<Topic> topics = choose_topics(candidates, release.documents);
  std::vector<std::string> described;
  for (const Topic& topic : topics) {
    described.push_back(topic.zh + " " + topic.mn + " " + std::to_string(topic.hits) + "/" +
                        std::to_string(topic.paragraphs) + "/" + std::to_string(topic.documents));
  }
  // 资源 and 稀土 tie (2 documents, 4 hits): the editors' order decides. 产业 is in one document.
  // 二十大 is in one paragraph, 自治区 and 总体要求 only in headings and attributes: left out.
  EXPECT_EQ(described,
            (std::vector<std::string>{"资源  4/2/2", "稀土 ᠮᠣᠩᠭᠣᠯ 4/2/2", "产业  3/2/1"}));
}

TEST(TopicsTest, AtMostSixteenInTheEditorsOrderOnATie) {
  ImportedDocument document;
  std::string text;
  std::vector<TopicCandidate> candidates;
  for (int i = 0; i < 20; ++i) {
    const std::string zh = "词" + std::to_string(100 + i);
    text += zh + "，";
    candidates.push_back({"topic.t" + std::to_string(i), zh, "", false, "topics.toml", i + 1});
  }
  document.nodes = {testing::paragraph(1, text), testing::paragraph(2, text)};
  const std::vector<Topic> topics = choose_topics(candidates, {document});
  ASSERT_EQ(topics.size(), kMaxTopics);
  for (std::size_t i = 0; i < topics.size(); ++i) {
    EXPECT_EQ(topics[i].zh, candidates[i].zh);
    EXPECT_EQ(topics[i].paragraphs, 2);
    EXPECT_EQ(topics[i].documents, 1);
  }
}

TEST(TopicsTest, TheEditorsListIsReadInFileOrderAndCheckedAtFileAndLine) {
  const std::string dir = scratch_dir("topics-file");
  auto none = load_source_topics(dir);
  ASSERT_TRUE(none.ok()) << none.error();
  EXPECT_TRUE(none->empty()) << "no topics.toml: no chips";

  testing::write_file(dir + "/topics.toml",
                      "[topic.zebra]\nzh = \"稀土\"\n\n"
                      "[topic.alpha]\nzh = \"产业\"\nmn = \"ᠮᠣᠩᠭᠣᠯ\"\nmn_reviewed = true\n");
  auto loaded = load_source_topics(dir);
  ASSERT_TRUE(loaded.ok()) << loaded.error();
  ASSERT_EQ(loaded->size(), 2U);
  EXPECT_EQ((*loaded)[0].key, "topic.zebra");  // the file's order, not the keys'
  EXPECT_EQ((*loaded)[1].zh, "产业");
  EXPECT_EQ((*loaded)[1].mn, "ᠮᠣᠩᠭᠣᠯ");
  EXPECT_TRUE((*loaded)[1].mn_reviewed);

  const std::pair<std::string, std::string> bad[] = {
      {"[topic.a]\nzh = \"稀土\"\ncolour = 1\n",
       "topics.toml:3:1: [topic.a]: unknown key 'colour'"},
      {"[topic.a]\nzh = \"稀土\"\n[topic.b]\nzh = \"稀土\"\n",
       "topics.toml:4:6: [topic.b]: 稀土 is already topic.a"},
      {"[topic.a]\nzh = \"稀土\"\nmn = \"\"\n", "topics.toml:3:6: [topic.a]: mn is empty"},
      {"[topic.a]\nmn = \"ᠮᠣᠩᠭᠣᠯ\"\n", "[topic.a]: missing required key 'zh'"},
      {"[other]\nzh = \"稀土\"\n", "expected only [topic.NAME] tables"},
  };
  for (const auto& [contents, message] : bad) {
    testing::write_file(dir + "/topics.toml", contents);
    auto failed = load_source_topics(dir);
    ASSERT_FALSE(failed.ok()) << contents;
    EXPECT_NE(failed.error().find(message), std::string::npos) << failed.error();
  }
}

}  // namespace
}  // namespace kiosk::content
