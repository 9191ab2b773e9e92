import { AsyncLocalStorage } from 'node:async_hooks';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Orm, Tx } from './client';

/** Why a piece of code must see more than one tenant. Each value is a reviewed use. */
export type SystemReason =
  | 'sign-in' // Auth.js lookups by email, account and session token
  | 'tenant-signup' // creating a tenant and its owner
  | 'invitation' // accepting an invitation before the user belongs to the tenant
  | 'widget-resolution' // the public widget API resolving a widget id to its tenant
  | 'webhook' // provider callbacks (LiveKit) that name rooms, not tenants
  | 'rollup' // cost summaries and budget checks across tenants
  | 'rate-limit' // counters shared by every process
  | 'seed' // demo data in development
  | 'ingestion' // packages/rag: documents pending ingestion, tenants indexed with another model (ids only)
  | 'recovery'; // packages/ai: answers a stopped process left `streaming`, marked failed

const APP_ROLE = 'platform_app';
const SYSTEM_ROLE = 'platform_system';
const tenantIdSchema = z.string().uuid();

const inTransaction = new AsyncLocalStorage<true>();

export class NestedTransactionError extends Error {
  constructor() {
    super(
      'A database transaction was opened inside another one. Pass the outer `tx` down instead: ' +
        'a second pool connection while one is held can deadlock (and does on the embedded server).',
    );
    this.name = 'NestedTransactionError';
  }
}

/**
 * The only way to query. Every call is one transaction that first switches to a non-owner role
 * and, for tenant work, sets `app.current_tenant_id`, both with `set_config(..., true)` so they
 * end with the transaction and never leak to the next user of a pooled connection.
 */
export class Database {
  readonly #orm: Orm;
  readonly #close: () => Promise<void>;

  constructor(orm: Orm, close: () => Promise<void>) {
    this.#orm = orm;
    this.#close = close;
  }

  /** Runs `work` as `platform_app` with RLS bound to `tenantId`. */
  async withTenant<T>(tenantId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
    const parsed = tenantIdSchema.safeParse(tenantId);
    if (!parsed.success) throw new TypeError('withTenant needs a tenant id (uuid).');
    const id = parsed.data;
    return this.#run(
      work,
      sql`select set_config('role', ${APP_ROLE}, true), set_config('app.current_tenant_id', ${id}, true)`,
    );
  }

  /**
   * The explicit cross-tenant path. Runs as `platform_system`, whose policies see every tenant.
   * Grep for `asSystem(` to review every use; `reason` says why it cannot be tenant-scoped.
   */
  async asSystem<T>(reason: SystemReason, work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.#run(
      work,
      sql`select set_config('role', ${SYSTEM_ROLE}, true), set_config('application_name', ${`system:${reason}`}, true)`,
    );
  }

  close(): Promise<void> {
    return this.#close();
  }

  async #run<T>(work: (tx: Tx) => Promise<T>, setup: ReturnType<typeof sql>): Promise<T> {
    if (inTransaction.getStore()) throw new NestedTransactionError();
    return inTransaction.run(true, () =>
      this.#orm.transaction(async (tx) => {
        // Not awaited before `work`: the setup statement is sent first and the work's first query
        // is pipelined behind it on the same connection, saving a round trip per transaction.
        // Statements on one connection run in order, so the work never runs without its context.
        const settingUp = Promise.resolve(tx.execute(setup));
        try {
          const result = await work(tx);
          await settingUp;
          return result;
        } catch (error) {
          await settingUp; // if the setup itself failed, that is the error to report
          throw error;
        }
      }),
    );
  }
}
