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
    // "Too small: expected string to have >=1 characters" reads badly for an empty field.
    const empty =
      issue.code === 'too_small' && Number(issue.minimum) === 1 && issue.origin === 'string';
    errors[key] ??= empty ? 'This field is required.' : issue.message;
  }
  return { ok: false, errors };
}

/**
 * Reads a form's text fields. Blank fields named in `optional` become undefined (the API's
 * optional fields reject empty strings); other blank fields stay '' so the schema's own
 * message for them (required, too short) is shown.
 */
export function formValues(
  form: HTMLFormElement,
  optional: string[] = [],
): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of new FormData(form)) {
    if (typeof value !== 'string') continue;
    out[key] = optional.includes(key) && value.trim() === '' ? undefined : value;
  }
  return out;
}
