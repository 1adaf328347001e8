#!/bin/bash
# verify-units.sh: static checks of the Raspberry Pi integration files in board/rpi, on a
# build machine (nothing is installed, no systemd needs to be running).
#
#   board/rpi/verify-units.sh          exit 0: all clean; 1: a check failed; 2: cannot check
#
# What it checks:
#   1. the scripts: bash -n / sh -n, and shellcheck when it is installed (not required);
#   2. the systemd units: "systemd-analyze verify --root=DIR" in a temporary root laid out
#      like the installed package (units in /lib/systemd/system beside a copy of this
#      machine's own units, which verify needs for sysinit.target and the like; a stub
#      /usr/bin/kiosk; the real helpers in /usr/lib/kiosk), templates checked as instances.
#      systemd-analyze reports some problems only as warnings and still exits 0, so any
#      output at all counts as a failure. Needs the package "systemd" (systemd-analyze).
#      Also prints the exposure score of "systemd-analyze security --offline" (for reading;
#      it does not fail the run);
#   3. the udev rule: "udevadm verify" where it exists (udev 253 and later). Bookworm's udev
#      252 has none; as root it then loads the rule with "udevadm test" in a private mount
#      namespace and fails on any complaint about the file. Otherwise it is skipped (said so);
#   4. the polkit rule: evaluated with node (when installed) against a stand-in for polkit:
#      user kiosk may start/stop kiosk-usb-rw@NAME.service and nothing else;
#   5. kiosk.toml: valid TOML (python3), the device values, no content = / admin_pin_sha256.
set -euo pipefail
export LC_ALL=C

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
UNITS=(kiosk.service kiosk-usb@.service kiosk-usb-rw@.service)
# Template units are verified as these instances.
INSTANCES=(kiosk.service kiosk-usb@sda1.service kiosk-usb-rw@sda1.service)

failures=0
fail() {
    printf 'FAIL  %s\n' "$*"
    failures=$((failures + 1))
}
pass() { printf 'ok    %s\n' "$*"; }
skip() { printf 'skip  %s\n' "$*"; }

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# --- 1. scripts ---------------------------------------------------------------------------
for script in bin/kiosk-usb-mount bin/kiosk-usb-remount verify-units.sh; do
    if bash -n "$HERE/$script"; then pass "bash -n $script"; else fail "bash -n $script"; fi
done
for script in debian/postinst debian/prerm debian/postrm; do
    if sh -n "$HERE/$script"; then pass "sh -n $script"; else fail "sh -n $script"; fi
done
for script in bin/kiosk-usb-mount bin/kiosk-usb-remount; do
    [[ -x $HERE/$script ]] || fail "$script is not executable"
done
if command -v shellcheck >/dev/null 2>&1; then
    if shellcheck "$HERE/bin/kiosk-usb-mount" "$HERE/bin/kiosk-usb-remount" \
        "$HERE/debian/postinst" "$HERE/debian/prerm" "$HERE/debian/postrm" "$HERE/verify-units.sh"; then
        pass "shellcheck (helpers, maintainer scripts, this script)"
    else
        fail "shellcheck"
    fi
else
    skip "shellcheck is not installed"
fi

# --- 2. systemd units ---------------------------------------------------------------------
if ! command -v systemd-analyze >/dev/null 2>&1; then
    printf 'systemd-analyze is missing: install the package "systemd" (apt-get install systemd)\n' >&2
    exit 2
fi
printf 'using %s\n' "$(systemd-analyze --version | head -n 1)"

# This machine's own units (sysinit.target, getty@.service, ...): verify --root resolves
# every dependency inside the root.
host_units=
for dir in /usr/lib/systemd/system /lib/systemd/system; do
    if [[ -e $dir/sysinit.target ]]; then
        host_units=$dir
        break
    fi
done
[[ -n $host_units ]] || {
    printf 'no systemd units on this machine (sysinit.target not found)\n' >&2
    exit 2
}

ROOT=$TMP/root
mkdir -p "$ROOT/usr/lib/systemd" "$ROOT/usr/bin" "$ROOT/usr/sbin" "$ROOT/usr/lib/kiosk" \
    "$ROOT/etc/kiosk" "$ROOT/media/kiosk" "$ROOT/var/lib"
ln -s usr/lib "$ROOT/lib"
ln -s usr/bin "$ROOT/bin"
ln -s usr/sbin "$ROOT/sbin"
cp -r "$host_units" "$ROOT/usr/lib/systemd/system"
rm -f "$ROOT"/usr/lib/systemd/system/kiosk*
for unit in "${UNITS[@]}"; do
    install -m 0644 "$HERE/systemd/$unit" "$ROOT/usr/lib/systemd/system/$unit"
done
printf '#!/bin/sh\nexit 0\n' >"$ROOT/usr/bin/kiosk"
chmod 0755 "$ROOT/usr/bin/kiosk"
install -m 0755 "$HERE/bin/kiosk-usb-mount" "$HERE/bin/kiosk-usb-remount" "$ROOT/usr/lib/kiosk/"
install -m 0644 "$HERE/kiosk.toml" "$ROOT/etc/kiosk/kiosk.toml"

for unit in "${INSTANCES[@]}"; do
    out=$TMP/verify.out
    status=0
    systemd-analyze verify --root="$ROOT" --man=no "$unit" >"$out" 2>&1 || status=$?
    if [[ $status -ne 0 || -s $out ]]; then
        fail "systemd-analyze verify $unit (exit $status):"
        sed 's/^/      /' "$out"
    else
        pass "systemd-analyze verify $unit"
    fi
done

# Sanity of the check itself: a broken unit must be caught (a systemd-analyze that accepts
# everything would make the lines above worthless).
printf '[Service]\nExecStart=/usr/bin/kiosk\nNoSuchKey=1\n' >"$ROOT/usr/lib/systemd/system/kiosk-selftest.service"
if [[ -n $(systemd-analyze verify --root="$ROOT" --man=no kiosk-selftest.service 2>&1) ]]; then
    pass "systemd-analyze verify reports a deliberately broken unit"
else
    fail "systemd-analyze verify did not report a deliberately broken unit"
fi
rm -f "$ROOT/usr/lib/systemd/system/kiosk-selftest.service"

for unit in "${INSTANCES[@]}"; do
    score=$(systemd-analyze security --offline=yes --root="$ROOT" "$unit" 2>/dev/null |
        sed -n 's/.*Overall exposure level for [^:]*: //p') || true
    printf 'info  exposure of %s: %s\n' "$unit" "${score:-unknown}"
done

# --- 3. udev rule -------------------------------------------------------------------------
RULE=$HERE/udev/90-kiosk-usb.rules
if ! command -v udevadm >/dev/null 2>&1; then
    skip "udev rule: udevadm is not installed (package udev)"
elif udevadm verify --help >/dev/null 2>&1; then
    if out=$(udevadm verify --resolve-names=never "$RULE" 2>&1); then
        pass "udevadm verify 90-kiosk-usb.rules"
    else
        fail "udevadm verify 90-kiosk-usb.rules:"
        printf '%s\n' "$out" | sed 's/^/      /'
    fi
elif [[ $(id -u) -eq 0 ]] && command -v unshare >/dev/null 2>&1 &&
    dev=$(find /sys/class/block/ -mindepth 1 -maxdepth 1 | head -n 1) && [[ -n $dev ]]; then
    # udev 252: no "verify". "udevadm test" reads every rules file and reports each line it
    # cannot parse as FILE:LINE. Our rule is put in /etc/udev/rules.d inside a private mount
    # namespace (a tmpfs over it), so this machine's rules stay untouched.
    # shellcheck disable=SC2016 # $1 and $2 are the inner shell's arguments
    out=$(unshare --mount sh -c '
        set -e
        mkdir -p /etc/udev/rules.d
        mount -t tmpfs kiosk-verify /etc/udev/rules.d
        cp "$1" /etc/udev/rules.d/90-kiosk-usb.rules
        SYSTEMD_LOG_LEVEL=debug udevadm test --action=add "$2" 2>&1' sh "$RULE" "$dev" ||
        printf 'udevadm test failed to run\n')
    if printf '%s\n' "$out" | grep -q 'Reading rules file: /etc/udev/rules.d/90-kiosk-usb.rules'; then
        complaints=$(printf '%s\n' "$out" | grep -E '90-kiosk-usb\.rules:[0-9]+' || true)
        if [[ -z $complaints ]]; then
            pass "udevadm test loads 90-kiosk-usb.rules without complaint (udev $(udevadm --version))"
        else
            fail "udevadm test complains about 90-kiosk-usb.rules:"
            printf '%s\n' "$complaints" | sed 's/^/      /'
        fi
    else
        skip "udev rule: udevadm test could not load it here:"
        printf '%s\n' "$out" | tail -n 3 | sed 's/^/      /'
    fi
else
    skip "udev rule: udev $(udevadm --version) has no 'verify' and 'udevadm test' needs root and unshare"
fi

# --- 4. polkit rule -----------------------------------------------------------------------
if command -v node >/dev/null 2>&1; then
    if out=$(node - "$HERE/polkit/50-kiosk.rules" <<'EOF' 2>&1
"use strict";
const fs = require("fs");
const rules = [];
const polkit = {
  Result: { NO: "no", YES: "yes", AUTH_SELF: "auth_self", AUTH_SELF_KEEP: "auth_self_keep",
            AUTH_ADMIN: "auth_admin", AUTH_ADMIN_KEEP: "auth_admin_keep", NOT_HANDLED: null },
  addRule(f) { rules.push(f); },
  addAdminRule() {}, log() {}, spawn() { throw new Error("no spawn"); },
};
new Function("polkit", fs.readFileSync(process.argv[2], "utf8"))(polkit);
if (rules.length !== 1) throw new Error(`expected one rule, got ${rules.length}`);
function ask(id, user, unit, verb) {
  const details = { unit, verb };
  const action = { id, lookup: (k) => details[k] };
  const r = rules[0](action, { user, isInGroup: () => false, local: false, active: false });
  return r === undefined ? null : r;
}
const M = "org.freedesktop.systemd1.manage-units";
const cases = [
  [M, "kiosk", "kiosk-usb-rw@sda1.service", "start", "yes"],
  [M, "kiosk", "kiosk-usb-rw@sdb.service", "stop", "yes"],
  [M, "kiosk", "kiosk-usb-rw@sda1.service", "restart", null],
  [M, "kiosk", "kiosk-usb-rw@sda1.service", "reload", null],
  [M, "kiosk", "kiosk-usb@sda1.service", "stop", null],
  [M, "kiosk", "kiosk.service", "stop", null],
  [M, "kiosk", "ssh.service", "start", null],
  [M, "kiosk", "kiosk-usb-rw@sda-1.service", "start", null],
  [M, "kiosk", "kiosk-usb-rw@.service", "start", null],
  [M, "kiosk", "kiosk-usb-rw@sda1.service.bak", "start", null],
  [M, "kiosk", "xkiosk-usb-rw@sda1.service", "start", null],
  [M, "kiosk", undefined, "start", null],
  [M, "pi", "kiosk-usb-rw@sda1.service", "start", null],
  ["org.freedesktop.systemd1.manage-unit-files", "kiosk", "kiosk-usb-rw@sda1.service", "start", null],
  ["org.freedesktop.login1.reboot", "kiosk", undefined, undefined, null],
];
for (const [id, user, unit, verb, want] of cases) {
  const got = ask(id, user, unit, verb);
  if (got !== want) throw new Error(`${id} ${user} ${unit} ${verb}: got ${got}, want ${want}`);
}
console.log(`${cases.length} cases`);
EOF
    ); then
        pass "polkit rule: $out (kiosk may start/stop kiosk-usb-rw@NAME.service only)"
    else
        fail "polkit rule:"
        printf '%s\n' "$out" | sed 's/^/      /'
    fi
else
    skip "polkit rule: node is not installed"
fi

# --- 5. kiosk.toml ------------------------------------------------------------------------
if command -v python3 >/dev/null 2>&1 && python3 -c 'import tomllib' 2>/dev/null; then
    if out=$(python3 - "$HERE/kiosk.toml" <<'EOF' 2>&1
import sys, tomllib
with open(sys.argv[1], "rb") as f:
    c = tomllib.load(f)
want = {
    "state_dir": "/var/lib/kiosk",
    "usb_mount_roots": ["/media/kiosk"],
    "fullscreen": True,
    "usb_remount_helper": "/usr/lib/kiosk/kiosk-usb-remount",
}
problems = [f"{k} = {c.get(k)!r}, want {v!r}" for k, v in want.items() if c.get(k) != v]
problems += [f"{k} must not be set" for k in ("content", "admin_pin_sha256", "refresh_public_keys") if k in c]
if problems:
    sys.exit("; ".join(problems))
print(f"{len(c)} settings")
EOF
    ); then
        pass "kiosk.toml: $out, device values as expected"
    else
        fail "kiosk.toml: $out"
    fi
else
    skip "kiosk.toml: python3 with tomllib is not installed"
fi

printf '\n'
if [[ $failures -ne 0 ]]; then
    printf 'verify-units.sh: %d check(s) failed\n' "$failures"
    exit 1
fi
printf 'verify-units.sh: all checks passed (units: %s)\n' "${INSTANCES[*]}"
