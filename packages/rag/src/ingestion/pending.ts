import { knowledgeDocuments, type Database } from '@platform/db';
import { asc, sql } from 'drizzle-orm';
import {
  ingestDocument,
  resolveIngestionDeps,
  type IngestionDeps,
  type IngestResult,
} from './ingest';

export interface PendingIngestionSummary {
  results: IngestResult[];
  ready: number;
  failed: number;
}

/** A `processing` document untouched this long was abandoned by a process that stopped. */
const STALE_AFTER = '10 minutes';

/**
 * Ingests every document still waiting, in every tenant: seeded documents, and any left behind by a
 * process that stopped mid-way. The system path only lists ids; each document is then ingested
 * under its own tenant with `ingestDocument`. `tenantIds` limits the run to those tenants (tests on
 * a shared database, where other files' documents are not theirs to ingest).
 */
export async function ingestPendingDocuments(
  db: Database,
  deps: IngestionDeps & { limit?: number; tenantIds?: string[] } = {},
): Promise<PendingIngestionSummary> {
  const resolved = resolveIngestionDeps(deps);
  const pending = await db.asSystem('ingestion', (tx) =>
    tx
      .select({ id: knowledgeDocuments.id, tenantId: knowledgeDocuments.tenantId })
      .from(knowledgeDocuments)
      .where(
        sql`(coalesce(${knowledgeDocuments.metadata}->>'status', 'pending') = 'pending'
          or (${knowledgeDocuments.metadata}->>'status' = 'processing'
              and ${knowledgeDocuments.updatedAt} < now() - ${STALE_AFTER}::interval))
          ${deps.tenantIds?.length ? sql`and ${knowledgeDocuments.tenantId} in ${deps.tenantIds}` : sql``}`,
      )
      .orderBy(asc(knowledgeDocuments.createdAt))
      .limit(deps.limit ?? 1000),
  );
  const results: IngestResult[] = [];
  for (const doc of pending) results.push(await ingestDocument(db, doc.tenantId, doc.id, resolved));
  return {
    results,
    ready: results.filter((r) => r.status === 'ready').length,
    failed: results.filter((r) => r.status === 'failed').length,
  };
}
