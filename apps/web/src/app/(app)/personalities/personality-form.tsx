'use client';

import {
  Button,
  Card,
  CardContent,
  CardHeader,
  CardTitle,
  Field,
  Input,
  Label,
  Switch,
  Textarea,
} from '@platform/ui';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { FieldErrors } from '~/lib/form';

export interface PersonalityValues {
  name: string;
  description: string;
  systemPrompt: string;
  preferredModel: string;
  temperature: number;
  topP: number | null;
  maxTokens: number | null;
  frequencyPenalty: number | null;
  presencePenalty: number | null;
  isActive: boolean;
}

export const emptyPersonality: PersonalityValues = {
  name: '',
  description: '',
  systemPrompt:
    'You are a helpful assistant for our customers. Answer from the provided knowledge and say so when you do not know.',
  preferredModel: '',
  temperature: 0.7,
  topP: 1,
  maxTokens: 2000,
  frequencyPenalty: 0,
  presencePenalty: 0,
  isActive: true,
};

interface NumberSpec {
  key: 'temperature' | 'topP' | 'frequencyPenalty' | 'presencePenalty';
  label: string;
  min: number;
  max: number;
  step: number;
  hint: string;
}

const sliders: NumberSpec[] = [
  {
    key: 'temperature',
    label: 'Temperature',
    min: 0,
    max: 2,
    step: 0.05,
    hint: 'Higher is more varied, lower more focused.',
  },
  {
    key: 'topP',
    label: 'Top P',
    min: 0,
    max: 1,
    step: 0.05,
    hint: 'Samples from the most likely tokens covering this share.',
  },
  {
    key: 'frequencyPenalty',
    label: 'Frequency penalty',
    min: -2,
    max: 2,
    step: 0.1,
    hint: 'Discourages repeating the same words.',
  },
  {
    key: 'presencePenalty',
    label: 'Presence penalty',
    min: -2,
    max: 2,
    step: 0.1,
    hint: 'Encourages new topics.',
  },
];

function Slider({
  spec,
  value,
  onChange,
  error,
}: {
  spec: NumberSpec;
  value: number | null;
  onChange: (v: number) => void;
  error?: string | undefined;
}) {
  const id = `p-${spec.key}`;
  const current = value ?? (spec.key === 'topP' ? 1 : 0);
  return (
    <div className="grid gap-1.5">
      <div className="flex items-center justify-between">
        <Label htmlFor={id}>{spec.label}</Label>
        <Input
          type="number"
          aria-label={`${spec.label} value`}
          className="h-7 w-20 text-right tabular-nums"
          min={spec.min}
          max={spec.max}
          step={spec.step}
          value={current}
          onChange={(e) => onChange(Number(e.target.value))}
        />
      </div>
      <input
        id={id}
        type="range"
        min={spec.min}
        max={spec.max}
        step={spec.step}
        value={current}
        aria-describedby={`${id}-hint`}
        onChange={(e) => onChange(Number(e.target.value))}
        className="w-full accent-primary"
      />
      <p id={`${id}-hint`} className="text-xs text-muted-foreground">
        {spec.hint}
      </p>
      {error ? (
        <p role="alert" className="text-xs font-medium text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function PersonalityForm({
  initial,
  onSubmit,
  submitLabel,
  pending,
  serverErrors,
  readOnly,
  footer,
  onValuesChange,
}: {
  initial: PersonalityValues;
  onSubmit: (values: PersonalityValues) => void;
  submitLabel: string;
  pending?: boolean;
  serverErrors?: FieldErrors;
  readOnly?: boolean;
  footer?: ReactNode;
  /** Every edit, saved or not (the test chat tries the current values). */
  onValuesChange?: (values: PersonalityValues) => void;
}) {
  const [values, setValues] = useState(initial);
  useEffect(() => onValuesChange?.(values), [values, onValuesChange]);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = { ...serverErrors, ...clientErrors };
  const set = (patch: Partial<PersonalityValues>) => setValues((v) => ({ ...v, ...patch }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next: FieldErrors = {};
    if (!values.name.trim()) next.name = 'Give the personality a name.';
    if (!values.systemPrompt.trim()) next.systemPrompt = 'Write a system prompt.';
    if (
      values.maxTokens !== null &&
      (!Number.isInteger(values.maxTokens) || values.maxTokens < 1 || values.maxTokens > 32000)
    ) {
      next.maxTokens = 'Use a whole number from 1 to 32000.';
    }
    setClientErrors(next);
    if (!Object.keys(next).length) onSubmit(values);
  };

  return (
    <form noValidate onSubmit={submit}>
      <fieldset disabled={readOnly} className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <Card>
          <CardHeader>
            <CardTitle>Behaviour</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-4">
            <Field label="Name" error={errors.name}>
              <Input
                value={values.name}
                maxLength={100}
                onChange={(e) => set({ name: e.target.value })}
              />
            </Field>
            <Field label="Description" error={errors.description}>
              <Input
                value={values.description}
                maxLength={500}
                onChange={(e) => set({ description: e.target.value })}
              />
            </Field>
            <Field
              label="System prompt"
              hint="The instructions the model follows in every conversation."
              error={errors.systemPrompt}
            >
              <Textarea
                rows={12}
                value={values.systemPrompt}
                maxLength={20000}
                onChange={(e) => set({ systemPrompt: e.target.value })}
              />
            </Field>
          </CardContent>
        </Card>
        <Card className="self-start">
          <CardHeader>
            <CardTitle>Model parameters</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-5">
            <Field
              label="Model"
              hint="e.g. openai:gpt-4o-mini; empty uses the platform default."
              error={errors.preferredModel}
            >
              <Input
                value={values.preferredModel}
                maxLength={100}
                className="font-mono"
                onChange={(e) => set({ preferredModel: e.target.value })}
              />
            </Field>
            {sliders.map((spec) => (
              <Slider
                key={spec.key}
                spec={spec}
                value={values[spec.key]}
                error={errors[spec.key]}
                onChange={(v) => set({ [spec.key]: v })}
              />
            ))}
            <Field label="Max tokens" hint="Longest answer, in tokens." error={errors.maxTokens}>
              <Input
                type="number"
                min={1}
                max={32000}
                step={1}
                value={values.maxTokens ?? ''}
                onChange={(e) =>
                  set({ maxTokens: e.target.value === '' ? null : Number(e.target.value) })
                }
              />
            </Field>
            <div className="flex items-center gap-3">
              <Switch
                id="p-active"
                checked={values.isActive}
                onCheckedChange={(isActive) => set({ isActive })}
              />
              <Label htmlFor="p-active">Active</Label>
            </div>
          </CardContent>
        </Card>
        {readOnly ? null : (
          <div className="flex flex-wrap items-center gap-2 lg:col-span-2">
            <Button type="submit" loading={pending}>
              {submitLabel}
            </Button>
            {footer}
          </div>
        )}
      </fieldset>
    </form>
  );
}

export function toPersonalityInput(v: PersonalityValues) {
  return {
    name: v.name.trim(),
    description: v.description.trim() || null,
    systemPrompt: v.systemPrompt.trim(),
    preferredModel: v.preferredModel.trim() || null,
    temperature: v.temperature,
    topP: v.topP,
    maxTokens: v.maxTokens,
    frequencyPenalty: v.frequencyPenalty,
    presencePenalty: v.presencePenalty,
    isActive: v.isActive,
  };
}
