// `kioskpack preview FILE`: one source imported on its own, without a release, so an editor
// sees what the kiosk will make of a new document before adding it to the content: its tree,
// what was dropped and why, the lint's warnings; with --png, its contents and first reader
// pages drawn by the kiosk itself.
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "content/kioskpack/commands.h"
#include "content/pipeline/pipeline.h"

namespace kiosk::pack {

namespace {

namespace fs = std::filesystem;

constexpr const char* kPreviewUsage =
    "usage: kioskpack preview FILE [--png DIR] [--src SRC_DIR] [--kiosk PROGRAM]\n"
    "\n"
    "Imports one source document (UTF-8 or GB18030 text, Markdown, Word .docx) without building\n"
    "a release, and prints what the kiosk would make of it: the title found, the tree of\n"
    "headings with paragraph counts (the format of tests/data/corpus/README.md), every line or\n"
    "mark that was dropped and why, and the lint's warnings. Bad input: file:line:column and\n"
    "what to do.\n"
    "  --png DIR        also draw the contents screen and the first reader pages with the kiosk\n"
    "                   program (headless) into DIR: contents.png, reader-1.png, reader-2.png\n"
    "  --src SRC_DIR    where ui_strings.toml is, for --png (default: content)\n"
    "  --kiosk PROGRAM  the kiosk program for --png (default: `kiosk` beside kioskpack)\n";

std::string read_bytes(const std::string& path, bool& ok) {
  std::ifstream in(path, std::ios::binary);
  ok = static_cast<bool>(in);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

std::string default_kiosk_program() {
  std::error_code error;
  const fs::path self = fs::read_symlink("/proc/self/exe", error);
  if (!error && fs::exists(self.parent_path() / "kiosk")) return (self.parent_path() / "kiosk");
#ifdef KIOSK_PROGRAM
  if (fs::exists(KIOSK_PROGRAM)) return KIOSK_PROGRAM;
#endif
  return "kiosk";
}

void print_report(const content::ImportReport& report) {
  std::map<std::string, int> normalised;
  std::size_t removed = 0;
  for (const auto& entry : report.entries) {
    if (entry.kind == content::ReportEntry::Kind::kRemoved) ++removed;
  }
  std::printf("\ndropped (%zu):\n", removed);
  for (const auto& entry : report.entries) {
    switch (entry.kind) {
      case content::ReportEntry::Kind::kRemoved:
        std::printf("  %s:%d [%s] %s\n", entry.file.c_str(), entry.line, entry.rule.c_str(),
                    entry.text.c_str());
        break;
      case content::ReportEntry::Kind::kNormalised:
        ++normalised[entry.text + " → " + entry.replacement];
        break;
      case content::ReportEntry::Kind::kMoved:
        std::printf("  %s:%d [%s, moved into an attribute] %s\n", entry.file.c_str(), entry.line,
                    entry.rule.c_str(), entry.text.c_str());
        break;
      case content::ReportEntry::Kind::kNote:
        std::printf("  %s:%d [%s, note] %s\n", entry.file.c_str(), entry.line, entry.rule.c_str(),
                    entry.text.c_str());
        break;
      case content::ReportEntry::Kind::kAmbiguity:
        break;  // printed by the lint below
    }
  }
  if (!normalised.empty()) {
    std::string marks;
    for (const auto& [change, count] : normalised) {
      marks += (marks.empty() ? "" : ", ") + change + " ×" + std::to_string(count);
    }
    std::printf("punctuation made full width: %s\n", marks.c_str());
  }
}

// A release holding only this document, then the kiosk drawing its contents and first pages.
int render_pngs(const content::ImportedDocument& document, const std::string& png_dir,
                const std::string& source_dir, const std::string& kiosk_program) {
  auto ui_strings = content::load_ui_strings(source_dir + "/ui_strings.toml");
  if (!ui_strings) {
    std::fprintf(stderr, "kioskpack preview: %s (--src names the content folder)\n",
                 ui_strings.error().c_str());
    return 1;
  }
  std::error_code error;
  fs::create_directories(png_dir, error);
  if (error) {
    std::fprintf(stderr, "kioskpack preview: cannot create %s: %s\n", png_dir.c_str(),
                 error.message().c_str());
    return 1;
  }
  content::Release release;
  release.ui_strings = std::move(ui_strings.value());
  release.documents.push_back(document);
  release.fonts = kiosk_font_sources("");
  const std::string db = (fs::path(png_dir) / "preview-content.db").string();
  auto written = content::write_release(release, db, content::ReleaseOptions{});
  if (!written) {
    std::fprintf(stderr, "kioskpack preview: %s\n", written.error().c_str());
    return 1;
  }
  const fs::path dir = fs::absolute(png_dir);
  const std::string script = (dir / "preview.script").string();
  std::ofstream(script) << "tap-target start\nexpect-screen home\ntap-target card:"
                        << document.metadata.slug << "\nexpect-screen contents\nscreenshot "
                        << (dir / "contents.png").string()
                        << "\ntap-target row:0\nexpect-screen reader\nscreenshot "
                        << (dir / "reader-1.png").string() << "\ntap-target next\nscreenshot "
                        << (dir / "reader-2.png").string() << "\n";
  const std::string log = (dir / "preview-kiosk.log").string();
  const std::string command = "'" + kiosk_program + "' --headless --size 1080x1920 --content '" +
                              db + "' --state-dir '" + (dir / "state").string() + "' --script '" +
                              script + "' > '" + log + "' 2>&1";
  const int status = std::system(command.c_str());
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::fprintf(stderr, "kioskpack preview: the kiosk (%s) could not draw the preview; see %s\n",
                 kiosk_program.c_str(), log.c_str());
    return 1;
  }
  std::printf("\ndrawn by the kiosk: %s, %s, %s\n", (dir / "contents.png").c_str(),
              (dir / "reader-1.png").c_str(), (dir / "reader-2.png").c_str());
  return 0;
}

}  // namespace

int run_preview_command(const std::vector<std::string>& args) {
  if (wants_help(args, kPreviewUsage)) return 0;
  std::string file;
  std::string png_dir;
  std::string source_dir = "content";
  std::string kiosk_program;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--png" || arg == "--src" || arg == "--kiosk") {
      if (i + 1 >= args.size())
        return usage_error("preview", arg + " needs a value", kPreviewUsage);
      (arg == "--png" ? png_dir : arg == "--src" ? source_dir : kiosk_program) = args[++i];
    } else if (!arg.empty() && arg[0] == '-') {
      return usage_error("preview", "unknown option '" + arg + "'", kPreviewUsage);
    } else if (file.empty()) {
      file = arg;
    } else {
      return usage_error("preview", "more than one FILE given", kPreviewUsage);
    }
  }
  if (file.empty()) return usage_error("preview", "FILE is required", kPreviewUsage);
  bool readable = false;
  const std::string bytes = read_bytes(file, readable);
  if (!readable) {
    std::fprintf(stderr, "%s: cannot read the file\n", file.c_str());
    return 1;
  }
  content::DocumentMetadata metadata;
  metadata.source = fs::path(file).filename().string();
  metadata.slug = "preview";
  content::ImportReport report;
  auto imported = content::import_document(metadata, bytes, report);
  if (!imported) {
    std::fprintf(stderr, "%s\n", imported.error().c_str());
    return 1;
  }
  content::ImportedDocument& document = imported.value();
  std::printf("%s: %s\n", file.c_str(), document.source_format.c_str());
  std::fputs(content::structure_tree(document).c_str(), stdout);
  print_report(report);
  const auto warnings = content::lint_source(metadata, bytes);
  std::printf("\nlint: %zu warning%s\n", warnings.size(), warnings.size() == 1 ? "" : "s");
  for (const auto& warning : warnings) {
    std::printf("  %s [%s]\n", warning.where.to_string().c_str(), warning.rule.c_str());
  }
  if (png_dir.empty()) return 0;
  // The kiosk shows the title from the metadata: the one found in the source, else the file's.
  document.metadata.title_zh =
      document.found_title.empty() ? fs::path(file).stem().string() : document.found_title;
  document.metadata.title_mn = document.metadata.title_zh;
  document.metadata.date = "2000-01-01";
  return render_pngs(document, png_dir, source_dir,
                     kiosk_program.empty() ? default_kiosk_program() : kiosk_program);
}

}  // namespace kiosk::pack
