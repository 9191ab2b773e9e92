import { defineConfig, devices } from '@playwright/test';

/**
 * Dashboard end-to-end tests in the system's Debian Chromium (never a downloaded browser).
 * The web server is the whole stack started from the repo root (embedded database + apps/web);
 * set E2E_BASE_URL to test an already running instance instead (then nothing is started).
 */
const baseURL = process.env.E2E_BASE_URL ?? 'http://localhost:3000';
const startServer = !process.env.E2E_BASE_URL;

export default defineConfig({
  testDir: './e2e',
  testMatch: /dashboard.*\.spec\.ts/,
  outputDir: './test-results',
  // One worker: the journey signs up once and the embedded database serialises writers anyway.
  workers: 1,
  fullyParallel: false,
  retries: process.env.CI ? 1 : 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: './playwright-report' }]],
  use: {
    baseURL,
    browserName: 'chromium',
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
  webServer: startServer
    ? {
        command: process.env.E2E_SERVER_COMMAND ?? 'pnpm dev',
        cwd: '../..',
        url: `${baseURL}/sign-in`,
        reuseExistingServer: !process.env.CI,
        timeout: 240_000,
        stdout: 'pipe',
        stderr: 'pipe',
      }
    : undefined,
});
