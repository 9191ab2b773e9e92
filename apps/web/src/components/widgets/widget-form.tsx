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
  Select,
  Switch,
  Textarea,
} from '@platform/ui';
import { useState, type ReactNode } from 'react';
import type { z } from 'zod';
import { useZodForm } from '~/components/forms/use-zod-form';
import { DomainListEditor } from './domain-list-editor';
import { WidgetPreview, type PreviewWidget } from './widget-preview';

export interface WidgetFormValues {
  name: string;
  domainWhitelist: string[];
  isActive: boolean;
  settings: {
    theme: 'light' | 'dark' | 'auto';
    position: 'bottom-right' | 'bottom-left';
    greeting?: string | undefined;
    primaryColor?: string | undefined;
    secondaryColor?: string | undefined;
    personalityId?: string | null | undefined;
    supportHours?: string | undefined;
    awayMessage?: string | undefined;
  };
}

export const emptyWidget: WidgetFormValues = {
  name: '',
  domainWhitelist: [],
  isActive: true,
  settings: {
    theme: 'auto',
    position: 'bottom-right',
    primaryColor: '#4f46e5',
    secondaryColor: '#eef2ff',
  },
};

const HEX = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;

function ColorField({
  label,
  name,
  value,
  onChange,
  error,
}: {
  label: string;
  name: string;
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
}) {
  return (
    <div className="flex items-start gap-2">
      <Field label={label} error={error} className="flex-1">
        <Input
          name={name}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          className="font-mono"
          maxLength={7}
        />
      </Field>
      <input
        type="color"
        data-field={name}
        aria-label={`Pick ${label.toLowerCase()}`}
        value={HEX.test(value) && value.length === 7 ? value : '#000000'}
        onChange={(e) => onChange(e.target.value)}
        className="mt-6 h-9 w-10 cursor-pointer rounded-md border border-input bg-background p-1"
      />
    </div>
  );
}

/**
 * Create and edit share this form; the preview re-renders from the current values on every
 * change. `readOnly` (members) shows the same values without the controls to change them.
 * `schema` is the API's input for the action (create, or update without the id): the form is
 * checked with it, as `toWidgetInput` will send it, before `onSubmit` runs.
 */
export function WidgetForm({
  schema,
  initial,
  personalities,
  onSubmit,
  submitLabel,
  pending,
  serverError,
  readOnly,
  footer,
  saved,
}: {
  schema: z.ZodType;
  initial: WidgetFormValues;
  personalities?: Array<{ id: string; name: string; isDefault: boolean }> | undefined;
  onSubmit: (values: WidgetFormValues) => void;
  submitLabel: string;
  pending?: boolean;
  /** The mutation's error: its field errors show beside the fields. */
  serverError?: unknown;
  readOnly?: boolean;
  footer?: ReactNode;
  /** The saved widget (when editing): lets the live preview chat for real. */
  saved?: PreviewWidget;
}) {
  const [values, setValues] = useState<WidgetFormValues>(initial);
  const form = useZodForm(schema, { values: () => toWidgetInput(values), serverError });
  const set = (patch: Partial<WidgetFormValues>) => setValues((v) => ({ ...v, ...patch }));
  const setSettings = (patch: Partial<WidgetFormValues['settings']>) =>
    setValues((v) => ({ ...v, settings: { ...v.settings, ...patch } }));

  return (
    <form
      {...form.formProps(() => onSubmit(values))}
      className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]"
    >
      <fieldset disabled={readOnly} className="grid min-w-0 gap-6">
        <Card>
          <CardHeader>
            <CardTitle>Basics</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-4">
            <Field label="Name" error={form.error('name')}>
              <Input
                name="name"
                value={values.name}
                onChange={(e) => set({ name: e.target.value })}
                maxLength={100}
              />
            </Field>
            <div className="flex items-center gap-3">
              <Switch
                id="widget-active"
                checked={values.isActive}
                onCheckedChange={(isActive) => set({ isActive })}
              />
              <Label htmlFor="widget-active">Active (visitors can chat)</Label>
            </div>
            {personalities ? (
              <Field
                label="Personality"
                hint="Who answers on this widget."
                error={form.error('settings.personalityId')}
              >
                <Select
                  name="settings.personalityId"
                  value={values.settings.personalityId ?? ''}
                  onChange={(e) => setSettings({ personalityId: e.target.value || null })}
                >
                  <option value="">Workspace default</option>
                  {personalities.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                      {p.isDefault ? ' (default)' : ''}
                    </option>
                  ))}
                </Select>
              </Field>
            ) : null}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Where it can load</CardTitle>
          </CardHeader>
          <CardContent>
            <DomainListEditor
              value={values.domainWhitelist}
              onChange={(domainWhitelist) => {
                set({ domainWhitelist });
                form.clear('domainWhitelist');
              }}
              error={form.error('domainWhitelist')}
            />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Appearance</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-4 sm:grid-cols-2">
            <Field label="Theme">
              <Select
                value={values.settings.theme}
                onChange={(e) =>
                  setSettings({ theme: e.target.value as WidgetFormValues['settings']['theme'] })
                }
              >
                <option value="auto">Auto (follows the visitor)</option>
                <option value="light">Light</option>
                <option value="dark">Dark</option>
              </Select>
            </Field>
            <Field label="Position">
              <Select
                value={values.settings.position}
                onChange={(e) =>
                  setSettings({
                    position: e.target.value as WidgetFormValues['settings']['position'],
                  })
                }
              >
                <option value="bottom-right">Bottom right</option>
                <option value="bottom-left">Bottom left</option>
              </Select>
            </Field>
            <ColorField
              label="Primary colour"
              name="settings.primaryColor"
              value={values.settings.primaryColor ?? ''}
              onChange={(primaryColor) => setSettings({ primaryColor })}
              error={form.error('settings.primaryColor')}
            />
            <ColorField
              label="Secondary colour"
              name="settings.secondaryColor"
              value={values.settings.secondaryColor ?? ''}
              onChange={(secondaryColor) => setSettings({ secondaryColor })}
              error={form.error('settings.secondaryColor')}
            />
            <Field
              label="Greeting"
              className="sm:col-span-2"
              error={form.error('settings.greeting')}
            >
              <Textarea
                name="settings.greeting"
                value={values.settings.greeting ?? ''}
                onChange={(e) => setSettings({ greeting: e.target.value })}
                maxLength={500}
                placeholder="Hi! How can I help you today?"
              />
            </Field>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Talking to a person</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-5 sm:grid-cols-2">
            <Field
              label="Support hours"
              hint="Shown when a visitor asks for a person."
              error={form.error('settings.supportHours')}
            >
              <Input
                name="settings.supportHours"
                value={values.settings.supportHours ?? ''}
                onChange={(e) => setSettings({ supportHours: e.target.value })}
                maxLength={200}
                placeholder="Mon–Fri 9:00–17:00 CET"
              />
            </Field>
            <Field
              label="Away message"
              hint="Shown while the visitor waits for someone."
              error={form.error('settings.awayMessage')}
            >
              <Textarea
                name="settings.awayMessage"
                value={values.settings.awayMessage ?? ''}
                onChange={(e) => setSettings({ awayMessage: e.target.value })}
                maxLength={500}
                placeholder="Someone from the team will be with you shortly."
              />
            </Field>
          </CardContent>
        </Card>
        {readOnly ? null : (
          <div className="flex flex-wrap items-center gap-2">
            <Button type="submit" loading={pending}>
              {submitLabel}
            </Button>
            {footer}
          </div>
        )}
      </fieldset>
      <div className="lg:sticky lg:top-8 lg:self-start">
        <p className="mb-2 text-sm font-medium">Live preview</p>
        <WidgetPreview
          widget={saved}
          settings={{
            name: values.name,
            theme: values.settings.theme,
            position: values.settings.position,
            greeting: values.settings.greeting,
            primaryColor: HEX.test(values.settings.primaryColor ?? '')
              ? values.settings.primaryColor
              : undefined,
            secondaryColor: HEX.test(values.settings.secondaryColor ?? '')
              ? values.settings.secondaryColor
              : undefined,
          }}
        />
      </div>
    </form>
  );
}

/** The API wants omitted (not empty) optional strings. */
export function toWidgetInput(values: WidgetFormValues) {
  const s = values.settings;
  return {
    name: values.name.trim(),
    domainWhitelist: values.domainWhitelist,
    isActive: values.isActive,
    settings: {
      theme: s.theme,
      position: s.position,
      greeting: s.greeting?.trim() ? s.greeting.trim() : undefined,
      primaryColor: s.primaryColor || undefined,
      secondaryColor: s.secondaryColor || undefined,
      personalityId: s.personalityId ?? null,
      // Sent even when empty: clearing them must reach the saved settings.
      ...(s.supportHours !== undefined ? { supportHours: s.supportHours.trim() } : {}),
      ...(s.awayMessage !== undefined ? { awayMessage: s.awayMessage.trim() } : {}),
    },
  };
}
