#!/usr/bin/env bash
# Starts a throw-away PostgreSQL for the tests and prints its JDBC URL on stdout (nothing else goes to stdout):
#
#   export CONTROL_PLANE_TEST_POSTGRES_URL="$(scripts/start-test-postgres.sh)"
#
# Debian's postgresql-15 is installed with apt-get when no initdb is found. The cluster lives in one folder
# (CONTROL_PLANE_TEST_POSTGRES_DIR, default /tmp/control-plane-test-postgres), listens on 127.0.0.1 on the first
# free port from 55432 and on a unix socket in that folder, trusts local connections and runs as the invoking user
# (as `postgres` when invoked as root: PostgreSQL refuses to run as root). Idempotent: a cluster that already answers
# is reused (about 0.1 s); a stopped one is started again; the first run takes 2-3 s. The tests create one database
# each, so several test runs can share the cluster. fsync is off: the data is thrown away, never the point of a test.
# Stop it with: pg_ctl -D "$dir/data" stop (as the owner).
set -euo pipefail

dir="${CONTROL_PLANE_TEST_POSTGRES_DIR:-/tmp/control-plane-test-postgres}"
data="$dir/data"

say() { printf 'start-test-postgres: %s\n' "$*" >&2; }

as_root() {
  if ((EUID == 0)); then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    say "need root for: $*"
    return 1
  fi
}

pg_bin() {
  local found
  found="$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  [[ -n "$found" && -x "$found/initdb" ]] && printf '%s\n' "$found"
}

if ! bin="$(pg_bin)"; then
  say "installing postgresql-15 with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  if ! as_root apt-get install -y -qq --no-install-recommends postgresql-15 >/dev/null 2>&1; then
    as_root apt-get update -qq
    as_root apt-get install -y -qq --no-install-recommends postgresql-15 >/dev/null
  fi
  bin="$(pg_bin)"
fi

# The cluster's owner: this user, or postgres when this is root.
if ((EUID == 0)); then
  owner=postgres
  as_owner() { runuser -u postgres -- "$@"; }
else
  owner="$(id -un)"
  as_owner() { "$@"; }
fi

url_for() { printf 'jdbc:postgresql://127.0.0.1:%s/postgres?user=%s\n' "$1" "$owner"; }

answers() { "$bin/pg_isready" -q -h 127.0.0.1 -p "$1" -t 2; }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if [[ -f "$dir/port" ]]; then
  port="$(cat "$dir/port")"
  if answers "$port"; then
    url_for "$port"
    exit 0
  fi
fi

mkdir -p "$dir"
if [[ ! -f "$data/PG_VERSION" ]]; then
  [[ "$owner" == postgres ]] && chown postgres "$dir"
  as_owner "$bin/initdb" -D "$data" -U "$owner" --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
fi

if [[ ! -f "$dir/port" ]] || ! port_free "$(cat "$dir/port")"; then
  port=55432
  while ! port_free "$port"; do port=$((port + 1)); done
  printf '%s\n' "$port" >"$dir/port"
fi
port="$(cat "$dir/port")"

say "starting PostgreSQL $("$bin/postgres" --version | awk '{print $3}') in $data on port $port"
as_owner "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 30 start -o \
  "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c full_page_writes=off" \
  >/dev/null
answers "$port"
url_for "$port"
