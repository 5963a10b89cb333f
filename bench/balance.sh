#!/usr/bin/env bash
# Balance evaluation at national scale: generates ~2,900 counties and ~200,000 school sections
# in the CSV interchange format (docs/balance.md), then
#   (a) dudao balance eval --csv: the whole country, and one county (wall time, and the
#       evaluation alone as --timing reports it);
#   (b) the same enrollment-weighted CVs (11 resource columns per county and section) as one SQL
#       query on SQLite, and on PostgreSQL when DUDAO_TEST_PG names a server;
# and prints the times and the ratios. Figures only: there is no pass or fail. The C path does
# more than the SQL one (7 + 8 indicator CVs, the 11 resource CVs, every school's 6-of-7 verdict).
#
# Environment: DUDAO_BIN (default build/dudao), BENCH_COUNTIES (2900), BENCH_SECTIONS (200000).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${DUDAO_BIN:-build/dudao}
COUNTIES=${BENCH_COUNTIES:-2900}
SECTIONS=${BENCH_SECTIONS:-200000}
[ -x "$BIN" ] || { echo "bench: $BIN not found; run make first" >&2; exit 1; }
tmp=$(mktemp -d /tmp/dudao-bench-balance.XXXXXX)
pg_db=""
cleanup() {
  if [ -n "$pg_db" ]; then psql "$DUDAO_TEST_PG" -q -c "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null 2>&1 || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
now_ms() { date +%s%3N; }

COLS="teachers teachers_above_degree teachers_mid_title backbone_teachers pe_art_teachers room_area sports_area equipment_value multimedia_rooms computers books"
csv=$tmp/country.csv
awk -v C="$COUNTIES" -v N="$SECTIONS" 'BEGIN {
  srand(20261201);
  split("11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65", prov, " ");
  print "school_code,school_name,county_code,section,students,teachers,teachers_above_degree,teachers_mid_title,backbone_teachers,pe_art_teachers,room_area,sports_area,equipment_value,multimedia_rooms,computers,books";
  per = N / C;
  for (c = 0; c < C; c++) {
    p = prov[c % 31 + 1]; county = sprintf("%s%02d%02d", p, int(c / 31) % 90 + 1, int(c / 2790) + 1);
    spread = 0.1 + rand() * 0.5; # counties differ in how unequal they are
    n = int(per * (0.5 + rand()));
    for (i = 0; i < n; i++) {
      jr = rand() < 0.35; s = int(jr ? 300 + rand() * 1500 : 40 + rand() * 2000);
      f = 1 + (rand() - 0.5) * 2 * spread; if (f < 0.3) f = 0.3;
      t = s / (jr ? 12.5 : 17);
      printf "%s%06d,S%d,%s,%s,%d,%d,%d,%d,%d,%d,%.1f,%.1f,%.0f,%d,%d,%d\n", county, i, i, county, jr ? "junior" : "primary", s,
        t, t * 0.9 * f, t * 0.5 * f, s / 100 * 1.2 * f, s / 100 * 1.0 * f, s * (jr ? 6 : 5) * f, s * (jr ? 11 : 8) * f,
        s * (jr ? 2800 : 2300) * f, s / 100 * 2.6 * f, s * 0.13 * f, s * 35 * f;
    }
  }
}' > "$csv"
n_rows=$(($(wc -l < "$csv") - 1))
one=$tmp/one.csv
first=$(sed -n 2p "$csv" | cut -d, -f3)
{ head -1 "$csv"; grep ",$first,[pj]" "$csv"; } > "$one"
echo "balance bench: $n_rows school sections in $COUNTIES counties ($(du -h "$csv" | cut -f1) CSV); one county $first: $(($(wc -l < "$one") - 1)) sections"

t0=$(now_ms); "$BIN" balance eval --csv "$csv" --json --timing > "$tmp/out.json" 2> "$tmp/timing.txt"; t1=$(now_ms)
c_all=$((t1 - t0))
c_eval=$(sed -n 's/.*evaluate \([0-9.]*\) ms.*/\1/p' "$tmp/timing.txt")
t0=$(now_ms); for _ in 1 2 3 4 5 6 7 8 9 10; do "$BIN" balance eval --csv "$one" --json > /dev/null; done; t1=$(now_ms)
c_one=$(( (t1 - t0) / 10 ))
"$BIN" balance eval --csv "$one" --json --timing 2> "$tmp/timing1.txt" > /dev/null
c_one_eval=$(sed -n 's/.*evaluate \([0-9.]*\) ms.*/\1/p' "$tmp/timing1.txt")
groups=$(grep -c '"county_code"' "$tmp/out.json" || true)
echo "  C   (dudao balance eval): country $c_all ms wall (evaluate alone $c_eval ms, $groups county-sections); one county $c_one ms wall (evaluate $c_one_eval ms)"

# the SQL version: one query computing the 11 weighted CVs per county and section
sql_cv() {
  local sel="" first=1
  for c in $COLS; do
    [ $first = 1 ] || sel="$sel,"
    first=0
    sel="$sel SQRT(SUM(u.students * (u.$c / u.students - g.$c / g.p) * (u.$c / u.students - g.$c / g.p)) / g.p) / NULLIF(g.$c / g.p, 0) AS cv_$c"
  done
  local sums=""
  for c in $COLS; do sums="$sums, SUM($c) AS $c"; done
  echo "WITH g AS (SELECT county_code, section, SUM(students) AS p $sums FROM unit WHERE students > 0 $1 GROUP BY county_code, section)
SELECT COUNT(*) FROM (SELECT u.county_code, u.section, $sel FROM unit u JOIN g ON g.county_code = u.county_code AND g.section = u.section
WHERE u.students > 0 $2 GROUP BY u.county_code, u.section, g.p $(for c in $COLS; do printf ', g.%s' "$c"; done)) x;"
}
ddl="CREATE TABLE unit (school_code TEXT, school_name TEXT, county_code TEXT, section TEXT, students DOUBLE PRECISION$(for c in $COLS; do printf ', %s DOUBLE PRECISION' "$c"; done));"
db=$tmp/bench.db
sqlite3 "$db" "$ddl" ".mode csv" ".import --skip 1 $csv unit" "CREATE INDEX unit_county ON unit (county_code, section);"
q_all=$(sql_cv "" "")
q_one=$(sql_cv "AND county_code = '$first'" "AND u.county_code = '$first'")
t0=$(now_ms); sqlite3 "$db" "$q_all" > /dev/null; t1=$(now_ms); s_all=$((t1 - t0))
t0=$(now_ms); for _ in 1 2 3 4 5 6 7 8 9 10; do sqlite3 "$db" "$q_one" > /dev/null; done; t1=$(now_ms); s_one=$(( (t1 - t0) / 10 ))
echo "  SQL on SQLite $(sqlite3 --version | cut -d' ' -f1): country $s_all ms; one county $s_one ms (process start included, like the C figures)"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "-" }'; }
echo "  ratio SQLite / C: country $(ratio "$s_all" "$c_all")× (vs C wall), $(ratio "$s_all" "$c_eval")× (vs C evaluate alone); one county $(ratio "$s_one" "$c_one")×"

if [ -n "${DUDAO_TEST_PG:-}" ] && psql "$DUDAO_TEST_PG" -qc 'SELECT 1' >/dev/null 2>&1; then
  pg_db="dudao_bench_balance_$$"
  psql "$DUDAO_TEST_PG" -q -c "CREATE DATABASE $pg_db" >/dev/null
  url=$(echo "$DUDAO_TEST_PG" | sed "s|/[^/]*\$|/$pg_db|")
  psql "$url" -q -c "$ddl" -c "\\copy unit FROM '$csv' WITH (FORMAT csv, HEADER true)" -c "CREATE INDEX unit_county ON unit (county_code, section); ANALYZE unit;" >/dev/null
  pg_time() { psql "$url" -qAt -c '\timing on' -c "$1" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1; }
  p_all=$(pg_time "$q_all")
  p_one=$(pg_time "$q_one")
  echo "  SQL on PostgreSQL $(psql "$url" -qAt -c 'SHOW server_version'): country $p_all ms; one county $p_one ms (server time, no process start)"
  echo "  ratio PostgreSQL / C evaluate: country $(ratio "$p_all" "$c_eval")×; one county $(ratio "$p_one" "$c_one_eval")×"
else
  echo "  (PostgreSQL skipped: set DUDAO_TEST_PG to a server URL)"
fi
