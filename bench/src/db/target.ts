import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureLoginRoleSql, loginUrl, migrateUrl } from '@platform/db';
import postgres from 'postgres';

export interface BenchTarget {
  /** The owner (superuser): plain reads without the tenant helper, setup and assertions. */
  url: string;
  /** What the app connects with: the login role, as in production. */
  appUrl: string;
  label: string;
  stop: () => Promise<void>;
}

const PORT = Number(process.env.BENCH_DB_PORT ?? 54349);

/**
 * The server a benchmark talks to: BENCH_DATABASE_URL (a real Postgres with pgvector, superuser,
 * migrated here; the app logs in as platform_login), optionally reached through
 * BENCH_CONNECT_URL (e.g. PgBouncer: same database, user postgres; the app's URL swaps the user).
 * Without it, the embedded server in its own process on a temporary data directory, as `pnpm dev`
 * runs it (in-process it would share this process's CPU with the client being measured).
 */
export async function openBenchTarget(
  which: 'configured' | 'embedded' = 'configured',
): Promise<BenchTarget> {
  const direct = which === 'configured' ? process.env.BENCH_DATABASE_URL : undefined;
  if (direct) {
    await migrateUrl(direct);
    const owner = postgres(direct, { max: 1, onnotice: () => {} });
    await owner.unsafe(ensureLoginRoleSql);
    await owner.end();
    const url = process.env.BENCH_CONNECT_URL ?? direct;
    const via = process.env.BENCH_CONNECT_URL ? 'BENCH_CONNECT_URL' : 'BENCH_DATABASE_URL';
    return {
      url,
      appUrl: loginUrl(url),
      label: `${via}, app as platform_login`,
      stop: async () => {},
    };
  }
  const dataDir = join(mkdtempSync(join(tmpdir(), 'platform-bench-')), 'pglite');
  const child = spawn('pnpm', ['--silent', 'exec', 'tsx', 'src/db/serve-embedded.ts'], {
    cwd: resolve(import.meta.dirname, '../..'),
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
  const url = `postgres://postgres@127.0.0.1:${PORT}/postgres`;
  return {
    url,
    appUrl: url,
    label: 'embedded PGlite server (own process)',
    stop: () =>
      new Promise((done) => {
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}
