import { createHmac, timingSafeEqual } from 'node:crypto';
import { outboundRequest, type OutboundRequest } from '@platform/outbound';
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
  /** The outbound guard's test hooks (address policy, DNS). */
  guard?: Pick<OutboundRequest, 'policy' | 'resolve'>;
}

/**
 * Posts through the outbound guard (@platform/outbound), as every request to a tenant-typed URL
 * does: the address is checked at connect time, so neither an IP literal nor a name resolving
 * to a private or loopback address reaches the platform's network. Redirects are not followed
 * (a receiver answering 3xx has not accepted the alert).
 */
export function createWebhookNotifier(options: WebhookNotifierOptions = {}): AlertNotifier {
  const env = readCostsEnv();
  const signingKey = options.signingKey ?? env.webhookSigningKey;
  const timeoutMs = options.timeoutMs ?? env.webhookTimeoutMs;
  const allowPrivate = options.allowPrivateHosts ?? env.webhookAllowPrivate;
  return {
    async deliver(url, alert) {
      const body = JSON.stringify(alertPayload(alert));
      const timestamp = Math.floor((options.now?.() ?? new Date()).getTime() / 1000);
      try {
        const response = await outboundRequest(url, {
          ...options.guard,
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
          timeoutMs,
          // The answer's body is not used; a receiver's chatty 2xx still counts as accepted.
          maxBytes: 1024 * 1024,
          maxRedirects: 0,
          allowPrivate,
          noun: 'The webhook',
        });
        return response.status >= 200 && response.status < 300;
      } catch {
        return false;
      }
    },
  };
}
