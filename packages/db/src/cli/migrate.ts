import { readDbEnv } from '../env';
import { migrateUrl } from '../migrate';

/**
 * `pnpm db:migrate`: applies migrations to MIGRATION_DATABASE_URL / DATABASE_URL. Without either,
 * the embedded server migrates its own data directory when it starts (`pnpm db:serve`).
 */
const env = readDbEnv();
const url = env.MIGRATION_DATABASE_URL ?? env.DATABASE_URL;
if (!url) {
  console.log(
    'No DATABASE_URL: the embedded database migrates itself on start (pnpm dev / pnpm db:serve).',
  );
} else {
  await migrateUrl(url, { citusShardCount: env.CITUS_SHARD_COUNT, log: console.log });
  console.log('Migrations applied.');
}
