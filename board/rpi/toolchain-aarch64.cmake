# Cross-building for Raspberry Pi 4/5 (aarch64, Raspberry Pi OS / Debian bookworm 64-bit) with
# Debian's cross compilers and the arm64 builds of the dependency packages installed side by
# side (multiarch): board/rpi/setup-cross.sh installs both. Used by the rpi-release preset.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
# Debian's multiarch layout: arm64 libraries, headers of arch-dependent packages and CMake
# package files live under .../aarch64-linux-gnu/.
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH /usr/aarch64-linux-gnu /usr)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)   # tools (woff2_decompress, hb-shape) are the host's
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# pkg-config must see only the arm64 .pc files (and the architecture-independent ones).
set(ENV{PKG_CONFIG_LIBDIR} "/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig")
set(ENV{PKG_CONFIG_PATH} "")
# Tests and build steps that run an aarch64 program go through qemu-user. "-L /": the arm64
# loader and libraries of the multiarch packages (libc6:arm64, the same glibc as the device's);
# the cross toolchain's own copy under /usr/aarch64-linux-gnu (libc6-arm64-cross) hangs in the
# first pthread_create under qemu-user 7.2.
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64 -L /)
