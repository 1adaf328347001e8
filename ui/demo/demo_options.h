// Command-line options of kiosk-text-demo.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "ui/render/render.h"

namespace kiosk::demo {

struct DemoOptions {
  render::Size size{1920, 1080};
  bool headless = false;                  // software renderer on a surface, no window
  std::optional<std::string> screenshot;  // render once, save this PNG, exit
  std::optional<std::string> fonts_dir;   // overrides the fonts the build provided
  bool help = false;
};

// `arguments` excludes the program name. Fails with a message naming the bad argument.
render::Result<DemoOptions> parse_options(std::span<const std::string_view> arguments);

// `cjk_font` and `mongolian_font` are the file names --fonts looks for.
std::string usage_text(std::string_view program, std::string_view cjk_font,
                       std::string_view mongolian_font);

}  // namespace kiosk::demo
