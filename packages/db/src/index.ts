export { connectPostgres, databaseOver } from './client';
export type { Orm, Schema, Tx } from './client';
export {
  contextSetup,
  Database,
  NestedTransactionError,
  systemReasons,
  tenantOf,
} from './database';
export type { DatabaseActivity, DbContext, SystemReason } from './database';
export { ensureLoginRoleSql, LOGIN_ROLE, loginUrl } from './login-role';
export { databaseUrl, embeddedDatabaseUrl, readDbEnv } from './env';
export type { DbEnv } from './env';
export { migrateUrl, migratePgliteDb, migrationsFolder } from './migrate';
export * from './schema';
export * from './accounts';
export { deleteChunks, insertChunks, recountChunkStatistics } from './knowledge/chunks';
export { PARTIAL_SEGMENTS_BEFORE_MERGE, POSTINGS_PER_SEGMENT } from './knowledge/postings';
export { rowsOf } from './rows';
export type { NewChunk } from './knowledge/chunks';
export { seedDemo, DEMO_EMAIL, DEMO_PASSWORD, DEMO_WIDGET_ID, DEMO_WIDGET_ORIGINS } from './seed';
export type { DemoSeed } from './seed';
export { demoDocuments } from './seed/demo-knowledge';
export * from './live';
