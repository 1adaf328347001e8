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

}  // namespace kiosk::testing
