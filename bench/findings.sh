#!/usr/bin/env bash
# The 问题台账 at scale: 1,000,000 findings (SQLite, spread over the demo's 118 schools, every
# state, a fifth of the open ones past their deadline), then
#   - the ledger list: a county's open findings, a town's overdue serious ones, a keyword search
#     (each answer carries the counts by state, as the page shows them);
#   - the dashboard aggregates (GET /findings/stats);
#   - the overdue sweep and escalation ladder (POST /jobs/run as of a later date: the first run
#     raises every late finding, the next day's run finds little to do).
# Figures only: no pass or fail. Environment: DUDAO_BIN (build/dudao), BENCH_FINDINGS
# (1000000), BENCH_DURATION (5s).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${DUDAO_BIN:-build/dudao}
N=${BENCH_FINDINGS:-1000000}
DURATION=${BENCH_DURATION:-5s}
tmp=$(mktemp -d /tmp/dudao-bench-findings.XXXXXX)
server_pid=""
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$tmp"' EXIT
db="$tmp/f.db"
"$BIN" demo --db "sqlite:$db" --data "$tmp/data" >/dev/null 2>&1
today=$(TZ=Asia/Shanghai date +%F)
start=$(date +%s.%N)
sqlite3 "$db" <<SQL
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
CREATE TEMP TABLE s AS SELECT ROW_NUMBER() OVER (ORDER BY id) - 1 AS k, id, region_code FROM school;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $N - 1)
INSERT INTO finding (region_code, county_code, school_id, source, indicator_code, indicator_text, category, severity,
                     description, requirement, deadline, state, issued_at, closed_at, notice_no, created_at, updated_at)
SELECT s.region_code, CASE WHEN s.region_code LIKE '330521%' THEN '330521' ELSE '330522' END, s.id,
       CASE i % 10 WHEN 0 THEN 'complaint' WHEN 1 THEN 'manual' ELSE 'visit' END,
       'B' || (i % 7) || '.' || (i % 5), '指标' || (i % 35), CASE i % 6 WHEN 0 THEN '安全' WHEN 1 THEN '双减' WHEN 2 THEN '五项管理'
       WHEN 3 THEN '食品安全' WHEN 4 THEN '收费' ELSE '办学行为' END,
       CASE i % 4 WHEN 0 THEN 'general' WHEN 1 THEN 'serious' WHEN 2 THEN 'severe' ELSE 'red_line' END,
       '批量问题 ' || i || '：消防器材过期、台账缺失等', '限期整改',
       date('$today', printf('%+d days', (i % 90) - 18)),
       CASE WHEN i % 10 < 5 THEN 'closed' WHEN i % 10 = 5 THEN 'submitted' WHEN i % 10 = 6 THEN 'rectifying'
            WHEN i % 10 = 7 THEN 'issued' WHEN i % 10 = 8 THEN 'draft' ELSE 'rectifying' END,
       CASE WHEN i % 10 = 8 THEN NULL ELSE strftime('%s', 'now') - (i % 400) * 86400 END,
       CASE WHEN i % 10 < 5 THEN strftime('%s', 'now') - (i % 400) * 86400 + (i % 40 + 1) * 86400 END,
       CASE WHEN i % 10 = 8 THEN NULL ELSE '德督改〔2026〕' || (100000 + i) || '号' END,
       strftime('%s', 'now') - (i % 400) * 86400, strftime('%s', 'now')
FROM n JOIN s ON s.k = n.i % (SELECT COUNT(*) FROM s);
ANALYZE;
SQL
printf 'dudao findings bench: %d findings (SQLite), %d CPUs; generated in %.1f s, %s on disk\n' "$N" "$(nproc)" \
  "$(echo "$(date +%s.%N) - $start" | bc)" "$(du -h "$db" | cut -f1)"

port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
DUDAO_TEST_CLOCK=1 "$BIN" serve --db "sqlite:$db" --data "$tmp/data" --listen "127.0.0.1:$port" --web web/dist \
  >"$tmp/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
login() {
  curl -si -X POST "http://127.0.0.1:$port/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"Dudao@2026\"}" >"$tmp/login"
  cookie=$(sed -n 's/^[Ss]et-[Cc]ookie: \(dudao_session=[^;]*\).*/\1/p' "$tmp/login")
  csrf=$(sed -n 's/.*"csrf_token":"\([^"]*\)".*/\1/p' "$tmp/login")
}
login admin_dq
# the first run at start-up sweeps today's ladder and recurrence over the million; time it
t0=$(date +%s.%N)
for _ in $(seq 2400); do
  [ "$(curl -s -H "Cookie: $cookie" "http://127.0.0.1:$port/api/v1/jobs" | grep -o "\"done_period\":\"$today\"" | wc -l)" -ge 2 ] && break
  sleep 0.5
done
printf 'first sweep at start-up (ladder + recurrence over all): %.1f s\n' "$(echo "$(date +%s.%N) - $t0" | bc)"
curl -s -H "Cookie: $cookie" "http://127.0.0.1:$port/api/v1/jobs" | grep -o '"last_result":{[^}]*}'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (2 CPUs shared with other work)"
printf '%-60s %9s %9s %9s\n' "request" "req/s" "p50" "p99"
run_wrk() { # LABEL PATH
  wrk -t2 -c4 -d"$DURATION" --timeout 30s --latency -H "Cookie: $cookie" "http://127.0.0.1:$port$2" >"$tmp/wrk" 2>&1
  printf '%-60s %9s %9s %9s\n' "$1" "$(awk '/Requests\/sec/ {print $2}' "$tmp/wrk")" \
    "$(awk '$1=="50%" {print $2}' "$tmp/wrk")" "$(awk '$1=="99%" {print $2}' "$tmp/wrk")"
}
run_wrk "ledger: county, open, 20 a page (+ counts)" "/api/v1/findings?state=open&page_size=20"
run_wrk "ledger: a town's overdue serious findings" "/api/v1/findings?region_code=330521001&severity=serious&overdue=true"
run_wrk "ledger: sorted by deadline, page 500" "/api/v1/findings?sort=deadline&page=500"
run_wrk "ledger: one school" "/api/v1/findings?school_id=5"
run_wrk "dashboard aggregates (/findings/stats)" "/api/v1/findings/stats"
sweep() { # AS_OF LABEL
  local t0 t1
  t0=$(date +%s.%N)
  curl -s -X POST -H "Cookie: $cookie" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
    -d "{\"as_of\":\"$1\"}" "http://127.0.0.1:$port/api/v1/jobs/run" >"$tmp/sweep"
  t1=$(date +%s.%N)
  printf '%-60s %8.2f s  %s\n' "$2" "$(echo "$t1 - $t0" | bc)" "$(grep -o '"report":{[^}]*}' "$tmp/sweep" | head -1)"
}
sweep "$(date -d "$today + 30 days" +%F)" "sweep + ladder, 30 days later (most late findings raised)"
sweep "$(date -d "$today + 31 days" +%F)" "sweep + ladder, the next day"
