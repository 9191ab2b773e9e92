import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import superjson from 'superjson';
import { createTestDatabase } from '@platform/db/testing';
import type { TestDatabase } from '@platform/db/testing';
import { fetchHandler } from './fetch';
import { MAX_BATCH_CALLS } from './limits';
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

describe('batches', () => {
  const batch = (calls: number) =>
    get(
      `${Array.from({ length: calls }, () => 'tenant.get').join(',')}?batch=1&input=${encodeURIComponent('{}')}`,
      'owner',
    );

  it(`runs a batch of ${MAX_BATCH_CALLS} calls`, async () => {
    const response = await batch(MAX_BATCH_CALLS);
    expect(response.status).toBe(200);
    expect(((await response.json()) as unknown[]).length).toBe(MAX_BATCH_CALLS);
  });

  it('refuses a 200-call batch with a readable 400, running none of it', async () => {
    let sessionsRead = 0;
    const counting = fetchHandler({
      db: t.db,
      getSession: async () => {
        sessionsRead += 1;
        return { userId: S.users.owner, sessionToken: S.sessionTokens.owner };
      },
    });
    const response = await counting(
      new Request(
        `http://localhost/api/trpc/${Array.from({ length: 200 }, () => 'tenant.get').join(',')}?batch=1&input={}`,
      ),
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as Array<{ error: { json: { message: string } } }>;
    expect(body[0]!.error.json.message).toBe('Too many calls in one request: 200, at most 20.');
    expect(sessionsRead).toBe(0);
  });
});

describe('error bodies', () => {
  afterEach(() => vi.unstubAllEnvs());
  // A failure outside any procedure: reading the session throws (say the database is gone).
  const crashing = () =>
    fetchHandler({
      db: t.db,
      getSession: async () => {
        throw new Error('connect ECONNREFUSED 10.1.2.3:5432 (internal detail)');
      },
    })(new Request('http://localhost/api/trpc/tenant.get'));

  it('carry the stack in development, to debug with', async () => {
    vi.stubEnv('NODE_ENV', 'development');
    const body = await (await crashing()).text();
    expect(body).toContain('"stack"');
  });

  it('carry no stack trace and no internal message in production', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    const response = await crashing();
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain('stack');
    expect(text).not.toMatch(/\bat .*:\d+:\d+/);
    expect(text).not.toContain('ECONNREFUSED');
    expect(JSON.parse(text)).toMatchObject({
      error: { json: { message: 'Something went wrong on our side. Please try again.' } },
    });
  });
});
