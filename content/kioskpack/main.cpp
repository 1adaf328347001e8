// kioskpack: builds, inspects and signs content releases; `text` lays out text for people and
// tests.
#include <cstdio>
#include <string>
#include <vector>

#include "content/kioskpack/commands.h"

namespace {

constexpr const char* kUsage =
    "usage: kioskpack COMMAND [OPTIONS]\n"
    "\n"
    "commands:\n"
    "  build         build a content release (content.db) from a source directory\n"
    "  inspect       show the documents and structure of a release, or a document's text\n"
    "  search        find text in a release\n"
    "  lint          warnings a content editor can act on, for a source directory\n"
    "  preview       import one new document on its own: its tree, what was dropped, its lint\n"
    "  review-sheet  an HTML page for a translator to review the Mongolian strings\n"
    "  review-apply  write a review sheet's answers (CSV) back into the TOML files\n"
    "  text          lay out UTF-8 text from stdin with the kiosk's text engine\n"
    "  keygen        make a key pair for signing content bundles (minisign format)\n"
    "  sign          sign a file (a content release): writes FILE.minisig, as minisign -S does\n"
    "  verify        check a file's signature, as minisign -V does\n"
    "\n"
    "Run 'kioskpack COMMAND --help' for a command's options.\n";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::fputs(kUsage, args.empty() ? stderr : stdout);
    return args.empty() ? 2 : 0;
  }
  const std::string command = args[0];
  args.erase(args.begin());
  if (command == "text") return kiosk::pack::run_text_command(args);
  if (command == "build") return kiosk::pack::run_build_command(args);
  if (command == "inspect") return kiosk::pack::run_inspect_command(args);
  if (command == "search") return kiosk::pack::run_search_command(args);
  if (command == "lint") return kiosk::pack::run_lint_command(args);
  if (command == "preview") return kiosk::pack::run_preview_command(args);
  if (command == "keygen") return kiosk::pack::run_keygen_command(args);
  if (command == "sign") return kiosk::pack::run_sign_command(args);
  if (command == "verify") return kiosk::pack::run_verify_command(args);
  if (command == "review-sheet") return kiosk::pack::run_review_sheet_command(args);
  if (command == "review-apply") return kiosk::pack::run_review_apply_command(args);
  std::fprintf(stderr, "kioskpack: unknown command '%s'\n\n%s", command.c_str(), kUsage);
  return 2;
}
