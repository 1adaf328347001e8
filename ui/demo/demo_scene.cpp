#include "ui/demo/demo_scene.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "ui/demo/demo_texts.h"

namespace kiosk::demo {

namespace {

// [SECTION] Palette: warm paper, dark ink, a deep teal accent, as in a quiet exhibition hall.

constexpr render::Color kPaper{246, 241, 231};
constexpr render::Color kInk{46, 42, 37};
constexpr render::Color kMutedInk{122, 112, 101};
constexpr render::Color kTeal{31, 79, 90};
constexpr render::Color kOnTeal{248, 244, 234};
constexpr render::Color kOchre{181, 138, 60};
constexpr render::Color kRule{220, 211, 195};

// [SECTION] Proportions, in pixels of a 1080-pixel short side; everything scales with it.

constexpr float kReferenceShortSide = 1080;
constexpr float kMargin = 56;
constexpr float kGap = 48;
constexpr float kTitleBarHeight = 136;
constexpr float kTitleBarPadding = 24;
constexpr float kOchreLine = 4;
constexpr float kRuleWidth = 2;
constexpr float kTitleSize = 52;
constexpr float kNoteSize = 24;
constexpr float kBodySize = 36;
constexpr float kMongolianTitleSize = 46;
constexpr float kMongolianBodySize = 32;

int to_pixels(float value) { return static_cast<int>(std::lround(value)); }

}  // namespace

// [SECTION] Fonts

render::Result<std::unique_ptr<DemoScene>> DemoScene::create(const FontFiles& files) {
  std::unique_ptr<DemoScene> scene(new DemoScene());  // private constructor: no make_unique
  scene->fonts_ = text::FontSet::create();
  struct FontToLoad {
    const std::string& path;
    unsigned face;
    std::vector<std::string> scripts;
  };
  const FontToLoad fonts_to_load[] = {
      {files.cjk, files.cjk_face, {"Hani", "Latn"}},
      {files.mongolian, 0, {"Mong"}},
  };
  for (const FontToLoad& font : fonts_to_load) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(font.path, error)) {
      return render::Error{"font file not found: " + font.path};
    }
    auto added = scene->fonts_->add_font(font.path, font.face, font.scripts);
    if (!added) return render::Error{added.error()};
  }
  scene->engine_ = std::make_unique<text::TextEngine>(*scene->fonts_);
  return scene;
}

DemoScene::~DemoScene() = default;

// [SECTION] Arrangement

void DemoScene::arrange(render::Size screen) {
  arranged_for_ = screen;
  panels_.clear();
  texts_.clear();

  const float scale =
      static_cast<float>(std::min(screen.width, screen.height)) / kReferenceShortSide;
  const float width = static_cast<float>(screen.width);
  const float height = static_cast<float>(screen.height);
  const float margin = kMargin * scale;
  const float gap = kGap * scale;
  const int rule_width = std::max(1, to_pixels(kRuleWidth * scale));

  auto vertical_rule = [&](float x, float top, float bottom) {
    panels_.push_back({{to_pixels(x), to_pixels(top), rule_width, to_pixels(bottom - top)}, kRule});
  };

  // Title bar: the document title, centred, light on teal, with an ochre line under it.
  text::ParagraphStyle title_style;
  title_style.font_size_px = kTitleSize * scale;
  title_style.line_spacing = 1.4F;
  title_style.max_extent_px = width - 2 * margin;
  text::Layout title = engine_->layout(kDocumentTitle, title_style);
  const float bar_height =
      std::max(kTitleBarHeight * scale, title.height + 2 * kTitleBarPadding * scale);
  panels_.push_back({{0, 0, screen.width, to_pixels(bar_height)}, kTeal});
  const float ochre_height = std::max(2.0F, kOchreLine * scale);
  panels_.push_back({{0, to_pixels(bar_height), screen.width, to_pixels(ochre_height)}, kOchre});
  const render::PointF title_at{(width - title.width) / 2, (bar_height - title.height) / 2};
  texts_.push_back({std::move(title), title_at, kOnTeal});

  const float content_top = bar_height + ochre_height + margin;
  const float content_bottom = height - margin;
  const float content_height = std::max(1.0F, content_bottom - content_top);

  // Left: the Mongolian title column, top to bottom, in the accent colour.
  text::ParagraphStyle mongolian_title_style;
  mongolian_title_style.language = "mn";
  mongolian_title_style.mode = text::WritingMode::kVerticalMongolian;
  mongolian_title_style.font_size_px = kMongolianTitleSize * scale;
  mongolian_title_style.line_spacing = 1.5F;
  mongolian_title_style.max_extent_px = content_height;
  text::Layout mongolian_title = engine_->layout(kMongolianTitle, mongolian_title_style);
  const float body_left = margin + mongolian_title.width + gap;
  vertical_rule(body_left - gap / 2, content_top, content_bottom);
  texts_.push_back({std::move(mongolian_title), {margin, content_top}, kTeal});

  // Right: the Mongolian body block. Its columns fill the content height, so its width follows
  // from the text; the Chinese text takes what is left in the middle.
  text::ParagraphStyle mongolian_body_style;
  mongolian_body_style.language = "mn";
  mongolian_body_style.mode = text::WritingMode::kVerticalMongolian;
  mongolian_body_style.font_size_px = kMongolianBodySize * scale;
  mongolian_body_style.line_spacing = 1.9F;
  mongolian_body_style.max_extent_px = content_height;
  text::Layout mongolian_body = engine_->layout(kMongolianParagraph, mongolian_body_style);
  const float mongolian_left = width - margin - mongolian_body.width;
  vertical_rule(mongolian_left - gap / 2, content_top, content_bottom);
  texts_.push_back({std::move(mongolian_body), {mongolian_left, content_top}, kInk});
  const float chinese_width = std::max(kBodySize * scale, mongolian_left - gap - body_left);

  // Middle: the document's note line, muted, then the justified first paragraph.
  text::ParagraphStyle note_style;
  note_style.font_size_px = kNoteSize * scale;
  note_style.line_spacing = 1.6F;
  note_style.max_extent_px = chinese_width;
  text::Layout note = engine_->layout(kDocumentNote, note_style);
  const float body_top = content_top + note.height + gap / 2;
  texts_.push_back({std::move(note), {body_left, content_top}, kMutedInk});

  text::ParagraphStyle body_style;
  body_style.font_size_px = kBodySize * scale;
  body_style.line_spacing = 1.9F;
  body_style.max_extent_px = chinese_width;
  body_style.justify = true;
  body_style.first_line_indent_em = 2;
  texts_.push_back({engine_->layout(kChineseParagraph, body_style), {body_left, body_top}, kInk});
}

// [SECTION] Drawing

render::Result<render::DrawStats> DemoScene::draw(render::Canvas& canvas,
                                                  render::GlyphAtlas& atlas) const {
  canvas.clear(kPaper);
  for (const Panel& panel : panels_) canvas.fill_rect(panel.rect, panel.color);
  render::DrawStats total;
  for (const PlacedText& placed : texts_) {
    auto drawn = render::draw_layout(atlas, placed.layout, placed.offset, placed.color);
    if (!drawn) return render::Error{drawn.error()};
    total.glyphs_drawn += drawn->glyphs_drawn;
    total.glyphs_culled += drawn->glyphs_culled;
  }
  return total;
}

std::size_t DemoScene::missing_glyphs() const {
  std::size_t missing = 0;
  for (const PlacedText& placed : texts_) missing += placed.layout.missing_glyphs;
  return missing;
}

}  // namespace kiosk::demo
