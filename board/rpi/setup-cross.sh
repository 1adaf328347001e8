#!/usr/bin/env bash
# Installs what cross-building the kiosk for aarch64 (Raspberry Pi 4/5, Raspberry Pi OS 64-bit)
# needs on a Debian bookworm x86-64 machine: Debian's cross compilers, qemu-user to run the
# aarch64 unit tests, and the arm64 builds of the dependency packages (multiarch); and the
# tools that check the board files (board/rpi/verify-units.sh).
#
#   board/rpi/setup-cross.sh
#
# Idempotent. Multiarch needs the amd64 and arm64 builds of a library at the same version, so
# apt may upgrade some amd64 packages to the current point release on the way.
set -euo pipefail

arm64_packages=(
  libharfbuzz-dev libfreetype-dev libicu-dev libsdl2-dev libsdl2-image-dev libsqlite3-dev
  libsodium-dev libtomlplusplus-dev libgtest-dev libsystemd-dev libc6
  libqrencode-dev
  # kioskpack (in the Pi's package too) reads .docx and PDF sources: content/pipeline
  libzip-dev libpugixml-dev libpoppler-cpp-dev
  # libpinyin's language model is per architecture (Berkeley DB files differ): the cross-built
  # tests read the arm64 copy, /usr/lib/aarch64-linux-gnu/libpinyin/data, under qemu-user
  libpinyin15-dev libpinyin-data
)
# systemd and udev: systemd-analyze and udevadm for board/rpi/verify-units.sh.
host_packages=(crossbuild-essential-arm64 qemu-user file systemd udev)

sudo=()
if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi

missing=()
for pkg in "${host_packages[@]}"; do
  dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null | grep -qx installed || missing+=("$pkg")
done
for pkg in "${arm64_packages[@]}"; do
  dpkg-query -W -f='${db:Status-Status}' "$pkg:arm64" 2>/dev/null | grep -qx installed ||
    missing+=("$pkg:arm64")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "board/rpi/setup-cross.sh: all cross-build packages already installed; nothing to do"
  exit 0
fi
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
  "${sudo[@]}" dpkg --add-architecture arm64
fi
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
echo "board/rpi/setup-cross.sh: installed ${#missing[@]} packages: ${missing[*]}"
