import { createHash } from 'node:crypto';
import type { Database } from '@platform/db';
import { AppError } from '@platform/errors';
import { PostgresRateLimiter } from '../widget/rate-limit';
import type { RateLimitDecision, RateLimiter, RateLimitRule } from '../widget/rate-limit';

/** One limiter per database, so its sweep of old windows runs once per window, not per request. */
const shared = new WeakMap<Database, RateLimiter>();

/** The context's limiter (tests pass one), else the process's shared Postgres limiter. */
export function limiterFor(ctx: { db: Database; limiter?: RateLimiter }): RateLimiter {
  if (ctx.limiter) return ctx.limiter;
  let limiter = shared.get(ctx.db);
  if (!limiter) shared.set(ctx.db, (limiter = new PostgresRateLimiter(ctx.db)));
  return limiter;
}

/** A counter key for a secret or personal value (an invite token, an email): never stored raw. */
export function digestKey(value: string): string {
  return createHash('sha256').update(value).digest('base64url').slice(0, 32);
}

/**
 * Charges `stages` one at a time, in order, and returns the first refusal. Charging the client
 * address first and alone means a flood of made-up values (emails, invites) from one address
 * stops there instead of adding a counter per made-up value.
 */
export async function consumeInStages(
  limiter: RateLimiter,
  stages: readonly RateLimitRule[],
  windowSeconds: number,
): Promise<RateLimitDecision> {
  for (const rule of stages) {
    const decision = await limiter.consume([rule], windowSeconds);
    if (!decision.allowed) return decision;
  }
  return { allowed: true };
}

/** As consumeInStages, throwing RATE_LIMITED with `message(seconds)` when refused. */
export async function enforceInStages(
  limiter: RateLimiter,
  stages: readonly RateLimitRule[],
  windowSeconds: number,
  message: (retryAfterSeconds: number) => string,
): Promise<void> {
  const decision = await consumeInStages(limiter, stages, windowSeconds);
  if (!decision.allowed) {
    throw new AppError('RATE_LIMITED', message(decision.retryAfterSeconds), {
      retryAfterSeconds: decision.retryAfterSeconds,
    });
  }
}
