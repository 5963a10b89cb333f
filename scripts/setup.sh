#!/usr/bin/env bash
# Installs what dudao needs on Debian 12 when it is missing: apt packages (through sudo
# when not root) and the web app's npm packages. Safe to run again: it only acts on gaps.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential pkg-config clang libclang-rt-14-dev
  libmicrohttpd-dev libjansson-dev libsqlite3-dev sqlite3 libpq-dev
  libsodium-dev libssl-dev libcmocka-dev
  libcairo2-dev libpango1.0-dev libfontconfig-dev libqrencode-dev libxlsxwriter-dev libzip-dev zlib1g-dev libxml2-dev libxxhash-dev
  poppler-utils zbar-tools
  nodejs npm chromium fonts-noto-cjk wrk
)
# PostgreSQL server binaries are needed only by the PostgreSQL suites (.ci/run, make test-pg).
if [ "${DUDAO_WITH_PG:-0}" = 1 ]; then
  APT_PACKAGES+=(postgresql-15 postgresql-client-15)
fi

missing=()
for p in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
# A machine with its own Node.js (nodesource, nvm) does not need Debian's.
if command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=()
  for p in "${missing[@]}"; do [ "$p" = nodejs ] || [ "$p" = npm ] || filtered+=("$p"); done
  missing=("${filtered[@]+"${filtered[@]}"}")
fi

if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm packages: the web app's (web/) and the browser tests' (playwright-core, at the root);
# `npm ci` only when a lock file is newer than what is installed.
for dir in web .; do
  if [ -f "$dir/package-lock.json" ]; then
    if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
      echo "setup: installing npm packages in $dir"
      (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    fi
  fi
done
