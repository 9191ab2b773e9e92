import type { Metadata } from 'next';
import { Suspense } from 'react';
import { GuestJoin } from './guest-join';

export const metadata: Metadata = { title: 'Join a meeting' };

/** Public: a guest with a signed link joins without an account. */
export default function GuestJoinPage() {
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-5xl flex-col gap-6 p-4 sm:p-8">
      <Suspense>
        <GuestJoin />
      </Suspense>
    </main>
  );
}
