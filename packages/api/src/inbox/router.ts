import { createGuestInvite, createMeeting } from '@platform/meetings';
import { apiEnv } from '../env';
import { readOpenHandoff } from '../handoff/state';
import { router, tenantActorProcedure, tenantProcedure } from '../trpc';
import { listInboxInput, noteInput, replyInput, sessionInput } from './schema';
import {
  addNote,
  claimConversation,
  getConversation,
  listInbox,
  releaseConversation,
  replyToVisitor,
} from './service';
import { AppError } from '@platform/errors';

/** How long the visitor's "Join call" link works. */
const CALL_INVITE_MINUTES = 60;

/**
 * The team's side of live handoff. Any member may see the inbox, reply to a held conversation,
 * add notes and invite the visitor to a call; who may claim is the tenant's `handoffClaimRole`
 * (default: any member); handing back is for the holder or an admin. Another tenant's
 * conversation is NOT_FOUND.
 */
export const inboxRouter = router({
  list: tenantProcedure.input(listInboxInput).query(({ ctx, input }) => listInbox(ctx.tx, input)),

  get: tenantProcedure
    .input(sessionInput)
    .query(({ ctx, input }) => getConversation(ctx.tx, input.sessionId)),

  claim: tenantProcedure
    .input(sessionInput)
    .mutation(({ ctx, input }) => claimConversation(ctx.tx, ctx, input.sessionId)),

  reply: tenantProcedure
    .input(replyInput)
    .mutation(({ ctx, input }) => replyToVisitor(ctx.tx, ctx, input)),

  release: tenantProcedure
    .input(sessionInput)
    .mutation(({ ctx, input }) => releaseConversation(ctx.tx, ctx, input.sessionId)),

  note: tenantProcedure.input(noteInput).mutation(({ ctx, input }) => addNote(ctx.tx, ctx, input)),

  /**
   * A LiveKit meeting for a held conversation, with a guest link the widget shows as "Join call".
   * The room is created outside any transaction (tenantActorProcedure); the caller joins it from
   * the meeting page it returns.
   */
  inviteToCall: tenantActorProcedure.input(sessionInput).mutation(async ({ ctx, input }) => {
    const { actor } = ctx;
    const handoff = await ctx.db.withTenant(actor.tenantId, async (tx) => {
      await getConversation(tx, input.sessionId); // NOT_FOUND for another tenant's
      return readOpenHandoff(tx, input.sessionId);
    });
    if (handoff?.state !== 'held')
      throw new AppError('CONFLICT', 'Take the conversation first, then invite the visitor.');
    if (handoff.holder?.id !== actor.userId && actor.role === 'member')
      throw new AppError(
        'FORBIDDEN',
        `Only ${handoff.holder?.name ?? 'its holder'} or an admin can invite the visitor.`,
      );
    const meeting = await createMeeting(
      ctx.db,
      actor,
      { title: `Call with a visitor (${handoff.holder?.name ?? actor.displayName})` },
      ctx.meetings,
    );
    const invite = await createGuestInvite(
      ctx.db,
      actor,
      meeting.id,
      { name: 'Visitor', ttlMinutes: CALL_INVITE_MINUTES },
      ctx.meetings,
    );
    const joinUrl = `${apiEnv().APP_URL}/meetings/join?invite=${encodeURIComponent(invite.token)}`;
    await ctx.db.withTenant(actor.tenantId, (tx) =>
      replyToVisitor(tx, actor, {
        sessionId: input.sessionId,
        content: `${actor.displayName} invites you to a call.`,
        call: { joinUrl, expiresAt: invite.expiresAt.toISOString() },
      }),
    );
    return { meetingId: meeting.id, expiresAt: invite.expiresAt };
  }),
});
