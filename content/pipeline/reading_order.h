// Private to content/pipeline: the one definition of a document's text in reading order, used
// by `kioskpack inspect --text` on a release (release_reader.cpp) and meant for
// reading_order_text() on an imported document (importer.cpp), so the two can be compared
// line by line. The format, one line each:
//
//   title_zh
//   for each node, depth-first:
//     label + heading            (parts, items, chapters, articles; left out when both empty)
//     paragraph text             (paragraph nodes)
//     the node's children
//     attribute lines            (after the children: "责任单位：<value>")
//
// A label that ends in punctuation ("一、", "（一）") runs straight into its heading; one that
// does not ("第一章", "第一条") is followed by an ideographic space, as printed documents do.
#pragma once

#include <string>
#include <vector>

#include "content/pipeline/pipeline.h"

namespace kiosk::content::reading_order {

// "责任单位：" for responsible_units; "<key>：" for keys without a Chinese name.
std::string attribute_prefix(const std::string& key);

// The label and heading of a numbered node as one line (no newline); empty when both are.
std::string heading_line(const Node& node);

// The whole text: title, then the nodes as above, every line ending in "\n".
std::string document_text(const std::string& title_zh, const std::vector<Node>& nodes);

}  // namespace kiosk::content::reading_order
