import { eq } from 'drizzle-orm';
import { getCostSummary, listCostEvents } from '@platform/costs';
import { sessions } from '@platform/db';
import { notFound } from '@platform/errors';
import { namingField } from '../lib/field-errors';
import { router, tenantProcedure } from '../trpc';
import { costSummaryInput, listCostEventsInput } from './schema';

/** Thin over @platform/costs: the tenant is implicit (RLS on ctx.tx). */
export const costsRouter = router({
  summary: tenantProcedure
    .input(costSummaryInput)
    .query(({ ctx, input }) => namingField('groupBy', () => getCostSummary(ctx.tx, input))),

  listEvents: tenantProcedure.input(listCostEventsInput).query(async ({ ctx, input }) => {
    if (input.sessionId) {
      const [session] = await ctx.tx
        .select({ id: sessions.id })
        .from(sessions)
        .where(eq(sessions.id, input.sessionId));
      if (!session) throw notFound('Conversation');
    }
    const page = await namingField('cursor', () => listCostEvents(ctx.tx, input));
    return { items: page.items, nextCursor: page.nextCursor ?? null };
  }),
});
