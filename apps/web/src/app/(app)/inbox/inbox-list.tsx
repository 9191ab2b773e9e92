'use client';

import {
  Badge,
  EmptyState,
  PageHeader,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@platform/ui';
import { useQuery } from '@tanstack/react-query';
import { Inbox } from 'lucide-react';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { NewWaitingAlert } from '~/components/inbox/new-waiting-alert';
import { useInboxLive } from '~/components/inbox/use-inbox-live';
import { QueryState } from '~/components/query-state';
import { formatDuration } from '~/lib/format';
import { useTRPC } from '~/trpc/react';

/** Re-renders every `ms` so wait times keep counting between updates. */
function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/**
 * Conversations waiting for a person (oldest first, with how long they have waited) and those a
 * person holds. Live: the list re-fetches whenever the server says the inbox changed.
 */
export function InboxList() {
  const trpc = useTRPC();
  useInboxLive();
  const inbox = useQuery(trpc.inbox.list.queryOptions({}));
  const now = useNow(1000);
  const waiting = inbox.data?.items.filter((c) => c.state === 'waiting').map((c) => c.sessionId);

  return (
    <>
      <PageHeader
        title="Inbox"
        description="Visitors who asked for a person. Take a conversation to answer it yourself; hand it back and the assistant answers again."
      />
      <div className="mb-4">
        <NewWaitingAlert waiting={waiting} />
      </div>
      <QueryState
        query={inbox}
        loadingRows={4}
        loadingLabel="Loading the inbox"
        isEmpty={(data) => data.items.length === 0}
        empty={
          <EmptyState
            icon={<Inbox aria-hidden="true" />}
            title="Nobody is waiting"
            description="When a visitor asks for a person in a widget, the conversation appears here."
          />
        }
      >
        {(data) => (
          <Table aria-label="Conversations for a person">
            <TableHeader>
              <TableRow>
                <TableHead>Visitor</TableHead>
                <TableHead>State</TableHead>
                <TableHead>Widget</TableHead>
                <TableHead className="text-right">Waiting</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.items.map((c) => (
                <TableRow key={c.sessionId}>
                  <TableCell className="max-w-md">
                    <Link
                      href={`/inbox/${c.sessionId}`}
                      className="font-medium text-primary underline-offset-4 hover:underline"
                    >
                      {c.lastVisitorMessage?.content ?? 'Open conversation'}
                    </Link>
                  </TableCell>
                  <TableCell>
                    {c.state === 'waiting' ? (
                      <Badge>Waiting</Badge>
                    ) : (
                      <Badge variant="outline">With {c.holder?.name}</Badge>
                    )}
                  </TableCell>
                  <TableCell>
                    {c.widgetName ?? <span className="text-muted-foreground">—</span>}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">
                    {c.state === 'waiting'
                      ? formatDuration(
                          Math.max(
                            0,
                            Math.floor((now - new Date(c.waitingSince).getTime()) / 1000),
                          ),
                        )
                      : '—'}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </QueryState>
    </>
  );
}
