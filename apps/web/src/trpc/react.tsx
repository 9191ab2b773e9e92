'use client';

import type { AppRouter } from '@platform/api';
import { MAX_BATCH_CALLS } from '@platform/api/limits';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { useState, type ReactNode } from 'react';
import { makeQueryClient } from './query-client';
import { transformer } from './transformer';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

let browserQueryClient: QueryClient | undefined;

function getQueryClient(): QueryClient {
  // On the server every request gets a new client; in the browser one lives for the tab,
  // so a suspense boundary re-rendering does not throw the cache away.
  if (typeof window === 'undefined') return makeQueryClient();
  return (browserQueryClient ??= makeQueryClient());
}

export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        httpBatchLink({
          // Relative in the browser; Next renders client components on the server without
          // calling queries (they run after hydration), so no absolute URL is needed.
          url: '/api/trpc',
          transformer,
          maxItems: MAX_BATCH_CALLS,
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
