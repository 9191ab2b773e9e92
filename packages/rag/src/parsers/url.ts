import { AppError } from '@platform/errors';
import { outboundRequest } from '@platform/outbound';
import { parseIsolated } from './isolated';
import type { ParsedDocument } from './types';

export interface UrlFetchLimits {
  maxBytes: number;
  timeoutMs: number;
  /** Fetch private/loopback addresses too (tests, trusted intranets). */
  allowPrivate: boolean;
  maxRedirects?: number;
}

export interface FetchedResource {
  /** The final URL after redirects. */
  url: string;
  contentType: string | undefined;
  body: Buffer;
}

/**
 * GETs a public http(s) URL server-side through the outbound guard (@platform/outbound: address
 * checked at connect time, every redirect re-checked, one byte cap and one deadline).
 */
export async function fetchResource(
  input: string,
  limits: UrlFetchLimits,
): Promise<FetchedResource> {
  const response = await outboundRequest(input, {
    ...limits,
    noun: 'The page',
    headers: {
      'user-agent': 'PlatformKnowledgeFetcher/1.0',
      accept: 'text/html, application/pdf, text/markdown, text/plain;q=0.9, */*;q=0.1',
    },
  });
  if (response.status < 200 || response.status >= 300) {
    throw new AppError('BAD_INPUT', `The page answered HTTP ${response.status}.`);
  }
  return { url: response.url, contentType: response.contentType, body: response.body };
}

/** Fetches a URL and extracts its readable text (HTML, PDF, Markdown or plain text). */
export async function parseUrl(input: string, limits: UrlFetchLimits): Promise<ParsedDocument> {
  const resource = await fetchResource(input, limits);
  const filename =
    decodeURIComponent(new URL(resource.url).pathname.split('/').pop() ?? '') ||
    new URL(resource.url).hostname;
  const parsed = await parseIsolated(resource.body, { mimeType: resource.contentType, filename });
  return { ...parsed, url: resource.url };
}
