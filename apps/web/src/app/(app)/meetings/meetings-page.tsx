'use client';

import {
  Badge,
  EmptyState,
  PageHeader,
  Segmented,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  LoadMore,
} from '@platform/ui';
import { useQuery } from '@tanstack/react-query';
import { Video } from 'lucide-react';
import Link from 'next/link';
import { useState } from 'react';
import { QueryState } from '~/components/query-state';
import { formatDateTime, formatDuration, formatUsd } from '~/lib/format';
import { useTRPC, useTRPCClient } from '~/trpc/react';
import { useCursorPages } from '~/trpc/use-cursor-pages';
import { MeetingsNotConfigured } from '~/components/meetings/not-configured';
import { NewMeetingButton } from './new-meeting';

export function MeetingsPage() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const [status, setStatus] = useState<'all' | 'live' | 'ended'>('all');
  const settings = useQuery(trpc.meetings.settings.queryOptions());
  const input = { limit: 25, status: status === 'all' ? undefined : status };
  const list = useCursorPages(
    trpc.meetings.list.pathKey(),
    input,
    (cursor) => client.meetings.list.query({ ...input, cursor }),
    { refetchInterval: status === 'ended' ? false : 15_000 },
  );

  return (
    <>
      <PageHeader
        title="Meetings"
        description="Live and past video meetings, with their participants and metered minutes."
        actions={<NewMeetingButton disabled={!settings.data?.configured} />}
      />
      {settings.data && !settings.data.configured ? (
        <MeetingsNotConfigured message={settings.data.message} />
      ) : null}
      <Segmented
        label="Meeting status"
        className="mb-4"
        value={status}
        onChange={setStatus}
        options={[
          { value: 'all', label: 'All' },
          { value: 'live', label: 'Live' },
          { value: 'ended', label: 'Past' },
        ]}
      />
      <QueryState
        query={list}
        loadingLabel="Loading meetings"
        isEmpty={(data) => data.pages.every((p) => p.items.length === 0)}
        empty={
          <EmptyState
            icon={<Video aria-hidden="true" />}
            title={status === 'live' ? 'No live meetings' : 'No meetings yet'}
          />
        }
      >
        {(data) => (
          <>
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Meeting</TableHead>
                  <TableHead>Status</TableHead>
                  <TableHead>Started</TableHead>
                  <TableHead className="text-right">Duration</TableHead>
                  <TableHead className="text-right">Participants</TableHead>
                  <TableHead className="text-right">Cost</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.pages
                  .flatMap((p) => p.items)
                  .map((m) => (
                    <TableRow key={m.id}>
                      <TableCell>
                        <Link
                          href={`/meetings/${m.id}`}
                          className="font-medium text-primary underline-offset-4 hover:underline"
                        >
                          {m.title ?? 'Untitled meeting'}
                        </Link>
                        {m.sessionId ? (
                          <Link
                            href={`/conversations/${m.sessionId}`}
                            className="block text-xs text-primary underline-offset-4 hover:underline"
                          >
                            Transcript and costs
                          </Link>
                        ) : null}
                      </TableCell>
                      <TableCell>
                        {m.status === 'live' ? (
                          <Badge variant="success">Live</Badge>
                        ) : (
                          <Badge variant="secondary">Ended</Badge>
                        )}
                      </TableCell>
                      <TableCell className="text-muted-foreground">
                        {formatDateTime(m.startedAt)}
                      </TableCell>
                      <TableCell className="text-right tabular-nums">
                        {formatDuration(m.durationSeconds)}
                      </TableCell>
                      <TableCell className="text-right tabular-nums">
                        {m.participantCount}
                      </TableCell>
                      <TableCell className="text-right tabular-nums">
                        {formatUsd(m.costUsd)}
                      </TableCell>
                    </TableRow>
                  ))}
              </TableBody>
            </Table>
            <LoadMore query={list} />
          </>
        )}
      </QueryState>
    </>
  );
}
