'use client';

import { useTheme } from 'next-themes';
import { Toaster as Sonner, toast } from 'sonner';

/** Neutral colours (sonner's rich colours fail contrast checks). Mount once in the root layout; call `toast.success(...)` / `toast.error(...)` anywhere. */
export function Toaster() {
  const { resolvedTheme } = useTheme();
  return (
    <Sonner
      theme={resolvedTheme === 'dark' ? 'dark' : 'light'}
      position="bottom-right"
      closeButton
    />
  );
}

export { toast };
