#!/usr/bin/env bash
# Installs what the editor test level (test/e2e) and `npm start` need; safe to run repeatedly.
#   - Debian packages: chromium (the browser playwright-core drives), libkrb5-dev + a compiler
#     toolchain (code-server's native modules build against Node 24 headers on install);
#   - Node 24 + code-server in the cache outside the clone (scripts/code-server/ensure.mjs), which
#     is reused when a previous run left a healthy one.
# Set ROTATION_GUARD_CACHE to move the cache (default: ~/.cache/rotation-guard).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

need=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
if command -v dpkg-query >/dev/null 2>&1; then
  for pkg in chromium libkrb5-dev build-essential python3 git ca-certificates; do
    have_pkg "$pkg" || need+=("$pkg")
  done
  if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
      echo "ci-install-e2e: missing system packages: ${need[*]} (run as root: apt-get install -y ${need[*]})" >&2
      exit 1
    fi
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
    echo "ci-install-e2e: installing Debian packages: ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
else
  echo "ci-install-e2e: not a Debian system; checking packages only" >&2
fi

node scripts/code-server/ensure.mjs >/dev/null
echo "ci-install-e2e: ready in $(( $(date +%s) - start )) s"
