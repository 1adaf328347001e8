#include <SDL.h>
#include <SDL_image.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "ui/render/render.h"
#include "ui/render/sdl_util.h"

namespace kiosk::render {

namespace {

std::string size_text(const Image& image) {
  return std::to_string(image.width) + "x" + std::to_string(image.height);
}

std::size_t byte_offset(const Image& image, int x, int y) {
  return (static_cast<std::size_t>(y) * image.width + x) * 4;
}

bool contains(const Image& image, int x, int y) {
  return x >= 0 && y >= 0 && x < image.width && y < image.height;
}

// The largest channel difference between two pixels, alpha included.
int channel_delta(const Image& expected, const Image& actual, int x, int y) {
  const std::uint8_t* a = &expected.rgba[byte_offset(expected, x, y)];
  const std::uint8_t* b = &actual.rgba[byte_offset(actual, x, y)];
  int delta = 0;
  for (int channel = 0; channel < 4; ++channel)
    delta = std::max(delta, std::abs(a[channel] - b[channel]));
  return delta;
}

}  // namespace

// [SECTION] Image and PNG files

Color Image::pixel(int x, int y) const {
  if (!contains(*this, x, y)) return {0, 0, 0, 0};
  const std::uint8_t* p = &rgba[byte_offset(*this, x, y)];
  return {p[0], p[1], p[2], p[3]};
}

Result<Image> load_png(const std::string& path) {
  SurfacePtr loaded(IMG_Load(path.c_str()));
  if (!loaded) return Error{"cannot load image " + path + ": " + IMG_GetError()};
  // Whatever the file holds (palette, grey, RGB), compare and edit it as RGBA bytes.
  SurfacePtr converted(SDL_ConvertSurfaceFormat(loaded.get(), SDL_PIXELFORMAT_RGBA32, 0));
  if (!converted) return detail::sdl_error("cannot convert " + path + " to RGBA");

  Image image;
  image.width = converted->w;
  image.height = converted->h;
  const std::size_t row_bytes = static_cast<std::size_t>(image.width) * 4;
  image.rgba.resize(row_bytes * image.height);
  if (SDL_LockSurface(converted.get()) != 0) return detail::sdl_error("cannot read " + path);
  const auto* source = static_cast<const std::uint8_t*>(converted->pixels);
  for (int y = 0; y < image.height; ++y) {
    std::memcpy(&image.rgba[row_bytes * y], source + static_cast<std::size_t>(converted->pitch) * y,
                row_bytes);
  }
  SDL_UnlockSurface(converted.get());
  return image;
}

Status save_png(const Image& image, const std::string& path) {
  if (image.width <= 0 || image.height <= 0 ||
      image.rgba.size() != static_cast<std::size_t>(image.width) * image.height * 4) {
    return Error{"cannot save " + path + ": the image is empty or its pixel buffer (" +
                 std::to_string(image.rgba.size()) + " bytes) does not match " + size_text(image)};
  }
  // The surface only borrows the pixels; SDL never writes through this pointer when saving.
  SurfacePtr surface(SDL_CreateRGBSurfaceWithFormatFrom(
      const_cast<std::uint8_t*>(image.rgba.data()), image.width, image.height, 32, image.width * 4,
      SDL_PIXELFORMAT_RGBA32));
  if (!surface) return detail::sdl_error("cannot wrap the image to save " + path);
  if (IMG_SavePNG(surface.get(), path.c_str()) != 0) {
    return Error{"cannot save " + path + ": " + IMG_GetError()};
  }
  return Nothing{};
}

// [SECTION] Comparison

ImageComparison compare_images(const Image& expected, const Image& actual,
                               const CompareOptions& options) {
  ImageComparison result;
  if (expected.size() != actual.size()) {
    result.message =
        "image sizes differ: expected " + size_text(expected) + ", actual " + size_text(actual);
    return result;
  }
  result.total_pixels = static_cast<std::size_t>(expected.width) * expected.height;
  for (int y = 0; y < expected.height; ++y) {
    for (int x = 0; x < expected.width; ++x) {
      const int delta = channel_delta(expected, actual, x, y);
      result.max_channel_delta = std::max(result.max_channel_delta, delta);
      if (delta > options.channel_threshold) ++result.differing_pixels;
    }
  }
  result.differing_fraction =
      result.total_pixels == 0
          ? 0.0
          : static_cast<double>(result.differing_pixels) / static_cast<double>(result.total_pixels);
  result.passed = result.differing_fraction <= options.max_differing_fraction;

  char figures[256];
  std::snprintf(figures, sizeof figures,
                "%zu of %zu pixels differ (%.4f%%, allowed %.4f%%) by more than %d; largest "
                "channel difference %d",
                result.differing_pixels, result.total_pixels, result.differing_fraction * 100.0,
                options.max_differing_fraction * 100.0, options.channel_threshold,
                result.max_channel_delta);
  result.message = figures;
  return result;
}

Image diff_image(const Image& expected, const Image& actual, const CompareOptions& options) {
  Image diff;
  diff.width = std::max(expected.width, actual.width);
  diff.height = std::max(expected.height, actual.height);
  diff.rgba.resize(static_cast<std::size_t>(diff.width) * diff.height * 4);
  for (int y = 0; y < diff.height; ++y) {
    for (int x = 0; x < diff.width; ++x) {
      std::uint8_t* out = &diff.rgba[byte_offset(diff, x, y)];
      const bool in_both = contains(expected, x, y) && contains(actual, x, y);
      if (!in_both || channel_delta(expected, actual, x, y) > options.channel_threshold) {
        out[0] = 255, out[1] = 0, out[2] = 0, out[3] = 255;
        continue;
      }
      // Dimmed to a third so that the red marks are what the eye finds first.
      const Color kept = expected.pixel(x, y);
      out[0] = static_cast<std::uint8_t>(kept.r / 3);
      out[1] = static_cast<std::uint8_t>(kept.g / 3);
      out[2] = static_cast<std::uint8_t>(kept.b / 3);
      out[3] = 255;
    }
  }
  return diff;
}

Status save_diff_png(const Image& expected, const Image& actual, const std::string& path,
                     const CompareOptions& options) {
  return save_png(diff_image(expected, actual, options), path);
}

}  // namespace kiosk::render
