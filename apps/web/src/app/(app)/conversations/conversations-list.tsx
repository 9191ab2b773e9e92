'use client';

import {
  Badge,
  Button,
  EmptyState,
  ErrorState,
  Field,
  Input,
  LoadingRows,
  PageHeader,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@platform/ui';
import { useQuery } from '@tanstack/react-query';
import { MessagesSquare } from 'lucide-react';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { formatDateTime, formatUsd } from '~/lib/format';
import { errorMessage } from '~/trpc/errors';
import { useTRPC, useTRPCClient } from '~/trpc/react';
import { useCursorPages } from '~/trpc/use-cursor-pages';

/** `yyyy-mm-dd` from a date input, as the start of that day in the user's time zone. */
function dayStart(value: string): Date | undefined {
  if (!value) return undefined;
  const d = new Date(`${value}T00:00:00`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export function ConversationsList() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const [widgetId, setWidgetId] = useState('');
  const [mode, setMode] = useState<'' | 'text' | 'meeting'>('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [search, setSearch] = useState('');

  const widgets = useQuery(trpc.widgets.list.queryOptions({ limit: 100 }));
  const input = useMemo(() => {
    const toDay = dayStart(to);
    return {
      limit: 25,
      widgetId: widgetId || undefined,
      mode: mode || undefined,
      from: dayStart(from),
      // The filter's end day is inclusive; the API's `to` is exclusive.
      to: toDay ? new Date(toDay.getTime() + 86_400_000) : undefined,
    };
  }, [widgetId, mode, from, to]);
  const list = useCursorPages(trpc.sessions.list.pathKey(), input, (cursor) =>
    client.sessions.list.query({ ...input, cursor }),
  );
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const term = search.trim().toLowerCase();
  // The API has no text search yet: this narrows the loaded page by widget, origin or id.
  const shown = term
    ? rows.filter((s) =>
        [s.widgetName, s.metadata?.origin, s.id].some((v) => typeof v === 'string' && v.toLowerCase().includes(term)),
      )
    : rows;
  const filtered = Boolean(widgetId || mode || from || to || term);

  return (
    <>
      <PageHeader title="Conversations" description="Every chat with your widgets and meetings, with costs and sources." />
      <form
        role="search"
        aria-label="Filter conversations"
        onSubmit={(e) => e.preventDefault()}
        className="mb-4 grid gap-3 rounded-lg border p-4 sm:grid-cols-2 lg:grid-cols-5"
      >
        <Field label="Search">
          <Input type="search" value={search} placeholder="Widget, origin or id" onChange={(e) => setSearch(e.target.value)} />
        </Field>
        <Field label="Widget">
          <Select value={widgetId} onChange={(e) => setWidgetId(e.target.value)}>
            <option value="">All widgets</option>
            {widgets.data?.items.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Mode">
          <Select value={mode} onChange={(e) => setMode(e.target.value as typeof mode)}>
            <option value="">Text and meetings</option>
            <option value="text">Text chat</option>
            <option value="meeting">Meeting</option>
          </Select>
        </Field>
        <Field label="From">
          <Input type="date" value={from} max={to || undefined} onChange={(e) => setFrom(e.target.value)} />
        </Field>
        <Field label="To">
          <Input type="date" value={to} min={from || undefined} onChange={(e) => setTo(e.target.value)} />
        </Field>
      </form>
      {list.isPending ? (
        <LoadingRows rows={5} label="Loading conversations" />
      ) : list.isError ? (
        <ErrorState message={errorMessage(list.error)} onRetry={() => void list.refetch()} />
      ) : shown.length === 0 ? (
        <EmptyState
          icon={<MessagesSquare aria-hidden="true" />}
          title={filtered ? 'No conversations match these filters' : 'No conversations yet'}
          description={filtered ? 'Widen the dates or clear a filter.' : 'Conversations appear when visitors chat with a widget.'}
        />
      ) : (
        <>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Started</TableHead>
                <TableHead>Widget</TableHead>
                <TableHead>Mode</TableHead>
                <TableHead className="text-right">Messages</TableHead>
                <TableHead className="text-right">Cost</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {shown.map((s) => (
                <TableRow key={s.id}>
                  <TableCell>
                    <Link href={`/conversations/${s.id}`} className="font-medium text-primary underline-offset-4 hover:underline">
                      {formatDateTime(s.createdAt)}
                    </Link>
                    {s.metadata?.origin ? <span className="block text-xs text-muted-foreground">{s.metadata.origin}</span> : null}
                  </TableCell>
                  <TableCell>{s.widgetName ?? <span className="text-muted-foreground">—</span>}</TableCell>
                  <TableCell>
                    <Badge variant="outline">{s.mode === 'meeting' ? 'Meeting' : 'Text'}</Badge>
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{s.messageCount}</TableCell>
                  <TableCell className="text-right tabular-nums">{formatUsd(s.costUsd)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {list.hasNextPage ? (
            <div className="mt-4 flex justify-center">
              <Button variant="outline" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                Load more
              </Button>
            </div>
          ) : null}
        </>
      )}
    </>
  );
}
