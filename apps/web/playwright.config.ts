import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';

/**
 * The dashboard's browser suite alone, in the system's Debian Chromium (never a downloaded
 * browser): `pnpm --filter @platform/web exec playwright test`. `pnpm test` at the root runs the
 * same specs through the root config against the stack scripts/test.mjs starts.
 *
 * With E2E_BASE_URL set, the specs run against that running instance and nothing is started.
 * Otherwise the web server is the whole stack in production mode (embedded database on a fresh
 * data directory + apps/web), built first, with fresh secrets, as scripts/test.mjs does
 * (E2E_PORT / E2E_DB_PORT choose its ports).
 */
const port = process.env.E2E_PORT ?? '3000';
const baseURL = process.env.E2E_BASE_URL ?? `http://localhost:${port}`;
const secret = () => randomBytes(32).toString('base64url');

export default defineConfig({
  testDir: './e2e',
  testMatch: /dashboard.*\.spec\.ts/,
  outputDir: './test-results',
  // One worker: each spec signs up its own workspace, and the embedded database serialises writers.
  workers: 1,
  fullyParallel: false,
  retries: process.env.CI ? 1 : 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: './playwright-report' }]],
  use: {
    baseURL,
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  webServer: process.env.E2E_BASE_URL
    ? undefined
    : {
        command:
          'pnpm exec turbo run build --filter=@platform/web... --filter=@platform/widget... && ' +
          `node scripts/stack.mjs --prod --port ${port} --data-dir ${join(tmpdir(), `platform-dashboard-e2e-${Date.now()}`)}`,
        cwd: '../..',
        url: `${baseURL}/sign-in`,
        reuseExistingServer: !process.env.CI,
        timeout: 600_000,
        // SIGTERM lets scripts/stack.mjs stop the app and the database it started (its children
        // run in their own process groups, which a SIGKILL of this group would orphan).
        gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
        stdout: 'pipe',
        stderr: 'pipe',
        env: {
          NODE_ENV: 'production',
          AUTH_SECRET: secret(),
          AUTH_TRUST_HOST: 'true',
          WIDGET_TOKEN_SECRET: secret(),
          COSTS_WEBHOOK_SIGNING_KEY: secret(),
          APP_URL: baseURL,
          WIDGET_SCRIPT_URL: `${baseURL}/embed.js`,
          EMBEDDED_DB_PORT: process.env.E2E_DB_PORT ?? '54339',
        },
      },
});
