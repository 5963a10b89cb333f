#!/usr/bin/env bash
# Runs node:test files as one suite and ends with "RESULT <suite>: N passed, N failed",
# the line scripts/test-all.sh sums. Usage: run-node-suite.sh SUITE FILE...
set -uo pipefail
suite=$1; shift
out=$(mktemp)
node --test --test-concurrency=1 --test-reporter=tap "$@" 2>&1 | tee "$out"
passed=$(grep -E '^# pass ' "$out" | tail -1 | awk '{print $3}')
failed=$(grep -E '^# fail ' "$out" | tail -1 | awk '{print $3}')
cancelled=$(grep -E '^# cancelled ' "$out" | tail -1 | awk '{print $3}')
# a test cancelled because its hook failed (the server did not start) is a failure, not silence
[ -n "$failed" ] && failed=$(( failed + ${cancelled:-0} ))
rm -f "$out"
# A suite that crashed before reporting counts as one failure, never as silence.
[ -n "$passed" ] || passed=0
[ -n "$failed" ] || failed=1
echo "RESULT $suite: $passed passed, $failed failed"
[ "$failed" = 0 ]
