import { connectPostgres } from '../client';
import { readDbEnv } from '../env';
import { seedDemo } from '../seed';
import { DataDirLockedError, startEmbeddedDatabase } from '../server';

/** `pnpm db:serve`: the one process that owns the embedded database in development. */
const env = readDbEnv();
try {
  const embedded = await startEmbeddedDatabase({
    dataDir: env.EMBEDDED_DB_DIR,
    port: env.EMBEDDED_DB_PORT,
    maxConnections: env.EMBEDDED_DB_MAX_CONNECTIONS,
    log: (message) => console.log(`[db] ${message}`),
  });
  console.log(
    `[db] embedded Postgres (PGlite + pgvector) at ${embedded.url}, data in ${env.EMBEDDED_DB_DIR}`,
  );
  const db = connectPostgres(embedded.url, { max: 2 });
  const demo = await seedDemo(db);
  await db.close();
  printDemo(demo);
  // scripts/stack.mjs waits for this exact line before starting the apps.
  console.log('[db] ready');
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[db] ${signal}: closing`);
    embedded.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
} catch (error) {
  if (error instanceof DataDirLockedError) {
    console.error(`[db] ${error.message}`);
    process.exit(2);
  }
  throw error;
}

function printDemo(demo: Awaited<ReturnType<typeof seedDemo>>) {
  console.log(`[db] demo tenant "${demo.tenantName}": sign in as ${demo.email} / ${demo.password}`);
  console.log(`[db] demo widget id ${demo.widgetId}`);
}
