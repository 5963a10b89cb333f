#!/usr/bin/env bash
# Runs every test suite and ends with the total line "N passed, N failed".
# Suites: the layer check (and its self-test), unit (cmocka; release and ASan+UBSan), store
# (SQLite and PostgreSQL), API over real HTTP (SQLite release, SQLite ASan+UBSan, PostgreSQL),
# CLI, the browser suite (Chromium), and a short bounded run of each libFuzzer harness (fuzz/run.sh).
# PostgreSQL: uses DUDAO_TEST_PG when set (.ci/run sets it); otherwise starts a throwaway
# cluster with scripts/pg-cluster.sh when PostgreSQL is installed.
set -uo pipefail
cd "$(dirname "$0")/.."

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:halt_on_error=1:fast_unwind_on_malloc=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp:print_suppressions=0}
results=$(mktemp)
trap 'rm -f "$results"' EXIT

record() { echo "$1 $2 $3" >> "$results"; echo "RESULT $1: $2 passed, $3 failed"; }

# cmocka binaries: "[  PASSED  ] N test(s)." / "[  FAILED  ] N test(s)"
run_cmocka() {
  local suite=$1; shift
  local out; out=$("$@" 2>&1); local rc=$?
  echo "$out" | grep -vE '^\[ (RUN|      OK) ' 
  local p f
  p=$(echo "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -1)
  f=$(echo "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -1)
  if echo "$out" | grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:'; then f=$(( ${f:-0} + 1 )); fi
  if [ -z "$p" ] && [ -z "$f" ]; then f=1; fi           # crashed before reporting
  if [ "$rc" -ne 0 ] && [ "${f:-0}" = 0 ]; then f=1; fi # non-zero exit is never a pass
  record "$suite" "${p:-0}" "${f:-0}"
}

run_node() {
  local suite=$1; shift
  local line out
  # through a file: `tee /dev/stderr` reopens the log and writes over it from offset 0
  out=$(mktemp)
  scripts/run-node-suite.sh "$suite" "$@" >"$out" 2>&1
  cat "$out"
  line=$(grep -E "^RESULT $suite:" "$out" | tail -1)
  rm -f "$out"
  local p f
  p=$(echo "$line" | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed/\1/p')
  f=$(echo "$line" | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed/\2/p')
  record "$suite" "${p:-0}" "${f:-1}"
}

# the layer rules (scripts/check-layers.py): one suite that passes or fails as a whole, and
# the proof that it catches a planted upward include and a planted SQL string
echo "== layers =="
if python3 scripts/check-layers.py; then record "check:layers" 1 0; else record "check:layers" 0 1; fi
out=$(python3 scripts/check-layers-selftest.py 2>&1); echo "$out"
line=$(echo "$out" | grep -E '^check-layers-selftest: [0-9]+ passed, [0-9]+ failed' | tail -1)
p=$(echo "$line" | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed/\1/p')
f=$(echo "$line" | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed/\2/p')
record "check:layers-selftest" "${p:-0}" "${f:-1}"

echo "== unit (release) =="
for t in build/tests/test_*; do run_cmocka "unit:$(basename "$t")" "$t"; done
echo "== unit (ASan+UBSan) =="
for t in build/asan/tests/test_*; do run_cmocka "unit-asan:$(basename "$t")" "$t"; done

# PostgreSQL: an existing server or a throwaway cluster
started_pg=0
if [ -z "${DUDAO_TEST_PG:-}" ] && ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  # capture first: `eval "$(cmd)"` would succeed even when cmd fails
  if pg_env=$(DUDAO_PG_STATE=/tmp/dudao-pg-test-$$.state scripts/pg-cluster.sh start); then
    eval "$pg_env"
    started_pg=1
  else
    echo "!! could not start a PostgreSQL cluster: the PostgreSQL suites count as failed"
    record "postgres:cluster" 0 1
  fi
fi
stop_pg() { [ "$started_pg" = 1 ] && DUDAO_PG_STATE=/tmp/dudao-pg-test-$$.state scripts/pg-cluster.sh stop; }
trap 'stop_pg; rm -f "$results"' EXIT

pg_fresh_db() {
  local name="dudao_store_$$_$1"
  psql "$DUDAO_TEST_PG" -q -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null || return 1
  python3 - "$DUDAO_TEST_PG" "$name" <<'PY'
import sys, urllib.parse as u
p = u.urlparse(sys.argv[1]); print(u.urlunparse(p._replace(path='/' + sys.argv[2])))
PY
}

echo "== store =="
tmpdb=$(mktemp -d)
run_cmocka "store:sqlite" build/tests/store_suite "sqlite:$tmpdb/store.db"
rm -rf "$tmpdb"
if [ -n "${DUDAO_TEST_PG:-}" ]; then
  url=$(pg_fresh_db store) && run_cmocka "store:postgres" build/tests/store_suite "$url" || record "store:postgres" 0 1
else
  # not a silent pass: the PostgreSQL suites are part of the run
  echo "!! PostgreSQL not available: store and API suites on PostgreSQL NOT run; counted as failed"
  record "postgres:unavailable" 0 1
fi

echo "== API over HTTP =="
DUDAO_TEST_DB=sqlite run_node api:sqlite tests/api/*.test.mjs
DUDAO_BIN=build/asan/dudao DUDAO_TEST_DB=sqlite run_node api-asan:sqlite tests/api/*.test.mjs
if [ -n "${DUDAO_TEST_PG:-}" ]; then
  DUDAO_TEST_DB=pg run_node api:postgres tests/api/*.test.mjs
fi

echo "== browser (Chromium) =="
if ls tests/e2e/*.test.mjs >/dev/null 2>&1; then
  run_node e2e tests/e2e/*.test.mjs
fi

echo "== fuzz (libFuzzer, ASan+UBSan, ${FUZZ_TEST_SECONDS:-20} s per harness) =="
if make -s fuzz-bin >/dev/null 2>&1; then
  for b in build/fuzz/fuzz_*; do
    name=$(basename "$b"); name=${name#fuzz_}
    if fuzz/run.sh "${FUZZ_TEST_SECONDS:-20}" "$name"; then record "fuzz:$name" 1 0; else record "fuzz:$name" 0 1; fi
  done
else
  echo "!! the fuzz harnesses do not build (clang and its libFuzzer runtime, libclang-rt-14-dev)"
  record "fuzz:build" 0 1
fi

# stop the throwaway cluster now, so its message does not come after the totals line
stop_pg >/dev/null 2>&1
started_pg=0
echo
echo "== summary =="
awk '{ printf "  %-32s %4d passed, %d failed\n", $1, $2, $3 }' "$results"
mkdir -p build
awk '{ p += $2; f += $3 } END { printf "%d passed, %d failed\n", p, f }' "$results" | tee build/test-summary.txt
failed=$(awk '{ f += $3 } END { print f+0 }' "$results")
[ "$failed" = 0 ]
