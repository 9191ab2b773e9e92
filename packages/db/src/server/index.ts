import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { openPglite } from '../embedded/pglite';
import { migratePgliteDb } from '../migrate';
import { lockDataDir } from './data-dir-lock';
import { EmbeddedServer } from './embedded-server';

export { DataDirLockedError } from './data-dir-lock';
export { EmbeddedServer } from './embedded-server';

export interface StartEmbeddedDatabaseOptions {
  dataDir: string;
  host?: string;
  port: number;
  maxConnections?: number;
  log?: (message: string) => void;
}

export interface EmbeddedDatabase {
  url: string;
  server: EmbeddedServer;
  pglite: PGlite;
  stop: () => Promise<void>;
}

/**
 * Locks the data directory (one owner process only), opens PGlite with pgvector, applies
 * migrations in-process, then serves the wire protocol. `stop` closes everything in order.
 */
export async function startEmbeddedDatabase(
  options: StartEmbeddedDatabaseOptions,
): Promise<EmbeddedDatabase> {
  const dataDir = resolve(options.dataDir);
  const unlock = lockDataDir(dataDir);
  try {
    mkdirSync(dataDir, { recursive: true });
    const pglite = await openPglite({ dataDir });
    await migratePgliteDb(pglite);
    const server = new EmbeddedServer(pglite, options);
    await server.listen();
    let stopped = false;
    return {
      url: server.url,
      server,
      pglite,
      stop: async () => {
        if (stopped) return;
        stopped = true;
        await server.close();
        await pglite.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}
