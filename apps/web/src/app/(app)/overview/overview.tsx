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
  ErrorState,
  LoadingRows,
  PageHeader,
  Skeleton,
} from '@platform/ui';
import { useQuery } from '@tanstack/react-query';
import { AlertTriangle, MessagesSquare } from 'lucide-react';
import Link from 'next/link';
import { useState, type ReactNode } from 'react';
import { formatNumber, formatRelative, formatUsd, startOfMonthUtc } from '~/lib/format';
import { decimalToMicro, sumDecimals } from '~/lib/money';
import { errorMessage } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';

const PERIOD_PAGE = 100;

function Stat({ label, value, hint }: { label: string; value: ReactNode; hint?: ReactNode }) {
  return (
    <Card>
      <CardHeader className="pb-1">
        <CardDescription>{label}</CardDescription>
      </CardHeader>
      <CardContent>
        <p className="text-2xl font-semibold tabular-nums">{value}</p>
        {hint ? <p className="mt-1 text-xs text-muted-foreground">{hint}</p> : null}
      </CardContent>
    </Card>
  );
}

export function Overview() {
  const trpc = useTRPC();
  // Fixed for the page's life so the query keys stay stable.
  const [period] = useState(() => {
    const now = new Date();
    return { start: startOfMonthUtc(now), end: new Date(now.getTime() + 60_000) };
  });
  const monthLabel = period.start.toLocaleString('en-US', { month: 'long', timeZone: 'UTC' });

  const conversations = useQuery(trpc.sessions.list.queryOptions({ limit: PERIOD_PAGE, from: period.start }));
  const recent = useQuery(trpc.sessions.list.queryOptions({ limit: 5 }));
  const tenant = useQuery(trpc.tenant.get.queryOptions());
  const costs = useQuery(
    trpc.costs.summary.queryOptions({ startDate: period.start, endDate: period.end, groupBy: 'month' }),
  );
  const alerts = useQuery(trpc.budgets.listAlerts.queryOptions({ resolved: false, limit: 5 }));

  const convCount = conversations.data
    ? `${formatNumber(conversations.data.items.length)}${conversations.data.nextCursor ? '+' : ''}`
    : null;
  const msgCount = conversations.data
    ? formatNumber(conversations.data.items.reduce((n, s) => n + s.messageCount, 0))
    : null;
  const spent = costs.data ? sumDecimals(costs.data.map((r) => r.totalCostUsd)) : null;
  const limit = tenant.data?.settings.maxMonthlySpend ?? tenant.data?.settings.budgets?.monthly;
  const pct =
    spent !== null && limit ? Math.min(100, Math.round((decimalToMicro(spent) / decimalToMicro(limit)) * 100)) : null;

  return (
    <>
      <PageHeader title="Overview" description={`How your assistants are doing in ${monthLabel}.`} />
      <div className="mb-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {conversations.isError ? (
          <ErrorState className="sm:col-span-2" message={errorMessage(conversations.error)} />
        ) : (
          <>
            <Stat label="Conversations this month" value={convCount ?? <Skeleton className="h-8 w-16" />} />
            <Stat
              label="Messages this month"
              value={msgCount ?? <Skeleton className="h-8 w-16" />}
              hint={conversations.data?.nextCursor ? `In the latest ${PERIOD_PAGE} conversations` : undefined}
            />
          </>
        )}
        <Card className="sm:col-span-2">
          <CardHeader className="pb-1">
            <CardDescription>Spend this month</CardDescription>
          </CardHeader>
          <CardContent>
            {costs.isError ? (
              <ErrorState message={errorMessage(costs.error)} />
            ) : spent === null ? (
              <Skeleton className="h-8 w-32" />
            ) : (
              <>
                <p className="text-2xl font-semibold tabular-nums">
                  {formatUsd(spent)}
                  <span className="text-sm font-normal text-muted-foreground">
                    {limit ? ` of ${formatUsd(limit)} limit` : ' · no monthly limit set'}
                  </span>
                </p>
                {pct !== null ? (
                  <div
                    role="progressbar"
                    aria-label="Share of the monthly limit spent"
                    aria-valuenow={pct}
                    aria-valuemin={0}
                    aria-valuemax={100}
                    className="mt-3 h-2 overflow-hidden rounded-full bg-muted"
                  >
                    <div
                      className={pct >= 100 ? 'h-full bg-destructive' : pct >= 80 ? 'h-full bg-amber-500' : 'h-full bg-primary'}
                      style={{ width: `${pct}%` }}
                    />
                  </div>
                ) : null}
                <Link href="/costs" className="mt-2 inline-block text-xs text-primary underline-offset-4 hover:underline">
                  See costs
                </Link>
              </>
            )}
          </CardContent>
        </Card>
      </div>

      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>Recent conversations</CardTitle>
          </CardHeader>
          <CardContent>
            {recent.isPending ? (
              <LoadingRows label="Loading conversations" />
            ) : recent.isError ? (
              <ErrorState message={errorMessage(recent.error)} onRetry={() => void recent.refetch()} />
            ) : recent.data.items.length === 0 ? (
              <EmptyState
                icon={<MessagesSquare aria-hidden="true" />}
                title="No conversations yet"
                description="They appear here as soon as a visitor chats with one of your widgets."
                action={
                  <Button asChild variant="outline">
                    <Link href="/onboarding">Set up your first widget</Link>
                  </Button>
                }
              />
            ) : (
              <ul className="divide-y">
                {recent.data.items.map((s) => (
                  <li key={s.id}>
                    <Link
                      href={`/conversations/${s.id}`}
                      className="flex items-center justify-between gap-3 py-2.5 text-sm hover:text-primary"
                    >
                      <span className="min-w-0 truncate">
                        <span className="font-medium">{s.widgetName ?? (s.mode === 'meeting' ? 'Meeting' : 'Widget removed')}</span>
                        <span className="text-muted-foreground"> · {s.messageCount} messages</span>
                      </span>
                      <span className="shrink-0 text-xs text-muted-foreground">{formatRelative(s.createdAt)}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Open alerts</CardTitle>
          </CardHeader>
          <CardContent>
            {alerts.isPending ? (
              <LoadingRows rows={2} label="Loading alerts" />
            ) : alerts.isError ? (
              <ErrorState message={errorMessage(alerts.error)} onRetry={() => void alerts.refetch()} />
            ) : alerts.data.items.length === 0 ? (
              <p className="text-sm text-muted-foreground">No open alerts. Spending is within your budgets.</p>
            ) : (
              <ul className="grid gap-2">
                {alerts.data.items.map((a) => (
                  <li key={a.id} className="flex items-start gap-2 text-sm">
                    <AlertTriangle
                      className={a.severity === 'critical' ? 'mt-0.5 size-4 text-red-600' : 'mt-0.5 size-4 text-amber-600'}
                      aria-hidden="true"
                    />
                    <span>
                      <Badge variant={a.severity === 'critical' ? 'destructive' : 'warning'}>{a.severity}</Badge>{' '}
                      {a.period} spend {formatUsd(a.currentSpend)} of {formatUsd(a.threshold)}
                      <span className="block text-xs text-muted-foreground">{formatRelative(a.triggeredAt)}</span>
                    </span>
                  </li>
                ))}
                <li>
                  <Link href="/costs" className="text-xs text-primary underline-offset-4 hover:underline">
                    Manage alerts
                  </Link>
                </li>
              </ul>
            )}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
