import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { CostService, Tx } from '@platform/db';
import { costEvents } from '@platform/db';
import { checkLimit, decodeCursor, encodeCursor } from '../shared/cursor';
import { isoUtc } from '../shared/sql';

export interface ListCostEventsInput {
  limit: number;
  cursor?: string;
  service?: CostService;
  sessionId?: string;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
}

export interface CostEventItem {
  id: string;
  sessionId: string | null;
  service: CostService;
  provider: string | null;
  model: string | null;
  /** What the call was for: `chat`, `query`, `ingestion`... */
  operation: string | null;
  /** `playground` for the dashboard's test chat. */
  source: string | null;
  tokensUsed: number | null;
  /** Exact decimal USD, 6 places. */
  costUsd: string;
  units: Record<string, number> | null;
  timestamp: Date;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** The caller's tenant's events, newest first, keyset-paginated. */
export async function listCostEvents(
  tx: Tx,
  input: ListCostEventsInput,
): Promise<Page<CostEventItem>> {
  const limit = checkLimit(input.limit);
  const filters: (SQL | undefined)[] = [
    input.service ? eq(costEvents.service, input.service) : undefined,
    input.sessionId ? eq(costEvents.sessionId, input.sessionId) : undefined,
    input.from ? gte(costEvents.timestamp, input.from) : undefined,
    input.to ? lt(costEvents.timestamp, input.to) : undefined,
  ];
  if (input.cursor) {
    const key = decodeCursor(input.cursor);
    filters.push(
      sql`(${costEvents.timestamp}, ${costEvents.id}) < (${key.at}::timestamptz, ${key.id}::uuid)`,
    );
  }
  const rows = await tx
    .select({
      id: costEvents.id,
      sessionId: costEvents.sessionId,
      service: costEvents.service,
      provider: costEvents.provider,
      tokensUsed: costEvents.tokensUsed,
      costUsd: costEvents.costUsd,
      metadata: costEvents.metadata,
      timestamp: costEvents.timestamp,
      at: isoUtc(costEvents.timestamp),
    })
    .from(costEvents)
    .where(and(...filters))
    .orderBy(desc(costEvents.timestamp), desc(costEvents.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      sessionId: r.sessionId,
      service: r.service,
      provider: r.provider,
      model: typeof r.metadata?.model === 'string' ? r.metadata.model : null,
      operation: typeof r.metadata?.operation === 'string' ? r.metadata.operation : null,
      source: typeof r.metadata?.source === 'string' ? r.metadata.source : null,
      tokensUsed: r.tokensUsed,
      costUsd: r.costUsd,
      units: r.metadata?.units ?? null,
      timestamp: r.timestamp,
    })),
    nextCursor:
      rows.length > limit && last ? encodeCursor({ at: last.at, id: last.id }) : undefined,
  };
}
