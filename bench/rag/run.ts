// Standalone entry: `pnpm --filter @platform/bench exec tsx rag/run.ts` (needs @platform/rag in bench's dependencies).
import { runRagBench } from './index';

await runRagBench();
