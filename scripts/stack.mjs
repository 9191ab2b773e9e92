#!/usr/bin/env node
// Starts the whole platform: the embedded database (unless DATABASE_URL is set), then the apps.
//   node scripts/stack.mjs            development (next dev), data in .data/pglite
//   node scripts/stack.mjs --prod     production build (next start), used by the browser tests
//   --data-dir DIR                    another embedded data directory (tests use a fresh one)
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startService, stopService } from './lib.mjs';

const { values } = parseArgs({
  options: {
    prod: { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
    port: { type: 'string', default: process.env.PORT ?? '3000' },
  },
});

const root = resolve(import.meta.dirname, '..');
const env = { ...process.env, FORCE_COLOR: '1', NEXT_TELEMETRY_DISABLED: '1' };
const services = [];
let stopping = false;

async function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  // Apps first, then the database, so nothing writes while it closes.
  for (const service of services.reverse()) await stopService(service);
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

try {
  if (!env.DATABASE_URL) {
    const dataDir = resolve(root, values['data-dir'] ?? env.EMBEDDED_DB_DIR ?? '.data/pglite');
    const port = env.EMBEDDED_DB_PORT ?? '54329';
    const db = startService('db', 'pnpm', ['--silent', '--filter', '@platform/db', 'db:serve'], {
      env: { ...env, EMBEDDED_DB_DIR: dataDir, EMBEDDED_DB_PORT: port },
      readyLine: '[db] ready',
    });
    services.push(db);
    await db.ready;
    env.DATABASE_URL = `postgres://postgres@127.0.0.1:${port}/postgres`;
    // One PGlite session behind every connection: LISTEN is not routed per connection there.
    env.LIVE_DELIVERY ??= 'poll';
  }
  const web = startService(
    'web',
    'pnpm',
    ['--silent', '--filter', '@platform/web', values.prod ? 'start' : 'dev', '--port', values.port],
    { env, readyLine: 'Ready' },
  );
  services.push(web);
  await web.ready;
  // If any part stops on its own, stop the rest instead of leaving a half-running platform.
  for (const service of services) {
    service.child.once('exit', (code) => {
      if (stopping) return;
      console.error(`${service.name} stopped (${code}); stopping everything`);
      void stopAll(1);
    });
  }
  console.log(`\nPlatform running: dashboard http://localhost:${values.port}  (Ctrl+C stops everything)\n`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await stopAll(1);
}
