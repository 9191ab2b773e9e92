import {
  deleteChunks,
  insertChunks,
  knowledgeChunks,
  knowledgeDocuments,
  type ChunkMetadata,
  type Database,
  type Tx,
} from '@platform/db';
import { AppError, isAppError, notFound } from '@platform/errors';
import { and, eq, ne, sql } from 'drizzle-orm';
import { chunkText, type ChunkingOptions, type TextChunk } from '../chunking';
import { createEmbeddingProvider, type EmbeddingProvider } from '../embeddings';
import { readRagEnv } from '../env';
import { reserveEmbeddingBudget } from './budget';
import { embedChunks } from './embed-chunks';
import { recordEmbeddingCost, type EmbeddingUsage, type EmbeddingUsageRecorder } from './costs';
import { patchDocumentMetadata } from './metadata';

export interface IngestionDeps {
  /** Defaults to the provider EMBEDDING_PROVIDER names. */
  embedder?: EmbeddingProvider;
  /** Defaults to CHUNK_SIZE_TOKENS / CHUNK_OVERLAP_TOKENS. */
  chunking?: ChunkingOptions;
  /** Chunks per embedding call; progress is written after each. Defaults to EMBEDDING_BATCH_SIZE. */
  batchSize?: number;
  /** Defaults to an `embedding` cost event through @platform/costs. */
  recordUsage?: EmbeddingUsageRecorder;
}

export interface IngestResult {
  documentId: string;
  /** `superseded`: the content changed while embedding; the document is pending again. */
  status: 'ready' | 'failed' | 'superseded';
  chunkCount: number;
  embeddingModel: string;
  embeddingTokens: number;
  error?: string;
}

interface Resolved {
  embedder: EmbeddingProvider;
  chunking: ChunkingOptions;
  batchSize: number;
  recordUsage: EmbeddingUsageRecorder;
}

export function resolveIngestionDeps(deps: IngestionDeps = {}): Resolved {
  const needsEnv = !deps.embedder || !deps.chunking || !deps.batchSize;
  const env = needsEnv ? readRagEnv() : undefined;
  return {
    embedder: deps.embedder ?? createEmbeddingProvider(env),
    chunking: deps.chunking ?? {
      chunkSize: env!.CHUNK_SIZE_TOKENS,
      overlap: env!.CHUNK_OVERLAP_TOKENS,
    },
    batchSize: deps.batchSize ?? env!.EMBEDDING_BATCH_SIZE,
    recordUsage: deps.recordUsage ?? recordEmbeddingCost,
  };
}

/**
 * Chunks, embeds and stores one document; re-running it re-indexes (chunks are replaced).
 *
 * Transactions stay short: read (and mark `processing`), then embed with no transaction open,
 * writing progress after each batch, then one write that swaps the chunks and marks `ready`.
 * Failures are recorded on the document (`failed` + a readable `error`) and returned, not thrown;
 * only a missing document (or another tenant's) throws NOT_FOUND.
 */
export async function ingestDocument(
  db: Database,
  tenantId: string,
  documentId: string,
  deps: IngestionDeps = {},
): Promise<IngestResult> {
  const { embedder, chunking, batchSize, recordUsage } = resolveIngestionDeps(deps);
  const base = { documentId, embeddingModel: embedder.model, chunkCount: 0, embeddingTokens: 0 };

  const document = await db.withTenant(tenantId, async (tx) => {
    const [row] = await tx
      .select({ content: knowledgeDocuments.content })
      .from(knowledgeDocuments)
      .where(and(eq(knowledgeDocuments.id, documentId), eq(knowledgeDocuments.tenantId, tenantId)));
    if (row)
      await patchDocumentMetadata(
        tx,
        documentId,
        { status: 'processing', progress: { done: 0, total: 0 } },
        ['error'],
      );
    return row;
  });
  if (!document) throw notFound('Document');

  let release: (() => Promise<void>) | undefined;
  try {
    const chunks = chunkText(document.content, chunking);
    if (chunks.length === 0) throw new AppError('BAD_INPUT', 'The document has no text to index.');
    await db.withTenant(tenantId, async (tx) => {
      await assertSingleModel(tx, tenantId, documentId, embedder.model);
      await patchDocumentMetadata(tx, documentId, { progress: { done: 0, total: chunks.length } });
    });
    const { reservation, estimateMicroUsd } = await reserveEmbeddingBudget(
      db,
      tenantId,
      embedder,
      chunks,
    );
    release = () => reservation.release();

    // Slow I/O with no transaction open; progress is written between batches.
    const { vectors, tokens } = await embedChunks(embedder, chunks, batchSize, async (done) => {
      if (done < chunks.length) {
        await db.withTenant(tenantId, (tx) =>
          patchDocumentMetadata(tx, documentId, { progress: { done, total: chunks.length } }),
        );
      }
    });
    const usage: EmbeddingUsage = {
      tenantId,
      provider: embedder.provider,
      model: embedder.modelId,
      tokens,
      operation: 'ingestion',
      documentId,
    };

    const result = await db.withTenant(tenantId, async (tx): Promise<IngestResult> => {
      // The tokens are spent whatever happens next: recorded, and the reservation turned into spend.
      const recorded = await recordUsage(tx, usage);
      await reservation.settle(tx, recorded?.microUsd ?? estimateMicroUsd);
      const [current] = await tx
        .select({ content: knowledgeDocuments.content })
        .from(knowledgeDocuments)
        .where(eq(knowledgeDocuments.id, documentId));
      if (!current) throw notFound('Document');
      if (current.content !== document.content) {
        // Edited meanwhile: these chunks describe old text. Leave it for the next run.
        await patchDocumentMetadata(tx, documentId, {
          status: 'pending',
          progress: { done: 0, total: 0 },
        });
        return { ...base, status: 'superseded', embeddingTokens: tokens };
      }
      await assertSingleModel(tx, tenantId, documentId, embedder.model);
      await replaceChunks(tx, tenantId, documentId, chunks, vectors, chunking, embedder.model);
      await patchDocumentMetadata(tx, documentId, {
        status: 'ready',
        progress: { done: chunks.length, total: chunks.length },
        chunkCount: chunks.length,
        embeddingModel: embedder.model,
      });
      return { ...base, status: 'ready', chunkCount: chunks.length, embeddingTokens: tokens };
    });
    release = undefined;
    return result;
  } catch (error) {
    // Nothing was spent, or what was is not recorded: free the held money (idempotent).
    await release?.().catch((e: unknown) => console.error('Releasing a reservation failed', e));
    const message = readableFailure(error);
    await db.withTenant(tenantId, (tx) =>
      patchDocumentMetadata(tx, documentId, { status: 'failed', error: message }),
    );
    return { ...base, status: 'failed', error: message };
  }
}

/** Re-indexing one document is ingesting it again: its chunks are replaced. */
export const reindexDocument = ingestDocument;

/** Deletes a document's chunks and inserts new ones (caller's transaction, statistics kept). */
export async function replaceChunks(
  tx: Tx,
  tenantId: string,
  documentId: string,
  chunks: TextChunk[],
  vectors: number[][],
  chunking: ChunkingOptions,
  embeddingModel: string,
): Promise<void> {
  await deleteChunks(tx, tenantId, { documentIds: [documentId] });
  await insertChunks(
    tx,
    tenantId,
    chunks.map((chunk, i) => ({
      documentId,
      content: chunk.content,
      position: chunk.position,
      embedding: vectors[i]!,
      metadata: {
        chunkSize: chunking.chunkSize,
        overlapSize: chunking.overlap,
        tokenCount: chunk.tokenCount,
        embeddingModel,
      } satisfies ChunkMetadata,
    })),
  );
}

/**
 * Vectors of different models are not comparable: a tenant's chunks all come from one model.
 * Switching models goes through `reindexTenant`, which replaces every chunk at once.
 */
export async function assertSingleModel(
  tx: Tx,
  tenantId: string,
  documentId: string,
  model: string,
): Promise<void> {
  const [other] = await tx
    .select({ model: sql<string | null>`${knowledgeChunks.metadata}->>'embeddingModel'` })
    .from(knowledgeChunks)
    .where(
      and(
        eq(knowledgeChunks.tenantId, tenantId),
        ne(knowledgeChunks.documentId, documentId),
        sql`${knowledgeChunks.metadata}->>'embeddingModel' is distinct from ${model}`,
      ),
    )
    .limit(1);
  if (other) {
    throw new AppError(
      'CONFLICT',
      `This knowledge base is indexed with ${other.model ?? 'another model'}, not ${model}. Re-index all documents to switch models.`,
      { details: { indexedWith: other.model, configured: model } },
    );
  }
}

function readableFailure(error: unknown): string {
  if (isAppError(error) && error.code === 'BUDGET_EXCEEDED') {
    // reserveBudget's message is written for visitors; this one is read by the tenant's admins.
    return 'The monthly spend limit is reached, so this document was not indexed. Raise the limit under Costs, then re-index it.';
  }
  if (isAppError(error)) return error.message;
  // Unexpected: keep the cause in the server log, show the tenant a generic reason.
  console.error('Document ingestion failed', error);
  return 'Indexing failed unexpectedly. Try re-indexing the document.';
}
