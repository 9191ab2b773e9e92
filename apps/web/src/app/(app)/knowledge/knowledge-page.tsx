'use client';

import {
  Button,
  ConfirmDialog,
  EmptyState,
  PageHeader,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  toast,
} from '@platform/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FileText, RefreshCw, Trash2 } from 'lucide-react';
import Link from 'next/link';
import { DocumentStatus, isSettled } from '~/components/knowledge/document-status';
import { useCan } from '~/components/me';
import { QueryState } from '~/components/query-state';
import { formatDate, formatNumber } from '~/lib/format';
import { errorMessage } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';
import { AddDocuments } from './add-documents';
import { RetrievalPlayground } from './retrieval-playground';

export function KnowledgePage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const isAdmin = useCan('admin');
  const docs = useQuery({
    ...trpc.knowledge.list.queryOptions({ limit: 100 }),
    // Ingestion runs in the background: poll while anything is still pending or processing.
    refetchInterval: (query) =>
      query.state.data?.items.some((d) => !isSettled(d.metadata)) ? 2000 : false,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.knowledge.pathKey() });
  const reindex = useMutation(
    trpc.knowledge.reindex.mutationOptions({
      onSuccess: async (d) => {
        toast.success(`Re-indexing “${d.title}”`);
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
      },
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );

  return (
    <>
      <PageHeader
        title="Knowledge"
        description="Documents your assistants answer from. Each is split into chunks and indexed for search."
      />
      {isAdmin ? <AddDocuments /> : null}
      <h2 className="mb-3 text-lg font-semibold">Documents</h2>
      <QueryState
        query={docs}
        loadingLabel="Loading documents"
        empty={
          <EmptyState
            icon={<FileText aria-hidden="true" />}
            title="No documents yet"
            description={
              isAdmin ? 'Upload files or paste text above.' : 'An admin can add documents.'
            }
          />
        }
      >
        {({ items }) => (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Title</TableHead>
                <TableHead>Status</TableHead>
                <TableHead className="text-right">Chunks</TableHead>
                <TableHead>Added</TableHead>
                {isAdmin ? <TableHead className="text-right">Actions</TableHead> : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((d) => (
                <TableRow key={d.id}>
                  <TableCell className="max-w-xs">
                    <Link
                      href={`/knowledge/${d.id}`}
                      className="block truncate font-medium text-primary underline-offset-4 hover:underline"
                    >
                      {d.title}
                    </Link>
                    <span className="text-xs text-muted-foreground">
                      {d.category ? `${d.category} · ` : ''}
                      {formatNumber(d.contentLength)} characters
                    </span>
                  </TableCell>
                  <TableCell>
                    <DocumentStatus metadata={d.metadata} />
                  </TableCell>
                  <TableCell className="text-right tabular-nums">
                    {formatNumber(d.chunkCount)}
                  </TableCell>
                  <TableCell className="text-muted-foreground">{formatDate(d.createdAt)}</TableCell>
                  {isAdmin ? (
                    <TableCell className="text-right whitespace-nowrap">
                      <Button
                        variant="ghost"
                        size="icon"
                        aria-label={`Re-index ${d.title}`}
                        title="Re-index"
                        disabled={reindex.isPending}
                        onClick={() => reindex.mutate({ id: d.id })}
                      >
                        <RefreshCw aria-hidden="true" />
                      </Button>
                      <ConfirmDialog
                        title={`Delete “${d.title}”?`}
                        description="The document and all its chunks are removed; answers stop citing it."
                        pending={remove.isPending}
                        onConfirm={() => remove.mutateAsync({ id: d.id })}
                        trigger={
                          <Button
                            variant="ghost"
                            size="icon"
                            aria-label={`Delete ${d.title}`}
                            title="Delete"
                          >
                            <Trash2 aria-hidden="true" />
                          </Button>
                        }
                      />
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </QueryState>
      <RetrievalPlayground />
    </>
  );
}
