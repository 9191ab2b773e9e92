#!/bin/sh
# Runs once at initdb. Citus opens worker connections as the role running the statement, so the
# request roles (platform_app, platform_system: LOGIN, no password, owning nothing) must get in
# from the cluster's internal network, and from nowhere else. The first matching line wins.
set -e
internal="${CITUS_INTERNAL_SUBNET:-172.29.0.0/24}"
{
  echo "host all postgres,platform_app,platform_system ${internal} trust"
  echo "host all platform_app,platform_system all reject"
  cat "$PGDATA/pg_hba.conf"
} > "$PGDATA/pg_hba.conf.new"
mv "$PGDATA/pg_hba.conf.new" "$PGDATA/pg_hba.conf"
