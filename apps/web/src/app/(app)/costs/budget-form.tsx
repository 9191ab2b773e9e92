'use client';

import { Button, Card, CardContent, CardDescription, CardHeader, CardTitle, Field, Input, toast } from '@platform/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { FieldErrors } from '~/lib/form';
import { errorMessage, fieldErrors } from '~/trpc/errors';
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
  const [warningAt, setWarningAt] = useState(b.warningAt ? String(Math.round(b.warningAt * 100)) : '80');
  const [webhook, setWebhook] = useState(settings.alertWebhookUrl ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const update = useMutation(trpc.tenant.update.mutationOptions());

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const next: FieldErrors = {};
    const values = { daily: amount(daily), weekly: amount(weekly), monthly: amount(monthly) };
    for (const [k, v] of Object.entries(values)) {
      if (v !== null && (!Number.isFinite(v) || v < 0)) next[`settings.budgets.${k}`] = 'Use an amount in dollars.';
    }
    const pct = Number(warningAt);
    if (!Number.isFinite(pct) || pct <= 0 || pct > 100) next['settings.budgets.warningAt'] = 'Use a percentage from 1 to 100.';
    setErrors(next);
    if (Object.keys(next).length) return;
    try {
      await update.mutateAsync({
        settings: {
          budgets: { ...values, warningAt: pct / 100 },
          alertWebhookUrl: webhook.trim() || null,
        },
      });
      toast.success('Budgets saved');
      await queryClient.invalidateQueries({ queryKey: trpc.tenant.pathKey() });
    } catch (error) {
      setErrors(fieldErrors(error));
      toast.error(errorMessage(error));
    }
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle>Budgets and alerts</CardTitle>
        <CardDescription>
          An alert is raised when spend in a period reaches the warning share of its budget, and again at 100%.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form noValidate onSubmit={onSubmit}>
          <fieldset disabled={readOnly} className="grid gap-4 sm:grid-cols-2">
            <Field label="Daily budget (USD)" error={errors['settings.budgets.daily']}>
              <Input type="number" min={0} step="0.01" value={daily} onChange={(e) => setDaily(e.target.value)} />
            </Field>
            <Field label="Weekly budget (USD)" error={errors['settings.budgets.weekly']}>
              <Input type="number" min={0} step="0.01" value={weekly} onChange={(e) => setWeekly(e.target.value)} />
            </Field>
            <Field label="Monthly budget (USD)" error={errors['settings.budgets.monthly']}>
              <Input type="number" min={0} step="0.01" value={monthly} onChange={(e) => setMonthly(e.target.value)} />
            </Field>
            <Field label="Warn at (% of budget)" error={errors['settings.budgets.warningAt']}>
              <Input type="number" min={1} max={100} step={1} value={warningAt} onChange={(e) => setWarningAt(e.target.value)} />
            </Field>
            <Field
              label="Alert webhook URL"
              hint="Alerts are POSTed here, signed. Optional."
              className="sm:col-span-2"
              error={errors['settings.alertWebhookUrl']}
            >
              <Input type="url" value={webhook} placeholder="https://example.com/hooks/budget" onChange={(e) => setWebhook(e.target.value)} />
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
