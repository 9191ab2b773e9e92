import type { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { connectPostgres } from '../client';
import type { Database } from '../database';
import { SYSTEM_ROLE } from '../database';
import { openPglite } from '../embedded/pglite';
import { LOGIN_ROLE, loginUrl } from '../login-role';
import { EmbeddedServer } from '../server/embedded-server';
import { readTemplate } from './template';

export interface TestDatabase {
  /** The app's Database over postgres.js, logged in as LOGIN_ROLE exactly as in production. */
  db: Database;
  /** The app's connection URL (an embedded server on a free port, or the real server). */
  url: string;
  /** The role the app logs in as (LOGIN_ROLE). */
  appRole: string;
  /**
   * A postgres.js client for assertions and setup the app never does. On a real server
   * (TEST_DATABASE_URL) the superuser; on the embedded server, whose one session is LOGIN_ROLE,
   * that role: it can SET LOCAL ROLE, as the isolation suite does, and `raw` does for you.
   */
  admin: postgres.Sql;
  /**
   * Runs SQL across tenants, for assertions only, never for app code: as the superuser on a
   * real server, as platform_system (every tenant, no DDL) on the embedded one.
   */
  raw: (query: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;
  close: () => Promise<void>;
}

/**
 * A migrated database for one test file, the app logged in as LOGIN_ROLE (no superuser, owns
 * nothing, inherits nothing). Without TEST_DATABASE_URL: a clone of the migrated template PGlite,
 * opened as LOGIN_ROLE and served on a free loopback port (the production driver and the server's
 * exclusivity). With it (a real Postgres with pgvector, superuser URL, migrated by the global
 * setup, shared by every file and every run): that server, the app through TEST_APP_DATABASE_URL
 * (e.g. PgBouncer) or directly. Tests make their own tenants and e-mails: see README.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const realUrl = process.env.TEST_DATABASE_URL;
  if (realUrl) {
    const url = process.env.TEST_APP_DATABASE_URL ?? loginUrl(realUrl);
    const db = connectPostgres(url, { max: 4 });
    const admin = postgres(realUrl, { max: 2, prepare: false, onnotice: () => {} });
    return {
      db,
      url,
      appRole: new URL(url).username,
      admin,
      raw: async (query, params = []) => [...(await admin.unsafe(query, params as never[]))],
      close: async () => {
        await db.close();
        await admin.end({ timeout: 5 });
      },
    };
  }
  const pglite: PGlite = await openPglite({ loadDataDir: readTemplate(), username: LOGIN_ROLE });
  const server = new EmbeddedServer(pglite, { port: 0, user: LOGIN_ROLE });
  await server.listen();
  const db = connectPostgres(server.url, { max: 4 });
  const admin = postgres(server.url, { max: 1, prepare: false, onnotice: () => {} });
  return {
    db,
    url: server.url,
    appRole: LOGIN_ROLE,
    admin,
    raw: async (query, params = []) => {
      // VACUUM cannot run in a transaction; it needs no role (the template grants MAINTAIN).
      if (/^\s*(vacuum|analyze)\b/i.test(query)) return [...(await admin.unsafe(query))];
      const rows = await admin.begin(async (tx) => {
        await tx.unsafe(`set local role ${SYSTEM_ROLE}`);
        return tx.unsafe(query, params as never[]);
      });
      return [...rows];
    },
    close: async () => {
      await db.close();
      await admin.end({ timeout: 5 });
      await server.close();
      await pglite.close();
    },
  };
}

export { setupDatabaseTemplate } from './template';
export { runTag, uniqueDemo, uniqueEmail } from './unique';
export { createTenantFixture, unitVector } from './fixtures';
export type { TenantFixture } from './fixtures';
