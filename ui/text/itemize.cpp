// Itemization the way Blink and Gecko do it: by script (Common and Inherited characters take
// the script around them), then by vertical orientation (UAX #50 through ICU), then by font
// coverage along the script's fallback list.
#include "ui/text/itemize.h"

#include <unicode/uchar.h>

namespace kiosk::text {

// [SECTION] Decoding

void decode_utf8(std::string_view text, std::vector<CharInfo>& chars) {
  chars.clear();
  chars.reserve(text.size() / 2 + 1);
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  std::size_t i = 0;
  while (i < size) {
    CharInfo info;
    info.byte = static_cast<std::uint32_t>(i);
    const unsigned char lead = bytes[i];
    char32_t c = 0xFFFD;
    std::size_t length = 1;
    auto continuation = [&](std::size_t at) { return at < size && (bytes[at] & 0xC0) == 0x80; };
    if (lead < 0x80) {
      c = lead;
    } else if (lead >= 0xC2 && lead <= 0xDF && continuation(i + 1)) {
      c = ((lead & 0x1FU) << 6) | (bytes[i + 1] & 0x3FU);
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF && continuation(i + 1) && continuation(i + 2)) {
      c = ((lead & 0x0FU) << 12) | ((bytes[i + 1] & 0x3FU) << 6) | (bytes[i + 2] & 0x3FU);
      if (c >= 0x800 && (c < 0xD800 || c > 0xDFFF)) {
        length = 3;
      } else {
        c = 0xFFFD;
      }
    } else if (lead >= 0xF0 && lead <= 0xF4 && continuation(i + 1) && continuation(i + 2) &&
               continuation(i + 3)) {
      c = ((lead & 0x07U) << 18) | ((bytes[i + 1] & 0x3FU) << 12) | ((bytes[i + 2] & 0x3FU) << 6) |
          (bytes[i + 3] & 0x3FU);
      if (c >= 0x10000 && c <= 0x10FFFF) {
        length = 4;
      } else {
        c = 0xFFFD;
      }
    }
    info.codepoint = c;
    chars.push_back(info);
    i += length;
  }
}

// [SECTION] Character classes

bool clings_to_neighbour(char32_t c) {
  if (c >= 0x180B && c <= 0x180F) return true;  // FVS1-3, MVS, FVS4
  if (c == 0x202F || c == 0x200C || c == 0x200D) return true;
  if (c >= 0xFE00 && c <= 0xFE0F) return true;
  if (c >= 0xE0100 && c <= 0xE01EF) return true;
  const auto category = hb_unicode_general_category(hb_unicode_funcs_get_default(), c);
  return category == HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK ||
         category == HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK ||
         category == HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK;
}

bool is_whitespace(char32_t c) {
  return c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x3000 || c == 0x2028;
}

namespace {

bool is_upright(char32_t c) {
  const auto orientation = static_cast<UVerticalOrientation>(
      u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_VERTICAL_ORIENTATION));
  return orientation != U_VO_ROTATED;
}

bool is_weak_script(hb_script_t script) {
  return script == HB_SCRIPT_COMMON || script == HB_SCRIPT_INHERITED || script == HB_SCRIPT_UNKNOWN;
}

}  // namespace

// [SECTION] Itemizer

const std::vector<FontIndex>& Itemizer::fallback_for(hb_script_t script) {
  for (const auto& [cached_script, order] : fallback_cache_) {
    if (cached_script == script) return order;
  }
  fallback_cache_.emplace_back(script, fonts_.fallback_order(script));
  return fallback_cache_.back().second;
}

std::size_t Itemizer::itemize(std::vector<CharInfo>& chars, bool vertical,
                              std::vector<Item>& items) {
  items.clear();
  if (chars.empty()) return 0;
  hb_unicode_funcs_t* unicode = hb_unicode_funcs_get_default();

  // Script: weak characters take the last strong script; leading ones the first strong one.
  hb_script_t last_strong = HB_SCRIPT_COMMON;
  std::size_t leading_weak = 0;
  for (auto& info : chars) {
    info.clings = clings_to_neighbour(info.codepoint);
    const hb_script_t script = hb_unicode_script(unicode, info.codepoint);
    if (is_weak_script(script)) {
      info.script = last_strong;
      if (is_weak_script(last_strong)) ++leading_weak;
    } else {
      info.script = script;
      last_strong = script;
    }
  }
  if (leading_weak > 0) {
    hb_script_t first_strong = HB_SCRIPT_COMMON;
    for (const auto& info : chars) {
      if (!is_weak_script(info.script)) {
        first_strong = info.script;
        break;
      }
    }
    for (std::size_t i = 0; i < leading_weak; ++i) chars[i].script = first_strong;
  }

  // Orientation and font. Clinging characters copy their neighbour's choices: the previous
  // character's, except clinging characters at the very start and an NNBSP or MVS that the
  // Mongolian letters after it follow, which take the next non-clinging character's. An NNBSP
  // opens a suffix (and an MVS a detached final vowel) of the word after it, whatever stands
  // before it: a digit (`5\u202Fᠳᠦᠭᠡᠷ`), a bracket (`》\u202Fᠶᠢ`), Latin, a placeholder's value.
  // In the run of what precedes, the suffix would be shaped as a new word.
  std::size_t missing = 0;
  auto choose = [&](CharInfo& info) {
    info.upright = vertical ? is_upright(info.codepoint) : true;
    const auto& order = fallback_for(info.script);
    for (FontIndex font : order) {
      if (fonts_.fonts[font]->coverage.contains(info.codepoint)) {
        info.font = font;
        info.covered = true;
        return;
      }
    }
    info.font = order.empty() ? 0 : order.front();
    info.covered = is_whitespace(info.codepoint);
    if (!info.covered) ++missing;
  };
  auto copy_choices = [&](CharInfo& to, const CharInfo& from) {
    to.script = from.script;
    to.upright = from.upright;
    to.font = from.font;
    // HarfBuzz hides a default-ignorable character the font lacks (a ZWJ after an ideograph);
    // anything else would come out as .notdef.
    to.covered =
        fonts_.fonts[to.font]->coverage.contains(to.codepoint) ||
        u_hasBinaryProperty(static_cast<UChar32>(to.codepoint), UCHAR_DEFAULT_IGNORABLE_CODE_POINT);
  };
  for (auto& info : chars) {
    if (!info.clings) choose(info);
  }
  for (std::size_t i = 0; i < chars.size(); ++i) {
    auto& info = chars[i];
    if (!info.clings) continue;
    std::size_t next = i + 1;
    while (next < chars.size() && chars[next].clings) ++next;
    const bool opens_mongolian = (info.codepoint == 0x202F || info.codepoint == 0x180E) &&
                                 next < chars.size() && chars[next].script == HB_SCRIPT_MONGOLIAN;
    if (i > 0 && !opens_mongolian) {
      copy_choices(info, chars[i - 1]);
      continue;
    }
    if (next < chars.size()) {
      copy_choices(info, chars[next]);
    } else {
      choose(info);
    }
  }

  Item current{0, 0, chars[0].script, chars[0].font, chars[0].upright};
  for (std::uint32_t i = 1; i < chars.size(); ++i) {
    const auto& info = chars[i];
    if (info.script != current.script || info.font != current.font ||
        info.upright != current.upright) {
      current.char_end = i;
      items.push_back(current);
      current = Item{i, 0, info.script, info.font, info.upright};
    }
  }
  current.char_end = static_cast<std::uint32_t>(chars.size());
  items.push_back(current);
  return missing;
}

std::vector<CharacterFont> assign_fonts(const FontSet& fonts, std::string_view utf8) {
  std::vector<CharInfo> chars;
  std::vector<Item> items;
  decode_utf8(utf8, chars);
  Itemizer itemizer(fonts.impl());
  (void)itemizer.itemize(chars, /*vertical=*/false, items);
  std::vector<CharacterFont> result;
  result.reserve(chars.size());
  for (const CharInfo& info : chars) {
    CharacterFont assigned;
    assigned.byte = info.byte;
    assigned.codepoint = info.codepoint;
    assigned.covered = info.covered;
    assigned.follows_neighbour = info.clings;
    if (info.covered || info.clings) assigned.font = info.font;
    result.push_back(assigned);
  }
  return result;
}

}  // namespace kiosk::text
