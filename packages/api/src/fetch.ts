import { TRPCError } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { Database } from '@platform/db';
import { MAX_BATCH_CALLS } from './limits';
import { appRouter } from './root';
import { createContext } from './trpc';
import type { ApiSession, IngestionScheduler } from './trpc';

export interface FetchHandlerOptions {
  db: Database;
  /** Reads the sign-in from the request (apps/web: the Auth.js cookie). Not trusted: re-checked per call. */
  getSession: (request: Request) => Promise<ApiSession | null>;
  ingestion?: IngestionScheduler;
  endpoint?: string;
}

/** A fetch-API handler (Request -> Response) for any runtime; apps/web mounts it at /api/trpc. */
export function fetchHandler(options: FetchHandlerOptions) {
  return (request: Request) =>
    fetchRequestHandler({
      endpoint: options.endpoint ?? '/api/trpc',
      req: request,
      router: appRouter,
      createContext: async ({ info }) => {
        // Before anything else runs: no session lookup, no input parsed for a refused batch.
        if (info.calls.length > MAX_BATCH_CALLS) {
          throw new TRPCError({
            code: 'BAD_REQUEST',
            message: `Too many calls in one request: ${info.calls.length}, at most ${MAX_BATCH_CALLS}.`,
          });
        }
        return createContext({
          db: options.db,
          session: await options.getSession(request),
          headers: request.headers,
          ingestion: options.ingestion,
        });
      },
    });
}
