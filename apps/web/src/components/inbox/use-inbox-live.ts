'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTRPC } from '~/trpc/react';

/**
 * Keeps every `inbox.*` query fresh: the server says "changed" (GET /api/inbox/live, fed by
 * NOTIFY or a short poll, see packages/db/src/live) and the queries re-fetch through tRPC.
 * EventSource reconnects by itself after a cut or the stream's lifetime.
 */
export function useInboxLive() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useEffect(() => {
    const source = new EventSource('/api/inbox/live');
    source.onmessage = () => {
      void queryClient.invalidateQueries({ queryKey: trpc.inbox.pathKey() });
    };
    return () => source.close();
  }, [queryClient, trpc]);
}
