import type { z } from 'zod';

export type FieldErrors = Partial<Record<string, string>>;

/**
 * Validates form values with the API's own zod schema, so the browser shows the same message
 * the server would, before a round trip. Returns the parsed value or the first error per field.
 */
export function validate<S extends z.ZodType>(
  schema: S,
  values: unknown,
): { ok: true; data: z.output<S> } | { ok: false; errors: FieldErrors } {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join('.') || 'form';
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}

/** Reads a form's text fields; empty optional fields become undefined. */
export function formValues(form: HTMLFormElement): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of new FormData(form)) {
    if (typeof value === 'string') out[key] = value.trim() === '' ? undefined : value;
  }
  return out;
}
