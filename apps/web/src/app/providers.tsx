'use client';

import { ThemeProvider, Toaster } from '@platform/ui';
import type { ReactNode } from 'react';
import { z } from 'zod';
import { TRPCReactProvider } from '~/trpc/react';

// zod compiles object schemas with `new Function` when it can, probing for it first; the
// dashboard's CSP forbids eval, so the probe would be reported as a violation on every page that
// validates a form. In the browser it interprets instead (the server keeps compiling).
if (typeof window !== 'undefined') z.config({ jitless: true });

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
