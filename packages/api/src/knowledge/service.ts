import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { deleteChunks, knowledgeChunks, knowledgeDocuments, tenantOf } from '@platform/db';
import type { DocumentMetadata, Tx } from '@platform/db';
import { AppError, notFound } from '@platform/errors';
import { afterCursor, cursorColumn, toPage } from '../lib/pagination';
import type {
  createDocumentInput,
  listChunksInput,
  listDocumentsInput,
  updateDocumentInput,
} from './schema';

const summaryColumns = {
  id: knowledgeDocuments.id,
  title: knowledgeDocuments.title,
  category: knowledgeDocuments.category,
  metadata: knowledgeDocuments.metadata,
  createdAt: knowledgeDocuments.createdAt,
  updatedAt: knowledgeDocuments.updatedAt,
  contentLength: sql<number>`char_length(${knowledgeDocuments.content})`.mapWith(Number),
};

/**
 * Chunk counts for a page of documents in one grouped query. (Not a correlated sql`` subquery:
 * drizzle renders a single-table select's columns unqualified, so the outer id would silently
 * resolve to the subquery's own table.)
 */
async function withChunkCounts<T extends { id: string }>(
  tx: Tx,
  docs: T[],
): Promise<Array<T & { chunkCount: number }>> {
  if (docs.length === 0) return [];
  const counts = await tx
    .select({ documentId: knowledgeChunks.documentId, n: count() })
    .from(knowledgeChunks)
    .where(
      inArray(
        knowledgeChunks.documentId,
        docs.map((d) => d.id),
      ),
    )
    .groupBy(knowledgeChunks.documentId);
  const byId = new Map(counts.map((c) => [c.documentId, c.n]));
  return docs.map((d) => ({ ...d, chunkCount: byId.get(d.id) ?? 0 }));
}

const documentColumns = { ...summaryColumns, content: knowledgeDocuments.content };

export async function listDocuments(tx: Tx, input: z.output<typeof listDocumentsInput>) {
  const rows = await tx
    .select({
      ...summaryColumns,
      cursor: cursorColumn(knowledgeDocuments.createdAt, knowledgeDocuments.id),
    })
    .from(knowledgeDocuments)
    .where(
      and(
        input.category ? eq(knowledgeDocuments.category, input.category) : undefined,
        afterCursor(knowledgeDocuments.createdAt, knowledgeDocuments.id, input.cursor),
      ),
    )
    .orderBy(desc(knowledgeDocuments.createdAt), desc(knowledgeDocuments.id))
    .limit(input.limit + 1);
  const page = toPage(rows, input.limit);
  return { items: await withChunkCounts(tx, page.items), nextCursor: page.nextCursor };
}

export async function getDocument(tx: Tx, id: string) {
  const [doc] = await tx
    .select(documentColumns)
    .from(knowledgeDocuments)
    .where(eq(knowledgeDocuments.id, id));
  if (!doc) throw notFound('Document');
  const [withCount] = await withChunkCounts(tx, [doc]);
  return withCount!;
}

/** New documents wait as `pending`; the ingestion seam (ctx.ingestion) picks them up after commit. */
export async function createDocument(
  tx: Tx,
  tenantId: string,
  input: z.output<typeof createDocumentInput>,
) {
  const [row] = await tx
    .insert(knowledgeDocuments)
    .values({
      tenantId,
      title: input.title,
      content: input.content,
      category: input.category ?? null,
      metadata: { ...input.metadata, status: 'pending' },
    })
    .returning({ id: knowledgeDocuments.id });
  return getDocument(tx, row!.id);
}

/**
 * Changing the content makes the chunks stale: they are deleted and the document goes back to
 * `pending`, so answers never quote text the document no longer has. Returns whether to re-ingest.
 */
export async function updateDocument(tx: Tx, input: z.output<typeof updateDocumentInput>) {
  const [current] = await tx
    .select({ content: knowledgeDocuments.content, metadata: knowledgeDocuments.metadata })
    .from(knowledgeDocuments)
    // Naming the tenant lets Citus route the lock to one shard (it refuses a fan-out FOR UPDATE).
    .where(and(eq(knowledgeDocuments.tenantId, tenantOf(tx)), eq(knowledgeDocuments.id, input.id)))
    .for('update');
  if (!current) throw notFound('Document');
  const contentChanged = input.content !== undefined && input.content !== current.content;
  let metadata: DocumentMetadata | undefined;
  if (input.metadata || contentChanged) {
    metadata = { ...(current.metadata ?? {}), ...(input.metadata ?? {}) };
    if (contentChanged) {
      metadata = { ...metadata, status: 'pending', chunkCount: 0 };
      delete metadata.error;
      delete metadata.progress;
    }
  }
  if (contentChanged) await deleteChunks(tx, tenantOf(tx), { documentIds: [input.id] });
  await tx
    .update(knowledgeDocuments)
    .set({
      title: input.title,
      content: input.content,
      category: input.category,
      metadata,
      ...(contentChanged ? { embedding: null } : {}),
    })
    .where(eq(knowledgeDocuments.id, input.id));
  return { document: await getDocument(tx, input.id), reingest: contentChanged };
}

/** Marks the document pending again; the seam re-ingests it (replacing its chunks). */
export async function markForReindex(tx: Tx, id: string) {
  // Merged in SQL, so keys an ingestion run writes meanwhile are not overwritten with a stale copy.
  const [row] = await tx
    .update(knowledgeDocuments)
    .set({
      metadata: sql`(coalesce(${knowledgeDocuments.metadata}, '{}'::jsonb) - 'error' - 'progress') || '{"status":"pending"}'::jsonb`,
    })
    .where(eq(knowledgeDocuments.id, id))
    .returning({ id: knowledgeDocuments.id });
  if (!row) throw notFound('Document');
  return getDocument(tx, id);
}

export async function deleteDocument(tx: Tx, id: string) {
  // Chunks first, counted out of the BM25 statistics (ON DELETE CASCADE would skip that).
  const tenantId = tenantOf(tx);
  await deleteChunks(tx, tenantId, { documentIds: [id] });
  const [removed] = await tx
    .delete(knowledgeDocuments)
    .where(and(eq(knowledgeDocuments.tenantId, tenantId), eq(knowledgeDocuments.id, id)))
    .returning({ id: knowledgeDocuments.id });
  if (!removed) throw notFound('Document');
  return removed;
}

export async function listChunks(tx: Tx, input: z.output<typeof listChunksInput>) {
  await getDocument(tx, input.documentId); // NOT_FOUND for another tenant's document
  // Keyset on (position, id): positions are unique per document in practice, but nothing enforces it.
  let after: SQL | undefined;
  if (input.cursor !== undefined) {
    const match = /^(\d{1,9}):([0-9a-f-]{36})$/.exec(input.cursor);
    if (!match)
      throw new AppError('BAD_INPUT', 'This cursor is not valid.', {
        details: { field: 'cursor' },
      });
    after = sql`(${knowledgeChunks.position}, ${knowledgeChunks.id}) > (${Number(match[1])}, ${match[2]}::uuid)`;
  }
  const rows = await tx
    .select({
      id: knowledgeChunks.id,
      documentId: knowledgeChunks.documentId,
      position: knowledgeChunks.position,
      content: knowledgeChunks.content,
      metadata: knowledgeChunks.metadata,
    })
    .from(knowledgeChunks)
    .where(and(eq(knowledgeChunks.documentId, input.documentId), after))
    .orderBy(asc(knowledgeChunks.position), asc(knowledgeChunks.id))
    .limit(input.limit + 1);
  const more = rows.length > input.limit;
  const items = more ? rows.slice(0, input.limit) : rows;
  const last = items.at(-1);
  return { items, nextCursor: more && last ? `${last.position}:${last.id}` : null };
}
