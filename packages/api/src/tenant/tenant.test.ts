import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '@platform/db';
import { createTestDatabase } from '@platform/db/testing';
import type { TestDatabase } from '@platform/db/testing';
import { seedTenant, snapshotTenant, tenantTables } from '../testing/fixtures';
import type { SeededTenant } from '../testing/fixtures';
import { attempt } from '../testing/procedures';

let t: TestDatabase;
let S: SeededTenant;
let other: SeededTenant;

beforeAll(async () => {
  t = await createTestDatabase();
  S = await seedTenant(t, 'Tenant Co');
  other = await seedTenant(t, 'Bystander');
});
afterAll(() => t.close());

describe('tenant', () => {
  it('get returns the tenant without its API key hash', async () => {
    const tenant = await S.callers.member.tenant.get();
    expect(tenant).toMatchObject({ id: S.tenantId, name: 'Tenant Co', plan: 'starter' });
    expect(tenant).not.toHaveProperty('apiKey');
  });

  it('update changes the name and merges settings; null removes one; origins are normalised', async () => {
    await S.callers.admin.tenant.update({
      settings: { features: ['chat'], budgets: { monthly: 50 } },
    });
    const updated = await S.callers.admin.tenant.update({
      name: 'Tenant Company',
      settings: {
        maxMonthlySpend: 123.456,
        allowedDomains: [
          'https://Shop.Example.com/',
          'https://shop.example.com',
          'http://localhost:3000',
        ],
        budgets: { warningAt: 0.8 },
      },
    });
    expect(updated.name).toBe('Tenant Company');
    expect(updated.settings).toMatchObject({
      maxMonthlySpend: 123.46,
      allowedDomains: ['https://shop.example.com', 'http://localhost:3000'],
      features: ['chat'],
      budgets: { monthly: 50, warningAt: 0.8 },
    });
    const cleared = await S.callers.admin.tenant.update({
      settings: { maxMonthlySpend: null, budgets: { monthly: null } },
    });
    expect(cleared.settings).not.toHaveProperty('maxMonthlySpend');
    expect(cleared.settings.budgets).toEqual({ warningAt: 0.8 });
  });

  it('update refuses a path, a wildcard or a non-http origin, naming the entry', async () => {
    for (const bad of [
      'https://shop.example.com/path',
      'https://*.example.com',
      'ftp://example.com',
      'example.com',
    ]) {
      const outcome = await attempt(S.callers.admin, 'tenant.update', {
        settings: { allowedDomains: ['https://ok.example', bad] },
      });
      expect(outcome.code, bad).toBe('BAD_REQUEST');
      expect(Object.keys(outcome.shape!.data.zodError!.fieldErrors)).toContain(
        'settings.allowedDomains.1',
      );
    }
  });

  it('rotateApiKey returns a new key once and stores only its hash', async () => {
    const [before] = await t.raw('select api_key from tenants where id = $1', [S.tenantId]);
    const { apiKey } = await S.callers.owner.tenant.rotateApiKey();
    const [after] = await t.raw('select api_key from tenants where id = $1', [S.tenantId]);
    expect(after!.api_key).not.toBe(before!.api_key);
    expect(after!.api_key).toBe(hashApiKey(apiKey));
    expect(after!.api_key).not.toContain(apiKey);
  });

  const derivedTables = new Set([
    'knowledge_corpus_stats',
    'knowledge_term_stats',
    'knowledge_postings',
  ]);

  it("exportData holds every row of every tenant table (and only this tenant's), without secrets", async () => {
    const data = await S.callers.owner.tenant.exportData();
    expect(data.tenant).toMatchObject({ id: S.tenantId });
    const exported = { tenants: [data.tenant], ...data.tables } as Record<
      string,
      Array<{ id?: string }>
    >;
    // Enumerated from the database, so a new tenant table fails this until the export includes it.
    const snapshot = await snapshotTenant(t, S.tenantId);
    for (const table of await tenantTables(t)) {
      // Search statistics and postings are derived from the chunks (rebuilt on import), like embeddings.
      if (derivedTables.has(table)) continue;
      expect(exported[table], `export lacks ${table}`).toBeDefined();
      expect(exported[table]!.length, `rows of ${table}`).toBe(snapshot[table]!.length);
    }
    const text = JSON.stringify(data);
    for (const id of Object.values(other.ids)) expect(text).not.toContain(id);
    expect(text).not.toMatch(
      /passwordHash|password_hash|scrypt\$|apiKey|tokenHash|sessionToken|access_token|embedding/,
    );
  });

  it('delete needs the exact name typed, and changes nothing otherwise', async () => {
    const before = await snapshotTenant(t, S.tenantId);
    const outcome = await attempt(S.callers.owner, 'tenant.delete', {
      confirmName: 'tenant company',
    });
    expect(outcome).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
    expect(outcome.shape?.data.zodError?.fieldErrors).toHaveProperty('confirmName');
    expect(await snapshotTenant(t, S.tenantId)).toEqual(before);
  });

  it('delete removes everything of the tenant, from every tenant table, and signs its users out', async () => {
    const bystanderBefore = await snapshotTenant(t, other.tenantId);
    expect(await S.callers.owner.tenant.delete({ confirmName: 'Tenant Company' })).toEqual({
      deleted: true,
      id: S.tenantId,
    });

    const after = await snapshotTenant(t, S.tenantId);
    const leftovers = Object.entries(after)
      .filter(([, rows]) => rows.length > 0)
      .map(([table]) => table);
    expect(leftovers).toEqual([]);
    // Rows reachable only through ids (not tenant_id) are gone too.
    const withId = (await tenantTables(t)).filter((table) => !derivedTables.has(table));
    for (const id of Object.values(S.ids)) {
      for (const table of withId) {
        expect(await t.raw(`select 1 from "${table}" where id::text = $1`, [id])).toEqual([]);
      }
    }
    expect(await snapshotTenant(t, other.tenantId)).toEqual(bystanderBefore);
    for (const role of ['owner', 'admin', 'member'] as const) {
      expect(await attempt(S.callers[role], 'account.me', undefined)).toMatchObject({
        ok: false,
        code: 'UNAUTHORIZED',
      });
    }
  });
});
