import http from 'node:http';
import https from 'node:https';
import { AppError, isAppError } from '@platform/errors';
import { addressPolicy, assertLiteralAllowed, type AddressPolicy } from './address';
import { guardedLookup, type Resolver } from './lookup';

export interface OutboundRequest {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** One deadline for the whole exchange, redirects included. */
  timeoutMs: number;
  /** Largest response body read; a longer one is refused. */
  maxBytes: number;
  /** Redirects followed, each re-checked like the first URL. 0: a redirect is returned as is. */
  maxRedirects?: number;
  /** Connect to private, loopback and link-local addresses too (tests, trusted intranets). */
  allowPrivate?: boolean;
  /** Replaces the address check (tests that need one loopback address to count as public). */
  policy?: AddressPolicy;
  /** Replaces DNS (tests). */
  resolve?: Resolver;
  /** How messages name what was requested: "The page did not load within 10 s." */
  noun?: string;
}

export interface OutboundResponse {
  /** The final URL after redirects. */
  url: string;
  status: number;
  contentType: string | undefined;
  body: Buffer;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * The one way server code requests a URL a tenant typed (knowledge URLs, budget webhooks, any
 * future one). http(s) only, no credentials in the URL; the connection's own DNS lookup refuses
 * private and loopback addresses (so a name cannot be re-pointed between check and connect), IP
 * literals are checked before connecting, every redirect hop is checked again, and the byte and
 * time limits hold for the whole exchange. Refusals are AppErrors with readable messages.
 */
export async function outboundRequest(
  input: string,
  request: OutboundRequest,
): Promise<OutboundResponse> {
  const noun = request.noun ?? 'The address';
  const policy = request.policy ?? addressPolicy(request.allowPrivate ?? false);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), request.timeoutMs);
  try {
    let url = parseHttpUrl(input);
    let method = request.method ?? 'GET';
    let body = request.body;
    for (let hop = 0; ; hop++) {
      const response = await send(
        url,
        { ...request, method, body, noun },
        policy,
        controller.signal,
      );
      const location = REDIRECTS.has(response.status) ? response.location : undefined;
      if (!location || (request.maxRedirects ?? 5) === 0) {
        const { status, contentType, body: received } = response;
        return { url: url.toString(), status, contentType, body: received };
      }
      if (hop >= (request.maxRedirects ?? 5))
        throw new AppError('BAD_INPUT', `${noun} redirects too many times.`);
      url = parseHttpUrl(new URL(location, url).toString());
      // As browsers do: 307/308 repeat the request, the others continue with a GET.
      if (response.status !== 307 && response.status !== 308) {
        method = 'GET';
        body = undefined;
      }
    }
  } catch (error) {
    if (controller.signal.aborted) {
      throw new AppError(
        'UNAVAILABLE',
        `${noun} did not load within ${request.timeoutMs / 1000} s.`,
        {
          cause: error,
        },
      );
    }
    if (isAppError(error)) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError('UNAVAILABLE', `${noun} could not be reached${code ? ` (${code})` : ''}.`, {
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
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

interface HopResponse {
  status: number;
  location?: string;
  contentType?: string;
  body: Buffer;
}

function send(
  url: URL,
  request: OutboundRequest & { noun: string },
  policy: AddressPolicy,
  signal: AbortSignal,
): Promise<HopResponse> {
  assertLiteralAllowed(url.hostname, policy);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<HopResponse>((resolve, reject) => {
    const outgoing = client.request(
      url,
      {
        method: request.method,
        signal,
        lookup: guardedLookup(policy, request.resolve),
        headers: { 'accept-encoding': 'identity', ...request.headers },
      },
      (response) => {
        const status = response.statusCode ?? 0;
        const tooLarge = () =>
          new AppError(
            'BAD_INPUT',
            `${request.noun} is larger than ${formatBytes(request.maxBytes)}.`,
            {
              details: { maxBytes: request.maxBytes },
            },
          );
        if (REDIRECTS.has(status) && response.headers.location) {
          response.resume();
          return resolve({ status, location: response.headers.location, body: Buffer.alloc(0) });
        }
        if (Number(response.headers['content-length'] ?? NaN) > request.maxBytes) {
          response.destroy();
          return reject(tooLarge());
        }
        const parts: Buffer[] = [];
        let size = 0;
        response.on('data', (part: Buffer) => {
          size += part.length;
          if (size > request.maxBytes) {
            response.destroy();
            reject(tooLarge());
            return;
          }
          parts.push(part);
        });
        response.on('error', reject);
        response.on('end', () => {
          if (!response.complete)
            return reject(
              new AppError('UNAVAILABLE', `${request.noun} was cut off while loading.`),
            );
          resolve({
            status,
            contentType: response.headers['content-type'],
            body: Buffer.concat(parts),
          });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

/** 5242880 -> "5 MB", 65536 -> "64 KB". */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${Number((bytes / 1024 / 1024).toFixed(1))} MB`
    : `${Math.round(bytes / 1024)} KB`;
}
