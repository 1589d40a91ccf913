#!/usr/bin/env bash
# Run a command with a throwaway PostgreSQL server on 127.0.0.1, its URL in BRINKWATCH_TEST_POSTGRES_URL.
# Used by `make test` so the store is tested on a real server. Debian's postgresql package provides
# initdb and pg_ctl; as root the server runs as the `postgres` user. Without PostgreSQL the command runs
# alone and the PostgreSQL tests say they were skipped, and why.
set -uo pipefail

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bindir" ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "with-postgres: installing Debian's postgresql package" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null 2>&1; }
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
fi
if [ -z "$bindir" ]; then
  echo "with-postgres: no PostgreSQL server found (apt-get install postgresql); running without it" >&2
  exec "$@"
fi

dir=$(mktemp -d /tmp/brinkwatch-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$dir"

stop() { as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1; rm -rf "$dir"; }
trap stop EXIT

as_owner "$bindir/initdb" -D "$dir/data" -U postgres -A trust --no-sync >/dev/null \
  && as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 \
       -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off" start >/dev/null \
  && "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres brinkwatch_test
if [ $? -ne 0 ]; then
  echo "with-postgres: could not start PostgreSQL (log: $dir/log); running without it" >&2
  cat "$dir/log" >&2 2>/dev/null
  "$@"
  exit $?
fi
export BRINKWATCH_TEST_POSTGRES_URL="postgresql+psycopg://postgres@127.0.0.1:$port/brinkwatch_test"
echo "with-postgres: PostgreSQL on 127.0.0.1:$port for the tests" >&2
"$@"
