import { connectPostgres, databaseUrl } from '@platform/db';
import type { Database } from '@platform/db';

/**
 * The app's one Database (one connection pool per process). Created on first use, so importing
 * this module (during `next build`, or in a test) opens nothing and reads no settings. Kept on
 * globalThis so dev-server hot reloads reuse the pool instead of leaking a new one per edit.
 */
const holder = globalThis as typeof globalThis & { __platformDb?: Database };

function database(): Database {
  holder.__platformDb ??= connectPostgres(databaseUrl());
  return holder.__platformDb;
}

export const db: Database = new Proxy({} as Database, {
  get(_target, property) {
    const real = database();
    const value: unknown = Reflect.get(real, property, real);
    // Database keeps its state in #private fields: methods must run with the real instance as `this`.
    return typeof value === 'function'
      ? (value as (...args: unknown[]) => unknown).bind(real)
      : value;
  },
});
