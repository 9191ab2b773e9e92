'use client';

import {
  Button,
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  Field,
  Input,
  toast,
} from '@platform/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { updateTenantInput } from '@platform/api/schemas';
import { useState } from 'react';
import type { z } from 'zod';
import { useZodForm } from '~/components/forms/use-zod-form';
import { errorMessage } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';
import type { RouterOutputs } from '~/trpc/types';

type Settings = RouterOutputs['tenant']['get']['settings'];

const amount = (v: string) => (v.trim() === '' ? null : Number(v));

export function BudgetForm({ settings, readOnly }: { settings: Settings; readOnly: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const b = settings.budgets ?? {};
  const [daily, setDaily] = useState(b.daily?.toString() ?? '');
  const [weekly, setWeekly] = useState(b.weekly?.toString() ?? '');
  const [monthly, setMonthly] = useState(b.monthly?.toString() ?? '');
  const [warningAt, setWarningAt] = useState(
    b.warningAt ? String(Math.round(b.warningAt * 100)) : '80',
  );
  const [webhook, setWebhook] = useState(settings.alertWebhookUrl ?? '');
  const update = useMutation(trpc.tenant.update.mutationOptions());
  const dollars = 'Use an amount in dollars.';
  const form = useZodForm(updateTenantInput, {
    // The API stores the warning share as a fraction; the form shows a percentage.
    values: () => ({
      settings: {
        budgets: {
          daily: amount(daily),
          weekly: amount(weekly),
          monthly: amount(monthly),
          warningAt: Number(warningAt) / 100,
        },
        alertWebhookUrl: webhook.trim() || null,
      },
    }),
    serverError: update.error,
    messages: {
      'settings.budgets.daily': dollars,
      'settings.budgets.weekly': dollars,
      'settings.budgets.monthly': dollars,
      'settings.budgets.warningAt': 'Use a percentage from 1 to 100.',
      'settings.alertWebhookUrl':
        'Use an http or https URL, e.g. https://example.com/hooks/budget.',
    },
  });

  const onValid = async (input: z.output<typeof updateTenantInput>) => {
    try {
      await update.mutateAsync(input);
      toast.success('Budgets saved');
      await queryClient.invalidateQueries({ queryKey: trpc.tenant.pathKey() });
    } catch (error) {
      toast.error(errorMessage(error));
    }
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle>Budgets and alerts</CardTitle>
        <CardDescription>
          An alert is raised when spend in a period reaches the warning share of its budget, and
          again at 100%.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form {...form.formProps(onValid)}>
          <fieldset disabled={readOnly} className="grid gap-4 sm:grid-cols-2">
            <Field label="Daily budget (USD)" error={form.error('settings.budgets.daily')}>
              <Input
                name="settings.budgets.daily"
                type="number"
                min={0}
                step="0.01"
                value={daily}
                onChange={(e) => setDaily(e.target.value)}
              />
            </Field>
            <Field label="Weekly budget (USD)" error={form.error('settings.budgets.weekly')}>
              <Input
                name="settings.budgets.weekly"
                type="number"
                min={0}
                step="0.01"
                value={weekly}
                onChange={(e) => setWeekly(e.target.value)}
              />
            </Field>
            <Field label="Monthly budget (USD)" error={form.error('settings.budgets.monthly')}>
              <Input
                name="settings.budgets.monthly"
                type="number"
                min={0}
                step="0.01"
                value={monthly}
                onChange={(e) => setMonthly(e.target.value)}
              />
            </Field>
            <Field label="Warn at (% of budget)" error={form.error('settings.budgets.warningAt')}>
              <Input
                name="settings.budgets.warningAt"
                type="number"
                min={1}
                max={100}
                step={1}
                value={warningAt}
                onChange={(e) => setWarningAt(e.target.value)}
              />
            </Field>
            <Field
              label="Alert webhook URL"
              hint="Alerts are POSTed here, signed. Optional."
              className="sm:col-span-2"
              error={form.error('settings.alertWebhookUrl')}
            >
              <Input
                name="settings.alertWebhookUrl"
                type="url"
                value={webhook}
                placeholder="https://example.com/hooks/budget"
                onChange={(e) => setWebhook(e.target.value)}
              />
            </Field>
            {readOnly ? null : (
              <div className="sm:col-span-2">
                <Button type="submit" loading={update.isPending}>
                  Save budgets
                </Button>
              </div>
            )}
          </fieldset>
        </form>
      </CardContent>
    </Card>
  );
}
