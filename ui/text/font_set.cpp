// FontSet: loads fonts once for shaping (HarfBuzz's own OpenType functions, about three times
// faster than going through FreeType) and for rasterizing (FreeType), sharing the bytes.
#include <cmath>
#include <cstring>

#include "ui/text/font_set_impl.h"

namespace kiosk::text {

namespace {

hb_script_t script_from_tag(const std::string& tag) {
  return hb_script_from_string(tag.c_str(), static_cast<int>(tag.size()));
}

}  // namespace

// [SECTION] Coverage

void CoverageBitmap::build(hb_face_t* face) {
  hb_set_t* codepoints = hb_set_create();
  hb_face_collect_unicodes(face, codepoints);
  hb_codepoint_t c = HB_SET_VALUE_INVALID;
  while (hb_set_next(codepoints, &c)) {
    if (c < 0x10000) {
      bits_[c >> 6] |= std::uint64_t{1} << (c & 63);
    } else {
      astral_.push_back(static_cast<char32_t>(c));
    }
  }
  hb_set_destroy(codepoints);
}

// [SECTION] FontSet

FontSet::FontSet(PrivateTag /*only create() makes font sets*/) : impl_(std::make_unique<Impl>()) {
  FT_Library library = nullptr;
  if (FT_Init_FreeType(&library) == 0) impl_->ft_library.reset(library);
}

FontSet::~FontSet() {
  // Faces must go before the library that owns them.
  impl_->fonts.clear();
}

std::unique_ptr<FontSet> FontSet::create() { return std::make_unique<FontSet>(PrivateTag{}); }

Result<FontIndex> FontSet::add_font(const std::string& path, unsigned face_index,
                                    const std::vector<std::string>& preferred_scripts) {
  auto font = std::make_unique<LoadedFont>();
  font->path = path;
  font->face_index = face_index;
  for (const auto& tag : preferred_scripts) font->preferred_scripts.push_back(script_from_tag(tag));
  font->blob.reset(hb_blob_create_from_file_or_fail(path.c_str()));
  if (!font->blob) return Error{"cannot read font file " + path};
  return impl_->finish_loading(std::move(font));
}

Result<FontIndex> FontSet::add_font_data(std::vector<std::uint8_t> bytes, unsigned face_index,
                                         const std::vector<std::string>& preferred_scripts,
                                         std::string label) {
  auto font = std::make_unique<LoadedFont>();
  font->path = std::move(label);
  font->face_index = face_index;
  for (const auto& tag : preferred_scripts) font->preferred_scripts.push_back(script_from_tag(tag));
  font->owned_bytes = std::move(bytes);
  font->blob.reset(hb_blob_create_or_fail(reinterpret_cast<const char*>(font->owned_bytes.data()),
                                          static_cast<unsigned>(font->owned_bytes.size()),
                                          HB_MEMORY_MODE_READONLY, nullptr, nullptr));
  if (!font->blob) return Error{"cannot use font data " + font->path};
  return impl_->finish_loading(std::move(font));
}

Result<FontIndex> FontSet::Impl::finish_loading(std::unique_ptr<LoadedFont> font) {
  if (!ft_library) return Error{"FreeType could not be initialised"};
  if (fonts.size() >= 0xFFFF) return Error{"too many fonts"};
  const unsigned face_count = hb_face_count(font->blob.get());
  if (font->face_index >= face_count) {
    return Error{font->path + ": has " + std::to_string(face_count) + " face(s), face index " +
                 std::to_string(font->face_index) + " asked for (is it a font file?)"};
  }
  font->hb_face.reset(hb_face_create(font->blob.get(), font->face_index));
  const unsigned upem = hb_face_get_upem(font->hb_face.get());
  if (hb_face_get_glyph_count(font->hb_face.get()) == 0) {
    return Error{font->path + ": no glyphs (not a font, or a format HarfBuzz cannot read)"};
  }
  font->hb_font.reset(hb_font_create(font->hb_face.get()));
  hb_ot_font_set_funcs(font->hb_font.get());
  hb_font_set_scale(font->hb_font.get(), static_cast<int>(upem), static_cast<int>(upem));

  unsigned length = 0;
  const char* data = hb_blob_get_data(font->blob.get(), &length);
  FT_Face ft_face = nullptr;
  if (FT_New_Memory_Face(ft_library.get(), reinterpret_cast<const FT_Byte*>(data),
                         static_cast<FT_Long>(length), static_cast<FT_Long>(font->face_index),
                         &ft_face) != 0) {
    return Error{font->path + ": FreeType cannot open face " + std::to_string(font->face_index)};
  }
  font->ft_face.reset(ft_face);

  font->metrics.units_per_em = static_cast<float>(upem);
  hb_font_extents_t extents{};
  if (hb_font_get_h_extents(font->hb_font.get(), &extents) != 0) {
    font->metrics.ascender = static_cast<float>(extents.ascender);
    font->metrics.descender = static_cast<float>(extents.descender);
  }
  font->coverage.build(font->hb_face.get());
  fonts.push_back(std::move(font));
  return static_cast<FontIndex>(fonts.size() - 1);
}

std::vector<FontIndex> FontSet::Impl::fallback_order(hb_script_t script) const {
  std::vector<FontIndex> order;
  for (std::size_t i = 0; i < fonts.size(); ++i) {
    const auto& preferred = fonts[i]->preferred_scripts;
    if (std::find(preferred.begin(), preferred.end(), script) != preferred.end()) {
      order.push_back(static_cast<FontIndex>(i));
    }
  }
  for (std::size_t i = 0; i < fonts.size(); ++i) {
    if (std::find(order.begin(), order.end(), i) == order.end()) {
      order.push_back(static_cast<FontIndex>(i));
    }
  }
  return order;
}

std::size_t FontSet::size() const { return impl_->fonts.size(); }

const std::string& FontSet::path(FontIndex font) const { return impl_->fonts.at(font)->path; }

FontMetrics FontSet::metrics(FontIndex font) const { return impl_->fonts.at(font)->metrics; }

bool FontSet::has_glyph(FontIndex font, char32_t codepoint) const {
  return impl_->fonts.at(font)->coverage.contains(codepoint);
}

std::optional<FontIndex> FontSet::font_for(char32_t codepoint, std::string_view script) const {
  const hb_script_t hb_script =
      hb_script_from_string(script.data(), static_cast<int>(script.size()));
  for (FontIndex index : impl_->fallback_order(hb_script)) {
    if (has_glyph(index, codepoint)) return index;
  }
  return std::nullopt;
}

// [SECTION] Rasterizing

GlyphBitmap FontSet::rasterize(FontIndex font, std::uint32_t glyph_id, float size_px,
                               Rotation rotation) const {
  GlyphBitmap result;
  if (font >= impl_->fonts.size()) return result;
  FT_Face face = impl_->fonts[font]->ft_face.get();
  if (FT_Set_Char_Size(face, 0, static_cast<FT_F26Dot6>(std::lround(size_px * 64.0F)), 72, 72) !=
      0) {
    return result;
  }
  // Light hinting snaps vertical stems only, so advances stay those HarfBuzz computed.
  if (FT_Load_Glyph(face, glyph_id, FT_LOAD_TARGET_LIGHT) != 0) return result;
  if (FT_Render_Glyph(face->glyph, FT_RENDER_MODE_LIGHT) != 0) return result;
  const FT_Bitmap& bitmap = face->glyph->bitmap;
  if (bitmap.pixel_mode != FT_PIXEL_MODE_GRAY || bitmap.width == 0 || bitmap.rows == 0) {
    return result;
  }
  const int width = static_cast<int>(bitmap.width);
  const int height = static_cast<int>(bitmap.rows);
  const int left = face->glyph->bitmap_left;
  const int top = face->glyph->bitmap_top;  // above the baseline, y up
  auto source = [&](int column, int row) {
    return bitmap.buffer[static_cast<std::ptrdiff_t>(row) * bitmap.pitch + column];
  };
  if (rotation == Rotation::kNone) {
    result.width = width;
    result.height = height;
    result.left = left;
    result.top = -top;
    result.coverage.resize(static_cast<std::size_t>(width) * height);
    for (int row = 0; row < height; ++row) {
      std::memcpy(&result.coverage[static_cast<std::size_t>(row) * width],
                  &bitmap.buffer[static_cast<std::ptrdiff_t>(row) * bitmap.pitch], width);
    }
    return result;
  }
  // Turn 90° clockwise about the origin: screen vector (dx, dy) becomes (-dy, dx). The source
  // pixel (u, v) sits at (left + u, -top + v), so it lands at (top - v, left + u).
  result.width = height;
  result.height = width;
  result.left = top - height;
  result.top = left;
  result.coverage.resize(static_cast<std::size_t>(width) * height);
  for (int v = 0; v < height; ++v) {
    for (int u = 0; u < width; ++u) {
      const int x = height - 1 - v;
      const int y = u;
      result.coverage[static_cast<std::size_t>(y) * result.width + x] = source(u, v);
    }
  }
  return result;
}

}  // namespace kiosk::text
