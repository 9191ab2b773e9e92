import { knowledgeDocuments, type Database } from '@platform/db';
import { asc, sql } from 'drizzle-orm';
import { readRagEnv } from '../env';
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

/**
 * A `processing` document untouched this long was abandoned by a process that stopped. Ingestion
 * writes its progress after every embedding batch, so a live run touches the document far more
 * often: the lease only has to outlast one slow batch (a remote provider's timeout, retried).
 */
export function ingestionLeaseMs(embeddingTimeoutMs: number): number {
  return Math.max(2 * 60_000, 4 * embeddingTimeoutMs);
}

/**
 * Ingests every document still waiting, in every tenant: seeded documents, and any left behind by a
 * process that stopped mid-way (once its lease has lapsed). One document at a time. The system
 * path only lists ids; each document is then ingested under its own tenant with `ingestDocument`.
 * `tenantIds` limits the run to those tenants (tests on a shared database, where other files'
 * documents are not theirs to ingest).
 */
export async function ingestPendingDocuments(
  db: Database,
  deps: IngestionDeps & { limit?: number; leaseMs?: number; tenantIds?: string[] } = {},
): Promise<PendingIngestionSummary> {
  const resolved = resolveIngestionDeps(deps);
  const leaseMs = deps.leaseMs ?? ingestionLeaseMs(readRagEnv().EMBEDDING_TIMEOUT_MS);
  const pending = await db.asSystem('ingestion', (tx) =>
    tx
      .select({ id: knowledgeDocuments.id, tenantId: knowledgeDocuments.tenantId })
      .from(knowledgeDocuments)
      .where(
        sql`(coalesce(${knowledgeDocuments.metadata}->>'status', 'pending') = 'pending'
          or (${knowledgeDocuments.metadata}->>'status' = 'processing'
              and ${knowledgeDocuments.updatedAt} < now() - make_interval(secs => ${leaseMs / 1000})))
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
