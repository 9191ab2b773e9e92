import { adminProcedure, router, tenantProcedure } from '../trpc';
import { answerInput, ratesInput, unansweredInput } from './schema';
import { getRates, listUnanswered, saveAnswer } from './service';

/** What the assistant could not answer, and how well it does: the knowledge base's to-do list. */
export const insightsRouter = router({
  unanswered: tenantProcedure
    .input(unansweredInput)
    .query(({ ctx, input }) => listUnanswered(ctx.tx, input)),
  rates: tenantProcedure.input(ratesInput).query(({ ctx, input }) => getRates(ctx.tx, input)),
  /** One step from a group to a knowledge document; ingestion runs after commit, like knowledge.create. */
  answer: adminProcedure.input(answerInput).mutation(async ({ ctx, input }) => {
    const document = await saveAnswer(ctx.tx, ctx.tenantId, input);
    ctx.afterCommit(() => ctx.ingestion?.schedule(ctx.tenantId, document.id));
    return document;
  }),
});
