import { describe, expect, it } from 'vitest';
import type { ResolvedWidget } from './store';
import { WidgetCache } from './widget-cache';

const widget = (id: string, tenantId = 't1', isActive = true): ResolvedWidget => ({
  id,
  tenantId,
  name: 'W',
  isActive,
  domainWhitelist: ['https://shop.example'],
  settings: null,
});

/** A loader over a mutable "table" that counts its reads. */
function table(rows: ResolvedWidget[]) {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const loader = {
    reads: 0,
    byId,
    load: async (id: string) => {
      loader.reads += 1;
      return byId.get(id) ?? null;
    },
  };
  return loader;
}

describe('WidgetCache (widget resolution kept briefly)', () => {
  it('answers from memory within the TTL and reads again after it', async () => {
    let now = 1_000;
    const cache = new WidgetCache(5_000, 100, () => now);
    const db = table([widget('w1')]);
    await cache.resolve('w1', db.load);
    await cache.resolve('w1', db.load);
    expect(db.reads).toBe(1);
    db.byId.set('w1', widget('w1', 't1', false));
    now += 5_001;
    expect((await cache.resolve('w1', db.load))?.isActive).toBe(false);
    expect(db.reads).toBe(2);
  });

  it('forgetWidget makes the next call read the changed row at once', async () => {
    const cache = new WidgetCache(60_000);
    const db = table([widget('w1'), widget('w2')]);
    await cache.resolve('w1', db.load);
    await cache.resolve('w2', db.load);
    db.byId.set('w1', widget('w1', 't1', false));
    cache.forgetWidget('w1');
    expect((await cache.resolve('w1', db.load))?.isActive).toBe(false);
    await cache.resolve('w2', db.load); // the other widget stays cached
    expect(db.reads).toBe(3);
  });

  it('forgetTenant drops every widget of that tenant only', async () => {
    const cache = new WidgetCache(60_000);
    const db = table([widget('a1', 'A'), widget('a2', 'A'), widget('b1', 'B')]);
    for (const id of ['a1', 'a2', 'b1']) await cache.resolve(id, db.load);
    db.byId.delete('a1');
    db.byId.delete('a2');
    cache.forgetTenant('A');
    expect(await cache.resolve('a1', db.load)).toBeNull();
    expect(await cache.resolve('a2', db.load)).toBeNull();
    expect((await cache.resolve('b1', db.load))?.tenantId).toBe('B');
    expect(db.reads).toBe(5);
  });

  it('does not keep a row loaded before a forget (it may predate the change)', async () => {
    const cache = new WidgetCache(60_000);
    const db = table([widget('w1')]);
    let release!: () => void;
    const slow = (id: string) =>
      new Promise<ResolvedWidget | null>((resolve) => {
        release = () => resolve(widget(id)); // the row as it was before the change
      });
    const pending = cache.resolve('w1', slow);
    db.byId.set('w1', widget('w1', 't1', false));
    cache.forgetWidget('w1'); // the dashboard's change commits while the old row is in flight
    release();
    expect((await pending)?.isActive).toBe(true);
    expect((await cache.resolve('w1', db.load))?.isActive).toBe(false);
  });

  it('does not keep unknown ids, and a TTL of 0 turns caching off', async () => {
    const db = table([widget('w1')]);
    const cache = new WidgetCache(60_000);
    await cache.resolve('nope', db.load);
    await cache.resolve('nope', db.load);
    expect(db.reads).toBe(2);
    const off = new WidgetCache(0);
    await off.resolve('w1', db.load);
    await off.resolve('w1', db.load);
    expect(db.reads).toBe(4);
  });
});
