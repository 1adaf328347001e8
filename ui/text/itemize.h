// Private to ui/text: decoding and itemization (script, then orientation, then font).
#pragma once

#include <hb.h>

#include <cstdint>
#include <string_view>
#include <vector>

#include "ui/text/font_set_impl.h"

namespace kiosk::text {

struct CharInfo {
  char32_t codepoint = 0;
  std::uint32_t byte = 0;                 // offset of the character in the UTF-8 text
  hb_script_t script = HB_SCRIPT_COMMON;  // resolved: never Common or Inherited unless all are
  FontIndex font = 0;
  bool upright = true;  // vertical modes: drawn upright (UAX #50 U, Tu, Tr)
  bool clings = false;  // joins the run of its neighbour (marks, Mongolian controls)
  bool covered = false;  // `font` draws it, or it needs no glyph (space, hidden default-ignorable)
};

struct Item {
  std::uint32_t char_begin = 0;
  std::uint32_t char_end = 0;
  hb_script_t script = HB_SCRIPT_COMMON;
  FontIndex font = 0;
  bool upright = true;
};

// Decodes UTF-8; an invalid byte becomes U+FFFD and decoding goes on at the next byte.
void decode_utf8(std::string_view text, std::vector<CharInfo>& chars);

// True for characters that must stay in the run (and font) of the letters around them: the
// Mongolian free variation selectors and vowel separator, NNBSP, ZWJ/ZWNJ, variation
// selectors and combining marks.
bool clings_to_neighbour(char32_t c);

bool is_whitespace(char32_t c);

class Itemizer {
 public:
  explicit Itemizer(const FontSet::Impl& fonts) : fonts_(fonts) {}
  // Fills script, orientation and font of every character, then cuts items where any of the
  // three changes. Returns the number of characters no font covers.
  std::size_t itemize(std::vector<CharInfo>& chars, bool vertical, std::vector<Item>& items);

 private:
  const std::vector<FontIndex>& fallback_for(hb_script_t script);
  const FontSet::Impl& fonts_;
  std::vector<std::pair<hb_script_t, std::vector<FontIndex>>> fallback_cache_;
};

}  // namespace kiosk::text
