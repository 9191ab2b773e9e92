'use client';

import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query';

export interface CursorPage<T> {
  items: T[];
  nextCursor?: string | null;
}

/**
 * "Load more" over a cursor-paginated procedure. tRPC's infiniteQueryOptions adds a `direction`
 * key to the input, which strict input schemas refuse; this passes exactly `{ ...input, cursor }`.
 * `pathKey` keeps the key under the procedure's path, so invalidating the router refreshes it.
 */
export function useCursorPages<T>(
  pathKey: QueryKey,
  input: Record<string, unknown>,
  fetchPage: (cursor: string | undefined) => Promise<CursorPage<T>>,
  options: { refetchInterval?: number | false; enabled?: boolean } = {},
) {
  return useInfiniteQuery({
    queryKey: [...pathKey, { input, type: 'cursor-pages' }],
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    ...options,
  });
}
