// Private to ui/text: the FontSet's internals, shared by the layout code.
#pragma once

#include <hb-ot.h>
#include <hb.h>

#include <ft2build.h>
#include FT_FREETYPE_H

#include <algorithm>
#include <array>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "ui/text/text.h"

namespace kiosk::text {

// [SECTION] RAII for the C handles
struct HbBlobDeleter {
  void operator()(hb_blob_t* blob) const { hb_blob_destroy(blob); }
};
struct HbFaceDeleter {
  void operator()(hb_face_t* face) const { hb_face_destroy(face); }
};
struct HbFontDeleter {
  void operator()(hb_font_t* font) const { hb_font_destroy(font); }
};
struct HbBufferDeleter {
  void operator()(hb_buffer_t* buffer) const { hb_buffer_destroy(buffer); }
};
struct FtFaceDeleter {
  void operator()(FT_Face face) const { FT_Done_Face(face); }
};
struct FtLibraryDeleter {
  void operator()(FT_Library library) const { FT_Done_FreeType(library); }
};
using HbBlob = std::unique_ptr<hb_blob_t, HbBlobDeleter>;
using HbFace = std::unique_ptr<hb_face_t, HbFaceDeleter>;
using HbFont = std::unique_ptr<hb_font_t, HbFontDeleter>;
using HbBuffer = std::unique_ptr<hb_buffer_t, HbBufferDeleter>;
using FtFace = std::unique_ptr<std::remove_pointer_t<FT_Face>, FtFaceDeleter>;
using FtLibrary = std::unique_ptr<std::remove_pointer_t<FT_Library>, FtLibraryDeleter>;

// Coverage of the Basic Multilingual Plane as a bitmap, filled from the cmap once: a
// per-character coverage query is on the layout's hot path.
class CoverageBitmap {
 public:
  void build(hb_face_t* face);
  [[nodiscard]] bool contains(char32_t c) const {
    if (c < 0x10000) return (bits_[c >> 6] >> (c & 63)) & 1U;
    return std::binary_search(astral_.begin(), astral_.end(), c);
  }

 private:
  std::array<std::uint64_t, 0x10000 / 64> bits_{};
  std::vector<char32_t> astral_;
};

struct LoadedFont {
  std::string path;
  unsigned face_index = 0;
  std::vector<hb_script_t> preferred_scripts;
  std::vector<std::uint8_t> owned_bytes;  // for fonts added from memory
  HbBlob blob;
  HbFace hb_face;
  HbFont hb_font;  // hb-ot font functions, scale = units per em (sizes are applied later)
  FtFace ft_face;  // for rasterizing only
  FontMetrics metrics;
  CoverageBitmap coverage;
};

struct FontSet::Impl {
  FtLibrary ft_library;
  std::vector<std::unique_ptr<LoadedFont>> fonts;
  // Per-script fallback order, computed when a font is added.
  [[nodiscard]] std::vector<FontIndex> fallback_order(hb_script_t script) const;
  Result<FontIndex> finish_loading(std::unique_ptr<LoadedFont> font);
};

}  // namespace kiosk::text
