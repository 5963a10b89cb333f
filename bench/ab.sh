#!/usr/bin/env bash
# A/B benchmark of two dudao binaries on the read path: for each binary a fresh demo database
# (made by that binary) and a server pinned to CPU 0, wrk pinned to CPU 1; the binaries take
# turns route by route for BENCH_ROUNDS rounds, so machine noise hits both alike. Prints the
# median req/s of each, and B/A (> 1: B is faster). Figures only: no pass or fail.
#
#   bench/ab.sh BIN_A BIN_B          e.g. bench/ab.sh /tmp/dudao-base build/dudao
# Environment: BENCH_ROUNDS (5), BENCH_DURATION (3s), BENCH_CONNECTIONS (32), BENCH_ROUTES (a
# space-separated subset of the routes below).
set -euo pipefail
cd "$(dirname "$0")/.."
A=${1:?usage: bench/ab.sh BIN_A BIN_B}
B=${2:?usage: bench/ab.sh BIN_A BIN_B}
ROUNDS=${BENCH_ROUNDS:-5}
DURATION=${BENCH_DURATION:-3s}
CONNS=${BENCH_CONNECTIONS:-32}
PASSWORD='Dudao@2026'
command -v wrk >/dev/null || { echo "bench: wrk is not installed" >&2; exit 1; }
tmp=$(mktemp -d /tmp/dudao-ab.XXXXXX)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$tmp"' EXIT

ROUTES=(
  "/healthz"
  "/api/v1/users?page_size=20"
  "/api/v1/schools?page_size=20"
  "/api/v1/inspectors?page_size=20"
  "/api/v1/findings?page_size=20"
  "/api/v1/findings/stats"
  "/api/v1/tasks?page_size=20"
  "/api/v1/visits?page_size=20"
  "/api/v1/frameworks"
  "/api/v1/audit?page_size=20"
)

if [ -n "${BENCH_ROUTES:-}" ]; then read -r -a ROUTES <<<"$BENCH_ROUTES"; fi

# start NAME BIN PORT: a demo database and a pinned server; sets cookie_NAME.
start() {
  local name=$1 bin=$2 port=$3
  "$bin" demo --db "sqlite:$tmp/$name.db" --data "$tmp/$name.data" >"$tmp/$name.demo.log" 2>&1 \
    || { cat "$tmp/$name.demo.log" >&2; exit 1; }
  taskset -c 0 "$bin" serve --db "sqlite:$tmp/$name.db" --data "$tmp/$name.data" --listen "127.0.0.1:$port" \
    >"$tmp/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null && break; sleep 0.1; done
  curl -fsS -c "$tmp/$name.jar" -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" -o /dev/null "http://127.0.0.1:$port/api/v1/auth/login"
  awk '$6 == "dudao_session" { print $7 }' "$tmp/$name.jar" | tail -1 > "$tmp/$name.cookie"
}
start a "$A" 18101
start b "$B" 18102

rps() { # rps PORT COOKIE ROUTE
  taskset -c 1 wrk -t1 -c"$CONNS" -d"$DURATION" -H "Cookie: dudao_session=$2" "http://127.0.0.1:$1$3" 2>&1 |
    awk '/^Requests\/sec:/ { print $2 } /Non-2xx/ { print "non2xx " $NF > "/dev/stderr" }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

printf '%-36s %12s %12s %7s\n' route "A req/s" "B req/s" "B/A"
for route in "${ROUTES[@]}"; do
  : >"$tmp/ra"; : >"$tmp/rb"
  for r in $(seq 1 "$ROUNDS"); do
    if [ $((r % 2)) = 1 ]; then
      rps 18101 "$(cat "$tmp/a.cookie")" "$route" >>"$tmp/ra"; rps 18102 "$(cat "$tmp/b.cookie")" "$route" >>"$tmp/rb"
    else
      rps 18102 "$(cat "$tmp/b.cookie")" "$route" >>"$tmp/rb"; rps 18101 "$(cat "$tmp/a.cookie")" "$route" >>"$tmp/ra"
    fi
  done
  ma=$(median <"$tmp/ra"); mb=$(median <"$tmp/rb")
  printf '%-36s %12.0f %12.0f %7.2f\n' "$route" "$ma" "$mb" "$(awk -v a="$ma" -v b="$mb" 'BEGIN { print (a > 0) ? b / a : 0 }')"
done
echo "A = $A, B = $B; $ROUNDS alternating rounds of $DURATION, $CONNS connections; server on CPU 0, wrk on CPU 1"
