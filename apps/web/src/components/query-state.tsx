'use client';

import { QueryState as BaseQueryState, type QueryLike, type QueryStateProps } from '@platform/ui';
import { errorMessage } from '~/trpc/errors';

/**
 * @platform/ui's QueryState with the dashboard's error wording: a tRPC internal error shows a
 * generic message, an expired session or a missing role says so (see ~/trpc/errors).
 */
export function QueryState<Q extends QueryLike>(props: QueryStateProps<Q>) {
  return <BaseQueryState formatError={(e) => errorMessage(e)} {...props} />;
}
