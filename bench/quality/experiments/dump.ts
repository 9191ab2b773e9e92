// Dumps what in-memory ranking experiments need (chunks with lexemes and vectors, queries with
// terms and vectors, document lexemes) after ingesting the eval set through the real path.
// `BENCH_QUALITY_VECTORS=... tsx quality/experiments/dump.ts <out.json>`
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { connectPostgres, createTenantWithOwner } from '@platform/db';
import {
  createEmbeddingProvider,
  ingestDocument,
  insertDocument,
  queryTerms,
  readRagEnv,
} from '@platform/rag';
import postgres from 'postgres';
import { openBenchTarget } from '../../src/db/target';
import { evalSetDir, loadEvalSet } from '../dataset';
import { cachedEmbedder } from '../vector-cache';

const out = process.argv[2]!;
const set = loadEvalSet(evalSetDir())!;
const embedder = cachedEmbedder(createEmbeddingProvider(), process.env.BENCH_QUALITY_VECTORS!);
const env = readRagEnv();
const chunking = { chunkSize: env.CHUNK_SIZE_TOKENS, overlap: env.CHUNK_OVERLAP_TOKENS };
const target = await openBenchTarget();
const db = connectPostgres(target.url, { max: 4 });
const admin = postgres(target.url, { max: 1, prepare: false, onnotice: () => {} });
const { tenant } = await createTenantWithOwner(db, {
  tenantName: 'Quality dump',
  email: `quality-dump-${randomUUID()}@bench.test`,
});
for (const [i, doc] of set.documents.entries()) {
  const id = await insertDocument(db, tenant.id, {
    title: doc.id,
    content: doc.text,
    metadata: {},
  });
  const r = await ingestDocument(db, tenant.id, id, { embedder, chunking });
  if (r.status !== 'ready') throw new Error(r.error);
  if ((i + 1) % 500 === 0) console.error(`ingested ${i + 1}`);
}
const chunks = await admin<
  Array<{
    id: string;
    doc: string;
    position: number;
    content: string;
    term_count: number;
    embedding: string;
    lex: Array<{ l: string; tf: number; p: number[] }>;
  }>
>`
  select c.id, d.title as doc, c.position, c.content, c.term_count, c.embedding::text as embedding,
    (select coalesce(json_agg(json_build_object('l', u.lexeme, 'tf', cardinality(u.positions), 'p', u.positions)), '[]') from unnest(c.content_tsv) u) as lex
  from knowledge_chunks c join knowledge_documents d on d.id = c.document_id
  where c.tenant_id = ${tenant.id} order by d.title, c.position`;
const docLex = await admin<Array<{ doc: string; lex: Array<{ l: string; tf: number }> }>>`
  select d.title as doc,
    (select coalesce(json_agg(json_build_object('l', u.lexeme, 'tf', cardinality(u.positions))), '[]') from unnest(to_tsvector('english', d.content)) u) as lex
  from knowledge_documents d where d.tenant_id = ${tenant.id}`;
const qvec = (
  await embedder.embed(
    set.queries.map((q) => q.text),
    'query',
  )
).vectors;
const queries = [];
for (const [i, q] of set.queries.entries()) {
  const terms = await db.withTenant(tenant.id, (tx) => queryTerms(tx, tenant.id, q.text));
  const [ref] = await admin<Array<{ terms: string[]; positions: Record<string, number[]> | null }>>`
    select coalesce(tsvector_to_array(to_tsvector('english', ${q.text})), '{}') as terms,
      (select json_object_agg(u.lexeme, u.positions) from unnest(to_tsvector('english', ${q.text})) u) as positions`;
  queries.push({
    id: q.id,
    text: q.text,
    relevant: [...set.relevant.get(q.id)!],
    terms: terms.terms.map((t) => t.term),
    refTerms: ref!.terms,
    positions: ref!.positions ?? {},
    vector: qvec[i]!.slice(0, 512),
  });
}
writeFileSync(
  out,
  JSON.stringify({
    chunks: chunks.map((c) => ({
      ...c,
      embedding: JSON.parse(c.embedding).slice(0, 512),
    })),
    docLex,
    queries,
  }),
);
console.error(`dumped ${chunks.length} chunks, ${queries.length} queries`);
await db.close();
await admin.end();
await target.stop();
