import type { Metadata } from 'next';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { Providers } from './providers';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Platform', template: '%s · Platform' },
  description: 'AI assistants for your website',
};

/**
 * Every page renders per request: its scripts carry that request's CSP nonce (src/proxy.ts), which
 * a page rendered at build time could not.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  return (
    // next-themes sets the theme class before hydration; the mismatch is expected.
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-screen antialiased">
        <Providers nonce={nonce}>{children}</Providers>
      </body>
    </html>
  );
}
