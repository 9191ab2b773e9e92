import { idInput } from '../lib/schemas';
import { router, tenantProcedure } from '../trpc';
import { listSessionsInput } from './schema';
import { getSession, listSessions } from './service';

/** Conversations (the seed's `sessions`), read-only for the dashboard. */
export const sessionsRouter = router({
  list: tenantProcedure
    .input(listSessionsInput)
    .query(({ ctx, input }) => listSessions(ctx.tx, input)),
  get: tenantProcedure.input(idInput).query(({ ctx, input }) => getSession(ctx.tx, input.id)),
});
