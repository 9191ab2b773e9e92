import { z } from 'zod';
import {
  acceptInvitation,
  changeMemberRole,
  createInvitation,
  removeMember,
  revokeInvitation,
} from '@platform/auth';
import { apiEnv } from '../env';
import { idInput, pageInput } from '../lib/schemas';
import { adminProcedure, publicProcedure, router, tenantProcedure } from '../trpc';
import { acceptInviteInput, changeRoleInput, inviteInput, removeMemberInput } from './schema';
import { acceptLink, listInvitations, listMembers } from './service';

export const teamRouter = router({
  list: tenantProcedure
    .input(z.strictObject(pageInput))
    .query(({ ctx, input }) => listMembers(ctx.tx, input)),

  /** No mail server: the link is returned to the admin, once (only the token's hash is stored). */
  invite: adminProcedure.input(inviteInput).mutation(async ({ ctx, input }) => {
    const { invitation, token } = await createInvitation(
      ctx.tx,
      { userId: ctx.userId, role: ctx.role },
      { tenantId: ctx.tenantId, ...input },
    );
    return { invitation, acceptUrl: acceptLink(apiEnv().APP_URL, token) };
  }),

  listInvitations: adminProcedure
    .input(z.strictObject(pageInput))
    .query(({ ctx, input }) => listInvitations(ctx.tx, input)),

  revokeInvitation: adminProcedure
    .input(idInput)
    .mutation(({ ctx, input }) => revokeInvitation(ctx.tx, input.id)),

  /** Public: the invitee has no account yet. Creates it; they then sign in with these credentials. */
  acceptInvite: publicProcedure
    .input(acceptInviteInput)
    .mutation(({ ctx, input }) => acceptInvitation(ctx.db, input)),

  changeRole: adminProcedure
    .input(changeRoleInput)
    .mutation(({ ctx, input }) =>
      changeMemberRole(ctx.tx, { userId: ctx.userId, role: ctx.role }, input),
    ),

  /** Ends the removed member's sessions in the same transaction. */
  removeMember: adminProcedure
    .input(removeMemberInput)
    .mutation(({ ctx, input }) =>
      removeMember(ctx.tx, { userId: ctx.userId, role: ctx.role }, input),
    ),
});
