/** One counter to charge: e.g. `{ key: 'ip:203.0.113.9', limit: 120 }`. */
export interface RateLimitRule {
  key: string;
  limit: number;
}

export type RateLimitDecision =
  { allowed: true } | { allowed: false; retryAfterSeconds: number; key: string };

/**
 * Fixed-window counters shared by every app process. `consume` charges one request to every
 * rule's key in the current window and refuses when any of them is over its limit.
 */
export interface RateLimiter {
  consume(rules: readonly RateLimitRule[], windowSeconds: number): Promise<RateLimitDecision>;
}

/** The window containing `nowMs` and the whole seconds until it ends (at least 1). */
export function fixedWindow(nowMs: number, windowSeconds: number) {
  const size = windowSeconds * 1000;
  const start = Math.floor(nowMs / size) * size;
  return {
    start: new Date(start),
    retryAfterSeconds: Math.max(1, Math.ceil((start + size - nowMs) / 1000)),
  };
}
