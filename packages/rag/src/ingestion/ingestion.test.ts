import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { knowledgeChunks, knowledgeDocuments, seedDemo, type DocumentMetadata } from '@platform/db';
import { createTestDatabase, type TestDatabase, uniqueDemo } from '@platform/db/testing';
import { AppError } from '@platform/errors';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalEmbeddingProvider, type EmbeddingProvider } from '../embeddings';
import { createTestTenant, fixedEmbedder } from '../testing';
import {
  createDocumentFromUpload,
  createDocumentFromUrl,
  ingestDocument,
  ingestPendingDocuments,
  insertDocument,
  reindexTenant,
  type EmbeddingUsage,
} from '.';

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url));
const local = createLocalEmbeddingProvider();
const chunking = { chunkSize: 60, overlap: 10 };

let t: TestDatabase;
let tenantId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  tenantId = await createTestTenant(t.db, 'Acme');
});
afterAll(() => t.close());

const metadataOf = async (id: string) =>
  (await t.raw('select metadata from knowledge_documents where id = $1', [id]))[0]!
    .metadata as DocumentMetadata;
const chunksOf = (id: string) =>
  t.raw(
    'select tenant_id, position, content, metadata, vector_dims(embedding) as dims from knowledge_chunks where document_id = $1 order by position',
    [id],
  );

describe('ingestDocument', () => {
  it('ingests each committed fixture: chunks with tenant, position, embedding and chunk metadata', async () => {
    const files = [
      'care-instructions.txt',
      'sizing-guide.md',
      'warranty.html',
      'warranty-card.pdf',
    ];
    for (const file of files) {
      const draft = await createDocumentFromUpload({ bytes: fixture(file), filename: file });
      const id = await insertDocument(t.db, tenantId, draft);
      const usage: EmbeddingUsage[] = [];
      const result = await ingestDocument(t.db, tenantId, id, {
        embedder: local,
        chunking,
        recordUsage: async (_tx, u) => void usage.push(u),
      });
      expect(result).toMatchObject({
        status: 'ready',
        embeddingModel: 'local/universal-sentence-encoder-lite',
      });
      const chunks = await chunksOf(id);
      expect(chunks.length).toBe(result.chunkCount);
      expect(chunks.length).toBeGreaterThan(0);
      chunks.forEach((c, i) => {
        expect(c).toMatchObject({ tenant_id: tenantId, position: i, dims: 1024 });
        expect(c.metadata).toMatchObject({
          chunkSize: 60,
          overlapSize: 10,
          embeddingModel: local.model,
        });
        expect((c.metadata as { tokenCount: number }).tokenCount).toBeLessThanOrEqual(60);
      });
      expect(await metadataOf(id)).toMatchObject({
        status: 'ready',
        chunkCount: chunks.length,
        embeddingModel: local.model,
        progress: { done: chunks.length, total: chunks.length },
        mimeType: draft.metadata.mimeType,
      });
      expect(usage).toEqual([
        expect.objectContaining({
          tenantId,
          provider: 'local',
          model: 'universal-sentence-encoder-lite',
          operation: 'ingestion',
          documentId: id,
        }),
      ]);
      expect(usage[0]!.tokens).toBeGreaterThan(0);
    }
  });

  it('reports progress while embedding, with no transaction held during the embedding calls', async () => {
    const id = await insertDocument(t.db, tenantId, {
      title: 'Long',
      content: Array.from(
        { length: 12 },
        (_, i) => `Paragraph ${i} says something about order ${i} and its delivery by courier.`,
      ).join('\n\n'),
      metadata: { status: 'pending' },
    });
    const seen: Array<DocumentMetadata['progress'] & { status?: string }> = [];
    const observing: EmbeddingProvider = {
      ...local,
      async embed(texts, purpose) {
        // Opening a transaction here throws NestedTransactionError if ingestion held one.
        const metadata = await t.db.withTenant(tenantId, async (tx) => {
          const [row] = await tx
            .select({ m: knowledgeDocuments.metadata })
            .from(knowledgeDocuments)
            .where(eq(knowledgeDocuments.id, id));
          return row!.m!;
        });
        seen.push({ ...metadata.progress!, status: metadata.status });
        return local.embed(texts, purpose);
      },
    };
    const result = await ingestDocument(t.db, tenantId, id, {
      embedder: observing,
      chunking: { chunkSize: 40, overlap: 0 },
      batchSize: 2,
    });
    expect(result.status).toBe('ready');
    const total = result.chunkCount;
    expect(total).toBeGreaterThanOrEqual(6);
    expect(seen).toEqual(
      Array.from({ length: Math.ceil(total / 2) }, (_, i) => ({
        done: Math.min(i * 2, total),
        total,
        status: 'processing',
      })),
    );
  });

  it('re-indexing replaces the chunks; a failed run keeps the old ones and says why', async () => {
    const id = await insertDocument(t.db, tenantId, {
      title: 'Hours',
      content: 'We open at nine. We close at five.',
      metadata: {},
    });
    await ingestDocument(t.db, tenantId, id, { embedder: local, chunking });
    const [before] = await chunksOf(id);
    await t.db.withTenant(tenantId, (tx) =>
      tx
        .update(knowledgeDocuments)
        .set({ content: 'We open at eight. We close at six.' })
        .where(eq(knowledgeDocuments.id, id)),
    );
    const again = await ingestDocument(t.db, tenantId, id, { embedder: local, chunking });
    expect(again).toMatchObject({ status: 'ready', chunkCount: 1 });
    const after = await chunksOf(id);
    expect(after.map((c) => c.content)).toEqual(['We open at eight. We close at six.']);
    expect(after[0]).not.toEqual(before);

    const broken: EmbeddingProvider = {
      ...local,
      embed: async () => {
        throw new AppError('UNAVAILABLE', 'The OpenAI embedding service answered HTTP 503.');
      },
    };
    const failed = await ingestDocument(t.db, tenantId, id, { embedder: broken, chunking });
    expect(failed).toMatchObject({
      status: 'failed',
      error: 'The OpenAI embedding service answered HTTP 503.',
    });
    expect(await metadataOf(id)).toMatchObject({
      status: 'failed',
      error: 'The OpenAI embedding service answered HTTP 503.',
    });
    expect((await chunksOf(id)).map((c) => c.content)).toEqual([
      'We open at eight. We close at six.',
    ]);
    // The next successful run clears the error.
    await ingestDocument(t.db, tenantId, id, { embedder: local, chunking });
    expect(await metadataOf(id)).not.toHaveProperty('error');
  });

  it('marks a document edited during embedding pending again instead of storing stale chunks', async () => {
    const id = await insertDocument(t.db, tenantId, {
      title: 'Race',
      content: 'Version one.',
      metadata: {},
    });
    const editing: EmbeddingProvider = {
      ...local,
      async embed(texts, purpose) {
        await t.db.withTenant(tenantId, (tx) =>
          tx
            .update(knowledgeDocuments)
            .set({ content: 'Version two.' })
            .where(eq(knowledgeDocuments.id, id)),
        );
        return local.embed(texts, purpose);
      },
    };
    const result = await ingestDocument(t.db, tenantId, id, { embedder: editing, chunking });
    expect(result.status).toBe('superseded');
    expect(await chunksOf(id)).toEqual([]);
    expect((await metadataOf(id)).status).toBe('pending');
  });

  it("fails an empty document readably, and throws NOT_FOUND for another tenant's document", async () => {
    const empty = await insertDocument(t.db, tenantId, {
      title: 'Empty',
      content: '   ',
      metadata: {},
    });
    expect(
      await ingestDocument(t.db, tenantId, empty, { embedder: local, chunking }),
    ).toMatchObject({
      status: 'failed',
      error: 'The document has no text to index.',
    });
    const other = await createTestTenant(t.db, 'Other');
    await expect(
      ingestDocument(t.db, other, empty, { embedder: local, chunking }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await metadataOf(empty)).status).toBe('failed'); // untouched by the other tenant
  });

  it('records an embedding cost event by default: zero dollars for the offline model, with its tokens', async () => {
    const tenant = await createTestTenant(t.db, 'Costs');
    const id = await insertDocument(t.db, tenant, {
      title: 'Priced',
      content: 'Shipping is free above fifty euros.',
      metadata: {},
    });
    const result = await ingestDocument(t.db, tenant, id, { embedder: local, chunking });
    const events = await t.raw(
      'select service, provider, tokens_used, cost_usd, metadata from cost_events where tenant_id = $1',
      [tenant],
    );
    expect(events).toEqual([
      {
        service: 'embedding',
        provider: 'local-use',
        tokens_used: result.embeddingTokens,
        cost_usd: '0.000000',
        metadata: expect.objectContaining({
          model: 'universal-sentence-encoder-lite',
          operation: 'ingestion',
          documentId: id,
        }),
      },
    ]);
    expect(result.embeddingTokens).toBeGreaterThan(0);
  });

  describe('spending', () => {
    /** A paid model (priced like OpenAI's small embedder) whose calls the test counts. */
    const paidEmbedder = () => {
      const calls = { count: 0 };
      const base = fixedEmbedder(() => [1, 0, 0], 'openai/text-embedding-3-small');
      const embedder: EmbeddingProvider = {
        ...base,
        embed: (texts, purpose) => {
          calls.count++;
          return base.embed(texts, purpose);
        },
      };
      return { embedder, calls };
    };
    const cappedTenant = async (label: string, capUsd: number, spentUsd: number) => {
      const tenant = await createTestTenant(t.db, label);
      await t.raw(
        `update tenants set settings = jsonb_build_object('maxMonthlySpend', $2::numeric) where id = $1`,
        [tenant, capUsd],
      );
      if (spentUsd > 0)
        await t.raw(
          `insert into cost_events (tenant_id, service, provider, cost_usd) values ($1, 'llm', 'openai', $2)`,
          [tenant, spentUsd],
        );
      return tenant;
    };
    const longText = 'Our warranty covers the battery and the wheels for two years. '.repeat(40);
    const eventsOf = (tenant: string) =>
      t.raw(
        `select service, cost_usd, tokens_used from cost_events where tenant_id = $1 and service = 'embedding'`,
        [tenant],
      );
    const openReservations = async (tenant: string) =>
      Number(
        (
          await t.raw('select count(*) as n from budget_reservations where tenant_id = $1', [
            tenant,
          ])
        )[0]?.n,
      );

    it('a tenant at its spending cap indexes nothing, calls no model, and the admin is told why', async () => {
      const tenant = await cappedTenant('Capped', 1, 1.5);
      const id = await insertDocument(t.db, tenant, {
        title: 'Warranty',
        content: longText,
        metadata: {},
      });
      const { embedder, calls } = paidEmbedder();
      const result = await ingestDocument(t.db, tenant, id, { embedder, chunking });
      expect(result.status).toBe('failed');
      expect(result.error).toMatch(/monthly spend limit is reached.*re-index/i);
      expect(await metadataOf(id)).toMatchObject({ status: 'failed', error: result.error });
      expect(calls.count).toBe(0);
      expect(await chunksOf(id)).toEqual([]);
      expect(await eventsOf(tenant)).toEqual([]);
      expect(await openReservations(tenant)).toBe(0);
    });

    it('a model missing from the price table is refused before it is called', async () => {
      const tenant = await createTestTenant(t.db, 'Unpriced');
      const id = await insertDocument(t.db, tenant, {
        title: 'Doc',
        content: longText,
        metadata: {},
      });
      let called = false;
      const unpriced: EmbeddingProvider = {
        ...fixedEmbedder(() => [1, 0], 'acme-ai/secret-model'),
        embed: async () => {
          called = true;
          throw new Error('must not be called');
        },
      };
      const result = await ingestDocument(t.db, tenant, id, { embedder: unpriced, chunking });
      expect(result).toMatchObject({
        status: 'failed',
        error: expect.stringMatching(/No price is known for acme-ai\/secret-model/),
      });
      expect(called).toBe(false);
    });

    it('within the cap, the reservation turns into the recorded cost, and a failed run frees it', async () => {
      const tenant = await cappedTenant('Within', 5, 0);
      const id = await insertDocument(t.db, tenant, {
        title: 'Warranty',
        content: longText,
        metadata: {},
      });
      const { embedder } = paidEmbedder();
      const result = await ingestDocument(t.db, tenant, id, { embedder, chunking });
      expect(result.status).toBe('ready');
      const [event] = await eventsOf(tenant);
      expect(event).toMatchObject({ tokens_used: result.embeddingTokens });
      // $0.02 per million tokens, rounded to whole micro-dollars.
      expect(Number(event?.cost_usd)).toBeCloseTo((result.embeddingTokens * 0.02) / 1e6, 6);
      expect(await openReservations(tenant)).toBe(0);

      const broken: EmbeddingProvider = {
        ...embedder,
        embed: () => Promise.reject(new AppError('UNAVAILABLE', 'The embedding service is down.')),
      };
      const failed = await ingestDocument(t.db, tenant, id, { embedder: broken, chunking });
      expect(failed).toMatchObject({ status: 'failed', error: 'The embedding service is down.' });
      expect(await openReservations(tenant)).toBe(0);
      expect(await eventsOf(tenant)).toHaveLength(1);
    });

    it('tokens spent on a run superseded by an edit are still recorded', async () => {
      const tenant = await cappedTenant('Superseded', 5, 0);
      const id = await insertDocument(t.db, tenant, {
        title: 'Race',
        content: longText,
        metadata: {},
      });
      const { embedder } = paidEmbedder();
      const editing: EmbeddingProvider = {
        ...embedder,
        async embed(texts, purpose) {
          await t.db.withTenant(tenant, (tx) =>
            tx
              .update(knowledgeDocuments)
              .set({ content: 'Edited.' })
              .where(eq(knowledgeDocuments.id, id)),
          );
          return embedder.embed(texts, purpose);
        },
      };
      const result = await ingestDocument(t.db, tenant, id, { embedder: editing, chunking });
      expect(result.status).toBe('superseded');
      expect(await eventsOf(tenant)).toEqual([
        expect.objectContaining({ tokens_used: result.embeddingTokens }),
      ]);
      expect(await openReservations(tenant)).toBe(0);
    });
  });

  it('deleting a document deletes its chunks', async () => {
    const id = await insertDocument(t.db, tenantId, {
      title: 'Temp',
      content: 'Temporary knowledge.',
      metadata: {},
    });
    await ingestDocument(t.db, tenantId, id, { embedder: local, chunking });
    expect(await chunksOf(id)).toHaveLength(1);
    await t.db.withTenant(tenantId, (tx) =>
      tx.delete(knowledgeDocuments).where(eq(knowledgeDocuments.id, id)),
    );
    expect(await chunksOf(id)).toEqual([]);
  });
});

describe('one embedding model per tenant', () => {
  it('refuses to mix models, and reindexTenant switches every document at once', async () => {
    const tenant = await createTestTenant(t.db, 'Switch');
    const a = await insertDocument(t.db, tenant, {
      title: 'A',
      content: 'Alpha document text.',
      metadata: {},
    });
    const b = await insertDocument(t.db, tenant, {
      title: 'B',
      content: 'Beta document text.',
      metadata: {},
    });
    await ingestDocument(t.db, tenant, a, { embedder: local, chunking });
    const other = fixedEmbedder(() => [1, 0, 0], 'openai/text-embedding-3-small');
    const refused = await ingestDocument(t.db, tenant, b, { embedder: other, chunking });
    expect(refused).toMatchObject({
      status: 'failed',
      error:
        'This knowledge base is indexed with local/universal-sentence-encoder-lite, not openai/text-embedding-3-small. Re-index all documents to switch models.',
    });

    const result = await reindexTenant(t.db, tenant, { embedder: other, chunking });
    expect(result).toMatchObject({
      embeddingModel: 'openai/text-embedding-3-small',
      documents: 2,
      chunks: 2,
      failed: [],
    });
    const models = await t.raw(
      "select distinct metadata->>'embeddingModel' as m from knowledge_chunks where tenant_id = $1",
      [tenant],
    );
    expect(models).toEqual([{ m: 'openai/text-embedding-3-small' }]);
    for (const id of [a, b])
      expect(await metadataOf(id)).toMatchObject({
        status: 'ready',
        embeddingModel: 'openai/text-embedding-3-small',
      });
    // Other tenants keep their own model.
    const acme = await t.raw(
      "select distinct metadata->>'embeddingModel' as m from knowledge_chunks where tenant_id = $1",
      [tenantId],
    );
    expect(acme).toEqual([{ m: local.model }]);
  });
});

describe('documents from URLs and seeded documents', () => {
  let server: Server;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(fixture('warranty.html'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('refuses an upload over the size limit', async () => {
    await expect(
      createDocumentFromUpload(
        { bytes: fixture('warranty-card.pdf'), filename: 'w.pdf' },
        { maxBytes: 1024 },
      ),
    ).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: 'The file is larger than 1 KB.',
      details: { maxBytes: 1024 },
    });
  });

  it('creates a document from a URL, keeping the URL (private addresses need the flag)', async () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/warranty`;
    await expect(createDocumentFromUrl(url, { allowPrivate: false })).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
    const draft = await createDocumentFromUrl(url, { allowPrivate: true });
    expect(draft).toMatchObject({
      title: 'Warranty & repairs | Acme',
      metadata: { source: 'url', url, mimeType: 'text/html', status: 'pending' },
    });
    const id = await insertDocument(t.db, tenantId, draft);
    expect(await ingestDocument(t.db, tenantId, id, { embedder: local, chunking })).toMatchObject({
      status: 'ready',
    });
  });

  it('resumes a document a stopped process left processing once its lease lapses, not before', async () => {
    const fresh = await createTestDatabase();
    try {
      const owner = await createTestTenant(fresh.db, 'Crashed');
      const draft = { content: 'We open at nine. We close at five.', metadata: {} };
      const abandoned = await insertDocument(fresh.db, owner, { ...draft, title: 'Abandoned' });
      const running = await insertDocument(fresh.db, owner, { ...draft, title: 'Running' });
      // Both were picked up by a process; one has not written progress for 3 minutes.
      await fresh.raw(
        `update knowledge_documents set metadata = metadata || '{"status":"processing"}',
           updated_at = now() - (case when id = $1 then interval '3 minutes' else interval '5 seconds' end)
         where id in ($1, $2)`,
        [abandoned, running],
      );
      // Only this tenant's queue: other files' documents may share the database.
      const summary = await ingestPendingDocuments(fresh.db, {
        embedder: local,
        chunking,
        tenantIds: [owner],
      });
      expect(summary.results.map((r) => [r.documentId, r.status])).toEqual([[abandoned, 'ready']]);
      const status = async (id: string) =>
        (await fresh.raw('select metadata from knowledge_documents where id = $1', [id]))[0]!
          .metadata as DocumentMetadata;
      expect((await status(abandoned)).status).toBe('ready');
      expect((await status(running)).status).toBe('processing');
    } finally {
      await fresh.close();
    }
  });

  it('ingests the seeded demo documents across tenants', async () => {
    const fresh = await createTestDatabase();
    try {
      const seed = await seedDemo(fresh.db, uniqueDemo());
      const tenantIds = [seed.tenantId]; // other files may share the database
      const summary = await ingestPendingDocuments(fresh.db, {
        embedder: local,
        chunking: { chunkSize: 400, overlap: 60 },
        batchSize: 16,
        tenantIds,
      });
      expect(summary).toMatchObject({ ready: 4, failed: 0 });
      const docs = await fresh.db.withTenant(seed.tenantId, (tx) =>
        tx.select({ m: knowledgeDocuments.metadata }).from(knowledgeDocuments),
      );
      expect(docs.map((d) => d.m?.status)).toEqual(['ready', 'ready', 'ready', 'ready']);
      const chunks = await fresh.db.withTenant(seed.tenantId, (tx) =>
        tx.select({ id: knowledgeChunks.id }).from(knowledgeChunks),
      );
      expect(chunks.length).toBeGreaterThanOrEqual(4);
      // Nothing left to do: a second run is a no-op.
      expect(
        (await ingestPendingDocuments(fresh.db, { embedder: local, tenantIds })).results,
      ).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});
