#!/usr/bin/env bash
# Import and list benchmark of the 挂牌督导 set-up: generates 100,000 schools as a CSV and as
# an XLSX, times `dudao import schools` on each into a fresh demo database (wall time, rows/s,
# peak RSS), then measures GET /api/v1/schools at 50 rows a page (first page, a deep page,
# a search) with wrk on the 100,000-school database. Figures only: no pass or fail.
# Environment: DUDAO_BIN (default build/dudao), BENCH_ROWS (100000), BENCH_DURATION (10s).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${DUDAO_BIN:-build/dudao}
ROWS=${BENCH_ROWS:-100000}
DURATION=${BENCH_DURATION:-10s}
tmp=$(mktemp -d /tmp/dudao-bench-import.XXXXXX)
server_pid=""
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$tmp"' EXIT

node --input-type=module - "$tmp" "$ROWS" <<'JS'
import { writeFileSync } from 'node:fs';
import { xlsx } from './tests/lib/xlsx.mjs';
const [dir, n] = [process.argv[2], Number(process.argv[3])];
const towns = ['330521001', '330521002', '330521101', '330522001', '330522101'];
const head = ['学校标识码', '学校名称', '所在地代码', '办学类型码', '民办', '小学在校生', '小学班级数'];
const rows = [head];
for (let i = 0; i < n; i++) rows.push([`2133${String(500000 + i).padStart(6, '0')}`, `批量学校${i}`, towns[i % 5], '211', '否', 300 + (i % 500), 10 + (i % 20)]);
writeFileSync(`${dir}/schools.csv`, rows.map((r) => r.join(',')).join('\n') + '\n');
writeFileSync(`${dir}/schools.xlsx`, xlsx(rows));
JS

measure() { # KIND FILE
  local db="sqlite:$tmp/$1.db"
  "$BIN" demo --db "$db" >/dev/null 2>&1
  /usr/bin/time -f '%e %M' -o "$tmp/time" "$BIN" import schools "$2" --db "$db" >/dev/null
  read -r secs kb <"$tmp/time"
  awk -v k="import $1" -v n="$ROWS" -v s="$secs" -v kb="$kb" \
    'BEGIN { printf "%-28s %8d rows %8.1f s %10.0f rows/s %8.1f MiB peak RSS\n", k, n, s, n / s, kb / 1024 }'
}
echo "dudao import bench: $ROWS schools, $(nproc) CPUs"
measure csv "$tmp/schools.csv"
measure xlsx "$tmp/schools.xlsx"

port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
"$BIN" serve --db "sqlite:$tmp/csv.db" --listen "127.0.0.1:$port" --web web/dist >"$tmp/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
cookie=$(curl -si -X POST "http://127.0.0.1:$port/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"Dudao@2026"}' | sed -n 's/^[Ss]et-[Cc]ookie: \(dudao_session=[^;]*\).*/\1/p')
printf '%-44s %10s %10s %10s\n' "GET /api/v1/schools (50 a page)" "req/s" "p50" "p99"
for q in "page_size=50" "page_size=50&page=1500" "page_size=50&q=%E6%89%B9%E9%87%8F%E5%AD%A6%E6%A0%A199999"; do
  wrk -t2 -c16 -d"$DURATION" --latency -H "Cookie: $cookie" "http://127.0.0.1:$port/api/v1/schools?$q" >"$tmp/wrk" 2>&1
  printf '%-44s %10s %10s %10s\n' "?$q" "$(awk '/Requests\/sec/ {print $2}' "$tmp/wrk")" \
    "$(awk '$1=="50%" {print $2}' "$tmp/wrk")" "$(awk '$1=="99%" {print $2}' "$tmp/wrk")"
done
