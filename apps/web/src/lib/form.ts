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
    const given = valueAt(values, issue.path);
    // An empty field reads as missing, whatever built-in check failed first (format, length,
    // type); a schema's own message (e.g. "Use at least 8 characters.") is kept.
    const missing = given === '' || (given === undefined && issue.code === 'invalid_type');
    errors[key] ??= missing && isBuiltIn(issue) ? 'This field is required.' : readable(issue);
  }
  return { ok: false, errors };
}

function valueAt(values: unknown, path: readonly PropertyKey[]): unknown {
  let at: unknown = values;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return typeof at === 'string' ? at.trim() : at;
}

/**
 * zod's default messages are written for developers ("Too small: expected string to have >=1
 * characters"); a schema's own custom message (e.g. "Use at least 8 characters.") is kept.
 */
function readable(issue: z.core.$ZodIssue): string {
  if (issue.code === 'too_small' && issue.origin === 'string') {
    return Number(issue.minimum) === 1
      ? 'This field is required.'
      : custom(issue, `Use at least ${Number(issue.minimum)} characters.`);
  }
  if (issue.code === 'too_big' && issue.origin === 'string') {
    return custom(issue, `Use at most ${Number(issue.maximum)} characters.`);
  }
  if (issue.code === 'too_small' && issue.origin === 'number') {
    return custom(issue, `Use ${Number(issue.minimum)} or more.`);
  }
  if (issue.code === 'too_big' && issue.origin === 'number') {
    return custom(issue, `Use ${Number(issue.maximum)} or less.`);
  }
  if (issue.code === 'invalid_type' && issue.expected === 'number') {
    return custom(issue, 'Enter a number.');
  }
  return issue.message;
}

/**
 * zod 4's built-in English messages start "Too small", "Too big" or "Invalid ..." ("Invalid
 * input: ...", "Invalid email address", "Invalid URL"); the API's own messages do not.
 */
function isBuiltIn(issue: z.core.$ZodIssue): boolean {
  return /^(Too (small|big)|Invalid )/.test(issue.message);
}

function custom(issue: z.core.$ZodIssue, fallback: string): string {
  return isBuiltIn(issue) ? fallback : issue.message;
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
