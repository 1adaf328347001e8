#!/usr/bin/env bash
# Installs a kiosk .deb on this machine with apt (which resolves its dependencies from Debian),
# checks what it installed, and has the installed kiosk render the home screen headless from
# the installed factory content, as the device would. Then removes the package again.
#
#   board/rpi/check-package.sh build/release/kiosk_0.1.0_amd64.deb
set -euo pipefail
deb=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

sudo=()
if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
echo "check-package: installing $deb"
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
  "$deb" >/dev/null
dpkg-query -W -f='check-package: installed ${Package} ${Version} (${Architecture})\n  Depends: ${Depends}\n' kiosk

fail() { echo "check-package: FAILED: $*" >&2; exit 1; }
for path in /usr/bin/kiosk /usr/bin/kioskpack /usr/share/kiosk/content.db \
            /usr/share/kiosk/fonts/NotoSansCJK-Regular.ttc \
            /usr/share/kiosk/fonts/NotoSansMongolian-Regular.ttf \
            /usr/share/doc/kiosk/OFL-NotoSansCJK.txt /usr/share/doc/kiosk/OFL-NotoSansMongolian.txt \
            /etc/kiosk/kiosk.toml /lib/systemd/system/kiosk.service \
            /lib/udev/rules.d/90-kiosk-usb.rules /usr/lib/kiosk/kiosk-usb-mount; do
  [[ -e $path ]] || fail "$path is missing"
done
dpkg-query -W -f='${Depends}' kiosk | grep -q 'libsdl2' || fail "no dependency on libsdl2"
id kiosk >/dev/null 2>&1 || fail "the package made no user 'kiosk'"

# The home screen, headless, from the installed files only (the factory release beside the
# program, the default config). A tap on the attract screen opens home.
printf 'expect-screen attract\ntap 960 540\nexpect-screen home\nscreenshot %s\nquit\n' \
  "$work/home.png" >"$work/home.script"
/usr/bin/kiosk --config /etc/kiosk/kiosk.toml --state-dir "$work/state" --headless \
  --size 1920x1080 --script "$work/home.script" 2>"$work/kiosk.log" ||
  { cat "$work/kiosk.log" >&2; fail "the installed kiosk did not render the home screen"; }
file "$work/home.png" | grep -q 'PNG image data, 1920 x 1080' || fail "no 1920x1080 PNG"
if grep -q . "$work/kiosk.log"; then
  echo "check-package: the kiosk said:"; sed 's/^/  /' "$work/kiosk.log"
fi
mkdir -p build
cp "$work/home.png" build/package-home.png
echo "check-package: the installed kiosk rendered the home screen (build/package-home.png)"

"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get purge -y -q kiosk >/dev/null
[[ ! -e /usr/bin/kiosk ]] || fail "purge left /usr/bin/kiosk"
echo "check-package: removed again"
