import { and, eq, isNull } from 'drizzle-orm';
import {
  handoffs,
  inboxTopic,
  messages,
  sessionTopic,
  signalChange,
  tenantOf,
  users,
} from '@platform/db';
import type { Tx } from '@platform/db';

/**
 * A conversation's handoff state, read from its open `handoffs` row (see schema/handoff.ts):
 * `assistant` (none), `waiting` for a person, or `held` by one. Shared by the widget API (the
 * visitor's side) and the inbox router (the team's side).
 */
export type HandoffState = 'assistant' | 'waiting' | 'held';

export interface OpenHandoff {
  id: string;
  state: Exclude<HandoffState, 'assistant'>;
  requestedAt: Date;
  claimedAt: Date | null;
  holder: { id: string; name: string } | null;
}

/** The session's open handoff, or null when the assistant has it. Runs under the tenant's RLS. */
export async function readOpenHandoff(tx: Tx, sessionId: string): Promise<OpenHandoff | null> {
  const [row] = await tx
    .select({
      id: handoffs.id,
      requestedAt: handoffs.requestedAt,
      claimedAt: handoffs.claimedAt,
      claimedBy: handoffs.claimedBy,
      holderName: users.name,
      holderEmail: users.email,
    })
    .from(handoffs)
    .leftJoin(users, eq(users.id, handoffs.claimedBy))
    .where(
      and(
        eq(handoffs.tenantId, tenantOf(tx)),
        eq(handoffs.sessionId, sessionId),
        isNull(handoffs.releasedAt),
      ),
    );
  if (!row) return null;
  return {
    id: row.id,
    state: row.claimedBy ? 'held' : 'waiting',
    requestedAt: row.requestedAt,
    claimedAt: row.claimedAt,
    holder: row.claimedBy
      ? { id: row.claimedBy, name: displayName(row.holderName, row.holderEmail) }
      : null,
  };
}

/** What the visitor and other members see for a member: their name, else their email's local part. */
export function displayName(name: string | null, email: string | null): string {
  return name?.trim() || email?.split('@')[0] || 'A former team member';
}

/**
 * The visitor asks for a person. Opens a handoff unless one is open (then nothing changes: asking
 * twice does not lose the place in the queue) and wakes the inbox. Returns the state after.
 */
export async function requestHandoff(
  tx: Tx,
  input: {
    tenantId: string;
    sessionId: string;
    widgetId: string | null;
    reason: 'visitor' | 'offer';
  },
): Promise<OpenHandoff> {
  await tx
    .insert(handoffs)
    .values({
      tenantId: input.tenantId,
      sessionId: input.sessionId,
      widgetId: input.widgetId,
      reason: input.reason,
    })
    .onConflictDoNothing();
  await signalChange(tx, [inboxTopic(input.tenantId), sessionTopic(input.sessionId)]);
  return (await readOpenHandoff(tx, input.sessionId))!;
}

/**
 * The gate in the visitor's turn: while a person is asked for or holds the conversation, the
 * visitor's message is stored and delivered to the team, and no AI is called. Returns the stored
 * message id, or null when the assistant should answer as usual.
 */
export async function storeIfWithPerson(
  tx: Tx,
  input: { tenantId: string; sessionId: string; content: string },
  /** The open handoff when the caller has just read it in this transaction. */
  openHandoff?: OpenHandoff | null,
): Promise<{ messageId: string; handoff: OpenHandoff } | null> {
  const handoff =
    openHandoff === undefined ? await readOpenHandoff(tx, input.sessionId) : openHandoff;
  if (!handoff) return null;
  const messageId = await storeVisitorMessage(tx, input);
  await signalChange(tx, [inboxTopic(input.tenantId), sessionTopic(input.sessionId)]);
  return { messageId, handoff };
}

/** A visitor message stored without an AI turn (the engine stores its own otherwise). */
export async function storeVisitorMessage(
  tx: Tx,
  input: { tenantId: string; sessionId: string; content: string },
): Promise<string> {
  const [row] = await tx
    .insert(messages)
    .values({
      tenantId: input.tenantId,
      sessionId: input.sessionId,
      role: 'user',
      content: input.content,
      metadata: {},
    })
    .returning({ id: messages.id });
  return row!.id;
}
