// Private to ui/kiosk: the theme (colours and sizes derived from the display), the painter that
// lays out and draws text and boxes, and the screen interface.
#pragma once

#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "firmware/app/app.h"
#include "firmware/content_store/content_store.h"
#include "firmware/pinyin/pinyin.h"
#include "firmware/qr/qr.h"
#include "firmware/quiz/quiz.h"
#include "firmware/refresh/refresh.h"
#include "firmware/stats/stats.h"
#include "ui/input/input.h"
#include "ui/kiosk/kiosk_view.h"
#include "ui/render/render.h"
#include "ui/text/text.h"

namespace kiosk::ui {

// [SECTION] Pixels: layout computes in float, SDL draws at whole pixels

inline float f(int value) { return static_cast<float>(value); }
inline int i(float value) { return static_cast<int>(std::lround(value)); }

// [SECTION] Theme

struct Theme {
  // Colours in use, each pair at WCAG 2.2 AA or better (text 4.5:1, boundaries and icons 3:1),
  // checked from every screen's layout dump by tests/tools/check_layouts.py.
  render::Color paper{246, 241, 231, 255};
  render::Color card{255, 252, 246, 255};
  render::Color ink{33, 31, 29, 255};
  render::Color muted{100, 94, 86, 255};
  render::Color accent{24, 78, 90, 255};  // deep teal
  render::Color accent_ink{246, 241, 231, 255};
  render::Color gold{192, 142, 62, 255};       // rules and marks, never text
  render::Color gold_ink{226, 182, 108, 255};  // gold text on the teal
  render::Color gold_text{136, 94, 26, 255};   // gold text on paper
  render::Color divider{222, 213, 198, 255};   // hairlines between rows, never text
  render::Color outline{140, 130, 118, 255};   // the edge of a box that is tapped
  render::Color tag{232, 224, 208, 255};
  render::Color pressed{212, 200, 178, 255};
  render::Color mark{246, 214, 140, 255};  // highlighted words
  render::Color right{30, 105, 66, 255};   // a right answer
  render::Color wrong{178, 58, 52, 255};   // a wrong answer
  bool accessible = false;                 // large text and high contrast

  float unit = 1;         // 1 at 1080 px on the short side
  float mm = 3.78F;       // pixels in a millimetre of the panel (from its DPI)
  float target = 34;      // smallest touch target (9 mm at the display's DPI), px
  float gap = 8;          // least room between two touch targets (2 mm), px
  float least_text = 10;  // no text is set smaller (2.6 mm), px
  float margin = 48;
  float header = 128;
  float footer = 136;
  float title = 56;
  float heading = 40;
  float chrome = 30;     // button labels
  float mongolian = 26;  // Mongolian chrome, set vertically
  float button = 100;    // the height of every header and footer button (fit_to_labels)
  float button_pad = 8;  // between a button's edge and its labels
  float small = 24;
  std::array<float, 3> body{30, 36, 44};

  // `accessible`: the visitor's large-text, high-contrast mode.
  static Theme for_display(render::Size size, float dpi, bool accessible = false);

  struct Boundary {
    const char* what;
    render::Color edge;
    render::Color beside;
  };
  // The edges that show where to tap, against what surrounds them (WCAG 1.4.11: 3:1).
  [[nodiscard]] std::vector<Boundary> boundaries() const;
};

// [SECTION] Layout dump: what a frame showed, for tests (script command dump-layout)

struct LayoutDump {
  struct Target {
    std::string id;
    std::string label;
    render::Rect rect;                      // where a touch hits it
    std::optional<render::Rect> visible;    // the part inside the clip (scrolling lists)
    std::vector<render::Rect> label_rects;  // its labels' boxes: must lie inside rect
  };
  struct Text {
    render::Rect rect;
    std::optional<render::Rect> visible;
    std::string text;
    std::string script;                // zh, zh-vertical or mn
    std::optional<render::Rect> clip;  // the scrolling area it was drawn in, if any
    std::vector<std::string> lines;
    float size_px = 0;
    render::Color color;       // the ink, blended over its background
    render::Color background;  // what was painted under the text's middle
    bool inactive = false;     // a disabled button's label (exempt from contrast)
  };
  std::vector<Target> targets;
  std::vector<Text> texts;
  std::vector<std::pair<render::Rect, render::Color>> fills;  // in drawing order
  std::vector<Theme::Boundary> boundaries;
};

// Writes `dump` as the JSON of the script command dump-layout; false when the file cannot be
// written.
bool write_layout_json(const std::string& path, const std::string& screen, render::Size size,
                       float dpi, const LayoutDump& dump);

// The box a layout drawn at (x, y) covers.
render::Rect layout_box(const text::Layout& layout, float x, float y);

// [SECTION] Painter

class Painter {
 public:
  Painter(render::Canvas& canvas, render::GlyphAtlas& atlas, text::TextEngine& engine);

  text::Layout chinese(const std::string& utf8, float size, float width, float indent_em = 0,
                       bool justify = false, float line_spacing = 1.6F);
  text::Layout mongolian(const std::string& utf8, float size, float column_height);
  text::Layout chinese_vertical(const std::string& utf8, float size, float column_height);
  void draw(const text::Layout& layout, float x, float y, render::Color color);
  void fill(const render::Rect& rect, render::Color color);
  void frame(const render::Rect& rect, render::Color color, int thickness);
  void clip(std::optional<render::Rect> rect);
  [[nodiscard]] render::Canvas& canvas() { return canvas_; }

  // A touch target of the frame being drawn (recorded only while a layout dump is taken).
  void target(const std::string& id, const std::string& label, const render::Rect& rect,
              std::vector<render::Rect> label_rects = {});
  // While set, every draw and target is recorded into `dump`; screens that cache pixels draw
  // directly so that everything shown is seen.
  void record(LayoutDump* dump) { dump_ = dump; }
  // An overlay covers the frame: what was drawn so far can no longer be touched or read.
  void cover() {
    if (dump_ == nullptr) return;
    dump_->targets.clear();
    dump_->texts.clear();
  }
  // Labels drawn while set belong to a disabled control.
  void inactive(bool on) { inactive_ = on; }
  [[nodiscard]] bool recording() const { return dump_ != nullptr; }

 private:
  render::Canvas& canvas_;
  LayoutDump* dump_ = nullptr;
  std::optional<render::Rect> clip_;
  bool inactive_ = false;
  render::GlyphAtlas& atlas_;
  text::TextEngine& engine_;
};

// A bilingual button: the Chinese label with its Mongolian label set vertically beside it.
struct Button {
  render::Rect rect;
  std::string id;
  text::Layout zh;
  text::Layout mn;
  bool primary = false;
  bool enabled = true;

  [[nodiscard]] bool hit(Point at) const;
  void draw(Painter& painter, const Theme& theme) const;
};

// A button in `rect` (x, y and height; a width of 0 takes what the labels need, a larger one is
// kept and widened only if the labels need more).
Button make_button(Painter& painter, const Theme& theme, std::string id,
                   const firmware::UiText& label, render::Rect rect, bool primary = false);

// The length of the longest word of a Mongolian text set at `size`, as a column must hold it.
float longest_mongolian_word(Painter& painter, const std::string& utf8, float size);

// Buttons as tall as their labels' longest Mongolian word, so that no word is cut across
// columns: both scripts shrink together (to 2.6 mm at least) before the bars grow.
void fit_to_labels(Theme& theme, Painter& painter, const std::vector<firmware::UiText>& labels);

// The width a button needs for its labels.
int button_width(const Theme& theme, const Button& button);

// Lays out buttons in a bar from `left` to `right` at `top`: `start` flush left, `end` flush
// right, `middle` centred, `gap` apart at least. When they do not fit in one row, the middle
// ones take a second row below. Returns the bar's height.
float arrange_bar(const Theme& theme, std::vector<Button*> start, std::vector<Button*> middle,
                  std::vector<Button*> end, float left, float right, float top);

// True when a column of `layout` (Mongolian laid out from `utf8`) ends inside a word.
bool cuts_a_word(const text::Layout& layout, const std::string& utf8);
// A short Mongolian label in columns of about `column_height`, taller where a word would
// otherwise be cut: compact beside a one-line Chinese label, and never a word in two pieces.
text::Layout mongolian_label(Painter& painter, const std::string& utf8, float size,
                             float column_height);

// Drops the last character (UTF-8) of `text`.
void drop_last_character(std::string& text);
// Rectangles (relative to the layout) behind the glyphs of the byte ranges `ranges` of the
// laid-out text, one per line a range touches: marked words.
std::vector<render::Rect> marks_behind(
    const text::Layout& layout, const std::vector<std::pair<std::size_t, std::size_t>>& ranges);
// The header's 返回 and 首页, the same on every screen; false for any other button.
bool navigate(const Button& button, firmware::Router& router);

// A UI string with its placeholders filled in both languages; in the Mongolian, `{n:ordinal}`
// and the other suffix names put the suffix that agrees with how the number is read.
firmware::UiText fill_template(const firmware::UiText& text,
                               const std::vector<std::pair<std::string, std::string>>& values);

// [SECTION] Take it home: a QR code of the document's official address

struct QrBlock {
  firmware::qr::QrCode code;
  float module = 0;  // pixels per module
  float side = 0;    // the code with its quiet zone, pixels
  text::Layout caption_mn;
  text::Layout caption;
  float width = 0;
  float height = 0;
};
// The code (about 24 mm on the panel, white around it as scanners need) and its caption in both
// scripts beside it; nullopt when the document has no address.
std::optional<QrBlock> make_qr_block(Painter& painter, const Theme& theme, const std::string& url,
                                     const firmware::UiText& caption, float width);
void draw_qr_block(Painter& painter, const Theme& theme, const QrBlock& block, float x, float y);

// [SECTION] Shared pieces: header bar, scrolling area

struct Header {
  std::vector<Button> buttons;
  text::Layout title;
  text::Layout title_mn;
  float height = 0;
  float free_left = 0;  // the room between the left and the right buttons, for the title
  float free_right = 0;
  void draw(Painter& painter, const Theme& theme, render::Size size) const;
  [[nodiscard]] const Button* hit(Point at) const;
};

struct HeaderButtons {
  bool back = false;
  bool home = false;
  bool quiz = false;    // the quiz entry, on the right (home screen)
  bool search = false;  // the search entry, on the left (home screen, which has no 返回)
};
struct ScreenContext;
Header make_header(ScreenContext& context, const std::string& title, const std::string& title_mn,
                   HeaderButtons buttons);

class ScrollArea {
 public:
  void set(render::Rect viewport, float content);
  [[nodiscard]] const render::Rect& viewport() const { return viewport_; }
  [[nodiscard]] float offset() const { return model_.offset(); }
  [[nodiscard]] bool contains(Point at) const;
  bool gesture(const Gesture& gesture);  // vertical drags scroll; true when it was a scroll
  void stop() { model_.stop(); }
  void page(int direction);
  void step_by(float delta);
  // The arrow keys step by `step`, page up and down by a screen; true when the key was one.
  bool key(const std::string& key, float step);
  void jump_to(float offset) { model_.jump_to(offset); }
  bool tick(std::int64_t now_ms);
  [[nodiscard]] bool animating() const { return dragging_ || model_.animating(); }

 private:
  render::Rect viewport_;
  ScrollModel model_;
  bool dragging_ = false;
  std::int64_t last_ms_ = -1;
};

// [SECTION] Screens

// The quiz of the current visitor: the bank (read once from the release) and the run in
// progress, forgotten at the attract loop.
struct QuizState {
  std::vector<firmware::Question> bank;
  std::optional<firmware::QuizRun> run;
  firmware::DrawOptions options;
  std::uint64_t seed = 1;
  firmware::StatsStore* stats = nullptr;

  // Draws a new quiz (of one document, or of all when empty); false when there are no questions.
  bool start(const std::string& document) {
    firmware::DrawOptions draw = options;
    draw.document = document;
    auto drawn = firmware::draw_questions(bank, draw, seed++);
    if (drawn.empty()) return false;
    run.emplace(std::move(drawn), document);
    return true;
  }
};

// What the staff's screens need besides the content: the refresh, which release is shown, where
// the history is, the PIN, and the statistics.
struct StaffContext {
  firmware::RefreshController* refresh = nullptr;  // null: no refresh (tools, tests)
  ReleaseInfo release;
  std::string state_dir;
  std::string admin_pin_sha256;    // empty: the admin screen is off
  std::string usb_remount_helper;  // empty: sticks are writable as they are
  firmware::StatsStore* stats = nullptr;
  bool restart_requested = false;  // the admin screen's restart: the loop ends
  std::string admin_status;        // the last admin action's outcome (kept across a reload)
};

// What the search screen keeps for the whole view: libpinyin, loaded at the search screen's
// first use (a few ms and some MB; a kiosk whose visitors never search never loads it), and the
// searchable text, to offer only candidate words the content holds. Both outlive the screens,
// which are rebuilt on every route.
struct SearchSupport {
  std::optional<firmware::pinyin::PinyinInput> pinyin;
  std::string pinyin_error;  // why libpinyin could not load: the screen shows it, small
  bool pinyin_tried = false;
  std::string corpus;  // paragraphs and headings, one a line (what search covers)
  bool corpus_built = false;
  // libpinyin, or null (then pinyin_error says why); loads it at the first call.
  firmware::pinyin::PinyinInput* input();
  // Forgets the text (a new release); libpinyin stays.
  void content_changed() {
    corpus.clear();
    corpus_built = false;
  }
};

struct ScreenContext {
  Painter& painter;
  const Theme& theme;
  render::Size size;
  firmware::Router& router;
  const firmware::ContentStore* store;
  int& text_size;  // 0, 1, 2: the visitor's choice, forgotten with the visit
  QuizState& quiz;
  StaffContext* staff = nullptr;
  // The section the visitor last read in each document, forgotten with the visit: the contents
  // mark its row and open scrolled to it.
  std::map<std::string, int>* last_read = nullptr;
  SearchSupport* search = nullptr;
  // The words last searched for in this visit: back from the reader, the search screen shows
  // them and their hits again. Forgotten with the visit, and when home opens a new search.
  std::string* last_search = nullptr;
  // Where the screen's header put the large-text switch (the view handles its taps), if any.
  std::optional<render::Rect> accessible_switch;
};

class Screen {
 public:
  virtual ~Screen() = default;
  [[nodiscard]] virtual const char* name() const = 0;
  virtual void draw(Painter& painter) = 0;
  virtual void gesture(const Gesture& gesture) = 0;
  virtual void key(const std::string& key) { (void)key; }
  virtual void pointer_down() {}
  // Advances animations; returns true when the screen must be redrawn.
  virtual bool tick(std::int64_t now_ms) {
    (void)now_ms;
    return false;
  }
  [[nodiscard]] virtual bool animating() const { return false; }
  // When the screen next changes by itself (kiosk clock), or never.
  [[nodiscard]] virtual std::int64_t wake_at_ms() const {
    return std::numeric_limits<std::int64_t>::max();
  }
  // The next draw must repaint everything (input may have changed any part; the window's
  // back buffer may be gone). Screens that redraw only what changed honour this.
  virtual void redraw_all() {}
};

std::unique_ptr<Screen> make_attract_screen(ScreenContext& context);
std::unique_ptr<Screen> make_home_screen(ScreenContext& context);
std::unique_ptr<Screen> make_contents_screen(ScreenContext& context, const std::string& slug);
std::unique_ptr<Screen> make_reader_screen(ScreenContext& context, const std::string& slug,
                                           int section, const std::string& highlight);
std::unique_ptr<Screen> make_quiz_screen(ScreenContext& context, std::size_t position);
std::unique_ptr<Screen> make_quiz_result_screen(ScreenContext& context);
// search_screen.cpp; needs context.search (and context.last_search to keep the words).
std::unique_ptr<Screen> make_search_screen(ScreenContext& context);
std::unique_ptr<Screen> make_message_screen(ScreenContext& context, bool dark,
                                            const std::string& message);
// The staff's screens (staff_screens.cpp); they need context.staff.
std::unique_ptr<Screen> make_refresh_screen(ScreenContext& context);
std::unique_ptr<Screen> make_pin_screen(ScreenContext& context);
std::unique_ptr<Screen> make_admin_screen(ScreenContext& context);

// [SECTION] Sections: what the reader shows one at a time

// One paragraph of a section as the reader shows it: a paragraph node's text, or for a numbered
// node inside the section (an article's item, an item's point) its label and heading as a
// paragraph of their own, "（一）建立健全安全生产责任制；".
struct SectionParagraph {
  const firmware::ContentNode* node = nullptr;  // the paragraph, or the numbered node
  std::string text;
};

// The unit a visitor reads. A leaf (article, item, point, subpoint) is one section with
// everything below it; a group (book, chapter, section, part, heading) is a section only for
// the paragraphs of its own, and its numbered children are sections of their own.
struct Section {
  std::int64_t node_id = 0;  // the numbered node, or the first paragraph of an unnumbered run
  std::string label;
  std::string heading;
  int depth = 0;                       // 0 at the top of the document
  std::vector<std::string> ancestors;  // label + heading of the enclosing groups, outermost first
  std::vector<SectionParagraph> paragraphs;
  std::map<std::string, std::string> attributes;
  bool preamble = false;  // the paragraphs before the first numbered part: shown as 序言
};

struct ContentsEntry {
  bool group = false;  // a group without text of its own (a chapter, a part): a heading, no link
  int section = -1;    // the section it opens
  int depth = 0;
  std::string label;
  std::string heading;
  bool preamble = false;  // the preamble's row: labelled 序言 by the screen
};

// The document in reading order: sections for the reader, entries for the contents.
void split_into_sections(const firmware::Document& document, std::vector<Section>& sections,
                         std::vector<ContentsEntry>& entries);
// The section that shows `node_id` (the section's own node or one of its paragraphs); 0 if none.
int section_of_node(const std::vector<Section>& sections, std::int64_t node_id);

}  // namespace kiosk::ui
