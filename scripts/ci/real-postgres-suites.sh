#!/usr/bin/env bash
# After `pnpm test` in CI: the suites again on a real PostgreSQL 15 with pgvector
# (../shared/tools/real-postgres.sh), the app logged in as platform_login:
#   1. the unit suite twice on one fresh database (the second run proves no test assumes an
#      empty database: unique tenants and e-mails, nothing about rows it did not create);
#   2. the db and API suites with the app connected through PgBouncer in transaction mode
#      (migrations and assertions go direct).
# Skips, saying so, when the tool is absent. To add a suite: write a function and list it in
# SUITES; each prints its own time.
set -euo pipefail
cd "$(dirname "$0")/../.."
tool=../shared/tools/real-postgres.sh
PGBOUNCER_PORT=${PGBOUNCER_PORT:-6442}

if [ ! -f "$tool" ]; then
  echo "real-postgres suites: skipped: $tool not found (no real PostgreSQL on this machine)"
  exit 0
fi

newdb() { bash "$tool" newdb "$@" | tail -n 1; }

unit_twice_on_one_database() {
  local url
  url=$(newdb)
  echo "database: $url"
  TEST_DATABASE_URL=$url pnpm exec vitest run
  echo "-- the same database again"
  TEST_DATABASE_URL=$url pnpm exec vitest run
}

db_and_api_through_pgbouncer() {
  local url name
  url=$(newdb)
  name=${url##*/}
  if ! bash scripts/ci/pgbouncer.sh start "$PGBOUNCER_PORT" "$(echo "$url" | sed -E 's#.*:([0-9]+)/.*#\1#')"; then
    echo "== SKIPPED: PgBouncer could not be installed or started on this machine (see above)"
    return 0
  fi
  trap 'bash scripts/ci/pgbouncer.sh stop "$PGBOUNCER_PORT"' EXIT
  echo "database: $url, app through PgBouncer on $PGBOUNCER_PORT"
  TEST_DATABASE_URL=$url TEST_APP_DATABASE_URL="postgres://platform_login@127.0.0.1:$PGBOUNCER_PORT/$name" \
    pnpm exec vitest run --project db --project api
}

SUITES=(unit_twice_on_one_database db_and_api_through_pgbouncer)

# A machine where the tool exists but cannot build or start the server (no root, no Debian
# packages) skips loudly; once the server is up, every failing test fails CI.
if ! bash "$tool" start >/dev/null; then
  echo "== real-postgres suites: SKIPPED: $tool could not start a server here (see above)"
  exit 0
fi
for suite in "${SUITES[@]}"; do
  start=$SECONDS
  echo "== real-postgres suite: $suite"
  "$suite"
  echo "== real-postgres suite: $suite passed in $((SECONDS - start)) s"
done
