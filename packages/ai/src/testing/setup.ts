import { seedDemo, sessions, type Database } from '@platform/db';
import { uniqueDemo } from '@platform/db/testing';
import { createLocalEmbeddingProvider, ingestPendingDocuments } from '@platform/rag';

export const embedder = createLocalEmbeddingProvider();

/**
 * The demo content (widget, personality, knowledge, ingested with the offline model) under a
 * tenant of this test file's own, so files sharing a database never meet.
 */
export async function seedKnowledge(db: Database) {
  const seed = await seedDemo(db, uniqueDemo());
  const summary = await ingestPendingDocuments(db, {
    embedder,
    batchSize: 16,
    tenantIds: [seed.tenantId],
  });
  if (summary.failed > 0) throw new Error('Demo ingestion failed');
  return seed;
}

export async function openSession(
  db: Database,
  tenantId: string,
  widgetId: string | null,
): Promise<string> {
  const [row] = await db.withTenant(tenantId, (tx) =>
    tx.insert(sessions).values({ tenantId, widgetId }).returning({ id: sessions.id }),
  );
  return row!.id;
}

export async function collect<T>(events: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const event of events) out.push(event);
  return out;
}
