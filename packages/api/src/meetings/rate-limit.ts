import type { Database } from '@platform/db';
import { clientAddress } from '../lib/client-address';
import { digestKey, enforceInStages, limiterFor } from '../lib/rate-limit';
import type { RateLimiter } from '../widget/rate-limit';
import { meetingsApiEnv } from './env';

/**
 * Guest invite redemption is public: it is limited per client IP, then per invite link, with the
 * widget's Postgres limiter (counters shared by every app process). The invite's counter key is a
 * digest: the token is a credential.
 */
export async function limitGuestRedeem(
  ctx: { db: Database; limiter?: RateLimiter; headers: Headers },
  invite: string,
): Promise<void> {
  const env = meetingsApiEnv();
  const ip = clientAddress(ctx.headers);
  await enforceInStages(
    limiterFor(ctx),
    [
      { key: `meeting-invite-ip:${ip}`, limit: env.MEETING_INVITE_RATE_LIMIT_IP },
      { key: `meeting-invite:${digestKey(invite)}`, limit: env.MEETING_INVITE_RATE_LIMIT_INVITE },
    ],
    env.MEETING_INVITE_RATE_WINDOW_SECONDS,
    (seconds) => `Too many attempts to join. Try again in ${seconds} seconds.`,
  );
}
