// The kiosk's screens: attract loop, home, a document's contents, the reader, and the error and
// dark screens. Implements firmware::KioskView on a render::Canvas; everything scales from the
// display size and DPI, and pointer input arrives already rotated into UI coordinates.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "firmware/app/app.h"
#include "firmware/content_store/content_store.h"
#include "firmware/refresh/refresh.h"
#include "firmware/stats/stats.h"
#include "ui/render/render.h"

namespace kiosk::ui {

// Which release is shown, for the admin screen.
struct ReleaseInfo {
  std::string which;  // current, previous, factory, or file (--content)
  std::string path;
  std::string key_id;  // the signer's; empty for the factory release
};

struct ViewOptions {
  render::Size ui_size{1920, 1080};  // the UI's own size (the panel's, swapped for 90/270)
  int rotation = 0;                  // the UI is drawn turned clockwise by this on the panel
  float dpi = 96;
  // Fonts for the error screen when no release could be opened (the release brings its own).
  std::string fallback_cjk_font;
  std::string fallback_mongolian_font;
  // The quiz: questions per quiz, whether generated questions are asked, the first seed (a
  // fixed one makes scripted runs reproducible), where answers are counted (may be null).
  int quiz_questions = 5;
  bool quiz_generated = true;
  std::uint64_t seed = 1;
  firmware::StatsStore* stats = nullptr;
  // The USB refresh (may be null) and, after it switched releases, how to open the new one:
  // returns the new store (owned by the caller, alive while the view is) or null.
  firmware::RefreshController* refresh = nullptr;
  ReleaseInfo release;
  std::function<const firmware::ContentStore*(ReleaseInfo&)> reopen_content;
  std::string state_dir;           // the refresh history is read from here
  std::string admin_pin_sha256;    // empty: no admin screen
  std::string usb_remount_helper;  // the export remounts the stick writable with it
};

class KioskViewImpl;

// Creates the view. `store` may be null: then `content_error` is shown on the error screen.
std::unique_ptr<firmware::KioskView> create_kiosk_view(render::Canvas& canvas,
                                                       firmware::Router& router,
                                                       const firmware::ContentStore* store,
                                                       std::string content_error,
                                                       const ViewOptions& options);

}  // namespace kiosk::ui
