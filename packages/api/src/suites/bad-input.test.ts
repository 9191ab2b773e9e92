import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '@platform/db/testing';
import { catalogue } from '../testing/catalogue';
import { createApiTestDatabase, seedTenant, snapshotTenant } from '../testing/fixtures';
import type { SeededTenant } from '../testing/fixtures';
import { attempt, procedureDef, procedurePaths } from '../testing/procedures';
import { getAt, walk, withAt } from '../testing/zod-walk';
import type { FieldInfo } from '../testing/zod-walk';

/**
 * Every procedure, every field of its input: wrong type, missing, oversize, malformed id or
 * cursor. Each answer is BAD_REQUEST naming the field (never a 500), and nothing is written.
 * The cases are derived from each procedure's zod schema, so new fields are covered unasked.
 */
let t: TestDatabase;
let S: SeededTenant;

beforeAll(async () => {
  t = await createApiTestDatabase();
  S = await seedTenant(t, 'Bad Input');
});
afterAll(() => t.close());

interface Case {
  label: string;
  input: unknown;
  /** The field the error must name (dotted path); null: the input as a whole. */
  field: string | null;
}

const WRONG_TYPE: Partial<Record<FieldInfo['kind'], unknown>> = {
  string: 12345,
  uuid: 12345,
  enum: 12345,
  number: 'abc',
  boolean: 'yes',
  object: 'not-an-object',
  array: 'not-an-array',
  date: true,
  union: true,
};

function casesFor(path: string, valid: unknown): Case[] {
  const schema = procedureDef(path).inputs[0];
  const fields = schema ? walk(schema as never) : [];
  const cases: Case[] = [
    { label: 'input of the wrong type', input: 12345, field: null },
    { label: 'an unknown field', input: { ...(valid as object), unexpectedField: 1 }, field: null },
  ];
  for (const f of fields) {
    const name = f.path.join('.');
    const parentPresent = f.path.length === 1 || getAt(valid, f.path.slice(0, -1)) !== undefined;
    if (f.required && parentPresent && !f.path.includes(0)) {
      cases.push({
        label: `${name} missing`,
        input: withAt(valid, f.path, undefined, true),
        field: name,
      });
    }
    const wrong = WRONG_TYPE[f.kind];
    if (wrong !== undefined)
      cases.push({
        label: `${name} of the wrong type`,
        input: withAt(valid, f.path, wrong),
        field: name,
      });
    if (f.kind === 'string' && f.maxLength !== undefined) {
      cases.push({
        label: `${name} oversize`,
        input: withAt(valid, f.path, 'x'.repeat(f.maxLength + 1)),
        field: name,
      });
    }
    if (f.kind === 'uuid') {
      for (const bad of ['not-a-uuid', "1' or '1'='1", '00000000-0000-0000-0000-00000000000g']) {
        cases.push({
          label: `${name} malformed id ${JSON.stringify(bad)}`,
          input: withAt(valid, f.path, bad),
          field: name,
        });
      }
    }
    if (f.kind === 'string' && f.path.at(-1) === 'cursor') {
      cases.push({
        label: `${name} malformed cursor`,
        input: withAt(valid, f.path, '!!not-a-cursor'),
        field: name,
      });
    }
    if (f.kind === 'array' && f.maxItems !== undefined) {
      const element = (getAt(valid, f.path) as unknown[] | undefined)?.[0] ?? 'x';
      cases.push({
        label: `${name} with too many items`,
        input: withAt(
          valid,
          f.path,
          Array.from({ length: f.maxItems + 1 }, () => element),
        ),
        field: name,
      });
    }
  }
  return cases;
}

/**
 * What a refused sign-up must not leave: a tenant of the valid input's name or a user of its
 * e-mail (each case changes one field, so a slipped-through sign-up carries one of them). Both
 * are this tenant's own (catalogue), so other files signing up meanwhile do not count. Only
 * sign-up creates tenants; every other procedure runs in S's context (snapshotTenant).
 */
async function signUpTraces(path: string, valid: unknown) {
  if (path !== 'account.signUp') return [];
  const { tenantName, email } = valid as { tenantName: string; email: string };
  return t.raw(
    `select (select count(*)::int from tenants where name = $1) as tenants,
            (select count(*)::int from users where lower(email) = lower($2)) as users`,
    [tenantName, email],
  );
}

describe('bad input, for every procedure of the router', () => {
  it('every procedure is in the catalogue', () => {
    expect(procedurePaths().filter((p) => !catalogue[p])).toEqual([]);
  });

  it('every string in every input has a maximum length', () => {
    const unbounded = procedurePaths().flatMap((path) => {
      const schema = procedureDef(path).inputs[0];
      if (!schema) return [`${path}: no .input()`];
      return walk(schema as never)
        .filter(
          (f) =>
            f.kind === 'string' &&
            f.maxLength === undefined &&
            !['email', 'url', 'datetime'].includes(f.format ?? ''),
        )
        .map((f) => `${path}: ${f.path.join('.')}`);
    });
    expect(unbounded).toEqual([]);
  });

  it.each(procedurePaths())('%s', async (path) => {
    const spec = catalogue[path]!;
    const caller = spec.role === 'public' ? S.callers.anonymous : S.callers.owner;
    const valid = spec.input(S, 1);
    const before = await snapshotTenant(t, S.tenantId);
    const signUpsBefore = await signUpTraces(path, valid);
    const failures: string[] = [];
    for (const c of casesFor(path, valid)) {
      const outcome = await attempt(caller, path, c.input);
      if (outcome.ok || outcome.code !== 'BAD_REQUEST') {
        failures.push(
          `${c.label}: expected BAD_REQUEST, got ${outcome.ok ? 'success' : `${outcome.code} ${outcome.message}`}`,
        );
        continue;
      }
      const fields = Object.keys(outcome.shape?.data.zodError?.fieldErrors ?? {});
      if (c.field !== null && !fields.some((f) => f === c.field || f.startsWith(`${c.field}.`))) {
        failures.push(`${c.label}: error names ${JSON.stringify(fields)}, not ${c.field}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await snapshotTenant(t, S.tenantId)).toEqual(before);
    expect(await signUpTraces(path, valid)).toEqual(signUpsBefore);
  });
});
