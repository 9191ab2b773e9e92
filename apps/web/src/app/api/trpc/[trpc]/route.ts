import { fetchHandler } from '@platform/api';
import { readRequestSession } from '@platform/auth';
import { authSecret } from '~/server/auth';
import { db } from '~/server/db';
import { ingestion } from '~/server/ingestion';

/**
 * The dashboard API. The session comes from the Auth.js cookie; the API checks its token against
 * auth_sessions on every call, so it trusts nothing here but the decryption.
 */
const handler = fetchHandler({
  db,
  getSession: (request) => readRequestSession(request.headers, authSecret()),
  ingestion,
});

export { handler as GET, handler as POST };
