import { priceUsage, reserveBudget, type Reservation } from '@platform/costs';
import type { Database } from '@platform/db';
import type { TextChunk } from '../chunking';
import type { EmbeddingProvider } from '../embeddings';
import { priceProvider } from './costs';

/** Provider tokenizers differ from ours; reserving a margin keeps the estimate an upper bound. */
const TOKEN_MARGIN = 1.25;
/** A large document on a paid API can take minutes; the money stays held that long at most. */
const RESERVATION_TTL_SECONDS = 30 * 60;

/**
 * Reserves what embedding these chunks will cost before any call is made, under the tenant's
 * budget lock (see reserveBudget): a tenant at its spending cap gets BUDGET_EXCEEDED and spends
 * nothing, and a model missing from the price table is refused before it is called.
 */
export async function reserveEmbeddingBudget(
  db: Database,
  tenantId: string,
  embedder: EmbeddingProvider,
  chunks: readonly TextChunk[],
): Promise<{ reservation: Reservation; estimateMicroUsd: bigint }> {
  const tokens = Math.ceil(chunks.reduce((sum, c) => sum + c.tokenCount, 0) * TOKEN_MARGIN);
  const { microUsd } = priceUsage({
    provider: priceProvider(embedder.provider),
    model: embedder.modelId,
    usage: { embeddingTokens: tokens },
    at: new Date(),
  });
  const reservation = await reserveBudget(db, tenantId, microUsd, {
    ttlSeconds: RESERVATION_TTL_SECONDS,
  });
  return { reservation, estimateMicroUsd: microUsd };
}
