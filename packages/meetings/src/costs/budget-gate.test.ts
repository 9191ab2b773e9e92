import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting } from '../meetings/create';
import { newTenant, setupMeetingsTest } from '../test/setup';
import type { MeetingsTest } from '../test/setup';
import { createGuestInvite, redeemGuestInvite } from '../tokens/guest-invite';
import { createJoinToken } from '../tokens/join-token';

let t: MeetingsTest;
beforeAll(async () => {
  t = await setupMeetingsTest();
});
afterAll(() => t.close());

describe('the monthly spending cap', () => {
  it('refuses new meetings and joins once reached, on a priced server, without touching LiveKit', async () => {
    const tenant = await newTenant(t.db, 'Capped', { maxMonthlySpend: 1 });
    const meeting = await createMeeting(t.db, tenant, {}, t.options);
    const invite = await createGuestInvite(t.db, tenant, meeting.id, { name: 'Gil', ttlMinutes: 30 }, t.options);
    // Spend reaches the cap.
    await t.raw(`insert into cost_events (tenant_id, service, cost_usd) values ($1, 'llm', 1.000000)`, [
      tenant.tenantId,
    ]);

    const calls = t.livekit.calls.length;
    await expect(createMeeting(t.db, tenant, {}, t.options)).rejects.toMatchObject({ code: 'BUDGET_EXCEEDED' });
    expect(t.livekit.calls.length).toBe(calls);
    await expect(createJoinToken(t.db, tenant, meeting.id, t.options)).rejects.toMatchObject({
      code: 'BUDGET_EXCEEDED',
    });
    await expect(redeemGuestInvite(t.db, invite.token, t.options)).rejects.toMatchObject({
      code: 'BUDGET_EXCEEDED',
    });
    expect(await t.raw('select count(*)::int n from meetings where tenant_id = $1', [tenant.tenantId])).toEqual([
      { n: 1 },
    ]);
    // The check holds nothing back afterwards.
    expect(await t.raw('select * from budget_reservations where tenant_id = $1', [tenant.tenantId])).toEqual([]);

    // Minutes on an own server cost nothing, so the cap does not stop them.
    const selfHosted = { livekit: { ...t.livekit.config, priceModel: 'self-hosted' as const } };
    await expect(createJoinToken(t.db, tenant, meeting.id, selfHosted)).resolves.toMatchObject({
      roomName: meeting.roomName,
    });
  });

  it('lets tenants under their cap through', async () => {
    const tenant = await newTenant(t.db, 'Roomy', { maxMonthlySpend: 50 });
    const meeting = await createMeeting(t.db, tenant, {}, t.options);
    await expect(createJoinToken(t.db, tenant, meeting.id, t.options)).resolves.toMatchObject({
      roomName: meeting.roomName,
    });
  });
});
