import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { migrateUrl } from '@platform/db';

export interface BenchTarget {
  url: string;
  label: string;
  stop: () => Promise<void>;
}

const PORT = Number(process.env.BENCH_DB_PORT ?? 54349);

/**
 * The server a benchmark talks to: BENCH_DATABASE_URL (a real Postgres with pgvector, migrated
 * here), or the embedded server in its own process on a temporary data directory, as `pnpm dev`
 * runs it (in-process it would share this process's CPU with the client being measured).
 */
export async function openBenchTarget(): Promise<BenchTarget> {
  const url = process.env.BENCH_DATABASE_URL;
  if (url) {
    await migrateUrl(url);
    return { url, label: 'BENCH_DATABASE_URL', stop: async () => {} };
  }
  const dataDir = join(mkdtempSync(join(tmpdir(), 'platform-bench-')), 'pglite');
  const dbPackage = resolve(import.meta.dirname, '../../../packages/db');
  const child = spawn('pnpm', ['--silent', 'exec', 'tsx', 'src/cli/serve.ts'], {
    cwd: dbPackage,
    env: { ...process.env, EMBEDDED_DB_DIR: dataDir, EMBEDDED_DB_PORT: String(PORT) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((ready, fail) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('[db] ready')) ready();
    });
    child.once('exit', (code) => fail(new Error(`embedded server exited (${code}): ${out}`)));
  });
  return {
    url: `postgres://postgres@127.0.0.1:${PORT}/postgres`,
    label: 'embedded PGlite server (own process)',
    stop: () =>
      new Promise((done) => {
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}
