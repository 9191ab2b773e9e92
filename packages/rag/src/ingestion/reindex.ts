import { knowledgeChunks, knowledgeDocuments, type Database } from '@platform/db';
import { eq } from 'drizzle-orm';
import { chunkText, type TextChunk } from '../chunking';
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
  const documents = await db.withTenant(tenantId, async (tx) => {
    const rows = await tx
      .select({ id: knowledgeDocuments.id, content: knowledgeDocuments.content })
      .from(knowledgeDocuments)
      .where(eq(knowledgeDocuments.tenantId, tenantId));
    for (const row of rows)
      await patchDocumentMetadata(tx, row.id, { status: 'processing' }, ['error']);
    return rows;
  });

  const prepared: Array<{ id: string; chunks: TextChunk[]; vectors: number[][] }> = [];
  const failed: ReindexTenantResult['failed'] = [];
  let tokens = 0;
  for (const document of documents) {
    const chunks = chunkText(document.content, chunking);
    if (chunks.length === 0) {
      failed.push({ documentId: document.id, error: 'The document has no text to index.' });
      continue;
    }
    const vectors: number[][] = [];
    for (let i = 0; i < chunks.length; i += batchSize) {
      const result = await embedder.embed(
        chunks.slice(i, i + batchSize).map((c) => c.content),
        'document',
      );
      vectors.push(...result.vectors);
      tokens += result.tokens;
    }
    prepared.push({ id: document.id, chunks, vectors });
    await db.withTenant(tenantId, (tx) =>
      patchDocumentMetadata(tx, document.id, {
        progress: { done: chunks.length, total: chunks.length },
      }),
    );
  }

  await db.withTenant(tenantId, async (tx) => {
    await tx.delete(knowledgeChunks).where(eq(knowledgeChunks.tenantId, tenantId));
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
    await recordUsage(tx, {
      tenantId,
      provider: embedder.provider,
      model: embedder.modelId,
      tokens,
      operation: 'ingestion',
    });
  });

  return {
    embeddingModel: embedder.model,
    documents: prepared.length,
    chunks: prepared.reduce((sum, d) => sum + d.chunks.length, 0),
    embeddingTokens: tokens,
    failed,
  };
}
