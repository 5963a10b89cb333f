#!/usr/bin/env bash
# What `make bench` needs beyond scripts/setup.sh: nginx (the static-serving limit that
# bench/compare.sh measures against), wrk, linux-perf, and the Node peer's packages, installed
# into bench/peer/node_modules (a directory of its own, never the checkout's node_modules).
# better-sqlite3 has no prebuilt binary reachable here, so it is compiled against the system
# Node's headers (/usr/include/node, shipped with the machine's node 20).
# Idempotent: a second run installs nothing. Called by the Makefile's bench target only.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
missing=()
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
command -v wrk >/dev/null || missing+=(wrk)
command -v perf >/dev/null || missing+=(linux-perf)
command -v taskset >/dev/null || missing+=(util-linux)
command -v g++ >/dev/null || missing+=(g++)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup-bench: apt-get install ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # the package starts a server on port 80; the benchmark runs its own on a free port
  $SUDO systemctl disable --now nginx >/dev/null 2>&1 || $SUDO service nginx stop >/dev/null 2>&1 || true
fi
[ -f /usr/include/node/node.h ] || { echo "setup-bench: no Node headers in /usr/include/node (better-sqlite3 builds against them)" >&2; exit 1; }
stamp=bench/peer/node_modules/.installed-from-lock
if [ ! -f "$stamp" ] || ! cmp -s bench/peer/package-lock.json "$stamp"; then
  echo "setup-bench: npm ci in bench/peer"
  (cd bench/peer && npm_config_nodedir=/usr npm ci --no-audit --no-fund --loglevel=error)
  cp bench/peer/package-lock.json "$stamp"
fi
node -e "require('./bench/peer/node_modules/better-sqlite3')(':memory:')" \
  || { echo "setup-bench: better-sqlite3 does not load" >&2; exit 1; }
