#!/usr/bin/env bash
# Sets up this machine (Debian packages, pinned fonts), builds the release (the kiosk and its
# factory content release), and runs the kiosk on the bundled content: in a window where there
# is a display, otherwise headless, saving a screenshot of the first screen.
# Extra arguments go to the program (e.g. --size 1080x1920, --fullscreen, --rotate 90).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
board/host/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release
program=build/release/ui/kiosk/kiosk
if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
  exec "$program" "$@"
fi
screenshot="$root/build/release/kiosk-screenshot.png"
"$program" --headless --screenshot "$screenshot" "$@"
echo "No display: rendered headless to $screenshot"
