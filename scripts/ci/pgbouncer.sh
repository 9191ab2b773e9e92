#!/usr/bin/env bash
# PgBouncer (Debian's package) in transaction mode in front of a Postgres on loopback, as
# production runs it (README, docker-compose). Installs the package when missing (needs root).
#
#   scripts/ci/pgbouncer.sh start PORT UPSTREAM_PORT   prints the state dir; logs in it
#   scripts/ci/pgbouncer.sh stop PORT
#
# Every database of the upstream is served; users postgres (migrations, assertions) and
# platform_login (the app) log in with trust auth, as the upstream allows on loopback.
set -euo pipefail
cmd=${1:?start|stop}
port=${2:?port}
state="${TMPDIR:-/tmp}/platform-pgbouncer-$port"

if [ "$cmd" = stop ]; then
  if [ -f "$state/pgbouncer.pid" ]; then
    kill "$(cat "$state/pgbouncer.pid")" 2>/dev/null || true
  fi
  exit 0
fi

upstream=${3:?upstream port}
if ! command -v pgbouncer >/dev/null 2>&1 && [ ! -x /usr/sbin/pgbouncer ]; then
  echo "[pgbouncer] installing Debian's pgbouncer package" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pgbouncer >/dev/null
  # The package starts a system instance on 6432; ours runs on its own port.
  (service pgbouncer stop || systemctl stop pgbouncer) >/dev/null 2>&1 || true
fi
bin=$(command -v pgbouncer || echo /usr/sbin/pgbouncer)

rm -rf "$state" && mkdir -p "$state"
cat >"$state/pgbouncer.ini" <<INI
[databases]
* = host=127.0.0.1 port=$upstream

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
auth_type = trust
auth_file = $state/userlist.txt
pool_mode = transaction
max_client_conn = 1000
default_pool_size = 40
max_db_connections = 60
server_reset_query =
ignore_startup_parameters = extra_float_digits,options
logfile = $state/pgbouncer.log
pidfile = $state/pgbouncer.pid
INI
printf '"postgres" ""\n"platform_login" ""\n' >"$state/userlist.txt"
chown -R postgres "$state" 2>/dev/null || true
# PgBouncer refuses to run as root: run it as the postgres system user.
if [ "$(id -u)" = 0 ]; then
  "$bin" -d -u postgres "$state/pgbouncer.ini"
else
  "$bin" -d "$state/pgbouncer.ini"
fi
for _ in $(seq 50); do
  (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done
echo "$state"
