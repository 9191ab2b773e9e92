import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { openPglite } from '../embedded/pglite';
import { ensureLoginRoleSql, LOGIN_ROLE } from '../login-role';
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
  /**
   * Who the one PGlite session runs as once migrated: LOGIN_ROLE (default), as the apps log in
   * in production, or the owner, for a benchmark's baseline of plain reads without the tenant
   * helper. Never serve the apps as the owner.
   */
  serveAs?: 'login' | 'owner';
}

export interface EmbeddedDatabase {
  url: string;
  server: EmbeddedServer;
  pglite: PGlite;
  stop: () => Promise<void>;
}

/**
 * Locks the data directory (one owner process only), opens PGlite with pgvector as the owner,
 * applies migrations and creates the login role, then reopens it as that role and serves the wire
 * protocol: every client, whatever user it names, is that role's session. `stop` closes all.
 */
export async function startEmbeddedDatabase(
  options: StartEmbeddedDatabaseOptions,
): Promise<EmbeddedDatabase> {
  const dataDir = resolve(options.dataDir);
  const unlock = lockDataDir(dataDir);
  try {
    mkdirSync(dataDir, { recursive: true });
    const owner = await openPglite({ dataDir });
    await migratePgliteDb(owner);
    await owner.exec(ensureLoginRoleSql);
    const serveAs = options.serveAs ?? 'login';
    let pglite = owner;
    if (serveAs === 'login') {
      await owner.close();
      pglite = await openPglite({ dataDir, username: LOGIN_ROLE });
    }
    const server = new EmbeddedServer(pglite, {
      ...options,
      user: serveAs === 'login' ? LOGIN_ROLE : 'postgres',
    });
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
