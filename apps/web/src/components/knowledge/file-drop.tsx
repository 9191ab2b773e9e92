'use client';

import { Badge, Button, cn } from '@platform/ui';
import { CheckCircle2, FileUp, Loader2, XCircle } from 'lucide-react';
import { useId, useRef, useState, type DragEvent } from 'react';

export type UploadState =
  | { status: 'queued' }
  | { status: 'uploading' }
  | { status: 'done'; documentId?: string }
  | { status: 'failed'; error: string };

export interface UploadItem {
  key: string;
  file: File;
  state: UploadState;
}

/** What the server's parsers read (@platform/rag): text, Markdown, HTML and PDF. */
export const UPLOAD_TYPES = ['.pdf', '.html', '.htm', '.md', '.markdown', '.txt'];
/** The server's default UPLOAD_MAX_BYTES; it checks again and explains if its limit is lower. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

function stateBadge(state: UploadState) {
  switch (state.status) {
    case 'queued':
      return <Badge variant="secondary">Queued</Badge>;
    case 'uploading':
      return (
        <Badge variant="default">
          <Loader2 className="size-3 animate-spin" aria-hidden="true" /> Uploading
        </Badge>
      );
    case 'done':
      return (
        <Badge variant="success">
          <CheckCircle2 className="size-3" aria-hidden="true" /> Added
        </Badge>
      );
    case 'failed':
      return (
        <Badge variant="destructive">
          <XCircle className="size-3" aria-hidden="true" /> Failed
        </Badge>
      );
  }
}

/**
 * Drag-and-drop (or pick) several files; each is uploaded in turn with its own status, so one
 * bad file does not stop the others.
 */
export function FileDrop({
  upload,
  accept = UPLOAD_TYPES,
  disabled,
}: {
  upload: (file: File) => Promise<{ documentId?: string }>;
  accept?: string[];
  disabled?: boolean;
}) {
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [items, setItems] = useState<UploadItem[]>([]);
  const [dragging, setDragging] = useState(false);

  const update = (key: string, state: UploadState) =>
    setItems((prev) => prev.map((it) => (it.key === key ? { ...it, state } : it)));

  const start = async (files: File[]) => {
    const added: UploadItem[] = files.map((file, i) => ({
      key: `${Date.now()}-${i}-${file.name}`,
      file,
      state: { status: 'queued' },
    }));
    setItems((prev) => [...added, ...prev]);
    for (const item of added) {
      const ext = item.file.name.slice(item.file.name.lastIndexOf('.')).toLowerCase();
      if (!accept.includes(ext)) {
        update(item.key, { status: 'failed', error: `Unsupported type (${accept.join(', ')})` });
        continue;
      }
      if (item.file.size > MAX_FILE_BYTES) {
        update(item.key, {
          status: 'failed',
          error: `Larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`,
        });
        continue;
      }
      update(item.key, { status: 'uploading' });
      try {
        const result = await upload(item.file);
        update(item.key, { status: 'done', documentId: result.documentId });
      } catch (error) {
        update(item.key, {
          status: 'failed',
          error: error instanceof Error ? error.message : 'Upload failed',
        });
      }
    }
  };

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    if (disabled) return;
    void start(Array.from(e.dataTransfer.files));
  };

  return (
    <div className="grid gap-3">
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="file-drop"
        className={cn(
          'flex flex-col items-center justify-center gap-3 rounded-lg border-2 border-dashed p-8 text-center transition-colors',
          dragging && 'border-primary bg-accent',
        )}
      >
        <FileUp className="size-8 text-muted-foreground" aria-hidden="true" />
        <p className="text-sm">
          Drag and drop files here, or{' '}
          <Button
            variant="link"
            className="h-auto p-0"
            disabled={disabled}
            onClick={() => inputRef.current?.click()}
          >
            choose files
          </Button>
        </p>
        <p className="text-xs text-muted-foreground">
          PDF, HTML, Markdown or text ({accept.join(', ')}) · up to {MAX_FILE_BYTES / 1024 / 1024}{' '}
          MB each · several at once
        </p>
        <input
          ref={inputRef}
          id={inputId}
          type="file"
          multiple
          accept={accept.join(',')}
          aria-label="Choose files to upload"
          className="sr-only"
          disabled={disabled}
          onChange={(e) => {
            const files = Array.from(e.target.files ?? []);
            e.target.value = '';
            void start(files);
          }}
        />
      </div>
      {items.length ? (
        <ul aria-label="Uploads" aria-live="polite" className="grid gap-1.5">
          {items.map((item) => (
            <li
              key={item.key}
              className="flex items-center justify-between gap-3 rounded-md border px-3 py-2 text-sm"
            >
              <span className="min-w-0 truncate">
                {item.file.name}{' '}
                <span className="text-xs text-muted-foreground">
                  ({Math.max(1, Math.round(item.file.size / 1024))} KB)
                </span>
                {item.state.status === 'failed' ? (
                  <span className="block text-xs text-red-700 dark:text-red-400">
                    {item.state.error}
                  </span>
                ) : null}
              </span>
              {stateBadge(item.state)}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
