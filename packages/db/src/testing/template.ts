import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPglite } from '../embedded/pglite';
import { migratePgliteDb } from '../migrate';

const TEMPLATE_ENV = 'PLATFORM_DB_TEMPLATE';

/**
 * Vitest globalSetup: migrate one PGlite once and dump it; every test file clones the dump.
 * Returns the teardown.
 */
export async function setupDatabaseTemplate(): Promise<() => void> {
  const path = join(tmpdir(), `platform-db-template-${process.pid}.tar.gz`);
  const pg = await openPglite();
  await migratePgliteDb(pg);
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
