#!/usr/bin/env bash
# dudao against a Node peer and against nginx (issue 16): the same read routes, side by side.
#   dudao  build/dudao serve on a demo database;
#   peer   bench/peer/server.mjs (Node 20 + Fastify + better-sqlite3, dudao's SQL, the same
#          session check) on the same database file;
#   nginx  serving dudao's response bodies saved to files (the cost of HTTP alone): one worker,
#          access log off, the same response headers.
# Every server is pinned to CPU 0 and wrk to CPU 1. Before any timing, each route's body from
# the peer must be byte-equal to dudao's (the script stops otherwise). Then, route by route, the
# three servers take turns in alternating order for BENCH_ROUNDS rounds, so the noise of a
# shared machine falls on all of them alike; the line per route gives the medians of req/s and
# of p99, and the ratios dudao/peer and dudao/nginx. RSS of each server is printed at start
# (idle) and after the run, and the RSS that 1,000 idle keep-alive connections add (bench/idle_conns.mjs).
# Figures only: there is no pass or fail beyond byte equality.
#
# Environment: DUDAO_BIN (build/dudao), BENCH_ROUNDS (5), BENCH_DURATION (5s),
# BENCH_CONNECTIONS (64), BENCH_IDLE_CONNECTIONS (1000), BENCH_ROUTES (names to run, space-separated; default all).
# Needs scripts/setup-bench.sh (nginx, wrk, the peer's node_modules); `make bench` runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${DUDAO_BIN:-build/dudao}
ROUNDS=${BENCH_ROUNDS:-5}
DURATION=${BENCH_DURATION:-5s}
CONNS=${BENCH_CONNECTIONS:-64}
PASSWORD='Dudao@2026'
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
die() { echo "compare: $*" >&2; exit 1; }
[ -x "$BIN" ] || die "$BIN not found; run make first"
command -v wrk >/dev/null || die "wrk is not installed (scripts/setup-bench.sh)"
[ -x "$NGINX" ] || die "nginx is not installed (scripts/setup-bench.sh)"
[ -d bench/peer/node_modules/fastify ] || die "bench/peer/node_modules missing (scripts/setup-bench.sh)"

# name | path | account (cookie). The office home (web/src/views/dashboard/OfficeOverview.vue)
# asks four routes; the peer answers three of them (not /balance/overview).
ROUTE_TABLE=(
  "healthz|/healthz|admin"
  "schools-admin|/api/v1/schools?page_size=50|admin"
  "schools-school|/api/v1/schools?page_size=50|school"
  "findings-ledger|/api/v1/findings?page_size=50|admin"
  "home-coverage|/api/v1/coverage|admin"
  "home-visits|/api/v1/visits/coverage|admin"
  "home-findings-stats|/api/v1/findings/stats|admin"
)

tmp=$(mktemp -d /tmp/dudao-compare.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  if [ -n "${BENCH_KEEP:-}" ]; then echo "compare: kept $tmp" >&2; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  die "no free port"
}
wait_up() { # wait_up PORT PATH
  for _ in $(seq 1 100); do curl -fsS -o /dev/null "http://127.0.0.1:$1$2" 2>/dev/null && return; sleep 0.1; done
  die "server on port $1 did not come up"
}
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
rss_kb() { # rss_kb PID...: resident set of the processes, in KiB
  local sum=0 p v
  for p in "$@"; do v=$(awk '/^VmRSS:/ { print $2 }' "/proc/$p/status" 2>/dev/null || echo 0); sum=$((sum + ${v:-0})); done
  echo "$sum"
}

db="sqlite:$tmp/dudao.db"
"$BIN" demo --db "$db" --data "$tmp/data" >"$tmp/demo.log" 2>&1 || { cat "$tmp/demo.log" >&2; die "dudao demo failed"; }

dudao_port=$(free_port)
taskset -c 0 "$BIN" serve --db "$db" --data "$tmp/data" --listen "127.0.0.1:$dudao_port" >"$tmp/dudao.log" 2>&1 &
dudao_pid=$!; pids+=("$dudao_pid")
wait_up "$dudao_port" /healthz
version=$(curl -fsS "http://127.0.0.1:$dudao_port/healthz" | sed -n 's/.*"version":"\([^"]*\)".*/\1/p')

peer_port=$(free_port)
taskset -c 0 node bench/peer/server.mjs --db "$tmp/dudao.db" --listen "127.0.0.1:$peer_port" --version "$version" \
  >"$tmp/peer.log" 2>&1 &
peer_pid=$!; pids+=("$peer_pid")
wait_up "$peer_port" /healthz

# One login per account on dudao; the peer reads the same session table, so the cookie is valid there.
for who in admin school; do
  curl -fsS -c "$tmp/$who.jar" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$who\",\"password\":\"$PASSWORD\"}" -o /dev/null "http://127.0.0.1:$dudao_port/api/v1/auth/login"
  awk '$6 == "dudao_session" { print $7 }' "$tmp/$who.jar" | tail -1 >"$tmp/$who.cookie"
  [ -s "$tmp/$who.cookie" ] || die "login as $who failed"
done

# Byte equality first; dudao's bodies become nginx's files.
mkdir -p "$tmp/www"
selected=()
for row in "${ROUTE_TABLE[@]}"; do
  IFS='|' read -r name path who <<<"$row"
  if [ -n "${BENCH_ROUTES:-}" ] && ! grep -qw -- "$name" <<<"$BENCH_ROUTES"; then continue; fi
  cookie="Cookie: dudao_session=$(cat "$tmp/$who.cookie")"
  curl -fsS -H "$cookie" -o "$tmp/www/$name.json" "http://127.0.0.1:$dudao_port$path" || die "$name: dudao failed"
  curl -sS -H "$cookie" -o "$tmp/peer.$name.json" "http://127.0.0.1:$peer_port$path" || die "$name: peer failed"
  if ! cmp -s "$tmp/www/$name.json" "$tmp/peer.$name.json"; then
    echo "compare: $name: the peer's body differs from dudao's ($path as $who):" >&2
    cmp "$tmp/www/$name.json" "$tmp/peer.$name.json" >&2 || true
    diff <(tr ',' '\n' <"$tmp/www/$name.json") <(tr ',' '\n' <"$tmp/peer.$name.json") | head -20 >&2 || true
    die "byte equality failed: fix bench/peer/server.mjs (bench/peer/sqltrace.c shows dudao's SQL)"
  fi
  selected+=("$row")
done
[ ${#selected[@]} -gt 0 ] || die "no route selected"

nginx_port=$(free_port)
chmod a+rx "$tmp" "$tmp/www" && chmod a+r "$tmp"/www/*.json   # nginx workers run as www-data
cat >"$tmp/nginx.conf" <<EOF
worker_processes 1;
pid $tmp/nginx.pid;
error_log $tmp/nginx.error.log;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path $tmp/nginx-body;
  proxy_temp_path $tmp/nginx-proxy;
  fastcgi_temp_path $tmp/nginx-fcgi;
  uwsgi_temp_path $tmp/nginx-uwsgi;
  scgi_temp_path $tmp/nginx-scgi;
  server {
    listen 127.0.0.1:$nginx_port;
    root $tmp/www;
    location / {
      default_type "application/json; charset=utf-8";
      add_header Cache-Control no-store;
      add_header X-Content-Type-Options nosniff;
      add_header X-Frame-Options DENY;
      add_header Referrer-Policy same-origin;
    }
  }
}
EOF
taskset -c 0 "$NGINX" -c "$tmp/nginx.conf" -g 'daemon off;' >"$tmp/nginx.log" 2>&1 &
nginx_pid=$!; pids+=("$nginx_pid")
wait_up "$nginx_port" "/${selected[0]%%|*}.json"
nginx_pids() { echo "$nginx_pid" $(pgrep -P "$nginx_pid" || true); }

echo "idle RSS: dudao $(mib $(rss_kb "$dudao_pid")) MiB, peer $(mib $(rss_kb "$peer_pid")) MiB," \
  "nginx $(mib $(rss_kb $(nginx_pids))) MiB"

# run SERVER NAME PATH COOKIE: one wrk run; prints "req/s p99_ms"
run() {
  local port url hdr=()
  case $1 in
    dudao) port=$dudao_port; url="http://127.0.0.1:$port$3" ;;
    peer) port=$peer_port; url="http://127.0.0.1:$port$3" ;;
    nginx) port=$nginx_port; url="http://127.0.0.1:$port/$2.json" ;;
  esac
  [ "$1" = nginx ] || hdr=(-H "Cookie: dudao_session=$4")
  taskset -c 1 wrk -t1 -c"$CONNS" -d"$DURATION" --latency "${hdr[@]}" "$url" >"$tmp/wrk.out" 2>&1 || true
  if grep -q 'Non-2xx' "$tmp/wrk.out"; then
    cat "$tmp/wrk.out" >&2
    die "$1 $2: non-2xx answers"
  fi
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /^Requests\/sec:/ { rps = $2 }
    $1 == "99%" { p99 = ms($2) }
    END { printf "%s %s\n", rps + 0, p99 + 0 }' "$tmp/wrk.out"
}
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "$ROUNDS alternating rounds of $DURATION, $CONNS connections, servers on CPU 0, wrk on CPU 1; medians"
printf '%-20s %10s %8s %10s %8s %10s %8s %11s %11s\n' route "dudao r/s" "p99 ms" "peer r/s" "p99 ms" \
  "nginx r/s" "p99 ms" "dudao/peer" "dudao/nginx"
orders=("dudao peer nginx" "nginx peer dudao" "peer nginx dudao" "dudao nginx peer" "nginx dudao peer" "peer dudao nginx")
for row in "${selected[@]}"; do
  IFS='|' read -r name path who <<<"$row"
  cookie=$(cat "$tmp/$who.cookie")
  for s in dudao peer nginx; do : >"$tmp/$s.rps"; : >"$tmp/$s.p99"; done
  for r in $(seq 1 "$ROUNDS"); do
    for s in ${orders[$(((r - 1) % ${#orders[@]}))]}; do
      read -r rps p99 < <(run "$s" "$name" "$path" "$cookie")
      echo "$rps" >>"$tmp/$s.rps"; echo "$p99" >>"$tmp/$s.p99"
    done
  done
  for s in dudao peer nginx; do
    declare "rps_$s=$(median <"$tmp/$s.rps")" "p99_$s=$(median <"$tmp/$s.p99")"
  done
  awk -v n="$name" -v d="$rps_dudao" -v dp="$p99_dudao" -v p="$rps_peer" -v pp="$p99_peer" -v x="$rps_nginx" \
    -v xp="$p99_nginx" 'BEGIN {
      printf "%-20s %10.0f %8.2f %10.0f %8.2f %10.0f %8.2f %10.2fx %10.1f%%\n", n, d, dp, p, pp, x, xp,
        (p > 0) ? d / p : 0, (x > 0) ? 100 * d / x : 0 }'
done
# idle_growth PORT PATH PIDS...: RSS growth (KiB) of the server while IDLE_CONNS served keep-alive
# connections stand idle
IDLE_CONNS=${BENCH_IDLE_CONNECTIONS:-1000}
idle_growth() {
  local port=$1 path=$2 before after
  shift 2
  before=$(rss_kb "$@")
  rm -f "$tmp/idle.fifo" && mkfifo "$tmp/idle.fifo"
  taskset -c 1 node bench/idle_conns.mjs "$port" "$IDLE_CONNS" "$path" <"$tmp/idle.fifo" >"$tmp/idle.out" 2>&1 &
  local idle_pid=$!
  exec 7>"$tmp/idle.fifo"
  for _ in $(seq 1 600); do grep -q '^ready' "$tmp/idle.out" && break; kill -0 "$idle_pid" 2>/dev/null || break; sleep 0.1; done
  grep -q '^ready' "$tmp/idle.out" || { cat "$tmp/idle.out" >&2; die "idle connections to port $port failed"; }
  sleep 0.5
  after=$(rss_kb "$@")
  exec 7>&-
  wait "$idle_pid" || true
  echo $((after - before))
}
echo "RSS after the run: dudao $(mib $(rss_kb "$dudao_pid")) MiB, peer $(mib $(rss_kb "$peer_pid")) MiB," \
  "nginx $(mib $(rss_kb $(nginx_pids))) MiB"
echo "RSS added by $IDLE_CONNS idle keep-alive connections: dudao $(mib $(idle_growth "$dudao_port" /healthz "$dudao_pid")) MiB," \
  "peer $(mib $(idle_growth "$peer_port" /healthz "$peer_pid")) MiB," \
  "nginx $(mib $(idle_growth "$nginx_port" "/${selected[0]%%|*}.json" $(nginx_pids))) MiB"
echo "dudao $version ($BIN); peer: node $(node -v), bench/peer; nginx $("$NGINX" -v 2>&1 | sed 's/.*\///')"
