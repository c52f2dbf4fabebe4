#!/usr/bin/env bash
# A throwaway PostgreSQL server for the ledger tests: a new cluster in a temporary folder, trust auth, listening on
# 127.0.0.1 only, on a free port, fsync off. Never touches a system cluster.
#
#   eval "$(tests/postgres.sh start)"          # exports KENYASMS_POSTGRES and KENYASMS_POSTGRES_DIR
#   dotnet test tests/KenyaSms.Ledger.Tests
#   tests/postgres.sh stop "$KENYASMS_POSTGRES_DIR"
#
# Needs PostgreSQL's server binaries (/usr/lib/postgresql/<version>/bin; Debian: apt-get install postgresql).
# As root, the server runs as the postgres user (PostgreSQL refuses to run as root). Progress goes to stderr;
# stdout carries only the export lines.
set -euo pipefail

bin_dir() {
  local initdb
  initdb=$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$initdb" ] || { echo "PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin/initdb); install them: apt-get install -y postgresql" >&2; exit 1; }
  dirname "$initdb"
}

# Runs a command as the cluster's owner: postgres when we are root, ourselves otherwise.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    su postgres -s /bin/sh -c "$1"
  else
    sh -c "$1"
  fi
}

start() {
  local bin dir port attempt
  bin=$(bin_dir)
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --home-dir /var/lib/postgresql --shell /bin/sh postgres
  fi
  dir=$(mktemp -d /tmp/kenyasms-postgres.XXXXXX)
  chmod 755 "$dir"
  [ "$(id -u)" -ne 0 ] || chown postgres "$dir"
  as_owner "'$bin/initdb' -D '$dir/data' --auth=trust --username=postgres --encoding=UTF8 --no-sync" >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  for attempt in 1 2 3 4 5 6 7 8; do
    port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
    if as_owner "'$bin/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -t 60 start -o \"-p $port -c listen_addresses=127.0.0.1 -k '$dir' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200\"" >&2; then
      break
    fi
    echo "port $port did not work (attempt $attempt); trying another" >&2
    port=
  done
  [ -n "$port" ] || { cat "$dir/server.log" >&2; exit 1; }
  as_owner "'$bin/createdb' -h 127.0.0.1 -p $port -U postgres kenyasms_test" >&2
  echo "export KENYASMS_POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres;Database=kenyasms_test'"
  echo "export KENYASMS_POSTGRES_DIR='$dir'"
}

stop() {
  local dir=${1:-}
  [ -n "$dir" ] && [ -d "$dir/data" ] || { echo "usage: $0 stop <KENYASMS_POSTGRES_DIR>" >&2; exit 2; }
  as_owner "'$(bin_dir)/pg_ctl' -D '$dir/data' -m immediate -w stop" >&2 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start | stop <dir>" >&2; exit 2 ;;
esac
