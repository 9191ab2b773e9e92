import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '@platform/db/testing';
import { catalogue } from '../testing/catalogue';
import { createApiTestDatabase, seedTenant, snapshotTenant } from '../testing/fixtures';
import type { SeededTenant } from '../testing/fixtures';
import { attempt, procedurePaths } from '../testing/procedures';

let t: TestDatabase;
let S: SeededTenant;

beforeAll(async () => {
  t = await createApiTestDatabase();
  S = await seedTenant(t, 'Roles');
});
afterAll(() => t.close());

const paths = procedurePaths();
const at = (role: string) => paths.filter((p) => catalogue[p]?.role === role);

describe('roles', () => {
  it('every procedure declares its role in the catalogue', () => {
    expect(paths.filter((p) => !catalogue[p])).toEqual([]);
  });

  it.each([...at('admin'), ...at('owner')])(
    'a member calling %s gets FORBIDDEN and nothing changes',
    async (path) => {
      const before = await snapshotTenant(t, S.tenantId);
      const outcome = await attempt(S.callers.member, path, catalogue[path]!.input(S, 1));
      expect(outcome).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await snapshotTenant(t, S.tenantId)).toEqual(before);
    },
  );

  it.each(at('owner'))('an admin calling %s gets FORBIDDEN and nothing changes', async (path) => {
    const before = await snapshotTenant(t, S.tenantId);
    const outcome = await attempt(S.callers.admin, path, catalogue[path]!.input(S, 1));
    expect(outcome).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await snapshotTenant(t, S.tenantId)).toEqual(before);
  });

  it.each(paths.filter((p) => catalogue[p]?.role !== 'public'))(
    'signed out, %s is UNAUTHORIZED and nothing changes',
    async (path) => {
      const before = await snapshotTenant(t, S.tenantId);
      const outcome = await attempt(S.callers.anonymous, path, catalogue[path]!.input(S, 1));
      expect(outcome).toMatchObject({ ok: false, code: 'UNAUTHORIZED' });
      expect(await snapshotTenant(t, S.tenantId)).toEqual(before);
    },
  );

  it.each(at('member'))('a member may call %s', async (path) => {
    const outcome = await attempt(S.callers.member, path, catalogue[path]!.input(S, 1));
    expect(outcome.ok, `${path}: ${outcome.code} ${outcome.message}`).toBe(true);
  });
});
