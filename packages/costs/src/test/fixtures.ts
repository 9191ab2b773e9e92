import { randomUUID } from 'node:crypto';
import type { Database, TenantSettings } from '@platform/db';
import { createTenantWithOwner, sessions } from '@platform/db';

/** A tenant (created through the app's own signup path) with one chat session. */
export async function makeTenant(db: Database, settings: TenantSettings = {}) {
  const suffix = randomUUID().slice(0, 8);
  const { tenant } = await createTenantWithOwner(db, {
    tenantName: `Costs ${suffix}`,
    email: `owner-${suffix}@costs.test`,
    settings,
  });
  const [session] = await db.withTenant(tenant.id, (tx) =>
    tx.insert(sessions).values({ tenantId: tenant.id }).returning(),
  );
  return { tenantId: tenant.id, sessionId: session!.id };
}

export const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
