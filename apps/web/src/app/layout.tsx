import type { ReactNode } from 'react';

export const metadata = { title: 'Platform', description: 'AI assistants for your website' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
