#!/usr/bin/env bash
# A throw-away PostgreSQL for bearing's store tests, from Debian's `postgresql` package.
#
#   eval "$(scripts/postgres-test-server.sh start)"   # or: npm run pg:test-server
#   npm test                                           # the PostgreSQL store tests now run too
#   scripts/postgres-test-server.sh stop "$BEARING_TEST_POSTGRES_DIR"
#
# `start` installs the package when it is missing (apt-get, as root or through `sudo -n`), creates a
# cluster in a new temp directory with initdb, runs it as the `postgres` OS user (PostgreSQL refuses
# to run as root) on 127.0.0.1 only, on the first free port from $BEARING_TEST_POSTGRES_PORT
# (default 55432), creates the database `bearing_test`, and prints the export lines for
# BEARING_TEST_POSTGRES_URL and BEARING_TEST_POSTGRES_DIR on stdout (progress goes to stderr).
# Trust authentication on loopback only: never use this cluster for anything but tests.
# `stop DIR` stops that cluster and deletes its directory.
set -euo pipefail

log() { echo "postgres-test-server: $*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi
}

bin_dir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

# Runs a PostgreSQL program as the cluster's owner: `postgres` when we are root, else ourselves.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

start() {
  local bin
  if ! bin=$(bin_dir); then
    log "installing Debian's postgresql package"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    bin=$(bin_dir) || { log "postgresql installed but no initdb under /usr/lib/postgresql"; exit 1; }
  fi

  local dir port
  dir=$(mktemp -d "${TMPDIR:-/tmp}/bearing-pg-XXXXXX")
  chmod 755 "$dir"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$dir"; fi

  port=${BEARING_TEST_POSTGRES_PORT:-55432}
  while ! port_free "$port"; do port=$((port + 1)); done

  as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  # The socket lives in the cluster's directory, so nothing is needed in /var/run/postgresql.
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200" \
    start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
  as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres bearing_test

  log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, data in $dir"
  echo "export BEARING_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:$port/bearing_test"
  echo "export BEARING_TEST_POSTGRES_DIR=$dir"
}

stop() {
  local dir=${1:-${BEARING_TEST_POSTGRES_DIR:-}} bin
  [ -n "$dir" ] && [ -d "$dir/data" ] || { log "usage: $0 stop <directory start printed>"; exit 1; }
  bin=$(bin_dir)
  as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null || true
  rm -rf "$dir"
  log "stopped and removed $dir"
}

case "${1:-start}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) log "usage: $0 [start | stop <dir>]"; exit 1 ;;
esac
