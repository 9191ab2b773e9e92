import { knowledgeDocuments, type DocumentMetadata, type Tx } from '@platform/db';
import { eq, sql, type SQL } from 'drizzle-orm';

/**
 * Merges `patch` into a document's metadata (and drops `remove` keys) in the database, so fields
 * other writers own (tags, source, url) are never overwritten with a stale copy.
 */
export async function patchDocumentMetadata(
  tx: Tx,
  documentId: string,
  patch: DocumentMetadata,
  remove: Array<keyof DocumentMetadata> = [],
): Promise<void> {
  let base: SQL = sql`coalesce(${knowledgeDocuments.metadata}, '{}'::jsonb)`;
  for (const key of remove) base = sql`(${base} - ${key}::text)`;
  await tx
    .update(knowledgeDocuments)
    .set({ metadata: sql`${base} || ${JSON.stringify(patch)}::jsonb` })
    .where(eq(knowledgeDocuments.id, documentId));
}
