// `kioskpack build`, `inspect`, `search` and `lint`: the content editor's commands.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include "content/kioskpack/commands.h"
#include "content/pipeline/pipeline.h"

namespace kiosk::pack {

namespace {

constexpr const char* kBuildUsage =
    "usage: kioskpack build SRC_DIR -o FILE [--report FILE] [--fonts DIR]\n"
    "\n"
    "Builds a content release (one SQLite file) from SRC_DIR: documents/*.toml (metadata),\n"
    "sources/ (the documents as handed over), ui_strings.toml and release.toml. Imports and\n"
    "cleans every document, structures it, indexes it for search and subsets the fonts to the\n"
    "characters it uses. Checks the quiz's question bank (quiz/questions.csv, when present) and\n"
    "adds fill-in-the-blank questions made from the documents' key phrases, and the search\n"
    "screen's topic chips: the terms of topics.toml (when present) that the text uses most.\n"
    "Writes FILE atomically; on any error FILE is left as it was.\n"
    "  -o FILE        the release to write\n"
    "  --report FILE  write every change the importer made to the text (beyond joining lines)\n"
    "  --fonts DIR    take NotoSansCJK-Regular.ttc and NotoSansMongolian-Regular.ttf from DIR\n"
    "Set SOURCE_DATE_EPOCH for a reproducible built_at (the same sources give the same file).\n";

constexpr const char* kInspectUsage =
    "usage: kioskpack inspect FILE [--doc SLUG] [--text]\n"
    "\n"
    "Shows the documents of a release: metadata (url included) and the tree with labels,\n"
    "headings and paragraph counts, then the topic chips with their counts. With --text, a\n"
    "document's whole text in reading order, to compare with its source.\n";

constexpr const char* kSearchUsage =
    "usage: kioskpack search FILE TEXT\n"
    "\n"
    "Finds TEXT in the paragraphs and headings of a release; prints document, label, snippet.\n";

constexpr const char* kLintUsage =
    "usage: kioskpack lint SRC_DIR\n"
    "\n"
    "Warnings a content editor can act on, as file:line:column: message and what to do [rule]:\n"
    "what the importer could not decide in a source (a numbering gap, an error; a heading\n"
    "level skipped; a line that may be a heading; numbering written in a way it does not\n"
    "know; a page mark it does not know) and suspicious characters. What the importer fixes\n"
    "itself (ASCII punctuation, page breaks) is in the build's --report, not here. Then the\n"
    "Mongolian strings (ui_strings.toml, topics.toml,\n"
    "the documents' title_mn and issuer_mn) against the orthography rules and terms.toml: a suffix "
    "after a\n"
    "plain space, MVS in the wrong place, o/ö by syllable, suffix forms and vowel harmony,\n"
    "suffixes after numbers, placeholders, Latin or Cyrillic letters, official terms.\n"
    "Exit status 0 with warnings only; 1 when a source or a Mongolian string has an error\n"
    "(kioskpack build refuses it too) or SRC_DIR is bad.\n";

double elapsed_ms(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

std::string human_size(std::size_t bytes) {
  char text[32];
  if (bytes >= 1024 * 1024) {
    std::snprintf(text, sizeof text, "%.2f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  } else {
    std::snprintf(text, sizeof text, "%.1f KiB", static_cast<double>(bytes) / 1024.0);
  }
  return text;
}

void count_nodes(const std::vector<content::Node>& nodes,
                 std::map<content::NodeKind, int>& counts) {
  for (const auto& node : nodes) {
    ++counts[node.kind];
    count_nodes(node.children, counts);
  }
}

std::string describe(const content::ImportedDocument& document) {
  std::map<content::NodeKind, int> counts;
  count_nodes(document.nodes, counts);
  std::string out;
  using content::NodeKind;
  // Outermost first, paragraphs last (as `inspect` lists them).
  for (auto kind : {NodeKind::kBook, NodeKind::kChapter, NodeKind::kSection, NodeKind::kArticle,
                    NodeKind::kPart, NodeKind::kItem, NodeKind::kPoint, NodeKind::kSubpoint,
                    NodeKind::kHeading, NodeKind::kParagraph}) {
    if (counts[kind] == 0) continue;
    if (!out.empty()) out += ", ";
    out += std::to_string(counts[kind]) + " " + content::to_string(kind) +
           (counts[kind] == 1 ? "" : "s");
  }
  if (document.excerpt) out += " (excerpt)";
  return out;
}

}  // namespace

std::vector<content::FontSource> kiosk_font_sources(const std::string& fonts_dir) {
  const std::filesystem::path fonts = fonts_dir.empty()
                                          ? std::filesystem::path(KIOSK_FONT_CJK).parent_path()
                                          : std::filesystem::path(fonts_dir);
  return {{"NotoSansCJK-Regular",
           (fonts / "NotoSansCJK-Regular.ttc").string(),
           2,
           {"Hani", "Latn", "Zyyy"}},
          {"NotoSansMongolian-Regular",
           (fonts / "NotoSansMongolian-Regular.ttf").string(),
           0,
           {"Mong"}}};
}

int usage_error(const char* command, const std::string& message, const char* usage) {
  std::fprintf(stderr, "kioskpack %s: %s\n\n%s", command, message.c_str(), usage);
  return 2;
}

bool wants_help(const std::vector<std::string>& args, const char* usage) {
  for (const auto& arg : args) {
    if (arg == "--help" || arg == "-h") {
      std::fputs(usage, stdout);
      return true;
    }
  }
  return false;
}

int run_build_command(const std::vector<std::string>& args) {
  if (wants_help(args, kBuildUsage)) return 0;
  std::string source_dir;
  std::string output;
  std::string report_path;
  std::string fonts_dir;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "-o" || arg == "--report" || arg == "--fonts") {
      if (i + 1 >= args.size()) return usage_error("build", arg + " needs a value", kBuildUsage);
      (arg == "-o" ? output : arg == "--report" ? report_path : fonts_dir) = args[++i];
    } else if (!arg.empty() && arg[0] == '-') {
      return usage_error("build", "unknown option '" + arg + "'", kBuildUsage);
    } else if (source_dir.empty()) {
      source_dir = arg;
    } else {
      return usage_error("build", "more than one SRC_DIR given", kBuildUsage);
    }
  }
  if (source_dir.empty()) return usage_error("build", "SRC_DIR is required", kBuildUsage);
  if (output.empty()) return usage_error("build", "-o FILE is required", kBuildUsage);

  const auto start = std::chrono::steady_clock::now();
  auto tree = content::load_source_tree(source_dir);
  if (!tree) {
    std::fprintf(stderr, "%s\n", tree.error().c_str());
    return 1;
  }

  // The Mongolian strings before anything else: an orthography or terminology error (a wrong
  // official name, a suffix after a plain space...) never reaches a release.
  auto mongolian = content::lint_mongolian_strings(source_dir);
  if (!mongolian) {
    std::fprintf(stderr, "%s\n", mongolian.error().c_str());
    return 1;
  }
  std::size_t mongolian_errors = 0;
  for (const auto& warning : mongolian.value()) {
    std::fprintf(stderr, "%s [%s]\n", warning.where.to_string().c_str(), warning.rule.c_str());
    if (warning.error) ++mongolian_errors;
  }
  if (mongolian_errors > 0) {
    std::fprintf(stderr,
                 "kioskpack build: %zu Mongolian string error%s (see kioskpack lint); no release "
                 "written\n",
                 mongolian_errors, mongolian_errors == 1 ? "" : "s");
    return 1;
  }

  content::Release release;
  release.ui_strings = tree->ui_strings;
  content::ImportReport report;
  const std::size_t total = tree->documents.size();
  for (std::size_t i = 0; i < total; ++i) {
    const auto& source = tree->documents[i];
    const auto document_start = std::chrono::steady_clock::now();
    const std::size_t entries_before = report.entries.size();
    auto imported = content::import_document(source.metadata, source.source_text, report);
    if (!imported) {
      std::fprintf(stderr, "%s\n", imported.error().c_str());
      return 1;
    }
    // What the importer could not decide: the release is built, the editor should look.
    for (std::size_t k = entries_before; k < report.entries.size(); ++k) {
      const auto& entry = report.entries[k];
      if (entry.kind != content::ReportEntry::Kind::kAmbiguity) continue;
      std::fprintf(stderr, "warning: %s [%s]\n",
                   content::Diagnostic{entry.file, entry.line, entry.column,
                                       entry.text + ": " + entry.replacement}
                       .to_string()
                       .c_str(),
                   entry.rule.c_str());
    }
    std::printf("[%zu/%zu] %s: %s (%.1f ms)\n", i + 1, total, source.metadata.slug.c_str(),
                describe(imported.value()).c_str(), elapsed_ms(document_start));
    release.documents.push_back(std::move(imported.value()));
  }

  // The quiz before any file is touched: a bank with a mistake never produces a release.
  auto quiz = content::build_quiz(source_dir, release.documents);
  if (!quiz) {
    std::fprintf(stderr, "%s\nkioskpack build: the quiz has mistakes; no release written\n",
                 quiz.error().c_str());
    return 1;
  }
  const auto& generation = quiz->generation;
  const std::string authored = quiz->bank_present
                                   ? std::to_string(quiz->authored) + " authored questions"
                                   : "no quiz/questions.csv";
  std::printf("quiz: %s, %d generated (from %d key phrases)\n", authored.c_str(),
              generation.generated(), generation.occurrences());
  std::printf("quiz: %s\n", generation.summary().c_str());
  release.quiz = std::move(quiz->questions);

  // The search screen's topic chips, counted in the text just imported.
  auto candidates = content::load_source_topics(source_dir);
  if (!candidates) {
    std::fprintf(stderr, "%s\n", candidates.error().c_str());
    return 1;
  }
  release.topics = content::choose_topics(candidates.value(), release.documents);
  std::string chips;
  for (const auto& topic : release.topics) chips += (chips.empty() ? "" : " ") + topic.zh;
  std::printf("topics: %zu of %zu candidates (in at least %d paragraphs, at most %zu)%s%s\n",
              release.topics.size(), candidates->size(), content::kMinTopicParagraphs,
              content::kMaxTopics, chips.empty() ? "" : ": ", chips.c_str());

  release.fonts = kiosk_font_sources(fonts_dir);

  content::ReleaseOptions options;
  options.content_version = tree->content_version;
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch != '\0') {
    options.built_at = std::strtoll(epoch, nullptr, 10);
  } else {
    options.built_at = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
  }
  auto written = content::write_release(release, output, options);
  if (!written) {
    std::fprintf(stderr, "%s\n", written.error().c_str());
    return 1;
  }
  for (const auto& font : written->fonts) {
    std::printf("font %s: %zu characters, %s (from %s)\n", font.name.c_str(), font.codepoints,
                human_size(font.subset_bytes).c_str(), human_size(font.source_bytes).c_str());
  }
  if (!report_path.empty()) {
    std::ofstream out(report_path, std::ios::binary);
    out << report.to_text();
    if (!out) {
      std::fprintf(stderr, "kioskpack build: cannot write the report to %s\n", report_path.c_str());
      return 1;
    }
  }
  std::size_t removed = 0;
  std::size_t normalised = 0;
  for (const auto& entry : report.entries) {
    removed += entry.kind == content::ReportEntry::Kind::kRemoved ? 1 : 0;
    normalised += entry.kind == content::ReportEntry::Kind::kNormalised ? 1 : 0;
  }
  std::printf(
      "wrote %s: content version %lld, %zu documents, %s in %.0f ms; import report: %zu removals, "
      "%zu punctuation normalisations%s\n",
      output.c_str(), static_cast<long long>(options.content_version), total,
      human_size(written->bytes).c_str(), elapsed_ms(start), removed, normalised,
      report_path.empty() ? " (--report FILE lists them)" : "");
  return 0;
}

int run_inspect_command(const std::vector<std::string>& args) {
  if (wants_help(args, kInspectUsage)) return 0;
  std::string file;
  std::string slug;
  bool with_text = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--doc") {
      if (i + 1 >= args.size()) return usage_error("inspect", "--doc needs a SLUG", kInspectUsage);
      slug = args[++i];
    } else if (args[i] == "--text") {
      with_text = true;
    } else if (!args[i].empty() && args[i][0] == '-') {
      return usage_error("inspect", "unknown option '" + args[i] + "'", kInspectUsage);
    } else if (file.empty()) {
      file = args[i];
    } else {
      return usage_error("inspect", "more than one FILE given", kInspectUsage);
    }
  }
  if (file.empty()) return usage_error("inspect", "FILE is required", kInspectUsage);
  auto shown = content::inspect_release(file, slug, with_text);
  if (!shown) {
    std::fprintf(stderr, "kioskpack inspect: %s\n", shown.error().c_str());
    return 1;
  }
  std::fputs(shown->c_str(), stdout);
  return 0;
}

int run_search_command(const std::vector<std::string>& args) {
  if (wants_help(args, kSearchUsage)) return 0;
  if (args.size() != 2) return usage_error("search", "FILE and TEXT are required", kSearchUsage);
  auto hits = content::search_release(args[0], args[1]);
  if (!hits) {
    std::fprintf(stderr, "kioskpack search: %s\n", hits.error().c_str());
    return 1;
  }
  for (const auto& hit : hits.value()) {
    std::printf("%s\t%s\t%s\n", hit.document_slug.c_str(),
                hit.node_label.empty() ? "-" : hit.node_label.c_str(), hit.snippet.c_str());
  }
  std::printf("%zu hit%s for %s\n", hits->size(), hits->size() == 1 ? "" : "s", args[1].c_str());
  return 0;
}

int run_lint_command(const std::vector<std::string>& args) {
  if (wants_help(args, kLintUsage)) return 0;
  if (args.size() != 1 || args[0].empty() || args[0][0] == '-') {
    return usage_error("lint", "SRC_DIR is required", kLintUsage);
  }
  auto tree = content::load_source_tree(args[0]);
  if (!tree) {
    std::fprintf(stderr, "%s\n", tree.error().c_str());
    return 1;
  }
  std::size_t count = 0;
  std::size_t errors = 0;
  std::map<std::string, std::size_t> by_rule;
  for (const auto& source : tree->documents) {
    content::DocumentMetadata metadata = source.metadata;
    metadata.source = source.source_path;
    for (const auto& warning : content::lint_source(metadata, source.source_text)) {
      std::printf("%s [%s]\n", warning.where.to_string().c_str(), warning.rule.c_str());
      ++(warning.error ? errors : count);
      ++by_rule[warning.rule];
    }
  }
  auto mongolian = content::lint_mongolian_strings(args[0]);
  if (!mongolian) {
    std::fprintf(stderr, "%s\n", mongolian.error().c_str());
    return 1;
  }
  for (const auto& warning : mongolian.value()) {
    std::printf("%s [%s]\n", warning.where.to_string().c_str(), warning.rule.c_str());
    if (warning.error) {
      ++errors;
    } else {
      ++count;
    }
    ++by_rule[warning.rule];
  }
  std::string summary;
  for (const auto& [rule, n] : by_rule)
    summary += (summary.empty() ? "" : ", ") + rule + " " + std::to_string(n);
  std::printf("%zu error%s, %zu warning%s%s%s\n", errors, errors == 1 ? "" : "s", count,
              count == 1 ? "" : "s", summary.empty() ? "" : ": ", summary.c_str());
  return errors == 0 ? 0 : 1;
}

}  // namespace kiosk::pack
