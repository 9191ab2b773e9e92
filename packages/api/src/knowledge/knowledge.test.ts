import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@platform/db/testing';
import type { TestDatabase } from '@platform/db/testing';
import { callerFor, EMBEDDING, seedTenant } from '../testing/fixtures';
import type { Caller, SeededTenant } from '../testing/fixtures';
import { attempt } from '../testing/procedures';

let t: TestDatabase;
let S: SeededTenant;
let admin: Caller;
const scheduled: Array<[string, string]> = [];

beforeAll(async () => {
  t = await createTestDatabase();
  S = await seedTenant(t, 'Docs Co');
  // The same admin, with an ingestion seam that records what it was asked to do.
  admin = callerFor(
    t,
    { userId: S.users.admin, sessionToken: S.sessionTokens.admin },
    {
      schedule: async (tenantId, documentId) => {
        // After commit: a fresh transaction sees the row.
        const [row] = await t.raw('select id from knowledge_documents where id = $1', [documentId]);
        expect(row).toBeDefined();
        scheduled.push([tenantId, documentId]);
      },
    },
  );
});
afterAll(() => t.close());

async function addChunks(documentId: string, count: number) {
  for (let i = 0; i < count; i++) {
    await t.raw(
      'insert into knowledge_chunks (document_id, tenant_id, content, embedding, position) values ($1, $2, $3, $4, $5)',
      [documentId, S.tenantId, `chunk ${i}`, EMBEDDING, i],
    );
  }
}

describe('knowledge', () => {
  it('create stores a pending document and schedules its ingestion after commit', async () => {
    scheduled.length = 0;
    const doc = await admin.knowledge.create({
      title: 'Returns',
      content: 'Thirty days.',
      category: 'policy',
      metadata: { tags: ['returns'] },
    });
    expect(doc).toMatchObject({
      title: 'Returns',
      category: 'policy',
      contentLength: 12,
      chunkCount: 0,
      metadata: { status: 'pending', tags: ['returns'] },
    });
    expect(scheduled).toEqual([[S.tenantId, doc.id]]);
  });

  it('nothing is scheduled when the transaction fails', async () => {
    scheduled.length = 0;
    const failing = callerFor(
      t,
      { userId: S.users.member, sessionToken: S.sessionTokens.member },
      { schedule: (a, b) => void scheduled.push([a, b]) },
    );
    expect(await attempt(failing, 'knowledge.create', { title: 'x', content: 'y' })).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(scheduled).toEqual([]);
  });

  it('list filters by category and shows chunk counts; get has the content', async () => {
    await addChunks(S.ids.documentId, 3);
    const page = await S.callers.member.knowledge.list({ limit: 10, category: 'docs' });
    expect(page.items.map((d) => [d.id, d.chunkCount])).toEqual([[S.ids.documentId, 4]]); // the seeded one + 3
    expect(page.items[0]).not.toHaveProperty('content');
    expect((await S.callers.member.knowledge.get({ id: S.ids.documentId })).content).toBe(
      'How Docs Co works.',
    );
  });

  it('listChunks pages by position', async () => {
    const first = await S.callers.member.knowledge.listChunks({
      documentId: S.ids.documentId,
      limit: 2,
    });
    expect(first.items.map((c) => c.position)).toEqual([0, 0, 1].slice(0, 2));
    const rest = await S.callers.member.knowledge.listChunks({
      documentId: S.ids.documentId,
      limit: 10,
      cursor: first.nextCursor!,
    });
    expect([...first.items, ...rest.items]).toHaveLength(4);
    expect(rest.nextCursor).toBeNull();
  });

  it('changing the content drops the stale chunks and re-ingests; a title change does not', async () => {
    scheduled.length = 0;
    const renamed = await admin.knowledge.update({
      id: S.ids.documentId,
      title: 'Docs Co handbook',
    });
    expect(renamed).toMatchObject({ title: 'Docs Co handbook', chunkCount: 4 });
    expect(scheduled).toEqual([]);

    const rewritten = await admin.knowledge.update({
      id: S.ids.documentId,
      content: 'All new text.',
      metadata: { author: 'Ed' },
    });
    expect(rewritten).toMatchObject({
      chunkCount: 0,
      metadata: { status: 'pending', author: 'Ed', chunkCount: 0 },
    });
    expect(scheduled).toEqual([[S.tenantId, S.ids.documentId]]);
  });

  it('reindex marks it pending and schedules it, keeping other metadata', async () => {
    await t.raw(
      `update knowledge_documents set metadata = metadata || '{"status":"failed","error":"boom","source":"upload"}' where id = $1`,
      [S.ids.documentId],
    );
    scheduled.length = 0;
    const doc = await admin.knowledge.reindex({ id: S.ids.documentId });
    expect(doc.metadata).toMatchObject({ status: 'pending', source: 'upload' });
    expect(doc.metadata).not.toHaveProperty('error');
    expect(scheduled).toEqual([[S.tenantId, S.ids.documentId]]);
  });

  it('delete removes the document and its chunks', async () => {
    await addChunks(S.ids.documentId, 2);
    await admin.knowledge.delete({ id: S.ids.documentId });
    expect(
      await t.raw('select 1 from knowledge_chunks where document_id = $1', [S.ids.documentId]),
    ).toEqual([]);
    expect(
      await attempt(S.callers.member, 'knowledge.get', { id: S.ids.documentId }),
    ).toMatchObject({ code: 'NOT_FOUND' });
  });
});
