#!/usr/bin/env bash
# Runs each libFuzzer harness (build/fuzz/fuzz_*) for SECONDS (default 60) on a working copy
# of its seed corpus (fuzz/corpus/NAME; the repository's seeds are not rewritten), with
# ASan+UBSan. Prints per harness "fuzz:NAME: N execs, N crashes" and ends with the total
# line "N passed, N failed". A crash's input is kept in build/fuzz/crashes/NAME/.
# Usage: fuzz/run.sh [SECONDS] [NAME...]
set -uo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
shift || true
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for b in build/fuzz/fuzz_*; do [ -x "$b" ] && names+=("$(basename "$b" | sed 's/^fuzz_//')"); done
fi
# the harnesses write each input to a scratch file (the readers take a path): keep it in memory
[ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && export TMPDIR=/dev/shm
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:halt_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
pass=0 fail=0
for name in "${names[@]}"; do
  bin=build/fuzz/fuzz_$name
  work=build/fuzz/corpus/$name crashes=build/fuzz/crashes/$name
  mkdir -p "$work" "$crashes"
  [ -d "fuzz/corpus/$name" ] && cp -n fuzz/corpus/"$name"/* "$work"/ 2>/dev/null
  log=$(mktemp)
  # one process, bounded by time; -rss_limit_mb keeps a runaway input from taking the machine
  nice "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
    -artifact_prefix="$crashes/" "$work" >"$log" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  n_crash=$(find "$crashes" -type f -newer "$log" | wc -l)
  if [ "$rc" -ne 0 ] || [ "$n_crash" -gt 0 ]; then
    fail=$((fail + 1))
    grep -E 'ERROR:|runtime error|SUMMARY|Test unit written' "$log" | head -20
    echo "fuzz:$name: ${execs:-?} execs, $((n_crash > 0 ? n_crash : 1)) crash(es) (exit $rc); inputs in $crashes/"
  else
    pass=$((pass + 1))
    echo "fuzz:$name: ${execs:-0} execs in ${secs} s, 0 crashes"
  fi
  rm -f "$log"
done
echo "fuzz: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
