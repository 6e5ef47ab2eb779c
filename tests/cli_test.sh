#!/usr/bin/env bash
# budget-tool end to end: exit codes (0 valid, 1 invalid, 2 usage), error format and outputs.
set -u
tool="${BUDGET_TOOL:?set BUDGET_TOOL}"
budgets="${1:?budgets dir}"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
passed=0; failed=0
check() {  # check NAME EXPECTED_EXIT ACTUAL_EXIT [CONDITION]
  local name="$1" want="$2" got="$3" cond="${4:-true}"
  if [ "$want" = "$got" ] && eval "$cond"; then passed=$((passed+1)); else failed=$((failed+1)); echo "FAIL: $name (exit $got, wanted $want)"; fi
}

"$tool" validate "$budgets"/*.json >"$tmp/out" 2>"$tmp/err"; check "validate examples" 0 $? 'grep -q "northmoor-county-2026.json: ok" "$tmp/out"'

printf '{\n  "format": "council-budget",\n  "format_version": 1,\n  "id": "Bad Id"\n}\n' >"$tmp/bad.json"
"$tool" validate "$budgets/eastbrook-district-2026.json" "$tmp/bad.json" >"$tmp/out" 2>"$tmp/err"
check "validate invalid" 1 $? "grep -qxF '$tmp/bad.json:4:9: /id: id \"Bad Id\" must be 1-64 characters of a-z, 0-9, '\\''-'\\'' or '\\''_'\\'' [budget.bad_id]' '$tmp/err'"
check "valid file still reported" 0 0 'grep -q "eastbrook-district-2026.json: ok" "$tmp/out"'

printf '{"id": \n' >"$tmp/trunc.json"
"$tool" validate "$tmp/trunc.json" 2>"$tmp/err"; check "truncated file" 1 $? "grep -q '$tmp/trunc.json:2:1: /: syntax error' '$tmp/err'"
"$tool" validate "$tmp/missing.json" 2>"$tmp/err"; check "missing file" 1 $? "grep -q 'cannot read file' '$tmp/err'"
"$tool" validate >/dev/null 2>&1; check "validate without files is a usage error" 2 $?
"$tool" frobnicate >/dev/null 2>&1; check "unknown command" 2 $?
"$tool" sample "$budgets/bro-tegid-2026.json" --count x >/dev/null 2>&1; check "bad count" 2 $?

"$tool" simulate "$budgets/northmoor-county-2026.json" >"$tmp/sim.json"; check "simulate at rest" 0 $? 'grep -q "\"remaining_gap_pence\": 3000782418" "$tmp/sim.json"'
echo '{"choices": {"services": {"libraries": -1000}, "council_tax_bp": 499}}' >"$tmp/choices.json"
"$tool" simulate "$budgets/northmoor-county-2026.json" "$tmp/choices.json" --band A >"$tmp/sim2.json"; check "simulate choices" 0 $? 'grep -q "\"band_d_pence\": 179788" "$tmp/sim2.json" && grep -q "\"receipt_band\": \"A\"" "$tmp/sim2.json"'
echo '{"choices": {"services": {"schools": 100}}}' >"$tmp/locked.json"
"$tool" simulate "$budgets/northmoor-county-2026.json" "$tmp/locked.json" 2>"$tmp/err" >/dev/null; check "simulate rejects moving a locked line" 1 $? 'grep -q "submission.locked_line_moved" "$tmp/err"'

"$tool" sample "$budgets/bro-tegid-2026.json" --count 250 --seed 3 >"$tmp/s.jsonl"; check "sample" 0 $? '[ "$(wc -l <"$tmp/s.jsonl")" = 250 ]'
"$tool" check-submission "$budgets/bro-tegid-2026.json" <(head -n1 "$tmp/s.jsonl") >/dev/null; check "sampled submission checks" 0 $?
"$tool" aggregate "$budgets/bro-tegid-2026.json" "$tmp/s.jsonl" --format json >"$tmp/agg.json"; check "aggregate json" 0 $? 'grep -q "\"count\": 250" "$tmp/agg.json"'
echo 'not json' >>"$tmp/s.jsonl"
"$tool" aggregate "$budgets/bro-tegid-2026.json" "$tmp/s.jsonl" >"$tmp/agg.csv" 2>"$tmp/err"; check "aggregate csv skips bad lines" 0 $? 'grep -q "^summary,rejected,,1," "$tmp/agg.csv" && grep -q ":251: rejected" "$tmp/err"'

"$tool" pack "$budgets/bro-tegid-2026.json" "$tmp/b.pack" >"$tmp/out"; check "pack" 0 $? 'grep -q "b.pack: [0-9]* bytes (budget bro-tegid-2026 v1)" "$tmp/out" && [ "$(head -c 3 "$tmp/b.pack")" = BPK ] && [ ! -e "$tmp/b.pack.part" ]'
"$tool" pack "$tmp/bad.json" "$tmp/bad.pack" 2>"$tmp/err"; check "pack refuses an invalid budget" 1 $? 'grep -q "\[budget.bad_id\]" "$tmp/err" && [ ! -e "$tmp/bad.pack" ]'
"$tool" pack "$budgets/bro-tegid-2026.json" "$tmp/no/such/dir/b.pack" 2>"$tmp/err"; check "pack to an unwritable place" 1 $? 'grep -q "cannot write file" "$tmp/err"'
"$tool" pack "$budgets/bro-tegid-2026.json" >/dev/null 2>&1; check "pack without OUT is a usage error" 2 $?

echo "cli: $passed passed, $failed failed"
[ "$failed" = 0 ]
