// Builds the chat frame (vite.config.ts) and the loader (vite.loader.config.ts) into dist/.
// `--watch` rebuilds both on change, so the web app (which serves dist/) stays fresh in development.
import { rmSync } from 'node:fs';
import process from 'node:process';
import { build } from 'vite';

const watch = process.argv.includes('--watch');
rmSync('dist', { recursive: true, force: true });
const builds = [
  build({ configFile: 'vite.config.ts', build: watch ? { watch: {} } : {} }),
  build({ configFile: 'vite.loader.config.ts', build: watch ? { watch: {} } : {} }),
];
await Promise.all(builds);
