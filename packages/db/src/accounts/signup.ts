import { eq } from 'drizzle-orm';
import type { Database } from '../database';
import { tenants, users } from '../schema';
import type { TenantSettings } from '../schema';
import { generateApiKey } from './api-key';
import { hashPassword } from './password';

export interface NewTenant {
  tenantName: string;
  email: string;
  password?: string;
  ownerName?: string;
  plan?: (typeof tenants.$inferInsert)['plan'];
  settings?: TenantSettings;
}

export class EmailTakenError extends Error {
  constructor(email: string) {
    super(`An account with ${email} already exists.`);
    this.name = 'EmailTakenError';
  }
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Creates a tenant and its owner in one transaction (a cross-tenant operation: the tenant does
 * not exist yet). Returns the API key once; only its hash is stored.
 */
export async function createTenantWithOwner(db: Database, input: NewTenant) {
  const email = normalizeEmail(input.email);
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const apiKey = generateApiKey();
  return db.asSystem('tenant-signup', async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (existing) throw new EmailTakenError(email);
    const [tenant] = await tx
      .insert(tenants)
      .values({
        name: input.tenantName,
        apiKey: apiKey.hash,
        plan: input.plan ?? 'starter',
        settings: input.settings ?? {
          maxMonthlySpend: 100,
          allowedDomains: [],
          features: ['chat', 'knowledge-base'],
        },
      })
      .returning();
    const [owner] = await tx
      .insert(users)
      .values({
        tenantId: tenant!.id,
        email,
        passwordHash,
        role: 'owner',
        name: input.ownerName ?? null,
      })
      .returning();
    return { tenant: tenant!, owner: owner!, apiKey: apiKey.key };
  });
}
