import { eq, getTableColumns } from 'drizzle-orm';
import type { z } from 'zod';
import {
  accounts,
  aiPersonalities,
  authSessions,
  budgetAlerts,
  budgetReservations,
  conversationNotes,
  handoffs,
  costEvents,
  costSummaries,
  generateApiKey,
  invitations,
  knowledgeChunks,
  knowledgeDocuments,
  meetings,
  messages,
  sessions,
  tenants,
  users,
  widgets,
} from '@platform/db';
import type { TenantSettings, Tx } from '@platform/db';
import { AppError, notFound } from '@platform/errors';
import type { tenantSettingsPatch, updateTenantInput } from './schema';

const publicTenantColumns = {
  id: tenants.id,
  name: tenants.name,
  plan: tenants.plan,
  settings: tenants.settings,
  createdAt: tenants.createdAt,
  updatedAt: tenants.updatedAt,
};

export async function getTenant(tx: Tx, tenantId: string) {
  const [tenant] = await tx
    .select(publicTenantColumns)
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  if (!tenant) throw notFound('Tenant');
  return { ...tenant, settings: tenant.settings ?? {} };
}

/** Shallow merge; a null removes the setting. */
export function mergeSettings(
  current: TenantSettings,
  patch: z.output<typeof tenantSettingsPatch>,
): TenantSettings {
  const next: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (key === 'budgets' && value !== null) {
      const budgets: Record<string, unknown> = { ...(current.budgets ?? {}) };
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (v === null) delete budgets[k];
        else if (v !== undefined) budgets[k] = v;
      }
      next.budgets = budgets;
    } else if (value === null) delete next[key];
    else next[key] = value;
  }
  return next;
}

export async function updateTenant(
  tx: Tx,
  tenantId: string,
  input: z.output<typeof updateTenantInput>,
) {
  const current = await getTenant(tx, tenantId);
  const [updated] = await tx
    .update(tenants)
    .set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.settings ? { settings: mergeSettings(current.settings, input.settings) } : {}),
    })
    .where(eq(tenants.id, tenantId))
    .returning(publicTenantColumns);
  return { ...updated!, settings: updated!.settings ?? {} };
}

/** A new key replaces the old one at once; the old key stops working. Returned once. */
export async function rotateApiKey(tx: Tx, tenantId: string): Promise<{ apiKey: string }> {
  const { key, hash } = generateApiKey();
  const [row] = await tx
    .update(tenants)
    .set({ apiKey: hash })
    .where(eq(tenants.id, tenantId))
    .returning({ id: tenants.id });
  if (!row) throw notFound('Tenant');
  return { apiKey: key };
}

/**
 * Every row of the tenant, table by table, as RLS lets the tenant see them. Secrets stay out
 * (API key hash, password hashes, OAuth tokens, session and invitation token hashes), and so do
 * embedding vectors (derived data, rebuilt by re-indexing). One response: fine for the sizes this
 * dashboard serves; a very large tenant would need a streamed export.
 */
export async function exportTenantData(tx: Tx, tenantId: string) {
  const { apiKey: _k, ...tenantCols } = getTableColumns(tenants);
  const { passwordHash: _p, ...userCols } = getTableColumns(users);
  const {
    refresh_token: _r,
    access_token: _a,
    id_token: _i,
    ...accountCols
  } = getTableColumns(accounts);
  const { sessionToken: _s, ...authSessionCols } = getTableColumns(authSessions);
  const { tokenHash: _t, ...invitationCols } = getTableColumns(invitations);
  const { embedding: _e1, ...documentCols } = getTableColumns(knowledgeDocuments);
  // Derived columns (vectors, lexemes) are rebuilt from the content; the export leaves them out.
  const { embedding: _e2, contentTsv: _l1, ...chunkCols } = getTableColumns(knowledgeChunks);
  const { contentTsv: _l2, authorKind: _d, ...messageCols } = getTableColumns(messages);
  const [tenant] = await tx.select(tenantCols).from(tenants).where(eq(tenants.id, tenantId));
  return {
    format: 'platform-tenant-export/v1',
    exportedAt: new Date(),
    tenant: tenant ?? null,
    tables: {
      users: await tx.select(userCols).from(users),
      accounts: await tx.select(accountCols).from(accounts),
      auth_sessions: await tx.select(authSessionCols).from(authSessions),
      invitations: await tx.select(invitationCols).from(invitations),
      widgets: await tx.select().from(widgets),
      ai_personalities: await tx.select().from(aiPersonalities),
      knowledge_documents: await tx.select(documentCols).from(knowledgeDocuments),
      knowledge_chunks: await tx.select(chunkCols).from(knowledgeChunks),
      meetings: await tx.select().from(meetings),
      sessions: await tx.select().from(sessions),
      messages: await tx.select(messageCols).from(messages),
      cost_events: await tx.select().from(costEvents),
      cost_summaries: await tx.select().from(costSummaries),
      budget_alerts: await tx.select().from(budgetAlerts),
      budget_reservations: await tx.select().from(budgetReservations),
      handoffs: await tx.select().from(handoffs),
      conversation_notes: await tx.select().from(conversationNotes),
    },
  };
}

/**
 * Deletes the tenant and, by ON DELETE CASCADE, every row that belongs to it (users, and with
 * them their sessions: every member is signed out on their next request).
 */
export async function deleteTenant(tx: Tx, tenantId: string, confirmName: string) {
  const tenant = await getTenant(tx, tenantId);
  if (confirmName !== tenant.name) {
    throw new AppError('BAD_INPUT', 'Type the tenant name exactly to confirm.', {
      details: { field: 'confirmName' },
    });
  }
  await tx.delete(tenants).where(eq(tenants.id, tenantId));
  return { deleted: true as const, id: tenantId };
}
