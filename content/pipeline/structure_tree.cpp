// The document's structure as text (tests/data/corpus/README.md describes the format): what
// `kioskpack preview` prints and what the corpus test compares with the hand-written .tree files.
#include <string>

#include "content/pipeline/pipeline.h"

namespace kiosk::content {

namespace {

bool is_paragraph(const Node& node) { return node.kind == NodeKind::kParagraph; }

// Headings whose text is a title, printed after the label; the text of items and articles is
// body text and is left out.
bool heading_is_title(NodeKind kind) {
  return kind == NodeKind::kBook || kind == NodeKind::kChapter || kind == NodeKind::kSection ||
         kind == NodeKind::kPart || kind == NodeKind::kHeading;
}

void paragraph_count(std::string& out, int count) {
  if (count > 0)
    out += (out.empty() || out.back() == ' ' ? "" : " ") + std::string("¶") + std::to_string(count);
}

void write_nodes(const std::vector<Node>& nodes, std::size_t from, int depth, std::string& out);

void write_node(const Node& node, int depth, std::string& out) {
  std::string line(static_cast<std::size_t>(depth) * 2, ' ');
  line += node.label;
  if (heading_is_title(node.kind) && !node.heading.empty()) {
    // As the document prints it: "一、总体要求", "（一）…", but "第一章 总则".
    const bool runs_on = node.label.empty() || node.label.ends_with("、") ||
                         node.label.ends_with("）") || node.label.ends_with(".");
    line += (runs_on ? "" : " ") + node.heading;
  }
  // The label's own line counts as a paragraph when it carries body text.
  int count = !heading_is_title(node.kind) && !node.heading.empty() ? 1 : 0;
  std::size_t at = 0;
  for (; at < node.children.size(); ++at) {
    const Node& child = node.children[at];
    if (!is_paragraph(child) || child.role != ParagraphRole::kBody) break;
    if (child.on_label_line) {
      count = 1;
    } else {
      ++count;
    }
  }
  paragraph_count(line, count);
  out += line + "\n";
  write_nodes(node.children, at, depth + 1, out);
}

// Numbered nodes one a line each; runs of paragraphs of one role as "ROLE ¶N" (body: "¶N").
void write_nodes(const std::vector<Node>& nodes, std::size_t from, int depth, std::string& out) {
  const std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
  for (std::size_t at = from; at < nodes.size();) {
    const Node& node = nodes[at];
    if (!is_paragraph(node)) {
      write_node(node, depth, out);
      ++at;
      continue;
    }
    int count = 0;
    const ParagraphRole role = node.role;
    while (at < nodes.size() && is_paragraph(nodes[at]) && nodes[at].role == role) {
      ++count;
      ++at;
    }
    std::string line = indent;
    if (role != ParagraphRole::kBody) line += to_string(role);
    paragraph_count(line, count);
    out += line + "\n";
  }
}

}  // namespace

std::string structure_tree(const ImportedDocument& document) {
  std::string out;
  if (!document.found_title.empty()) out += "title " + document.found_title + "\n";
  write_nodes(document.nodes, 0, 0, out);
  return out;
}

}  // namespace kiosk::content
