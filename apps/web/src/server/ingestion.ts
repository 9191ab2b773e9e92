import type { IngestionScheduler } from '@platform/api';
import { scheduleIngestion } from './jobs';

/**
 * The seam between the dashboard API and knowledge ingestion (@platform/rag): the API calls
 * `schedule(tenantId, documentId)` once the transaction that created or changed the document has
 * committed. The background queue (./jobs.ts) ingests it; its periodic sweep catches documents a
 * stopped process left `pending`.
 */
export const ingestion: IngestionScheduler = { schedule: scheduleIngestion };
