// The staff's screens: a USB refresh's progress and result, the admin PIN pad and the admin
// screen. Their words come from the release's UI strings, with fixed Chinese fallbacks so they
// work on a kiosk whose release could not be opened (the refresh is how it is mended).
#include <sodium.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <filesystem>

#include "firmware/refresh/refresh.h"
#include "ui/kiosk/widgets.h"

namespace kiosk::ui {

using firmware::RefreshController;
using firmware::RefreshError;
using firmware::Route;
using firmware::ScreenId;

namespace {

// [SECTION] Words

firmware::UiText words(const ScreenContext& context, const std::string& key, const char* zh) {
  if (context.store != nullptr) {
    firmware::UiText text = context.store->ui_text(key);
    if (text.zh != key) return text;
  }
  return {zh, ""};
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// What the staff are told for each kind of refusal: a few plain reasons, not twenty codes. The
// Chinese is the fallback for a kiosk without content (no UI strings).
struct Reason {
  const char* key;
  const char* fallback;
};
Reason reason_for(RefreshError error) {
  switch (error) {
    case RefreshError::kDisabled:
      return {"refresh.reason.disabled", "本机未设置公钥，U 盘更新已关闭"};
    case RefreshError::kNoBundle:
    case RefreshError::kNoSignature:
    case RefreshError::kBadSignatureFile:
      return {"refresh.reason.unsigned", "内容包无法使用"};
    case RefreshError::kUntrustedKey:
    case RefreshError::kSignatureMismatch:
    case RefreshError::kCommentTampered:
      return {"refresh.reason.untrusted", "签名无效：内容包未经授权或已被改动"};
    case RefreshError::kNotNewer:
      return {"refresh.reason.not-newer", "内容包的版本不比当前版本新"};
    case RefreshError::kNotRegularFile:
    case RefreshError::kTooLarge:
    case RefreshError::kEmptyFile:
      return {"refresh.reason.bad-file", "内容包无法使用"};
    case RefreshError::kUnreadable:
    case RefreshError::kSourceChanged:
      return {"refresh.reason.stick", "内容包无法使用"};
    case RefreshError::kCopyMismatch:
    case RefreshError::kNoSpace:
    case RefreshError::kWriteFailed:
      return {"refresh.reason.storage", "内容包无法使用"};
    case RefreshError::kNoPrevious:
      return {"refresh.reason.no-previous", "内容包无法使用"};
    default:
      return {"refresh.reason.content", "内容包无法使用"};
  }
}

std::string step_key(firmware::RefreshStep step) {
  return std::string("refresh.step.") + firmware::to_string(step);
}

// [SECTION] Refresh progress and result

class RefreshScreen : public Screen {
 public:
  explicit RefreshScreen(ScreenContext& context) : context_(context) { rebuild(); }
  [[nodiscard]] const char* name() const override { return "refresh"; }

  void draw(Painter& painter) override {
    const Theme& theme = context_.theme;
    const render::Size size = context_.size;
    painter.fill({0, 0, size.width, size.height}, theme.paper);
    painter.fill({0, 0, size.width, i(theme.header)}, theme.accent);
    painter.fill({0, i(theme.header) - 4, size.width, i(4 * theme.unit) + 1}, theme.gold);
    painter.draw(title_mn_, theme.margin, (theme.header - title_mn_.height) / 2, theme.accent_ink);
    painter.draw(title_, theme.margin * 1.5F + title_mn_.width, (theme.header - title_.height) / 2,
                 theme.accent_ink);
    const float left = theme.margin * 2 + message_mn_.width;
    float y = theme.header + theme.margin * 1.5F;
    painter.draw(message_mn_, theme.margin, y, theme.accent);
    const render::Color headline = state_.phase == RefreshController::Phase::kFailed ? theme.wrong
                                   : state_.phase == RefreshController::Phase::kSucceeded
                                       ? theme.right
                                       : theme.ink;
    painter.draw(headline_, left, y, headline);
    y += headline_.height + theme.margin * 0.6F;
    if (state_.phase == RefreshController::Phase::kRunning) {
      const float width = f(size.width) - left - theme.margin * 2;
      const float bar = std::max(theme.target * 0.6F, 28 * theme.unit);
      painter.fill({i(left), i(y), i(width), i(bar)}, theme.divider);
      painter.fill({i(left), i(y), i(width * static_cast<float>(state_.progress.fraction)), i(bar)},
                   theme.accent);
      y += bar + theme.margin * 0.6F;
      painter.draw(percent_, left, y, theme.muted);
      y += percent_.height + theme.margin * 0.6F;
    }
    painter.draw(detail_, left, y, theme.ink);
    y += detail_.height + theme.margin * 0.6F;
    painter.draw(technical_, left, y, theme.muted);
    if (state_.phase != RefreshController::Phase::kRunning) ok_.draw(painter, theme);
  }

  void gesture(const Gesture& gesture) override {
    if (gesture.type != Gesture::Type::kTap) return;
    if (state_.phase != RefreshController::Phase::kRunning && ok_.hit(gesture.at)) close();
  }
  void key(const std::string& key) override {
    if ((key == "enter" || key == "escape") && state_.phase != RefreshController::Phase::kRunning)
      close();
  }

  bool tick(std::int64_t now_ms) override {
    (void)now_ms;
    RefreshController* refresh = context_.staff->refresh;
    if (refresh == nullptr) return false;
    const auto state = refresh->state();
    if (state.generation == state_.generation) return false;
    const bool was_present = state_.stick_present;
    const auto before = state_.phase;
    state_ = state;
    // Pulling the stick after the result is the staff's "done".
    if (before != RefreshController::Phase::kRunning && was_present && !state.stick_present &&
        state.phase != RefreshController::Phase::kRunning) {
      close();
      return true;
    }
    rebuild();
    return true;
  }
  [[nodiscard]] bool animating() const override {
    return state_.phase == RefreshController::Phase::kRunning;
  }

 private:
  void close() {
    if (context_.staff->refresh != nullptr) context_.staff->refresh->dismiss();
    context_.router.reset(Route{ScreenId::kAttract, {}, 0, {}});
  }

  void rebuild() {
    if (context_.staff->refresh != nullptr) state_ = context_.staff->refresh->state();
    Painter& painter = context_.painter;
    const Theme& theme = context_.theme;
    const float column = f(context_.size.height) - theme.header - theme.margin * 4;
    const auto title = words(context_, "refresh.title", "内容更新");
    title_ = painter.chinese(title.zh, theme.heading, f(context_.size.width) / 2);
    title_mn_ = painter.mongolian(title.mn, theme.mongolian, theme.header - 24 * theme.unit);
    firmware::UiText headline;
    firmware::UiText detail;
    std::string technical;
    using Phase = RefreshController::Phase;
    // The stick by its own name: where it is mounted means nothing to the staff.
    const std::string mounted_at = std::filesystem::path(state_.stick).parent_path().string();
    auto on_stick = [&](const std::string& text) {
      return mounted_at.empty() ? text : replace_all(text, mounted_at + "/", "");
    };
    if (state_.phase == Phase::kRunning) {
      headline = words(context_, step_key(state_.progress.step), "正在更新内容");
      detail = words(context_, "refresh.keep_in", "请勿拔出 U 盘");
      const auto percent = static_cast<int>(std::floor(state_.progress.fraction * 100));
      percent_ = painter.chinese(std::to_string(percent) + "%", theme.heading, 400 * theme.unit);
      technical = on_stick(state_.stick);
    } else if (state_.phase == Phase::kSucceeded) {
      headline =
          fill_template(words(context_, "refresh.done", "已更新到第 {version} 版，可以拔出 U 盘"),
                        {{"version", std::to_string(state_.result.version)}});
      detail = words(context_, "refresh.done_detail", "新内容已经显示。");
      technical = on_stick(state_.result.message);
    } else {
      headline = words(context_, "refresh.failed", "未更新：当前内容保持不变");
      const Reason why = reason_for(state_.result.error);
      detail = words(context_, why.key, why.fallback);
      technical = on_stick(state_.result.message);
    }
    // The Mongolian column says all the Chinese says: the headline, then the detail.
    if (!detail.mn.empty() && detail.mn != detail.zh) {
      const bool stops =
          headline.mn.size() >= 3 && (headline.mn.ends_with("᠃") || headline.mn.ends_with("᠂"));
      headline.mn += (stops ? " " : "᠃ ") + detail.mn;
    }
    const float width = f(context_.size.width) - theme.margin * 5 - theme.mongolian * 4;
    headline_ = painter.chinese(headline.zh, theme.title, width, 0, false, 1.35F);
    message_mn_ = painter.mongolian(headline.mn, theme.mongolian * 1.2F, column);
    const float text_width = f(context_.size.width) - theme.margin * 4 - message_mn_.width;
    headline_ = painter.chinese(headline.zh, theme.title, text_width, 0, false, 1.35F);
    detail_ = painter.chinese(detail.zh, theme.heading, text_width, 0, false, 1.5F);
    technical_ = painter.chinese(technical, theme.small, text_width, 0, false, 1.4F);
    const int button_width = i(std::max(280 * theme.unit, theme.target * 3));
    const int button_height = i(std::max(theme.footer - 28 * theme.unit, theme.target));
    ok_ = make_button(
        painter, theme, "ok", words(context_, "refresh.ok", "确定"),
        {context_.size.width - button_width - i(theme.margin),
         context_.size.height - button_height - i(theme.margin), button_width, button_height},
        true);
  }

  ScreenContext& context_;
  RefreshController::State state_;
  text::Layout title_;
  text::Layout title_mn_;
  text::Layout headline_;
  text::Layout message_mn_;
  text::Layout percent_;
  text::Layout detail_;
  text::Layout technical_;
  Button ok_;
};

// [SECTION] PIN pad

std::string sha256_hex(const std::string& text) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char byte : digest) {
    hex += kHex[byte >> 4U];
    hex += kHex[byte & 15U];
  }
  return hex;
}

class PinScreen : public Screen {
 public:
  explicit PinScreen(ScreenContext& context) : context_(context) { layout(); }
  [[nodiscard]] const char* name() const override { return "pin"; }

  void draw(Painter& painter) override {
    const Theme& theme = context_.theme;
    painter.fill({0, 0, context_.size.width, context_.size.height}, theme.paper);
    painter.draw(prompt_mn_, theme.margin, theme.margin, theme.accent);
    painter.draw(prompt_, keypad_left_, theme.margin, theme.ink);
    // One dot per digit typed, never the digits.
    const float dot = theme.heading * 0.6F;
    for (std::size_t k = 0; k < entered_.size(); ++k) {
      painter.fill(
          {i(keypad_left_ + f(static_cast<int>(k)) * dot * 1.8F), i(dots_y_), i(dot), i(dot)},
          theme.ink);
    }
    if (!status_.lines.empty())
      painter.draw(status_, keypad_left_, dots_y_ + dot * 1.6F, theme.wrong);
    for (const Button& key : keys_) key.draw(painter, theme);
  }

  void gesture(const Gesture& gesture) override {
    if (gesture.type != Gesture::Type::kTap) return;
    for (const Button& key : keys_) {
      if (key.hit(gesture.at)) press(key.id);
    }
  }
  void key(const std::string& key) override {
    if (key == "escape") context_.router.reset(Route{ScreenId::kAttract, {}, 0, {}});
    if (key == "enter") press("ok");
  }

 private:
  void press(const std::string& id) {
    if (id == "close") {
      context_.router.reset(Route{ScreenId::kAttract, {}, 0, {}});
      return;
    }
    if (id == "delete") {
      if (!entered_.empty()) entered_.pop_back();
    } else if (id == "ok") {
      const std::string& expected = context_.staff->admin_pin_sha256;
      if (!expected.empty() &&
          sodium_memcmp(sha256_hex(entered_).data(), expected.data(), expected.size()) == 0 &&
          expected.size() == 64) {
        context_.staff->admin_status.clear();
        context_.router.replace(Route{ScreenId::kAdmin, {}, 0, {}});
        return;
      }
      entered_.clear();
      status_ = context_.painter.chinese(words(context_, "admin.pin_wrong", "密码错误").zh,
                                         context_.theme.chrome, 1000 * context_.theme.unit);
    } else if (entered_.size() < 12) {
      entered_ += id;
      status_ = {};
    }
  }

  void layout() {
    Painter& painter = context_.painter;
    const Theme& theme = context_.theme;
    const auto prompt = words(context_, "admin.pin", "请输入管理密码");
    prompt_mn_ = painter.mongolian(prompt.mn, theme.mongolian * 1.2F,
                                   f(context_.size.height) - 2 * theme.margin);
    const float key_size = std::max(theme.target * 1.6F, 150 * theme.unit);
    const float gap = theme.margin * 0.4F;
    keypad_left_ = (f(context_.size.width) - 3 * key_size - 2 * gap) / 2;
    prompt_ = painter.chinese(prompt.zh, theme.heading, 3 * key_size + 2 * gap);
    dots_y_ = theme.margin + prompt_.height + theme.margin * 0.5F;
    const float top = dots_y_ + theme.heading * 2.4F;
    const char* labels[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "delete", "0", "ok"};
    for (int k = 0; k < 12; ++k) {
      const render::Rect rect{i(keypad_left_ + f(k % 3) * (key_size + gap)),
                              i(top + f(k / 3) * (key_size + gap)), i(key_size), i(key_size)};
      const std::string id = labels[k];
      firmware::UiText label{id, ""};
      if (id == "delete") label = words(context_, "admin.delete", "删除");
      if (id == "ok") label = words(context_, "admin.enter", "确认");
      keys_.push_back(make_button(painter, theme, id, label, rect, id == "ok"));
    }
    const int close_width = i(std::max(240 * theme.unit, theme.target * 2.5F));
    keys_.push_back(make_button(painter, theme, "close", words(context_, "admin.close", "退出"),
                                {context_.size.width - close_width - i(theme.margin),
                                 i(theme.margin), close_width, i(key_size * 0.7F)}));
  }

  ScreenContext& context_;
  std::string entered_;
  text::Layout prompt_;
  text::Layout prompt_mn_;
  text::Layout status_;
  std::vector<Button> keys_;
  float keypad_left_ = 0;
  float dots_y_ = 0;
};

// [SECTION] Admin screen

std::string local_time(std::int64_t unix_time) {
  const auto time = static_cast<std::time_t>(unix_time);
  std::tm parts{};
  localtime_r(&time, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M", &parts);
  return text;
}

class AdminScreen : public Screen {
 public:
  explicit AdminScreen(ScreenContext& context) : context_(context) { layout(); }
  [[nodiscard]] const char* name() const override { return "admin"; }

  void draw(Painter& painter) override {
    const Theme& theme = context_.theme;
    const render::Size size = context_.size;
    painter.fill({0, 0, size.width, size.height}, theme.paper);
    painter.fill({0, 0, size.width, i(theme.header)}, theme.accent);
    painter.draw(title_mn_, theme.margin, (theme.header - title_mn_.height) / 2, theme.accent_ink);
    painter.draw(title_, theme.margin * 1.5F + title_mn_.width, (theme.header - title_.height) / 2,
                 theme.accent_ink);
    for (const auto& block : blocks_) painter.draw(block.layout, block.x, block.y, block.color);
    for (const Button& button : buttons_) button.draw(painter, theme);
  }

  void gesture(const Gesture& gesture) override {
    if (gesture.type != Gesture::Type::kTap) return;
    for (const Button& button : buttons_) {
      if (!button.hit(gesture.at) || !button.enabled) continue;
      const std::string id = button.id;  // an action may rebuild the buttons
      act(id);
      return;
    }
  }
  void key(const std::string& key) override {
    if (key == "escape") act("close");
  }

 private:
  void act(const std::string& id) {
    StaffContext& staff = *context_.staff;
    if (id == "close") {
      context_.router.reset(Route{ScreenId::kAttract, {}, 0, {}});
      return;
    }
    if (id == "restart") {
      staff.restart_requested = true;
      return;
    }
    if (id == "rollback" && staff.refresh != nullptr) {
      // The view reopens the content when the controller reports the switch.
      if (!staff.refresh->roll_back_now()) {
        const auto history = firmware::read_history(staff.state_dir, 1);
        staff.admin_status =
            history.empty() ? std::string("rollback failed") : history.front().message;
      } else {
        staff.admin_status = words(context_, "admin.rolled_back", "已恢复上一版本").zh;
      }
    }
    if (id == "export") staff.admin_status = export_statistics();
    layout();
  }

  std::string export_statistics() {
    StaffContext& staff = *context_.staff;
    const std::string stick = staff.refresh != nullptr ? staff.refresh->first_stick() : "";
    if (stick.empty())
      return words(context_, "admin.no_stick", "未发现 U 盘（需要 KIOSK 文件夹）").zh;
    if (staff.stats == nullptr) return "statistics are off";
    const std::string folder = stick + "/KIOSK";
    // The device mounts sticks read-only: writable for the export only, and read-only (synced)
    // again before the staff are told they may pull it.
    const bool remount = !staff.usb_remount_helper.empty();
    auto written = [&]() -> text::Result<std::string> {
      if (remount) {
        if (auto rw = firmware::run_remount_helper(staff.usb_remount_helper, "rw", stick); !rw)
          return text::Error{rw.error()};
      }
      auto result = staff.stats->export_csv(folder);
      if (remount) {
        if (auto ro = firmware::run_remount_helper(staff.usb_remount_helper, "ro", stick); !ro)
          return text::Error{ro.error()};
      }
      return result;
    }();
    firmware::append_history(staff.state_dir,
                             firmware::RefreshRecord{staff.refresh->unix_now(), "export", folder, 0,
                                                     written ? "ok" : "write-failed",
                                                     written ? written.value() : written.error()});
    if (!written)
      return words(context_, "admin.export_failed", "导出失败").zh + "：" + written.error();
    return words(context_, "admin.exported", "已导出到 U 盘，可以安全拔出").zh + "（" +
           written.value() + "）";
  }

  struct Block {
    text::Layout layout;
    float x = 0;
    float y = 0;
    render::Color color;
  };

  void layout() {
    Painter& painter = context_.painter;
    const Theme& theme = context_.theme;
    StaffContext& staff = *context_.staff;
    blocks_.clear();
    buttons_.clear();
    const auto title = words(context_, "admin.title", "管理");
    title_ = painter.chinese(title.zh, theme.heading, f(context_.size.width) / 2);
    title_mn_ = painter.mongolian(title.mn, theme.mongolian, theme.header - 24 * theme.unit);
    const bool portrait = context_.size.height > context_.size.width;
    const float column_width = portrait ? f(context_.size.width) - 2 * theme.margin
                                        : (f(context_.size.width) - 3 * theme.margin) / 2;
    float x = theme.margin;
    float y = theme.header + theme.margin * 0.6F;
    auto add = [&](const std::string& text, float size, render::Color color) {
      Block block{painter.chinese(text, size, column_width, 0, false, 1.4F), x, y, color};
      y += block.layout.height + size * 0.3F;
      blocks_.push_back(std::move(block));
    };
    // What is shown now.
    add(words(context_, "admin.content", "当前内容").zh, theme.heading, theme.accent);
    if (context_.store != nullptr) {
      const auto& store = *context_.store;
      const std::string which =
          words(context_, "admin.which." + staff.release.which, staff.release.which.c_str()).zh;
      const std::string built = store.meta("built_at");
      std::int64_t built_at = 0;
      for (char c : built) built_at = c >= '0' && c <= '9' ? built_at * 10 + (c - '0') : built_at;
      auto label = [&](const char* key, const char* fallback) {
        return words(context_, key, fallback).zh + "　";
      };
      add(label("admin.version", "版本") + std::to_string(store.content_version()) + "　" + which,
          theme.chrome, theme.ink);
      add(label("admin.release_title", "标题") + store.ui_text("app.name").zh, theme.chrome,
          theme.ink);
      add(label("admin.built_at", "生成时间") +
              (built_at > 0 ? local_time(built_at) : std::string("-")),
          theme.chrome, theme.ink);
      add(label("admin.key_id", "签名密钥") + (staff.release.key_id.empty()
                                                   ? words(context_, "admin.unsigned", "无签名").zh
                                                   : staff.release.key_id),
          theme.chrome, theme.ink);
    }
    if (staff.refresh == nullptr || !staff.refresh->enabled()) {
      add(words(context_, "admin.refresh_off", "U 盘更新已关闭：未设置公钥（refresh_public_keys）")
              .zh,
          theme.chrome, theme.wrong);
    }
    // Statistics.
    y += theme.margin * 0.3F;
    add(words(context_, "admin.stats", "使用统计").zh, theme.heading, theme.accent);
    if (staff.stats != nullptr) {
      const auto summary = staff.stats->summary();
      const std::string line =
          fill_template(words(context_, "admin.stats_line",
                              "{visits} / {documents} / {sections} / {minutes}"),
                        {{"visits", std::to_string(summary.visits)},
                         {"documents", std::to_string(summary.documents_opened)},
                         {"sections", std::to_string(summary.sections_opened)},
                         {"minutes", std::to_string(summary.seconds_reading / 60)}})
              .zh;
      add(line, theme.chrome, theme.ink);
    } else {
      add(words(context_, "admin.stats_off", "统计已关闭").zh, theme.chrome, theme.muted);
    }
    if (!staff.admin_status.empty()) add(staff.admin_status, theme.chrome, theme.accent);
    // The history, in the second column (below, in portrait).
    if (!portrait) {
      x = theme.margin * 2 + column_width;
      y = theme.header + theme.margin * 0.6F;
    } else {
      y += theme.margin * 0.3F;
    }
    add(words(context_, "admin.history", "最近的更新记录").zh, theme.heading, theme.accent);
    const auto history = firmware::read_history(staff.state_dir, 10);
    if (history.empty()) add("-", theme.small, theme.muted);
    for (const auto& record : history) {
      // A bundle by its place on the stick (stick/KIOSK/content.db), not where it was mounted.
      const std::filesystem::path source(record.source);
      const std::string mounted_at = source.parent_path().parent_path().parent_path().string();
      const std::string message = mounted_at.size() > 1
                                      ? replace_all(record.message, mounted_at + "/", "")
                                      : record.message;
      const std::string name = source.filename().string();
      add(local_time(record.unix_time) + "　" + record.action + "　" + name + "　" +
              (record.version > 0 ? "v" + std::to_string(record.version) + "　" : "") +
              record.result + "\n" + message,
          theme.small, record.result == "ok" ? theme.ink : theme.wrong);
    }
    // Actions along the bottom.
    const char* ids[] = {"export", "rollback", "restart", "close"};
    const char* keys[] = {"admin.export", "admin.rollback", "admin.restart", "admin.close"};
    const char* fallbacks[] = {"导出统计", "恢复上一版本", "重启", "退出"};
    const float gap = theme.margin * 0.5F;
    const float button_width = (f(context_.size.width) - 2 * theme.margin - 3 * gap) / 4;
    const float button_height = std::max(theme.footer - 28 * theme.unit, theme.target);
    for (int k = 0; k < 4; ++k) {
      buttons_.push_back(make_button(painter, theme, ids[k], words(context_, keys[k], fallbacks[k]),
                                     {i(theme.margin + f(k) * (button_width + gap)),
                                      i(f(context_.size.height) - button_height - theme.margin),
                                      i(button_width), i(button_height)},
                                     k == 3));
    }
    buttons_[1].enabled = staff.refresh != nullptr;
  }

  ScreenContext& context_;
  text::Layout title_;
  text::Layout title_mn_;
  std::vector<Block> blocks_;
  std::vector<Button> buttons_;
};

}  // namespace

std::unique_ptr<Screen> make_refresh_screen(ScreenContext& context) {
  return std::make_unique<RefreshScreen>(context);
}
std::unique_ptr<Screen> make_pin_screen(ScreenContext& context) {
  return std::make_unique<PinScreen>(context);
}
std::unique_ptr<Screen> make_admin_screen(ScreenContext& context) {
  return std::make_unique<AdminScreen>(context);
}

}  // namespace kiosk::ui
