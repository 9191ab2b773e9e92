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
  Select,
} from '@platform/ui';
import { useQuery } from '@tanstack/react-query';
import { CircleCheck } from 'lucide-react';
import Link from 'next/link';
import { useState } from 'react';
import { useCan } from '~/components/me';
import { QueryState } from '~/components/query-state';
import { formatNumber, formatRelative } from '~/lib/format';
import { useTRPC } from '~/trpc/react';
import type { RouterOutputs } from '~/trpc/types';
import { AnswerForm } from './answer-form';
import { percent, RateChart } from './rate-chart';

type Rates = RouterOutputs['insights']['rates'];
type Group = RouterOutputs['insights']['unanswered']['groups'][number];

const ranges = [
  { days: 7, label: 'Last 7 days' },
  { days: 30, label: 'Last 30 days' },
  { days: 90, label: 'Last 90 days' },
];

/** What the assistant could not answer, and how it does: answer, handoff and thumbs-up rates. */
export function InsightsPage() {
  const trpc = useTRPC();
  const [days, setDays] = useState(30);
  const [widgetId, setWidgetId] = useState('');
  const widgets = useQuery(trpc.widgets.list.queryOptions({ limit: 100 }));
  const rates = useQuery(
    trpc.insights.rates.queryOptions({ days, widgetId: widgetId || undefined }),
  );
  const unanswered = useQuery(trpc.insights.unanswered.queryOptions({ days }));

  return (
    <>
      <PageHeader
        title="Insights"
        description="Questions your assistant could not answer, and how often it helps."
      />
      <div className="mb-6 flex flex-wrap gap-3">
        <Select
          aria-label="Period"
          className="w-48"
          value={days}
          onChange={(e) => setDays(Number(e.target.value))}
        >
          {ranges.map((r) => (
            <option key={r.days} value={r.days}>
              {r.label}
            </option>
          ))}
        </Select>
        <Select
          aria-label="Widget"
          className="w-60"
          value={widgetId}
          onChange={(e) => setWidgetId(e.target.value)}
        >
          <option value="">All widgets</option>
          {widgets.data?.items.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </Select>
      </div>

      <QueryState
        query={rates}
        loadingRows={4}
        loadingLabel="Loading rates"
        errorTitle="Could not load the rates"
      >
        {(data) => <RatesSection rates={data} />}
      </QueryState>

      <Card className="mt-6">
        <CardHeader>
          <CardTitle>Unanswered questions</CardTitle>
          <CardDescription>
            No relevant source was found, or the visitor rated the answer thumbs down. Questions
            asking the same thing are grouped (all widgets).
          </CardDescription>
        </CardHeader>
        <CardContent>
          <QueryState
            query={unanswered}
            loadingRows={3}
            loadingLabel="Loading unanswered questions"
            errorTitle="Could not load unanswered questions"
          >
            {(data) =>
              data.groups.length === 0 ? (
                <EmptyState
                  icon={<CircleCheck aria-hidden="true" />}
                  title="Nothing unanswered"
                  description="Every question in this period found a source, and no answer was rated down."
                />
              ) : (
                <>
                  {data.truncated ? (
                    <p className="mb-3 text-sm text-muted-foreground">
                      Only the latest {formatNumber(data.scanned)} were read: counts are a lower
                      bound. Choose a shorter period for exact counts.
                    </p>
                  ) : null}
                  <ul className="divide-y" aria-label="Unanswered question groups">
                    {data.groups.map((group, i) => (
                      <UnansweredGroup key={`${group.question}-${i}`} group={group} />
                    ))}
                  </ul>
                </>
              )
            }
          </QueryState>
        </CardContent>
      </Card>
    </>
  );
}

function RatesSection({ rates }: { rates: Rates }) {
  const { total } = rates;
  return (
    <>
      <div className="mb-6 grid gap-4 sm:grid-cols-3">
        <Summary
          label="Answer rate"
          value={percent(total.answerRate)}
          hint={`${formatNumber(total.answered)} of ${formatNumber(total.answered + total.unanswered)} questions found a source`}
        />
        <Summary
          label="Handoff rate"
          value={percent(total.handoffRate)}
          hint={`${formatNumber(total.handoffConversations)} of ${formatNumber(total.conversations)} conversations asked for a person`}
        />
        <Summary
          label="Thumbs-up share"
          value={percent(total.thumbsUpShare)}
          hint={`${formatNumber(total.thumbsUp)} up, ${formatNumber(total.thumbsDown)} down`}
        />
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Per day</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-6 lg:grid-cols-3">
          <RateChart
            title="Answer rate"
            days={rates.days}
            rate={(d) => d.answerRate}
            basis={(d) => `${d.answered} of ${d.answered + d.unanswered} answered`}
          />
          <RateChart
            title="Handoff rate"
            days={rates.days}
            rate={(d) => d.handoffRate}
            basis={(d) => `${d.handoffConversations} of ${d.conversations} conversations`}
          />
          <RateChart
            title="Thumbs-up share"
            days={rates.days}
            rate={(d) => d.thumbsUpShare}
            basis={(d) => `${d.thumbsUp} up of ${d.thumbsUp + d.thumbsDown} rated`}
          />
        </CardContent>
      </Card>
      <Card className="mt-6">
        <CardHeader>
          <CardTitle>Per widget</CardTitle>
        </CardHeader>
        <CardContent className="overflow-x-auto">
          {rates.widgets.length === 0 ? (
            <p className="text-sm text-muted-foreground">No conversations in this period.</p>
          ) : (
            <table className="w-full text-sm">
              <thead className="text-left text-muted-foreground">
                <tr>
                  <th scope="col" className="py-2 font-medium">
                    Widget
                  </th>
                  <th scope="col" className="py-2 text-right font-medium">
                    Conversations
                  </th>
                  <th scope="col" className="py-2 text-right font-medium">
                    Answer rate
                  </th>
                  <th scope="col" className="py-2 text-right font-medium">
                    Handoff rate
                  </th>
                  <th scope="col" className="py-2 text-right font-medium">
                    Thumbs up
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y tabular-nums">
                {rates.widgets.map((w) => (
                  <tr key={w.widgetId ?? 'none'}>
                    <th scope="row" className="py-2 text-left font-medium">
                      {w.name ?? (w.widgetId ? 'Widget removed' : 'No widget')}
                    </th>
                    <td className="py-2 text-right">{formatNumber(w.conversations)}</td>
                    <td className="py-2 text-right">{percent(w.answerRate)}</td>
                    <td className="py-2 text-right">{percent(w.handoffRate)}</td>
                    <td className="py-2 text-right">{percent(w.thumbsUpShare)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </CardContent>
      </Card>
    </>
  );
}

function Summary({ label, value, hint }: { label: string; value: string; hint: string }) {
  return (
    <Card>
      <CardHeader className="pb-1">
        <CardDescription>{label}</CardDescription>
      </CardHeader>
      <CardContent>
        <p className="text-2xl font-semibold tabular-nums">{value}</p>
        <p className="mt-1 text-xs text-muted-foreground">{hint}</p>
      </CardContent>
    </Card>
  );
}

function UnansweredGroup({ group }: { group: Group }) {
  const canAnswer = useCan('admin');
  const [answering, setAnswering] = useState(false);
  return (
    <li className="py-3">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="font-medium">{group.question}</p>
          {group.variants.length > 1 ? (
            <p className="mt-0.5 text-xs text-muted-foreground">
              Also asked as: {group.variants.filter((v) => v !== group.question.trim()).join(' · ')}
            </p>
          ) : null}
          <p className="mt-1 flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
            <Badge variant="secondary">{formatNumber(group.count)}×</Badge>
            {group.noSource ? <span>{group.noSource} without a source</span> : null}
            {group.thumbsDown ? <span>{group.thumbsDown} rated down</span> : null}
            <span>last asked {formatRelative(group.lastAskedAt)}</span>
          </p>
          <p className="mt-1 flex flex-wrap gap-x-3 text-xs">
            {group.sessionIds.map((id, n) => (
              <Link
                key={id}
                href={`/conversations/${id}`}
                className="text-primary underline-offset-4 hover:underline"
              >
                Conversation {n + 1}
              </Link>
            ))}
          </p>
        </div>
        {canAnswer && !answering ? (
          <Button variant="outline" size="sm" onClick={() => setAnswering(true)}>
            Write the answer
          </Button>
        ) : null}
      </div>
      {answering ? (
        <AnswerForm question={group.question} onDone={() => setAnswering(false)} />
      ) : null}
    </li>
  );
}
