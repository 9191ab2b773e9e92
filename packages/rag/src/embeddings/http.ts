import { AppError } from '@platform/errors';

export interface JsonPostOptions {
  provider: string;
  url: string;
  apiKey: string;
  body: unknown;
  timeoutMs: number;
  /** Retries on 429 and 5xx, with backoff (honouring Retry-After up to 10 s). */
  retries?: number;
}

/** POSTs JSON to an embedding API. Errors name the provider and status, never the key or the body. */
export async function postJson<T>(options: JsonPostOptions): Promise<T> {
  const retries = options.retries ?? 2;
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${options.apiKey}` },
        body: JSON.stringify(options.body),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (cause) {
      if (attempt < retries) {
        await sleep(backoff(attempt));
        continue;
      }
      throw new AppError(
        'UNAVAILABLE',
        `The ${options.provider} embedding service could not be reached.`,
        { cause },
      );
    }
    if (response.ok) return (await response.json()) as T;
    const detail = await response.text().catch(() => '');
    if ((response.status === 429 || response.status >= 500) && attempt < retries) {
      const retryAfter = Number(response.headers.get('retry-after'));
      await sleep(
        Number.isFinite(retryAfter) && retryAfter > 0
          ? Math.min(retryAfter, 10) * 1000
          : backoff(attempt),
      );
      continue;
    }
    throw new AppError(
      'UNAVAILABLE',
      `The ${options.provider} embedding service answered HTTP ${response.status}.`,
      {
        cause: new Error(detail.slice(0, 500)),
        details: { provider: options.provider, status: response.status },
      },
    );
  }
}

const backoff = (attempt: number) => 250 * 2 ** attempt;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
