#include <SDL.h>

#include <string>
#include <utility>

#include "ui/render/render.h"
#include "ui/render/sdl_util.h"

namespace kiosk::render {

namespace {

// Larger surfaces than this are a mistake in the caller (a swapped or unparsed size), and
// would make SDL allocate gigabytes before failing.
constexpr int kMaxCanvasSide = 16384;

Status check_size(Size size) {
  if (size.width <= 0 || size.height <= 0 || size.width > kMaxCanvasSide ||
      size.height > kMaxCanvasSide) {
    return Error{"canvas size " + std::to_string(size.width) + "x" + std::to_string(size.height) +
                 " is out of range (1.." + std::to_string(kMaxCanvasSide) + " per side)"};
  }
  return Nothing{};
}

}  // namespace

// [SECTION] Creation

Result<Canvas> Canvas::create_headless(Size size) {
  if (auto valid = check_size(size); !valid) return Error{valid.error()};
  Canvas canvas;
  // ARGB8888 is the software renderer's native format, so blits take its fast paths.
  canvas.surface_.reset(
      SDL_CreateRGBSurfaceWithFormat(0, size.width, size.height, 32, SDL_PIXELFORMAT_ARGB8888));
  if (!canvas.surface_) return detail::sdl_error("cannot create a headless surface");
  canvas.renderer_.reset(SDL_CreateSoftwareRenderer(canvas.surface_.get()));
  if (!canvas.renderer_) return detail::sdl_error("cannot create the software renderer");
  return canvas;
}

Result<Canvas> Canvas::create_window(Size size, const WindowOptions& options) {
  if (auto valid = check_size(size); !valid) return Error{valid.error()};
  Canvas canvas;
  // SDL counts subsystem initialisations, so each window canvas takes and returns its own.
  if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) {
    return detail::sdl_error("cannot start SDL video (is there a display?)");
  }
  canvas.owns_video_subsystem_ = true;

  // With no display SDL quietly falls back to a video driver that shows nothing; a window
  // nobody can see is a failure, unless someone asked for that driver (SDL_VIDEODRIVER).
  const char* driver_name = SDL_GetCurrentVideoDriver();
  const std::string driver = driver_name != nullptr ? driver_name : "";
  const bool driver_requested = SDL_GetHint(SDL_HINT_VIDEODRIVER) != nullptr;
  if ((driver == "offscreen" || driver == "dummy") && !driver_requested) {
    return Error{"cannot open a window: there is no display (SDL found only its '" + driver +
                 "' video driver)"};
  }

  Uint32 window_flags = SDL_WINDOW_SHOWN | SDL_WINDOW_RESIZABLE;
  if (options.fullscreen) window_flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
  canvas.window_.reset(SDL_CreateWindow(options.title.c_str(), SDL_WINDOWPOS_CENTERED,
                                        SDL_WINDOWPOS_CENTERED, size.width, size.height,
                                        window_flags));
  if (!canvas.window_) return detail::sdl_error("cannot open a window");

  Uint32 renderer_flags = SDL_RENDERER_ACCELERATED;
  if (options.vsync) renderer_flags |= SDL_RENDERER_PRESENTVSYNC;
  canvas.renderer_.reset(SDL_CreateRenderer(canvas.window_.get(), -1, renderer_flags));
  if (!canvas.renderer_) {
    // No GPU driver (e.g. a VM or a remote desktop): the software renderer still works.
    canvas.renderer_.reset(SDL_CreateRenderer(canvas.window_.get(), -1, SDL_RENDERER_SOFTWARE));
  }
  if (!canvas.renderer_) return detail::sdl_error("cannot create a renderer for the window");
  return canvas;
}

// [SECTION] Lifetime

Canvas::Canvas(Canvas&& other) noexcept
    : owns_video_subsystem_(std::exchange(other.owns_video_subsystem_, false)),
      window_(std::move(other.window_)),
      surface_(std::move(other.surface_)),
      renderer_(std::move(other.renderer_)) {}

Canvas& Canvas::operator=(Canvas&& other) noexcept {
  if (this != &other) {
    release();
    owns_video_subsystem_ = std::exchange(other.owns_video_subsystem_, false);
    window_ = std::move(other.window_);
    surface_ = std::move(other.surface_);
    renderer_ = std::move(other.renderer_);
  }
  return *this;
}

Canvas::~Canvas() { release(); }

void Canvas::release() noexcept {
  // The renderer draws into the window or surface, so it goes first; video goes last.
  renderer_.reset();
  window_.reset();
  surface_.reset();
  if (std::exchange(owns_video_subsystem_, false)) SDL_QuitSubSystem(SDL_INIT_VIDEO);
}

// [SECTION] Drawing

Size Canvas::size() const {
  if (surface_) return {surface_->w, surface_->h};
  Size size;
  if (renderer_ && SDL_GetRendererOutputSize(renderer_.get(), &size.width, &size.height) != 0) {
    return {};
  }
  return size;
}

void Canvas::clear(Color color) {
  SDL_SetRenderDrawBlendMode(renderer_.get(), SDL_BLENDMODE_NONE);
  SDL_SetRenderDrawColor(renderer_.get(), color.r, color.g, color.b, color.a);
  SDL_RenderClear(renderer_.get());
}

void Canvas::fill_rect(const Rect& rect, Color color) {
  SDL_SetRenderDrawBlendMode(renderer_.get(),
                             color.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
  SDL_SetRenderDrawColor(renderer_.get(), color.r, color.g, color.b, color.a);
  const SDL_Rect sdl_rect = detail::to_sdl(rect);
  SDL_RenderFillRect(renderer_.get(), &sdl_rect);
}

void Canvas::set_clip(std::optional<Rect> rect) {
  if (!rect) {
    SDL_RenderSetClipRect(renderer_.get(), nullptr);
    return;
  }
  const SDL_Rect sdl_rect = detail::to_sdl(*rect);
  SDL_RenderSetClipRect(renderer_.get(), &sdl_rect);
}

void Canvas::present() {
  if (window_) SDL_RenderPresent(renderer_.get());
}

// [SECTION] Reading pixels back

Result<Image> Canvas::read_pixels() const {
  // SDL_RenderReadPixels rather than reading the headless surface directly: it flushes the
  // batched draw commands first, and it works the same for windows.
  const Size canvas_size = size();
  Image image;
  image.width = canvas_size.width;
  image.height = canvas_size.height;
  image.rgba.resize(static_cast<std::size_t>(image.width) * image.height * 4);
  if (SDL_RenderReadPixels(renderer_.get(), nullptr, SDL_PIXELFORMAT_RGBA32, image.rgba.data(),
                           image.width * 4) != 0) {
    return detail::sdl_error("cannot read the canvas pixels");
  }
  return image;
}

Status Canvas::save_screenshot(const std::string& png_path) const {
  auto image = read_pixels();
  if (!image) return Error{image.error()};
  return save_png(*image, png_path);
}

}  // namespace kiosk::render
