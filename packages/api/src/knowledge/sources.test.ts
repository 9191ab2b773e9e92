import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase } from '@platform/db/testing';
import type { TestDatabase } from '@platform/db/testing';
import { FUSION_DEFAULTS, ingestDocument, insertDocument } from '@platform/rag';
import { callerFor, seedTenant } from '../testing/fixtures';
import type { Caller, SeededTenant } from '../testing/fixtures';
import { attempt } from '../testing/procedures';
import { apiEnv } from '../env';
import { limiterFor } from '../lib/rate-limit';
import { excerpt } from './sources';

/**
 * search, upload and addUrl through createCaller on the real database, with @platform/rag's real
 * parsers, offline embedding model and hybrid search (nothing of ours is stubbed).
 */
const fixture = (name: string) =>
  readFileSync(new URL(`../../../rag/test/fixtures/${name}`, import.meta.url));
const chunking = { chunkSize: 200, overlap: 20 };

let t: TestDatabase;
let A: SeededTenant;
let B: SeededTenant;
let admin: Caller;
const scheduled: Array<[string, string]> = [];
let server: Server;
let base: string;

async function addDoc(tenantId: string, title: string, content: string, category?: string) {
  const id = await insertDocument(t.db, tenantId, { title, content, metadata: {} }, { category });
  const result = await ingestDocument(t.db, tenantId, id, { chunking });
  expect(result.status).toBe('ready');
  return id;
}

beforeAll(async () => {
  t = await createTestDatabase();
  A = await seedTenant(t, 'Skates Co');
  B = await seedTenant(t, 'Rival Co');
  // The seeded chunks carry a placeholder vector and no model: search would refuse the vector
  // branch (model mismatch). This suite's chunks are all made by real ingestion.
  await t.raw('delete from knowledge_chunks');
  admin = callerFor(
    t,
    { userId: A.users.admin, sessionToken: A.sessionTokens.admin },
    { schedule: (tenantId, documentId) => void scheduled.push([tenantId, documentId]) },
  );
  server = createServer((req, res) => {
    if (req.url === '/warranty') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(fixture('warranty.html'));
    }
    if (req.url === '/image') {
      res.writeHead(200, { 'content-type': 'image/png' });
      return res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    }
    res.writeHead(404);
    res.end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

describe('knowledge.search', () => {
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    // Both tenants' documents interleaved; B's battery text is closer to the query than A's.
    ids.shipping = await addDoc(
      A.tenantId,
      'Shipping',
      'Standard shipping within the EU takes 2 to 4 working days and costs 4.95 euros.',
      'orders',
    );
    ids.rivalBattery = await addDoc(
      B.tenantId,
      'Rival battery',
      'How long does the battery last? The Rival battery lasts 3 hours on one charge.',
    );
    ids.battery = await addDoc(
      A.tenantId,
      'Battery',
      'The Rocket Skates battery lasts 45 minutes on one charge and recharges in 90 minutes.',
    );
    ids.returns = await addDoc(
      A.tenantId,
      'Returns',
      'You can return any product within 30 days of delivery for a full refund.',
      'orders',
    );
  });

  it('ranks the right document first and shows why (both branches)', async () => {
    const result = await A.callers.member.knowledge.search({
      query: 'What does one battery charge last?',
    });
    expect(result.vectorBranch).toBe('used');
    const first = result.hits[0]!;
    expect(first).toMatchObject({ documentId: ids.battery, documentTitle: 'Battery' });
    expect(first.excerpt).toContain('battery lasts 45 minutes');
    // Found by both branches, each at rank 1; the fused score is the BM25 relevance (share of
    // the question's weighted words) plus the weighted cosine similarity.
    expect(first.vectorRank).toBe(1);
    expect(first.textRank).toBe(1);
    expect(first.score).toBeCloseTo(
      first.relevance + FUSION_DEFAULTS.vectorWeight * first.similarity!,
      6,
    );
    expect(result.textBranch).toBe('used');
    expect(result.terms).toEqual(['batteri', 'charg', 'last', 'one']);
    // Chunks only the vector branch found carry a null text rank and a lower score.
    const others = result.hits.slice(1);
    expect(others.length).toBeGreaterThan(0);
    for (const hit of others) {
      expect(hit.score).toBeLessThan(first.score);
      expect(hit.vectorRank).not.toBeNull();
      expect(hit.textRank).toBeNull();
    }
  });

  it("never returns another tenant's chunks", async () => {
    const result = await A.callers.member.knowledge.search({
      query: 'Rival battery lasts 3 hours',
      limit: 20,
    });
    const documents = new Set(result.hits.map((h) => h.documentId));
    expect(documents.has(ids.rivalBattery!)).toBe(false);
    expect(JSON.stringify(result)).not.toContain('Rival');
    const theirs = await B.callers.member.knowledge.search({ query: 'battery', limit: 20 });
    expect(theirs.hits.map((h) => h.documentId)).toContain(ids.rivalBattery);
    expect(theirs.hits.every((h) => h.documentId !== ids.battery)).toBe(true);
  });

  it('honours the limit and the category filter', async () => {
    const one = await A.callers.member.knowledge.search({ query: 'days', limit: 1 });
    expect(one.hits).toHaveLength(1);
    const orders = await A.callers.member.knowledge.search({
      query: 'battery',
      category: 'orders',
    });
    expect(orders.hits.length).toBeGreaterThan(0);
    expect(orders.hits.every((h) => [ids.shipping, ids.returns].includes(h.documentId))).toBe(true);
  });

  it('records the question embedding as a cost event of the tenant (query), nothing for others', async () => {
    const count = async (tenantId: string) =>
      Number(
        (
          await t.raw(
            `select count(*) as n from cost_events
              where tenant_id = $1 and service = 'embedding' and metadata->>'operation' = 'query'`,
            [tenantId],
          )
        )[0]?.n,
      );
    const [beforeA, beforeB] = [await count(A.tenantId), await count(B.tenantId)];
    await A.callers.member.knowledge.search({ query: 'How long is shipping?' });
    expect(await count(A.tenantId)).toBe(beforeA + 1);
    expect(await count(B.tenantId)).toBe(beforeB);
    const [event] = await t.raw(
      `select provider, tokens_used from cost_events
        where tenant_id = $1 and metadata->>'operation' = 'query' order by "timestamp" desc limit 1`,
      [A.tenantId],
    );
    // The offline model is free, but its tokens are counted.
    expect(event).toMatchObject({ provider: 'local-use' });
    expect(Number(event?.tokens_used)).toBeGreaterThan(0);
  });

  it('rejects an empty or oversized query', async () => {
    expect(await attempt(A.callers.member, 'knowledge.search', { query: '   ' })).toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect(
      await attempt(A.callers.member, 'knowledge.search', { query: 'x'.repeat(501) }),
    ).toMatchObject({ code: 'BAD_REQUEST' });
    expect(
      await attempt(A.callers.member, 'knowledge.search', { query: 'battery', limit: 21 }),
    ).toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('knowledge.upload', () => {
  it('a real PDF becomes a pending document, scheduled, then searchable once ingested', async () => {
    scheduled.length = 0;
    const doc = await admin.knowledge.upload({
      filename: 'warranty-card.pdf',
      mimeType: 'application/pdf',
      contentBase64: fixture('warranty-card.pdf').toString('base64'),
      category: 'warranty',
    });
    expect(doc).toMatchObject({
      title: 'Rocket Skates X2 warranty card',
      category: 'warranty',
      chunkCount: 0,
      metadata: { status: 'pending', source: 'upload', mimeType: 'application/pdf' },
    });
    expect(doc.content).toContain('A spare battery costs 89 euros.');
    expect(scheduled).toEqual([[A.tenantId, doc.id]]);

    await ingestDocument(t.db, A.tenantId, doc.id, { chunking });
    const found = await A.callers.member.knowledge.search({ query: 'spare battery price' });
    expect(found.hits[0]?.documentId).toBe(doc.id);
  });

  it('Markdown is parsed and titled; the extension decides when the type is empty', async () => {
    const doc = await admin.knowledge.upload({
      filename: 'sizing-guide.md',
      mimeType: '',
      contentBase64: fixture('sizing-guide.md').toString('base64'),
    });
    expect(doc).toMatchObject({
      title: 'Rocket Skates sizing guide',
      metadata: { mimeType: 'text/markdown', status: 'pending' },
    });
    expect(doc.content).toContain('fit shoe sizes 38 to 47');
  });

  it('refuses unsupported, unparsable, empty and oversized files with a readable reason', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [
        { filename: 'photo.png', mimeType: 'image/png', contentBase64: 'iVBORw0KGgo=' },
        /not supported/,
      ],
      [
        {
          filename: 'broken.pdf',
          mimeType: 'application/pdf',
          contentBase64: Buffer.from('%PDF-1.7\nnot really').toString('base64'),
        },
        /not a readable PDF/,
      ],
      [{ filename: 'a.txt', contentBase64: 'not base64 at all!' }, /contentBase64/],
    ];
    for (const [input, message] of cases) {
      const outcome = await attempt(admin, 'knowledge.upload', input);
      expect(outcome, JSON.stringify(input).slice(0, 80)).toMatchObject({ code: 'BAD_REQUEST' });
      expect(outcome.shape?.message).toMatch(message);
    }
    // Larger than UPLOAD_MAX_BYTES once decoded (read per call: the env is stubbed here).
    vi.stubEnv('UPLOAD_MAX_BYTES', '2048');
    const big = await attempt(admin, 'knowledge.upload', {
      filename: 'big.txt',
      contentBase64: Buffer.from('word '.repeat(1000)).toString('base64'),
    });
    vi.unstubAllEnvs();
    expect(big).toMatchObject({ code: 'BAD_REQUEST', message: 'The file is larger than 2 KB.' });
  });

  it('a member may not upload', async () => {
    const outcome = await attempt(A.callers.member, 'knowledge.upload', {
      filename: 'a.txt',
      contentBase64: Buffer.from('hello').toString('base64'),
    });
    expect(outcome).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('knowledge.addUrl', () => {
  it('refuses private addresses unless URL_FETCH_ALLOW_PRIVATE is on', async () => {
    const outcome = await attempt(admin, 'knowledge.addUrl', { url: `${base}/warranty` });
    expect(outcome).toMatchObject({ code: 'BAD_REQUEST' });
    expect(outcome.message).toMatch(/private|address|not allowed/i);
  });

  it('fetches a page, stores it with its URL and schedules ingestion', async () => {
    vi.stubEnv('URL_FETCH_ALLOW_PRIVATE', 'true');
    scheduled.length = 0;
    const doc = await admin.knowledge.addUrl({ url: `${base}/warranty` });
    expect(doc.metadata).toMatchObject({
      status: 'pending',
      source: 'url',
      url: `${base}/warranty`,
      mimeType: 'text/html',
    });
    expect(doc.content.length).toBeGreaterThan(50);
    expect(scheduled).toEqual([[A.tenantId, doc.id]]);

    for (const [path, message] of [
      ['/missing', /HTTP 404/],
      ['/image', /not supported/],
    ] as const) {
      const outcome = await attempt(admin, 'knowledge.addUrl', { url: `${base}${path}` });
      expect(outcome).toMatchObject({ code: 'BAD_REQUEST' });
      expect(outcome.message).toMatch(message);
    }
    vi.unstubAllEnvs();
  });

  it('rejects what is not an http(s) URL', async () => {
    for (const url of ['not a url', 'ftp://example.com/file', 'file:///etc/passwd']) {
      expect(await attempt(admin, 'knowledge.addUrl', { url })).toMatchObject({
        code: 'BAD_REQUEST',
      });
    }
  });
});

describe('excerpt', () => {
  it('flattens whitespace and cuts long text at a word', () => {
    expect(excerpt('a  b\n\nc')).toBe('a b c');
    const long = excerpt('word '.repeat(200), 50);
    expect(long.length).toBeLessThanOrEqual(51);
    expect(long.endsWith('word…')).toBe(true);
  });
});

// Last: it uses up tenant A's allowance for the rest of the window.
describe('document sources rate', () => {
  it('counts uploads per tenant: past the limit a readable 429, other tenants unaffected', async () => {
    // Use up tenant A's allowance in the shared counters the procedure charges.
    const limiter = limiterFor({ db: t.db });
    const rule = {
      key: `document-sources:${A.tenantId}`,
      limit: apiEnv().UPLOAD_RATE_LIMIT_TENANT,
    };
    for (
      let i = 0;
      (await limiter.consume([rule], apiEnv().UPLOAD_RATE_WINDOW_SECONDS)).allowed;
      i++
    )
      expect(i).toBeLessThan(1_000);
    const file = {
      filename: 'a.txt',
      contentBase64: Buffer.from('hello there').toString('base64'),
    };
    const refused = await attempt(admin, 'knowledge.upload', file);
    expect(refused).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect(refused.message).toMatch(
      /^Too many files and URLs added in a short time\. Try again in \d+ minutes\.$/,
    );
    await expect(B.callers.owner.knowledge.upload(file)).resolves.toMatchObject({ title: 'a' });
  });
});
