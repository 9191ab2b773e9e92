export { PostgresRateLimiter } from './postgres';
export type { PostgresRateLimiterOptions } from './postgres';
export { fixedWindow } from './types';
export type { RateLimitDecision, RateLimiter, RateLimitRule } from './types';
