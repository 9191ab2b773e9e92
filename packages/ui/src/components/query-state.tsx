'use client';

import type { ReactNode } from 'react';
import { EmptyState, ErrorState, LoadingRows } from './feedback';

/**
 * The part of a TanStack Query result (useQuery, useInfiniteQuery, tRPC's queryOptions) this
 * component reads. Structural, so packages/ui needs no dependency on TanStack Query.
 */
export interface QueryLike {
  status: 'pending' | 'error' | 'success';
  data: unknown;
  error: unknown;
  isFetching?: boolean;
  refetch: () => unknown;
}

type Data<Q extends QueryLike> = Exclude<Q['data'], undefined>;

export interface QueryStateProps<Q extends QueryLike> {
  query: Q;
  /** Rendered with the data once it is there (and not empty). */
  children: (data: Data<Q>) => ReactNode;
  /** Shown while the first fetch runs; defaults to skeleton rows inside a labelled status. */
  loading?: ReactNode;
  /** Screen-reader label of the default skeleton, e.g. "Loading members". */
  loadingLabel?: string;
  /** Rows of the default skeleton. */
  loadingRows?: number;
  /** Shown instead of children when `isEmpty(data)` holds; a string becomes an EmptyState title. */
  empty?: ReactNode;
  /** When the data counts as empty. Defaults to an empty array or an empty `items` page. */
  isEmpty?: (data: Data<Q>) => boolean;
  /** Title of the error state. */
  errorTitle?: string;
  /** Turns the query's error into the message shown (e.g. one that hides internal errors). */
  formatError?: (error: unknown) => string;
}

function defaultIsEmpty(data: unknown): boolean {
  if (Array.isArray(data)) return data.length === 0;
  if (data && typeof data === 'object' && 'items' in data && Array.isArray(data.items)) {
    return data.items.length === 0;
  }
  return false;
}

function defaultFormatError(error: unknown): string {
  return error instanceof Error && error.message ? error.message : 'The request failed.';
}

/**
 * One place for the loading / error / empty / data branches every query on a page needs.
 * The error state names the error and offers Retry (the query's own refetch). When a refetch
 * fails but earlier data exists, the data stays on screen under the error, rather than vanishing.
 *
 *   <QueryState query={members} loadingLabel="Loading members" empty="No members yet">
 *     {(page) => <MembersTable items={page.items} />}
 *   </QueryState>
 */
export function QueryState<Q extends QueryLike>({
  query,
  children,
  loading,
  loadingLabel = 'Loading',
  loadingRows = 3,
  empty,
  isEmpty = defaultIsEmpty,
  errorTitle = 'Could not load this',
  formatError = defaultFormatError,
}: QueryStateProps<Q>) {
  if (query.status === 'pending') {
    return <>{loading ?? <LoadingRows rows={loadingRows} label={loadingLabel} />}</>;
  }
  const error =
    query.status === 'error' ? (
      <ErrorState
        title={errorTitle}
        message={formatError(query.error)}
        retrying={query.isFetching ?? false}
        onRetry={() => void query.refetch()}
      />
    ) : null;
  if (query.data === undefined) return error;
  const data = query.data as Data<Q>;
  const body =
    empty !== undefined && isEmpty(data) ? (
      typeof empty === 'string' ? (
        <EmptyState title={empty} />
      ) : (
        empty
      )
    ) : (
      children(data)
    );
  return (
    <>
      {error}
      {body}
    </>
  );
}
