import { randomUUID } from 'node:crypto';
import { createTenantWithOwner } from '@platform/db';
import type { Database, TenantSettings } from '@platform/db';
import { createTestDatabase } from '@platform/db/testing';
import type { TestDatabase } from '@platform/db/testing';
import type { MeetingsOptions } from '../options';
import type { FakeLivekit } from '../testing/fake-livekit';
import { startFakeLivekit } from '../testing/fake-livekit';

export interface MeetingsTest extends TestDatabase {
  livekit: FakeLivekit;
  options: MeetingsOptions;
}

/** A fresh migrated database plus an in-test LiveKit room service on 127.0.0.1. */
export async function setupMeetingsTest(): Promise<MeetingsTest> {
  const database = await createTestDatabase();
  const livekit = await startFakeLivekit();
  return {
    ...database,
    livekit,
    options: { livekit: livekit.config },
    close: async () => {
      await livekit.close();
      await database.close();
    },
  };
}

/** A tenant and its owner, created through the app's own signup path. */
export async function newTenant(db: Database, label: string, settings?: TenantSettings) {
  const suffix = randomUUID().slice(0, 8);
  const { tenant, owner } = await createTenantWithOwner(db, {
    tenantName: `${label} ${suffix}`,
    email: `owner-${suffix}@${label.toLowerCase()}.test`,
    password: 'test-password',
    ...(settings ? { settings } : {}),
  });
  return { tenantId: tenant.id, userId: owner.id, displayName: `${label} owner` };
}
