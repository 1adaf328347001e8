// Builders of document trees (content/pipeline Node) for the content pipeline's tests.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "content/pipeline/pipeline.h"

namespace kiosk::testing {

inline content::Node paragraph(int line, std::string text) {
  content::Node node;
  node.kind = content::NodeKind::kParagraph;
  node.text = std::move(text);
  node.source_line = line;
  return node;
}

inline content::Node numbered(content::NodeKind kind, std::string label, int ordinal,
                              std::string heading, int line,
                              std::vector<content::Node> children = {}) {
  content::Node node;
  node.kind = kind;
  node.label = std::move(label);
  node.ordinal = ordinal;
  node.heading = std::move(heading);
  node.source_line = line;
  node.children = std::move(children);
  return node;
}

// A law with every kind of node of schema 4: a 序言 heading (no label), 第一编 book > 第一章
// chapter > 第一节 section > 第一条 article with its items (the 项 of an article), an item with
// points, a point with subpoints, and paragraphs after them. Reading order, with its lines:
//   2 序言            3 为了加强安全生产工作，制定本法。
//   4 第一编 总则     5 第一章 一般规定     6 第一节 适用范围
//   7 第一条 生产经营单位应当履行下列职责：
//   8 （一）建立健全安全生产责任制；
//   9 （二）组织制定安全生产规章制度；   10 1.制定操作规程；   11 （1）明确岗位职责；
//  12 （2）定期检查。   13 检查结果应当记录。
//  14 前款规定的职责由主要负责人负责。
//  15 第二条 本法自公布之日起施行。
inline content::ImportedDocument deep_law(std::string slug = "safety-law") {
  using content::NodeKind;
  content::ImportedDocument law;
  law.metadata.slug = std::move(slug);
  law.metadata.source = law.metadata.slug + ".txt";
  law.metadata.title_zh = "中华人民共和国安全生产法";
  law.metadata.title_mn = "ᠬᠠᠤᠯᠢ";
  law.metadata.issuer = "全国人民代表大会常务委员会";
  law.metadata.date = "2021-06-10";
  law.metadata.kind = content::DocumentKind::kLaw;
  law.metadata.display_order = 5;
  content::Node first_line = paragraph(7, "生产经营单位应当履行下列职责：");
  first_line.on_label_line = true;
  law.nodes = {
      numbered(NodeKind::kHeading, "", 0, "序言", 2,
               {paragraph(3, "为了加强安全生产工作，制定本法。")}),
      numbered(
          NodeKind::kBook, "第一编", 1, "总则", 4,
          {numbered(
              NodeKind::kChapter, "第一章", 1, "一般规定", 5,
              {numbered(
                  NodeKind::kSection, "第一节", 1, "适用范围", 6,
                  {numbered(
                       NodeKind::kArticle, "第一条", 1, "", 7,
                       {first_line,
                        numbered(NodeKind::kItem, "（一）", 1, "建立健全安全生产责任制；", 8),
                        numbered(NodeKind::kItem, "（二）", 2, "组织制定安全生产规章制度；", 9,
                                 {numbered(NodeKind::kPoint, "1.", 1, "制定操作规程；", 10,
                                           {numbered(NodeKind::kSubpoint, "（1）", 1,
                                                     "明确岗位职责；", 11),
                                            numbered(NodeKind::kSubpoint, "（2）", 2, "定期检查。",
                                                     12, {paragraph(13, "检查结果应当记录。")})})}),
                        paragraph(14, "前款规定的职责由主要负责人负责。")}),
                   numbered(NodeKind::kArticle, "第二条", 2, "", 15,
                            {paragraph(15, "本法自公布之日起施行。")})})})}),
  };
  return law;
}

}  // namespace kiosk::testing
