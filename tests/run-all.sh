#!/usr/bin/env bash
# Builds everything (native, web, fuzz) and runs every test: the README's test command (docs/testing.md says what it runs) after set-up.
# Fuzzing here is a short smoke run (FUZZ_SECONDS, default 2 per target: the seed corpus under the sanitizers, and a little more); ctest runs last.
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

step "fuzz smoke run (${FUZZ_SECONDS:-2}s per target)"
tests/fuzz/run.sh "${FUZZ_SECONDS:-2}"
if [ -n "$(find build/fuzz/crashes -type f 2>/dev/null)" ]; then
  echo "fuzzing found crashes: see build/fuzz/crashes/" >&2
  exit 1
fi

step "ctest: unit tests, command line, schema agreement, fuzz corpus replay, wasm parity"
ctest --preset native
printf '\n==> [%ss] done\n' "$SECONDS"
