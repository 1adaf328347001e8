#include "ui/text/line_break.h"

#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include <algorithm>
#include <array>

namespace kiosk::text {

// [SECTION] clreq

namespace {

// Never at the start of a line: closing punctuation, and (clreq) the dashes, the ellipsis,
// the interpunct and the wave dash, so that —— and …… are never split either.
constexpr std::array<char32_t, 33> kNoBreakBefore = {
    0x3001, 0x3002, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF01, 0xFF1F, 0x300D, 0x300F, 0x201D,
    0x2019, 0xFF09, 0x300B, 0x3009, 0x3011, 0x3015, 0x3017, 0xFF3D, 0xFF5D, 0x2014, 0x2E3A,
    0x2E3B, 0x2026, 0x22EF, 0x00B7, 0x30FB, 0xFF5E, 0x301C, 0x002C, 0x002E, 0x0029, 0x1802};
// Never at the end of a line: opening punctuation.
constexpr std::array<char32_t, 14> kNoBreakAfter = {0x300C, 0x300E, 0x201C, 0x2018, 0xFF08,
                                                    0x300A, 0x3008, 0x3010, 0x3014, 0x3016,
                                                    0xFF3B, 0xFF5B, 0x0028, 0x2E28};

template <std::size_t N>
bool contains(const std::array<char32_t, N>& set, char32_t c) {
  return std::find(set.begin(), set.end(), c) != set.end();
}

bool is_joiner(char32_t c) {
  return (c >= 0x180B && c <= 0x180F) || c == 0x202F || c == 0x200D || c == 0x2060;
}

}  // namespace

bool clreq_allows_break(char32_t previous, char32_t next) {
  if (contains(kNoBreakBefore, next) || contains(kNoBreakAfter, previous)) return false;
  if (is_joiner(previous) || is_joiner(next)) return false;
  // The Mongolian colon introduces a quoted title: keep ᠄ and 《 together.
  if (previous == 0x1804 && next == 0x300A) return false;
  return true;
}

// [SECTION] LineBreaker

void LineBreaker::BreakIteratorCloser::operator()(UBreakIterator* iterator) const {
  ubrk_close(iterator);
}

LineBreaker::LineBreaker() {
  UErrorCode status = U_ZERO_ERROR;
  zh_.reset(ubrk_open(UBRK_LINE, "zh", nullptr, 0, &status));
  status = U_ZERO_ERROR;
  mn_.reset(ubrk_open(UBRK_LINE, "mn", nullptr, 0, &status));
}

LineBreaker::~LineBreaker() = default;

void LineBreaker::find(std::string_view text, const std::vector<CharInfo>& chars,
                       bool only_at_spaces, std::vector<BreakKind>& breaks) {
  const std::size_t count = chars.size();
  breaks.assign(count + 1, BreakKind::kNone);
  breaks[count] = BreakKind::kMandatory;
  UBreakIterator* iterator = only_at_spaces ? mn_.get() : zh_.get();
  if (count == 0) return;

  if (iterator != nullptr) {
    UErrorCode status = U_ZERO_ERROR;
    UText* utext = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
    ubrk_setUText(iterator, utext, &status);
    if (U_SUCCESS(status)) {
      // ICU reports byte offsets; characters are sorted by byte, so walk both together.
      std::size_t char_index = 0;
      for (int32_t offset = ubrk_next(iterator); offset != UBRK_DONE;
           offset = ubrk_next(iterator)) {
        while (char_index < count && chars[char_index].byte < static_cast<std::uint32_t>(offset)) {
          ++char_index;
        }
        if (char_index >= count || chars[char_index].byte != static_cast<std::uint32_t>(offset)) {
          continue;  // the end of the text, or inside a malformed sequence
        }
        const int32_t rule = ubrk_getRuleStatus(iterator);
        breaks[char_index] = (rule >= UBRK_LINE_HARD && rule < UBRK_LINE_HARD_LIMIT)
                                 ? BreakKind::kMandatory
                                 : BreakKind::kAllowed;
      }
    }
    utext_close(utext);
  }

  for (std::size_t i = 1; i < count; ++i) {
    if (breaks[i] != BreakKind::kAllowed) continue;
    const CharInfo& previous = chars[i - 1];
    const CharInfo& next = chars[i];
    bool allowed = clreq_allows_break(previous.codepoint, next.codepoint);
    if (allowed && only_at_spaces && !is_whitespace(previous.codepoint)) {
      // Mongolian breaks only at spaces; text of other scripts inside it keeps its own breaks.
      allowed = previous.script != HB_SCRIPT_MONGOLIAN && next.script != HB_SCRIPT_MONGOLIAN;
    }
    if (!allowed) breaks[i] = BreakKind::kNone;
  }
}

}  // namespace kiosk::text
