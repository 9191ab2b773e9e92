import { createHash } from 'node:crypto';
import type { Database } from '@platform/db';
import { AppError } from '@platform/errors';
import { clientIp } from '../widget/http';
import { PostgresRateLimiter } from '../widget/rate-limit';
import type { RateLimiter, RateLimitRule } from '../widget/rate-limit';
import { meetingsApiEnv } from './env';

/** One limiter per database, so its sweep of old windows runs once per window, not per request. */
const shared = new WeakMap<Database, RateLimiter>();

function limiterFor(ctx: { db: Database; limiter?: RateLimiter }): RateLimiter {
  if (ctx.limiter) return ctx.limiter;
  let limiter = shared.get(ctx.db);
  if (!limiter) shared.set(ctx.db, (limiter = new PostgresRateLimiter(ctx.db)));
  return limiter;
}

/**
 * Guest invite redemption is public: it is limited per client IP and per invite link, with the
 * widget's Postgres limiter (counters shared by every app process). The IP is charged first and
 * alone, so a flood of made-up invites from one address stops there instead of adding a counter
 * per made-up invite. The invite's counter key is a hash: the token is a credential.
 */
export async function limitGuestRedeem(
  ctx: { db: Database; limiter?: RateLimiter; headers: Headers },
  invite: string,
): Promise<void> {
  const env = meetingsApiEnv();
  const limiter = limiterFor(ctx);
  // clientIp reads only the headers; a Request carries the ones the tRPC context has.
  const ip = clientIp(
    new Request('http://trpc.invalid/', { headers: ctx.headers }),
    env.WIDGET_TRUSTED_PROXY_HOPS,
  );
  const digest = createHash('sha256').update(invite).digest('base64url').slice(0, 32);
  const stages: RateLimitRule[] = [
    { key: `meeting-invite-ip:${ip}`, limit: env.MEETING_INVITE_RATE_LIMIT_IP },
    { key: `meeting-invite:${digest}`, limit: env.MEETING_INVITE_RATE_LIMIT_INVITE },
  ];
  for (const rule of stages) {
    const decision = await limiter.consume([rule], env.MEETING_INVITE_RATE_WINDOW_SECONDS);
    if (!decision.allowed) {
      throw new AppError(
        'RATE_LIMITED',
        `Too many attempts to join. Try again in ${decision.retryAfterSeconds} seconds.`,
        { retryAfterSeconds: decision.retryAfterSeconds },
      );
    }
  }
}
