import type { Tx } from '@platform/db';

/** Embedding tokens spent for a tenant, handed to whoever prices and records them. */
export interface EmbeddingUsage {
  tenantId: string;
  sessionId?: string;
  provider: string;
  /** Provider model id, e.g. `text-embedding-3-small`. */
  model: string;
  tokens: number;
  operation: 'ingestion' | 'query';
  documentId?: string;
}

/**
 * Records embedding usage inside the caller's short write transaction. Injected (not imported)
 * so packages/rag does not depend on packages/costs; the API and the chat engine wire the real one.
 */
export type EmbeddingUsageRecorder = (tx: Tx, usage: EmbeddingUsage) => Promise<void>;
