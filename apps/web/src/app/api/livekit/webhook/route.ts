import { isAppError } from '@platform/errors';
import type { AppErrorCode } from '@platform/errors';
import { handleLivekitWebhook } from '@platform/meetings';
import { db } from '~/server/db';

// LiveKit's webhook: point the server's webhook URL at <app>/api/livekit/webhook. The body is read
// raw: its SHA-256 is part of the signature, so it must reach the verifier byte for byte.
export const dynamic = 'force-dynamic';

/** 401/400 tell LiveKit a retry is pointless; 503 (not configured) and 500 let it retry. */
const statusOf: Partial<Record<AppErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  BAD_INPUT: 400,
  UNAVAILABLE: 503,
};

export async function POST(request: Request): Promise<Response> {
  const body = await request.text();
  try {
    const result = await handleLivekitWebhook(db, body, request.headers.get('authorization'));
    return Response.json(result);
  } catch (error) {
    const status = isAppError(error) ? (statusOf[error.code] ?? 500) : 500;
    if (status === 500) {
      console.error('LiveKit webhook failed', error);
      return Response.json({ error: 'Internal error' }, { status });
    }
    return Response.json({ error: (error as Error).message }, { status });
  }
}
