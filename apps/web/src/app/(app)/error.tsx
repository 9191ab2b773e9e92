'use client';

import { ErrorState } from '@platform/ui';

/** Anything a page throws while rendering lands here, inside the shell, with a retry. */
export default function DashboardError({
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <ErrorState
      title="This page could not be shown"
      message="Something went wrong on our side. Try again, or go back to the overview."
      onRetry={reset}
    />
  );
}
