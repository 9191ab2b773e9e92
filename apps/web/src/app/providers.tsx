'use client';

import { ThemeProvider, Toaster } from '@platform/ui';
import type { ReactNode } from 'react';
import { TRPCReactProvider } from '~/trpc/react';

/** `nonce`: this request's CSP script nonce, for the theme's inline script. */
export function Providers({
  children,
  nonce,
}: {
  children: ReactNode;
  nonce?: string | undefined;
}) {
  return (
    <ThemeProvider nonce={nonce}>
      <TRPCReactProvider>
        {children}
        <Toaster />
      </TRPCReactProvider>
    </ThemeProvider>
  );
}
