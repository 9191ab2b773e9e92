'use client';

import {
  Badge,
  Button,
  EmptyState,
  Field,
  Input,
  PageHeader,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  LoadMore,
} from '@platform/ui';
import { listSessionsInput } from '@platform/api/schemas';
import { useQuery } from '@tanstack/react-query';
import { MessagesSquare } from 'lucide-react';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { QueryState } from '~/components/query-state';
import { formatDateTime, formatUsd } from '~/lib/format';
import { useTRPC, useTRPCClient } from '~/trpc/react';
import { useCursorPages } from '~/trpc/use-cursor-pages';

/** Typing pauses this long before the search goes to the server. */
const SEARCH_DEBOUNCE_MS = 300;

const searchSchema = listSessionsInput.shape.search;

/** `yyyy-mm-dd` from a date input, as the start of that day in the user's time zone. */
function dayStart(value: string): Date | undefined {
  if (!value) return undefined;
  const d = new Date(`${value}T00:00:00`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

type Filter = 'q' | 'widget' | 'mode' | 'from' | 'to';

/**
 * Search and filters run on the server (sessions.list: full-text search over the messages, then
 * widget, mode and dates, paginated together) and live in the query string, so a reload or a
 * shared link shows the same list.
 */
export function ConversationsList() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const widgetId = params.get('widget') ?? '';
  const modeParam = params.get('mode');
  const mode: '' | 'text' | 'meeting' =
    modeParam === 'text' ? 'text' : modeParam === 'meeting' ? 'meeting' : '';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const q = params.get('q') ?? '';

  const setFilters = useCallback(
    (changes: Partial<Record<Filter, string>>) => {
      const next = new URLSearchParams(params.toString());
      for (const [key, value] of Object.entries(changes)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      const query = next.toString();
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [params, pathname, router],
  );

  // The box follows the URL (back/forward) and sends what is typed after a pause.
  const [search, setSearch] = useState(q);
  const sent = useRef(q);
  useEffect(() => {
    // Only a change we did not send (back/forward, a link) replaces what is being typed.
    if (q !== sent.current) {
      sent.current = q;
      setSearch(q);
    }
  }, [q]);
  const checked = searchSchema.safeParse(search);
  const searchError = checked.success ? undefined : checked.error.issues[0]?.message;
  const term = checked.success ? (checked.data ?? '') : q;
  useEffect(() => {
    if (term === q) return;
    const timer = setTimeout(() => {
      sent.current = term;
      setFilters({ q: term });
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [term, q, setFilters]);

  const widgets = useQuery(trpc.widgets.list.queryOptions({ limit: 100 }));
  const input = useMemo(() => {
    const toDay = dayStart(to);
    return {
      limit: 25,
      search: q || undefined,
      widgetId: widgetId || undefined,
      mode: mode || undefined,
      from: dayStart(from),
      // The filter's end day is inclusive; the API's `to` is exclusive.
      to: toDay ? new Date(toDay.getTime() + 86_400_000) : undefined,
    };
  }, [q, widgetId, mode, from, to]);
  const list = useCursorPages(trpc.sessions.list.pathKey(), input, (cursor) =>
    client.sessions.list.query({ ...input, cursor }),
  );
  const filtered = Boolean(widgetId || mode || from || to || q);

  return (
    <>
      <PageHeader
        title="Conversations"
        description="Every chat with your widgets and meetings, with costs and sources."
      />
      <form
        role="search"
        aria-label="Filter conversations"
        onSubmit={(e) => {
          // Enter searches at once, without waiting for the pause.
          e.preventDefault();
          if (term !== q) {
            sent.current = term;
            setFilters({ q: term });
          }
        }}
        className="mb-4 grid gap-3 rounded-lg border p-4 sm:grid-cols-2 lg:grid-cols-5"
      >
        <Field label="Search messages" error={searchError}>
          <Input
            type="search"
            value={search}
            placeholder="e.g. refund"
            onChange={(e) => setSearch(e.target.value)}
          />
        </Field>
        <Field label="Widget">
          <Select value={widgetId} onChange={(e) => setFilters({ widget: e.target.value })}>
            <option value="">All widgets</option>
            {widgets.data?.items.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Mode">
          <Select value={mode} onChange={(e) => setFilters({ mode: e.target.value })}>
            <option value="">Text and meetings</option>
            <option value="text">Text chat</option>
            <option value="meeting">Meeting</option>
          </Select>
        </Field>
        <Field label="From">
          <Input
            type="date"
            value={from}
            max={to || undefined}
            onChange={(e) => setFilters({ from: e.target.value })}
          />
        </Field>
        <Field label="To">
          <Input
            type="date"
            value={to}
            min={from || undefined}
            onChange={(e) => setFilters({ to: e.target.value })}
          />
        </Field>
      </form>
      <QueryState
        query={list}
        loadingRows={5}
        loadingLabel="Loading conversations"
        isEmpty={(data) => data.pages.every((p) => p.items.length === 0)}
        empty={
          <EmptyState
            icon={<MessagesSquare aria-hidden="true" />}
            title={
              q
                ? `No conversations mention “${q}”`
                : filtered
                  ? 'No conversations match these filters'
                  : 'No conversations yet'
            }
            description={
              filtered
                ? 'Try other words, widen the dates or clear a filter.'
                : 'Conversations appear when visitors chat with a widget.'
            }
            action={
              filtered ? (
                <Button
                  variant="outline"
                  onClick={() => setFilters({ q: '', widget: '', mode: '', from: '', to: '' })}
                >
                  Clear filters
                </Button>
              ) : undefined
            }
          />
        }
      >
        {(data) => (
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
                {data.pages
                  .flatMap((p) => p.items)
                  .map((s) => (
                    <TableRow key={s.id}>
                      <TableCell>
                        <Link
                          href={`/conversations/${s.id}`}
                          className="font-medium text-primary underline-offset-4 hover:underline"
                        >
                          {formatDateTime(s.createdAt)}
                        </Link>
                        {s.metadata?.origin ? (
                          <span className="block text-xs text-muted-foreground">
                            {s.metadata.origin}
                          </span>
                        ) : null}
                      </TableCell>
                      <TableCell>
                        {s.widgetName ?? <span className="text-muted-foreground">—</span>}
                      </TableCell>
                      <TableCell>
                        <Badge variant="outline">{s.mode === 'meeting' ? 'Meeting' : 'Text'}</Badge>
                      </TableCell>
                      <TableCell className="text-right tabular-nums">{s.messageCount}</TableCell>
                      <TableCell className="text-right tabular-nums">
                        {formatUsd(s.costUsd)}
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
