// Private to kioskpack: one function per subcommand, each returning the process exit code.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "content/pipeline/pipeline.h"
#include "ui/text/text.h"

namespace kiosk::pack {

// "kioskpack COMMAND: message", then the usage, on stderr; returns the exit status 2.
int usage_error(const char* command, const std::string& message, const char* usage);
// True (and the usage printed on stdout) when args ask for --help or -h.
bool wants_help(const std::vector<std::string>& args, const char* usage);

int run_text_command(const std::vector<std::string>& args);
int run_build_command(const std::vector<std::string>& args);
int run_inspect_command(const std::vector<std::string>& args);
int run_search_command(const std::vector<std::string>& args);
int run_lint_command(const std::vector<std::string>& args);
int run_preview_command(const std::vector<std::string>& args);
int run_keygen_command(const std::vector<std::string>& args);
int run_sign_command(const std::vector<std::string>& args);
int run_verify_command(const std::vector<std::string>& args);
int run_review_sheet_command(const std::vector<std::string>& args);
int run_review_apply_command(const std::vector<std::string>& args);

// The fonts a release is subset from: NotoSansCJK-Regular.ttc and NotoSansMongolian-Regular.ttf
// in `fonts_dir`, or where the build put them when it is empty.
std::vector<content::FontSource> kiosk_font_sources(const std::string& fonts_dir);

// The kiosk's fonts (Noto Sans CJK, then Noto Sans Mongolian) from `fonts_dir`, or from where
// the build put them when it is empty (text_command.cpp; the review sheet draws with them too).
common::Result<std::unique_ptr<text::FontSet>> load_kiosk_fonts(const std::string& fonts_dir);
// The layout drawn headless on paper-coloured ground with a margin, saved as a PNG.
common::Status save_layout_png(const text::Layout& layout, const text::FontSet& fonts,
                               const std::string& path);

}  // namespace kiosk::pack
