export const supportedMimeTypes = [
  'text/plain',
  'text/markdown',
  'text/html',
  'application/pdf',
] as const;
export type SupportedMimeType = (typeof supportedMimeTypes)[number];

/** Readable text extracted from a file or page, ready to store as a knowledge document. */
export interface ParsedDocument {
  title: string;
  /** Plain, readable text: what is chunked, searched and quoted. */
  text: string;
  mimeType: SupportedMimeType;
  /** Set for documents fetched from a URL (the final URL after redirects). */
  url?: string;
  /** Pages, for PDFs. */
  pageCount?: number;
}

export interface ParseOptions {
  /** Used for the title when the content names none. */
  filename?: string;
}

/** "shipping-policy.md" -> "shipping-policy"; the fallback title. */
export function titleFromFilename(
  filename: string | undefined,
  fallback = 'Untitled document',
): string {
  if (!filename) return fallback;
  const base = filename.split(/[\\/]/).pop() ?? filename;
  const stem = base.replace(/\.[a-z0-9]{1,5}$/i, '').trim();
  return stem || fallback;
}

/** Collapses runs of blank lines and trailing spaces; keeps paragraph breaks (chunking uses them). */
export function tidyText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** 5242880 -> "5 MB", 65536 -> "64 KB". */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${Number((bytes / 1024 / 1024).toFixed(1))} MB`
    : `${Math.round(bytes / 1024)} KB`;
}
