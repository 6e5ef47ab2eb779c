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
# Warning signs in a council's profile: JSON by default, text for people; exit 1 for a bad file, 2 for usage.
profile="$budgets/councils/northmoor-county.json"
"$tool" signals "$profile" >"$tmp/out" 2>"$tmp/err"; check "signals on the example profile" 0 $? "grep -qF '{\"as_of\":\"2025-03-31\",\"signals\":[{\"id\":\"reserves.level\",\"level\":\"amber\",\"year\":\"2023/24\"' '$tmp/out' && grep -qF '{\"id\":\"performance.red_worsening\",\"needs\":[\"indicators\"]}' '$tmp/out'"
"$tool" signals "$profile" --as-of 2022-03-31 --format text >"$tmp/out" 2>&1; check "signals at an earlier date" 0 $? "grep -qxF 'unknown  reserves.runway: needs usable_reserves_unallocated (3 years before) usable_reserves_earmarked (3 years before)' '$tmp/out'"
"$tool" signals "$profile" --budget "$budgets/northmoor-county-2026.json" >"$tmp/out" 2>&1; check "signals with the budget's indicators" 0 $? "! grep -q 'performance.red_worsening' '$tmp/out'"
printf '{"format": "council-profile", "format_version": 1, "id": "x", "name": "X", "kind": "english_district", "as_of": "2024-02-30"}\n' >"$tmp/bad-profile.json"
"$tool" signals "$tmp/bad-profile.json" >/dev/null 2>"$tmp/err"; check "signals on a bad profile" 1 $? "grep -qxF '$tmp/bad-profile.json:1:113: /as_of: expected a date such as \"2023-09-05\" [profile.bad_date]' '$tmp/err'"
"$tool" signals "$profile" --as-of 2024-02-30 >/dev/null 2>"$tmp/err"; check "signals --as-of is a real date" 2 $? "grep -qxF 'budget-tool: --as-of: is a date such as 2024-03-31' '$tmp/err'"
"$tool" benchmark "$profile" "$budgets/northmoor-county-2026.json" --format text >"$tmp/out" 2>&1; check "benchmark beside similar councils" 0 $? "grep -qxF 'asc-cost-per-head: 571 (2025/26); median of similar councils 575 (2024/25): broadly similar' '$tmp/out' && grep -qxF 'libraries (2024/25): 12.21 a resident; similar councils 11.1' '$tmp/out'"
"$tool" benchmark "$budgets/councils/isle-of-anglesey.json" "$budgets/northmoor-county-2026.json" >/dev/null 2>"$tmp/err"; check "benchmark without similar councils" 1 $? "grep -qF 'names no similar councils' '$tmp/err'"

# One declaration (CLI11) gives every command its --help, and its usage errors their words.
"$tool" --help >"$tmp/out" 2>&1; check "--help lists every command" 0 $? 'for c in validate pack simulate sample check-submission aggregate signals export workbook import-workbook profile-workbook import-profile-workbook pb; do grep -qE "^  $c " "$tmp/out" || exit 1; done'
for c in validate pack simulate sample check-submission aggregate signals export workbook import-workbook profile-workbook import-profile-workbook "pb import" "pb export" "pb count" "pb validate" "pb sample" "pb pack"; do
  # shellcheck disable=SC2086
  "$tool" $c --help >"$tmp/out" 2>&1; check "$c --help" 0 $? "grep -q '^Usage: budget-tool $c ' '$tmp/out'"
done
"$tool" sample "$budgets/eastbrook-district-2026.json" --count 1x >/dev/null 2>"$tmp/err"
check "a count that is not a whole number" 2 $? "[ \"\$(cat '$tmp/err')\" = \"\$(printf 'budget-tool: --count: takes a whole number, not 1x\nRun with --help for more information.')\" ]"
"$tool" pb sample "$budgets/eastbrook-district-2026.json" --count 1234567890 >/dev/null 2>"$tmp/err"
check "pb sample counts below 10^9" 2 $? "grep -qxF 'budget-tool: --count: takes a whole number below 10^9, not 1234567890' '$tmp/err'"
"$tool" simulate "$budgets/eastbrook-district-2026.json" --lang fr >/dev/null 2>"$tmp/err"
check "simulate --lang is en or cy" 2 $? "grep -qxF 'budget-tool: --lang: fr not in {en,cy}' '$tmp/err'"
"$tool" export "$budgets/eastbrook-district-2026.json" --data "$tmp" --database postgresql://x >/dev/null 2>"$tmp/err"
check "export takes --data or --database, not both" 2 $? "grep -qxF 'budget-tool: --data excludes --database' '$tmp/err'"
"$tool" workbook --kind english-county "$tmp/w.xlsx" >/dev/null 2>"$tmp/err"
check "workbook --kind needs --blank" 2 $? "grep -qxF 'budget-tool: --kind requires --blank' '$tmp/err' && [ ! -e '$tmp/w.xlsx' ]"

# A council profile through its workbook and back: the same warning signs, every problem at its cell.
for p in "$budgets"/councils/*.json; do
  name="$(basename "$p" .json)"
  "$tool" profile-workbook "$p" "$tmp/$name.xlsx" >/dev/null 2>"$tmp/err" \
    && "$tool" import-profile-workbook "$tmp/$name.xlsx" "$tmp/$name.json" >/dev/null 2>>"$tmp/err"
  check "profile $name round trips through its workbook" 0 $? "[ ! -s '$tmp/err' ] && cmp -s <('$tool' signals '$p') <('$tool' signals '$tmp/$name.json')"
done
"$tool" import-profile-workbook "$tmp/w-missing.xlsx" "$tmp/p.json" >/dev/null 2>"$tmp/err"
check "import-profile-workbook of a missing file" 1 $? "grep -qxF '$tmp/w-missing.xlsx: cannot read file' '$tmp/err' && [ ! -e '$tmp/p.json' ]"
"$tool" import-profile-workbook "$tmp/northmoor-county.json" "$tmp/p.json" >/dev/null 2>"$tmp/err"
check "import-profile-workbook of a file that is not a workbook" 1 $? "grep -qxF '$tmp/northmoor-county.json: this is not an .xlsx workbook (it is not a zip file) [workbook.not_xlsx]' '$tmp/err' && [ ! -e '$tmp/p.json' ]"
"$tool" profile-workbook "$budgets/northmoor-county-2026.json" "$tmp/p.xlsx" >/dev/null 2>"$tmp/err"
check "profile-workbook of a budget is refused" 1 $? "grep -qF '/format: expected \"council-profile\", found \"council-budget\" [profile.wrong_format]' '$tmp/err' && [ ! -e '$tmp/p.xlsx' ]"

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

"$tool" pack "$budgets/bro-tegid-2026.json" "$tmp/b.pack" >"$tmp/out"; check "pack" 0 $? 'grep -q "b.pack: [0-9]* bytes (budget bro-tegid-2026 v1)" "$tmp/out" && [ "$(head -c 3 "$tmp/b.pack")" = BPK ] && [ ! -e "$tmp/b.pack.tmp" ]'
"$tool" pack "$tmp/bad.json" "$tmp/bad.pack" 2>"$tmp/err"; check "pack refuses an invalid budget" 1 $? 'grep -q "\[budget.bad_id\]" "$tmp/err" && [ ! -e "$tmp/bad.pack" ]'
"$tool" pack "$budgets/bro-tegid-2026.json" "$tmp/no/such/dir/b.pack" 2>"$tmp/err"; check "pack to an unwritable place" 1 $? 'grep -q "cannot write the file" "$tmp/err"'
"$tool" pack "$budgets/bro-tegid-2026.json" >/dev/null 2>&1; check "pack without OUT is a usage error" 2 $?

# Participatory-budgeting ballots: validate, count, pabulib in and out.
fund="$budgets/ballots/bro-tegid-community-fund-2027.json"
"$tool" pb validate "$fund" >"$tmp/out"; check "pb validate example" 0 $? 'grep -q "ok (8 projects, budget £250,000.00)" "$tmp/out"'
cat >"$tmp/votes.jsonl" <<'VOTES'
{"voter": "1", "projects": ["lakeside-path", "youth-club"]}
{"voter": "2", "projects": ["lakeside-path", "play-area"]}
{"voter": "3", "projects": ["youth-club", "town-benches"], "station": "library"}
{"voter": "4", "projects": ["play-area"]}
{"voter": "5", "projects": ["community-bus"]}
{"voter": "6", "projects": ["defibrillators", "village-hall"]}
VOTES
"$tool" pb validate "$fund" "$tmp/votes.jsonl" >"$tmp/out"; check "pb validate votes" 0 $? 'grep -q "ok (6 votes)" "$tmp/out"'
# Greedy, area by area. Bala (£150,000): youth club, lakeside path, play area have 2 votes each, cheapest
# first; the play area (£71,000) no longer fits in £49,500, the benches (1 vote, £14,750) do. Uplands
# (£100,000): one vote each, all three fit; the broadband hub has none.
"$tool" pb count "$fund" "$tmp/votes.jsonl" --rule greedy >"$tmp/out"
check "pb count greedy" 0 $? '[ "$(tr "\n" " " <"$tmp/out")" = "youth-club lakeside-path town-benches defibrillators village-hall community-bus " ]'
"$tool" pb count "$fund" "$tmp/votes.jsonl" --json >"$tmp/out"
check "pb count equal shares as JSON, with the station's subtotal" 0 $? 'grep -q "\"rule\":\"equal-shares\"" "$tmp/out" && grep -q "\"payments\":\[{\"voters\":" "$tmp/out" && grep -q "\"stations\":\[{\"station\":\"\",\"votes\":5," "$tmp/out" && grep -q "{\"station\":\"library\",\"votes\":1,\"projects\":\[{\"id\":\"lakeside-path\",\"approvals\":0},{\"id\":\"youth-club\",\"approvals\":1}" "$tmp/out"'
echo '{"projects": ["lakeside-path", "defibrillators"]}' >>"$tmp/votes.jsonl"
"$tool" pb count "$fund" "$tmp/votes.jsonl" 2>"$tmp/err" >/dev/null
check "pb count refuses a vote across areas" 1 $? "grep -qF 'votes.jsonl:7: project \"defibrillators\" is in another area; a vote is for one area'\''s projects [vote.mixed_areas]' '$tmp/err'"
"$tool" pb export "$fund" <(head -n 6 "$tmp/votes.jsonl") "$tmp/fund.pb" 2>"$tmp/err"; check "pb export needs an area of a ballot with areas" 1 $? 'grep -q "name one of the ballot.s areas \[pabulib.areas\]" "$tmp/err" && [ ! -e "$tmp/fund.pb" ]'
sed 's/"results_public": true,/"results_public": true, "opens_at": "2027-03-01T09:00:00Z", "closes_at": "2027-03-29T17:00:00Z",/' "$fund" >"$tmp/dated.json"
"$tool" pb export "$tmp/dated.json" <(head -n 6 "$tmp/votes.jsonl") "$tmp/uplands.pb" --area uplands >/dev/null
check "pb export one area" 0 $? 'grep -q "^district;Upland villages$" "$tmp/uplands.pb" && grep -q "^num_votes;2$" "$tmp/uplands.pb" && grep -q "^budget;100000$" "$tmp/uplands.pb" && grep -q "^date_end;29.03.2027$" "$tmp/uplands.pb" && [ "$("$tool" pb count "$tmp/uplands.pb" --rule greedy | tr "\n" " ")" = "defibrillators village-hall community-bus " ]'
cat >"$tmp/in.pb" <<'PB'
META
key;value
description;Test instance
country;Poland
unit;Testowo
instance;2024
num_projects;3
num_votes;4
budget;100
vote_type;approval
rule;equalshares/add1
date_begin;01.05.2024
date_end;31.05.2024
PROJECTS
project_id;cost;votes;name;selected
1;60;2;Park;1
2;40;3;"Library; new";1
3;40;2;Bike path;0
VOTES
voter_id;vote
10;1
11;1,2
12;2,3
13;2,3
PB
"$tool" pb import "$tmp/in.pb" "$tmp/in.json" "$tmp/in.jsonl" >"$tmp/out"
check "pb import" 0 $? 'grep -q "ballot in (3 projects)" "$tmp/out" && [ "$(wc -l <"$tmp/in.jsonl")" = 4 ] && grep -q "\"counting\": \"equal-shares\"" "$tmp/in.json"'
"$tool" pb count "$tmp/in.pb" >"$tmp/a"; "$tool" pb count "$tmp/in.json" "$tmp/in.jsonl" >"$tmp/b"
check "pb count a file and its import alike" 0 $? 'cmp -s "$tmp/a" "$tmp/b" && [ -s "$tmp/a" ]'
"$tool" pb export "$tmp/in.json" "$tmp/in.jsonl" "$tmp/out.pb" >/dev/null
check "pb export" 0 $? 'grep -q "^rule;equalshares/add1$" "$tmp/out.pb" && grep -q "^2;40;3;\"Library; new\";;1$" "$tmp/out.pb" && grep -q "^date_end;31.05.2024$" "$tmp/out.pb"'
sed -i 's/^12;2,3$/12;2,7/' "$tmp/in.pb"
"$tool" pb count "$tmp/in.pb" 2>"$tmp/err"; check "pb count a bad file" 1 $? "grep -qF 'in.pb:23: vote for unknown project \"7\" [pabulib.unknown_project]' '$tmp/err'"
"$tool" pb count "$tmp/in.pb" --rule borda >/dev/null 2>&1; check "pb count with an unknown rule" 2 $?
"$tool" pb frobnicate >/dev/null 2>&1; check "pb unknown command" 2 $?
"$tool" pb sample "$fund" --count 2000 --seed 4 >"$tmp/sampled.jsonl"
check "pb sample keeps the rule" 0 $? '[ "$(wc -l <"$tmp/sampled.jsonl")" = 2000 ] && "$tool" pb validate "$fund" "$tmp/sampled.jsonl" >/dev/null'
"$tool" pb sample "$fund" --count many >/dev/null 2>&1; check "pb sample with a bad count" 2 $?
"$tool" pb pack "$fund" "$tmp/fund.pack" >"$tmp/out"
check "pb pack" 0 $? 'grep -q "fund.pack: [0-9]* bytes (ballot bro-tegid-community-fund-2027 v1)" "$tmp/out" && [ "$(head -c 3 "$tmp/fund.pack")" = BBK ]'
"$tool" pb pack "$tmp/in.pb" "$tmp/bad.pack" 2>/dev/null; check "pb pack refuses what is not a ballot" 1 $? '[ ! -e "$tmp/bad.pack" ]'

echo "cli: $passed passed, $failed failed"
[ "$failed" = 0 ]
