import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { getCostSummary } from '@platform/costs';
import { databaseOver } from '@platform/db';
import type { Database } from '@platform/db';
import { createTestDatabase } from '@platform/db/testing';
import type { TestDatabase } from '@platform/db/testing';
import { createTenantFixture } from '@platform/db/testing';
import type { TenantFixture } from '@platform/db/testing';
import { hybridSearch } from '@platform/rag';
import { readTranscript } from '../widget/store';
import { listWidgets } from '../widgets/service';

/**
 * On a Citus cluster, a tenant's main reads must reach only that tenant's shards (a router
 * plan: one task per statement), never fan out to every shard. Citus logs every command it
 * sends to a shard (`citus.log_remote_commands`); each names the shard table it reads
 * (`widgets_102042`). Every shard named must be the tenant's own (get_shard_id_for_distribution_column)
 * or a reference table's. Skipped, saying why, when TEST_DATABASE_URL is not a Citus coordinator.
 */
let t: TestDatabase;
let citus = false;
let allowed = new Set<string>();
let fixture: TenantFixture;
let logged: string[] = [];
let client: postgres.Sql;
let db: Database;

beforeAll(async () => {
  t = await createTestDatabase();
  const [row] = await t.raw(
    `select exists (select 1 from pg_extension where extname = 'citus') as on`,
  );
  citus = Boolean(row?.on);
  if (!citus) {
    console.log('citus routing: skipped (TEST_DATABASE_URL is not a Citus coordinator)');
    return;
  }
  fixture = await createTenantFixture(t.db, 'Routing');
  const shards = await t.raw(
    `select get_shard_id_for_distribution_column(logicalrelid, $1::uuid)::text as id
       from pg_dist_partition where partmethod = 'h'
     union all
     select shardid::text from pg_dist_shard s join pg_dist_partition p using (logicalrelid)
      where p.partmethod = 'n'`,
    [fixture.tenant.id],
  );
  allowed = new Set(shards.map((s) => String(s.id)));
  // The app's own login, with Citus reporting each command it sends to a worker.
  client = postgres(t.url, {
    max: 1,
    prepare: false,
    connection: { 'citus.log_remote_commands': 'on', client_min_messages: 'log' },
    onnotice: (notice) => logged.push(String(notice.message)),
  });
  db = databaseOver(client);
});

afterAll(async () => {
  await client?.end({ timeout: 5 });
  await t.close();
});

/** The shard ids named by the commands Citus sent while `read` ran. */
async function shardsTouched(read: () => Promise<unknown>): Promise<string[]> {
  logged = [];
  await read();
  const ids = logged
    .filter((line) => /issuing|executing the command locally/.test(line))
    .flatMap((line) => [...line.matchAll(/\b[a-z_]+_(\d{6,})\b/g)].map((m) => m[1]!));
  return [...new Set(ids)];
}

describe.skipIf(!process.env.TEST_DATABASE_URL)(
  'on Citus, a tenant read touches its own shard only',
  () => {
    const reads: Record<string, () => Promise<unknown>> = {
      'widget list': () => db.withTenant(fixture.tenant.id, (tx) => listWidgets(tx, { limit: 20 })),
      'hybrid search': () => hybridSearch(db, fixture.tenant.id, 'fixture content'),
      'session transcript': () =>
        readTranscript(db, {
          tid: fixture.tenant.id,
          sid: fixture.ids.session,
          wid: fixture.ids.widget,
          org: 'https://example.test',
        } as never),
      'cost summary': () =>
        db.withTenant(fixture.tenant.id, (tx) =>
          getCostSummary(tx, {
            startDate: new Date(Date.now() - 30 * 86_400_000),
            endDate: new Date(Date.now() + 86_400_000),
            groupBy: 'day',
          }),
        ),
    };
    for (const [name, read] of Object.entries(reads)) {
      test(name, async () => {
        if (!citus) return;
        const touched = await shardsTouched(read);
        expect(touched.length, `${name}: no shard command logged`).toBeGreaterThan(0);
        expect(
          touched.filter((id) => !allowed.has(id)),
          `${name}: shards of other tenants`,
        ).toEqual([]);
      });
    }
  },
);
