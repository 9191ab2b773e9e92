import {
  createGuestInvite,
  createJoinToken,
  createMeeting,
  endMeeting,
  getMeeting,
  GUEST_IDENTITY_PREFIX,
  listLiveParticipants,
  listMeetings,
  redeemGuestInvite,
} from '@platform/meetings';
import type { Database } from '@platform/db';
import { AppError } from '@platform/errors';
import { apiEnv } from '../env';
import { namingField } from '../lib/field-errors';
import { idInput } from '../lib/schemas';
import { hasRole, publicProcedure, router, tenantActorProcedure, tenantProcedure } from '../trpc';
import type { TenantActor } from '../trpc';
import { limitGuestRedeem } from './rate-limit';
import {
  createMeetingInput,
  guestInviteInput,
  listMeetingsInput,
  noInput,
  redeemInviteInput,
} from './schema';
import { meetingSettings } from './settings';

/**
 * Roles: any member may create a meeting (becoming its host), join any of the tenant's live
 * meetings and see who is in one. Ending a meeting and inviting guests (who join on the tenant's
 * budget) are for its host or an admin. Another tenant's meeting is NOT_FOUND before any role
 * check, so a refusal never confirms it exists.
 *
 * The procedures that reach LiveKit use `tenantActorProcedure`: @platform/meetings opens its own
 * short transactions around the room service calls, so these bodies hold none.
 */
export const meetingsRouter = router({
  list: tenantProcedure.input(listMeetingsInput).query(async ({ ctx, input }) => {
    // A cursor is a meeting id: another tenant's is NOT_FOUND, as every id is (not an empty page).
    if (input.cursor) await getMeeting(ctx.tx, input.cursor);
    const page = await namingField('cursor', () => listMeetings(ctx.tx, input));
    return { items: page.items, nextCursor: page.nextCursor ?? null };
  }),

  get: tenantProcedure.input(idInput).query(({ ctx, input }) => getMeeting(ctx.tx, input.id)),

  /** Creates the LiveKit room and the meeting; the caller is its host. */
  create: tenantActorProcedure
    .input(createMeetingInput)
    .mutation(({ ctx, input }) => createMeeting(ctx.db, ctx.actor, input, ctx.meetings)),

  /** A short-lived LiveKit token for the caller (identity: their user id) to join this meeting. */
  joinToken: tenantActorProcedure
    .input(idInput)
    .mutation(({ ctx, input }) => createJoinToken(ctx.db, ctx.actor, input.id, ctx.meetings)),

  /** A signed link for one named guest; shown to the host once (only they can pass it on). */
  createGuestInvite: tenantActorProcedure
    .input(guestInviteInput)
    .mutation(async ({ ctx, input }) => {
      await requireHostOrAdmin(ctx.db, ctx.actor, input.id, 'invite guests');
      const invite = await createGuestInvite(
        ctx.db,
        ctx.actor,
        input.id,
        { name: input.guestName, ttlMinutes: input.ttlMinutes },
        ctx.meetings,
      );
      return {
        link: `${apiEnv().APP_URL}/meetings/join?invite=${encodeURIComponent(invite.token)}`,
        expiresAt: invite.expiresAt,
        guestIdentity: invite.guestIdentity,
        guestName: input.guestName,
      };
    }),

  /**
   * Public: a guest has no session. The invite names the tenant and meeting; a forged or altered
   * one is NOT_FOUND, an expired one UNAUTHORIZED, an ended meeting CONFLICT. Rate limited.
   */
  redeemGuestInvite: publicProcedure.input(redeemInviteInput).mutation(async ({ ctx, input }) => {
    await limitGuestRedeem(ctx, input.invite);
    return redeemGuestInvite(ctx.db, input.invite, ctx.meetings);
  }),

  /** Closes the room (disconnecting everyone) and marks the meeting ended. Idempotent. */
  end: tenantActorProcedure.input(idInput).mutation(async ({ ctx, input }) => {
    await requireHostOrAdmin(ctx.db, ctx.actor, input.id, 'end it');
    return endMeeting(ctx.db, ctx.actor, input.id, ctx.meetings);
  }),

  /** Who is in the room now, from LiveKit (empty once the meeting ended). */
  participants: tenantActorProcedure.input(idInput).query(async ({ ctx, input }) => {
    const live = await listLiveParticipants(ctx.db, ctx.actor, input.id, ctx.meetings);
    return live.map((p) => ({ ...p, isGuest: p.identity.startsWith(GUEST_IDENTITY_PREFIX) }));
  }),

  /** Whether LiveKit is configured, and what to set if not. Never the key or secret. */
  settings: tenantActorProcedure.input(noInput).query(({ ctx }) => meetingSettings(ctx.meetings)),
});

/** NOT_FOUND for another tenant's meeting first, then FORBIDDEN unless host or admin. */
async function requireHostOrAdmin(
  db: Database,
  actor: TenantActor,
  meetingId: string,
  action: string,
): Promise<void> {
  const meeting = await db.withTenant(actor.tenantId, (tx) => getMeeting(tx, meetingId));
  if (meeting.createdBy !== actor.userId && !hasRole(actor.role, 'admin')) {
    throw new AppError('FORBIDDEN', `Only the meeting's host or an admin can ${action}.`);
  }
}
