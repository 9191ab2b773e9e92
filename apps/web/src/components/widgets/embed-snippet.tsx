import { CopyButton } from '@platform/ui';

/** The one tag a tenant pastes into its site, with a copy button. */
export function EmbedSnippet({
  snippet,
  label = 'Embed snippet',
}: {
  snippet: string;
  label?: string;
}) {
  return (
    <div className="grid gap-2">
      <div className="flex items-center justify-between gap-2">
        <p className="text-sm font-medium">{label}</p>
        <CopyButton value={snippet} label="Copy snippet" />
      </div>
      <pre
        tabIndex={0}
        aria-label={label}
        className="overflow-x-auto rounded-md border bg-muted p-3 font-mono text-xs leading-relaxed whitespace-pre-wrap break-all"
      >
        <code>{snippet}</code>
      </pre>
    </div>
  );
}
