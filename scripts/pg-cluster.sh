#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the PostgreSQL test suites (CI and developers).
#
#   eval "$(scripts/pg-cluster.sh start)"   # starts one, prints `export DUDAO_TEST_PG=...`
#   scripts/pg-cluster.sh env               # prints the export lines of the running one again
#   scripts/pg-cluster.sh status            # exit 0 when it runs
#   scripts/pg-cluster.sh stop              # stops it and removes its directory
#
# The cluster lives in a temp dir, listens on 127.0.0.1 only on a free port, trusts
# connections from 127.0.0.1 only (no unix-socket access, nothing on other interfaces) and
# has a role `dudao` (LOGIN CREATEDB) owning a database `dudao`: the test harness creates a
# fresh database per server from there. PostgreSQL refuses to run as root, so under root the
# server runs as the `postgres` system user that Debian's postgresql package creates.
# State (dir, port) is kept in $DUDAO_PG_STATE (default /tmp/dudao-pg-cluster.state) so that
# `stop` finds the cluster from another shell. Messages go to stderr; stdout carries only
# the export lines.
set -euo pipefail

STATE=${DUDAO_PG_STATE:-/tmp/dudao-pg-cluster.state}
ROLE=dudao
DBNAME=dudao

die() { echo "pg-cluster: $*" >&2; exit 1; }
say() { echo "pg-cluster: $*" >&2; }

find_bindir() {
  if [ -n "${PG_BINDIR:-}" ]; then echo "$PG_BINDIR"; return; fi
  if [ -x /usr/lib/postgresql/15/bin/postgres ]; then echo /usr/lib/postgresql/15/bin; return; fi
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  [ -n "$d" ] && [ -x "$d/postgres" ] || die "no PostgreSQL server binaries (install postgresql-15)"
  echo "$d"
}

# Runs a command as the cluster's owner: the postgres system user under root, else ourselves.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_in_use() {
  # A successful connect means someone listens there.
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pick_port() {
  local p i
  for i in $(seq 1 50); do
    p=$((20000 + RANDOM % 40000))
    if ! port_in_use "$p"; then echo "$p"; return; fi
  done
  die "no free port found"
}

load_state() {
  [ -f "$STATE" ] || return 1
  # shellcheck disable=SC1090
  . "$STATE"
  [ -n "${PGC_DIR:-}" ] && [ -n "${PGC_PORT:-}" ] && [ -n "${PGC_BINDIR:-}" ]
}

is_running() {
  load_state || return 1
  [ -d "$PGC_DIR/data" ] || return 1
  as_owner "$PGC_BINDIR/pg_ctl" -D "$PGC_DIR/data" status >/dev/null 2>&1
}

print_env() {
  echo "export DUDAO_TEST_PG=postgres://$ROLE@127.0.0.1:$PGC_PORT/$DBNAME"
  echo "export DUDAO_PG_CLUSTER_DIR=$PGC_DIR"
}

cmd_start() {
  if is_running; then
    say "already running in $PGC_DIR on port $PGC_PORT"
    print_env
    return
  fi
  [ -f "$STATE" ] && { say "removing stale state $STATE"; cmd_stop_quiet; }

  local bindir dir port attempt
  bindir=$(find_bindir)
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' user (install postgresql-15)"
  fi
  dir=$(mktemp -d /tmp/dudao-pg.XXXXXX)
  chmod 700 "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"

  (cd "$dir" && as_owner "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 \
      --locale=C.UTF-8 --no-instructions >"$dir/initdb.log" 2>&1) \
    || { cat "$dir/initdb.log" >&2; rm -rf "$dir"; die "initdb failed"; }

  # Trust on 127.0.0.1 only; no unix-socket or other-host entries at all.
  as_owner tee "$dir/data/pg_hba.conf" >/dev/null <<'EOF'
# dudao throwaway test cluster: trust, loopback TCP only
host    all    all    127.0.0.1/32    trust
EOF

  for attempt in 1 2 3 4 5; do
    port=$(pick_port)
    as_owner tee -a "$dir/data/postgresql.conf" >/dev/null <<EOF
# dudao test cluster (attempt $attempt)
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 300
shared_buffers = 64MB
fsync = off
synchronous_commit = off
full_page_writes = off
log_min_messages = warning
EOF
    if (cd "$dir" && as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null 2>&1); then
      break
    fi
    port=""
    say "start on port failed (attempt $attempt), retrying"
  done
  if [ -z "$port" ]; then
    tail -20 "$dir/server.log" >&2 || true
    rm -rf "$dir"
    die "could not start PostgreSQL"
  fi

  printf 'PGC_DIR=%q\nPGC_PORT=%q\nPGC_BINDIR=%q\n' "$dir" "$port" "$bindir" >"$STATE"
  PGC_DIR=$dir PGC_PORT=$port PGC_BINDIR=$bindir

  local psql="$bindir/psql"
  [ -x "$psql" ] || psql=psql
  "$psql" "postgres://postgres@127.0.0.1:$port/postgres" -q -v ON_ERROR_STOP=1 \
      -c "CREATE ROLE $ROLE LOGIN CREATEDB" \
      -c "CREATE DATABASE $DBNAME OWNER $ROLE" >&2 \
    || { cmd_stop_quiet; die "could not create the test role and database"; }
  say "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') running in $dir on 127.0.0.1:$port"
  print_env
}

cmd_stop_quiet() {
  load_state || { rm -f "$STATE"; return 0; }
  if [ -d "$PGC_DIR/data" ]; then
    (cd "$PGC_DIR" && as_owner "$PGC_BINDIR/pg_ctl" -D "$PGC_DIR/data" -m fast -w -t 30 stop >/dev/null 2>&1) || true
  fi
  case "$PGC_DIR" in
    /tmp/dudao-pg.*) rm -rf "$PGC_DIR" ;;
    *) say "not removing unexpected dir $PGC_DIR" ;;
  esac
  rm -f "$STATE"
}

cmd_stop() {
  if ! load_state; then say "no cluster recorded in $STATE"; return 0; fi
  local dir=$PGC_DIR
  cmd_stop_quiet
  say "stopped and removed $dir"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  env) is_running || die "no running cluster"; print_env ;;
  status)
    if is_running; then say "running in $PGC_DIR on port $PGC_PORT"; else say "not running"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|env|status" >&2; exit 2 ;;
esac
