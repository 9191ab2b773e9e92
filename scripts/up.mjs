#!/usr/bin/env node
// `npm run up`: from a fresh clone with only Node and npm to a running, seeded platform.
import { ensurePnpm, run } from './lib.mjs';

ensurePnpm();
run('pnpm', ['install']);
run('pnpm', ['--filter', '@platform/widget', '--if-present', 'build']);
await import('./stack.mjs');
