// The layout dump's JSON: what a frame showed, for tests that check it against the panel's
// millimetres (targets big enough and apart, labels inside their buttons, no word cut).
#include <fstream>

#include <nlohmann/json.hpp>

#include "ui/kiosk/widgets.h"

namespace kiosk::ui {

namespace {

nlohmann::json rect_json(const render::Rect& rect) {
  return nlohmann::json::array({rect.x, rect.y, rect.width, rect.height});
}

nlohmann::json color_json(const render::Color& color) {
  return nlohmann::json::array({color.r, color.g, color.b});
}

}  // namespace

bool write_layout_json(const std::string& path, const std::string& screen, render::Size size,
                       float dpi, const LayoutDump& dump) {
  nlohmann::json out;
  out["screen"] = screen;
  out["size"] = nlohmann::json::array({size.width, size.height});
  out["dpi"] = dpi;
  out["targets"] = nlohmann::json::array();
  for (const auto& target : dump.targets) {
    nlohmann::json item{
        {"id", target.id}, {"label", target.label}, {"rect", rect_json(target.rect)}};
    if (target.visible) item["visible"] = rect_json(*target.visible);
    item["label_rects"] = nlohmann::json::array();
    for (const auto& label : target.label_rects) item["label_rects"].push_back(rect_json(label));
    out["targets"].push_back(std::move(item));
  }
  out["texts"] = nlohmann::json::array();
  for (const auto& text : dump.texts) {
    nlohmann::json item{{"rect", rect_json(text.rect)},
                        {"text", text.text},
                        {"script", text.script},
                        {"lines", text.lines},
                        {"size_px", text.size_px}};
    if (text.visible) item["visible"] = rect_json(*text.visible);
    if (text.clip) item["clip"] = rect_json(*text.clip);
    item["color"] = color_json(text.color);
    item["background"] = color_json(text.background);
    if (text.inactive) item["inactive"] = true;
    out["texts"].push_back(std::move(item));
  }
  out["boundaries"] = nlohmann::json::array();
  for (const auto& boundary : dump.boundaries) {
    out["boundaries"].push_back({{"what", boundary.what},
                                 {"edge", color_json(boundary.edge)},
                                 {"beside", color_json(boundary.beside)}});
  }
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!file) return false;
  // Invalid UTF-8 (never in the release, which is checked) is replaced rather than thrown on.
  file << out.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  return static_cast<bool>(file);
}

}  // namespace kiosk::ui
