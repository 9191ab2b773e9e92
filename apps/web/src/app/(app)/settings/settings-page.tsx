'use client';

import {
  Button,
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  ConfirmDialog,
  CopyButton,
  Field,
  Input,
  PageHeader,
  Select,
  toast,
} from '@platform/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Download, KeyRound } from 'lucide-react';
import { updateTenantInput } from '@platform/api/schemas';
import type { z } from 'zod';
import { useState } from 'react';
import { useZodForm } from '~/components/forms/use-zod-form';
import { useCan } from '~/components/me';
import { QueryState } from '~/components/query-state';
import { DomainListEditor } from '~/components/widgets/domain-list-editor';
import { errorMessage } from '~/trpc/errors';
import { useTRPC, useTRPCClient } from '~/trpc/react';
import type { RouterOutputs } from '~/trpc/types';

type Tenant = RouterOutputs['tenant']['get'];

function GeneralForm({ tenant, readOnly }: { tenant: Tenant; readOnly: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(tenant.name);
  const [domains, setDomains] = useState<string[]>(tenant.settings.allowedDomains ?? []);
  const [limit, setLimit] = useState(tenant.settings.maxMonthlySpend?.toString() ?? '');
  const [claimRole, setClaimRole] = useState(tenant.settings.handoffClaimRole ?? 'member');
  const update = useMutation(trpc.tenant.update.mutationOptions());
  const form = useZodForm(updateTenantInput, {
    values: () => ({
      name,
      settings: {
        allowedDomains: domains,
        maxMonthlySpend: limit.trim() === '' ? null : Number(limit),
        handoffClaimRole: claimRole === 'member' ? null : claimRole,
      },
    }),
    serverError: update.error,
    messages: {
      'settings.maxMonthlySpend':
        'Use an amount in dollars, e.g. 100, or leave it empty for no limit.',
    },
  });

  const onValid = async (input: z.output<typeof updateTenantInput>) => {
    try {
      await update.mutateAsync(input);
      toast.success('Settings saved');
      await queryClient.invalidateQueries({ queryKey: trpc.tenant.pathKey() });
      await queryClient.invalidateQueries({ queryKey: trpc.account.pathKey() });
    } catch (error) {
      toast.error(errorMessage(error));
    }
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle>Workspace</CardTitle>
        <CardDescription>
          Name, the domains your sites run on, and a hard monthly spending cap.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form {...form.formProps(onValid)}>
          <fieldset disabled={readOnly} className="grid gap-5">
            <Field label="Workspace name" error={form.error('name')}>
              <Input
                name="name"
                value={name}
                maxLength={100}
                onChange={(e) => setName(e.target.value)}
              />
            </Field>
            <DomainListEditor
              label="Allowed domains"
              value={domains}
              onChange={(next) => {
                setDomains(next);
                form.clear('settings.allowedDomains');
              }}
              error={form.error('settings.allowedDomains')}
            />
            <Field
              label="Monthly spend limit (USD)"
              hint="When this month's AI spend reaches it, no further AI call starts. Empty: no limit."
              error={form.error('settings.maxMonthlySpend')}
            >
              <Input
                name="settings.maxMonthlySpend"
                type="number"
                min={0}
                step="0.01"
                inputMode="decimal"
                value={limit}
                onChange={(e) => setLimit(e.target.value)}
                className="max-w-48"
              />
            </Field>
            <Field
              label="Who may take conversations from the Inbox"
              hint="Anyone in the team can reply once a conversation is taken."
              error={form.error('settings.handoffClaimRole')}
            >
              <Select
                name="settings.handoffClaimRole"
                value={claimRole}
                onChange={(e) => setClaimRole(e.target.value as typeof claimRole)}
                className="max-w-48"
              >
                <option value="member">Any member</option>
                <option value="admin">Admins and owners</option>
                <option value="owner">Owners only</option>
              </Select>
            </Field>
            {readOnly ? null : (
              <div>
                <Button type="submit" loading={update.isPending}>
                  Save settings
                </Button>
              </div>
            )}
          </fieldset>
        </form>
      </CardContent>
    </Card>
  );
}

function ApiKeyCard() {
  const trpc = useTRPC();
  const [key, setKey] = useState<string>();
  const rotate = useMutation(
    trpc.tenant.rotateApiKey.mutationOptions({
      onSuccess: (r) => {
        setKey(r.apiKey);
        toast.success('New API key created; the old one no longer works');
      },
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>API key</CardTitle>
        <CardDescription>
          Only a hash is stored, so a key is shown once, right after it is created. Rotating
          replaces the current key at once.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        {key ? (
          <div role="status" className="grid gap-2 rounded-md border bg-muted/50 p-3">
            <p className="text-sm font-medium">Copy it now: it will not be shown again.</p>
            <div className="flex items-center gap-2">
              <Input
                readOnly
                value={key}
                aria-label="New API key"
                className="font-mono text-xs"
                onFocus={(e) => e.currentTarget.select()}
              />
              <CopyButton value={key} label="Copy key" />
            </div>
          </div>
        ) : null}
        <div>
          <ConfirmDialog
            title="Rotate the API key?"
            description="Anything using the current key stops working until it uses the new one."
            confirmLabel="Rotate key"
            pending={rotate.isPending}
            onConfirm={() => rotate.mutateAsync()}
            trigger={
              <Button variant="outline">
                <KeyRound aria-hidden="true" /> Rotate API key
              </Button>
            }
          />
        </div>
      </CardContent>
    </Card>
  );
}

function ExportCard() {
  const client = useTRPCClient();
  const [pending, setPending] = useState(false);
  const download = async () => {
    setPending(true);
    try {
      const data = await client.tenant.exportData.query();
      const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `workspace-export-${new Date().toISOString().slice(0, 10)}.json`;
      document.body.append(a);
      a.click();
      a.remove();
      URL.revokeObjectURL(url);
      toast.success('Export downloaded');
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      setPending(false);
    }
  };
  return (
    <Card>
      <CardHeader>
        <CardTitle>Export data</CardTitle>
        <CardDescription>
          Everything in this workspace as one JSON file (secrets and embeddings left out).
        </CardDescription>
      </CardHeader>
      <CardContent>
        <Button variant="outline" loading={pending} onClick={() => void download()}>
          <Download aria-hidden="true" /> Download export
        </Button>
      </CardContent>
    </Card>
  );
}

function DangerZone({ tenant }: { tenant: Tenant }) {
  const trpc = useTRPC();
  const remove = useMutation(
    trpc.tenant.delete.mutationOptions({
      onSuccess: () => {
        // Every member's session went with the tenant; start over from sign-up.
        window.location.assign('/sign-up');
      },
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );
  return (
    <Card className="border-red-300 dark:border-red-900">
      <CardHeader>
        <CardTitle>Delete workspace</CardTitle>
        <CardDescription>
          Deletes the workspace and everything in it: members, widgets, knowledge, conversations and
          costs. This cannot be undone.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <ConfirmDialog
          title="Delete this workspace forever?"
          description="Every member is signed out and all data is removed."
          confirmLabel="Delete workspace"
          typeToConfirm={tenant.name}
          pending={remove.isPending}
          onConfirm={() => remove.mutateAsync({ confirmName: tenant.name })}
          trigger={<Button variant="destructive">Delete workspace</Button>}
        />
      </CardContent>
    </Card>
  );
}

export function SettingsPage() {
  const trpc = useTRPC();
  const isAdmin = useCan('admin');
  const isOwner = useCan('owner');
  const tenant = useQuery(trpc.tenant.get.queryOptions());
  return (
    <>
      <PageHeader
        title="Settings"
        description={isAdmin ? undefined : 'Only admins can change these settings.'}
      />
      <QueryState query={tenant} loadingRows={5} loadingLabel="Loading settings">
        {(t) => (
          <div className="grid max-w-3xl gap-6">
            <GeneralForm key={t.updatedAt.toString()} tenant={t} readOnly={!isAdmin} />
            {isOwner ? (
              <>
                <ApiKeyCard />
                <ExportCard />
                <DangerZone tenant={t} />
              </>
            ) : null}
          </div>
        )}
      </QueryState>
    </>
  );
}
