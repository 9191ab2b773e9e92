import { listBudgetAlerts, resolveBudgetAlert } from '@platform/costs';
import { namingField } from '../lib/field-errors';
import { idInput } from '../lib/schemas';
import { adminProcedure, router, tenantProcedure } from '../trpc';
import { listAlertsInput } from './schema';

export const budgetsRouter = router({
  listAlerts: tenantProcedure.input(listAlertsInput).query(async ({ ctx, input }) => {
    const page = await namingField('cursor', () => listBudgetAlerts(ctx.tx, input));
    return { items: page.items, nextCursor: page.nextCursor ?? null };
  }),
  resolveAlert: adminProcedure
    .input(idInput)
    .mutation(({ ctx, input }) => resolveBudgetAlert(ctx.tx, input.id)),
});
