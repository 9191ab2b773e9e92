import { DEMO_WIDGET_ID, seedDemo, sessions, type Database } from '@platform/db';
import { createLocalEmbeddingProvider, ingestPendingDocuments } from '@platform/rag';

export const embedder = createLocalEmbeddingProvider();

/** The demo tenant, widget, personality and knowledge, ingested with the offline model. */
export async function seedKnowledge(db: Database) {
  const seed = await seedDemo(db);
  const summary = await ingestPendingDocuments(db, { embedder, batchSize: 16 });
  if (summary.failed > 0) throw new Error('Demo ingestion failed');
  return seed;
}

export async function openSession(
  db: Database,
  tenantId: string,
  widgetId: string | null = DEMO_WIDGET_ID,
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
