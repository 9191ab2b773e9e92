import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import superjson from 'superjson';
import { createTestDatabase } from '@platform/db/testing';
import type { TestDatabase } from '@platform/db/testing';
import { fetchHandler } from './fetch';
import { seedTenant } from './testing/fixtures';
import type { SeededTenant } from './testing/fixtures';

/** The HTTP adapter apps/web mounts: status codes, superjson, and the error shape clients read. */
let t: TestDatabase;
let S: SeededTenant;
let handle: (request: Request) => Promise<Response>;

beforeAll(async () => {
  t = await createTestDatabase();
  S = await seedTenant(t, 'Http');
  handle = fetchHandler({
    db: t.db,
    // Stands in for the cookie: a header naming the role whose session to use.
    getSession: async (request) => {
      const role = request.headers.get('x-test-role') as 'owner' | null;
      return role ? { userId: S.users[role], sessionToken: S.sessionTokens[role] } : null;
    },
  });
});
afterAll(() => t.close());

const post = (path: string, input: unknown, role?: string) =>
  handle(
    new Request(`http://localhost/api/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(role ? { 'x-test-role': role } : {}) },
      body: JSON.stringify(superjson.serialize(input)),
    }),
  );
const get = (path: string, role?: string) =>
  handle(
    new Request(`http://localhost/api/trpc/${path}`, {
      headers: role ? { 'x-test-role': role } : {},
    }),
  );

describe('HTTP', () => {
  it('200 with superjson data (Dates stay Dates)', async () => {
    const response = await get('tenant.get', 'owner');
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      result: { data: Parameters<typeof superjson.deserialize>[0] };
    };
    const tenant = superjson.deserialize<{ id: string; createdAt: Date }>(body.result.data);
    expect(tenant.id).toBe(S.tenantId);
    expect(tenant.createdAt).toBeInstanceOf(Date);
  });

  it('401 without a session', async () => {
    const response = await get('tenant.get');
    expect(response.status).toBe(401);
    expect(JSON.stringify(await response.json())).toContain('UNAUTHORIZED');
  });

  it('400 with field errors by path', async () => {
    const response = await post(
      'widgets.create',
      { name: '', domainWhitelist: ['https://ok.example', 'nope'] },
      'owner',
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      error: {
        json: { message: string; data: { zodError: { fieldErrors: Record<string, string[]> } } };
      };
    };
    expect(Object.keys(body.error.json.data.zodError.fieldErrors).sort()).toEqual([
      'domainWhitelist.1',
      'name',
    ]);
    expect(body.error.json.message).toMatch(/^Invalid input: (name|domainWhitelist\.1): /);
  });

  it('404 for another id, 409 for the last owner', async () => {
    expect(
      (
        await get(
          `widgets.get?input=${encodeURIComponent(JSON.stringify(superjson.serialize({ id: '00000000-0000-4000-8000-000000000000' })))}`,
          'owner',
        )
      ).status,
    ).toBe(404);
    expect((await post('team.removeMember', { userId: S.users.owner }, 'owner')).status).toBe(409);
  });
});
