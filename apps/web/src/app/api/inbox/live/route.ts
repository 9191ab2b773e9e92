import { inboxLiveResponse } from '@platform/api';
import { readRequestSession } from '@platform/auth';
import { authSecret } from '~/server/auth';
import { db } from '~/server/db';
import { liveFeed } from '~/server/live';

// Server-sent "the inbox changed" events for the dashboard (see packages/api/src/inbox/live.ts).
export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  return inboxLiveResponse({
    db,
    live: liveFeed(),
    session: await readRequestSession(request.headers, authSecret()),
    signal: request.signal,
  });
}
