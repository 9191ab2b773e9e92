'use client';

import { Button } from './button';
import { cn } from '../cn';

/** The part of an infinite query (TanStack's useInfiniteQuery) the button reads. */
export interface NextPageLike {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/** "Load more" under a paged list: shown while the query has a next page, busy while it loads. */
export function LoadMore({
  query,
  label = 'Load more',
  className,
}: {
  query: NextPageLike;
  label?: string;
  className?: string;
}) {
  if (!query.hasNextPage) return null;
  return (
    <div className={cn('mt-4 flex justify-center', className)}>
      <Button
        variant="outline"
        loading={query.isFetchingNextPage}
        onClick={() => void query.fetchNextPage()}
      >
        {label}
      </Button>
    </div>
  );
}
