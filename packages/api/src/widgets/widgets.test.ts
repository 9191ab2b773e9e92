import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@platform/db/testing';
import type { TestDatabase } from '@platform/db/testing';
import { seedTenant } from '../testing/fixtures';
import type { SeededTenant } from '../testing/fixtures';
import { attempt } from '../testing/procedures';
import { resolveWidget } from '../widget/store';
import { sharedWidgetCache } from '../widget/widget-cache';

let t: TestDatabase;
let S: SeededTenant;

beforeAll(async () => {
  t = await createTestDatabase();
  S = await seedTenant(t, 'Widget Co');
});
afterAll(() => t.close());

describe('widgets', () => {
  it('create normalises and de-duplicates origins and fills default settings', async () => {
    const widget = await S.callers.admin.widgets.create({
      name: ' Support ',
      domainWhitelist: [
        'HTTPS://Shop.Example.com:443/',
        'https://shop.example.com',
        'http://localhost:5173',
      ],
    });
    expect(widget).toMatchObject({
      name: 'Support',
      domainWhitelist: ['https://shop.example.com', 'http://localhost:5173'],
      settings: { theme: 'auto', position: 'bottom-right' },
      isActive: true,
    });
    expect(await S.callers.member.widgets.get({ id: widget.id })).toEqual(widget);
  });

  it('refuses entries that are not plain origins, naming the entry', async () => {
    for (const bad of [
      'shop.example.com',
      'https://shop.example.com/embed',
      'javascript:alert(1)',
      'https://user:pw@shop.example.com',
      'https://*.example.com',
    ]) {
      const outcome = await attempt(S.callers.admin, 'widgets.create', {
        name: 'W',
        domainWhitelist: [bad],
      });
      expect(outcome.code, bad).toBe('BAD_REQUEST');
      expect(Object.keys(outcome.shape!.data.zodError!.fieldErrors), bad).toContain(
        'domainWhitelist.0',
      );
    }
  });

  it('update changes only what it names and merges settings', async () => {
    const updated = await S.callers.admin.widgets.update({
      id: S.ids.widgetId,
      settings: { theme: 'dark', primaryColor: '#abc', greeting: 'Hello there' },
    });
    expect(updated.name).toBe('Widget Co widget');
    expect(updated.domainWhitelist).toEqual(['https://widget-co.example']);
    expect(updated.settings).toEqual({
      theme: 'dark',
      position: 'bottom-right',
      greeting: 'Hello there',
      primaryColor: '#abc',
      personalityId: S.ids.personalityId,
    });
    const off = await S.callers.admin.widgets.update({
      id: S.ids.widgetId,
      isActive: false,
      settings: { personalityId: null },
    });
    expect(off.isActive).toBe(false);
    expect(off.settings).not.toHaveProperty('personalityId');
  });

  it("a personality that is not the tenant's is NOT_FOUND", async () => {
    const outcome = await attempt(S.callers.admin, 'widgets.update', {
      id: S.ids.widgetId,
      settings: { personalityId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(outcome).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('list pages newest first', async () => {
    const first = await S.callers.member.widgets.list({ limit: 1 });
    const second = await S.callers.member.widgets.list({ limit: 1, cursor: first.nextCursor! });
    expect(first.items[0]!.createdAt.getTime()).toBeGreaterThanOrEqual(
      second.items[0]!.createdAt.getTime(),
    );
    expect(first.items[0]!.id).not.toBe(second.items[0]!.id);
  });

  it('embedSnippet is the script tag with the widget id', async () => {
    expect(await S.callers.member.widgets.embedSnippet({ id: S.ids.widgetId })).toEqual({
      widgetId: S.ids.widgetId,
      scriptUrl: 'http://localhost:3000/embed.js',
      snippet: `<script src="http://localhost:3000/embed.js" data-widget-id="${S.ids.widgetId}" async></script>`,
    });
  });

  it('delete removes it; conversations keep existing without it', async () => {
    await S.callers.admin.widgets.delete({ id: S.ids.widgetId });
    expect(await attempt(S.callers.member, 'widgets.get', { id: S.ids.widgetId })).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(
      (await t.raw('select widget_id from sessions where id = $1', [S.ids.sessionId]))[0]!
        .widget_id,
    ).toBeNull();
    expect(await attempt(S.callers.admin, 'widgets.delete', { id: S.ids.widgetId })).toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('update, delete and a deleted personality reach the widget API at once (its cache is forgotten)', async () => {
    const cache = sharedWidgetCache();
    const load = (id: string) => resolveWidget(t.db, id);
    const personality = await S.callers.admin.personalities.create({
      name: 'Short-lived',
      systemPrompt: 'Be brief.',
    });
    const created = await S.callers.admin.widgets.create({
      name: 'Cached',
      domainWhitelist: ['https://shop.example.com'],
      settings: { personalityId: personality.id },
    });
    expect((await cache.resolve(created.id, load))?.settings?.personalityId).toBe(personality.id);

    await S.callers.admin.personalities.delete({ id: personality.id });
    expect((await cache.resolve(created.id, load))?.settings?.personalityId).toBeUndefined();

    await S.callers.admin.widgets.update({ id: created.id, isActive: false });
    expect((await cache.resolve(created.id, load))?.isActive).toBe(false);

    await S.callers.admin.widgets.delete({ id: created.id });
    expect(await cache.resolve(created.id, load)).toBeNull();
  });
});
