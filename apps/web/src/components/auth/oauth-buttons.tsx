'use client';

import { Button } from '@platform/ui';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '~/trpc/react';

const providerLabels: Record<string, string> = {
  google: 'Continue with Google',
  'microsoft-entra-id': 'Continue with Microsoft',
};

/** One button per configured OAuth provider; nothing when only email and password are on. */
export function OAuthButtons({ onPick }: { onPick: (provider: string) => void }) {
  const trpc = useTRPC();
  const providers = useQuery(trpc.account.providers.queryOptions());
  const oauth = (providers.data ?? []).filter((p) => p !== 'credentials');
  if (!oauth.length) return null;
  return (
    <div className="grid gap-2">
      {oauth.map((id) => (
        <Button key={id} variant="outline" onClick={() => onPick(id)}>
          {providerLabels[id] ?? `Continue with ${id}`}
        </Button>
      ))}
      <p className="text-center text-xs text-muted-foreground">or with your email</p>
    </div>
  );
}
