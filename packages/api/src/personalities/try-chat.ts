import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { FALLBACK_PERSONALITY, runTryTurn, toPersonality } from '@platform/ai';
import type { TurnPersonality } from '@platform/ai';
import { aiPersonalities } from '@platform/db';
import type { Database } from '@platform/db';
import { AppError, isAppError, notFound } from '@platform/errors';
import type { TenantActor } from '../trpc';
import type { tryChatInput } from './schema';

/** What admins read when the hard cap stops a test chat (visitors get a vaguer message). */
export const TRY_CHAT_OVER_BUDGET =
  'Your workspace has reached its monthly spending limit, so test chats are paused too. Raise the limit in Settings, or wait for next month.';

/**
 * Runs one test-chat turn with @platform/ai's engine (runTryTurn) against the tenant's knowledge.
 *
 * Recording: no conversation (session) and no messages are stored, so test chats never appear in
 * Conversations. The AI calls are metered like any other: `llm` and `embedding` cost events with
 * no session and `metadata.source = 'playground'` (plus the user and personality), counted in
 * month-to-date spend and checked against the hard cap before the model is called.
 *
 * No transaction is held: the personality is read in a short one, then the engine opens its own.
 */
export async function tryChat(
  db: Database,
  actor: TenantActor,
  input: z.output<typeof tryChatInput>,
) {
  const saved = input.personalityId
    ? await db.withTenant(actor.tenantId, async (tx) => {
        const [row] = await tx
          .select()
          .from(aiPersonalities)
          .where(eq(aiPersonalities.id, input.personalityId!));
        if (!row) throw notFound('Personality');
        return toPersonality(row);
      })
    : FALLBACK_PERSONALITY;
  const draft = input.draft ?? {};
  const personality: TurnPersonality = {
    ...saved,
    ...(draft.systemPrompt !== undefined ? { systemPrompt: draft.systemPrompt } : {}),
    ...(draft.temperature !== undefined ? { temperature: draft.temperature } : {}),
    ...(draft.maxTokens !== undefined ? { maxTokens: draft.maxTokens } : {}),
    // Cleared fields fall back to the neutral value, as they would once saved.
    ...(draft.topP !== undefined ? { topP: draft.topP ?? 1 } : {}),
    ...(draft.frequencyPenalty !== undefined
      ? { frequencyPenalty: draft.frequencyPenalty ?? 0 }
      : {}),
    ...(draft.presencePenalty !== undefined ? { presencePenalty: draft.presencePenalty ?? 0 } : {}),
    ...(draft.preferredModel !== undefined ? { preferredModel: draft.preferredModel } : {}),
  };
  try {
    const result = await runTryTurn(
      { db },
      {
        tenantId: actor.tenantId,
        personality,
        content: input.message,
        history: input.history,
        costMetadata: {
          source: 'playground',
          userId: actor.userId,
          ...(input.personalityId ? { personalityId: input.personalityId } : {}),
        },
      },
    );
    return { ...result, personalityId: input.personalityId ?? null };
  } catch (error) {
    if (isAppError(error) && error.code === 'BUDGET_EXCEEDED') {
      throw new AppError('BUDGET_EXCEEDED', TRY_CHAT_OVER_BUDGET, {
        cause: error,
        details: error.details,
      });
    }
    throw error;
  }
}
