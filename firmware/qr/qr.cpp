// make_qr over libqrencode. See qr.h for the contract.
#include "firmware/qr/qr.h"

#include <qrencode.h>

#include <cerrno>
#include <limits>
#include <memory>
#include <string>
#include <system_error>

namespace kiosk::firmware::qr {

namespace {

struct QrcodeDeleter {
  void operator()(QRcode* code) const { QRcode_free(code); }
};
using QrcodePtr = std::unique_ptr<QRcode, QrcodeDeleter>;

// Level M (about 15% of the code may be lost): the code is read off a glossy kiosk screen
// through a phone camera, often at an angle and with reflections, so it needs some damage
// tolerance; Q or H would make a long URL's code denser (smaller modules) for little gain on a
// clean, flat, backlit screen.
constexpr QRecLevel kErrorCorrection = QR_ECLEVEL_M;

common::Error too_long(std::size_t bytes) {
  return {"text too long for a QR code: " + std::to_string(bytes) + " bytes, at most " +
          std::to_string(kMaxTextBytes) + " fit at level M"};
}

}  // namespace

common::Result<QrCode> make_qr(std::string_view text) {
  if (text.empty()) return common::Error{"no text to put in a QR code"};
  // Only so that the length fits libqrencode's int; what fits in a code is libqrencode's call.
  if (text.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    return too_long(text.size());
  }
  // QRcode_encodeData is QRcode_encodeString8bit with an explicit length: 8-bit mode (case and
  // bytes kept), and no copy to a NUL-terminated string. Version 0: the smallest that fits.
  errno = 0;
  const QrcodePtr code(QRcode_encodeData(static_cast<int>(text.size()),
                                         reinterpret_cast<const unsigned char*>(text.data()), 0,
                                         kErrorCorrection));
  if (!code) {
    const int error = errno;
    // libqrencode decides what fits (the tests check it agrees with kMaxTextBytes).
    if (error == ERANGE) return too_long(text.size());
    return common::Error{"libqrencode could not encode the text: " +
                         (error != 0 ? std::generic_category().message(error) : "unknown error")};
  }

  QrCode result;
  result.size = code->width;
  const auto count = static_cast<std::size_t>(code->width) * static_cast<std::size_t>(code->width);
  result.modules.resize(count);
  // Bit 0 of each of libqrencode's bytes is the colour; the others say what the module is part
  // of (finder, timing, data...), which drawing does not need.
  for (std::size_t i = 0; i < count; ++i) result.modules[i] = code->data[i] & 1U;
  return result;
}

}  // namespace kiosk::firmware::qr
