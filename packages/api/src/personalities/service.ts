import { and, count, desc, eq, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { aiPersonalities, tenantOf, widgets } from '@platform/db';
import type { Tx } from '@platform/db';
import { AppError, notFound } from '@platform/errors';
import { afterCursor, cursorColumn, toPage } from '../lib/pagination';
import type { createPersonalityInput, updatePersonalityInput } from './schema';

type Row = typeof aiPersonalities.$inferSelect;

/** Decimal columns arrive as strings; the dashboard wants numbers (they are small, exact enough). */
function toPersonality(row: Row) {
  const { tenantId: _tenant, ...rest } = row;
  const num = (v: string | null) => (v === null ? null : Number(v));
  return {
    ...rest,
    temperature: Number(row.temperature),
    topP: num(row.topP),
    frequencyPenalty: num(row.frequencyPenalty),
    presencePenalty: num(row.presencePenalty),
  };
}

const dec = (v: number | null | undefined) =>
  v === undefined ? undefined : v === null ? null : v.toFixed(2);

export async function listPersonalities(tx: Tx, input: { limit: number; cursor?: string }) {
  const rows = await tx
    .select({
      row: aiPersonalities,
      cursor: cursorColumn(aiPersonalities.createdAt, aiPersonalities.id),
    })
    .from(aiPersonalities)
    .where(afterCursor(aiPersonalities.createdAt, aiPersonalities.id, input.cursor))
    .orderBy(desc(aiPersonalities.createdAt), desc(aiPersonalities.id))
    .limit(input.limit + 1);
  const page = toPage(rows, input.limit);
  return { items: page.items.map(({ row }) => toPersonality(row)), nextCursor: page.nextCursor };
}

async function findForUpdate(tx: Tx, id: string) {
  const [row] = await tx
    .select()
    .from(aiPersonalities)
    // Naming the tenant lets Citus route the lock to one shard (it refuses a fan-out FOR UPDATE).
    .where(and(eq(aiPersonalities.tenantId, tenantOf(tx)), eq(aiPersonalities.id, id)))
    .for('update');
  if (!row) throw notFound('Personality');
  return row;
}

export async function getPersonality(tx: Tx, id: string) {
  const [row] = await tx.select().from(aiPersonalities).where(eq(aiPersonalities.id, id));
  if (!row) throw notFound('Personality');
  return toPersonality(row);
}

/**
 * Exactly one default per tenant: the partial unique index ai_personality_one_default_idx allows
 * at most one, and this module keeps at least one while any exist (the first becomes the default,
 * the default cannot be deleted or deactivated while others exist). A swap clears the old default
 * and sets the new one in the caller's single transaction.
 */
async function clearDefault(tx: Tx, except?: string) {
  await tx
    .update(aiPersonalities)
    .set({ isDefault: false })
    .where(
      and(eq(aiPersonalities.isDefault, true), except ? ne(aiPersonalities.id, except) : undefined),
    );
}

export async function createPersonality(
  tx: Tx,
  tenantId: string,
  input: z.output<typeof createPersonalityInput>,
) {
  const [{ existing } = { existing: 0 }] = await tx
    .select({ existing: count() })
    .from(aiPersonalities);
  const isDefault = input.isDefault || existing === 0;
  if (isDefault && !input.isActive) {
    throw new AppError('BAD_INPUT', 'The default personality must be active.', {
      details: { field: 'isActive' },
    });
  }
  if (isDefault) await clearDefault(tx);
  const [row] = await tx
    .insert(aiPersonalities)
    .values({
      tenantId,
      name: input.name,
      description: input.description ?? null,
      systemPrompt: input.systemPrompt,
      temperature: dec(input.temperature)!,
      maxTokens: input.maxTokens ?? 2000,
      topP: dec(input.topP) ?? '1.00',
      frequencyPenalty: dec(input.frequencyPenalty) ?? '0.00',
      presencePenalty: dec(input.presencePenalty) ?? '0.00',
      preferredModel: input.preferredModel ?? null,
      isActive: input.isActive,
      isDefault,
      metadata: input.metadata ?? null,
    })
    .returning();
  return toPersonality(row!);
}

export async function updatePersonality(tx: Tx, input: z.output<typeof updatePersonalityInput>) {
  const current = await findForUpdate(tx, input.id);
  if (current.isDefault && input.isActive === false) {
    throw new AppError(
      'CONFLICT',
      'The default personality cannot be deactivated. Make another one the default first.',
    );
  }
  const [row] = await tx
    .update(aiPersonalities)
    .set({
      name: input.name,
      description: input.description,
      systemPrompt: input.systemPrompt,
      temperature: dec(input.temperature) ?? undefined,
      maxTokens: input.maxTokens,
      topP: dec(input.topP),
      frequencyPenalty: dec(input.frequencyPenalty),
      presencePenalty: dec(input.presencePenalty),
      preferredModel: input.preferredModel,
      isActive: input.isActive,
      metadata: input.metadata,
    })
    .where(eq(aiPersonalities.id, input.id))
    .returning();
  return toPersonality(row!);
}

export async function setDefaultPersonality(tx: Tx, id: string) {
  const target = await findForUpdate(tx, id);
  if (!target.isActive) {
    throw new AppError('BAD_INPUT', 'Activate this personality before making it the default.', {
      details: { field: 'id' },
    });
  }
  if (target.isDefault) return toPersonality(target);
  await clearDefault(tx, id);
  const [row] = await tx
    .update(aiPersonalities)
    .set({ isDefault: true })
    .where(eq(aiPersonalities.id, id))
    .returning();
  return toPersonality(row!);
}

export async function deletePersonality(tx: Tx, id: string) {
  const target = await findForUpdate(tx, id);
  if (target.isDefault) {
    const [{ others } = { others: 0 }] = await tx
      .select({ others: count() })
      .from(aiPersonalities)
      .where(ne(aiPersonalities.id, id));
    if (others > 0)
      throw new AppError(
        'CONFLICT',
        'Make another personality the default before deleting this one.',
      );
  }
  // Widgets pointing at it fall back to the default (the reference is JSON, not a foreign key).
  await tx
    .update(widgets)
    .set({ settings: sql`${widgets.settings} - 'personalityId'` })
    .where(sql`${widgets.settings}->>'personalityId' = ${id}`);
  await tx.delete(aiPersonalities).where(eq(aiPersonalities.id, id));
  return { id };
}
