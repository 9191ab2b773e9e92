import { and, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { aiPersonalities, sessions, tenantOf, widgets } from '@platform/db';
import type { Tx, WidgetSettings } from '@platform/db';
import { notFound } from '@platform/errors';
import { afterCursor, cursorColumn, toPage } from '../lib/pagination';
import type { createWidgetInput, updateWidgetInput, widgetSettingsPatch } from './schema';

const DEFAULT_SETTINGS: WidgetSettings = { theme: 'auto', position: 'bottom-right' };

const widgetColumns = {
  id: widgets.id,
  name: widgets.name,
  domainWhitelist: widgets.domainWhitelist,
  settings: widgets.settings,
  isActive: widgets.isActive,
  createdAt: widgets.createdAt,
  updatedAt: widgets.updatedAt,
};

export async function listWidgets(tx: Tx, input: { limit: number; cursor?: string }) {
  const rows = await tx
    .select({ ...widgetColumns, cursor: cursorColumn(widgets.createdAt, widgets.id) })
    .from(widgets)
    // RLS limits it anyway; naming the tenant lets Citus route the read to one shard.
    .where(
      and(
        eq(widgets.tenantId, tenantOf(tx)),
        afterCursor(widgets.createdAt, widgets.id, input.cursor),
      ),
    )
    .orderBy(desc(widgets.createdAt), desc(widgets.id))
    .limit(input.limit + 1);
  return toPage(rows, input.limit);
}

export async function getWidget(tx: Tx, id: string) {
  const [widget] = await tx.select(widgetColumns).from(widgets).where(eq(widgets.id, id));
  if (!widget) throw notFound('Widget');
  return widget;
}

/** settings.personalityId is JSON, not a foreign key: check it names one of this tenant's. */
async function applySettings(
  tx: Tx,
  current: WidgetSettings,
  patch: z.output<typeof widgetSettingsPatch>,
): Promise<WidgetSettings> {
  if (patch.personalityId) {
    const [found] = await tx
      .select({ id: aiPersonalities.id })
      .from(aiPersonalities)
      .where(eq(aiPersonalities.id, patch.personalityId));
    if (!found) throw notFound('Personality');
  }
  const next: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete next[key];
    else if (value !== undefined) next[key] = value;
  }
  return next as unknown as WidgetSettings;
}

export async function createWidget(
  tx: Tx,
  tenantId: string,
  input: z.output<typeof createWidgetInput>,
) {
  const settings = await applySettings(tx, DEFAULT_SETTINGS, input.settings);
  const [widget] = await tx
    .insert(widgets)
    .values({
      tenantId,
      name: input.name,
      domainWhitelist: input.domainWhitelist,
      settings,
      isActive: input.isActive,
    })
    .returning(widgetColumns);
  return widget!;
}

export async function updateWidget(tx: Tx, input: z.output<typeof updateWidgetInput>) {
  const current = await getWidget(tx, input.id);
  const settings = input.settings
    ? await applySettings(tx, current.settings ?? DEFAULT_SETTINGS, input.settings)
    : undefined;
  const [widget] = await tx
    .update(widgets)
    .set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.domainWhitelist !== undefined ? { domainWhitelist: input.domainWhitelist } : {}),
      ...(input.isActive !== undefined ? { isActive: input.isActive } : {}),
      ...(settings ? { settings } : {}),
    })
    .where(eq(widgets.id, input.id))
    .returning(widgetColumns);
  return widget!;
}

export async function deleteWidget(tx: Tx, id: string) {
  // Its conversations stay, detached. ON DELETE SET NULL does this on one server; on Citus the
  // key cannot SET NULL (see packages/db/src/citus/distribute.ts), so it is done here for both.
  await tx.update(sessions).set({ widgetId: null }).where(eq(sessions.widgetId, id));
  const [removed] = await tx
    .delete(widgets)
    .where(eq(widgets.id, id))
    .returning({ id: widgets.id });
  if (!removed) throw notFound('Widget');
  return removed;
}

const escapeAttribute = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The tag a tenant pastes into their site. */
export function embedSnippet(scriptUrl: string, widgetId: string): string {
  return `<script src="${escapeAttribute(scriptUrl)}" data-widget-id="${escapeAttribute(widgetId)}" async></script>`;
}
