// The firmware's content store on releases written by the pipeline: the documents' web
// addresses, the search screen's topic chips and its search, and the same on the factory
// release.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "content/pipeline/pipeline.h"
#include "firmware/content_store/content_store.h"
#include "tests/support/content_nodes.h"
#include "tests/support/test_support.h"

namespace kiosk {
namespace {

namespace fs = std::filesystem;

constexpr const char* kUrl = "https://www.nmg.gov.cn/zwgk/zfxxgk/a.html?id=7#p2";

content::ImportedDocument document(const std::string& slug, int order, std::string url,
                                   std::vector<content::Node> nodes) {
  content::ImportedDocument result;
  result.metadata.slug = slug;
  result.metadata.source = slug + ".txt";
  result.metadata.title_zh = "关于稀土产业的决定";
  result.metadata.title_mn = "ᠮᠣᠩᠭᠣᠯ";
  result.metadata.issuer = "自治区党委";
  result.metadata.date = "2023-07-05";
  result.metadata.display_order = order;
  result.metadata.url = std::move(url);
  result.nodes = std::move(nodes);
  return result;
}

// Two documents, one with a url; topics chosen from three candidates by the pipeline itself.
std::string write_small_release(const std::string& name) {
  const fs::path dir = fs::path(testing::test_output_dir()) / "content-store" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  content::Release release;
  release.documents = {
      document("first", 1, kUrl,
               {testing::paragraph(1, "推动稀土产业向下游延伸。"),
                testing::numbered(content::NodeKind::kPart, "一、", 1, "稀土资源", 2,
                                  {testing::paragraph(3, "保护草原。")})}),
      document("second", 2, "",
               {testing::paragraph(1, "稀土是战略资源，草原是生态屏障。"),
                // What a visitor could type that FTS5 would read as syntax.
                testing::paragraph(2, "标注\"重点\"的项目*优先，重点 OR 次要。")}),
  };
  release.topics = content::choose_topics({{"topic.grass", "草原", "", false, "topics.toml", 1},
                                           {"topic.rare", "稀土", "ᠮᠣᠩᠭᠣᠯ", true, "topics.toml", 4},
                                           {"topic.once", "产业", "", false, "topics.toml", 7}},
                                          release.documents);
  release.ui_strings = {{"home.title", "首页", "ᠮᠣᠩᠭᠣᠯ", false}};
  release.fonts = {{"NotoSansCJK-Regular", KIOSK_FONT_CJK, 2, {"Hani", "Latn", "Zyyy"}},
                   {"NotoSansMongolian-Regular", KIOSK_FONT_MONGOLIAN, 0, {"Mong"}}};
  const std::string path = (dir / "content.db").string();
  content::ReleaseOptions options;
  options.built_at = 1700000000;
  auto written = content::write_release(release, path, options);
  EXPECT_TRUE(written.ok()) << written.error();
  return path;
}

void execute(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* message = nullptr;
  const int status = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
  EXPECT_EQ(status, SQLITE_OK) << (message != nullptr ? message : "");
  sqlite3_free(message);
  sqlite3_close(db);
}

TEST(ContentStoreTest, ADocumentsUrlRoundTrips) {
  auto store = firmware::ContentStore::open(write_small_release("url"));
  ASSERT_TRUE(store.ok()) << store.error();
  EXPECT_EQ((*store)->schema_version(), 4);
  const auto& documents = (*store)->documents();
  ASSERT_EQ(documents.size(), 2U);
  EXPECT_EQ(documents[0].url, kUrl);
  EXPECT_EQ(documents[1].url, "") << "no url: no QR code";
  auto first = (*store)->document("first");
  ASSERT_TRUE(first.ok()) << first.error();
  EXPECT_EQ(first->info.url, kUrl);
}

TEST(ContentStoreTest, AUrlThatIsNotAWebAddressIsNotShown) {
  // A release from a stick is untrusted: a value kioskpack would refuse (written here past the
  // schema's CHECK) reads as no url rather than a QR code to somewhere else.
  const std::string path = write_small_release("hostile-url");
  for (const std::string& url :
       {std::string("javascript:alert(1)"), std::string("https://evil.example/\x01"),
        std::string("https://nmg.gov.cn/ a"), "https://" + std::string(400, 'a')}) {
    execute(path, "PRAGMA ignore_check_constraints = ON; UPDATE documents SET url = '" + url +
                      "' WHERE slug = 'first';");
    auto store = firmware::ContentStore::open(path);
    ASSERT_TRUE(store.ok()) << store.error();
    EXPECT_EQ((*store)->documents()[0].url, "") << url;
  }
}

TEST(ContentStoreTest, TopicsAreReadInTheOrderShown) {
  auto store = firmware::ContentStore::open(write_small_release("topics"));
  ASSERT_TRUE(store.ok()) << store.error();
  const auto& topics = (*store)->topics();
  // 稀土: 2 documents, 3 hits (a paragraph and a heading of the first, a paragraph of the
  // second); 草原: 2 documents, 2 paragraphs; 产业: one paragraph, so no chip.
  ASSERT_EQ(topics.size(), 2U);
  EXPECT_EQ(topics[0].zh, "稀土");
  EXPECT_EQ(topics[0].mn, "ᠮᠣᠩᠭᠣᠯ");
  EXPECT_TRUE(topics[0].mn_reviewed);
  EXPECT_EQ(topics[0].hits, 3);
  EXPECT_EQ(topics[0].documents, 2);
  EXPECT_EQ(topics[1].zh, "草原");
  EXPECT_EQ(topics[1].mn, "");
  EXPECT_FALSE(topics[1].mn_reviewed);
  EXPECT_EQ(topics[1].hits, 2);
  EXPECT_EQ(topics[1].documents, 2);
}

TEST(ContentStoreTest, AReleaseOfThePreviousSchemaIsRefused) {
  const std::string path = write_small_release("old-schema");
  execute(path, "UPDATE meta SET value = '3' WHERE key = 'schema_version';");
  auto store = firmware::ContentStore::open(path);
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.error().find("schema version 3, this kiosk reads version 4"), std::string::npos)
      << store.error();
}

// Schema 4: the store reads every node kind, a label-less heading and items under an article.
TEST(ContentStoreTest, EveryNodeKindOfADeepLawIsRead) {
  const fs::path dir = fs::path(testing::test_output_dir()) / "content-store" / "deep-law";
  fs::remove_all(dir);
  fs::create_directories(dir);
  content::Release release;
  release.documents = {testing::deep_law()};
  release.fonts = {{"NotoSansCJK-Regular", KIOSK_FONT_CJK, 2, {"Hani", "Latn", "Zyyy"}},
                   {"NotoSansMongolian-Regular", KIOSK_FONT_MONGOLIAN, 0, {"Mong"}}};
  const std::string path = (dir / "content.db").string();
  auto written = content::write_release(release, path, content::ReleaseOptions{});
  ASSERT_TRUE(written.ok()) << written.error();
  auto store = firmware::ContentStore::open(path);
  ASSERT_TRUE(store.ok()) << store.error();
  ASSERT_EQ((*store)->documents().size(), 1U);
  EXPECT_EQ((*store)->documents()[0].kind, "law");
  auto law = (*store)->document("safety-law");
  ASSERT_TRUE(law.ok()) << law.error();
  // The tree as kind:label+heading, children in brackets.
  auto describe = [](auto&& self, const std::vector<firmware::ContentNode>& nodes) -> std::string {
    std::string out;
    for (const auto& node : nodes) {
      out += (out.empty() ? "" : " ") + node.kind + ":" + node.label + node.heading + node.text;
      if (!node.children.empty()) out += "[" + self(self, node.children) + "]";
    }
    return out;
  };
  EXPECT_EQ(describe(describe, law->nodes),
            "heading:序言[paragraph:为了加强安全生产工作，制定本法。] "
            "book:第一编总则[chapter:第一章一般规定[section:第一节适用范围["
            "article:第一条[paragraph:生产经营单位应当履行下列职责： "
            "item:（一）建立健全安全生产责任制； item:（二）组织制定安全生产规章制度；["
            "point:1.制定操作规程；[subpoint:（1）明确岗位职责； subpoint:（2）定期检查。["
            "paragraph:检查结果应当记录。]]] paragraph:前款规定的职责由主要负责人负责。] "
            "article:第二条[paragraph:本法自公布之日起施行。]]]]");
  // A point's heading is found by search, with its own label.
  const auto hits = (*store)->search("操作规程", 10);
  ASSERT_EQ(hits.size(), 1U);
  EXPECT_EQ(hits[0].label, "1.");
}

// [SECTION] Search

// The text of node `id` in `slug`, to check what a hit points at.
std::string node_text(const firmware::ContentStore& store, const std::string& slug,
                      std::int64_t id) {
  auto document = store.document(slug);
  if (!document) return "no document " + slug;
  std::vector<const firmware::ContentNode*> open;
  for (const auto& node : document->nodes) open.push_back(&node);
  while (!open.empty()) {
    const firmware::ContentNode* node = open.back();
    open.pop_back();
    if (node->id == id) return node->kind == "paragraph" ? node->text : node->heading;
    for (const auto& child : node->children) open.push_back(&child);
  }
  return "no node " + std::to_string(id);
}

// Every match range lies inside the snippet and holds the query.
void expect_marked(const firmware::SearchHit& hit, const std::string& query) {
  ASSERT_FALSE(hit.matches.empty()) << hit.snippet;
  for (const auto& [begin, end] : hit.matches) {
    ASSERT_LE(begin, end);
    ASSERT_LE(end, hit.snippet.size()) << hit.snippet;
    EXPECT_EQ(hit.snippet.substr(begin, end - begin), query) << hit.snippet;
  }
}

TEST(ContentStoreSearchTest, ATwoCharacterQueryScansTheTextInReadingOrder) {
  auto store = firmware::ContentStore::open(write_small_release("search-short"));
  ASSERT_TRUE(store.ok()) << store.error();
  // Under 3 characters the trigram index finds nothing: the scan must.
  const auto hits = (*store)->search("草原", 10);
  ASSERT_EQ(hits.size(), 2U);
  EXPECT_EQ(hits[0].document, "first");
  EXPECT_EQ(hits[0].document_title, "关于稀土产业的决定");
  EXPECT_EQ(hits[0].label, "一、") << "a paragraph takes its part's label";
  EXPECT_EQ(hits[0].snippet, "保护草原。");
  EXPECT_EQ(node_text(**store, "first", hits[0].node_id), "保护草原。");
  expect_marked(hits[0], "草原");
  EXPECT_EQ(hits[1].document, "second");
  EXPECT_EQ(hits[1].label, "");
  EXPECT_EQ(node_text(**store, "second", hits[1].node_id), "稀土是战略资源，草原是生态屏障。");
  expect_marked(hits[1], "草原");
}

TEST(ContentStoreSearchTest, ALongerQueryUsesTheIndexAndFindsHeadings) {
  auto store = firmware::ContentStore::open(write_small_release("search-long"));
  ASSERT_TRUE(store.ok()) << store.error();
  auto hits = (*store)->search("稀土资源", 10);
  ASSERT_EQ(hits.size(), 1U) << "稀土是战略资源 does not hold the words together";
  EXPECT_EQ(hits[0].document, "first");
  EXPECT_EQ(hits[0].label, "一、") << "a heading's own label";
  EXPECT_EQ(node_text(**store, "first", hits[0].node_id), "稀土资源");
  EXPECT_EQ(hits[0].snippet, "稀土资源");
  ASSERT_EQ(hits[0].matches.size(), 1U);
  EXPECT_EQ(hits[0].matches[0], (std::pair<std::size_t, std::size_t>{0, 12}));

  hits = (*store)->search("  生态屏障　", 10);
  ASSERT_EQ(hits.size(), 1U) << "spaces around the words are not searched for";
  EXPECT_EQ(hits[0].document, "second");
  expect_marked(hits[0], "生态屏障");
}

TEST(ContentStoreSearchTest, QuotesStarsAndOperatorsAreText) {
  auto store = firmware::ContentStore::open(write_small_release("search-syntax"));
  ASSERT_TRUE(store.ok()) << store.error();
  for (const std::string query : {"\"重点\"", "重点\"的", "项目*", "目*优", "重点 OR 次要"}) {
    SCOPED_TRACE(query);
    const auto hits = (*store)->search(query, 10);
    ASSERT_EQ(hits.size(), 1U);
    EXPECT_EQ(hits[0].document, "second");
    expect_marked(hits[0], query);
  }
  // As FTS5 syntax these would find 重点 or 草原 anywhere, or fail to parse.
  for (const std::string query : {"重点 OR 草原", "\"\"\"", "项*", "稀土*", "NEAR(草原 稀土)"}) {
    SCOPED_TRACE(query);
    EXPECT_TRUE((*store)->search(query, 10).empty());
  }
}

TEST(ContentStoreSearchTest, NoHitsABlankQueryAndTheLimit) {
  auto store = firmware::ContentStore::open(write_small_release("search-limit"));
  ASSERT_TRUE(store.ok()) << store.error();
  EXPECT_TRUE((*store)->search("沙漠", 10).empty());
  EXPECT_TRUE((*store)->search("沙漠化治理", 10).empty());
  EXPECT_TRUE((*store)->search("", 10).empty());
  EXPECT_TRUE((*store)->search(" 　 ", 10).empty());
  EXPECT_TRUE((*store)->search("稀土", 0).empty());
  // 稀土: the first document's paragraph and heading, then the second's paragraph.
  auto all = (*store)->search("稀土", 10);
  ASSERT_EQ(all.size(), 3U);
  EXPECT_EQ(all[0].document, "first");
  EXPECT_EQ(all[1].document, "first");
  EXPECT_LT(all[0].node_id, all[1].node_id) << "reading order";
  EXPECT_EQ(all[2].document, "second");
  auto two = (*store)->search("稀土", 2);
  ASSERT_EQ(two.size(), 2U);
  EXPECT_EQ(two[0].node_id, all[0].node_id);
  EXPECT_EQ(two[1].node_id, all[1].node_id);
}

TEST(ContentStoreSearchTest, ASnippetIsCutAroundTheFirstMatch) {
  auto store = firmware::ContentStore::open(KIOSK_FACTORY_CONTENT);
  ASSERT_TRUE(store.ok()) << store.error();
  const auto hits = (*store)->search("政策", 100);
  ASSERT_GE(hits.size(), 5U);
  bool cut = false;
  for (const auto& hit : hits) {
    SCOPED_TRACE(hit.snippet);
    expect_marked(hit, "政策");
    EXPECT_FALSE(hit.document_title.empty());
    // 20 characters either side of the first match at most, with the ellipses.
    EXPECT_LE(hit.snippet.size(), (20 + 2 + 20 + 2) * 3U);
    cut = cut || hit.snippet.starts_with("…");
  }
  EXPECT_TRUE(cut) << "long paragraphs are cut";
  // The documents in display order.
  const auto& documents = (*store)->documents();
  std::size_t last = 0;
  for (const auto& hit : hits) {
    const auto at = static_cast<std::size_t>(
        std::find_if(documents.begin(), documents.end(),
                     [&](const auto& info) { return info.slug == hit.document; }) -
        documents.begin());
    ASSERT_LT(at, documents.size());
    EXPECT_GE(at, last);
    last = at;
  }
}

// [SECTION] The factory release (content/, built by kioskpack)

int count(sqlite3* db, const std::string& sql, const std::string& term) {
  sqlite3_stmt* statement = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr), SQLITE_OK) << sql;
  sqlite3_bind_text(statement, 1, term.c_str(), -1, SQLITE_TRANSIENT);
  const int value = sqlite3_step(statement) == SQLITE_ROW ? sqlite3_column_int(statement, 0) : -1;
  sqlite3_finalize(statement);
  return value;
}

TEST(ContentStoreFactoryTest, EveryTopicOccursInAtLeastTwoParagraphs) {
  auto store = firmware::ContentStore::open(KIOSK_FACTORY_CONTENT);
  ASSERT_TRUE(store.ok()) << store.error();
  const auto& topics = (*store)->topics();
  EXPECT_GE(topics.size(), 8U) << "the search screen has chips to offer";
  EXPECT_LE(topics.size(), content::kMaxTopics);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(KIOSK_FACTORY_CONTENT, &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  // Counted again here in SQL, independently of the pipeline's walk of the tree.
  for (std::size_t i = 0; i < topics.size(); ++i) {
    const auto& topic = topics[i];
    SCOPED_TRACE(topic.zh);
    EXPECT_GE(count(db, "SELECT count(*) FROM paragraphs WHERE instr(text, ?1) > 0", topic.zh), 2);
    EXPECT_EQ(count(db, "SELECT count(*) FROM search_text WHERE instr(text, ?1) > 0", topic.zh),
              topic.hits);
    EXPECT_EQ(count(db,
                    "SELECT count(DISTINCT n.document_id) FROM search_text s JOIN nodes n ON "
                    "n.id = s.node_id WHERE instr(s.text, ?1) > 0",
                    topic.zh),
              topic.documents);
    if (i > 0) {
      const auto& before = topics[i - 1];
      EXPECT_TRUE(before.documents > topic.documents ||
                  (before.documents == topic.documents && before.hits >= topic.hits))
          << "ranked by documents, then hits";
    }
  }
  sqlite3_close(db);
  for (const auto& info : (*store)->documents()) {
    EXPECT_TRUE(info.url.empty() || info.url.starts_with("https://") ||
                info.url.starts_with("http://"))
        << info.slug;
  }
}

}  // namespace
}  // namespace kiosk
