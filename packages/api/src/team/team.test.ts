import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthSession } from '@platform/auth';
import { createTestDatabase } from '@platform/db/testing';
import type { TestDatabase } from '@platform/db/testing';
import { callerFor, seedTenant } from '../testing/fixtures';
import type { SeededTenant } from '../testing/fixtures';
import { attempt } from '../testing/procedures';
import { runTag } from '@platform/db/testing';

/** Fixed e-mails get this run's own domain: the database may be shared (TEST_DATABASE_URL). */
const RUN = runTag();

let t: TestDatabase;
let S: SeededTenant;

beforeAll(async () => {
  t = await createTestDatabase();
  S = await seedTenant(t, 'Team Co');
});
afterAll(() => t.close());

const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;

describe('team', () => {
  it('list pages through the members without repeats', async () => {
    const first = await S.callers.member.team.list({ limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toBeTruthy();
    const second = await S.callers.member.team.list({ limit: 2, cursor: first.nextCursor! });
    const all = [...first.items, ...second.items].map((m) => m.id);
    expect(new Set(all).size).toBe(3);
    expect(all.sort()).toEqual(Object.values(S.users).sort());
    expect(second.nextCursor).toBeNull();
    expect(JSON.stringify(first)).not.toMatch(/password/i);
  });

  it('invite -> acceptInvite -> the new member signs in with the invited role', async () => {
    const { invitation, acceptUrl } = await S.callers.admin.team.invite({
      email: `Newbie@${RUN}.Team.test`,
      role: 'admin',
    });
    expect(acceptUrl).toMatch(/^http:\/\/localhost:3000\/invite\?token=/);
    expect(
      (await S.callers.admin.team.listInvitations({ limit: 50 })).items.map((i) => i.id),
    ).toContain(invitation.id);

    const accepted = await callerFor(t, null).team.acceptInvite({
      token: tokenOf(acceptUrl),
      password: 'newbie-password',
      name: 'Newbie',
    });
    expect(accepted).toMatchObject({
      email: `newbie@${RUN}.team.test`,
      role: 'admin',
      tenantId: S.tenantId,
    });
    expect(
      (await S.callers.admin.team.listInvitations({ limit: 50 })).items.map((i) => i.id),
    ).not.toContain(invitation.id);

    const { sessionToken } = await createAuthSession(t.db, accepted.userId, 3600);
    const me = await callerFor(t, { userId: accepted.userId, sessionToken }).account.me();
    expect(me).toMatchObject({ role: 'admin', tenant: { id: S.tenantId } });
  });

  it('revokeInvitation makes the link useless', async () => {
    const { invitation, acceptUrl } = await S.callers.admin.team.invite({
      email: `maybe@${RUN}.team.test`,
    });
    expect(invitation.role).toBe('member');
    await S.callers.admin.team.revokeInvitation({ id: invitation.id });
    const outcome = await attempt(callerFor(t, null), 'team.acceptInvite', {
      token: tokenOf(acceptUrl),
      password: 'long enough',
    });
    expect(outcome).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(
      await attempt(S.callers.admin, 'team.revokeInvitation', { id: invitation.id }),
    ).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('changeRole promotes and demotes; an admin cannot grant owner', async () => {
    expect(
      await S.callers.admin.team.changeRole({ userId: S.users.member, role: 'admin' }),
    ).toMatchObject({ role: 'admin' });
    expect(
      await S.callers.admin.team.changeRole({ userId: S.users.member, role: 'member' }),
    ).toMatchObject({ role: 'member' });
    expect(
      await attempt(S.callers.admin, 'team.changeRole', { userId: S.users.member, role: 'owner' }),
    ).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('the last owner can be neither demoted nor removed', async () => {
    expect(
      await attempt(S.callers.owner, 'team.changeRole', { userId: S.users.owner, role: 'admin' }),
    ).toMatchObject({ code: 'CONFLICT' });
    expect(
      await attempt(S.callers.owner, 'team.removeMember', { userId: S.users.owner }),
    ).toMatchObject({ code: 'CONFLICT' });
    expect((await t.raw('select role from users where id = $1', [S.users.owner]))[0]!.role).toBe(
      'owner',
    );
  });

  it('removeMember ends their sessions: their next call is UNAUTHORIZED', async () => {
    expect(await S.callers.member.account.me()).toMatchObject({ role: 'member' });
    const result = await S.callers.admin.team.removeMember({ userId: S.users.member });
    expect(result).toMatchObject({ removed: { id: S.users.member }, sessionsEnded: 1 });
    expect(await attempt(S.callers.member, 'account.me', undefined)).toMatchObject({
      ok: false,
      code: 'UNAUTHORIZED',
    });
    expect(await t.raw('select 1 from auth_sessions where user_id = $1', [S.users.member])).toEqual(
      [],
    );
  });
});
