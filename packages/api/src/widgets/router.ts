import { z } from 'zod';
import { apiEnv } from '../env';
import { idInput, pageInput } from '../lib/schemas';
import { adminProcedure, router, tenantProcedure } from '../trpc';
import { sharedWidgetCache } from '../widget/widget-cache';
import { createWidgetInput, updateWidgetInput } from './schema';
import {
  createWidget,
  deleteWidget,
  embedSnippet,
  getWidget,
  listWidgets,
  updateWidget,
} from './service';

export const widgetsRouter = router({
  list: tenantProcedure
    .input(z.strictObject(pageInput))
    .query(({ ctx, input }) => listWidgets(ctx.tx, input)),
  get: tenantProcedure.input(idInput).query(({ ctx, input }) => getWidget(ctx.tx, input.id)),
  create: adminProcedure
    .input(createWidgetInput)
    .mutation(({ ctx, input }) => createWidget(ctx.tx, ctx.tenantId, input)),
  update: adminProcedure.input(updateWidgetInput).mutation(({ ctx, input }) => {
    // The widget API caches resolved widgets: the change takes effect at once.
    ctx.afterCommit(() => sharedWidgetCache().forgetWidget(input.id));
    return updateWidget(ctx.tx, input);
  }),
  delete: adminProcedure.input(idInput).mutation(({ ctx, input }) => {
    ctx.afterCommit(() => sharedWidgetCache().forgetWidget(input.id));
    return deleteWidget(ctx.tx, input.id);
  }),
  embedSnippet: tenantProcedure.input(idInput).query(async ({ ctx, input }) => {
    const widget = await getWidget(ctx.tx, input.id); // NOT_FOUND for another tenant's id
    const scriptUrl = apiEnv().WIDGET_SCRIPT_URL;
    return { widgetId: widget.id, scriptUrl, snippet: embedSnippet(scriptUrl, widget.id) };
  }),
});
