// Private to ui/text: line break opportunities from ICU, tightened by the W3C clreq rules
// that ICU's UAX #14 tables miss and by the Mongolian rule "break only at spaces".
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "ui/text/itemize.h"

struct UBreakIterator;

namespace kiosk::text {

enum class BreakKind : std::uint8_t { kNone, kAllowed, kMandatory };

// Is a line allowed to start with `next` after `previous`? The clreq rules alone, no ICU:
// exposed for tests.
bool clreq_allows_break(char32_t previous, char32_t next);

class LineBreaker {
 public:
  LineBreaker();
  ~LineBreaker();
  LineBreaker(const LineBreaker&) = delete;
  LineBreaker& operator=(const LineBreaker&) = delete;

  // `breaks[i]` says whether a line may end before character i (size chars.size() + 1; the
  // end of the text is always a mandatory break). `only_at_spaces` is the Mongolian rule.
  void find(std::string_view text, const std::vector<CharInfo>& chars, bool only_at_spaces,
            std::vector<BreakKind>& breaks);

 private:
  struct BreakIteratorCloser {
    void operator()(UBreakIterator* iterator) const;
  };
  std::unique_ptr<UBreakIterator, BreakIteratorCloser> zh_;
  std::unique_ptr<UBreakIterator, BreakIteratorCloser> mn_;
};

}  // namespace kiosk::text
