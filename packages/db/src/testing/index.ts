import type { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { connectPostgres } from '../client';
import type { Database } from '../database';
import { openPglite } from '../embedded/pglite';
import { migrateUrl } from '../migrate';
import { EmbeddedServer } from '../server/embedded-server';
import { readTemplate } from './template';

export interface TestDatabase {
  /** The app's Database over postgres.js, exactly as in production. */
  db: Database;
  /** The connection URL (an embedded server on a free port, or TEST_DATABASE_URL). */
  url: string;
  /** A superuser postgres.js client for assertions and setup the app never does. */
  admin: postgres.Sql;
  /** Runs SQL as the superuser: for assertions only, never for app code. */
  raw: (query: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;
  close: () => Promise<void>;
}

/**
 * A fresh, migrated database for one test file: a clone of the migrated template PGlite served on
 * a free loopback port (so tests use the production driver and the server's exclusivity), or,
 * when TEST_DATABASE_URL is set (a real Postgres with pgvector), that server.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  let url = process.env.TEST_DATABASE_URL;
  let pglite: PGlite | undefined;
  let server: EmbeddedServer | undefined;
  if (url) {
    await migrateUrl(url);
  } else {
    pglite = await openPglite({ loadDataDir: readTemplate() });
    server = new EmbeddedServer(pglite, { port: 0 });
    await server.listen();
    url = server.url;
  }
  const db = connectPostgres(url, { max: 4 });
  const admin = postgres(url, { max: 1, prepare: false, onnotice: () => {} });
  return {
    db,
    url,
    admin,
    raw: async (query, params = []) => [...(await admin.unsafe(query, params as never[]))],
    close: async () => {
      await db.close();
      await admin.end({ timeout: 5 });
      await server?.close();
      await pglite?.close();
    },
  };
}

export { setupDatabaseTemplate } from './template';
export { createTenantFixture, unitVector } from './fixtures';
export type { TenantFixture } from './fixtures';
