import type { IngestionScheduler } from '@platform/api';

/**
 * The seam between the dashboard API and knowledge ingestion (@platform/rag). The API calls
 * `schedule(tenantId, documentId)` after a document is created, its content changed, or a
 * re-index requested, once that transaction has committed. Unset: documents wait as `pending`
 * until @platform/rag's `ingestPendingDocuments(db)` sweeps them. To ingest right away, e.g.:
 *
 *   export const ingestion: IngestionScheduler = {
 *     schedule: (tenantId, documentId) => void ingestDocument(db, tenantId, documentId),
 *   };
 */
export const ingestion: IngestionScheduler | undefined = undefined;
