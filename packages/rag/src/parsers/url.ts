import http from 'node:http';
import https from 'node:https';
import { AppError, isAppError } from '@platform/errors';
import { assertHostAllowed, guardedLookup } from './address-guard';
import { parseIsolated } from './isolated';
import { formatBytes, type ParsedDocument } from './types';

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

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * GETs a public http(s) URL server-side with a byte cap and one deadline for the whole exchange
 * (redirects included). Every hop is re-checked: a public page cannot redirect into the network.
 */
export async function fetchResource(
  input: string,
  limits: UrlFetchLimits,
): Promise<FetchedResource> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
  try {
    let url = parseHttpUrl(input);
    for (let hop = 0; ; hop++) {
      const response = await get(url, limits, controller.signal);
      if (response.redirect) {
        if (hop >= (limits.maxRedirects ?? 5))
          throw new AppError('BAD_INPUT', 'The page redirects too many times.');
        url = parseHttpUrl(new URL(response.redirect, url).toString());
        continue;
      }
      return { url: url.toString(), contentType: response.contentType, body: response.body! };
    }
  } catch (error) {
    if (controller.signal.aborted) {
      throw new AppError(
        'UNAVAILABLE',
        `The page did not load within ${limits.timeoutMs / 1000} s.`,
        {
          cause: error,
        },
      );
    }
    if (isAppError(error)) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError('UNAVAILABLE', `The page could not be fetched${code ? ` (${code})` : ''}.`, {
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
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

function parseHttpUrl(input: string): URL {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new AppError('BAD_INPUT', 'That is not a valid URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('BAD_INPUT', 'Only http and https URLs can be fetched.');
  }
  if (url.username || url.password)
    throw new AppError('BAD_INPUT', 'URLs with credentials are not accepted.');
  return url;
}

interface HopResult {
  redirect?: string;
  contentType?: string;
  body?: Buffer;
}

function get(url: URL, limits: UrlFetchLimits, signal: AbortSignal): Promise<HopResult> {
  assertHostAllowed(url.hostname, limits.allowPrivate);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<HopResult>((resolve, reject) => {
    const request = client.get(
      url,
      {
        signal,
        lookup: guardedLookup(limits.allowPrivate),
        headers: {
          'user-agent': 'PlatformKnowledgeFetcher/1.0',
          accept: 'text/html, application/pdf, text/markdown, text/plain;q=0.9, */*;q=0.1',
          'accept-encoding': 'identity',
        },
      },
      (response) => {
        const status = response.statusCode ?? 0;
        if (REDIRECTS.has(status) && response.headers.location) {
          response.resume();
          return resolve({ redirect: response.headers.location });
        }
        if (status < 200 || status >= 300) {
          response.resume();
          return reject(new AppError('BAD_INPUT', `The page answered HTTP ${status}.`));
        }
        const declared = Number(response.headers['content-length'] ?? NaN);
        if (declared > limits.maxBytes) {
          response.destroy();
          return reject(tooLarge(limits.maxBytes));
        }
        const parts: Buffer[] = [];
        let size = 0;
        response.on('data', (part: Buffer) => {
          size += part.length;
          if (size > limits.maxBytes) {
            response.destroy();
            reject(tooLarge(limits.maxBytes));
            return;
          }
          parts.push(part);
        });
        response.on('error', reject);
        response.on('end', () => {
          if (!response.complete)
            return reject(new AppError('UNAVAILABLE', 'The page was cut off while loading.'));
          resolve({ contentType: response.headers['content-type'], body: Buffer.concat(parts) });
        });
      },
    );
    request.on('error', reject);
  });
}

function tooLarge(maxBytes: number) {
  return new AppError('BAD_INPUT', `The page is larger than ${formatBytes(maxBytes)}.`, {
    details: { maxBytes },
  });
}
