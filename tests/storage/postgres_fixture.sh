#!/usr/bin/env bash
# ctest's storage.postgres fixture: a throwaway PostgreSQL cluster (Debian's binaries, loopback only)
# for the storage tests. start DIR writes DIR/url (postgresql://postgres@127.0.0.1:PORT/, a database
# name to follow); stop DIR stops it and removes DIR.
set -euo pipefail
action="$1" dir="$2"
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)"
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$action" in
  start)
    if [ -f "$dir/data/postmaster.pid" ]; then as_postgres "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true; fi
    rm -rf "$dir" && mkdir -p "$dir/data"
    chmod 777 "$dir"
    [ "$(id -u)" = 0 ] && chown -R postgres "$dir"
    as_postgres "$bin/initdb" -D "$dir/data" -A trust -U postgres --no-sync >/dev/null
    port="$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w start \
      -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c fsync=off" >/dev/null
    echo "postgresql://postgres@127.0.0.1:$port/" > "$dir/url"
    ;;
  stop)
    if [ -d "$dir/data" ]; then as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null; fi
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
