#include "ui/demo/demo_options.h"

#include <charconv>
#include <utility>

namespace kiosk::demo {

namespace {

constexpr int kMaxSide = 16384;

std::optional<int> parse_side(std::string_view digits) {
  int value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc{} || end != digits.data() + digits.size()) return std::nullopt;
  if (value <= 0 || value > kMaxSide) return std::nullopt;
  return value;
}

// "1920x1080" (an upper-case X is accepted too).
std::optional<render::Size> parse_size(std::string_view text) {
  const std::size_t separator = text.find_first_of("xX");
  if (separator == std::string_view::npos) return std::nullopt;
  const auto width = parse_side(text.substr(0, separator));
  const auto height = parse_side(text.substr(separator + 1));
  if (!width || !height) return std::nullopt;
  return render::Size{*width, *height};
}

}  // namespace

render::Result<DemoOptions> parse_options(std::span<const std::string_view> arguments) {
  DemoOptions options;
  for (std::size_t index = 0; index < arguments.size(); ++index) {
    std::string_view name = arguments[index];
    std::optional<std::string_view> inline_value;  // --name=value
    if (const std::size_t equals = name.find('=');
        name.starts_with("--") && equals != std::string_view::npos) {
      inline_value = name.substr(equals + 1);
      name = name.substr(0, equals);
    }
    auto take_value = [&]() -> std::optional<std::string_view> {
      if (inline_value) return inline_value;
      if (index + 1 >= arguments.size()) return std::nullopt;
      return arguments[++index];
    };
    auto flag_only = [&]() -> render::Status {
      if (inline_value) return render::Error{"option " + std::string(name) + " takes no value"};
      return render::Nothing{};
    };

    if (name == "--help" || name == "-h") {
      if (auto ok = flag_only(); !ok) return render::Error{ok.error()};
      options.help = true;
    } else if (name == "--headless") {
      if (auto ok = flag_only(); !ok) return render::Error{ok.error()};
      options.headless = true;
    } else if (name == "--size") {
      const auto value = take_value();
      if (!value) return render::Error{"--size needs a value such as 1920x1080"};
      const auto size = parse_size(*value);
      if (!size) {
        return render::Error{"--size: '" + std::string(*value) +
                             "' is not WIDTHxHEIGHT in pixels (e.g. 1920x1080 or 1080x1920, "
                             "each side 1.." +
                             std::to_string(kMaxSide) + ")"};
      }
      options.size = *size;
    } else if (name == "--screenshot") {
      const auto value = take_value();
      if (!value || value->empty()) return render::Error{"--screenshot needs a PNG file name"};
      options.screenshot = std::string(*value);
    } else if (name == "--fonts") {
      const auto value = take_value();
      if (!value || value->empty()) return render::Error{"--fonts needs a directory"};
      options.fonts_dir = std::string(*value);
    } else {
      const std::string argument(arguments[index]);
      return render::Error{argument.starts_with("-") ? "unknown option '" + argument + "'"
                                                     : "unexpected argument '" + argument + "'"};
    }
  }
  return options;
}

std::string usage_text(std::string_view program, std::string_view cjk_font,
                       std::string_view mongolian_font) {
  std::string text = "Usage: ";
  text += program;
  text += R"( [--size WxH] [--headless] [--screenshot FILE.png] [--fonts DIR]

Shows the kiosk's text engine: a Chinese title and justified body paragraph, and traditional
Mongolian written vertically (a title column and a body block).

  --size WxH         screen size in pixels (default 1920x1080; e.g. 1080x1920 for portrait)
  --headless         draw with the software renderer into memory; needs no display
  --screenshot FILE  draw one frame, save it as PNG and exit
  --fonts DIR        take )";
  text += cjk_font;
  text += " and ";
  text += mongolian_font;
  text += R"( from DIR
                     instead of the fonts the build provided
  --help             show this text

Without --headless it opens a window and redraws when the window needs it; Esc or closing the
window quits. With no display, use: --headless --screenshot frame.png
)";
  return text;
}

}  // namespace kiosk::demo
