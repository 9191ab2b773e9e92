'use client';

import {
  Badge,
  Button,
  Card,
  CardContent,
  CardHeader,
  CardTitle,
  ConfirmDialog,
  EmptyState,
  ErrorState,
  PageHeader,
  toast,
} from '@platform/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ArrowLeft, RefreshCw, Trash2 } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { DocumentStatus, isSettled } from '~/components/knowledge/document-status';
import { useCan } from '~/components/me';
import { QueryState } from '~/components/query-state';
import { formatDateTime, formatNumber } from '~/lib/format';
import { errorMessage } from '~/trpc/errors';
import { useTRPC, useTRPCClient } from '~/trpc/react';
import { EditDocument } from './edit-document';
import { useCursorPages } from '~/trpc/use-cursor-pages';

export function DocumentDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const router = useRouter();
  const queryClient = useQueryClient();
  const isAdmin = useCan('admin');
  const doc = useQuery({
    ...trpc.knowledge.get.queryOptions({ id }),
    refetchInterval: (q) => (q.state.data && !isSettled(q.state.data.metadata) ? 2000 : false),
  });
  const settled = doc.data ? isSettled(doc.data.metadata) : false;
  const chunks = useCursorPages(
    trpc.knowledge.listChunks.pathKey(),
    { documentId: id },
    (cursor) => client.knowledge.listChunks.query({ documentId: id, limit: 50, cursor }),
    { enabled: settled },
  );
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.knowledge.pathKey() });
  const reindex = useMutation(
    trpc.knowledge.reindex.mutationOptions({
      onSuccess: async () => {
        toast.success('Re-indexing started');
        await refresh();
      },
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );
  const remove = useMutation(
    trpc.knowledge.delete.mutationOptions({
      onSuccess: async () => {
        toast.success('Document deleted');
        await refresh();
        router.push('/knowledge');
      },
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );

  const back = (
    <Link
      href="/knowledge"
      className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
    >
      <ArrowLeft className="size-4" aria-hidden="true" /> Knowledge
    </Link>
  );
  return (
    <>
      {back}
      <QueryState query={doc} loadingRows={5} loadingLabel="Loading document">
        {(d) => (
          <>
            <PageHeader
              title={d.title}
              description={
                <span className="inline-flex flex-wrap items-center gap-2">
                  <DocumentStatus metadata={d.metadata} />
                  {d.category ? <Badge variant="outline">{d.category}</Badge> : null}
                  <span>
                    {formatNumber(d.chunkCount)} chunks · {formatNumber(d.contentLength)} characters
                    · added {formatDateTime(d.createdAt)}
                  </span>
                </span>
              }
              actions={
                isAdmin ? (
                  <>
                    <EditDocument doc={d} />
                    <Button
                      variant="outline"
                      loading={reindex.isPending}
                      onClick={() => reindex.mutate({ id })}
                    >
                      <RefreshCw aria-hidden="true" /> Re-index
                    </Button>
                    <ConfirmDialog
                      title={`Delete “${d.title}”?`}
                      description="The document and all its chunks are removed; answers stop citing it."
                      pending={remove.isPending}
                      onConfirm={() => remove.mutateAsync({ id })}
                      trigger={
                        <Button variant="outline" className="text-red-700 dark:text-red-400">
                          <Trash2 aria-hidden="true" /> Delete
                        </Button>
                      }
                    />
                  </>
                ) : null
              }
            />
            {d.metadata?.status === 'failed' && d.metadata.error ? (
              <ErrorState title="Indexing failed" message={d.metadata.error} className="mb-6" />
            ) : null}
            <div className="grid gap-6 lg:grid-cols-2">
              <Card>
                <CardHeader>
                  <CardTitle>Content</CardTitle>
                </CardHeader>
                <CardContent>
                  <pre
                    tabIndex={0}
                    aria-label="Document content"
                    className="max-h-[32rem] overflow-auto rounded-md bg-muted p-3 font-sans text-sm whitespace-pre-wrap"
                  >
                    {d.content}
                  </pre>
                </CardContent>
              </Card>
              <Card>
                <CardHeader>
                  <CardTitle>Chunks</CardTitle>
                </CardHeader>
                <CardContent>
                  {!settled ? (
                    <p role="status" className="text-sm text-muted-foreground">
                      Chunks appear when indexing finishes.
                    </p>
                  ) : (
                    <QueryState
                      query={chunks}
                      loadingLabel="Loading chunks"
                      isEmpty={(data) => data.pages.every((p) => p.items.length === 0)}
                      empty={
                        <EmptyState
                          title="No chunks"
                          description="Re-index the document to build them."
                        />
                      }
                    >
                      {(data) => (
                        <ol className="grid max-h-[32rem] gap-3 overflow-auto" aria-label="Chunks">
                          {data.pages
                            .flatMap((p) => p.items)
                            .map((c) => (
                              <li key={c.id} className="rounded-md border p-3">
                                <p className="mb-1 text-xs text-muted-foreground">
                                  #{c.position + 1}
                                  {c.metadata?.tokenCount
                                    ? ` · ${c.metadata.tokenCount} tokens`
                                    : ''}
                                  {c.metadata?.embeddingModel
                                    ? ` · ${c.metadata.embeddingModel}`
                                    : ''}
                                </p>
                                <p className="text-sm whitespace-pre-wrap">{c.content}</p>
                              </li>
                            ))}
                          {chunks.hasNextPage ? (
                            <li>
                              <Button
                                variant="outline"
                                loading={chunks.isFetchingNextPage}
                                onClick={() => void chunks.fetchNextPage()}
                              >
                                Load more chunks
                              </Button>
                            </li>
                          ) : null}
                        </ol>
                      )}
                    </QueryState>
                  )}
                </CardContent>
              </Card>
            </div>
          </>
        )}
      </QueryState>
    </>
  );
}
