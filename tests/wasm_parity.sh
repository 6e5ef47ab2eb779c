#!/usr/bin/env bash
# The same checks through the native and the WebAssembly build of budget-tool: outputs must be
# byte-identical (validation, sampling, simulation, submission checks, aggregation, packs).
set -u
native="${1:?native budget-tool}"; wasm_js="${2:?budget-tool.js from the web build}"; budgets="${3:?budgets dir}"
if [ ! -f "$wasm_js" ]; then echo "wasm build not found at $wasm_js (run: cmake --build --preset web)"; exit 77; fi
wasm() { node --no-experimental-fetch "$wasm_js" "$@"; }
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
passed=0; failed=0
same() {  # same NAME ARGS...: run both, compare stdout, stderr and exit code
  local name="$1"; shift
  "$native" "$@" >"$tmp/n.out" 2>"$tmp/n.err"; local n=$?
  wasm "$@" >"$tmp/w.out" 2>"$tmp/w.err"; local w=$?
  if [ $n = $w ] && cmp -s "$tmp/n.out" "$tmp/w.out" && cmp -s "$tmp/n.err" "$tmp/w.err"; then
    passed=$((passed+1))
  else
    failed=$((failed+1)); echo "DIFFERENT: $name (exit native $n, wasm $w)"; diff "$tmp/n.out" "$tmp/w.out" | head -5
  fi
}
printf '{"format": "council-budget", "id": 5, "services": [{"baseline": "1.001"}]}' >"$tmp/bad.json"
same "validate" validate "$budgets"/*.json "$tmp/bad.json"
for b in "$budgets"/*.json; do
  name="$(basename "$b" .json)"
  same "$name sample" sample "$b" --count 3000 --seed 2026
  "$native" sample "$b" --count 3000 --seed 2026 >"$tmp/$name.jsonl"
  printf 'garbage\n{"format":"council-budget-submission"}\n' >>"$tmp/$name.jsonl"
  same "$name aggregate csv" aggregate "$b" "$tmp/$name.jsonl"
  same "$name aggregate json" aggregate "$b" "$tmp/$name.jsonl" --format json
  same "$name simulate at rest" simulate "$b"
  for k in 1 2 3 4 5 6; do
    sed -n "${k}p" "$tmp/$name.jsonl" >"$tmp/choice$k.json"
    same "$name simulate choice $k" simulate "$b" "$tmp/choice$k.json" --lang cy --band C
  done
  same "$name check submissions" check-submission "$b" "$tmp"/choice*.json
  sed 's/"remaining_gap_pence":-\?[0-9]*/"remaining_gap_pence":0/' "$tmp/choice1.json" >"$tmp/tampered.json"
  same "$name tampered submission" check-submission "$b" "$tmp/tampered.json"
  "$native" pack "$b" "$tmp/n.pack" >/dev/null; wasm pack "$b" "$tmp/w.pack" >/dev/null
  if cmp -s "$tmp/n.pack" "$tmp/w.pack"; then passed=$((passed+1)); else failed=$((failed+1)); echo "DIFFERENT: $name pack"; fi
done
# Ballots: sampled votes, and both counts with every exact share, must match to the byte.
for b in "$budgets"/ballots/*.json; do
  name="$(basename "$b" .json)"
  same "$name pb sample" pb sample "$b" --count 5000 --seed 7
  "$native" pb sample "$b" --count 5000 --seed 7 >"$tmp/$name.votes.jsonl"
  same "$name pb count greedy" pb count "$b" "$tmp/$name.votes.jsonl" --rule greedy --json
  same "$name pb count equal shares" pb count "$b" "$tmp/$name.votes.jsonl" --rule equal-shares --json
  "$native" pb import <(printf 'META\nkey;value\nbudget;100\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;60\n2;40\n3;40\nVOTES\nvoter_id;vote\n1;1\n2;1,2\n3;2,3\n4;2,3\n') "$tmp/t.json" "$tmp/t.jsonl" >/dev/null 2>&1
  same "pb export" pb export "$tmp/t.json" "$tmp/t.jsonl" /dev/stdout
done
echo "wasm parity: $passed passed, $failed failed"
[ "$failed" = 0 ]
