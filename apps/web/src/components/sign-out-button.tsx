'use client';

import { Button } from '@platform/ui';
import { useQueryClient } from '@tanstack/react-query';
import { LogOut } from 'lucide-react';
import { signOut } from 'next-auth/react';
import { useState } from 'react';

/** Ends the session (Auth.js deletes its auth_sessions row) and clears cached tenant data. */
export function SignOutButton() {
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant="ghost"
      size="sm"
      loading={pending}
      onClick={async () => {
        setPending(true);
        await signOut({ redirect: false });
        queryClient.clear();
        // A full navigation drops every client-side cache of the signed-in pages.
        window.location.assign('/sign-in');
      }}
    >
      <LogOut aria-hidden="true" /> Sign out
    </Button>
  );
}
