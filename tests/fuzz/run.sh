#!/usr/bin/env bash
# Runs each libFuzzer target for SECONDS (default 30: a smoke run), starting from the seed corpus, as
# many at once as there are cores (FUZZ_JOBS to choose). Long runs: tests/fuzz/run.sh 3600.
# New inputs go to build/fuzz/corpus/, crashes to build/fuzz/crashes/; any target that fails fails the run.
set -euo pipefail
seconds="${1:-30}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jobs="${FUZZ_JOBS:-$(nproc)}"
# A smoke run (a minute or less) builds at -O0: half the build time, and time to fuzz matters less
# than time to build. Longer runs build at -O1 with line tables, for speed and readable traces.
if [ "$seconds" -le 60 ]; then opt="-O0 -DNDEBUG"; else opt="-O1 -gline-tables-only -DNDEBUG"; fi
cmake --preset fuzz -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$opt" -DCMAKE_C_FLAGS_RELWITHDEBINFO="$opt" >/dev/null
targets=(fuzz_budget fuzz_submission fuzz_csv fuzz_api_request fuzz_binary_forms fuzz_console_input fuzz_workbook fuzz_ballot)
cmake --build --preset fuzz --target "${targets[@]}"
logs="$root/build/fuzz/logs"
mkdir -p "$logs"

fuzz_one() {
  local target="$1" work="$root/build/fuzz/corpus/$1" crashes="$root/build/fuzz/crashes/$1" dict=()
  mkdir -p "$work" "$crashes"
  [ -f "$root/tests/fuzz/$target.dict" ] && dict=(-dict="$root/tests/fuzz/$target.dict")
  "$root/build/fuzz/tests/fuzz/$target" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
    "${dict[@]}" -artifact_prefix="$crashes/" -print_final_stats=1 "$work" "$root/tests/fuzz/corpus/$target" > "$logs/$target.log" 2>&1
}

failed=()
running=()
finish() {  # waits for the running targets, in order, and prints the end of each one's log
  for entry in "${running[@]}"; do
    local pid="${entry%%:*}" target="${entry#*:}"
    if ! wait "$pid"; then failed+=("$target"); fi
    echo "== $target for ${seconds}s"
    tail -n 12 "$logs/$target.log"
  done
  running=()
}
for target in "${targets[@]}"; do
  fuzz_one "$target" &
  running+=("$!:$target")
  if [ "${#running[@]}" -ge "$jobs" ]; then finish; fi
done
finish
if [ "${#failed[@]}" -gt 0 ]; then
  echo "fuzz targets that failed: ${failed[*]}" >&2
  exit 1
fi
