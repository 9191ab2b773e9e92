import {
  deleteChunks,
  knowledgeChunks,
  knowledgeDocuments,
  tenants,
  type Database,
} from '@platform/db';
import { eq, sql } from 'drizzle-orm';
import { chunkText, type TextChunk } from '../chunking';
import { reserveEmbeddingBudget } from './budget';
import { embedChunks } from './embed-chunks';
import { replaceChunks, resolveIngestionDeps, type IngestionDeps } from './ingest';
import { patchDocumentMetadata } from './metadata';

export interface ReindexTenantResult {
  embeddingModel: string;
  documents: number;
  chunks: number;
  embeddingTokens: number;
  failed: Array<{ documentId: string; error: string }>;
}

/**
 * Re-embeds every document of a tenant with the configured model: the way to change models.
 * Everything is embedded first (no transaction open), then one write replaces all chunks, so
 * search never sees two models' vectors side by side. Memory grows with the tenant's chunk count
 * (~8 kB per chunk); a tenant with millions of chunks would need a shadow table instead.
 */
export async function reindexTenant(
  db: Database,
  tenantId: string,
  deps: IngestionDeps = {},
): Promise<ReindexTenantResult> {
  const { embedder, chunking, batchSize, recordUsage } = resolveIngestionDeps(deps);
  const documents = await db.withTenant(tenantId, (tx) =>
    tx
      .select({ id: knowledgeDocuments.id, content: knowledgeDocuments.content })
      .from(knowledgeDocuments)
      .where(eq(knowledgeDocuments.tenantId, tenantId)),
  );

  const chunked: Array<{ id: string; chunks: TextChunk[] }> = [];
  const failed: ReindexTenantResult['failed'] = [];
  for (const document of documents) {
    const chunks = chunkText(document.content, chunking);
    if (chunks.length === 0) {
      failed.push({ documentId: document.id, error: 'The document has no text to index.' });
    } else chunked.push({ id: document.id, chunks });
  }
  // Held before the first call; a tenant at its cap re-indexes nothing and keeps its old chunks.
  const { reservation, estimateMicroUsd } = await reserveEmbeddingBudget(
    db,
    tenantId,
    embedder,
    chunked.flatMap((d) => d.chunks),
  );
  await db.withTenant(tenantId, async (tx) => {
    for (const row of documents)
      await patchDocumentMetadata(tx, row.id, { status: 'processing' }, ['error']);
  });

  const prepared: Array<{ id: string; chunks: TextChunk[]; vectors: number[][] }> = [];
  let tokens = 0;
  try {
    for (const { id, chunks } of chunked) {
      const { vectors, tokens: used } = await embedChunks(embedder, chunks, batchSize);
      tokens += used;
      prepared.push({ id, chunks, vectors });
      await db.withTenant(tenantId, (tx) =>
        patchDocumentMetadata(tx, id, {
          progress: { done: chunks.length, total: chunks.length },
        }),
      );
    }
  } catch (error) {
    await reservation.release();
    throw error;
  }

  await db.withTenant(tenantId, async (tx) => {
    await deleteChunks(tx, tenantId, 'all');
    for (const doc of prepared) {
      await replaceChunks(tx, tenantId, doc.id, doc.chunks, doc.vectors, chunking, embedder.model);
      await patchDocumentMetadata(tx, doc.id, {
        status: 'ready',
        chunkCount: doc.chunks.length,
        embeddingModel: embedder.model,
        progress: { done: doc.chunks.length, total: doc.chunks.length },
      });
    }
    for (const fail of failed)
      await patchDocumentMetadata(tx, fail.documentId, { status: 'failed', error: fail.error });
    const recorded = await recordUsage(tx, {
      tenantId,
      provider: embedder.provider,
      model: embedder.modelId,
      tokens,
      operation: 'ingestion',
    });
    await reservation.settle(tx, recorded?.microUsd ?? estimateMicroUsd);
  });

  return {
    embeddingModel: embedder.model,
    documents: prepared.length,
    chunks: prepared.reduce((sum, d) => sum + d.chunks.length, 0),
    embeddingTokens: tokens,
    failed,
  };
}

export interface StaleModelSummary {
  /** Tenants whose chunks came from another model, re-indexed with the configured one. */
  reindexed: ReindexTenantResult[];
  /** Tenants that could not be re-indexed (e.g. at their spending cap), with the reason. */
  failed: Array<{ tenantId: string; error: string }>;
}

/**
 * Changing EMBEDDING_PROVIDER re-indexes: every tenant whose chunks were embedded with another
 * model is re-embedded with the configured one (one tenant at a time). Meant to run once when a
 * process starts, as the model only changes with the settings. The system path lists tenant ids
 * only, reading one chunk per tenant (a tenant's chunks share one model, see assertSingleModel).
 * `tenantIds` limits it to those tenants (tests on a shared database).
 */
export async function reindexStaleTenants(
  db: Database,
  deps: IngestionDeps & { tenantIds?: string[] } = {},
): Promise<StaleModelSummary> {
  const resolved = resolveIngestionDeps(deps);
  // One lookup per tenant (an index probe for one chunk), not one correlated query over all:
  // on Citus a subquery correlated from the tenants reference table to the distributed chunks
  // is refused, and a per-tenant read routes to one shard.
  const stale = await db.asSystem('ingestion', async (tx) => {
    const ids =
      deps.tenantIds ?? (await tx.select({ id: tenants.id }).from(tenants)).map((t) => t.id);
    const found: Array<{ id: string }> = [];
    for (const id of ids) {
      const [chunk] = await tx
        .select({ model: sql<string | null>`${knowledgeChunks.metadata}->>'embeddingModel'` })
        .from(knowledgeChunks)
        .where(eq(knowledgeChunks.tenantId, id))
        .limit(1);
      if (chunk && chunk.model !== resolved.embedder.model) found.push({ id });
    }
    return found;
  });
  const summary: StaleModelSummary = { reindexed: [], failed: [] };
  for (const { id } of stale) {
    try {
      summary.reindexed.push(await reindexTenant(db, id, resolved));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`Re-indexing tenant ${id} with ${resolved.embedder.model} failed`, error);
      summary.failed.push({ tenantId: id, error: message });
    }
  }
  return summary;
}
