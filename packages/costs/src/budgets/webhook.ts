import { createHmac, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { readCostsEnv } from '../env';
import type { BudgetAlert } from './evaluate';

/**
 * Signed budget webhooks, in the Stripe style: the header carries a timestamp and an
 * HMAC-SHA256 over `${timestamp}.${body}`, so a receiver can reject both forgeries and replays.
 *   X-Platform-Signature: t=1763900000,v1=5257a869e7...
 */
export const SIGNATURE_HEADER = 'x-platform-signature';

/**
 * The tenant's webhook secret, derived from the platform key so none is stored: the dashboard
 * shows it to the tenant's admins for their receiver. Rotating the platform key rotates all.
 */
export function alertWebhookSecret(
  tenantId: string,
  signingKey = readCostsEnv().webhookSigningKey,
): string {
  return `whsec_${createHmac('sha256', signingKey).update(`budget-webhook:${tenantId}`).digest('base64url')}`;
}

export function signPayload(secret: string, body: string, timestamp: number): string {
  const signature = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${signature}`;
}

/** For receivers (and tests): true if `header` signs `body` with `secret` within `toleranceSeconds`. */
export function verifySignature(
  secret: string,
  body: string,
  header: string | null | undefined,
  options: { toleranceSeconds?: number; now?: Date } = {},
): boolean {
  const parts = Object.fromEntries(
    (header ?? '').split(',').map((p) => p.trim().split('=', 2) as [string, string]),
  );
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || !parts.v1) return false;
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(nowSeconds - timestamp) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signPayload(secret, body, timestamp).split('v1=')[1]!, 'hex');
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export interface AlertWebhookPayload {
  type: 'budget.alert';
  tenantId: string;
  alert: {
    id: string;
    period: string;
    severity: string;
    thresholdUsd: string;
    currentSpendUsd: string;
    periodStart: string | null;
    triggeredAt: string;
    message: string | null;
  };
}

export function alertPayload(alert: BudgetAlert): AlertWebhookPayload {
  return {
    type: 'budget.alert',
    tenantId: alert.tenantId,
    alert: {
      id: alert.id,
      period: alert.period,
      severity: alert.severity,
      thresholdUsd: alert.threshold,
      currentSpendUsd: alert.currentSpend,
      periodStart: alert.metadata?.periodStart ?? null,
      triggeredAt: alert.triggeredAt.toISOString(),
      message: alert.metadata?.customMessage ?? null,
    },
  };
}

/** Sends alerts somewhere outside the dashboard. The default posts signed webhooks. */
export interface AlertNotifier {
  /** Resolves true when the receiver accepted it (2xx). Never throws. */
  deliver(url: string, alert: BudgetAlert): Promise<boolean>;
}

export interface WebhookNotifierOptions {
  signingKey?: string;
  timeoutMs?: number;
  allowPrivateHosts?: boolean;
  now?: () => Date;
}

export function createWebhookNotifier(options: WebhookNotifierOptions = {}): AlertNotifier {
  const env = readCostsEnv();
  const signingKey = options.signingKey ?? env.webhookSigningKey;
  const timeoutMs = options.timeoutMs ?? env.webhookTimeoutMs;
  const allowPrivate = options.allowPrivateHosts ?? env.webhookAllowPrivate;
  return {
    async deliver(url, alert) {
      if (!isDeliverableUrl(url, allowPrivate)) return false;
      const body = JSON.stringify(alertPayload(alert));
      const timestamp = Math.floor((options.now?.() ?? new Date()).getTime() / 1000);
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [SIGNATURE_HEADER]: signPayload(
              alertWebhookSecret(alert.tenantId, signingKey),
              body,
              timestamp,
            ),
          },
          body,
          redirect: 'error',
          signal: AbortSignal.timeout(timeoutMs),
        });
        await response.body?.cancel();
        return response.ok;
      } catch {
        return false;
      }
    },
  };
}

/**
 * http(s) only; unless allowed, no loopback, private, link-local or bare-hostname targets given
 * as literals. (A public name resolving to a private address is not caught here: that needs an
 * egress proxy, listed as left to do.)
 */
export function isDeliverableUrl(raw: string, allowPrivate: boolean): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  if (allowPrivate) return true;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host.endsWith('.internal') ||
    (!host.includes('.') && isIP(host) === 0)
  )
    return false;
  if (isIP(host) === 4) {
    const [a, b] = host.split('.').map(Number) as [number, number];
    return !(
      a === 10 ||
      a === 127 ||
      a === 0 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  if (isIP(host) === 6)
    return !(
      host === '::1' ||
      host === '::' ||
      /^f[cd]/.test(host) ||
      /^fe[89ab]/.test(host) ||
      host.startsWith('::ffff:')
    );
  return true;
}
