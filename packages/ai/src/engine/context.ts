import {
  aiPersonalities,
  messages,
  sessions,
  widgets,
  type MessageMetadata,
  type Tx,
} from '@platform/db';
import { AppError, notFound } from '@platform/errors';
import { and, desc, eq } from 'drizzle-orm';
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
 * (explicit > the widget's > the tenant's default > built-in) and loads recent history.
 */
export async function loadTurnContext(
  tx: Tx,
  input: { sessionId: string; widgetId?: string; personalityId?: string },
  historyLimit: number,
): Promise<TurnContext> {
  const [session] = await tx
    .select({ widgetId: sessions.widgetId, endedAt: sessions.endedAt })
    .from(sessions)
    .where(eq(sessions.id, input.sessionId));
  if (!session) throw notFound('Conversation');
  if (input.widgetId && session.widgetId && session.widgetId !== input.widgetId)
    throw notFound('Conversation');
  if (session.endedAt)
    throw new AppError('CONFLICT', 'This conversation has ended. Start a new one.');

  let personalityId = input.personalityId;
  const widgetId = input.widgetId ?? session.widgetId;
  if (!personalityId && widgetId) {
    const [widget] = await tx
      .select({ settings: widgets.settings })
      .from(widgets)
      .where(eq(widgets.id, widgetId));
    personalityId = widget?.settings?.personalityId;
  }
  const [row] = personalityId
    ? await tx
        .select()
        .from(aiPersonalities)
        .where(and(eq(aiPersonalities.id, personalityId), eq(aiPersonalities.isActive, true)))
    : await tx
        .select()
        .from(aiPersonalities)
        .where(and(eq(aiPersonalities.isDefault, true), eq(aiPersonalities.isActive, true)));
  if (input.personalityId && !row) throw notFound('Personality');

  const recent = historyLimit
    ? await tx
        .select({ role: messages.role, content: messages.content, metadata: messages.metadata })
        .from(messages)
        .where(eq(messages.sessionId, input.sessionId))
        .orderBy(desc(messages.timestamp), desc(messages.id))
        .limit(historyLimit)
    : [];
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
