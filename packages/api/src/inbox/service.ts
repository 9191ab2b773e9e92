import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  conversationNotes,
  handoffs,
  inboxTopic,
  messages,
  sessionTopic,
  sessions,
  signalChange,
  tenantOf,
  tenants,
  users,
  widgets,
} from '@platform/db';
import type { MessageMetadata, Tx, UserRole } from '@platform/db';
import { AppError, notFound } from '@platform/errors';
import { displayName, readOpenHandoff } from '../handoff/state';
import type { OpenHandoff } from '../handoff/state';
import { hasRole } from '../trpc';
import type { listInboxInput } from './schema';

export interface InboxActor {
  tenantId: string;
  userId: string;
  role: UserRole;
}

/**
 * The team's side of a handoff. Every function runs in the caller's tenant transaction (RLS);
 * a session of another tenant is simply not found. Changes wake the visitor's widget and every
 * open inbox (signalChange, sent at commit).
 */

/** Open handoffs: waiting ones first, oldest first (the queue), then those held, oldest claim first. */
export async function listInbox(tx: Tx, input: z.output<typeof listInboxInput>) {
  const rows = await tx
    .select({
      sessionId: handoffs.sessionId,
      requestedAt: handoffs.requestedAt,
      claimedAt: handoffs.claimedAt,
      claimedBy: handoffs.claimedBy,
      holderName: users.name,
      holderEmail: users.email,
      widgetName: widgets.name,
    })
    .from(handoffs)
    .leftJoin(users, eq(users.id, handoffs.claimedBy))
    .leftJoin(
      widgets,
      and(eq(widgets.tenantId, handoffs.tenantId), eq(widgets.id, handoffs.widgetId)),
    )
    .where(and(eq(handoffs.tenantId, tenantOf(tx)), isNull(handoffs.releasedAt)))
    .orderBy(
      sql`${handoffs.claimedBy} is not null`,
      asc(sql`coalesce(${handoffs.claimedAt}, ${handoffs.requestedAt})`),
      asc(handoffs.id),
    )
    .limit(input.limit);
  const last = await lastVisitorMessages(
    tx,
    rows.map((r) => r.sessionId),
  );
  return {
    items: rows.map((r) => ({
      sessionId: r.sessionId,
      state: r.claimedBy ? ('held' as const) : ('waiting' as const),
      waitingSince: r.requestedAt,
      claimedAt: r.claimedAt,
      holder: r.claimedBy
        ? { id: r.claimedBy, name: displayName(r.holderName, r.holderEmail) }
        : null,
      widgetName: r.widgetName,
      lastVisitorMessage: last.get(r.sessionId) ?? null,
    })),
  };
}

/** The latest visitor message of each session, for the inbox's one-line preview. */
async function lastVisitorMessages(tx: Tx, sessionIds: string[]) {
  if (sessionIds.length === 0) return new Map<string, { content: string; at: Date }>();
  const rows = await tx
    .selectDistinctOn([messages.sessionId], {
      sessionId: messages.sessionId,
      content: messages.content,
      at: messages.timestamp,
    })
    .from(messages)
    .where(
      and(
        eq(messages.tenantId, tenantOf(tx)),
        inArray(messages.sessionId, sessionIds),
        eq(messages.role, 'user'),
      ),
    )
    .orderBy(messages.sessionId, desc(messages.timestamp));
  return new Map(rows.map((r) => [r.sessionId, { content: r.content.slice(0, 200), at: r.at }]));
}

/** The conversation view: its state, every message (the person's marked) and the internal notes. */
export async function getConversation(tx: Tx, sessionId: string) {
  const session = await requireSession(tx, sessionId);
  const handoff = await readOpenHandoff(tx, sessionId);
  const transcript = await tx
    .select({
      id: messages.id,
      authorKind: messages.authorKind,
      content: messages.content,
      metadata: messages.metadata,
      at: messages.timestamp,
    })
    .from(messages)
    .where(and(eq(messages.tenantId, tenantOf(tx)), eq(messages.sessionId, sessionId)))
    .orderBy(asc(messages.timestamp), asc(messages.id))
    .limit(1000);
  const notes = await tx
    .select({
      id: conversationNotes.id,
      content: conversationNotes.content,
      at: conversationNotes.createdAt,
      authorName: users.name,
      authorEmail: users.email,
    })
    .from(conversationNotes)
    .leftJoin(users, eq(users.id, conversationNotes.authorId))
    .where(
      and(eq(conversationNotes.tenantId, tenantOf(tx)), eq(conversationNotes.sessionId, sessionId)),
    )
    .orderBy(asc(conversationNotes.createdAt), asc(conversationNotes.id));
  return {
    sessionId,
    widgetName: session.widgetName,
    startedAt: session.createdAt,
    state: handoff?.state ?? ('assistant' as const),
    waitingSince: handoff?.requestedAt ?? null,
    holder: handoff?.holder ?? null,
    messages: transcript.map((m) => ({
      id: m.id,
      author: m.authorKind,
      authorName: m.metadata?.authorName ?? null,
      content: m.content,
      at: m.at,
      status: m.metadata?.status ?? 'complete',
      call: m.metadata?.call ?? null,
    })),
    notes: notes.map((n) => ({
      id: n.id,
      content: n.content,
      at: n.at,
      authorName: displayName(n.authorName, n.authorEmail),
    })),
  };
}

async function requireSession(tx: Tx, sessionId: string) {
  const [row] = await tx
    .select({
      id: sessions.id,
      widgetId: sessions.widgetId,
      createdAt: sessions.createdAt,
      widgetName: widgets.name,
    })
    .from(sessions)
    .leftJoin(
      widgets,
      and(eq(widgets.tenantId, sessions.tenantId), eq(widgets.id, sessions.widgetId)),
    )
    .where(
      and(
        eq(sessions.tenantId, tenantOf(tx)),
        eq(sessions.id, sessionId),
        eq(sessions.mode, 'text'),
      ),
    );
  if (!row) throw notFound('Conversation');
  return row;
}

/** The open handoff of one of the tenant's conversations (NOT_FOUND for another tenant's). */
async function requireOpenHandoff(tx: Tx, sessionId: string): Promise<OpenHandoff | null> {
  await requireSession(tx, sessionId);
  return readOpenHandoff(tx, sessionId);
}

/** The least role that may claim, from the tenant's settings (default: any member). */
async function claimRole(tx: Tx): Promise<UserRole> {
  const [row] = await tx.select({ settings: tenants.settings }).from(tenants);
  return row?.settings?.handoffClaimRole ?? 'member';
}

/**
 * Takes a conversation: from now on the actor answers and the assistant stays quiet. Usually one
 * waiting for a person; one still with the assistant is taken over (a `team` handoff). Only the
 * roles the tenant allows (`handoffClaimRole`) may; one held by a colleague is a CONFLICT.
 */
export async function claimConversation(tx: Tx, actor: InboxActor, sessionId: string) {
  const session = await requireSession(tx, sessionId);
  const handoff = await readOpenHandoff(tx, sessionId);
  if (handoff?.holder?.id === actor.userId) return handoff;
  if (handoff?.holder)
    throw new AppError('CONFLICT', `${handoff.holder.name} already has this conversation.`);
  const minimum = await claimRole(tx);
  if (!hasRole(actor.role, minimum))
    throw new AppError('FORBIDDEN', `Only ${minimum}s can take conversations in this team.`);
  const now = new Date();
  const taken = handoff
    ? await tx
        .update(handoffs)
        .set({ claimedBy: actor.userId, claimedAt: now })
        .where(
          and(
            eq(handoffs.tenantId, actor.tenantId),
            eq(handoffs.id, handoff.id),
            isNull(handoffs.claimedBy),
          ),
        )
        .returning({ id: handoffs.id })
    : await tx
        .insert(handoffs)
        .values({
          tenantId: actor.tenantId,
          sessionId,
          widgetId: session.widgetId,
          reason: 'team',
          requestedAt: now,
          claimedBy: actor.userId,
          claimedAt: now,
        })
        .onConflictDoNothing()
        .returning({ id: handoffs.id });
  // Lost a race with a colleague (or the visitor's own request): say who has it now.
  if (taken.length === 0) {
    const current = await readOpenHandoff(tx, sessionId);
    throw new AppError(
      'CONFLICT',
      `${current?.holder?.name ?? 'Someone'} already has this conversation.`,
    );
  }
  await signalChange(tx, [inboxTopic(actor.tenantId), sessionTopic(sessionId)]);
  return (await readOpenHandoff(tx, sessionId))!;
}

/**
 * A person's message to the visitor. Any member may reply to a conversation a person holds; one
 * not yet held is claimed first (so the claim rule applies) and the assistant stops answering.
 */
export async function replyToVisitor(
  tx: Tx,
  actor: InboxActor,
  input: { sessionId: string; content: string; call?: MessageMetadata['call'] },
) {
  const handoff = await readOpenHandoff(tx, input.sessionId);
  if (handoff?.state !== 'held') await claimConversation(tx, actor, input.sessionId);
  const [me] = await tx
    .select({ name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, actor.userId));
  const [row] = await tx
    .insert(messages)
    .values({
      tenantId: actor.tenantId,
      sessionId: input.sessionId,
      role: 'assistant',
      authorId: actor.userId,
      content: input.content,
      metadata: {
        status: 'complete',
        authorName: displayName(me?.name ?? null, me?.email ?? null),
        ...(input.call ? { call: input.call } : {}),
      },
    })
    .returning({ id: messages.id, at: messages.timestamp });
  await signalChange(tx, [inboxTopic(actor.tenantId), sessionTopic(input.sessionId)]);
  return { id: row!.id, at: row!.at };
}

/**
 * Hands the conversation back to the assistant (or drops a request nobody took). The holder or an
 * admin may; a member cannot end a colleague's conversation.
 */
export async function releaseConversation(tx: Tx, actor: InboxActor, sessionId: string) {
  const handoff = await requireOpenHandoff(tx, sessionId);
  if (!handoff) return { state: 'assistant' as const }; // already with the assistant
  const mine = !handoff.holder || handoff.holder.id === actor.userId;
  if (!mine && !hasRole(actor.role, 'admin'))
    throw new AppError('FORBIDDEN', `Only ${handoff.holder!.name} or an admin can hand this back.`);
  await tx
    .update(handoffs)
    .set({ releasedAt: new Date(), releasedBy: actor.userId })
    .where(and(eq(handoffs.tenantId, actor.tenantId), eq(handoffs.id, handoff.id)));
  await signalChange(tx, [inboxTopic(actor.tenantId), sessionTopic(sessionId)]);
  return { state: 'assistant' as const };
}

/** An internal note: stored apart from the messages, so no visitor-facing read can include it. */
export async function addNote(
  tx: Tx,
  actor: InboxActor,
  input: { sessionId: string; content: string },
) {
  await requireSession(tx, input.sessionId);
  const [row] = await tx
    .insert(conversationNotes)
    .values({
      tenantId: actor.tenantId,
      sessionId: input.sessionId,
      authorId: actor.userId,
      content: input.content,
    })
    .returning({ id: conversationNotes.id, at: conversationNotes.createdAt });
  await signalChange(tx, [inboxTopic(actor.tenantId)]);
  return { id: row!.id, at: row!.at };
}
