import { messages, type Database } from '@platform/db';
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import { readAiEnv } from '../env';

export const ABANDONED_ANSWER_REASON =
  'The answer was cut off: the server stopped while answering.';

/** Beyond the whole-answer deadline: time for the turn's own failure write to land. */
const GRACE_MS = 30_000;

/**
 * Marks `failed` the assistant messages a stopped process left `streaming` (a crash or a kill
 * between the message's insert and its final write). A live turn ends within LLM_TIMEOUT_MS (it
 * stores `failed` itself on timeout), so a message still `streaming` past that deadline plus a
 * grace has no process left to finish it, whichever process wrote it. Run at start-up (all
 * history) and periodically (`lookBackMs`); returns how many messages it marked.
 */
export async function failAbandonedAnswers(
  db: Database,
  options: {
    now?: Date;
    olderThanMs?: number;
    /** Only messages this recent (the periodic sweep: no full scan of history every minute). */
    lookBackMs?: number;
  } = {},
): Promise<number> {
  const olderThanMs = options.olderThanMs ?? readAiEnv().LLM_TIMEOUT_MS + GRACE_MS;
  const now = (options.now ?? new Date()).getTime();
  const cutoff = new Date(now - olderThanMs);
  const since = options.lookBackMs === undefined ? undefined : new Date(now - options.lookBackMs);
  const patch = JSON.stringify({ status: 'failed', failureReason: ABANDONED_ANSWER_REASON });
  const marked = await db.asSystem('recovery', (tx) =>
    tx
      .update(messages)
      .set({ metadata: sql`coalesce(${messages.metadata}, '{}'::jsonb) || ${patch}::jsonb` })
      .where(
        and(
          eq(messages.role, 'assistant'),
          sql`${messages.metadata}->>'status' = 'streaming'`,
          lt(messages.timestamp, cutoff),
          since ? gte(messages.timestamp, since) : undefined,
        ),
      )
      .returning({ id: messages.id }),
  );
  return marked.length;
}
