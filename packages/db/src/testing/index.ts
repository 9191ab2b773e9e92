import type { PGlite } from '@electric-sql/pglite';
import { connectPglite, connectPostgres } from '../client';
import type { Database } from '../database';
import { openPglite } from '../embedded/pglite';
import { migrateUrl } from '../migrate';
import { readTemplate } from './template';

export interface TestDatabase {
  db: Database;
  /** The in-process PGlite, when not running against TEST_DATABASE_URL. */
  pglite?: PGlite;
  /** Runs SQL as the connecting superuser: for assertions only, never for app code. */
  raw: (query: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;
  close: () => Promise<void>;
}

/**
 * A fresh, migrated database for one test file: a clone of the template PGlite, or, when
 * TEST_DATABASE_URL is set (a real Postgres with pgvector), that server.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    await migrateUrl(url);
    const db = connectPostgres(url, { max: 4 });
    const postgres = (await import('postgres')).default;
    const admin = postgres(url, { max: 1, prepare: false, onnotice: () => {} });
    return {
      db,
      raw: async (query, params = []) => [...(await admin.unsafe(query, params as never[]))],
      close: async () => {
        await db.close();
        await admin.end({ timeout: 5 });
      },
    };
  }
  const pglite = await openPglite({ loadDataDir: readTemplate() });
  return {
    db: connectPglite(pglite),
    pglite,
    raw: async (query, params = []) =>
      (await pglite.query<Record<string, unknown>>(query, params)).rows,
    close: () => pglite.close(),
  };
}

export { setupDatabaseTemplate } from './template';
export { createTenantFixture, unitVector } from './fixtures';
export type { TenantFixture } from './fixtures';
