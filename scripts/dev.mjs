#!/usr/bin/env node
// `pnpm dev`: the embedded database (or DATABASE_URL), seeded, and the apps in development mode.
// The dashboard serves the embeddable widget from apps/widget/dist: build it once if a fresh
// clone has none (`pnpm --filter @platform/widget dev` rebuilds it while you work on it).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { run } from './lib.mjs';

const root = resolve(import.meta.dirname, '..');
if (!existsSync(resolve(root, 'apps/widget/dist/embed.js'))) {
  run('pnpm', ['--filter', '@platform/widget', 'build'], { cwd: root });
}
await import('./stack.mjs');
