#!/usr/bin/env bash
# Runs each libFuzzer target for SECONDS (default 30: a smoke run), starting from the seed corpus.
# Long runs: tests/fuzz/run.sh 3600. New inputs go to build/fuzz/corpus/, crashes to build/fuzz/crashes/.
set -euo pipefail
seconds="${1:-30}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cmake --preset fuzz >/dev/null
targets=(fuzz_budget fuzz_submission fuzz_csv fuzz_api_request fuzz_binary_forms fuzz_console_input fuzz_workbook fuzz_ballot)
cmake --build --preset fuzz --target "${targets[@]}"
for target in "${targets[@]}"; do
  work="$root/build/fuzz/corpus/$target"; crashes="$root/build/fuzz/crashes/$target"
  mkdir -p "$work" "$crashes"
  dict=(); [ -f "$root/tests/fuzz/$target.dict" ] && dict=(-dict="$root/tests/fuzz/$target.dict")
  echo "== $target for ${seconds}s"
  "$root/build/fuzz/tests/fuzz/$target" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
    "${dict[@]}" -artifact_prefix="$crashes/" -print_final_stats=1 "$work" "$root/tests/fuzz/corpus/$target" 2>&1 | tail -n 12
done
