import { knowledgeChunks, knowledgeDocuments, type Database, type Tx } from '@platform/db';
import { AppError } from '@platform/errors';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { createEmbeddingProvider, type EmbeddingProvider } from '../embeddings';
import { reciprocalRankFusion } from './rrf';

export interface HybridSearchOptions {
  /** Hits to return (default 5, at most 50). */
  limit?: number;
  /** Defaults to the provider EMBEDDING_PROVIDER names. */
  embedder?: EmbeddingProvider;
  /** RRF constant (default 60). */
  rrfK?: number;
  /** Branch weights in the fusion (default 1 and 1). */
  vectorWeight?: number;
  textWeight?: number;
  /** Each branch fetches `limit * candidateMultiplier` candidates (default 4). */
  candidateMultiplier?: number;
  /** HNSW candidate list size (default: max(40, 2 * candidates)). */
  efSearch?: number;
  /** Only these documents. */
  documentIds?: string[];
  /** Only documents of this category. */
  category?: string;
}

export interface SearchHit {
  chunkId: string;
  documentId: string;
  documentTitle: string;
  documentUrl: string | null;
  content: string;
  position: number;
  /** Fused RRF score (higher is better). */
  score: number;
  /** 1-based rank in each branch; null when the branch did not return this chunk. */
  vectorRank: number | null;
  textRank: number | null;
  /** Cosine similarity to the query (vector branch), and ts_rank_cd (text branch). */
  similarity: number | null;
  textScore: number | null;
}

export type VectorBranchState = 'used' | 'no-chunks' | 'model-mismatch' | 'embedding-unavailable';

export interface SearchResult {
  hits: SearchHit[];
  /** Whether the vector branch ran, or why not (the text branch always runs). */
  vectorBranch: VectorBranchState;
  embedding: { provider: string; model: string; modelId: string; tokens: number };
}

export interface Candidate {
  id: string;
  value: number;
}

/**
 * Hybrid retrieval inside the tenant's RLS transaction: a vector branch (HNSW cosine with
 * iterative scan, so a selective filter still yields enough rows) and a full-text branch
 * (websearch_to_tsquery + ts_rank_cd on the GIN index), each fetching a few times `limit`
 * candidates with the tenant filter inside, fused by weighted Reciprocal Rank Fusion.
 * The query is embedded before the transaction opens.
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
  const candidates = limit * (options.candidateMultiplier ?? 4);
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

  return db.withTenant(tenantId, async (tx) => {
    const filter = scopeFilter(tenantId, options);
    let vectorBranch: VectorBranchState = queryVector ? 'used' : 'embedding-unavailable';
    let vector: Candidate[] = [];
    if (queryVector) {
      const indexedWith = await tenantModel(tx, tenantId);
      if (indexedWith === undefined) vectorBranch = 'no-chunks';
      else if (indexedWith !== embedder.model) vectorBranch = 'model-mismatch';
      else vector = await vectorCandidates(tx, queryVector, filter, candidates, efSearch);
    }
    const textual =
      vectorBranch === 'no-chunks' ? [] : await textCandidates(tx, text, filter, candidates);

    const fused = reciprocalRankFusion(
      [
        { ids: vector.map((c) => c.id), weight: options.vectorWeight ?? 1 },
        { ids: textual.map((c) => c.id), weight: options.textWeight ?? 1 },
      ],
      options.rrfK ?? 60,
    ).slice(0, limit);
    if (fused.length === 0) return { hits: [], vectorBranch, embedding };

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
      .innerJoin(knowledgeDocuments, eq(knowledgeDocuments.id, knowledgeChunks.documentId))
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
    const similarity = new Map(vector.map((c) => [c.id, 1 - c.value]));
    const textScore = new Map(textual.map((c) => [c.id, c.value]));

    const hits = fused.flatMap((f): SearchHit[] => {
      const row = byId.get(f.id);
      if (!row) return []; // deleted between the branch queries and this one
      return [
        {
          ...row,
          score: f.score,
          vectorRank: f.ranks[0] ?? null,
          textRank: f.ranks[1] ?? null,
          similarity: similarity.get(f.id) ?? null,
          textScore: textScore.get(f.id) ?? null,
        },
      ];
    });
    return { hits, vectorBranch, embedding };
  });
}

/** The model the tenant's chunks were embedded with (one per tenant, see assertSingleModel). */
async function tenantModel(tx: Tx, tenantId: string): Promise<string | undefined> {
  const [row] = await tx
    .select({ model: sql<string | null>`${knowledgeChunks.metadata}->>'embeddingModel'` })
    .from(knowledgeChunks)
    .where(eq(knowledgeChunks.tenantId, tenantId))
    .limit(1);
  return row ? (row.model ?? '') : undefined;
}

/** The WHERE clause both branches share: tenant first, then the optional filters. */
export function scopeFilter(
  tenantId: string,
  options: Pick<HybridSearchOptions, 'documentIds' | 'category'> = {},
): SQL {
  const parts: SQL[] = [sql`c.tenant_id = ${tenantId}`];
  if (options.documentIds) {
    parts.push(
      options.documentIds.length === 0
        ? sql`false`
        : sql`c.document_id in (${sql.join(
            options.documentIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`,
    );
  }
  if (options.category !== undefined) {
    parts.push(
      sql`c.document_id in (select d.id from knowledge_documents d where d.tenant_id = ${tenantId} and d.category = ${options.category})`,
    );
  }
  return sql.join(parts, sql` and `);
}

/**
 * HNSW cosine search. `iterative_scan = relaxed_order` keeps scanning the graph until enough rows
 * pass the filter (pgvector 0.8); the outer ORDER BY restores exact order among what was found.
 * Both settings are transaction-local.
 */
export async function vectorCandidates(
  tx: Tx,
  vector: number[],
  filter: SQL,
  count: number,
  efSearch: number,
): Promise<Candidate[]> {
  await tx.execute(
    sql`select set_config('hnsw.ef_search', ${String(efSearch)}, true), set_config('hnsw.iterative_scan', 'relaxed_order', true)`,
  );
  const literal = `[${vector.join(',')}]`;
  const result = await tx.execute<{ id: string; distance: number }>(sql`
    with nearest as materialized (
      select c.id, c.embedding <=> ${literal}::vector as distance
      from knowledge_chunks c
      where ${filter}
      order by c.embedding <=> ${literal}::vector
      limit ${count}
    )
    select id, distance from nearest order by distance, id`);
  return rowsOf<{ id: string; distance: number }>(result).map((r) => ({
    id: r.id,
    value: Number(r.distance),
  }));
}

/** Full-text branch; the expression matches the GIN index `to_tsvector('english', content)`. */
export async function textCandidates(
  tx: Tx,
  text: string,
  filter: SQL,
  count: number,
): Promise<Candidate[]> {
  const result = await tx.execute<{ id: string; score: number }>(sql`
    select c.id, ts_rank_cd(to_tsvector('english', c.content), q) as score
    from knowledge_chunks c, websearch_to_tsquery('english', ${text}) q
    where ${filter} and to_tsvector('english', c.content) @@ q
    order by score desc, c.id
    limit ${count}`);
  return rowsOf<{ id: string; score: number }>(result).map((r) => ({
    id: r.id,
    value: Number(r.score),
  }));
}

/** postgres.js returns an array of rows; PGlite returns `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}
