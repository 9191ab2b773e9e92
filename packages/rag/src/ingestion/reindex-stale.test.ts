import { createTestDatabase, type TestDatabase } from '@platform/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTenant, fixedEmbedder } from '../testing';
import { ingestDocument, insertDocument, reindexStaleTenants } from '.';

// Its own database: reindexStaleTenants looks at every tenant.
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

const chunking = { chunkSize: 60, overlap: 10 };
const oldModel = fixedEmbedder(() => [0, 1, 0], 'voyage/voyage-3');
const newModel = fixedEmbedder(() => [1, 0, 0], 'openai/text-embedding-3-small');

async function indexedTenant(label: string, embedder = oldModel) {
  const tenantId = await createTestTenant(t.db, label);
  for (const title of ['Shipping', 'Returns']) {
    const id = await insertDocument(t.db, tenantId, {
      title,
      content: `${title} policy of ${label}: we answer within two working days.`,
      metadata: {},
    });
    expect((await ingestDocument(t.db, tenantId, id, { embedder, chunking })).status).toBe('ready');
  }
  return tenantId;
}

const chunks = (tenantId: string) =>
  t.raw(
    `select c.id, c.metadata->>'embeddingModel' as model, d.metadata->>'status' as status
       from knowledge_chunks c
       join knowledge_documents d on d.tenant_id = c.tenant_id and d.id = c.document_id
      where c.tenant_id = $1 order by c.id`,
    [tenantId],
  );

describe('reindexStaleTenants (changing the embedding model re-indexes)', () => {
  it('re-embeds only the tenants indexed with another model; a tenant at its cap is reported', async () => {
    const stale = await indexedTenant('Stale');
    const current = await indexedTenant('Current', newModel);
    const capped = await indexedTenant('Capped');
    await t.raw(`update tenants set settings = '{"maxMonthlySpend": 1}' where id = $1`, [capped]);
    await t.raw(
      `insert into cost_events (tenant_id, service, provider, cost_usd) values ($1, 'llm', 'openai', 2)`,
      [capped],
    );
    const currentBefore = await chunks(current);
    const cappedBefore = await chunks(capped);

    // Only this test's tenants: other files may share the database (TEST_DATABASE_URL).
    const tenantIds = [stale, current, capped];
    const summary = await reindexStaleTenants(t.db, { embedder: newModel, chunking, tenantIds });

    expect(summary.reindexed.map((r) => r.embeddingModel)).toEqual([newModel.model]);
    expect(summary.reindexed[0]).toMatchObject({ documents: 2, failed: [] });
    expect(summary.failed).toEqual([
      { tenantId: capped, error: expect.stringMatching(/usage limit/) },
    ]);
    const after = await chunks(stale);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((c) => c.model === newModel.model && c.status === 'ready')).toBe(true);
    expect(await chunks(current)).toEqual(currentBefore);
    expect(await chunks(capped)).toEqual(cappedBefore);

    // Nothing left to do for the tenants it could afford.
    const again = await reindexStaleTenants(t.db, { embedder: newModel, chunking, tenantIds });
    expect(again.reindexed).toEqual([]);
    expect(again.failed.map((f) => f.tenantId)).toEqual([capped]);
  });
});
