'use client';

import { originSchema } from '@platform/api/schemas';
import { Badge, Button, Input } from '@platform/ui';
import { Plus, X } from 'lucide-react';
import { useId, useState } from 'react';

/** Normalises what a user types into an origin (scheme://host[:port]) or explains why not. */
export function toOrigin(input: string): { origin: string } | { error: string } {
  const raw = input.trim();
  if (!raw) return { error: 'Enter a domain' };
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { error: `“${raw}” is not a valid domain` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { error: 'Only http and https origins can embed the widget' };
  }
  if (url.pathname !== '/' || url.search || url.hash) {
    return { error: 'Use just the origin, without a path (e.g. https://example.com)' };
  }
  // The API's own rule has the last word (credentials, wildcards, length...), in its words.
  const checked = originSchema.safeParse(withScheme);
  if (!checked.success) return { error: checked.error.issues[0]?.message ?? 'Not a valid origin' };
  return { origin: checked.data };
}

/** Edits a list of allowed origins: add with Enter or the button, remove per entry. */
export function DomainListEditor({
  value,
  onChange,
  label = 'Allowed domains',
  error,
}: {
  value: string[];
  onChange: (next: string[]) => void;
  label?: string;
  error?: string | undefined;
}) {
  const id = useId();
  const [draft, setDraft] = useState('');
  const [draftError, setDraftError] = useState<string>();

  const add = () => {
    const result = toOrigin(draft);
    if ('error' in result) return setDraftError(result.error);
    if (value.includes(result.origin)) return setDraftError('Already in the list');
    onChange([...value, result.origin]);
    setDraft('');
    setDraftError(undefined);
  };

  const message = draftError ?? error;
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-1.5 text-sm font-medium">{label}</legend>
      <div className="flex gap-2">
        <Input
          id={id}
          aria-label={`Add to ${label.toLowerCase()}`}
          aria-describedby={message ? `${id}-error` : `${id}-hint`}
          aria-invalid={message ? true : undefined}
          placeholder="https://www.example.com"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <Button type="button" variant="outline" onClick={add}>
          <Plus aria-hidden="true" /> Add
        </Button>
      </div>
      {message ? (
        <p
          id={`${id}-error`}
          role="alert"
          className="text-xs font-medium text-red-700 dark:text-red-400"
        >
          {message}
        </p>
      ) : (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          Only pages on these origins can load the widget. Press Enter to add.
        </p>
      )}
      {value.length ? (
        <ul className="flex flex-wrap gap-2" aria-label={label}>
          {value.map((origin) => (
            <li key={origin}>
              <Badge variant="secondary" className="gap-1.5 py-1 pr-1 font-mono">
                {origin}
                <button
                  type="button"
                  aria-label={`Remove ${origin}`}
                  onClick={() => onChange(value.filter((o) => o !== origin))}
                  className="rounded-full p-0.5 hover:bg-background focus-visible:outline-2 focus-visible:outline-ring"
                >
                  <X className="size-3" aria-hidden="true" />
                </button>
              </Badge>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-xs text-muted-foreground">No domains yet: the widget loads nowhere.</p>
      )}
    </fieldset>
  );
}
