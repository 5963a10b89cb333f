#!/usr/bin/env bash
# HTTP benchmark of the server: starts build/dudao on a fresh demo database, logs in as the
# demo admin, and runs wrk against
#   (a) GET /healthz                                  (no auth, no DB work beyond a ping)
#   (b) GET /api/v1/users?page_size=20 with a cookie  (session lookup + a scoped list query)
#   (c) POST /api/v1/auth/login                        (argon2id verify; few connections)
# and prints req/s, p50 and p99 for each. Figures only: there is no pass or fail.
#
# Environment: DUDAO_BIN (default build/dudao), BENCH_DURATION (default 10s),
# BENCH_THREADS (2), BENCH_CONNECTIONS (64), BENCH_LOGIN_CONNECTIONS (4),
# BENCH_DB=pg to run on a fresh database of the PostgreSQL server named by DUDAO_TEST_PG.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${DUDAO_BIN:-build/dudao}
DURATION=${BENCH_DURATION:-10s}
THREADS=${BENCH_THREADS:-2}
CONNS=${BENCH_CONNECTIONS:-64}
LOGIN_CONNS=${BENCH_LOGIN_CONNECTIONS:-4}
PASSWORD='Dudao@2026'

command -v wrk >/dev/null || { echo "bench: wrk is not installed (apt-get install wrk)" >&2; exit 1; }
command -v curl >/dev/null || { echo "bench: curl is not installed" >&2; exit 1; }
[ -x "$BIN" ] || { echo "bench: $BIN not found; run make first" >&2; exit 1; }

tmp=$(mktemp -d /tmp/dudao-bench.XXXXXX)
server_pid=""
pg_db=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [ -n "$pg_db" ]; then
    psql "$DUDAO_TEST_PG" -q -c "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

if [ "${BENCH_DB:-sqlite}" = pg ]; then
  : "${DUDAO_TEST_PG:?BENCH_DB=pg needs DUDAO_TEST_PG}"
  pg_db="dudao_bench_$$"
  psql "$DUDAO_TEST_PG" -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE $pg_db" >/dev/null
  db_url="${DUDAO_TEST_PG%/*}/$pg_db"
else
  db_url="sqlite:$tmp/dudao.db"
fi

free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  echo "bench: no free port" >&2; exit 1
}

"$BIN" demo --db "$db_url" --data "$tmp/data" >"$tmp/demo.log" 2>&1 \
  || { cat "$tmp/demo.log" >&2; echo "bench: dudao demo failed" >&2; exit 1; }
port=$(free_port)
base="http://127.0.0.1:$port"
"$BIN" serve --db "$db_url" --data "$tmp/data" --listen "127.0.0.1:$port" >"$tmp/server.log" 2>&1 &
server_pid=$!
for i in $(seq 1 200); do
  curl -fsS -o /dev/null "$base/healthz" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$tmp/server.log" >&2; echo "bench: server exited" >&2; exit 1; }
  [ "$i" = 200 ] && { echo "bench: server did not come up" >&2; exit 1; }
  sleep 0.1
done

curl -fsS -o "$tmp/health.json" "$base/healthz"
login_body="{\"username\":\"admin\",\"password\":\"$PASSWORD\"}"
curl -fsS -c "$tmp/jar" -H 'Content-Type: application/json' -d "$login_body" -o /dev/null "$base/api/v1/auth/login" \
  || { echo "bench: login failed" >&2; exit 1; }
session=$(awk '$6 == "dudao_session" { print $7 }' "$tmp/jar" | tail -1)
[ -n "$session" ] || { echo "bench: no dudao_session cookie after login" >&2; exit 1; }
cookie="dudao_session=$session"
curl -fsS -H "Cookie: $cookie" -o /dev/null "$base/api/v1/users?page_size=20" \
  || { echo "bench: authenticated GET failed" >&2; exit 1; }

cat >"$tmp/login.lua" <<EOF
wrk.method = "POST"
wrk.body = '$login_body'
wrk.headers["Content-Type"] = "application/json"
EOF

rows=()
# run NAME CONNECTIONS wrk-args...: runs wrk, keeps its output, adds a table row.
run() {
  local name=$1 conns=$2; shift 2
  local out="$tmp/wrk.$(( ${#rows[@]} )).txt"
  echo "bench: $name (${THREADS} threads, ${conns} connections, ${DURATION})" >&2
  wrk -t"$THREADS" -c"$conns" -d"$DURATION" --latency "$@" >"$out" 2>&1 \
    || { cat "$out" >&2; echo "bench: wrk failed on $name" >&2; exit 1; }
  local rps p50 p99 non2xx errors
  rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
  p50=$(awk '/Latency Distribution/ { f = 1 } f && $1 == "50%" { print $2; exit }' "$out")
  p99=$(awk '/Latency Distribution/ { f = 1 } f && $1 == "99%" { print $2; exit }' "$out")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$out")
  errors=$(awk '/Socket errors:/ { sub(/.*Socket errors: /, ""); print }' "$out")
  rows+=("$(printf '%-40s %5s %12s %10s %10s  %s' "$name" "$conns" "$rps" "$p50" "$p99" \
    "${non2xx:+non-2xx: $non2xx }${errors:+socket errors: $errors}")")
}

run "GET /healthz" "$CONNS" "$base/healthz"
run "GET /api/v1/users?page_size=20 (cookie)" "$CONNS" -H "Cookie: $cookie" "$base/api/v1/users?page_size=20"
run "POST /api/v1/auth/login (argon2id)" "$LOGIN_CONNS" -s "$tmp/login.lua" "$base/api/v1/auth/login"

echo
version=$(sed -n 's/.*"version":"\([^"]*\)".*/\1/p' "$tmp/health.json")
echo "dudao bench: $BIN ${version:+(version $version) }on ${BENCH_DB:-sqlite}, $(nproc) CPUs shared by server and wrk, wrk ${THREADS} threads, ${DURATION} each"
printf '%-40s %5s %12s %10s %10s  %s\n' "endpoint" "conns" "req/s" "p50" "p99" "notes"
printf '%s\n' "${rows[@]}"
