import { knowledgeChunks, knowledgeDocuments, type Database, type Tx } from '@platform/db';
import { AppError } from '@platform/errors';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { createEmbeddingProvider, type EmbeddingProvider } from '../embeddings';
import {
  BM25_DEFAULTS,
  bm25Candidates,
  maxPossibleScore,
  queryTerms,
  type Bm25Parameters,
} from './bm25';
import { rowsOf, type Candidate } from './rows';
import { isFiltered, scopeFilter } from './scope';
import { fuseScores } from './score-fusion';

export { rowsOf, type Candidate } from './rows';
export { scopeFilter } from './scope';

export interface HybridSearchOptions {
  /** Hits to return (default 5, at most 50). */
  limit?: number;
  /** Defaults to the provider EMBEDDING_PROVIDER names. */
  embedder?: EmbeddingProvider;
  /** Weight of the cosine similarity beside the normalised BM25 score (default FUSION_DEFAULTS). */
  vectorWeight?: number;
  /** Each branch fetches `limit * candidateMultiplier` candidates (default FUSION_DEFAULTS). */
  candidateMultiplier?: number;
  /** HNSW candidate list size (default: max(40, 2 * candidates)). */
  efSearch?: number;
  /** Only these documents. */
  documentIds?: string[];
  /** Only documents of this category. */
  category?: string;
  /** BM25 parameters of the text branch (default BM25_DEFAULTS). */
  bm25?: Bm25Parameters;
  /**
   * How the vector branch scans: `auto` (default) walks the HNSW graph for tenants of at least
   * `exactScanBelow` chunks (with no document/category filter) and scans smaller ones exactly.
   */
  vectorStrategy?: 'auto' | 'hnsw' | 'exact';
  /** Tenants with fewer chunks are searched exactly (default 2000): as fast, and exact. */
  exactScanBelow?: number;
}

/**
 * Score fusion (see fuseScores): BM25 over the question's highest possible BM25, plus
 * `vectorWeight` x cosine similarity. Weight measured on the SciFact dev set by 2-fold
 * cross-validation (`pnpm bench quality`, BENCH_QUALITY_SWEEP=1): 0.4 was the best of
 * 0-0.75 on each half and the best of weights 0-1000 under rank fusion (RRF) was BM25's own
 * ranking. USE-lite's cosines sit in 0.1-0.7; a model with another range (EMBEDDING_PROVIDER
 * openai/voyage) deserves a re-run of the sweep.
 */
export const FUSION_DEFAULTS = {
  vectorWeight: 0.4,
  candidateMultiplier: 4,
};

export interface SearchHit {
  chunkId: string;
  documentId: string;
  documentTitle: string;
  documentUrl: string | null;
  content: string;
  position: number;
  /** Fused score: `relevance + vectorWeight * similarity` (higher is better). */
  score: number;
  /** BM25 over the question's highest possible BM25 (0-1): share of its weighted words matched. */
  relevance: number;
  /** 1-based rank in each branch; null when the branch did not return this chunk. */
  vectorRank: number | null;
  textRank: number | null;
  /**
   * Cosine similarity to the query (null when the vector branch did not run), and BM25 score
   * (null when the text branch did not return the chunk).
   */
  similarity: number | null;
  textScore: number | null;
}

export type VectorBranchState = 'used' | 'no-chunks' | 'model-mismatch' | 'embedding-unavailable';

/** `no-terms`: the query has no searchable word (only stop words or punctuation). */
export type TextBranchState = 'used' | 'no-terms';

export interface SearchResult {
  hits: SearchHit[];
  /** Whether the vector branch ran, or why not. */
  vectorBranch: VectorBranchState;
  /** Whether the text branch ran; a query without terms returns no hits at all. */
  textBranch: TextBranchState;
  /** The query's terms as searched (stemmed lexemes, stop words out). */
  terms: string[];
  embedding: { provider: string; model: string; modelId: string; tokens: number };
}

/**
 * Hybrid retrieval inside the tenant's RLS transaction: a vector branch (cosine; HNSW with
 * iterative scan for large tenants, so the tenant filter still yields enough rows, exact for
 * small ones) and a BM25 text branch (OR over the query's lexemes, the tenant's own statistics),
 * each fetching a few times `limit` candidates with the tenant filter inside, fused by score
 * (normalised BM25 + weighted cosine). The query is embedded before the transaction opens.
 */
export async function hybridSearch(
  db: Database,
  tenantId: string,
  query: string,
  options: HybridSearchOptions = {},
): Promise<SearchResult> {
  const text = query.trim();
  if (!text) throw new AppError('BAD_INPUT', 'Type something to search for.');
  const limit = Math.min(Math.max(1, Math.floor(options.limit ?? 5)), 50);
  const candidates = limit * (options.candidateMultiplier ?? FUSION_DEFAULTS.candidateMultiplier);
  const efSearch = Math.min(1000, options.efSearch ?? Math.max(40, candidates * 2));
  const embedder = options.embedder ?? createEmbeddingProvider();
  const embedding = {
    provider: embedder.provider,
    model: embedder.model,
    modelId: embedder.modelId,
    tokens: 0,
  };

  let queryVector: number[] | undefined;
  try {
    const result = await embedder.embed([text], 'query');
    queryVector = result.vectors[0];
    embedding.tokens = result.tokens;
  } catch (error) {
    console.error('Query embedding failed; searching text only', error);
  }

  return db.withTenant(tenantId, async (tx): Promise<SearchResult> => {
    // Independent reads sent together (one round trip each pair): the query's terms with the
    // tenant's index state, then both branches.
    const [query, indexed] = await Promise.all([
      queryTerms(tx, tenantId, text),
      queryVector ? tenantIndex(tx, tenantId) : undefined,
    ]);
    const terms = query.terms.map((t) => t.term);
    if (terms.length === 0) {
      // Only stop words or punctuation: nothing to look for, in either branch.
      return { hits: [], vectorBranch: 'used', textBranch: 'no-terms', terms, embedding };
    }
    const filter = scopeFilter(tenantId, options);
    let vectorBranch: VectorBranchState = queryVector ? 'used' : 'embedding-unavailable';
    let mode: 'hnsw' | 'planner' | 'exact' = 'exact';
    if (queryVector && indexed) {
      if (indexed.model === undefined) vectorBranch = 'no-chunks';
      else if (indexed.model !== embedder.model) vectorBranch = 'model-mismatch';
      else {
        const filtered = isFiltered(options);
        const strategy = options.vectorStrategy ?? 'auto';
        mode =
          strategy === 'auto'
            ? !filtered && indexed.rows >= (options.exactScanBelow ?? 2000)
              ? 'hnsw'
              : 'planner'
            : strategy;
      }
    }
    const bm25 = options.bm25 ?? BM25_DEFAULTS;
    // The text branch is sent first: the vector branch then sets its SET LOCAL planner options.
    const textRead =
      vectorBranch === 'no-chunks'
        ? Promise.resolve([])
        : bm25Candidates(
            tx,
            query,
            { ...options, tenantId },
            candidates,
            bm25,
            vectorBranch === 'used' ? queryVector : undefined,
          );
    const vectorRead =
      vectorBranch === 'used'
        ? vectorCandidates(tx, queryVector!, filter, candidates, efSearch, mode)
        : Promise.resolve([]);
    const [firstVector, textual] = await Promise.all([vectorRead, textRead]);
    let vector = firstVector;
    // A tenant that is a sliver of a huge table can exhaust the iterative scan's tuple budget.
    if (mode === 'hnsw' && indexed && vector.length < Math.min(candidates, indexed.rows)) {
      vector = await vectorCandidates(tx, queryVector!, filter, candidates, efSearch, 'exact');
    }

    const fused = fuseScores(
      textual.map((c) => ({ id: c.id, bm25: c.value, similarity: c.similarity })),
      vector.map((c) => ({ id: c.id, similarity: 1 - c.value })),
      maxPossibleScore(query, bm25),
      options.vectorWeight ?? FUSION_DEFAULTS.vectorWeight,
    ).slice(0, limit);
    const result = { vectorBranch, textBranch: 'used' as const, terms, embedding };
    if (fused.length === 0) return { hits: [], ...result };

    const rows = await tx
      .select({
        chunkId: knowledgeChunks.id,
        documentId: knowledgeChunks.documentId,
        content: knowledgeChunks.content,
        position: knowledgeChunks.position,
        documentTitle: knowledgeDocuments.title,
        documentUrl: sql<string | null>`${knowledgeDocuments.metadata}->>'url'`,
      })
      .from(knowledgeChunks)
      // Joined on tenant_id too: on Citus a join of tenant tables must include it.
      .innerJoin(
        knowledgeDocuments,
        and(
          eq(knowledgeDocuments.id, knowledgeChunks.documentId),
          eq(knowledgeDocuments.tenantId, knowledgeChunks.tenantId),
        ),
      )
      .where(
        and(
          eq(knowledgeChunks.tenantId, tenantId),
          inArray(
            knowledgeChunks.id,
            fused.map((f) => f.id),
          ),
        ),
      );
    const byId = new Map(rows.map((r) => [r.chunkId, r]));
    const textScore = new Map(textual.map((c) => [c.id, c.value]));

    const hits = fused.flatMap((f): SearchHit[] => {
      const row = byId.get(f.id);
      if (!row) return []; // deleted between the branch queries and this one
      return [
        {
          ...row,
          score: f.score,
          relevance: f.relevance,
          vectorRank: f.vectorRank,
          textRank: f.textRank,
          similarity: f.similarity,
          textScore: textScore.get(f.id) ?? null,
        },
      ];
    });
    return { hits, ...result };
  });
}

/** Chunk counts per tenant, capped and cached briefly: they only steer the scan strategy. */
const SIZE_CAP = 20_000;
const SIZE_TTL_MS = 60_000;
const sizes = new Map<string, { rows: number; at: number }>();

/**
 * The model the tenant's chunks were embedded with (one per tenant, see assertSingleModel), or
 * undefined when it has none, and how many chunks it has (capped at 20,000; cached for a minute).
 */
async function tenantIndex(
  tx: Tx,
  tenantId: string,
): Promise<{ model: string | undefined; rows: number }> {
  const cached = sizes.get(tenantId);
  const fresh = cached && Date.now() - cached.at < SIZE_TTL_MS;
  const [row] = rowsOf<{ model: string | null; has: boolean; rows: number | string | null }>(
    await tx.execute(sql`
      select
        (select c.metadata->>'embeddingModel' from knowledge_chunks c where c.tenant_id = ${tenantId} limit 1) as model,
        exists (select 1 from knowledge_chunks c where c.tenant_id = ${tenantId}) as has,
        ${fresh ? sql`null::int` : sql`(select count(*) from (select 1 from knowledge_chunks c where c.tenant_id = ${tenantId} limit ${SIZE_CAP}) s)`} as rows`),
  );
  if (!row?.has) return { model: undefined, rows: 0 };
  let rows = cached?.rows ?? 0;
  if (!fresh) {
    rows = Number(row.rows ?? 0);
    if (sizes.size > 10_000) sizes.clear();
    sizes.set(tenantId, { rows, at: Date.now() });
  }
  return { model: row.model ?? '', rows };
}

/**
 * Cosine search. `hnsw` walks the HNSW graph: Postgres' planner prices the graph walk far above
 * what it costs and would rather sort the whole tenant (measured 10x slower at 5k chunks), so the
 * walk is forced by disabling sorts for this one statement. `iterative_scan = relaxed_order`
 * keeps walking until enough rows pass the tenant filter (pgvector 0.8); the outer ORDER BY
 * restores exact order among them. `exact` compares every row of the scope; `planner` lets
 * Postgres choose (a document or category filter is usually selective enough for exact).
 * JIT is off: the sort penalty prices the plan near 1e10, far past `jit_above_cost`, and
 * Postgres would compile it on every call (1.2 s against 1.6 ms for the walk itself).
 * All settings are transaction-local.
 */
export async function vectorCandidates(
  tx: Tx,
  vector: number[],
  filter: SQL,
  count: number,
  efSearch: number,
  mode: 'planner' | 'hnsw' | 'exact' = 'planner',
): Promise<Candidate[]> {
  // SET LOCAL, not set_config(): on Citus the search runs on the workers, and only SET LOCAL is
  // forwarded there (citus.propagate_set_commands). SET takes no parameters, so the only value
  // written into it is a checked integer; the rest is fixed text.
  const ef = Math.trunc(efSearch);
  if (!(ef >= 1 && ef <= 1000)) throw new RangeError('efSearch must be between 1 and 1000.');
  // Sent with the search below (one round trip); it runs first.
  const settings = tx.execute(
    sql.raw(
      `set local hnsw.ef_search = ${ef}; set local hnsw.iterative_scan = relaxed_order; ` +
        `set local enable_sort = ${mode === 'hnsw' ? 'off' : 'on'}; set local jit = off`,
    ),
  );
  // The vector is bound once: parsing a 1024-d literal costs ~1 ms on the embedded server. The
  // ORDER BY names the output column, the same expression, so the HNSW index still orders it;
  // `+ 0` hides the operator from the index for an exact scan.
  const literal = `[${vector.join(',')}]`;
  const order = mode === 'exact' ? sql`(c.embedding <=> ${literal}::vector) + 0` : sql`distance`;
  // Settings, search and (after a walk) sorts back on go out together: one round trip.
  const [, result] = await Promise.all([
    settings,
    tx.execute<{ id: string; distance: number }>(sql`
    with nearest as materialized (
      select c.id, c.embedding <=> ${literal}::vector as distance
      from knowledge_chunks c
      where ${filter}
      order by ${order}
      limit ${count}
    )
    select id, distance from nearest order by distance, id`),
    mode === 'hnsw' ? tx.execute(sql.raw('set local enable_sort = on')) : undefined,
  ]);
  return rowsOf<{ id: string; distance: number }>(result).map((r) => ({
    id: r.id,
    value: Number(r.distance),
  }));
}
