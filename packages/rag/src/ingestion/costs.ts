import { recordCostEvent, type CostEventInput, type RecordedCost } from '@platform/costs';
import type { Tx } from '@platform/db';

/** Embedding tokens spent for a tenant. */
export interface EmbeddingUsage {
  tenantId: string;
  sessionId?: string;
  /** Embedding provider name (`local`, `openai`, `voyage`). */
  provider: string;
  /** Provider model id, e.g. `text-embedding-3-small`. */
  model: string;
  tokens: number;
  operation: 'ingestion' | 'query';
  documentId?: string;
  /** Added to the event's metadata (e.g. `source: 'playground'` for a dashboard test chat). */
  metadata?: Record<string, unknown>;
}

/**
 * Records embedding usage inside the caller's short write transaction; returns what it cost
 * when known (the budget reservation is settled with it).
 */
export type EmbeddingUsageRecorder = (
  tx: Tx,
  usage: EmbeddingUsage,
) => Promise<{ microUsd: bigint } | void>;

/** The price table names the offline embedder `local-use` (Universal Sentence Encoder): free, counted. */
const PRICE_PROVIDER: Record<string, string> = { local: 'local-use' };

/** The name an embedding provider's usage is priced under. */
export function priceProvider(provider: string): string {
  return PRICE_PROVIDER[provider] ?? provider;
}

/**
 * The default: an `embedding` cost event priced by @platform/costs (zero for the offline model,
 * with its token count). A model missing from the price table fails loudly, never as a silent zero.
 */
export async function recordEmbeddingCost(tx: Tx, usage: EmbeddingUsage): Promise<RecordedCost> {
  return recordCostEvent(tx, embeddingCostInput(usage));
}

/** The cost event recordEmbeddingCost writes, for callers recording several events at once. */
export function embeddingCostInput(usage: EmbeddingUsage): CostEventInput {
  return {
    tenantId: usage.tenantId,
    sessionId: usage.sessionId,
    service: 'embedding',
    provider: priceProvider(usage.provider),
    model: usage.model,
    units: { embeddingTokens: usage.tokens },
    metadata: {
      ...usage.metadata,
      operation: usage.operation,
      ...(usage.documentId ? { documentId: usage.documentId } : {}),
    },
  };
}
