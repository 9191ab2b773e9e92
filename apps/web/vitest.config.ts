import { defineProject } from 'vitest/config';

// Playwright specs live in e2e/ and run with `pnpm e2e`, never under vitest.
export default defineProject({
  test: {
    name: 'web',
    include: ['src/**/*.test.{ts,tsx}'],
    exclude: ['e2e/**', 'node_modules/**', '.next/**'],
  },
});
