// `pnpm --filter @platform/costs costs:jobs`: one pass of the costs job (cron or a scheduler
// runs it every few minutes). Connects to DATABASE_URL or the embedded dev server.
import { connectPostgres, databaseUrl } from '@platform/db';
import { flushAlertDeliveries } from '../budgets/notify';
import { runCostJobs } from '../jobs/run';

const db = connectPostgres(databaseUrl(), { max: 2 });
try {
  const started = performance.now();
  const result = await runCostJobs(db);
  await flushAlertDeliveries();
  console.log(
    `[costs] ${JSON.stringify(result)} in ${(performance.now() - started).toFixed(0)} ms`,
  );
} finally {
  await db.close();
}
