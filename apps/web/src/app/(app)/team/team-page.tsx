'use client';

import {
  Badge,
  Button,
  ConfirmDialog,
  PageHeader,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  toast,
} from '@platform/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCan, useMe, type Role } from '~/components/me';
import { QueryState } from '~/components/query-state';
import { formatDate } from '~/lib/format';
import { errorMessage } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';
import { InviteForm } from './invite-form';

export function TeamPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useMe();
  const isAdmin = useCan('admin');
  const isOwner = useCan('owner');
  const members = useQuery(trpc.team.list.queryOptions({ limit: 100 }));
  const invitations = useQuery({
    ...trpc.team.listInvitations.queryOptions({ limit: 100 }),
    enabled: isAdmin,
  });
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.team.pathKey() });
  const changeRole = useMutation(
    trpc.team.changeRole.mutationOptions({
      onSuccess: async () => {
        toast.success('Role changed');
        await invalidate();
      },
      onError: async (e) => {
        toast.error(errorMessage(e));
        await invalidate(); // puts the select back to the stored role
      },
    }),
  );
  const remove = useMutation(
    trpc.team.removeMember.mutationOptions({
      onSuccess: async () => {
        toast.success('Member removed; their sessions have ended');
        await invalidate();
      },
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );
  const revoke = useMutation(
    trpc.team.revokeInvitation.mutationOptions({
      onSuccess: async () => {
        toast.success('Invitation revoked');
        await invalidate();
      },
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );

  // Only an owner may change or remove an owner, or grant the owner role.
  const canManage = (role: Role) => isAdmin && (role !== 'owner' || isOwner);

  return (
    <>
      <PageHeader
        title="Team"
        description="Who can sign in to this workspace, and what they can do."
      />
      <div className="grid gap-6">
        {isAdmin ? <InviteForm /> : null}
        <section aria-labelledby="members-heading">
          <h2 id="members-heading" className="mb-3 text-lg font-semibold">
            Members
          </h2>
          <QueryState query={members} loadingLabel="Loading members">
            {({ items }) => (
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHead>Name</TableHead>
                    <TableHead>Role</TableHead>
                    <TableHead>Joined</TableHead>
                    {isAdmin ? <TableHead className="text-right">Actions</TableHead> : null}
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {items.map((m) => {
                    const self = m.id === me.id;
                    return (
                      <TableRow key={m.id}>
                        <TableCell>
                          <span className="font-medium">{m.name ?? m.email}</span>
                          {self ? (
                            <Badge variant="outline" className="ml-2">
                              You
                            </Badge>
                          ) : null}
                          <span className="block text-xs text-muted-foreground">{m.email}</span>
                        </TableCell>
                        <TableCell>
                          {canManage(m.role) ? (
                            <Select
                              aria-label={`Role of ${m.email}`}
                              className="h-8 w-32"
                              value={m.role}
                              disabled={changeRole.isPending}
                              onChange={(e) =>
                                changeRole.mutate({ userId: m.id, role: e.target.value as Role })
                              }
                            >
                              <option value="member">Member</option>
                              <option value="admin">Admin</option>
                              {isOwner ? <option value="owner">Owner</option> : null}
                            </Select>
                          ) : (
                            <Badge
                              variant={m.role === 'member' ? 'secondary' : 'default'}
                              className="capitalize"
                            >
                              {m.role}
                            </Badge>
                          )}
                        </TableCell>
                        <TableCell className="text-muted-foreground">
                          {formatDate(m.createdAt)}
                        </TableCell>
                        {isAdmin ? (
                          <TableCell className="text-right">
                            {canManage(m.role) && !self ? (
                              <ConfirmDialog
                                title={`Remove ${m.email}?`}
                                description="They lose access at once and are signed out everywhere."
                                confirmLabel="Remove"
                                pending={remove.isPending}
                                onConfirm={() => remove.mutateAsync({ userId: m.id })}
                                trigger={
                                  <Button
                                    variant="ghost"
                                    size="sm"
                                    className="text-red-700 dark:text-red-400"
                                  >
                                    Remove
                                  </Button>
                                }
                              />
                            ) : null}
                          </TableCell>
                        ) : null}
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
            )}
          </QueryState>
        </section>
        {isAdmin ? (
          <section aria-labelledby="invitations-heading">
            <h2 id="invitations-heading" className="mb-3 text-lg font-semibold">
              Pending invitations
            </h2>
            <QueryState
              query={invitations}
              loadingRows={2}
              loadingLabel="Loading invitations"
              empty={<p className="text-sm text-muted-foreground">No pending invitations.</p>}
            >
              {({ items }) => (
                <Table>
                  <TableHeader>
                    <TableRow>
                      <TableHead>Email</TableHead>
                      <TableHead>Role</TableHead>
                      <TableHead>Expires</TableHead>
                      <TableHead className="text-right">Actions</TableHead>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {items.map((i) => (
                      <TableRow key={i.id}>
                        <TableCell>{i.email}</TableCell>
                        <TableCell className="capitalize">{i.role}</TableCell>
                        <TableCell className="text-muted-foreground">
                          {formatDate(i.expiresAt)}
                        </TableCell>
                        <TableCell className="text-right">
                          <Button
                            variant="ghost"
                            size="sm"
                            disabled={revoke.isPending}
                            onClick={() => revoke.mutate({ id: i.id })}
                            aria-label={`Revoke invitation for ${i.email}`}
                          >
                            Revoke
                          </Button>
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
            </QueryState>
          </section>
        ) : null}
      </div>
    </>
  );
}
