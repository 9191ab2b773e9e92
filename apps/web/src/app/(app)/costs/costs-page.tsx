'use client';

import {
  Badge,
  Button,
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  EmptyState,
  Field,
  Input,
  PageHeader,
  Select,
  Skeleton,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  toast,
  LoadMore,
} from '@platform/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Download } from 'lucide-react';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { useCan } from '~/components/me';
import { QueryState } from '~/components/query-state';
import { formatDateTime, formatRelative, formatUsd, startOfMonthUtc } from '~/lib/format';
import { sumDecimals } from '~/lib/money';
import { errorMessage } from '~/trpc/errors';
import { useTRPC, useTRPCClient } from '~/trpc/react';
import { useCursorPages } from '~/trpc/use-cursor-pages';
import { BudgetForm } from './budget-form';
import { CostChart } from './cost-chart';
import { toCsv } from './csv';
import { serviceLabel, services } from './services';

type GroupBy = 'day' | 'week' | 'month';
const ranges: Record<GroupBy, { label: string; days: number }> = {
  day: { label: 'Last 30 days, by day', days: 30 },
  week: { label: 'Last 12 weeks, by week', days: 84 },
  month: { label: 'Last 12 months, by month', days: 365 },
};

function dayStart(value: string): Date | undefined {
  if (!value) return undefined;
  const d = new Date(`${value}T00:00:00`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

function useNow() {
  return useState(() => new Date())[0];
}

export function CostsPage() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const isAdmin = useCan('admin');
  const now = useNow();
  const [groupBy, setGroupBy] = useState<GroupBy>('day');
  const range = useMemo(() => {
    const end = new Date(now.getTime() + 60_000);
    const start = new Date(
      Date.UTC(
        now.getUTCFullYear(),
        now.getUTCMonth(),
        now.getUTCDate() - ranges[groupBy].days + 1,
      ),
    );
    return { start, end };
  }, [groupBy, now]);

  const tenant = useQuery(trpc.tenant.get.queryOptions());
  const summary = useQuery(
    trpc.costs.summary.queryOptions({ startDate: range.start, endDate: range.end, groupBy }),
  );
  const month = useQuery(
    trpc.costs.summary.queryOptions({
      startDate: startOfMonthUtc(now),
      endDate: range.end,
      groupBy: 'month',
    }),
  );
  const alerts = useQuery(trpc.budgets.listAlerts.queryOptions({ limit: 20 }));
  const resolve = useMutation(
    trpc.budgets.resolveAlert.mutationOptions({
      onSuccess: async () => {
        toast.success('Alert resolved');
        await queryClient.invalidateQueries({ queryKey: trpc.budgets.pathKey() });
      },
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );

  const [service, setService] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const eventsInput = useMemo(() => {
    const toDay = dayStart(to);
    return {
      limit: 50,
      service: (service || undefined) as (typeof services)[number] | undefined,
      from: dayStart(from),
      to: toDay ? new Date(toDay.getTime() + 86_400_000) : undefined,
    };
  }, [service, from, to]);
  const events = useCursorPages(trpc.costs.listEvents.pathKey(), eventsInput, (cursor) =>
    client.costs.listEvents.query({ ...eventsInput, cursor }),
  );
  const eventRows = events.data?.pages.flatMap((p) => p.items) ?? [];

  const monthSpent = month.data ? sumDecimals(month.data.map((r) => r.totalCostUsd)) : null;
  const rangeSpent = summary.data ? sumDecimals(summary.data.map((r) => r.totalCostUsd)) : null;
  const cap = tenant.data?.settings.maxMonthlySpend;

  const exportCsv = () => {
    const csv = toCsv(
      ['timestamp', 'service', 'provider', 'model', 'tokens', 'cost_usd', 'conversation_id'],
      eventRows.map((e) => [
        new Date(e.timestamp).toISOString(),
        e.service,
        e.provider,
        e.model,
        e.tokensUsed,
        e.costUsd,
        e.sessionId,
      ]),
    );
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `cost-events-${new Date().toISOString().slice(0, 10)}.csv`;
    document.body.append(a);
    a.click();
    a.remove();
    URL.revokeObjectURL(url);
  };

  return (
    <>
      <PageHeader
        title="Costs"
        description="Every metered AI call, by service, against your budgets."
      />
      <div className="mb-6 grid gap-4 sm:grid-cols-3">
        <Card>
          <CardHeader className="pb-1">
            <CardDescription>This month</CardDescription>
          </CardHeader>
          <CardContent>
            {monthSpent === null ? (
              <Skeleton className="h-8 w-24" />
            ) : (
              <p className="text-2xl font-semibold tabular-nums">{formatUsd(monthSpent)}</p>
            )}
            <p className="mt-1 text-xs text-muted-foreground">
              {cap ? `Hard limit ${formatUsd(cap)}` : 'No monthly limit'}
            </p>
          </CardContent>
        </Card>
        <Card>
          <CardHeader className="pb-1">
            <CardDescription>{ranges[groupBy].label.split(',')[0]}</CardDescription>
          </CardHeader>
          <CardContent>
            {rangeSpent === null ? (
              <Skeleton className="h-8 w-24" />
            ) : (
              <p className="text-2xl font-semibold tabular-nums">{formatUsd(rangeSpent)}</p>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader className="pb-1">
            <CardDescription>Open alerts</CardDescription>
          </CardHeader>
          <CardContent>
            {alerts.data ? (
              <p className="text-2xl font-semibold tabular-nums">
                {alerts.data.items.filter((a) => !a.resolved).length}
              </p>
            ) : (
              <Skeleton className="h-8 w-12" />
            )}
          </CardContent>
        </Card>
      </div>

      <Card className="mb-6">
        <CardHeader className="flex-row flex-wrap items-center justify-between gap-3">
          <CardTitle>Spend by service</CardTitle>
          <Select
            aria-label="Chart range"
            className="w-60"
            value={groupBy}
            onChange={(e) => setGroupBy(e.target.value as GroupBy)}
          >
            {(Object.keys(ranges) as GroupBy[]).map((g) => (
              <option key={g} value={g}>
                {ranges[g].label}
              </option>
            ))}
          </Select>
        </CardHeader>
        <CardContent>
          <QueryState
            query={summary}
            loading={
              <div role="status">
                <span className="sr-only">Loading spend by service</span>
                <Skeleton className="h-48 w-full" />
              </div>
            }
          >
            {(rows) => <CostChart rows={rows} groupBy={groupBy} />}
          </QueryState>
        </CardContent>
      </Card>

      <div className="mb-6 grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Alerts</CardTitle>
          </CardHeader>
          <CardContent>
            <QueryState
              query={alerts}
              loadingRows={2}
              loadingLabel="Loading alerts"
              empty={
                <p className="text-sm text-muted-foreground">
                  No alerts. Set budgets to be warned before you hit them.
                </p>
              }
            >
              {({ items }) => (
                <ul className="divide-y">
                  {items.map((a) => (
                    <li
                      key={a.id}
                      className="flex items-center justify-between gap-3 py-2.5 text-sm"
                    >
                      <span>
                        <Badge
                          variant={
                            a.resolved
                              ? 'secondary'
                              : a.severity === 'critical'
                                ? 'destructive'
                                : 'warning'
                          }
                        >
                          {a.resolved ? 'resolved' : a.severity}
                        </Badge>{' '}
                        <span className="capitalize">{a.period}</span> spend{' '}
                        {formatUsd(a.currentSpend)} of {formatUsd(a.threshold)}
                        <span className="block text-xs text-muted-foreground">
                          {formatRelative(a.triggeredAt)}
                        </span>
                      </span>
                      {isAdmin && !a.resolved ? (
                        <Button
                          variant="outline"
                          size="sm"
                          disabled={resolve.isPending}
                          onClick={() => resolve.mutate({ id: a.id })}
                        >
                          Resolve
                        </Button>
                      ) : null}
                    </li>
                  ))}
                </ul>
              )}
            </QueryState>
          </CardContent>
        </Card>
        <QueryState
          query={tenant}
          loading={
            <div role="status">
              <span className="sr-only">Loading budgets</span>
              <Skeleton className="h-64 w-full" />
            </div>
          }
        >
          {(t) => (
            <BudgetForm key={t.updatedAt.toString()} settings={t.settings} readOnly={!isAdmin} />
          )}
        </QueryState>
      </div>

      <section aria-labelledby="events-heading">
        <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
          <h2 id="events-heading" className="text-lg font-semibold">
            Events
          </h2>
          <Button variant="outline" size="sm" disabled={eventRows.length === 0} onClick={exportCsv}>
            <Download aria-hidden="true" /> Export CSV
          </Button>
        </div>
        <form
          role="search"
          aria-label="Filter cost events"
          onSubmit={(e) => e.preventDefault()}
          className="mb-4 grid gap-3 sm:grid-cols-3"
        >
          <Field label="Service">
            <Select value={service} onChange={(e) => setService(e.target.value)}>
              <option value="">All services</option>
              {services.map((s) => (
                <option key={s} value={s}>
                  {serviceLabel[s]}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="From">
            <Input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </Field>
          <Field label="To">
            <Input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </Field>
        </form>
        <QueryState
          query={events}
          loadingLabel="Loading events"
          isEmpty={(data) => data.pages.every((p) => p.items.length === 0)}
          empty={
            <EmptyState
              title="No cost events"
              description="Events appear as your assistants answer and index documents."
            />
          }
        >
          {() => (
            <>
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHead>Time</TableHead>
                    <TableHead>Service</TableHead>
                    <TableHead>Model</TableHead>
                    <TableHead className="text-right">Tokens</TableHead>
                    <TableHead className="text-right">Cost</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {eventRows.map((e) => (
                    <TableRow key={e.id}>
                      <TableCell>
                        {e.sessionId ? (
                          <Link
                            href={`/conversations/${e.sessionId}`}
                            className="text-primary underline-offset-4 hover:underline"
                          >
                            {formatDateTime(e.timestamp)}
                          </Link>
                        ) : (
                          formatDateTime(e.timestamp)
                        )}
                      </TableCell>
                      <TableCell>
                        {serviceLabel[e.service]}
                        {e.source === 'playground' ? (
                          <Badge variant="outline" className="ml-2">
                            Test chat
                          </Badge>
                        ) : e.operation === 'ingestion' ? (
                          <span className="ml-2 text-xs text-muted-foreground">indexing</span>
                        ) : null}
                      </TableCell>
                      <TableCell className="font-mono text-xs">{e.model ?? e.provider}</TableCell>
                      <TableCell className="text-right tabular-nums">
                        {e.tokensUsed ?? '—'}
                      </TableCell>
                      <TableCell className="text-right tabular-nums">
                        {formatUsd(e.costUsd)}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
              <LoadMore query={events} />
            </>
          )}
        </QueryState>
      </section>
    </>
  );
}
