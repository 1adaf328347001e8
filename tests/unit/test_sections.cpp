// The reader's sections and the contents screen's rows (split_into_sections) on a release of
// schema 4: a leaf (article, item, point, subpoint) is one section showing what stands below it,
// each numbered node as its label and heading; books, chapters, sections, parts and headings
// group and nest by depth; a heading without a label is named by its heading.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "content/pipeline/pipeline.h"
#include "firmware/content_store/content_store.h"
#include "tests/support/content_nodes.h"
#include "tests/support/test_support.h"
#include "ui/kiosk/widgets.h"

namespace kiosk {
namespace {

namespace fs = std::filesystem;

std::unique_ptr<firmware::ContentStore> open_release(const std::string& name,
                                                     std::vector<content::ImportedDocument> docs) {
  const fs::path dir = fs::path(testing::test_output_dir()) / "sections" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  content::Release release;
  release.documents = std::move(docs);
  release.fonts = {{"NotoSansCJK-Regular", KIOSK_FONT_CJK, 2, {"Hani", "Latn", "Zyyy"}},
                   {"NotoSansMongolian-Regular", KIOSK_FONT_MONGOLIAN, 0, {"Mong"}}};
  const std::string path = (dir / "content.db").string();
  auto written = content::write_release(release, path, content::ReleaseOptions{});
  EXPECT_TRUE(written.ok()) << written.error();
  auto store = firmware::ContentStore::open(path);
  EXPECT_TRUE(store.ok()) << (store.ok() ? "" : store.error());
  return store.ok() ? std::move(store.value()) : nullptr;
}

std::vector<std::string> texts(const ui::Section& section) {
  std::vector<std::string> out;
  for (const auto& paragraph : section.paragraphs) out.push_back(paragraph.text);
  return out;
}

// One contents row: "depth group label|heading -> section".
std::string row(const ui::ContentsEntry& entry) {
  return std::to_string(entry.depth) + (entry.group ? " group " : " ") + entry.label + "|" +
         entry.heading + " -> " + std::to_string(entry.section) + (entry.preamble ? " 序言" : "");
}

// The node of `document` whose label + heading (or text) is `name`, depth first.
const firmware::ContentNode* find(const std::vector<firmware::ContentNode>& nodes,
                                  const std::string& name) {
  for (const auto& node : nodes) {
    if (node.label + node.heading + node.text == name) return &node;
    if (const auto* found = find(node.children, name)) return found;
  }
  return nullptr;
}

TEST(Sections, ALawsArticleShowsItsItemsPointsAndSubpointsInOneSection) {
  auto store = open_release("deep-law", {testing::deep_law()});
  ASSERT_TRUE(store);
  auto law = store->document("safety-law");
  ASSERT_TRUE(law.ok()) << law.error();
  std::vector<ui::Section> sections;
  std::vector<ui::ContentsEntry> entries;
  ui::split_into_sections(law.value(), sections, entries);

  ASSERT_EQ(sections.size(), 3U);
  // The 序言 heading: its paragraphs are its section, named by its heading.
  EXPECT_EQ(sections[0].label, "");
  EXPECT_EQ(sections[0].heading, "序言");
  EXPECT_EQ(sections[0].depth, 0);
  EXPECT_FALSE(sections[0].preamble);
  EXPECT_EQ(texts(sections[0]), std::vector<std::string>{"为了加强安全生产工作，制定本法。"});
  // 第一条 and everything below it, in reading order.
  EXPECT_EQ(sections[1].label, "第一条");
  EXPECT_EQ(sections[1].heading, "");
  EXPECT_EQ(sections[1].depth, 3);
  EXPECT_EQ(sections[1].ancestors,
            (std::vector<std::string>{"第一编总则", "第一章一般规定", "第一节适用范围"}));
  EXPECT_EQ(texts(sections[1]),
            (std::vector<std::string>{
                "生产经营单位应当履行下列职责：", "（一）建立健全安全生产责任制；",
                "（二）组织制定安全生产规章制度；", "1.制定操作规程；", "（1）明确岗位职责；",
                "（2）定期检查。", "检查结果应当记录。", "前款规定的职责由主要负责人负责。"}));
  EXPECT_EQ(sections[2].label, "第二条");
  EXPECT_EQ(texts(sections[2]), std::vector<std::string>{"本法自公布之日起施行。"});

  // The contents: the groups nest by depth and open at their first section; articles only.
  std::vector<std::string> rows;
  for (const auto& entry : entries) rows.push_back(row(entry));
  EXPECT_EQ(rows, (std::vector<std::string>{
                      "0 |序言 -> 0", "0 group 第一编|总则 -> 1", "1 group 第一章|一般规定 -> 1",
                      "2 group 第一节|适用范围 -> 1", "3 第一条| -> 1", "3 第二条| -> 2"}));

  // A search hit or a quiz citation of a node inside an article opens the article's section.
  for (const char* name : {"（二）组织制定安全生产规章制度；", "（1）明确岗位职责；",
                           "检查结果应当记录。", "生产经营单位应当履行下列职责："}) {
    const auto* node = find(law->nodes, name);
    ASSERT_NE(node, nullptr) << name;
    EXPECT_EQ(ui::section_of_node(sections, node->id), 1) << name;
  }
  EXPECT_EQ(ui::section_of_node(sections, find(law->nodes, "本法自公布之日起施行。")->id), 2);
}

// A plan's part with items, one of them with points: each item is a section with its points.
TEST(Sections, AnItemWithPointsIsOneSectionAndAPartStillGroups) {
  using content::NodeKind;
  using testing::numbered;
  using testing::paragraph;
  content::ImportedDocument plan = testing::deep_law("plan");
  plan.metadata.kind = content::DocumentKind::kPlan;
  plan.nodes = {
      paragraph(1, "为推动高质量发展，制定本规划。"),
      numbered(NodeKind::kPart, "一、", 1, "发展目标", 2,
               {paragraph(3, "到2025年，目标如下。"),
                numbered(NodeKind::kItem, "（一）", 1, "经济发展。", 4,
                         {paragraph(4, "经济总量稳步增长。"),
                          numbered(NodeKind::kPoint, "1.", 1, "工业增加值增长。", 5),
                          numbered(NodeKind::kPoint, "2.", 2, "服务业比重提高。", 6)}),
                numbered(NodeKind::kItem, "（二）", 2, "生态保护。", 7)}),
  };
  auto store = open_release("plan", {plan});
  ASSERT_TRUE(store);
  auto document = store->document("plan");
  ASSERT_TRUE(document.ok()) << document.error();
  std::vector<ui::Section> sections;
  std::vector<ui::ContentsEntry> entries;
  ui::split_into_sections(document.value(), sections, entries);
  ASSERT_EQ(sections.size(), 4U);
  EXPECT_TRUE(sections[0].preamble);
  EXPECT_EQ(sections[1].label, "一、");
  EXPECT_EQ(texts(sections[1]), std::vector<std::string>{"到2025年，目标如下。"});
  EXPECT_EQ(sections[2].label, "（一）");
  EXPECT_EQ(sections[2].heading, "经济发展。");
  EXPECT_EQ(sections[2].ancestors, std::vector<std::string>{"一、发展目标"});
  EXPECT_EQ(
      texts(sections[2]),
      (std::vector<std::string>{"经济总量稳步增长。", "1.工业增加值增长。", "2.服务业比重提高。"}));
  EXPECT_EQ(sections[3].label, "（二）");
  EXPECT_TRUE(sections[3].paragraphs.empty());
  std::vector<std::string> rows;
  for (const auto& entry : entries) rows.push_back(row(entry));
  EXPECT_EQ(rows,
            (std::vector<std::string>{"0 |为推动高质量发展 -> 0 序言", "0 一、|发展目标 -> 1",
                                      "1 （一）|经济发展。 -> 2", "1 （二）|生态保护。 -> 3"}));
}

}  // namespace
}  // namespace kiosk
