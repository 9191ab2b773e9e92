'use client';

import {
  Badge,
  Button,
  EmptyState,
  ErrorState,
  LoadingRows,
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
import { Plus, Sparkles } from 'lucide-react';
import Link from 'next/link';
import { useCan } from '~/components/me';
import { errorMessage } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';

export function PersonalitiesList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const isAdmin = useCan('admin');
  const list = useQuery(trpc.personalities.list.queryOptions({ limit: 100 }));
  const setDefault = useMutation(
    trpc.personalities.setDefault.mutationOptions({
      onSuccess: async (p) => {
        toast.success(`${p.name} is now the default`);
        await queryClient.invalidateQueries({ queryKey: trpc.personalities.pathKey() });
      },
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );
  const newButton = isAdmin ? (
    <Button asChild>
      <Link href="/personalities/new">
        <Plus aria-hidden="true" /> New personality
      </Link>
    </Button>
  ) : null;

  return (
    <>
      <PageHeader
        title="Personalities"
        description="How your assistants speak: system prompt, model and sampling. One is the default."
        actions={newButton}
      />
      {list.isPending ? (
        <LoadingRows label="Loading personalities" />
      ) : list.isError ? (
        <ErrorState message={errorMessage(list.error)} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState
          icon={<Sparkles aria-hidden="true" />}
          title="No personalities yet"
          description="Without one, widgets answer with the platform's built-in assistant."
          action={newButton}
        />
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Model</TableHead>
              <TableHead className="text-right">Temperature</TableHead>
              <TableHead>Status</TableHead>
              {isAdmin ? <TableHead className="text-right">Default</TableHead> : null}
            </TableRow>
          </TableHeader>
          <TableBody>
            {list.data.items.map((p) => (
              <TableRow key={p.id}>
                <TableCell>
                  <Link
                    href={`/personalities/${p.id}`}
                    className="font-medium text-primary underline-offset-4 hover:underline"
                  >
                    {p.name}
                  </Link>
                  {p.description ? (
                    <span className="block text-xs text-muted-foreground">{p.description}</span>
                  ) : null}
                </TableCell>
                <TableCell className="font-mono text-xs">
                  {p.preferredModel ?? 'platform default'}
                </TableCell>
                <TableCell className="text-right tabular-nums">
                  {p.temperature.toFixed(2)}
                </TableCell>
                <TableCell>
                  <span className="inline-flex gap-1">
                    {p.isDefault ? <Badge>Default</Badge> : null}
                    {p.isActive ? (
                      <Badge variant="success">Active</Badge>
                    ) : (
                      <Badge variant="secondary">Inactive</Badge>
                    )}
                  </span>
                </TableCell>
                {isAdmin ? (
                  <TableCell className="text-right">
                    {p.isDefault ? null : (
                      <Button
                        variant="outline"
                        size="sm"
                        disabled={setDefault.isPending || !p.isActive}
                        onClick={() => setDefault.mutate({ id: p.id })}
                        aria-label={`Make ${p.name} the default`}
                      >
                        Make default
                      </Button>
                    )}
                  </TableCell>
                ) : null}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
