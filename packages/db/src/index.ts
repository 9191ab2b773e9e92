export { connectPglite, connectPostgres } from './client';
export type { Orm, Schema, Tx } from './client';
export { Database, NestedTransactionError } from './database';
export type { SystemReason } from './database';
export { databaseUrl, embeddedDatabaseUrl, readDbEnv } from './env';
export type { DbEnv } from './env';
export { migrateUrl, migratePgliteDb, migrationsFolder } from './migrate';
export * from './schema';
export * from './accounts';
