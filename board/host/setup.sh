#!/usr/bin/env bash
# Install every build and run dependency of the kiosk on Debian bookworm / Raspberry Pi OS.
#
#   board/host/setup.sh
#
# Idempotent: when every package is already installed it touches nothing (no apt-get update),
# so a rerun is fast and works offline. Uses sudo when not run as root.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config git clang-format clang-tidy
  # libraries (headers for the build, libraries for the run)
  libharfbuzz-dev libharfbuzz-bin libfreetype-dev libicu-dev libsdl2-dev libsdl2-image-dev
  libsqlite3-dev sqlite3 libsodium-dev nlohmann-json3-dev libtomlplusplus-dev libgtest-dev
  libsystemd-dev
  # QR codes of document URLs (firmware/qr); zbarimg decodes them back in tests/qr.cmake
  libqrencode-dev zbar-tools
  # pinyin input on the search screen (firmware/pinyin): the library and its language model
  libpinyin15-dev libpinyin-data
  # the content importer's input formats (content/pipeline/source_formats.cpp): Word .docx
  # files are ZIP archives of XML parts (libzip, pugixml); PDF text comes from poppler
  libzip-dev libpugixml-dev libpoppler-cpp-dev
  # signing content bundles with the standard tool (tests interoperate with it)
  minisign
  # fonts and the tools that provide them (fonts/provide.sh, tests/data/fetch-udhr.sh)
  fonts-noto-cjk woff2 python3 ca-certificates
  # the review sheet's browser test (tests/review.cmake): the page in real headless Chromium,
  # driven through Selenium
  chromium chromium-driver python3-selenium
)
# npm fetches pinned npm packages. A Node.js from another source may already bring npm, and
# Debian's npm package conflicts with it, so install Debian's only when there is no npm at all.
if ! command -v npm >/dev/null; then
  packages+=(nodejs npm)
fi

missing=()
native=$(dpkg --print-architecture)
for pkg in "${packages[@]}"; do
  # One line per installed architecture: this machine's own (or "all") must be installed; an
  # arm64 copy from the Raspberry Pi cross build (multiarch) does not count.
  status=$(dpkg-query -W -f='${db:Status-Status} ${Architecture}\n' "$pkg" 2>/dev/null || true)
  [[ $'\n'$status$'\n' == *$'\n'"installed $native"$'\n'* ||
     $'\n'$status$'\n' == *$'\n'"installed all"$'\n'* ]] || missing+=("$pkg")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "board/host/setup.sh: all ${#packages[@]} packages already installed; nothing to do"
  exit 0
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || {
    echo "board/host/setup.sh: error: need root or sudo to install: ${missing[*]}" >&2
    exit 1
  }
  sudo=(sudo)
fi
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
echo "board/host/setup.sh: installed ${#missing[@]} missing packages: ${missing[*]}"
