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
  PageHeader,
  Skeleton,
} from '@platform/ui';
import { useQuery } from '@tanstack/react-query';
import { AlertTriangle, MessagesSquare } from 'lucide-react';
import Link from 'next/link';
import { useId, type ReactNode } from 'react';
import { QueryState } from '~/components/query-state';
import { formatNumber, formatRelative, formatUsd } from '~/lib/format';
import { decimalToMicro } from '~/lib/money';
import { useTRPC } from '~/trpc/react';

function Stat({ label, value, hint }: { label: string; value: ReactNode; hint?: ReactNode }) {
  const id = useId();
  return (
    <Card aria-labelledby={id}>
      <CardHeader className="pb-1">
        <CardDescription id={id}>{label}</CardDescription>
      </CardHeader>
      <CardContent>
        <p className="text-2xl font-semibold tabular-nums">{value}</p>
        {hint ? <p className="mt-1 text-xs text-muted-foreground">{hint}</p> : null}
      </CardContent>
    </Card>
  );
}

const statsLoading = (
  <div
    className="mb-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4"
    role="status"
    aria-label="Loading this month's figures"
  >
    {[0, 1, 2, 3].map((i) => (
      <Skeleton key={i} className="h-28" />
    ))}
  </div>
);

/** The month's exact figures come from one procedure (overview.stats), counted in the database. */
export function Overview() {
  const trpc = useTRPC();
  const stats = useQuery(trpc.overview.stats.queryOptions());
  const alerts = useQuery(trpc.budgets.listAlerts.queryOptions({ resolved: false, limit: 5 }));
  const monthLabel = (stats.data?.period.start ?? new Date()).toLocaleString('en-US', {
    month: 'long',
    timeZone: 'UTC',
  });

  return (
    <>
      <PageHeader
        title="Overview"
        description={`How your assistants are doing in ${monthLabel}.`}
      />
      <QueryState
        query={stats}
        loading={statsLoading}
        errorTitle="Could not load this month's figures"
      >
        {(data) => {
          const { spend } = data;
          const pct = spend.limitUsd
            ? Math.min(
                100,
                Math.round((decimalToMicro(spend.spentUsd) / decimalToMicro(spend.limitUsd)) * 100),
              )
            : null;
          return (
            <>
              <div className="mb-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
                <Stat label="Conversations this month" value={formatNumber(data.conversations)} />
                <Stat label="Messages this month" value={formatNumber(data.messages)} />
                <Card className="sm:col-span-2">
                  <CardHeader className="pb-1">
                    <CardDescription>Spend this month</CardDescription>
                  </CardHeader>
                  <CardContent>
                    <p className="text-2xl font-semibold tabular-nums" data-testid="month-spend">
                      {formatUsd(spend.spentUsd)}
                      <span className="text-sm font-normal text-muted-foreground">
                        {spend.limitUsd
                          ? ` of ${formatUsd(spend.limitUsd)} ${spend.limitKind === 'cap' ? 'limit' : 'budget'}`
                          : ' · no monthly limit set'}
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
                          className={
                            pct >= 100
                              ? 'h-full bg-destructive'
                              : pct >= 80
                                ? 'h-full bg-amber-500'
                                : 'h-full bg-primary'
                          }
                          style={{ width: `${pct}%` }}
                        />
                      </div>
                    ) : null}
                    <Link
                      href="/costs"
                      className="mt-2 inline-block text-xs text-primary underline-offset-4 hover:underline"
                    >
                      See costs
                    </Link>
                  </CardContent>
                </Card>
              </div>

              <div className="grid gap-6 lg:grid-cols-3">
                <Card className="lg:col-span-2">
                  <CardHeader>
                    <CardTitle>Recent conversations</CardTitle>
                  </CardHeader>
                  <CardContent>
                    {data.recentConversations.length === 0 ? (
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
                        {data.recentConversations.map((s) => (
                          <li key={s.id}>
                            <Link
                              href={`/conversations/${s.id}`}
                              className="flex items-center justify-between gap-3 py-2.5 text-sm hover:text-primary"
                            >
                              <span className="min-w-0 truncate">
                                <span className="font-medium">
                                  {s.widgetName ??
                                    (s.mode === 'meeting' ? 'Meeting' : 'Widget removed')}
                                </span>
                                <span className="text-muted-foreground">
                                  {' '}
                                  · {s.messageCount} messages
                                </span>
                              </span>
                              <span className="shrink-0 text-xs text-muted-foreground">
                                {formatRelative(s.createdAt)}
                              </span>
                            </Link>
                          </li>
                        ))}
                      </ul>
                    )}
                  </CardContent>
                </Card>
                <Card>
                  <CardHeader>
                    <CardTitle>
                      Open alerts{' '}
                      <span className="tabular-nums text-muted-foreground">
                        ({formatNumber(data.openAlerts)})
                      </span>
                    </CardTitle>
                  </CardHeader>
                  <CardContent>
                    <QueryState
                      query={alerts}
                      loadingRows={2}
                      loadingLabel="Loading alerts"
                      empty={
                        <p className="text-sm text-muted-foreground">
                          No open alerts. Spending is within your budgets.
                        </p>
                      }
                    >
                      {(page) => (
                        <ul className="grid gap-2">
                          {page.items.map((a) => (
                            <li key={a.id} className="flex items-start gap-2 text-sm">
                              <AlertTriangle
                                className={
                                  a.severity === 'critical'
                                    ? 'mt-0.5 size-4 text-red-600'
                                    : 'mt-0.5 size-4 text-amber-600'
                                }
                                aria-hidden="true"
                              />
                              <span>
                                <Badge
                                  variant={a.severity === 'critical' ? 'destructive' : 'warning'}
                                >
                                  {a.severity}
                                </Badge>{' '}
                                {a.period} spend {formatUsd(a.currentSpend)} of{' '}
                                {formatUsd(a.threshold)}
                                <span className="block text-xs text-muted-foreground">
                                  {formatRelative(a.triggeredAt)}
                                </span>
                              </span>
                            </li>
                          ))}
                          <li>
                            <Link
                              href="/costs"
                              className="text-xs text-primary underline-offset-4 hover:underline"
                            >
                              Manage alerts
                            </Link>
                          </li>
                        </ul>
                      )}
                    </QueryState>
                  </CardContent>
                </Card>
              </div>
            </>
          );
        }}
      </QueryState>
    </>
  );
}
