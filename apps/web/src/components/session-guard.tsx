'use client';

import { Button, ErrorState, Skeleton } from '@platform/ui';
import { useQuery } from '@tanstack/react-query';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, type ReactNode } from 'react';
import { errorMessage } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';
import { AppShell } from './app-shell';
import { MeProvider } from './me';

function isUnauthorized(error: unknown): boolean {
  return (error as { data?: { code?: string } } | null)?.data?.code === 'UNAUTHORIZED';
}

/**
 * Loads the signed-in user once for the whole dashboard. No session (or a revoked one) sends
 * the visitor to sign in and back here afterwards.
 */
export function SessionGuard({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const me = useQuery(trpc.account.me.queryOptions(undefined, { staleTime: 60_000 }));
  const unauthorized = me.isError && isUnauthorized(me.error);

  useEffect(() => {
    if (unauthorized) router.replace(`/sign-in?callbackUrl=${encodeURIComponent(pathname)}`);
  }, [unauthorized, pathname, router]);

  if (me.data) {
    return (
      <MeProvider value={me.data}>
        <AppShell
          user={{
            name: me.data.name,
            email: me.data.email,
            role: me.data.role,
            tenantName: me.data.tenant.name,
          }}
        >
          {children}
        </AppShell>
      </MeProvider>
    );
  }
  if (me.isError && !unauthorized) {
    return (
      <main id="main" className="mx-auto max-w-md p-8">
        <ErrorState message={errorMessage(me.error)} onRetry={() => void me.refetch()} />
        <Button variant="link" className="mt-2 px-0" onClick={() => router.replace('/sign-in')}>
          Go to sign in
        </Button>
      </main>
    );
  }
  return (
    <div role="status" aria-live="polite" className="flex min-h-screen">
      <span className="sr-only">Loading your workspace</span>
      <div className="hidden w-60 border-r p-4 lg:block">
        <Skeleton className="mb-6 h-7 w-32" />
        {Array.from({ length: 8 }, (_, i) => (
          <Skeleton key={i} className="mb-2 h-8 w-full" />
        ))}
      </div>
      <div className="flex-1 p-8">
        <Skeleton className="mb-4 h-8 w-48" />
        <Skeleton className="h-40 w-full" />
      </div>
    </div>
  );
}
