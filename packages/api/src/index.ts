/**
 * @platform/api: the dashboard's tRPC API. Thin: procedures validate input, pick the tenant from
 * the database, and call domain code (@platform/auth, @platform/costs, @platform/meetings, ...).
 */
export { appRouter, createCaller } from './root';
export type { AppRouter } from './root';
export { createCallerFactory, createContext } from './trpc';
export type { ApiSession, Context, CreateContextOptions, IngestionScheduler } from './trpc';
export { readApiEnv } from './env';
export { createSignInLimiter } from './account/rate-limit';
export type { ApiEnv } from './env';
export { transformer } from './transformer';
export { fetchHandler } from './fetch';
export type { FetchHandlerOptions } from './fetch';
export { inboxLiveResponse } from './inbox/live';
export type { InboxLiveOptions } from './inbox/live';
