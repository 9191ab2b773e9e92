import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '@platform/db/testing';
import { catalogue } from '../testing/catalogue';
import { createApiTestDatabase, seedTenant, snapshotTenant } from '../testing/fixtures';
import type { SeededTenant } from '../testing/fixtures';
import { attempt, procedureDef, procedurePaths } from '../testing/procedures';
import { walk } from '../testing/zod-walk';

/**
 * Tenant B tries every procedure. Where a procedure takes ids, B passes tenant A's: the answer is
 * NOT_FOUND (never confirming the row exists). Where it takes none, B gets its own data and
 * nothing of A's. Either way A's rows are byte-for-byte what they were.
 */
let t: TestDatabase;
let A: SeededTenant;
let B: SeededTenant;

beforeAll(async () => {
  t = await createApiTestDatabase();
  A = await seedTenant(t, 'Alpha');
  B = await seedTenant(t, 'Beta');
});
afterAll(() => t.close());

// B deleting its own tenant ends B's session: run it last.
const paths = procedurePaths().sort(
  (x, y) => Number(x === 'tenant.delete') - Number(y === 'tenant.delete'),
);

function takesIds(path: string): boolean {
  const schema = procedureDef(path).inputs[0];
  return schema ? walk(schema as never).some((f) => f.kind === 'uuid') : false;
}

function identifiersOf(s: SeededTenant): string[] {
  return [
    s.tenantId,
    ...Object.values(s.ids),
    ...Object.values(s.users),
    s.name,
    `${s.name.toLowerCase()}.test`,
  ];
}

describe('tenant isolation, for every procedure of the router', () => {
  it('every procedure is in the catalogue (add new ones there)', () => {
    expect(paths.filter((p) => !catalogue[p])).toEqual([]);
    expect(Object.keys(catalogue).filter((p) => !paths.includes(p))).toEqual([]);
  });

  it.each(paths)('%s', async (path) => {
    const spec = catalogue[path];
    expect(spec, `${path} has no catalogue entry`).toBeDefined();
    const before = await snapshotTenant(t, A.tenantId);
    const caller = spec!.role === 'public' ? B.callers.anonymous : B.callers.owner;

    if (spec!.role !== 'public' && takesIds(path)) {
      const outcome = await attempt(caller, path, spec!.input(A, 1));
      expect(outcome, `${path} with tenant A's ids`).toMatchObject({
        ok: false,
        code: 'NOT_FOUND',
      });
      // The message never leaks a name or id of A's.
      for (const secret of identifiersOf(A)) expect(outcome.message).not.toContain(secret);
    } else {
      const outcome = await attempt(caller, path, spec!.input(B, 1));
      expect(outcome.code).not.toBe('INTERNAL_SERVER_ERROR');
      const serialized = JSON.stringify(outcome.value ?? outcome.message ?? '');
      for (const secret of identifiersOf(A))
        expect(serialized, `${path} result mentions ${secret}`).not.toContain(secret);
    }

    expect(await snapshotTenant(t, A.tenantId)).toEqual(before);
  });
});
