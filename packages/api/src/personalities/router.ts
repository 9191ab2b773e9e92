import { z } from 'zod';
import { idInput, pageInput } from '../lib/schemas';
import { adminActorProcedure, adminProcedure, router, tenantProcedure } from '../trpc';
import { sharedWidgetCache } from '../widget/widget-cache';
import { createPersonalityInput, tryChatInput, updatePersonalityInput } from './schema';
import {
  createPersonality,
  deletePersonality,
  getPersonality,
  listPersonalities,
  setDefaultPersonality,
  updatePersonality,
} from './service';
import { tryChat } from './try-chat';

export const personalitiesRouter = router({
  list: tenantProcedure
    .input(z.strictObject(pageInput))
    .query(({ ctx, input }) => listPersonalities(ctx.tx, input)),
  get: tenantProcedure.input(idInput).query(({ ctx, input }) => getPersonality(ctx.tx, input.id)),
  create: adminProcedure
    .input(createPersonalityInput)
    .mutation(({ ctx, input }) => createPersonality(ctx.tx, ctx.tenantId, input)),
  update: adminProcedure
    .input(updatePersonalityInput)
    .mutation(({ ctx, input }) => updatePersonality(ctx.tx, input)),
  setDefault: adminProcedure
    .input(idInput)
    .mutation(({ ctx, input }) => setDefaultPersonality(ctx.tx, input.id)),
  delete: adminProcedure.input(idInput).mutation(({ ctx, input }) => {
    // Deleting it edits the settings of the widgets that named it (cached by the widget API).
    ctx.afterCommit(() => sharedWidgetCache().forgetTenant(ctx.tenantId));
    return deletePersonality(ctx.tx, input.id);
  }),
  /** A test chat with the form's current values; metered, never stored as a conversation. */
  tryChat: adminActorProcedure
    .input(tryChatInput)
    .mutation(({ ctx, input }) => tryChat(ctx.db, ctx.actor, input)),
});
