#!/usr/bin/env bash
# Builds everything (native, web, fuzz) and runs every test: the README's test command (docs/testing.md says what it runs) after set-up.
# Fuzzing here is a short smoke run (FUZZ_SECONDS, default 10 per target), beside ctest at low priority.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export NODE_PATH=/usr/share/nodejs
step() { printf '\n==> [%ss] %s\n' "$SECONDS" "$*"; }

step "native build (core, tools, server, tests)"
cmake --preset native >/dev/null
cmake --build --preset native

step "web build (core and budget-tool.js under Emscripten)"
cmake --preset web >/dev/null
cmake --build --preset web

# The browser tests spend much of their time waiting, so the fuzz build and its smoke run use the
# idle CPU beside ctest (nice 19: ctest's processes come first). Its output is printed after ctest.
mkdir -p build
fuzz_log="$root/build/fuzz-smoke.log"
step "fuzz build and smoke run (${FUZZ_SECONDS:-10}s per target), in the background: $fuzz_log"
nice -n 19 tests/fuzz/run.sh "${FUZZ_SECONDS:-10}" > "$fuzz_log" 2>&1 &
fuzz_pid=$!

step "ctest: unit tests, command line, schema agreement, fuzz corpus replay, wasm parity, browsers"
ctest_status=0
ctest --preset native || ctest_status=$?

step "fuzz smoke run: waiting for it to end"
fuzz_status=0
wait "$fuzz_pid" || fuzz_status=$?
grep -E '^== |^Done|^stat::number_of_executed_units|^fuzz targets that failed|rror' "$fuzz_log" || true
if [ "$fuzz_status" -ne 0 ]; then
  tail -n 60 "$fuzz_log" >&2
  echo "the fuzz build or smoke run failed (status $fuzz_status): see $fuzz_log" >&2
fi
if [ -n "$(find build/fuzz/crashes -type f 2>/dev/null)" ]; then
  echo "fuzzing found crashes: see build/fuzz/crashes/" >&2
  fuzz_status=1
fi
printf '\n==> [%ss] done (ctest %s, fuzz %s)\n' "$SECONDS" "$ctest_status" "$fuzz_status"
[ "$ctest_status" -eq 0 ] && [ "$fuzz_status" -eq 0 ]
