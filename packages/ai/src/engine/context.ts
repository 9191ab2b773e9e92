import {
  aiPersonalities,
  messages,
  sessions,
  tenantOf,
  widgets,
  type MessageMetadata,
  type Tx,
} from '@platform/db';
import { AppError, notFound } from '@platform/errors';
import { and, desc, eq, or, sql } from 'drizzle-orm';
import type { HistoryMessage } from './prompt';

/** Sampling settings and prompt of the personality answering a turn. */
export interface TurnPersonality {
  id: string | null;
  name: string;
  systemPrompt: string;
  temperature: number;
  topP: number;
  frequencyPenalty: number;
  presencePenalty: number;
  maxTokens: number | null;
  preferredModel: string | null;
}

/** Used when a tenant has no active default personality. */
export const FALLBACK_PERSONALITY: TurnPersonality = {
  id: null,
  name: 'Default assistant',
  systemPrompt: 'You are a helpful, friendly assistant. Be concise.',
  temperature: 0.7,
  topP: 1,
  frequencyPenalty: 0,
  presencePenalty: 0,
  maxTokens: null,
  preferredModel: null,
};

export interface TurnContext {
  personality: TurnPersonality;
  history: HistoryMessage[];
}

/**
 * Checks the session (this tenant's, still open, of this widget), picks the personality
 * (explicit > the widget's > the tenant's default > built-in) and loads recent history. Three
 * statements sent together (one round trip): the session with its widget's personality id, the
 * candidate personalities, and the history; nothing is written, so a refused session costs only
 * the reads.
 */
export async function loadTurnContext(
  tx: Tx,
  input: { sessionId: string; widgetId?: string; personalityId?: string },
  historyLimit: number,
): Promise<TurnContext> {
  // Every table named with the tenant too: RLS limits it anyway; on Citus it routes the
  // statement (subqueries included) to the tenant's shard.
  const tenantId = tenantOf(tx);
  // The widget's personality, as text: settings are JSON and may name anything.
  const widgetPersonalityId = sql<string | null>`(select ${widgets.settings}->>'personalityId'
    from ${widgets}
    where ${widgets.tenantId} = ${tenantId}
      and ${widgets.id} = coalesce(${input.widgetId ?? null}::uuid, ${sessions.widgetId}))`;
  const sessionRead = tx
    .select({
      widgetId: sessions.widgetId,
      endedAt: sessions.endedAt,
      widgetPersonalityId,
    })
    .from(sessions)
    .where(and(eq(sessions.tenantId, tenantId), eq(sessions.id, input.sessionId)));
  const candidatesRead = input.personalityId
    ? tx
        .select()
        .from(aiPersonalities)
        .where(
          and(
            eq(aiPersonalities.tenantId, tenantId),
            eq(aiPersonalities.id, input.personalityId),
            eq(aiPersonalities.isActive, true),
          ),
        )
    : tx
        .select()
        .from(aiPersonalities)
        .where(
          and(
            eq(aiPersonalities.tenantId, tenantId),
            eq(aiPersonalities.isActive, true),
            or(
              eq(aiPersonalities.isDefault, true),
              sql`${aiPersonalities.id}::text = (select ${widgets.settings}->>'personalityId'
                from ${widgets}
                where ${widgets.tenantId} = ${tenantId}
                  and ${widgets.id} = coalesce(${input.widgetId ?? null}::uuid,
                    (select ${sessions.widgetId} from ${sessions}
                     where ${sessions.tenantId} = ${tenantId} and ${sessions.id} = ${input.sessionId})))`,
            ),
          ),
        );
  const historyRead = historyLimit
    ? tx
        .select({ role: messages.role, content: messages.content, metadata: messages.metadata })
        .from(messages)
        .where(and(eq(messages.tenantId, tenantId), eq(messages.sessionId, input.sessionId)))
        .orderBy(desc(messages.timestamp), desc(messages.id))
        .limit(historyLimit)
    : Promise.resolve([]);
  const [[session], candidates, recent] = await Promise.all([
    sessionRead,
    candidatesRead,
    historyRead,
  ]);

  if (!session) throw notFound('Conversation');
  if (input.widgetId && session.widgetId && session.widgetId !== input.widgetId)
    throw notFound('Conversation');
  if (session.endedAt)
    throw new AppError('CONFLICT', 'This conversation has ended. Start a new one.');

  const named = input.personalityId ?? session.widgetPersonalityId ?? undefined;
  const row = named ? candidates.find((c) => c.id === named) : candidates.find((c) => c.isDefault);
  if (input.personalityId && !row) throw notFound('Personality');

  const history = recent
    .reverse()
    .filter((m) => m.role !== 'system' && !isUnfinished(m.metadata))
    .map((m) => ({ role: m.role as 'user' | 'assistant', content: m.content }));

  return { personality: row ? toPersonality(row) : FALLBACK_PERSONALITY, history };
}

/** Failed or interrupted answers are not shown to the model as if they had been said. */
function isUnfinished(metadata: MessageMetadata | null): boolean {
  return metadata?.status === 'failed' || metadata?.status === 'streaming';
}

/** A stored personality as the engine uses it (decimals to numbers, neutral defaults). */
export function toPersonality(row: typeof aiPersonalities.$inferSelect): TurnPersonality {
  return {
    id: row.id,
    name: row.name,
    systemPrompt: row.systemPrompt,
    temperature: Number(row.temperature),
    topP: Number(row.topP ?? 1),
    frequencyPenalty: Number(row.frequencyPenalty ?? 0),
    presencePenalty: Number(row.presencePenalty ?? 0),
    maxTokens: row.maxTokens ?? null,
    preferredModel: row.preferredModel ?? null,
  };
}
