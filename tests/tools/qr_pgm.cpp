// qr_pgm OUTPUT.pgm [SCALE]: make_qr of standard input (every byte, no newline added) drawn as
// a binary PGM the way a screen shows it: a quiet zone of kQuietZoneModules light modules on
// every side, SCALE pixels per module (default 4). For tests/tools/check_qr_zbar.py, which
// decodes the picture with zbarimg. Exit 1 with make_qr's message when it fails.
#include <cstdlib>
#include <exception>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

#include "firmware/qr/qr.h"

int main(int argc, char** argv) try {
  using kiosk::firmware::qr::kQuietZoneModules;
  if (argc < 2 || argc > 3) {
    std::cerr << "usage: qr_pgm OUTPUT.pgm [SCALE] < TEXT\n";
    return 2;
  }
  const int scale = argc == 3 ? std::atoi(argv[2]) : 4;
  if (scale < 1 || scale > 64) {
    std::cerr << "qr_pgm: SCALE must be 1 to 64\n";
    return 2;
  }
  const std::string text{std::istreambuf_iterator<char>(std::cin),
                         std::istreambuf_iterator<char>()};
  const auto made = kiosk::firmware::qr::make_qr(text);
  if (!made.ok()) {
    std::cerr << "qr_pgm: " << made.error() << "\n";
    return 1;
  }
  const kiosk::firmware::qr::QrCode& code = made.value();

  const int modules = code.size + 2 * kQuietZoneModules;
  const int pixels = modules * scale;
  std::string image = "P5\n" + std::to_string(pixels) + " " + std::to_string(pixels) + "\n255\n";
  for (int y = 0; y < pixels; ++y) {
    for (int x = 0; x < pixels; ++x) {
      const int column = x / scale - kQuietZoneModules;
      const int row = y / scale - kQuietZoneModules;
      const bool inside = column >= 0 && column < code.size && row >= 0 && row < code.size;
      image.push_back(static_cast<char>(inside && code.dark(column, row) ? 0 : 255));
    }
  }
  std::ofstream out(argv[1], std::ios::binary);
  out << image;
  out.close();
  if (!out) {
    std::cerr << "qr_pgm: cannot write " << argv[1] << "\n";
    return 1;
  }
  return 0;
} catch (const std::exception& error) {
  std::cerr << "qr_pgm: " << error.what() << "\n";
  return 1;
}
