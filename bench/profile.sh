#!/usr/bin/env bash
# Profile of dudao on one read route under load (issue 16): a demo database, the server pinned
# to CPU 0, wrk (64 connections) pinned to CPU 1, and `perf record --call-graph dwarf` on the
# server for the run; prints the top self-cost symbols and the top inclusive ones (children),
# then the samples by category (bench/perf_categories.py: JSON, SQLite prepare/step/cells, session,
# sockets, log); leaves perf.data in BENCH_PROFILE_OUT when set.
#   bench/profile.sh [PATH] [ACCOUNT]    default: /api/v1/schools?page_size=50 admin
# With BENCH_PROFILE=callgrind, valgrind --tool=callgrind instead (a fixed number of requests,
# BENCH_REQUESTS, 300 by default; instructions, not time).
# Environment: DUDAO_BIN (build/dudao), BENCH_DURATION (10s), BENCH_TOP (30).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${DUDAO_BIN:-build/dudao}
ROUTE=${1:-/api/v1/schools?page_size=50}
WHO=${2:-admin}
DURATION=${BENCH_DURATION:-10s}
TOP=${BENCH_TOP:-30}
MODE=${BENCH_PROFILE:-perf}
PASSWORD='Dudao@2026'
[ -x "$BIN" ] || { echo "profile: $BIN not found" >&2; exit 1; }
tmp=$(mktemp -d /tmp/dudao-profile.XXXXXX)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [ -n "${BENCH_PROFILE_OUT:-}" ]; then
    mkdir -p "$BENCH_PROFILE_OUT" && cp "$tmp"/perf.data "$tmp"/callgrind.out "$BENCH_PROFILE_OUT"/ 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
port=$((20000 + RANDOM % 40000))
"$BIN" demo --db "sqlite:$tmp/d.db" --data "$tmp/data" >"$tmp/demo.log" 2>&1 || { cat "$tmp/demo.log" >&2; exit 1; }
serve=("$BIN" serve --db "sqlite:$tmp/d.db" --data "$tmp/data" --listen "127.0.0.1:$port")
if [ "$MODE" = callgrind ]; then
  taskset -c 0 valgrind --tool=callgrind --callgrind-out-file="$tmp/callgrind.out" "${serve[@]}" >"$tmp/serve.log" 2>&1 &
else
  taskset -c 0 "${serve[@]}" >"$tmp/serve.log" 2>&1 &
fi
server_pid=$!
for _ in $(seq 1 300); do curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null && break; sleep 0.1; done
curl -fsS -c "$tmp/jar" -H 'Content-Type: application/json' -d "{\"username\":\"$WHO\",\"password\":\"$PASSWORD\"}" \
  -o /dev/null "http://127.0.0.1:$port/api/v1/auth/login"
cookie="Cookie: dudao_session=$(awk '$6 == "dudao_session" { print $7 }' "$tmp/jar" | tail -1)"
url="http://127.0.0.1:$port$ROUTE"
echo "profile: $ROUTE as $WHO, $(curl -fsS -H "$cookie" "$url" | wc -c) bytes a response"

if [ "$MODE" = callgrind ]; then
  n=${BENCH_REQUESTS:-300}
  for _ in $(seq 1 "$n"); do curl -fsS -o /dev/null -H "$cookie" "$url"; done
  kill -TERM "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
  callgrind_annotate --inclusive=no "$tmp/callgrind.out" 2>/dev/null | head -$((TOP + 25))
  echo "(instructions for $n requests plus start-up; divide by $n for a request)"
  exit 0
fi

taskset -c 1 wrk -t1 -c64 -d3s -H "$cookie" "$url" >/dev/null # warm up
perf record -q -F 999 --call-graph dwarf,16384 -o "$tmp/perf.data" -p "$server_pid" -- sleep "${DURATION%s}" \
  2>"$tmp/perf.log" &
perf_pid=$!
taskset -c 1 wrk -t1 -c64 -d"$DURATION" --latency -H "$cookie" "$url" | grep -E 'Requests/sec|99%'
wait "$perf_pid" || { cat "$tmp/perf.log" >&2; exit 1; }
echo "== self cost (top $TOP)"
perf report -i "$tmp/perf.data" --no-children --sort symbol,dso --stdio -g none --percent-limit 0.5 2>/dev/null |
  grep -E '^ +[0-9]' | head -"$TOP" || true
echo "== inclusive cost (children, top $TOP)"
perf report -i "$tmp/perf.data" --children --sort symbol --stdio -g none --percent-limit 2 2>/dev/null |
  grep -E '^ +[0-9]' | grep -v '0x0000' | head -"$TOP" || true
echo "== by category (each sample once, bench/perf_categories.py)"
perf script -i "$tmp/perf.data" -F comm,tid,ip,sym 2>/dev/null | bench/perf_categories.py -
