import { defineConfig, devices } from '@playwright/test';

/**
 * Every browser test, in Debian's Chromium (browsers cannot be downloaded here). `pnpm test`
 * starts the stack (scripts/test.mjs) and sets E2E_BASE_URL; each app also has its own config
 * for running its suite alone.
 */
const baseURL = process.env.E2E_BASE_URL ?? 'http://localhost:3000';

export default defineConfig({
  outputDir: './test-results',
  workers: 1,
  fullyParallel: false,
  retries: process.env.CI ? 1 : 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL,
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [
    {
      name: 'dashboard',
      testDir: './apps/web/e2e',
      testMatch: /.*\.spec\.ts/,
      use: { ...devices['Desktop Chrome'], channel: undefined },
    },
    {
      name: 'widget',
      testDir: './apps/widget/e2e',
      testMatch: /.*\.spec\.ts/,
      use: { ...devices['Desktop Chrome'], channel: undefined },
    },
  ],
});
