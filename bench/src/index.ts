import { runAnswersBench } from '../answers';
import { runCostsBench } from '../costs/summary';
import { runQualityBench } from '../quality';
import { runLiveDelayBench } from '../live/delay';
import { runRagBench } from '../rag';
import { runTurnBench } from '../turn';
import { runWidgetSizeBench } from '../widget/size';
import { runTenantReadBench } from './db/tenant-read';

/** `pnpm bench [suite]`: prints figures; nothing here passes or fails. */
const suites: Array<[string, () => Promise<void>]> = [
  ['db', runTenantReadBench],
  ['rag', runRagBench],
  ['quality', runQualityBench],
  ['costs', runCostsBench],
  ['widget', runWidgetSizeBench],
  ['answers', runAnswersBench],
  ['turn', runTurnBench],
  ['live', runLiveDelayBench],
];

const only = process.argv[2];
for (const [name, run] of suites) {
  if (only && name !== only) continue;
  console.log(`\n# ${name}`);
  await run();
}
