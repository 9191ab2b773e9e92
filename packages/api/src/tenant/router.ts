import { z } from 'zod';
import { adminProcedure, ownerProcedure, router, tenantProcedure } from '../trpc';
import { sharedWidgetCache } from '../widget/widget-cache';
import { deleteTenantInput, updateTenantInput } from './schema';
import { deleteTenant, exportTenantData, getTenant, rotateApiKey, updateTenant } from './service';

const noInput = z.strictObject({}).optional();

export const tenantRouter = router({
  get: tenantProcedure.input(noInput).query(({ ctx }) => getTenant(ctx.tx, ctx.tenantId)),
  update: adminProcedure
    .input(updateTenantInput)
    .mutation(({ ctx, input }) => updateTenant(ctx.tx, ctx.tenantId, input)),
  rotateApiKey: ownerProcedure
    .input(noInput)
    .mutation(({ ctx }) => rotateApiKey(ctx.tx, ctx.tenantId)),
  exportData: ownerProcedure
    .input(noInput)
    .query(({ ctx }) => exportTenantData(ctx.tx, ctx.tenantId)),
  delete: ownerProcedure.input(deleteTenantInput).mutation(({ ctx, input }) => {
    // Its widgets go with it: the widget API must stop resolving them at once.
    ctx.afterCommit(() => sharedWidgetCache().forgetTenant(ctx.tenantId));
    return deleteTenant(ctx.tx, ctx.tenantId, input.confirmName);
  }),
});
