// The JSON Lines dump of a layout: for people comparing a run with hb-shape, and for goldens.
#include <cmath>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "ui/text/text.h"

namespace kiosk::text {

namespace {
double rounded(float value) { return std::round(static_cast<double>(value) * 100.0) / 100.0; }
}  // namespace

std::string dump_json_lines(const Layout& layout, std::string_view utf8, const FontSet& fonts,
                            bool with_positions, bool file_names_only) {
  std::string out;
  for (const Line& line : layout.lines) {
    nlohmann::ordered_json line_json;
    line_json["text"] = std::string(utf8.substr(line.text_begin, line.text_end - line.text_begin));
    nlohmann::ordered_json runs = nlohmann::ordered_json::array();
    for (const GlyphRun& run : line.runs) {
      nlohmann::ordered_json run_json;
      const std::string& path = fonts.path(run.font);
      run_json["font"] = file_names_only ? std::filesystem::path(path).filename().string() : path;
      run_json["script"] = std::string(run.script);
      run_json["direction"] = run.direction == Direction::kTopToBottom ? "ttb" : "ltr";
      run_json["rotation"] = run.rotation == Rotation::kClockwise90 ? 90 : 0;
      run_json["text"] = std::string(utf8.substr(run.text_begin, run.text_end - run.text_begin));
      nlohmann::ordered_json ids = nlohmann::ordered_json::array();
      nlohmann::ordered_json positions = nlohmann::ordered_json::array();
      for (const Glyph& glyph : run.glyphs) {
        ids.push_back(glyph.id);
        if (with_positions) positions.push_back({rounded(glyph.x), rounded(glyph.y)});
      }
      run_json["glyphs"] = std::move(ids);
      if (with_positions) run_json["positions"] = std::move(positions);
      runs.push_back(std::move(run_json));
    }
    line_json["runs"] = std::move(runs);
    out += line_json.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    out += '\n';
  }
  return out;
}

}  // namespace kiosk::text
