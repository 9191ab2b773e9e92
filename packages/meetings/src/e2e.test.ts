import { RoomServiceClient, TokenVerifier } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { livekitSettings, requireLivekitConfig } from './env';
import type { LivekitConfig } from './env';
import { createMeeting } from './meetings/create';
import { endMeeting } from './meetings/end';
import { listLiveParticipants } from './meetings/live';
import { newTenant } from './test/setup';
import { createTestDatabase } from '@platform/db/testing';
import type { TestDatabase } from '@platform/db/testing';
import { createJoinToken } from './tokens/join-token';

/**
 * Against a real LiveKit server (e.g. `livekit-server --dev` and LIVEKIT_URL=ws://localhost:7880
 * LIVEKIT_API_KEY=devkey LIVEKIT_API_SECRET=secret). Skipped, with the reason printed, otherwise.
 */
const settings = livekitSettings(process.env);
if (!settings.configured) {
  console.info(
    `[meetings e2e] skipped: no LiveKit server configured (missing ${settings.missing.join(', ') || 'nothing'}` +
      `${settings.invalid.length ? `; invalid ${settings.invalid.join(', ')}` : ''}).`,
  );
}

describe.skipIf(!settings.configured)('meetings against a real LiveKit server', () => {
  let t: TestDatabase;
  let livekit: LivekitConfig;

  beforeAll(async () => {
    t = await createTestDatabase();
    livekit = requireLivekitConfig(process.env);
  });
  afterAll(() => t?.close());

  it('creates a room, issues a join token for it, lists it, and deletes it on end', async () => {
    const actor = await newTenant(t.db, 'E2E');
    const options = { livekit };
    const meeting = await createMeeting(t.db, actor, { title: 'e2e' }, options);
    const rooms = new RoomServiceClient(livekit.apiUrl, livekit.apiKey, livekit.apiSecret);
    expect((await rooms.listRooms([meeting.roomName])).map((r) => r.name)).toEqual([meeting.roomName]);

    const join = await createJoinToken(t.db, actor, meeting.id, options);
    const claims = await new TokenVerifier(livekit.apiKey, livekit.apiSecret).verify(join.token);
    expect(claims.video?.room).toBe(meeting.roomName);
    expect(await listLiveParticipants(t.db, actor, meeting.id, options)).toEqual([]);

    const ended = await endMeeting(t.db, actor, meeting.id, options);
    expect(ended.status).toBe('ended');
    expect(await rooms.listRooms([meeting.roomName])).toEqual([]);
  });
});
