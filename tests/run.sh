#!/usr/bin/env bash
# Sets up this machine (Debian packages, pinned fonts and test data), builds the release and
# runs every test. Ends with CTest's summary.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
board/host/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release
ctest --preset release
