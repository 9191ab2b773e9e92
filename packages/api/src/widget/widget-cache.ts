import type { ResolvedWidget } from './store';

/**
 * Widget id -> resolved widget, kept briefly: every widget API call resolves its widget, and on the
 * embedded database that read was a transaction of its own per chat turn. Correct at once within
 * the process: the dashboard's widget, personality and tenant mutations call `forget...` after
 * their transaction commits (see widgets/router.ts), and a load that started before a `forget`
 * is not kept, so no stale row can refill the cache. Other processes (several app servers) see a
 * change within the TTL.
 */
export class WidgetCache {
  readonly #entries = new Map<string, { widget: ResolvedWidget; expiresAt: number }>();
  #generation = 0;

  constructor(
    readonly ttlMs: number,
    readonly maxEntries = 10_000,
    readonly now: () => number = Date.now,
  ) {}

  async resolve(
    widgetId: string,
    load: (widgetId: string) => Promise<ResolvedWidget | null>,
  ): Promise<ResolvedWidget | null> {
    const entry = this.#entries.get(widgetId);
    if (entry && entry.expiresAt > this.now()) return entry.widget;
    const generation = this.#generation;
    const widget = await load(widgetId);
    // Unknown ids are not kept: a flood of made-up ids must not evict the real widgets.
    if (widget && this.ttlMs > 0 && generation === this.#generation) {
      if (this.#entries.size >= this.maxEntries) this.#entries.clear();
      this.#entries.set(widgetId, { widget, expiresAt: this.now() + this.ttlMs });
    }
    return widget;
  }

  /** After a widget changed or was deleted. */
  forgetWidget(widgetId: string): void {
    this.#generation += 1;
    this.#entries.delete(widgetId);
  }

  /** After something every widget of a tenant depends on changed (the tenant deleted, a personality). */
  forgetTenant(tenantId: string): void {
    this.#generation += 1;
    for (const [id, entry] of this.#entries)
      if (entry.widget.tenantId === tenantId) this.#entries.delete(id);
  }
}

/** How long another process's dashboard change may take to reach this one. */
export const WIDGET_CACHE_TTL_MS = 5_000;

// On globalThis under a registered symbol: Next may load this module twice (route handlers and
// tRPC in different server chunks), and the dashboard's `forget` must reach the widget API's cache.
const SHARED = Symbol.for('platform.widget.resolutionCache');

/** The process's one cache, shared by the widget API and the dashboard's mutations. */
export function sharedWidgetCache(): WidgetCache {
  const holder = globalThis as typeof globalThis & { [SHARED]?: WidgetCache };
  holder[SHARED] ??= new WidgetCache(WIDGET_CACHE_TTL_MS);
  return holder[SHARED];
}
