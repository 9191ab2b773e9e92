'use client';

import {
  useRef,
  useState,
  type FormEvent,
  type FormHTMLAttributes,
  type SyntheticEvent,
} from 'react';
import type { z } from 'zod';
import { formValues, validate, type FieldErrors } from '~/lib/form';
import { fieldErrors } from '~/trpc/errors';

export interface ZodFormOptions {
  /**
   * The values to validate. Defaults to the form's named text fields (uncontrolled forms);
   * a controlled form passes its state, already shaped like the API's input.
   */
  values?: (form: HTMLFormElement) => unknown;
  /** With the default reader: blank fields that become undefined (optional in the schema). */
  optional?: string[];
  /** The mutation's error (`mutation.error`): its field errors show beside the fields. */
  serverError?: unknown;
  /** Field-specific wording where the form shows a value differently from the API (e.g. %). */
  messages?: Partial<Record<string, string>>;
}

/** The message for `name` itself or, for lists and objects, for its first nested entry. */
export function errorAt(errors: FieldErrors, name: string): string | undefined {
  if (errors[name]) return errors[name];
  const nested = Object.keys(errors).find((key) => key.startsWith(`${name}.`));
  return nested ? errors[nested] : undefined;
}

const belongsTo = (key: string, name: string) => key === name || key.startsWith(`${name}.`);

function without(errors: FieldErrors, name: string): FieldErrors {
  return Object.fromEntries(Object.entries(errors).filter(([key]) => !belongsTo(key, name)));
}

/** A field's name: the `name` attribute, or `data-field` for a control that has none. */
function nameOf(target: EventTarget): string | undefined {
  if (!(target instanceof HTMLElement)) return undefined;
  return target.getAttribute('name') || target.dataset.field || undefined;
}

/**
 * Validates a form with the API's own zod schema, in the browser, before any request:
 * - on submit, every field (the handler runs only with valid, parsed data; focus moves to the
 *   first invalid field);
 * - on blur, the field just left, once the user has changed it (tabbing through an empty form
 *   does not paint it red);
 * - while typing, a field's error clears (it is checked again on blur or submit).
 * Server field errors (the API's flattened zod issues, keyed by path like the client's) show in
 * the same places until the user edits that field or the next request.
 *
 *   const form = useZodForm(inviteInput, { serverError: invite.error });
 *   <form {...form.formProps((data) => invite.mutate(data))}>
 *     <Field label="Email" error={form.error('email')}><Input name="email" /></Field>
 */
export function useZodForm<S extends z.ZodType>(schema: S, options: ZodFormOptions = {}) {
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [server, setServer] = useState<{ source: unknown; dismissed: string[] }>(() => ({
    source: options.serverError,
    dismissed: [],
  }));
  const dirty = useRef(new Set<string>());

  // A new server error shows in full again (state derived from a prop, during render).
  if (options.serverError !== server.source)
    setServer({ source: options.serverError, dismissed: [] });
  let serverErrors: FieldErrors = fieldErrors(options.serverError);
  for (const name of server.dismissed) serverErrors = without(serverErrors, name);
  const errors: FieldErrors = { ...serverErrors, ...clientErrors };

  const check = (form: HTMLFormElement) => {
    const read = options.values ?? ((f: HTMLFormElement) => formValues(f, options.optional));
    const result = validate(schema, read(form));
    if (result.ok) return result;
    const worded: FieldErrors = { ...result.errors };
    for (const key of Object.keys(worded)) {
      const override = options.messages?.[key];
      if (override) worded[key] = override;
    }
    return { ok: false as const, errors: worded };
  };

  /** Clears what is shown for `name` (e.g. after a custom control changed it). */
  const clear = (name: string) => {
    setClientErrors((current) => without(current, name));
    setServer((s) =>
      s.dismissed.includes(name) ? s : { ...s, dismissed: [...s.dismissed, name] },
    );
  };

  const onChange = (e: SyntheticEvent<HTMLFormElement>) => {
    const name = nameOf(e.target);
    if (!name) return;
    dirty.current.add(name);
    if (errorAt(errors, name)) clear(name);
  };

  const onBlur = (e: SyntheticEvent<HTMLFormElement>) => {
    const name = nameOf(e.target);
    if (!name || !dirty.current.has(name)) return;
    const result = check(e.currentTarget);
    const mine = result.ok
      ? {}
      : Object.fromEntries(Object.entries(result.errors).filter(([key]) => belongsTo(key, name)));
    setClientErrors((current) => ({ ...without(current, name), ...mine }));
  };

  const formProps = (
    onValid: (data: z.output<S>, form: HTMLFormElement) => void | Promise<void>,
  ): FormHTMLAttributes<HTMLFormElement> => ({
    noValidate: true,
    onChange,
    onBlur,
    onSubmit: (e: FormEvent<HTMLFormElement>) => {
      e.preventDefault();
      const form = e.currentTarget;
      const result = check(form);
      if (!result.ok) {
        setClientErrors(result.errors);
        focusFirstInvalid(form, Object.keys(result.errors));
        return;
      }
      setClientErrors({});
      dirty.current.clear();
      void onValid(result.data, form);
    },
  });

  return {
    /** Every message shown, client over server, keyed by path (`settings.greeting`). */
    errors,
    /** The message for one field (or its first nested entry), for `<Field error>`. */
    error: (name: string) => errorAt(errors, name),
    /** Spread on the `<form>`: noValidate plus the submit, blur and change handlers. */
    formProps,
    clear,
    /** Shows errors found elsewhere (e.g. a check the schema cannot express). */
    setErrors: setClientErrors,
  };
}

function focusFirstInvalid(form: HTMLFormElement, keys: string[]) {
  for (const control of Array.from(form.elements)) {
    const name = nameOf(control);
    if (name && keys.some((key) => belongsTo(key, name)) && control instanceof HTMLElement) {
      control.focus();
      return;
    }
  }
}
