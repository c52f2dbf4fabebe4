#!/usr/bin/env bash
# The project's test command: `./test.sh [dotnet test options]`, e.g. `./test.sh -c Release`.
# The ledger tests need PostgreSQL. Unless KENYASMS_POSTGRES already names a server, this installs PostgreSQL's
# binaries when they are missing (Debian's package; needs root or sudo), starts a throwaway server on 127.0.0.1
# (tests/postgres.sh), runs `dotnet test KenyaSms.sln` with your options, and stops the server on exit.
set -euo pipefail
cd "$(dirname "$0")"

if [ -z "${KENYASMS_POSTGRES:-}" ]; then
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    echo "PostgreSQL is missing; installing it from Debian's packages for the ledger tests." >&2
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >&2
  fi
  eval "$(tests/postgres.sh start)"
  trap 'tests/postgres.sh stop "$KENYASMS_POSTGRES_DIR"' EXIT
  echo "Throwaway PostgreSQL for the ledger tests: $KENYASMS_POSTGRES" >&2
fi

dotnet test KenyaSms.sln "$@"
