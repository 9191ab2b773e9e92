import { defineConfig, devices } from '@playwright/test';

/**
 * The widget in Debian's Chromium (never a downloaded browser), embedded in a host page served
 * from another origin (e2e/host-pages.ts on :4100, and :4101 which no widget allows).
 *
 * The platform itself: set E2E_BASE_URL to test a running instance (then only the host pages are
 * started); otherwise the whole stack starts from the repo root (embedded database + apps/web).
 */
const appUrl = process.env.E2E_BASE_URL ?? 'http://localhost:3000';
const startStack = !process.env.E2E_BASE_URL;

export default defineConfig({
  testDir: './e2e',
  testMatch: /.*\.spec\.ts/,
  outputDir: './test-results',
  // One worker: the tests share the demo widget's rate limits and the embedded database.
  workers: 1,
  fullyParallel: false,
  retries: process.env.CI ? 1 : 0,
  timeout: 120_000,
  expect: { timeout: 30_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: './playwright-report' }]],
  use: {
    baseURL: 'http://localhost:4100',
    browserName: 'chromium',
    screenshot: 'only-on-failure',
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
  // The host pages (another origin) are started by the specs themselves (e2e/support.ts).
  webServer: startStack
    ? {
        command:
          process.env.E2E_SERVER_COMMAND ??
          'pnpm --filter @platform/widget build && node scripts/stack.mjs',
        cwd: '../..',
        url: `${appUrl}/embed.js`,
        reuseExistingServer: !process.env.CI,
        timeout: 300_000,
        stdout: 'pipe',
        stderr: 'pipe',
      }
    : undefined,
});
