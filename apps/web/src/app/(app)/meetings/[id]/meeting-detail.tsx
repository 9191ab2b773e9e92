'use client';

import {
  Badge,
  Button,
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  ConfirmDialog,
  CopyButton,
  Field,
  Input,
  PageHeader,
  toast,
} from '@platform/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ArrowLeft, PhoneOff, Video } from 'lucide-react';
import Link from 'next/link';
import { guestInviteSchema } from '@platform/api/schemas';
import { useState } from 'react';
import type { z } from 'zod';
import { useZodForm } from '~/components/forms/use-zod-form';
import { LazyMeetingRoom } from '~/components/meetings/lazy-room';
import { MeetingsNotConfigured } from '~/components/meetings/not-configured';
import { useCan, useMe } from '~/components/me';
import { QueryState } from '~/components/query-state';
import { formatDateTime, formatDuration, formatUsd } from '~/lib/format';
import { formValues } from '~/lib/form';
import { errorMessage } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';

function GuestInvite({ meetingId, maxMinutes }: { meetingId: string; maxMinutes: number }) {
  const trpc = useTRPC();
  const [link, setLink] = useState<{ url: string; name: string }>();
  const invite = useMutation(trpc.meetings.createGuestInvite.mutationOptions());
  const form = useZodForm(guestInviteSchema(maxMinutes), {
    values: (f) => {
      const { guestName, ttlMinutes } = formValues(f);
      return { id: meetingId, guestName, ttlMinutes: Number(ttlMinutes) };
    },
    serverError: invite.error,
    messages: { ttlMinutes: `Use 1 to ${maxMinutes} minutes.` },
  });
  const onSubmit = async (input: z.output<ReturnType<typeof guestInviteSchema>>) => {
    try {
      const result = await invite.mutateAsync(input);
      setLink({ url: result.link, name: result.guestName });
    } catch (err) {
      toast.error(errorMessage(err));
    }
  };
  return (
    <Card>
      <CardHeader>
        <CardTitle>Invite a guest</CardTitle>
        <CardDescription>
          A link for one named person, without an account. Shown once.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        <form
          {...form.formProps(onSubmit)}
          className="grid items-start gap-3 sm:grid-cols-[1fr_8rem_auto]"
        >
          <Field label="Guest name" error={form.error('guestName')}>
            <Input name="guestName" maxLength={80} />
          </Field>
          <Field label="Valid for (min)" error={form.error('ttlMinutes')}>
            <Input name="ttlMinutes" type="number" min={1} max={maxMinutes} defaultValue={60} />
          </Field>
          <Button type="submit" className="sm:mt-6" loading={invite.isPending}>
            Create link
          </Button>
        </form>
        {link ? (
          <div role="status" className="grid gap-2 rounded-md border bg-muted/50 p-3">
            <p className="text-sm">
              Send this link to <strong>{link.name}</strong>.
            </p>
            <div className="flex items-center gap-2">
              <Input
                readOnly
                value={link.url}
                aria-label="Guest link"
                className="font-mono text-xs"
              />
              <CopyButton value={link.url} label="Copy link" />
            </div>
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}

export function MeetingDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useMe();
  const isAdmin = useCan('admin');
  const meeting = useQuery({ ...trpc.meetings.get.queryOptions({ id }), refetchInterval: 15_000 });
  const settings = useQuery(trpc.meetings.settings.queryOptions());
  const live = meeting.data?.status === 'live';
  const configured = Boolean(settings.data?.configured);
  const participants = useQuery({
    ...trpc.meetings.participants.queryOptions({ id }),
    enabled: live && configured,
    refetchInterval: 5_000,
  });
  const [room, setRoom] = useState<{ serverUrl: string; token: string }>();
  const join = useMutation(
    trpc.meetings.joinToken.mutationOptions({
      onSuccess: (t) => setRoom({ serverUrl: t.serverUrl, token: t.token }),
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );
  const end = useMutation(
    trpc.meetings.end.mutationOptions({
      onSuccess: async () => {
        setRoom(undefined);
        toast.success('Meeting ended');
        await queryClient.invalidateQueries({ queryKey: trpc.meetings.pathKey() });
      },
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );

  const back = (
    <Link
      href="/meetings"
      className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
    >
      <ArrowLeft className="size-4" aria-hidden="true" /> Meetings
    </Link>
  );
  return (
    <>
      {back}
      <QueryState query={meeting} loadingRows={4} loadingLabel="Loading meeting">
        {(m) => {
          const canManage = m.createdBy === me.id || isAdmin;
          return (
            <>
              <PageHeader
                title={m.title ?? 'Untitled meeting'}
                description={
                  <span className="inline-flex flex-wrap items-center gap-2">
                    {live ? (
                      <Badge variant="success">Live</Badge>
                    ) : (
                      <Badge variant="secondary">Ended</Badge>
                    )}
                    <span>
                      Started {formatDateTime(m.startedAt)} · {formatDuration(m.durationSeconds)} ·{' '}
                      {m.participantCount} participant{m.participantCount === 1 ? '' : 's'} ·{' '}
                      {formatUsd(m.costUsd)}
                    </span>
                  </span>
                }
                actions={
                  live ? (
                    <>
                      {!room ? (
                        <Button
                          disabled={!configured}
                          loading={join.isPending}
                          onClick={() => join.mutate({ id })}
                        >
                          <Video aria-hidden="true" /> Join
                        </Button>
                      ) : null}
                      {canManage ? (
                        <ConfirmDialog
                          title="End this meeting for everyone?"
                          description="The room closes and every participant is disconnected."
                          confirmLabel="End meeting"
                          pending={end.isPending}
                          onConfirm={() => end.mutateAsync({ id })}
                          trigger={
                            <Button variant="outline" className="text-red-700 dark:text-red-400">
                              <PhoneOff aria-hidden="true" /> End meeting
                            </Button>
                          }
                        />
                      ) : null}
                    </>
                  ) : null
                }
              />
              {settings.data && !configured ? (
                <MeetingsNotConfigured message={settings.data.message} />
              ) : null}
              {m.description ? (
                <p className="mb-6 max-w-prose text-sm text-muted-foreground">{m.description}</p>
              ) : null}
              {room && live ? (
                <div className="mb-6">
                  <LazyMeetingRoom
                    serverUrl={room.serverUrl}
                    token={room.token}
                    onLeave={() => setRoom(undefined)}
                  />
                </div>
              ) : null}
              <div className="grid gap-6 lg:grid-cols-2">
                {live && configured ? (
                  <Card>
                    <CardHeader>
                      <CardTitle>In the room now</CardTitle>
                    </CardHeader>
                    <CardContent>
                      <QueryState
                        query={participants}
                        loadingRows={2}
                        loadingLabel="Loading participants"
                        empty={
                          <p className="text-sm text-muted-foreground">Nobody has joined yet.</p>
                        }
                      >
                        {(people) => (
                          <ul className="grid gap-1.5 text-sm">
                            {people.map((p) => (
                              <li key={p.identity} className="flex items-center gap-2">
                                {p.name || p.identity}
                                {p.isGuest ? <Badge variant="outline">Guest</Badge> : null}
                              </li>
                            ))}
                          </ul>
                        )}
                      </QueryState>
                    </CardContent>
                  </Card>
                ) : null}
                {live && configured && canManage && settings.data ? (
                  <GuestInvite meetingId={id} maxMinutes={settings.data.maxGuestInviteMinutes} />
                ) : null}
                {m.sessionId ? (
                  <Card>
                    <CardHeader>
                      <CardTitle>Transcript and costs</CardTitle>
                    </CardHeader>
                    <CardContent>
                      <Link
                        href={`/conversations/${m.sessionId}`}
                        className="text-sm text-primary underline-offset-4 hover:underline"
                      >
                        Open the meeting&apos;s conversation
                      </Link>
                    </CardContent>
                  </Card>
                ) : null}
              </div>
            </>
          );
        }}
      </QueryState>
    </>
  );
}
