// Private to content/pipeline: subsetting the release's fonts to the characters it uses.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "content/pipeline/pipeline.h"

namespace kiosk::content {

struct SubsetFontData {
  FontSource source;
  SubsetFont summary;              // name, source and subset sizes, code points kept
  std::string source_sha256;       // of the whole source file (for a .ttc, the collection), hex
  std::vector<std::uint8_t> data;  // a single-face OpenType font
};

// Checks that every character the release draws is in a font, choosing fonts the way the text
// engine does (script preference, then fallback in order; Mongolian controls and other
// clinging characters go with the font of the text around them), then subsets each font with
// HarfBuzz to the code points it covers among those the release uses plus ASCII, the UI's
// punctuation and the Mongolian format controls, keeping every layout feature. A character
// that no font can draw is an error naming the document and source line (or the UI string);
// the results are in the order of `release.fonts`.
Result<std::vector<SubsetFontData>> subset_release_fonts(const Release& release);

}  // namespace kiosk::content
