#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and benchmarks (Debian packages).
#
#   scripts/pg_cluster.sh start DIR   initdb in DIR (created), a free port on
#                                     127.0.0.1, trust auth; prints the URL
#   scripts/pg_cluster.sh stop DIR    stops the cluster and removes DIR
#
# Trust auth for the `riptide` user and fsync=off: the cluster holds nothing but test data and lives
# for one run. initdb refuses to run as root, so as root the server runs as the
# `postgres` user that the Debian package creates.
set -euo pipefail

cmd=${1:-}
dir=${2:-}
if [ -z "$cmd" ] || [ -z "$dir" ]; then
  echo "usage: $0 start|stop DIR" >&2
  exit 2
fi

bindir=${PG_BINDIR:-}
if [ -z "$bindir" ]; then
  for candidate in /usr/lib/postgresql/*/bin; do
    [ -x "$candidate/initdb" ] && bindir=$candidate
  done
fi
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "error: PostgreSQL server binaries not found (apt-get install postgresql, or set PG_BINDIR)" >&2
  exit 1
fi

as_owner() {
  if [ "$(id -u)" = "0" ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "error: no free port found" >&2
  return 1
}

case "$cmd" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = "0" ] && chown postgres "$dir"
    as_owner "$bindir/initdb" -D "$dir/data" -U riptide -A trust -E UTF8 --no-locale \
      >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    # The test user needs no password; any other role must give one (so tests
    # can check how wrong credentials are reported).
    cat >"$dir/data/pg_hba.conf" <<'HBA'
local all all trust
host all riptide 127.0.0.1/32 trust
host all all 127.0.0.1/32 scram-sha-256
HBA
    # TLS with a self-signed certificate, so sslmode=require can be tested.
    ssl_opts=""
    if command -v openssl >/dev/null 2>&1; then
      openssl req -new -x509 -days 7 -nodes -subj "/CN=127.0.0.1" \
        -keyout "$dir/data/server.key" -out "$dir/data/server.crt" >/dev/null 2>&1
      [ "$(id -u)" = "0" ] && chown postgres "$dir/data/server.key" "$dir/data/server.crt"
      chmod 600 "$dir/data/server.key"
      ssl_opts="-c ssl=on"
    fi
    port=$(free_port)
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start -o \
      "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 $ssl_opts" \
      >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "$port" >"$dir/port"
    echo "postgres://riptide@127.0.0.1:$port/postgres"
    ;;
  stop)
    if [ -d "$dir/data" ]; then
      as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
