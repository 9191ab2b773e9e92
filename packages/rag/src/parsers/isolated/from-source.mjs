// Runs the parse worker from its TypeScript source (vitest, tsx scripts): tsx compiles it in
// this thread. Production builds bundle ./worker.ts into a worker chunk and never load this.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
