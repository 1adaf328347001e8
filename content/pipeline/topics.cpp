// Topic chips: which of the editors' key terms the search screen offers, counted in the
// release's own text the way search finds them, so a chip never leads to an empty result.
#include <algorithm>
#include <set>
#include <tuple>

#include "content/pipeline/pipeline.h"

namespace kiosk::content {

namespace {

struct Occurrences {
  int hits = 0;
  int paragraphs = 0;
};

// Walks what search covers: paragraph text and the headings of numbered nodes (the search_text
// view of schema.sql). Attributes (责任单位) are not searched, so they do not count.
void count(const std::vector<Node>& nodes, const std::string& term, Occurrences& found) {
  for (const Node& node : nodes) {
    const bool paragraph = node.kind == NodeKind::kParagraph;
    const std::string& text = paragraph ? node.text : node.heading;
    if (text.find(term) != std::string::npos) {
      ++found.hits;
      found.paragraphs += paragraph ? 1 : 0;
    }
    count(node.children, term, found);
  }
}

}  // namespace

std::vector<Topic> choose_topics(const std::vector<TopicCandidate>& candidates,
                                 const std::vector<ImportedDocument>& documents) {
  struct Ranked {
    Topic topic;
    std::size_t order;  // the editors' order breaks ties, so the same inputs give the same chips
  };
  std::vector<Ranked> ranked;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const TopicCandidate& candidate = candidates[i];
    if (candidate.zh.empty() || !seen.insert(candidate.zh).second) continue;
    Topic topic{candidate.zh, candidate.mn, candidate.mn_reviewed, 0, 0, 0};
    for (const ImportedDocument& document : documents) {
      Occurrences found;
      count(document.nodes, candidate.zh, found);
      topic.hits += found.hits;
      topic.paragraphs += found.paragraphs;
      topic.documents += found.hits > 0 ? 1 : 0;
    }
    if (topic.paragraphs >= kMinTopicParagraphs) ranked.push_back({std::move(topic), i});
  }
  std::sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
    return std::tuple(-a.topic.documents, -a.topic.hits, a.order) <
           std::tuple(-b.topic.documents, -b.topic.hits, b.order);
  });
  std::vector<Topic> topics;
  for (std::size_t i = 0; i < ranked.size() && i < kMaxTopics; ++i) {
    topics.push_back(std::move(ranked[i].topic));
  }
  return topics;
}

}  // namespace kiosk::content
