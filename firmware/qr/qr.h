// QR codes of short texts (a document's official URL) with libqrencode, so a visitor can take a
// document home with a phone's camera; nothing here needs a network. The code is a square of
// modules without its quiet zone: whoever draws it leaves kQuietZoneModules light modules on
// every side and scales each module to whole pixels.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "common/result/result.h"

namespace kiosk::firmware::qr {

// ISO/IEC 18004 asks for a light margin four modules wide; scanners miss codes without it.
inline constexpr int kQuietZoneModules = 4;

// The most bytes one code holds at the level make_qr uses (version 40, level M, byte mode).
inline constexpr std::size_t kMaxTextBytes = 2331;

struct QrCode {
  int size = 0;                       // modules per side: 21 + 4 * (version - 1)
  std::vector<std::uint8_t> modules;  // size * size, row by row; 1 = dark, 0 = light

  // x is the column, y the row, both from the top-left corner and in [0, size).
  [[nodiscard]] bool dark(int x, int y) const {
    return modules[static_cast<std::size_t>(y) * static_cast<std::size_t>(size) +
                   static_cast<std::size_t>(x)] != 0;
  }
};

// The smallest code that holds `text` byte for byte (8-bit mode, so URLs keep their case and any
// UTF-8 stays as it is). Fails with a message when the text is empty or longer than
// kMaxTextBytes. Pass URLs percent-encoded (ASCII): phones guess the character set of 8-bit
// data, and zbar reads some raw UTF-8 Chinese as Shift JIS.
common::Result<QrCode> make_qr(std::string_view text);

}  // namespace kiosk::firmware::qr
