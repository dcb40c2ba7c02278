#!/usr/bin/env bash
# Start a throwaway PostgreSQL server for the test suite on 127.0.0.1:${PGPORT:-55432} (trust auth, user postgres).
# Needs Debian's postgresql package. Idempotent: does nothing when the server already answers.
set -euo pipefail
PGPORT="${PGPORT:-55432}"
PGDATA="${WATCHKEEPER_TEST_PGDATA:-/tmp/watchkeeper-test-pg}"
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bindir" ]; then
  echo "PostgreSQL binaries not found: apt-get install -y postgresql" >&2
  exit 1
fi
if "$bindir/pg_isready" -h 127.0.0.1 -p "$PGPORT" -q; then
  echo "PostgreSQL already running on 127.0.0.1:$PGPORT"
  exit 0
fi
run_as_postgres() {
  if [ "$(id -u)" = "0" ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}
if [ ! -f "$PGDATA/PG_VERSION" ]; then
  mkdir -p "$PGDATA"
  [ "$(id -u)" = "0" ] && chown postgres:postgres "$PGDATA"
  run_as_postgres "'$bindir/initdb' -D '$PGDATA' -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null"
fi
run_as_postgres "'$bindir/pg_ctl' -D '$PGDATA' -l '$PGDATA/server.log' -w \
  -o \"-p $PGPORT -c listen_addresses=127.0.0.1 -k /tmp -c fsync=off -c full_page_writes=off -c max_connections=200\" start"
echo "PostgreSQL running on 127.0.0.1:$PGPORT"
