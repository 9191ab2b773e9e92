import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { prepareCitus } from './citus/distribute';

// Not `new URL('../migrations', import.meta.url)`: bundlers (Next's Turbopack) treat that pattern
// as an asset import and fail to resolve a directory, breaking every app route that imports the db.
export const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), '..', 'migrations');

export interface MigrateOptions {
  /** Citus only: shards per table for the first distribution (see CITUS_SHARD_COUNT). */
  citusShardCount?: number;
  log?: (line: string) => void;
}

/**
 * Applies pending migrations as the connecting (owner) user, then, on a Citus coordinator,
 * places every table on the cluster (citus/distribute.ts). Re-running is a no-op; concurrent
 * runs (test projects starting together) wait for each other on an advisory lock. Connect
 * directly, not through PgBouncer: the lock is held by the session.
 */
export async function migrateUrl(url: string, options: MigrateOptions = {}): Promise<void> {
  const client = postgres(url, { max: 1, prepare: false, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(hashtext('platform-migrations'))`;
    await migratePostgres(drizzlePostgres(client), { migrationsFolder });
    await prepareCitus(client, { shardCount: options.citusShardCount, log: options.log });
  } finally {
    await client.end({ timeout: 5 });
  }
}

export async function migratePgliteDb(pg: PGlite): Promise<void> {
  await migratePglite(drizzlePglite(pg), { migrationsFolder });
}
