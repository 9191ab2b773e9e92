import { Badge } from '@platform/ui';
import type { DocumentMetadata } from '@platform/db/schema';

export type DocumentStatusValue = NonNullable<DocumentMetadata['status']>;

/** Status with progress, e.g. "Processing 3/10"; failed shows the reason as a tooltip and text. */
export function DocumentStatus({ metadata }: { metadata: DocumentMetadata | null }) {
  const status = metadata?.status ?? 'pending';
  switch (status) {
    case 'ready':
      return <Badge variant="success">Ready</Badge>;
    case 'failed':
      return (
        <Badge variant="destructive" title={metadata?.error}>
          Failed{metadata?.error ? `: ${metadata.error.slice(0, 60)}` : ''}
        </Badge>
      );
    case 'processing': {
      const p = metadata?.progress;
      return <Badge variant="default">Processing{p ? ` ${p.done}/${p.total}` : '…'}</Badge>;
    }
    default:
      return <Badge variant="secondary">Pending</Badge>;
  }
}

export function isSettled(metadata: DocumentMetadata | null): boolean {
  const status = metadata?.status ?? 'pending';
  return status === 'ready' || status === 'failed';
}
