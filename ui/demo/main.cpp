// kiosk-text-demo: one screen that shows what the text engine does (Chinese justified text,
// vertical Mongolian), in a window or headless into a PNG.
#define SDL_MAIN_HANDLED  // a plain main(); SDL needs no platform entry point here
#include <SDL.h>

#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "ui/demo/demo_options.h"
#include "ui/demo/demo_scene.h"
#include "ui/render/render.h"

#if !defined(KIOSK_DEMO_FONT_CJK) || !defined(KIOSK_DEMO_FONT_CJK_FACE) || \
    !defined(KIOSK_DEMO_FONT_MONGOLIAN)
#error "ui/demo/CMakeLists.txt passes the font paths; build kiosk-text-demo through CMake"
#endif

namespace {

using namespace kiosk;
using Clock = std::chrono::steady_clock;

constexpr const char* kProgram = "kiosk-text-demo";

double milliseconds_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

demo::FontFiles font_files(const demo::DemoOptions& options) {
  demo::FontFiles files{KIOSK_DEMO_FONT_CJK, KIOSK_DEMO_FONT_CJK_FACE, KIOSK_DEMO_FONT_MONGOLIAN};
  if (options.fonts_dir) {
    // Same file names as the build provides, from another directory.
    const std::filesystem::path dir(*options.fonts_dir);
    files.cjk = (dir / std::filesystem::path(files.cjk).filename()).string();
    files.mongolian = (dir / std::filesystem::path(files.mongolian).filename()).string();
  }
  return files;
}

void print_frame_report(const demo::DemoScene& scene, const render::GlyphAtlas& atlas,
                        const render::DrawStats& drawn, render::Size size, double first_frame_ms) {
  const render::AtlasStats& stats = atlas.stats();
  std::fprintf(stderr,
               "%s: %dx%d, first frame %.1f ms after start; %zu glyphs drawn; atlas: %zu "
               "page(s), %zu glyphs (%zu empty), %zu rasterizations\n",
               kProgram, size.width, size.height, first_frame_ms, drawn.glyphs_drawn, stats.pages,
               stats.glyphs_cached, stats.empty_glyphs, stats.rasterizations);
  if (scene.missing_glyphs() > 0) {
    std::fprintf(stderr, "%s: warning: %zu characters have no glyph in the fonts\n", kProgram,
                 scene.missing_glyphs());
  }
}

// Lays the scene out again if the drawable size changed, then draws it.
render::Result<render::DrawStats> draw_frame(render::Canvas& canvas, demo::DemoScene& scene,
                                             render::GlyphAtlas& atlas) {
  if (canvas.size() != scene.arranged_size()) scene.arrange(canvas.size());
  return scene.draw(canvas, atlas);
}

int fail(const std::string& message) {
  std::fprintf(stderr, "%s: %s\n", kProgram, message.c_str());
  return 1;
}

// Redraws only when the window needs it: nothing changes on this screen by itself.
int run_window_loop(render::Canvas& canvas, demo::DemoScene& scene, render::GlyphAtlas& atlas) {
  SDL_Event event;
  while (SDL_WaitEvent(&event) != 0) {
    bool needs_redraw = false;
    do {
      if (event.type == SDL_QUIT) return 0;
      if (event.type == SDL_KEYDOWN && event.key.keysym.sym == SDLK_ESCAPE) return 0;
      if (event.type == SDL_WINDOWEVENT) {
        switch (event.window.event) {
          case SDL_WINDOWEVENT_EXPOSED:
          case SDL_WINDOWEVENT_SIZE_CHANGED:
          case SDL_WINDOWEVENT_RESTORED:
            needs_redraw = true;
            break;
          default:
            break;
        }
      }
    } while (SDL_PollEvent(&event) != 0);  // one redraw for a burst of events (a resize drag)
    if (needs_redraw) {
      auto drawn = draw_frame(canvas, scene, atlas);
      if (!drawn) return fail(drawn.error());
      canvas.present();
    }
  }
  return fail(std::string("waiting for events failed: ") + SDL_GetError());
}

int run(int argc, char** argv) {
  const Clock::time_point start = Clock::now();

  const std::vector<std::string_view> arguments(argv + (argc > 0 ? 1 : 0), argv + argc);
  auto options = demo::parse_options(arguments);
  if (!options) {
    std::fprintf(stderr, "%s: %s\nRun '%s --help' for the options.\n", kProgram,
                 options.error().c_str(), kProgram);
    return 2;
  }
  if (options->help) {
    const demo::FontFiles built_fonts = font_files({});
    std::fputs(
        demo::usage_text(kProgram, std::filesystem::path(built_fonts.cjk).filename().string(),
                         std::filesystem::path(built_fonts.mongolian).filename().string())
            .c_str(),
        stdout);
    return 0;
  }

  // Declared in this order so that the atlas goes before the fonts and the canvas it uses.
  auto canvas = options->headless
                    ? render::Canvas::create_headless(options->size)
                    : render::Canvas::create_window(options->size, {.title = "Kiosk text demo"});
  if (!canvas) {
    if (options->headless) return fail(canvas.error());
    return fail(canvas.error() + "\nTo render without a display, use: " + kProgram +
                " --headless --screenshot frame.png");
  }
  auto scene = demo::DemoScene::create(font_files(*options));
  if (!scene) {
    return fail(scene.error() + (options->fonts_dir
                                     ? "\n--fonts DIR must hold both font files (see --help)."
                                     : "\nBuild the kiosk_fonts target, or pass --fonts DIR."));
  }
  render::GlyphAtlas atlas(canvas->renderer(), (*scene)->fonts());

  auto drawn = draw_frame(*canvas, **scene, atlas);
  if (!drawn) return fail(drawn.error());
  print_frame_report(**scene, atlas, *drawn, canvas->size(), milliseconds_since(start));

  if (options->screenshot) {
    if (auto saved = canvas->save_screenshot(*options->screenshot); !saved) {
      return fail(saved.error());
    }
    std::fprintf(stderr, "%s: saved %s\n", kProgram, options->screenshot->c_str());
    return 0;
  }
  if (options->headless) {
    std::fprintf(stderr, "%s: headless and no --screenshot given: nothing saved\n", kProgram);
    return 0;
  }
  canvas->present();
  return run_window_loop(*canvas, **scene, atlas);
}

}  // namespace

int main(int argc, char** argv) {
  SDL_SetMainReady();
  // Nothing here throws by design; this only turns an out-of-memory into a message.
  try {
    return run(argc, argv);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "%s: %s\n", kProgram, error.what());
    return 1;
  }
}
