'use client';

import {
  Badge,
  Button,
  EmptyState,
  PageHeader,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  toast,
} from '@platform/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Bot, Plus } from 'lucide-react';
import Link from 'next/link';
import { useCan } from '~/components/me';
import { QueryState } from '~/components/query-state';
import { formatDate } from '~/lib/format';
import { errorMessage } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';

export function WidgetsList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const isAdmin = useCan('admin');
  const widgets = useQuery(trpc.widgets.list.queryOptions({ limit: 100 }));
  const update = useMutation(
    trpc.widgets.update.mutationOptions({
      onSuccess: async (w) => {
        toast.success(`${w.name} is now ${w.isActive ? 'active' : 'inactive'}`);
        await queryClient.invalidateQueries({ queryKey: trpc.widgets.pathKey() });
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );

  const newButton = isAdmin ? (
    <Button asChild>
      <Link href="/widgets/new">
        <Plus aria-hidden="true" /> New widget
      </Link>
    </Button>
  ) : null;

  return (
    <>
      <PageHeader
        title="Widgets"
        description="Chat widgets you embed on your sites, each with its own look and allowed domains."
        actions={newButton}
      />
      <QueryState
        query={widgets}
        loadingLabel="Loading widgets"
        empty={
          <EmptyState
            icon={<Bot aria-hidden="true" />}
            title="No widgets yet"
            description="Create a widget, allow your site's domain, and paste one tag into your pages."
            action={newButton}
          />
        }
      >
        {({ items }) => (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>Allowed domains</TableHead>
                <TableHead>Created</TableHead>
                <TableHead className="text-right">Active</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((w) => (
                <TableRow key={w.id}>
                  <TableCell>
                    <Link
                      href={`/widgets/${w.id}`}
                      className="font-medium text-primary underline-offset-4 hover:underline"
                    >
                      {w.name}
                    </Link>
                  </TableCell>
                  <TableCell>
                    {w.domainWhitelist.length ? (
                      <span className="font-mono text-xs">
                        {w.domainWhitelist.slice(0, 2).join(', ')}
                        {w.domainWhitelist.length > 2 ? ` +${w.domainWhitelist.length - 2}` : ''}
                      </span>
                    ) : (
                      <Badge variant="warning">None: loads nowhere</Badge>
                    )}
                  </TableCell>
                  <TableCell className="text-muted-foreground">{formatDate(w.createdAt)}</TableCell>
                  <TableCell className="text-right">
                    <Switch
                      aria-label={`${w.name} active`}
                      checked={w.isActive}
                      disabled={!isAdmin || update.isPending}
                      onCheckedChange={(isActive) => update.mutate({ id: w.id, isActive })}
                    />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </QueryState>
    </>
  );
}
