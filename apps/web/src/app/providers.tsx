'use client';

import { ThemeProvider, Toaster } from '@platform/ui';
import type { ReactNode } from 'react';
import { TRPCReactProvider } from '~/trpc/react';

export function Providers({ children }: { children: ReactNode }) {
  return (
    <ThemeProvider>
      <TRPCReactProvider>
        {children}
        <Toaster />
      </TRPCReactProvider>
    </ThemeProvider>
  );
}
