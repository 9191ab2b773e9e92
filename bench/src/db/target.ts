import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateUrl } from '@platform/db';
import { startEmbeddedDatabase } from '@platform/db/server';

export interface BenchTarget {
  url: string;
  label: string;
  stop: () => Promise<void>;
}

/**
 * The server a benchmark talks to: BENCH_DATABASE_URL (a real Postgres with pgvector, migrated
 * here), or a fresh embedded server on a temporary data directory.
 */
export async function openBenchTarget(): Promise<BenchTarget> {
  const url = process.env.BENCH_DATABASE_URL;
  if (url) {
    await migrateUrl(url);
    return { url, label: 'BENCH_DATABASE_URL', stop: async () => {} };
  }
  const embedded = await startEmbeddedDatabase({
    dataDir: join(mkdtempSync(join(tmpdir(), 'platform-bench-')), 'pglite'),
    port: 0,
  });
  return { url: embedded.url, label: 'embedded PGlite server', stop: embedded.stop };
}
