#!/usr/bin/env bash
# Builds and runs the site and its collector on http://127.0.0.1:${PORT:-8080}/ with SQLite in ./data.
# Officers use the console at /console/; until one exists, this says how to add the first.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export NODE_PATH=/usr/share/nodejs
cmake --preset native >/dev/null && cmake --build --preset native
cmake --preset web >/dev/null && cmake --build --preset web
mkdir -p data
server=build/native/budget-server/budget-server
if [ -z "$("$server" officer list --data data)" ]; then
  echo "No officers yet. Add the first administrator (it asks for a password):"
  echo "  $server officer add --data data --name YOUR.NAME --role admin"
fi
echo "Console: http://127.0.0.1:${PORT:-8080}/console/"
exec "$server" --port "${PORT:-8080}" --data data --site build/web/site --budgets budgets
