// Shared between mongolian.cpp and numerals.cpp; not part of the public interface.
#pragma once

#include <cstdint>
#include <string>

#include "firmware/mongolian/mongolian.h"

namespace kiosk::mongolian::detail {

// The allomorph of `suffix` that agrees with how `n` is read (its last word, in the n-stem or
// the vowel stem as the suffix needs). A negative number ends as its magnitude does.
std::u32string suffix_for_number(std::int64_t n, Suffix suffix);

}  // namespace kiosk::mongolian::detail
