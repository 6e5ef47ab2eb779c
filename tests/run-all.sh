#!/usr/bin/env bash
# Builds everything (native, web, fuzz) and runs every test: the README's test command (docs/testing.md says what it runs) after set-up.
# Fuzzing here is a short smoke run (FUZZ_SECONDS, default 10 per target); ctest runs last.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export NODE_PATH=/usr/share/nodejs
step() { printf '\n==> [%ss] %s\n' "$SECONDS" "$*"; }

# The three builds side by side: each has stretches on one core (a long file, a link, Emscripten's
# link-time optimisation) that the others fill. The web and fuzz builds log to files, shown if they fail.
step "builds: native (core, budget-tool, tests), web (the app and budget-tool.js under Emscripten), fuzz targets"
mkdir -p build
cmake --preset web >/dev/null
cmake --build --preset web >build/web-build.log 2>&1 &
web_build=$!
tests/fuzz/run.sh build >build/fuzz-build.log 2>&1 &
fuzz_build=$!
cmake --preset native >/dev/null
cmake --build --preset native
if ! wait "$web_build"; then tail -n 60 build/web-build.log; echo "the web build failed (build/web-build.log)" >&2; exit 1; fi
tail -n 1 build/web-build.log
if ! wait "$fuzz_build"; then tail -n 60 build/fuzz-build.log; echo "the fuzz targets' build failed (build/fuzz-build.log)" >&2; exit 1; fi
tail -n 1 build/fuzz-build.log

step "fuzz smoke run (${FUZZ_SECONDS:-10}s per target)"
tests/fuzz/run.sh "${FUZZ_SECONDS:-10}"
if [ -n "$(find build/fuzz/crashes -type f 2>/dev/null)" ]; then
  echo "fuzzing found crashes: see build/fuzz/crashes/" >&2
  exit 1
fi

step "ctest: unit tests, command line, schema agreement, fuzz corpus replay, wasm parity"
ctest --preset native
printf '\n==> [%ss] done\n' "$SECONDS"
