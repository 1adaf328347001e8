// The layout engine: one paragraph in, lines or columns of positioned glyph runs out.
//
// Pipeline: decode → itemize (script, orientation, font) → shape every item once with
// HarfBuzz → find break opportunities (ICU + clreq) → fit lines greedily on the shaped
// advances → cut the shaped items into lines, reshaping only where a line boundary falls on a
// glyph HarfBuzz marks unsafe to break → position (justify, compress line-end punctuation,
// rotate sideways runs in vertical modes).
#include <cmath>
#include <limits>

#include "ui/text/font_set_impl.h"
#include "ui/text/itemize.h"
#include "ui/text/line_break.h"

namespace kiosk::text {

namespace {

// Full-width punctuation that may lose its blank half at the end of a line (`halt`).
bool is_compressible_at_line_end(char32_t c) {
  switch (c) {
    case 0x3001:
    case 0x3002:
    case 0xFF0C:
    case 0xFF0E:
    case 0xFF1A:
    case 0xFF1B:
    case 0xFF01:
    case 0xFF1F:
    case 0x300D:
    case 0x300F:
    case 0x201D:
    case 0x2019:
    case 0xFF09:
    case 0x300B:
    case 0x3009:
    case 0x3011:
    case 0x3015:
    case 0x3017:
      return true;
    default:
      return false;
  }
}

// Latin letters and digits: justification does not open gaps inside such a word.
bool is_word_character(const CharInfo& info) {
  const char32_t c = info.codepoint;
  if (c < 0x80) return (c >= '0' && c <= '9') || ((c | 0x20U) >= 'a' && (c | 0x20U) <= 'z');
  return info.script == HB_SCRIPT_LATIN || info.script == HB_SCRIPT_CYRILLIC ||
         info.script == HB_SCRIPT_MONGOLIAN;
}

constexpr float kNotComputed = std::numeric_limits<float>::quiet_NaN();

}  // namespace

// [SECTION] Engine state

struct ShapedGlyph {
  std::uint32_t id = 0;
  std::uint32_t cluster = 0;
  float advance = 0;   // font units along the run's direction (positive)
  float x_offset = 0;  // font units, y up
  float y_offset = 0;
  bool unsafe_to_break = false;
};

struct ShapedItem {
  std::vector<ShapedGlyph> glyphs;
};

struct HaltKey {
  FontIndex font;
  char32_t codepoint;
  bool operator==(const HaltKey&) const = default;
};
struct HaltKeyHash {
  std::size_t operator()(const HaltKey& key) const {
    return std::hash<std::uint64_t>()((std::uint64_t{key.font} << 32) | key.codepoint);
  }
};
struct HaltAdjust {
  float advance_delta = kNotComputed;  // font units, negative when the glyph is compressed
  float offset_delta = 0;
};

struct TextEngine::Impl {
  explicit Impl(const FontSet& font_set)
      : fonts(font_set), itemizer(font_set.impl()), buffer(hb_buffer_create()) {}

  const FontSet& fonts;
  Itemizer itemizer;
  LineBreaker breaker;
  HbBuffer buffer;
  EngineStats stats;
  std::unordered_map<HaltKey, HaltAdjust, HaltKeyHash> halt_cache;
  hb_language_t language_zh = hb_language_from_string("zh-Hans", -1);
  hb_language_t language_mn = hb_language_from_string("mn", -1);

  // Per-paragraph scratch, kept to avoid allocating on every call.
  std::vector<CharInfo> chars;
  std::vector<Item> items;
  std::vector<ShapedItem> shaped;
  std::vector<BreakKind> breaks;
  std::vector<float> advance;  // pixels, per character (0 inside a cluster)
  std::vector<std::uint8_t> cluster_start;
  std::vector<std::uint32_t> char_of_byte;
  std::vector<float> prefix;  // prefix sums of `advance`

  [[nodiscard]] const LoadedFont& font(FontIndex index) const { return *fonts.impl().fonts[index]; }

  void shape(std::string_view text, const Item& item, std::uint32_t byte_begin,
             std::uint32_t byte_end, bool vertical_upright, std::vector<ShapedGlyph>& out,
             const hb_feature_t* features = nullptr, unsigned feature_count = 0);
  HaltAdjust halt_adjust(FontIndex font_index, char32_t codepoint);
  Layout run(std::string_view text, const ParagraphStyle& style);
};

void TextEngine::Impl::shape(std::string_view text, const Item& item, std::uint32_t byte_begin,
                             std::uint32_t byte_end, bool vertical_upright,
                             std::vector<ShapedGlyph>& out, const hb_feature_t* features,
                             unsigned feature_count) {
  hb_buffer_t* buf = buffer.get();
  hb_buffer_clear_contents(buf);
  // Clusters are byte offsets into the whole paragraph, and the text around the item is
  // context for joining (Mongolian) at the item's edges.
  hb_buffer_add_utf8(buf, text.data(), static_cast<int>(text.size()), byte_begin,
                     static_cast<int>(byte_end - byte_begin));
  hb_buffer_set_direction(buf, vertical_upright ? HB_DIRECTION_TTB : HB_DIRECTION_LTR);
  hb_buffer_set_script(buf, item.script);
  hb_buffer_set_language(buf, item.script == HB_SCRIPT_MONGOLIAN ? language_mn : language_zh);
  unsigned flags = HB_BUFFER_FLAG_DEFAULT;
  if (byte_begin == 0) flags |= HB_BUFFER_FLAG_BOT;
  if (byte_end == text.size()) flags |= HB_BUFFER_FLAG_EOT;
  hb_buffer_set_flags(buf, static_cast<hb_buffer_flags_t>(flags));
  hb_shape(font(item.font).hb_font.get(), buf, features, feature_count);

  unsigned count = 0;
  const hb_glyph_info_t* infos = hb_buffer_get_glyph_infos(buf, &count);
  const hb_glyph_position_t* positions = hb_buffer_get_glyph_positions(buf, &count);
  out.resize(count);
  for (unsigned i = 0; i < count; ++i) {
    ShapedGlyph& glyph = out[i];
    glyph.id = infos[i].codepoint;
    glyph.cluster = infos[i].cluster;
    glyph.advance = vertical_upright ? static_cast<float>(-positions[i].y_advance)
                                     : static_cast<float>(positions[i].x_advance);
    glyph.x_offset = static_cast<float>(positions[i].x_offset);
    glyph.y_offset = static_cast<float>(positions[i].y_offset);
    glyph.unsafe_to_break =
        (hb_glyph_info_get_glyph_flags(&infos[i]) & HB_GLYPH_FLAG_UNSAFE_TO_BREAK) != 0;
  }
}

HaltAdjust TextEngine::Impl::halt_adjust(FontIndex font_index, char32_t codepoint) {
  HaltAdjust& adjust = halt_cache[HaltKey{font_index, codepoint}];
  if (!std::isnan(adjust.advance_delta)) return adjust;
  char utf8[4];
  std::size_t length = 0;
  if (codepoint < 0x800) {
    utf8[length++] = static_cast<char>(0xC0 | (codepoint >> 6));
  } else {
    utf8[length++] = static_cast<char>(0xE0 | (codepoint >> 12));
    utf8[length++] = static_cast<char>(0x80 | ((codepoint >> 6) & 0x3F));
  }
  utf8[length++] = static_cast<char>(0x80 | (codepoint & 0x3F));
  const std::string_view text(utf8, length);
  const Item item{0, 1, HB_SCRIPT_HAN, font_index, true};
  std::vector<ShapedGlyph> plain;
  std::vector<ShapedGlyph> halted;
  shape(text, item, 0, static_cast<std::uint32_t>(length), false, plain);
  hb_feature_t halt{};
  hb_feature_from_string("halt", -1, &halt);
  shape(text, item, 0, static_cast<std::uint32_t>(length), false, halted, &halt, 1);
  adjust.advance_delta = 0;
  if (plain.size() == 1 && halted.size() == 1 && halted[0].advance < plain[0].advance) {
    adjust.advance_delta = halted[0].advance - plain[0].advance;
    adjust.offset_delta = halted[0].x_offset - plain[0].x_offset;
  }
  return adjust;
}

// [SECTION] Layout

Layout TextEngine::Impl::run(std::string_view text, const ParagraphStyle& style) {
  Layout layout;
  layout.mode = style.mode;
  layout.font_size_px = style.font_size_px;
  const bool vertical = style.mode != WritingMode::kHorizontal;
  const bool mongolian = style.language.rfind("mn", 0) == 0;
  if (text.empty() || fonts.size() == 0) return layout;

  // 1. Decode and itemize.
  decode_utf8(text, chars);
  const std::size_t count = chars.size();
  layout.missing_glyphs = itemizer.itemize(chars, vertical, items);

  // 2. Shape every item once; spread each cluster's advance on its first character.
  char_of_byte.assign(text.size() + 1, 0);
  for (std::uint32_t i = 0; i < count; ++i) {
    const std::uint32_t end =
        i + 1 < count ? chars[i + 1].byte : static_cast<std::uint32_t>(text.size());
    for (std::uint32_t b = chars[i].byte; b < end; ++b) char_of_byte[b] = i;
  }
  char_of_byte[text.size()] = static_cast<std::uint32_t>(count);
  advance.assign(count, 0);
  cluster_start.assign(count, 0);
  shaped.resize(items.size());
  const float scale_of_font = style.font_size_px;
  for (std::size_t k = 0; k < items.size(); ++k) {
    const Item& item = items[k];
    const std::uint32_t byte_begin = chars[item.char_begin].byte;
    const std::uint32_t byte_end =
        item.char_end < count ? chars[item.char_end].byte : static_cast<std::uint32_t>(text.size());
    const bool upright = vertical && item.upright;
    shape(text, item, byte_begin, byte_end, upright, shaped[k].glyphs);
    ++stats.shaped_items;
    const float scale = scale_of_font / font(item.font).metrics.units_per_em;
    for (const ShapedGlyph& glyph : shaped[k].glyphs) {
      const std::uint32_t c = char_of_byte[glyph.cluster];
      advance[c] += glyph.advance * scale;
      cluster_start[c] = 1;
    }
    cluster_start[item.char_begin] = 1;
  }
  prefix.assign(count + 1, 0);
  for (std::size_t i = 0; i < count; ++i) prefix[i + 1] = prefix[i] + advance[i];

  // 3. Break opportunities, never inside a cluster.
  breaker.find(text, chars, mongolian, breaks);
  for (std::size_t i = 1; i < count; ++i) {
    if (!cluster_start[i] && breaks[i] == BreakKind::kAllowed) breaks[i] = BreakKind::kNone;
  }

  auto halt_saving = [&](std::size_t last_char) -> float {
    if (!style.compress_line_end_punctuation || vertical) return 0.0F;
    const CharInfo& info = chars[last_char];
    if (!is_compressible_at_line_end(info.codepoint)) return 0.0F;
    const HaltAdjust adjust = halt_adjust(info.font, info.codepoint);
    return -adjust.advance_delta * scale_of_font / font(info.font).metrics.units_per_em;
  };
  auto trim_end = [&](std::size_t begin, std::size_t end) {
    while (end > begin && is_whitespace(chars[end - 1].codepoint)) --end;
    return end;
  };

  // 4. Fit lines greedily.
  struct LineSpan {
    std::size_t begin, end, content_end;  // [begin, end) characters; content excludes spaces
    float natural;                        // pixels, halt applied
    bool last;
  };
  std::vector<LineSpan> spans;
  const float indent = style.first_line_indent_em * style.font_size_px;
  constexpr float kTolerance = 0.01F;
  std::size_t start = 0;
  while (start < count) {
    const float available = style.max_extent_px - (spans.empty() ? indent : 0.0F);
    std::size_t best = 0;
    float best_width = 0;
    for (std::size_t b = start + 1; b <= count; ++b) {
      if (breaks[b] == BreakKind::kNone) continue;
      const std::size_t content_end = trim_end(start, b);
      const float width = content_end > start
                              ? prefix[content_end] - prefix[start] - halt_saving(content_end - 1)
                              : 0.0F;
      if (width > available + kTolerance) break;
      best = b;
      best_width = width;
      if (breaks[b] == BreakKind::kMandatory) break;
    }
    if (best == 0) {
      // Nothing fits: break inside the text at the last cluster boundary that fits and that
      // the clreq rules allow.
      std::size_t any_fit = 0;
      std::size_t allowed_fit = 0;
      for (std::size_t b = start + 1; b <= count; ++b) {
        if (b < count && !cluster_start[b]) continue;
        if (any_fit != 0 && prefix[b] - prefix[start] > available + kTolerance) break;
        any_fit = b;
        if (b == count || clreq_allows_break(chars[b - 1].codepoint, chars[b].codepoint))
          allowed_fit = b;
      }
      if (allowed_fit == 0) {
        // No allowed place fits: let the line overflow to the first allowed place rather
        // than split a word at NNBSP or MVS or start a line with a closing mark.
        for (std::size_t b = any_fit + 1; b <= count && allowed_fit == 0; ++b) {
          if (b < count && !cluster_start[b]) continue;
          if (b == count || clreq_allows_break(chars[b - 1].codepoint, chars[b].codepoint))
            allowed_fit = b;
        }
      }
      best = allowed_fit != 0 ? allowed_fit : any_fit;
      const std::size_t content_end = trim_end(start, best);
      best_width = content_end > start ? prefix[content_end] - prefix[start] : 0.0F;
    }
    spans.push_back({start, best, trim_end(start, best), best_width, best == count});
    start = best;
  }

  // 5. Build the lines: slice the shaped items, reshaping pieces cut at unsafe glyphs.
  const float pitch = style.font_size_px * style.line_spacing;
  std::vector<ShapedGlyph> piece;
  layout.lines.reserve(spans.size());
  for (std::size_t line_index = 0; line_index < spans.size(); ++line_index) {
    const LineSpan& span = spans[line_index];
    Line line;
    line.text_begin = chars[span.begin].byte;
    line.text_end =
        span.end < count ? chars[span.end].byte : static_cast<std::uint32_t>(text.size());
    const float line_indent = line_index == 0 ? indent : 0.0F;
    const float available = style.max_extent_px - line_indent;

    // Justification: extra space in the gaps between clusters, none inside Latin words.
    std::size_t gaps = 0;
    const bool justify = style.justify && !vertical && !span.last && span.content_end > span.begin;
    auto gap_after = [&](std::size_t c) {
      // Is there an expandable gap between character c's cluster and the next cluster?
      std::size_t next = c + 1;
      while (next < span.content_end && !cluster_start[next]) ++next;
      if (next >= span.content_end) return false;
      return !(is_word_character(chars[next - 1]) && is_word_character(chars[next]));
    };
    if (justify) {
      for (std::size_t c = span.begin; c < span.content_end; ++c) {
        if (cluster_start[c] && gap_after(c)) ++gaps;
      }
    }
    const float extra =
        (justify && gaps > 0) ? (available - span.natural) / static_cast<float>(gaps) : 0.0F;

    // Where each run goes across the line (vertical: the column axis).
    const std::size_t column = line_index;
    float axis = 0;
    if (style.mode == WritingMode::kVerticalMongolian) {
      axis = pitch * (static_cast<float>(column) + 0.5F);
    } else if (style.mode == WritingMode::kVerticalChinese) {
      axis = pitch * (static_cast<float>(spans.size() - column) - 0.5F);
    }
    float pen = line_indent;
    std::size_t last_cluster_char = span.begin;
    const std::size_t compressed_char =
        (span.content_end > span.begin && halt_saving(span.content_end - 1) > 0)
            ? span.content_end - 1
            : count;

    for (std::size_t k = 0; k < items.size(); ++k) {
      const Item& item = items[k];
      const std::size_t begin = std::max<std::size_t>(item.char_begin, span.begin);
      const std::size_t end = std::min<std::size_t>(item.char_end, span.content_end);
      if (begin >= end) continue;
      const bool upright = vertical && item.upright;
      const std::uint32_t byte_begin = chars[begin].byte;
      const std::uint32_t byte_end =
          end < count ? chars[end].byte : static_cast<std::uint32_t>(text.size());

      // The item's glyphs for [byte_begin, byte_end); reshape if a cut is unsafe.
      const auto& all = shaped[k].glyphs;
      auto first =
          std::lower_bound(all.begin(), all.end(), byte_begin,
                           [](const ShapedGlyph& g, std::uint32_t b) { return g.cluster < b; });
      auto last =
          std::lower_bound(first, all.end(), byte_end,
                           [](const ShapedGlyph& g, std::uint32_t b) { return g.cluster < b; });
      const bool cut_at_start = begin > item.char_begin;
      const bool cut_at_end = end < item.char_end;
      const bool unsafe = (cut_at_start && first != all.end() && first->unsafe_to_break) ||
                          (cut_at_end && last != all.end() && last->unsafe_to_break);
      const ShapedGlyph* glyphs = nullptr;
      std::size_t glyph_count = 0;
      if (unsafe) {
        shape(text, item, byte_begin, byte_end, upright, piece);
        ++stats.reshaped_pieces;
        glyphs = piece.data();
        glyph_count = piece.size();
      } else {
        glyphs = all.data() + (first - all.begin());
        glyph_count = static_cast<std::size_t>(last - first);
      }

      GlyphRun run;
      run.font = item.font;
      hb_tag_to_string(hb_script_to_iso15924_tag(item.script), run.script);
      run.script[4] = '\0';
      run.direction = upright ? Direction::kTopToBottom : Direction::kLeftToRight;
      run.rotation = (vertical && !upright) ? Rotation::kClockwise90 : Rotation::kNone;
      run.text_begin = byte_begin;
      run.text_end = byte_end;
      run.glyphs.reserve(glyph_count);

      const FontMetrics& metrics = font(item.font).metrics;
      const float scale = style.font_size_px / metrics.units_per_em;
      // Sideways runs: the baseline sits so that the em box is centred on the column axis.
      const float baseline_x = axis - (metrics.ascender + metrics.descender) * 0.5F * scale;
      for (std::size_t g = 0; g < glyph_count; ++g) {
        const ShapedGlyph& shaped_glyph = glyphs[g];
        const std::size_t c = char_of_byte[shaped_glyph.cluster];
        if (justify && c != last_cluster_char && c > span.begin) {
          // Entering a new cluster: add the gaps passed since the previous one.
          for (std::size_t p = last_cluster_char; p < c; ++p) {
            if (cluster_start[p] && gap_after(p)) pen += extra;
          }
        }
        if (c != last_cluster_char) last_cluster_char = c;
        float glyph_advance = shaped_glyph.advance * scale;
        float x_offset = shaped_glyph.x_offset;
        if (c == compressed_char) {
          const HaltAdjust adjust = halt_adjust(item.font, chars[c].codepoint);
          glyph_advance += adjust.advance_delta * scale;
          x_offset += adjust.offset_delta;
        }
        Glyph glyph;
        glyph.id = shaped_glyph.id;
        glyph.cluster = shaped_glyph.cluster;
        glyph.advance = glyph_advance;
        if (!vertical) {
          glyph.x = pen + x_offset * scale;
          glyph.y = -shaped_glyph.y_offset * scale;  // relative to the baseline for now
        } else if (upright) {
          glyph.x = axis + x_offset * scale;
          glyph.y = pen - shaped_glyph.y_offset * scale;
        } else {
          glyph.x = baseline_x + shaped_glyph.y_offset * scale;
          glyph.y = pen + x_offset * scale;
        }
        pen += glyph_advance;
        run.glyphs.push_back(glyph);
      }
      line.runs.push_back(std::move(run));
    }
    line.extent = pen;
    if (!vertical) {
      // Baseline: centre the primary font's em box in the line pitch.
      const FontIndex primary = line.runs.empty() ? FontIndex{0} : line.runs.front().font;
      const FontMetrics& metrics = font(primary).metrics;
      const float scale = style.font_size_px / metrics.units_per_em;
      const float box = (metrics.ascender - metrics.descender) * scale;
      line.x = 0;
      line.y =
          pitch * static_cast<float>(line_index) + (pitch - box) * 0.5F + metrics.ascender * scale;
      for (auto& glyph_run : line.runs) {
        for (auto& glyph : glyph_run.glyphs) glyph.y += line.y;
      }
      layout.width = std::max(layout.width, line.extent);
    } else {
      line.x = axis;
      line.y = 0;
      layout.height = std::max(layout.height, line.extent);
    }
    layout.lines.push_back(std::move(line));
  }
  if (!vertical) {
    layout.height = pitch * static_cast<float>(layout.lines.size());
  } else {
    layout.width = pitch * static_cast<float>(layout.lines.size());
  }
  return layout;
}

// [SECTION] Public API

TextEngine::TextEngine(const FontSet& fonts) : impl_(std::make_unique<Impl>(fonts)) {}
TextEngine::~TextEngine() = default;

Layout TextEngine::layout(std::string_view utf8, const ParagraphStyle& style) {
  Layout layout = impl_->run(utf8, style);
  layout.text = utf8;
  return layout;
}

const EngineStats& TextEngine::stats() const { return impl_->stats; }
const FontSet& TextEngine::fonts() const { return impl_->fonts; }

}  // namespace kiosk::text
