#!/usr/bin/env bash
# Runs a command against a throw-away PostgreSQL server:
#   scripts/with-postgres.sh cargo test -p rewards-server --locked
# Installs the Debian package `postgresql` when its binaries are missing (as root,
# without starting the system service), creates a cluster in a temporary directory
# owned by an unprivileged user (the `postgres` system user when run as root),
# starts it on 127.0.0.1 on a free port (socket in the same directory), creates the
# database `rewards_test`, exports
#   REWARDS_TEST_POSTGRES=postgres://postgres@127.0.0.1:<port>/rewards_test
# runs the command, and always stops the server and removes the directory.
# Durability is off (fsync=off): the data is thrown away anyway.
set -euo pipefail

[ "$#" -gt 0 ] || { echo "usage: $0 <command...>" >&2; exit 2; }

pg_bin() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

if ! bin="$(pg_bin)"; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "with-postgres: installing postgresql (Debian package)" >&2
    # The package must not start the system service.
    policy=/usr/sbin/policy-rc.d
    had_policy=no
    [ -e "$policy" ] && had_policy=yes
    [ "$had_policy" = yes ] || { printf '#!/bin/sh\nexit 101\n' >"$policy"; chmod +x "$policy"; }
    status=0
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql >&2 ||
      { apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql >&2; } ||
      status=$?
    [ "$had_policy" = yes ] || rm -f "$policy"
    [ "$status" = 0 ] || { echo "with-postgres: could not install postgresql" >&2; exit 1; }
    bin="$(pg_bin)" || { echo "with-postgres: no initdb/pg_ctl after installing postgresql" >&2; exit 1; }
  else
    echo "with-postgres: PostgreSQL server binaries (initdb, pg_ctl) are missing: install the Debian package postgresql" >&2
    exit 1
  fi
fi

# PostgreSQL refuses to run as root: run it as an unprivileged user.
as_db_user=()
if [ "$(id -u)" = 0 ]; then
  if id postgres >/dev/null 2>&1; then db_user=postgres; else db_user=nobody; fi
  if command -v runuser >/dev/null 2>&1; then
    as_db_user=(runuser -u "$db_user" --)
  else
    as_db_user=(setpriv --reuid="$db_user" --regid="$(id -g "$db_user")" --init-groups)
  fi
fi

dir="$(mktemp -d "${TMPDIR:-/tmp}/rewards-pg.XXXXXX")"
chmod 700 "$dir"
[ "$(id -u)" != 0 ] || chown "$db_user" "$dir"
started=no
cleanup() {
  if [ "$started" = yes ]; then
    "${as_db_user[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
    return
  fi
  local p
  while :; do
    p=$((20000 + RANDOM % 40000))
    # Nothing answers there: free (pg_ctl start fails otherwise).
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
}
port="$(free_port)"
"${as_db_user[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
  "${as_db_user[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 ||
  { cat "$dir/initdb.log" >&2; exit 1; }
started=yes
"${as_db_user[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
"$bin/psql" -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "CREATE DATABASE rewards_test" >/dev/null

export REWARDS_TEST_POSTGRES="postgres://postgres@127.0.0.1:$port/rewards_test"
echo "with-postgres: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (REWARDS_TEST_POSTGRES)" >&2
status=0
"$@" || status=$?
exit "$status"
