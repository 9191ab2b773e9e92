import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { openPglite } from '../embedded/pglite';
import { ensureLoginRoleSql, LOGIN_ROLE } from '../login-role';
import { migratePgliteDb, migrateUrl } from '../migrate';

const TEMPLATE_ENV = 'PLATFORM_DB_TEMPLATE';

/**
 * Vitest globalSetup. With TEST_DATABASE_URL (a real Postgres, superuser): migrate it and create
 * the login role once for the run. Otherwise: migrate one PGlite once and dump it; every test
 * file clones the dump. Returns the teardown.
 */
export async function setupDatabaseTemplate(): Promise<() => void> {
  const realUrl = process.env.TEST_DATABASE_URL;
  if (realUrl) {
    // CITUS_SHARD_COUNT: fewer shards keep a test cluster's fan-out queries cheap.
    const shards = Number(process.env.CITUS_SHARD_COUNT) || undefined;
    await migrateUrl(realUrl, { citusShardCount: shards });
    const owner = postgres(realUrl, { max: 1, prepare: false, onnotice: () => {} });
    try {
      await owner.unsafe(ensureLoginRoleSql);
    } finally {
      await owner.end({ timeout: 5 });
    }
    return () => {};
  }
  const path = join(tmpdir(), `platform-db-template-${process.pid}.tar.gz`);
  const pg = await openPglite();
  await migratePgliteDb(pg);
  await pg.exec(ensureLoginRoleSql);
  // Test-only: PGlite is one session, all of it LOGIN_ROLE, so a test's assertion connection is
  // that role too. MAINTAIN lets it refresh planner statistics (VACUUM, ANALYZE); it reads no row.
  await pg.exec(`GRANT MAINTAIN ON ALL TABLES IN SCHEMA public TO ${LOGIN_ROLE}`);
  const dump = await pg.dumpDataDir('gzip');
  writeFileSync(path, Buffer.from(await dump.arrayBuffer()));
  await pg.close();
  process.env[TEMPLATE_ENV] = path;
  return () => {};
}

export function templatePath(): string | undefined {
  const path = process.env[TEMPLATE_ENV];
  return path && existsSync(path) ? path : undefined;
}

export function readTemplate(): Blob {
  const path = templatePath();
  if (!path)
    throw new Error(
      'No database template: add @platform/db/testing/global-setup to vitest globalSetup.',
    );
  return new Blob([readFileSync(path)]);
}
