#!/bin/sh
# Writes NAME.br (Debian's brotli) and NAME.gz beside every text and wasm file of the built site, for
# servers that send precompressed files (budget-server does; docs/hosting.md shows nginx and Apache).
# A file is compressed again only when it is newer than its copies. Usage: compress_site.sh SITE_DIR
set -eu
find "$1" -type f \( -name '*.html' -o -name '*.js' -o -name '*.css' -o -name '*.json' -o -name '*.wasm' \
    -o -name '*.svg' -o -name '*.txt' -o -name '*.ttf' -o -name '*.po' \) | while read -r f; do
  if [ ! "$f.gz" -nt "$f" ]; then gzip -9 -n -c "$f" > "$f.gz.tmp" && mv "$f.gz.tmp" "$f.gz" && touch "$f.gz"; fi
  if [ ! "$f.br" -nt "$f" ]; then brotli -q 11 -f -c "$f" > "$f.br.tmp" && mv "$f.br.tmp" "$f.br" && touch "$f.br"; fi
done
