import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

// Playwright specs live in e2e/ and run with `pnpm e2e`, never under vitest.
export default defineProject({
  // The same `~/` alias as tsconfig's paths, for components that import through it.
  // tsconfig says jsx: preserve (Next compiles it); tests need the automatic runtime.
  esbuild: { jsx: 'automatic' },
  resolve: { alias: { '~': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    name: 'web',
    include: ['src/**/*.test.{ts,tsx}'],
    exclude: ['e2e/**', 'node_modules/**', '.next/**'],
  },
});
