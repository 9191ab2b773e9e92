'use client';

import {
  Button,
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  ErrorState,
} from '@platform/ui';
import { useMutation } from '@tanstack/react-query';
import { Video } from 'lucide-react';
import { useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { LazyMeetingRoom } from '~/components/meetings/lazy-room';
import { errorMessage } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';

export function GuestJoin() {
  const trpc = useTRPC();
  const invite = useSearchParams().get('invite') ?? '';
  const [left, setLeft] = useState(false);
  const redeem = useMutation(trpc.meetings.redeemGuestInvite.mutationOptions());

  if (!invite) {
    return (
      <ErrorState
        title="This meeting link is incomplete"
        message="Open the full link you were sent."
      />
    );
  }
  if (redeem.data && !left) {
    return (
      <>
        <h1 className="text-xl font-semibold">{redeem.data.meetingTitle ?? 'Meeting'}</h1>
        <LazyMeetingRoom
          serverUrl={redeem.data.serverUrl}
          token={redeem.data.token}
          onLeave={() => setLeft(true)}
        />
      </>
    );
  }
  return (
    <Card className="mx-auto mt-16 w-full max-w-md">
      <CardHeader>
        <CardTitle as="h1" className="text-xl">
          {left ? 'You left the meeting' : 'Join the meeting'}
        </CardTitle>
        <CardDescription>
          {left
            ? 'You can rejoin while the link is valid.'
            : 'Your browser will ask to use your microphone.'}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        {redeem.isError ? (
          <ErrorState message={errorMessage(redeem.error, 'This link cannot be used.')} />
        ) : null}
        <Button
          loading={redeem.isPending}
          onClick={() => {
            setLeft(false);
            redeem.mutate({ invite });
          }}
        >
          <Video aria-hidden="true" /> {left ? 'Rejoin' : 'Join as guest'}
        </Button>
      </CardContent>
    </Card>
  );
}
