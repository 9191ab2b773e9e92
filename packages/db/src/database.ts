import { AsyncLocalStorage } from 'node:async_hooks';
import { z } from 'zod';
import type { Tx } from './client';

/** Why a piece of code must see more than one tenant. Each value is a reviewed use. */
export const systemReasons = [
  'sign-in', // Auth.js lookups by email, account and session token
  'tenant-signup', // creating a tenant and its owner
  'invitation', // accepting an invitation before the user belongs to the tenant
  'widget-resolution', // the public widget API resolving a widget id to its tenant
  'webhook', // provider callbacks (LiveKit) that name rooms, not tenants
  'rollup', // cost summaries and budget checks across tenants
  'rate-limit', // counters shared by every process
  'seed', // demo data in development
  'ingestion', // packages/rag: documents pending ingestion, tenants indexed with another model (ids only)
  'recovery', // packages/ai: answers a stopped process left `streaming`, marked failed
] as const;
export type SystemReason = (typeof systemReasons)[number];

export const APP_ROLE = 'platform_app';
export const SYSTEM_ROLE = 'platform_system';

/** Who a transaction runs as: one tenant's app user, or the reviewed cross-tenant path. */
export type DbContext = { tenantId: string } | { system: SystemReason };

const contextSchema = z.union([
  z.object({ tenantId: z.uuid() }),
  z.object({ system: z.enum(systemReasons) }),
]);

/**
 * Opens a transaction and puts `setup` on its connection before `work` is called, then commits
 * (or rolls back if `work` or `setup` fails). Provided by the driver (client.ts).
 */
export type RunTransaction = <T>(setup: string, work: (tx: Tx) => Promise<T>) => Promise<T>;

/**
 * The one simple-protocol query that opens every transaction: BEGIN and the context as SET LOCAL,
 * so it ends with the transaction and never leaks to the next user of a pooled connection, and is
 * one round trip (pipelined with the work's first query). The only values written into it are a
 * zod-checked uuid, re-formatted from its hex digits, and a member of `systemReasons`: no input
 * ever reaches it as text. The first SET is a placeholder GUC on plain Postgres; on Citus it
 * forwards the SETs that follow to the workers.
 */
export function contextSetup(context: DbContext): string {
  const parsed = contextSchema.safeParse(context);
  if (!parsed.success) {
    throw new TypeError('withTenant needs a tenant id (uuid); asSystem a known SystemReason.');
  }
  // Citus: a transaction that read shards in parallel may not then write a reference table
  // (users, tenants...); sequential shard access keeps every mix of statements valid.
  const statements = [
    'begin',
    "set local citus.propagate_set_commands = 'local'",
    "set local citus.multi_shard_modify_mode = 'sequential'",
  ];
  if ('tenantId' in parsed.data) {
    statements.push(
      `set local role ${APP_ROLE}`,
      `set local app.current_tenant_id = '${formatUuid(parsed.data.tenantId)}'`,
    );
  } else {
    statements.push(
      `set local role ${SYSTEM_ROLE}`,
      `set local application_name = 'system:${parsed.data.system}'`,
    );
  }
  return statements.join('; ');
}

/** Rebuilds the uuid from its hex digits alone, so nothing but [0-9a-f-] can reach the SQL. */
function formatUuid(uuid: string): string {
  const hex = uuid.toLowerCase().replace(/[^0-9a-f]/g, '');
  if (hex.length !== 32) throw new TypeError('withTenant needs a tenant id (uuid).');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const inTransaction = new AsyncLocalStorage<true>();
// On the transaction object itself under a registered symbol, not in a module-level WeakMap: a
// bundler may load this module twice (Next's server chunks do), and both copies must agree.
const TENANT_OF_TX = Symbol.for('platform.db.tenantOfTransaction');
type TenantTaggedTx = Tx & { [TENANT_OF_TX]?: string };

/**
 * The tenant a `withTenant` transaction is bound to. RLS already limits every statement to it;
 * naming it in a query as well (`eq(table.tenantId, tenantOf(tx))`) lets Citus route the
 * statement to the one shard holding the tenant, which it cannot infer from a policy, and is
 * required there for FOR UPDATE and for some UPDATEs. Throws outside `withTenant`.
 */
export function tenantOf(tx: Tx): string {
  const tenantId = (tx as TenantTaggedTx)[TENANT_OF_TX];
  if (!tenantId) throw new TypeError('tenantOf(tx) needs a transaction opened by withTenant.');
  return tenantId;
}

export class NestedTransactionError extends Error {
  constructor() {
    super(
      'A database transaction was opened inside another one. Pass the outer `tx` down instead: ' +
        'a second pool connection while one is held can deadlock (and does on the embedded server).',
    );
    this.name = 'NestedTransactionError';
  }
}

/** Transactions opened and statements sent by one Database since it was made (cheap counters). */
export interface DatabaseActivity {
  transactions: number;
  statements: number;
}

/**
 * The only way to query. Every call is one transaction whose first message, sent before `work`
 * runs, switches to a non-owner role and, for tenant work, sets `app.current_tenant_id`.
 */
export class Database {
  readonly #runTransaction: RunTransaction;
  readonly #close: () => Promise<void>;
  readonly #activity: DatabaseActivity;

  constructor(
    runTransaction: RunTransaction,
    close: () => Promise<void>,
    activity: DatabaseActivity = { transactions: 0, statements: 0 },
  ) {
    this.#runTransaction = runTransaction;
    this.#close = close;
    this.#activity = activity;
  }

  /** A snapshot of the counters (subtract two snapshots to count a piece of work). */
  activity(): DatabaseActivity {
    return { ...this.#activity };
  }

  /** Runs `work` as `platform_app` with RLS bound to `tenantId`. */
  async withTenant<T>(tenantId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.#run({ tenantId }, (tx) => {
      Object.defineProperty(tx, TENANT_OF_TX, { value: tenantId });
      return work(tx);
    });
  }

  /**
   * The explicit cross-tenant path. Runs as `platform_system`, whose policies see every tenant.
   * Grep for `asSystem(` to review every use; `reason` says why it cannot be tenant-scoped.
   */
  async asSystem<T>(reason: SystemReason, work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.#run({ system: reason }, work);
  }

  close(): Promise<void> {
    return this.#close();
  }

  async #run<T>(context: DbContext, work: (tx: Tx) => Promise<T>): Promise<T> {
    const setup = contextSetup(context);
    if (inTransaction.getStore()) throw new NestedTransactionError();
    return inTransaction.run(true, () => this.#runTransaction(setup, work));
  }
}
