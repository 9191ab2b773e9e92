#!/usr/bin/env node
// `pnpm test`: every test. Unit and integration tests (vitest, in-process PGlite per test file),
// then the browser tests (Playwright in Debian Chromium) against the production build of the
// apps on a fresh embedded database. `--unit` or `--e2e` runs one half.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureChromium, run, startService, stopService } from './lib.mjs';

// Anything after `--` goes to Playwright (e.g. `pnpm test --e2e -- apps/web/e2e/team.spec.ts`).
const { values, positionals } = parseArgs({
  options: { unit: { type: 'boolean' }, e2e: { type: 'boolean' } },
  allowPositionals: true,
});
const both = !values.unit && !values.e2e;
const root = resolve(import.meta.dirname, '..');

if (both || values.unit) run('pnpm', ['exec', 'vitest', 'run'], { cwd: root });

if (both || values.e2e) {
  const chromium = ensureChromium();
  run('pnpm', ['exec', 'turbo', 'run', 'build', '--filter=@platform/web...', '--filter=@platform/widget...'], { cwd: root });
  const dataDir = join(mkdtempSync(join(tmpdir(), 'platform-e2e-')), 'pglite');
  const stack = startService('stack', 'node', ['scripts/stack.mjs', '--prod', '--data-dir', dataDir], {
    env: {
      ...process.env,
      EMBEDDED_DB_PORT: process.env.E2E_DB_PORT ?? '54339',
      NODE_ENV: 'production',
      // Production mode refuses the development defaults: fresh secrets for this run.
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      AUTH_TRUST_HOST: 'true',
      WIDGET_TOKEN_SECRET: randomBytes(32).toString('base64url'),
      COSTS_WEBHOOK_SIGNING_KEY: randomBytes(32).toString('base64url'),
      // Every browser test signs up and in from this one machine's address.
      SIGN_UP_RATE_LIMIT_IP: '1000',
      SIGN_IN_RATE_LIMIT_IP: '1000',
    },
    readyLine: 'Platform running',
  });
  let failed = false;
  try {
    await stack.ready;
    run('pnpm', ['exec', 'playwright', 'test', ...positionals], {
      cwd: root,
      env: { ...process.env, CHROMIUM_PATH: chromium, E2E_BASE_URL: 'http://localhost:3000', E2E_STACK: 'external' },
    });
  } catch (error) {
    failed = true;
    console.error(error instanceof Error ? error.message : error);
  } finally {
    await stopService(stack);
  }
  if (failed) process.exit(1);
}
