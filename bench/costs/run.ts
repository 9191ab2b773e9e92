// Standalone entry: `pnpm --filter @platform/bench exec tsx costs/run.ts` (pnpm bench runs runCostsBench too).
import { runCostsBench } from './summary';

await runCostsBench();
