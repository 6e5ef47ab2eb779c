#!/usr/bin/env bash
# Builds and runs the site and its collector on http://127.0.0.1:${PORT:-8080}/ with SQLite in ./data.
# An officer token is made on first run in data/officer-token (for the export routes).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export NODE_PATH=/usr/share/nodejs
cmake --preset native >/dev/null && cmake --build --preset native
cmake --preset web >/dev/null && cmake --build --preset web
mkdir -p data
if [ ! -s data/officer-token ]; then
  head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > data/officer-token
  chmod 600 data/officer-token
fi
echo "Officers: export with  curl -H \"Authorization: Bearer \$(cat data/officer-token)\" http://127.0.0.1:${PORT:-8080}/api/v1/budgets/<id>/export.csv"
exec build/native/budget-server/budget-server --port "${PORT:-8080}" --data data --site build/web/site \
  --budgets budgets --officer-token-file data/officer-token
