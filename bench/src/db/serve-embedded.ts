import { startEmbeddedDatabase } from '@platform/db/server';

/**
 * The embedded server for benchmarks, in its own process like `pnpm dev` runs it, but served as
 * the owner: PGlite is one session with one user, and the plain-read baseline (no tenant helper)
 * needs one that can read the tables. Round trips, the thing measured, are the same either way.
 */
const embedded = await startEmbeddedDatabase({
  dataDir: process.env.EMBEDDED_DB_DIR!,
  port: Number(process.env.EMBEDDED_DB_PORT),
  serveAs: 'owner',
});
console.log(`[db] ready ${embedded.url}`);
process.on('SIGTERM', () => void embedded.stop().then(() => process.exit(0)));
