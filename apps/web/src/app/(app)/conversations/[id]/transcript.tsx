'use client';

import { Badge, Card, CardContent, CardHeader, CardTitle, PageHeader, cn } from '@platform/ui';
import { useQuery } from '@tanstack/react-query';
import { ArrowLeft, ThumbsDown, ThumbsUp } from 'lucide-react';
import Link from 'next/link';
import { formatDateTime, formatUsd } from '~/lib/format';
import { QueryState } from '~/components/query-state';
import { useTRPC } from '~/trpc/react';

type Conversation = NonNullable<ReturnType<typeof useConversation>['data']>;

function useConversation(id: string) {
  const trpc = useTRPC();
  return useQuery(trpc.sessions.get.queryOptions({ id }));
}

export function Transcript({ id }: { id: string }) {
  const conversation = useConversation(id);
  return (
    <>
      <Link
        href="/conversations"
        className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeft className="size-4" aria-hidden="true" /> Conversations
      </Link>
      <QueryState query={conversation} loadingLabel="Loading conversation" loadingRows={6}>
        {(c) => <ConversationView id={id} c={c} />}
      </QueryState>
    </>
  );
}

/** The transcript with sources, cost and feedback per message, and the session's metered calls. */
function ConversationView({ id, c }: { id: string; c: Conversation }) {
  const trpc = useTRPC();
  const events = useQuery(trpc.costs.listEvents.queryOptions({ sessionId: id, limit: 100 }));
  return (
    <>
      <PageHeader
        title={`Conversation on ${c.widgetName ?? (c.mode === 'meeting' ? 'a meeting' : 'a removed widget')}`}
        description={`${formatDateTime(c.createdAt)} · ${c.messages.length} messages · ${formatUsd(c.costUsd)}${
          c.metadata?.origin ? ` · ${c.metadata.origin}` : ''
        }`}
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <Card>
          <CardHeader>
            <CardTitle>Transcript</CardTitle>
          </CardHeader>
          <CardContent>
            {c.messages.length === 0 ? (
              <p className="text-sm text-muted-foreground">No messages in this conversation.</p>
            ) : (
              <ol className="grid gap-4" aria-label="Messages">
                {c.messages.map((m) => {
                  const meta = m.metadata ?? {};
                  const mine = m.role === 'user';
                  return (
                    <li
                      key={m.id}
                      className={cn('flex flex-col gap-1', mine ? 'items-end' : 'items-start')}
                    >
                      <p className="text-xs text-muted-foreground">
                        {m.role === 'user'
                          ? 'Visitor'
                          : m.role === 'assistant'
                            ? 'Assistant'
                            : 'System'}{' '}
                        · {formatDateTime(m.timestamp)}
                      </p>
                      <div
                        className={cn(
                          'max-w-[85%] rounded-lg px-3 py-2 text-sm whitespace-pre-wrap',
                          mine ? 'bg-primary text-primary-foreground' : 'bg-muted',
                        )}
                      >
                        {m.content}
                      </div>
                      {m.role === 'assistant' ? (
                        <div className="flex max-w-[85%] flex-wrap items-center gap-2 text-xs text-muted-foreground">
                          {meta.status === 'failed' ? (
                            <Badge variant="destructive">
                              Failed{meta.failureReason ? `: ${meta.failureReason}` : ''}
                            </Badge>
                          ) : null}
                          {meta.model ? <span className="font-mono">{meta.model}</span> : null}
                          {meta.tokensUsed !== undefined ? (
                            <span>{meta.tokensUsed} tokens</span>
                          ) : null}
                          {meta.costUsd !== undefined ? (
                            <span>{formatUsd(meta.costUsd)}</span>
                          ) : null}
                          {meta.latencyMs !== undefined ? <span>{meta.latencyMs} ms</span> : null}
                          {meta.feedback === 'up' ? (
                            <span className="inline-flex items-center gap-1 text-green-700 dark:text-green-400">
                              <ThumbsUp className="size-3" aria-hidden="true" /> Helpful
                            </span>
                          ) : meta.feedback === 'down' ? (
                            <span className="inline-flex items-center gap-1 text-red-700 dark:text-red-400">
                              <ThumbsDown className="size-3" aria-hidden="true" /> Not helpful
                            </span>
                          ) : null}
                        </div>
                      ) : null}
                      {meta.sources?.length ? (
                        <details className="max-w-[85%] text-xs">
                          <summary className="cursor-pointer text-primary">
                            {meta.sources.length} source{meta.sources.length === 1 ? '' : 's'}
                          </summary>
                          <ul className="mt-2 grid gap-2">
                            {meta.sources.map((s) => (
                              <li key={s.chunkId} className="rounded-md border p-2">
                                <Link
                                  href={`/knowledge/${s.documentId}`}
                                  className="font-medium text-primary underline-offset-4 hover:underline"
                                >
                                  {s.title}
                                </Link>
                                <p className="mt-1 text-muted-foreground">{s.excerpt}</p>
                              </li>
                            ))}
                          </ul>
                        </details>
                      ) : null}
                    </li>
                  );
                })}
              </ol>
            )}
            {c.messagesTruncated ? (
              <p className="mt-4 text-xs text-muted-foreground">
                Only the first messages are shown.
              </p>
            ) : null}
          </CardContent>
        </Card>
        <Card className="self-start">
          <CardHeader>
            <CardTitle>Costs</CardTitle>
          </CardHeader>
          <CardContent>
            <QueryState
              query={events}
              loadingLabel="Loading costs"
              loadingRows={2}
              empty="No metered calls."
            >
              {(page) => (
                <ul className="grid gap-2 text-sm">
                  {page.items.map((e) => (
                    <li key={e.id} className="flex justify-between gap-2">
                      <span>
                        <span className="font-medium">{e.service}</span>
                        <span className="block text-xs text-muted-foreground">
                          {e.model ?? e.provider}
                          {e.tokensUsed ? ` · ${e.tokensUsed} tokens` : ''}
                        </span>
                      </span>
                      <span className="tabular-nums">{formatUsd(e.costUsd)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </QueryState>
          </CardContent>
        </Card>
      </div>
    </>
  );
}
