import { z } from 'zod';
import { LOGIN_ROLE } from './login-role';

const schema = z.object({
  /** Postgres with pgvector. Unset in development: the embedded server's URL is used. */
  DATABASE_URL: z.string().url().optional(),
  /** Owner connection for migrations; defaults to DATABASE_URL. */
  MIGRATION_DATABASE_URL: z.string().url().optional(),
  EMBEDDED_DB_DIR: z.string().default('.data/pglite'),
  EMBEDDED_DB_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  EMBEDDED_DB_MAX_CONNECTIONS: z.coerce.number().int().min(1).default(64),
  DB_POOL_MAX: z.coerce.number().int().min(1).default(10),
  /**
   * Citus only: shards per distributed table when `pnpm db:migrate` first distributes them.
   * Unset: Citus's own default (citus.shard_count, 32). Later tables join the same group.
   */
  CITUS_SHARD_COUNT: z.coerce.number().int().min(1).max(1024).optional(),
  /**
   * A direct (session-level) connection for LISTEN, which PgBouncer's transaction mode cannot
   * carry. Defaults to DATABASE_URL.
   */
  DATABASE_LISTEN_URL: z.string().url().optional(),
  /** Live views: `listen` (NOTIFY) or `poll`. Default: listen with DATABASE_URL, else poll. */
  LIVE_DELIVERY: z.enum(['listen', 'poll']).optional(),
  /** How often live views re-read in poll mode. */
  LIVE_POLL_MS: z.coerce.number().int().min(50).max(10_000).default(500),
});

export type DbEnv = z.infer<typeof schema>;

export function readDbEnv(source: Record<string, string | undefined> = process.env): DbEnv {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid database settings: ${fields}`);
  }
  return parsed.data;
}

/** The embedded server serves every client as LOGIN_ROLE (see startEmbeddedDatabase). */
export function embeddedDatabaseUrl(env: DbEnv = readDbEnv()): string {
  return `postgres://${LOGIN_ROLE}@127.0.0.1:${env.EMBEDDED_DB_PORT}/postgres`;
}

/** The URL apps connect to: DATABASE_URL, or the embedded server started by `pnpm dev`. */
export function databaseUrl(env: DbEnv = readDbEnv()): string {
  return env.DATABASE_URL ?? embeddedDatabaseUrl(env);
}
