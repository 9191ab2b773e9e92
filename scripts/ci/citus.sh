#!/usr/bin/env bash
# The suites that hold on a Citus cluster (coordinator + 2 workers), on a fresh database each run:
# db schema, RLS and layout, the API's isolation/roles/routing suites, BM25 statistics, hybrid
# search and the widget's chat turn and handoff.
# Skips, saying so, where ../shared/tools/real-postgres.sh (the cluster builder) is absent.
# 4 shards per table instead of Citus's 32: the same code paths, less fan-out for CI's 2 cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
tool=../shared/tools/real-postgres.sh
if [ ! -f "$tool" ]; then
  echo "citus: skipped ($tool not found: no Citus cluster on this machine)"
  exit 0
fi
# Loud skip when the tool cannot build or start the cluster here; once up, failing tests fail CI.
if ! url=$(bash "$tool" newdb --citus); then
  echo "citus: SKIPPED: $tool could not start a cluster here (see above)"
  exit 0
fi
echo "citus: suites against $url"
TEST_DATABASE_URL="$url" CITUS_SHARD_COUNT=4 pnpm exec vitest run \
  packages/db/src/schema packages/db/src/rls packages/db/src/database.test.ts \
  packages/db/src/citus packages/auth/src/sessions packages/auth/src/adapter packages/api/src/widgets \
  packages/api/src/suites packages/rag/src/search packages/api/src/widget/ai-engine.test.ts \
  packages/api/src/inbox
