#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests, on a free loopback port, in a temporary folder.
#   cluster.sh start      prints TEST_DATABASE_URL=... and TEST_PG_DIR=... (for eval)
#   cluster.sh stop DIR   stops the cluster started in DIR and removes it
# PostgreSQL refuses to run as root, so as root the cluster runs as the postgres user.
set -euo pipefail

for bin in /usr/lib/postgresql/*/bin; do [ -d "$bin" ] && PATH="$PATH:$bin"; done
export PATH

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    command -v initdb >/dev/null || { echo "cluster.sh: initdb not found; install PostgreSQL (apt-get install -y postgresql)" >&2; exit 1; }
    dir=$(mktemp -d "${TMPDIR:-/tmp}/factcheck-pg.XXXXXX")
    chmod 755 "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
    as_owner initdb -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    # fsync off: a test cluster is thrown away, and the store's own durability is tested on SQLite's file.
    as_owner pg_ctl -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    echo "TEST_DATABASE_URL=postgres://postgres@127.0.0.1:$port/postgres"
    echo "TEST_PG_DIR=$dir"
    ;;
  stop)
    dir="${2:?cluster.sh stop DIR}"
    [ -d "$dir/data" ] && as_owner pg_ctl -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: cluster.sh start | stop DIR" >&2
    exit 2
    ;;
esac
