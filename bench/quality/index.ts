import { randomUUID } from 'node:crypto';
import { connectPostgres, createTenantWithOwner, type Database } from '@platform/db';
import {
  BM25_DEFAULTS,
  bm25Candidates,
  chunkText,
  createEmbeddingProvider,
  FUSION_DEFAULTS,
  fuseScores,
  hybridSearch,
  ingestDocument,
  insertDocument,
  maxPossibleScore,
  queryTerms,
  readRagEnv,
  reciprocalRankFusion,
  scopeFilter,
  vectorCandidates,
  type Bm25Parameters,
  type Candidate,
  type EmbeddingProvider,
} from '@platform/rag';
import postgres from 'postgres';
import { openBenchTarget } from '../src/db/target';
import { Bm25Reference } from './bm25-reference';
import { evalSetDir, loadEvalSet, type EvalSet } from './dataset';
import { documentRanking, mean, ndcgAt, recallAt } from './metrics';
import { cachedEmbedder } from './vector-cache';

const K = 10;
/** Chunks asked of search per query: enough for 10 distinct documents (~1.3 chunks each). */
const HITS = 20;

/**
 * Retrieval quality on a public benchmark (SciFact dev, ../shared/eval): the corpus is ingested
 * through the real ingestion path into a fresh tenant, then every query is searched. Prints
 * nDCG@10 and recall@10 of the hybrid search, each branch alone and an in-memory BM25 reference
 * computed in the same run, and the ingestion rate against the model's raw rate.
 * BENCH_QUALITY_SWEEP=1 adds the parameter sweep the defaults were picked from.
 */
export async function runQualityBench(): Promise<void> {
  const set = loadEvalSet(evalSetDir());
  if (!set) {
    console.log(
      `skipped: no evaluation set at ${evalSetDir()} (the SciFact dev set lives in ../shared/eval; set BENCH_QUALITY_DIR to point elsewhere)`,
    );
    return;
  }
  const cacheDir = process.env.BENCH_QUALITY_VECTORS;
  const model = createEmbeddingProvider();
  const embedder = cacheDir ? cachedEmbedder(model, cacheDir) : model;
  const target = await openBenchTarget();
  const db = connectPostgres(target.url, { max: 4 });
  const admin = postgres(target.url, { max: 1, prepare: false, onnotice: () => {} });
  try {
    const { tenant } = await createTenantWithOwner(db, {
      tenantName: 'Quality bench',
      email: `quality-bench-${randomUUID()}@bench.test`,
    });
    const rates = await ingest(db, tenant.id, set, embedder, !cacheDir);
    const documentOf = new Map(
      (
        await admin<Array<{ id: string; title: string }>>`
          select c.id, d.title from knowledge_chunks c join knowledge_documents d on d.id = c.document_id
          where c.tenant_id = ${tenant.id}`
      ).map((r) => [r.id, r.title]),
    );
    const reference = await referenceIndex(admin, tenant.id);
    const runs = await searchAll(db, admin, tenant.id, set, embedder, documentOf, reference);

    const score = (rankings: string[][]) => ({
      ndcg: mean(set.queries.map((q, i) => ndcgAt(K, rankings[i]!, set.relevant.get(q.id)!))),
      recall: mean(set.queries.map((q, i) => recallAt(K, rankings[i]!, set.relevant.get(q.id)!))),
    });
    const rows = {
      hybrid: score(runs.hybrid),
      vector: score(runs.vector.map((c) => documentRanking(c.map((x) => documentOf.get(x.id)!)))),
      text: score(runs.text.map((c) => documentRanking(c.map((x) => documentOf.get(x.id)!)))),
      reference: score(runs.reference),
    };
    console.log(
      `\n## Retrieval quality: SciFact dev, ${set.documents.length} documents (${documentOf.size} chunks), ${set.queries.length} queries, ${embedder.model}, ${target.label}`,
    );
    console.log(`| ranking of documents | nDCG@${K} | recall@${K} |`);
    console.log('| --- | --- | --- |');
    const line = (name: string, r: { ndcg: number; recall: number }) =>
      console.log(`| ${name} | ${r.ndcg.toFixed(3)} | ${r.recall.toFixed(3)} |`);
    line(
      `hybrid search (score fusion: BM25 / best possible + ${FUSION_DEFAULTS.vectorWeight} x cosine, ${FUSION_DEFAULTS.candidateMultiplier}x candidates)`,
      rows.hybrid,
    );
    line('vector branch only', rows.vector);
    line(
      `text branch only (BM25 k1 ${BM25_DEFAULTS.k1}, b ${BM25_DEFAULTS.b}, per chunk)`,
      rows.text,
    );
    line('in-memory BM25 reference (k1 0.9, b 0.4, whole documents)', rows.reference);
    console.log(
      `hybrid / BM25 reference: ${(rows.hybrid.ndcg / rows.reference.ndcg).toFixed(3)} (target >= 1.0, goal 1.05); text / reference: ${(rows.text.ndcg / rows.reference.ndcg).toFixed(3)} (target >= 0.95)`,
    );
    if (cacheDir)
      console.log(
        `ingestion: vectors from the cache in ${cacheDir} (BENCH_QUALITY_VECTORS), so no rate is measured`,
      );
    else
      console.log(
        `ingestion: ${rates.ingest.toFixed(1)} chunks/s through ingestDocument vs the model's raw ${rates.raw.toFixed(1)} chunks/s (${((100 * rates.ingest) / rates.raw).toFixed(0)}%, one document at a time, ${rates.seconds.toFixed(0)} s)`,
      );
    if (process.env.BENCH_QUALITY_SWEEP === '1') printSweep(set, runs, documentOf, score);
  } finally {
    await db.close();
    await admin.end({ timeout: 5 });
    await target.stop();
  }
}

/** Every document through insertDocument + ingestDocument; the model alone on a sample first. */
async function ingest(
  db: Database,
  tenantId: string,
  set: EvalSet,
  embedder: EmbeddingProvider,
  measureModel: boolean,
) {
  const env = readRagEnv();
  const chunking = { chunkSize: env.CHUNK_SIZE_TOKENS, overlap: env.CHUNK_OVERLAP_TOKENS };
  const sample = set.documents
    .slice(0, 120)
    .flatMap((d) => chunkText(d.text, chunking).map((c) => c.content))
    .slice(0, 128);
  let raw = Number.NaN;
  let start = performance.now();
  if (measureModel) {
    await embedder.embed(sample.slice(0, 8), 'document'); // warm up
    start = performance.now();
    for (let i = 0; i < sample.length; i += env.EMBEDDING_BATCH_SIZE)
      await embedder.embed(sample.slice(i, i + env.EMBEDDING_BATCH_SIZE), 'document');
    raw = sample.length / ((performance.now() - start) / 1000);
  }

  start = performance.now();
  let chunks = 0;
  for (const [i, doc] of set.documents.entries()) {
    const id = await insertDocument(db, tenantId, {
      title: doc.id,
      content: doc.text,
      metadata: {},
    });
    const result = await ingestDocument(db, tenantId, id, { embedder, chunking });
    if (result.status !== 'ready') throw new Error(`document ${doc.id}: ${result.error}`);
    chunks += result.chunkCount;
    if ((i + 1) % 250 === 0) console.error(`[quality] ingested ${i + 1}/${set.documents.length}`);
  }
  const seconds = (performance.now() - start) / 1000;
  return { raw, ingest: chunks / seconds, seconds };
}

/** Each document's lexemes (Postgres english configuration), for the in-memory reference. */
async function referenceIndex(admin: postgres.Sql, tenantId: string) {
  const rows = await admin<Array<{ title: string; lexeme: string; tf: number }>>`
    select d.title, u.lexeme, cardinality(u.positions) as tf
    from knowledge_documents d, unnest(to_tsvector('english', d.content)) u
    where d.tenant_id = ${tenantId}`;
  const docs = new Map<string, Map<string, number>>();
  for (const r of rows) {
    if (!docs.has(r.title)) docs.set(r.title, new Map());
    docs.get(r.title)!.set(r.lexeme, Number(r.tf));
  }
  return new Bm25Reference([...docs].map(([id, terms]) => ({ id, terms })));
}

interface Runs {
  hybrid: string[][];
  vector: Candidate[][];
  /** Text branch per BM25 setting (the default first). */
  textBySetting: Map<string, Candidate[][]>;
  /** Default text branch, each candidate with its cosine similarity to the query. */
  text: Array<Array<Candidate & { similarity: number | null }>>;
  /** Per query: the best possible BM25 (default setting), the score fusion's normaliser. */
  maxPossible: number[];
  reference: string[][];
}

/** The defaults first, then a coarse grid (each setting once: lists are keyed by it). */
const SWEEP_BM25: Bm25Parameters[] = [
  BM25_DEFAULTS,
  ...[0.9, 1.2]
    .flatMap((k1) => [0.4, 0.75].map((b) => ({ k1, b })))
    .filter((p) => p.k1 !== BM25_DEFAULTS.k1 || p.b !== BM25_DEFAULTS.b),
];
const bm25Key = (p: Bm25Parameters) => `k1 ${p.k1}, b ${p.b}`;
/** Candidates kept per branch for the sweep (the largest multiplier tried). */
const POOL = HITS * 10;

async function searchAll(
  db: Database,
  admin: postgres.Sql,
  tenantId: string,
  set: EvalSet,
  embedder: EmbeddingProvider,
  documentOf: Map<string, string>,
  reference: Bm25Reference,
): Promise<Runs> {
  const vectors = (
    await embedder.embed(
      set.queries.map((q) => q.text),
      'query',
    )
  ).vectors;
  const runs: Runs = {
    hybrid: [],
    vector: [],
    textBySetting: new Map(),
    text: [],
    maxPossible: [],
    reference: [],
  };
  const sweep = process.env.BENCH_QUALITY_SWEEP === '1';
  const settings = sweep ? SWEEP_BM25 : [BM25_DEFAULTS];
  for (const s of settings) runs.textBySetting.set(bm25Key(s), []);
  const count = sweep ? POOL : HITS * FUSION_DEFAULTS.candidateMultiplier;
  for (const [i, q] of set.queries.entries()) {
    const hybrid = await hybridSearch(db, tenantId, q.text, { embedder, limit: HITS });
    runs.hybrid.push(documentRanking(hybrid.hits.map((h) => h.documentTitle)));
    await db.withTenant(tenantId, async (tx) => {
      const filter = scopeFilter(tenantId);
      const ef = Math.max(40, 2 * count);
      let vector = await vectorCandidates(tx, vectors[i]!, filter, count, ef, 'hnsw');
      if (vector.length < Math.min(count, documentOf.size))
        vector = await vectorCandidates(tx, vectors[i]!, filter, count, ef, 'exact');
      runs.vector.push(vector);
      const terms = await queryTerms(tx, tenantId, q.text);
      for (const s of settings)
        runs.textBySetting
          .get(bm25Key(s))!
          .push(await bm25Candidates(tx, terms, { tenantId }, count, s));
      runs.text.push(
        await bm25Candidates(tx, terms, { tenantId }, count, BM25_DEFAULTS, vectors[i]),
      );
      runs.maxPossible.push(maxPossibleScore(terms, BM25_DEFAULTS));
    });
    const [lexemes] = await admin<Array<{ terms: string[] }>>`
      select coalesce(tsvector_to_array(to_tsvector('english', ${q.text})), '{}') as terms`;
    runs.reference.push(reference.rank(lexemes!.terms, K));
  }
  return runs;
}

/** Vector weights tried for score fusion (0: BM25's own order). */
const SWEEP_VECTOR_WEIGHTS = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.75, 1];

function printSweep(
  set: EvalSet,
  runs: Runs,
  documentOf: Map<string, string>,
  score: (rankings: string[][]) => { ndcg: number; recall: number },
) {
  const docs = (c: Candidate[]) => documentRanking(c.map((x) => documentOf.get(x.id)!));
  console.log('\n### Sweep (nDCG@10 on this set; defaults are picked coarsely from it)');
  console.log('| text branch | nDCG@10 |');
  console.log('| --- | --- |');
  for (const [key, lists] of runs.textBySetting)
    console.log(`| BM25 ${key} | ${score(lists.map(docs)).ndcg.toFixed(3)} |`);
  console.log('| fusion (BM25 defaults) | nDCG@10 | recall@10 |');
  console.log('| --- | --- | --- |');
  for (const rrfK of [60])
    for (const multiplier of [2, 4])
      for (const textWeight of [1, 2, 4, 10, 20, 50, 1000]) {
        const n = HITS * multiplier;
        const rankings = set.queries.map((_, i) =>
          documentRanking(
            reciprocalRankFusion(
              [
                { ids: runs.vector[i]!.slice(0, n).map((c) => c.id), weight: 1 },
                { ids: runs.text[i]!.slice(0, n).map((c) => c.id), weight: textWeight },
              ],
              rrfK,
            )
              .slice(0, HITS)
              .map((f) => documentOf.get(f.id)!),
          ),
        );
        const r = score(rankings);
        console.log(
          `| RRF k ${rrfK}, ${multiplier}x candidates, text weight ${textWeight} | ${r.ndcg.toFixed(3)} | ${r.recall.toFixed(3)} |`,
        );
      }
  printScoreFusionSweep(set, runs, documentOf);
}

/**
 * Score fusion per vector weight, on each half of the queries (even / odd positions), and the
 * 2-fold cross-validation: the weight best on one half, reported on the other. Only that figure
 * says what a disjoint query set can expect.
 */
function printScoreFusionSweep(set: EvalSet, runs: Runs, documentOf: Map<string, string>) {
  const n = HITS * FUSION_DEFAULTS.candidateMultiplier;
  const folds = [0, 1].map((f) => set.queries.map((_, i) => i).filter((i) => i % 2 === f));
  const ndcgOf = (weight: number, queries: number[]) =>
    mean(
      queries.map((i) => {
        const fused = fuseScores(
          runs.text[i]!.slice(0, n).map((c) => ({
            id: c.id,
            bm25: c.value,
            similarity: c.similarity,
          })),
          runs.vector[i]!.slice(0, n).map((c) => ({ id: c.id, similarity: 1 - c.value })),
          runs.maxPossible[i]!,
          weight,
        );
        const ranking = documentRanking(fused.slice(0, HITS).map((f) => documentOf.get(f.id)!));
        return ndcgAt(K, ranking, set.relevant.get(set.queries[i]!.id)!);
      }),
    );
  console.log(`\n| score fusion, vector weight | nDCG@${K} all | half A | half B |`);
  console.log('| --- | --- | --- | --- |');
  const rows = SWEEP_VECTOR_WEIGHTS.map((w) => ({
    w,
    all: ndcgOf(w, [...folds[0]!, ...folds[1]!]),
    halves: folds.map((f) => ndcgOf(w, f)),
  }));
  for (const r of rows)
    console.log(
      `| ${r.w} | ${r.all.toFixed(3)} | ${r.halves[0]!.toFixed(3)} | ${r.halves[1]!.toFixed(3)} |`,
    );
  for (const tuned of [0, 1]) {
    const other = 1 - tuned;
    const best = rows.reduce((a, b) => (b.halves[tuned]! > a.halves[tuned]! ? b : a));
    console.log(
      `2-fold CV: weight ${best.w} (best on half ${'AB'[tuned]}) gives ${best.halves[other]!.toFixed(3)} on half ${'AB'[other]}; BM25 alone (weight 0) ${rows[0]!.halves[other]!.toFixed(3)}`,
    );
  }
}
