import { runTenantReadBench } from './db/tenant-read';

/** `pnpm bench`: prints figures; nothing here passes or fails. */
const suites: Array<[string, () => Promise<void>]> = [['db: tenant-scoped read', runTenantReadBench]];

const only = process.argv[2];
for (const [name, run] of suites) {
  if (only && !name.startsWith(only)) continue;
  await run();
}
