import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';

export interface OpenPgliteOptions {
  /** A data directory on disk; in memory when omitted. */
  dataDir?: string;
  /** A tarball made by `dumpDataDir` to start from (the migrated test template). */
  loadDataDir?: Blob;
  /**
   * The session's user. PGlite is one session whose user is fixed when it opens (the startup
   * packets of clients of the embedded server do not change it): the owner to migrate, then
   * LOGIN_ROLE to serve. Default: the superuser `postgres`.
   */
  username?: string;
}

/** PGlite 0.5.14 (Postgres 18) with pgvector 0.8 loaded. */
export async function openPglite(options: OpenPgliteOptions = {}): Promise<PGlite> {
  const pg = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    username: options.username,
    extensions: { vector },
  });
  return pg;
}
