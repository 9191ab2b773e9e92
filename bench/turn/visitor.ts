import { DEMO_WIDGET_ID } from '@platform/db';

/** The demo widget's host page: an origin its whitelist allows. */
const ORIGIN = 'http://localhost:3000';

export interface Visitor {
  token: string;
}

export async function startVisitor(baseUrl: string): Promise<Visitor> {
  const response = await fetch(`${baseUrl}/api/widget/${DEMO_WIDGET_ID}/session`, {
    method: 'POST',
    headers: { Origin: ORIGIN, 'Content-Type': 'application/json' },
    body: '{}',
  });
  if (!response.ok) throw new Error(`session: HTTP ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { token: string };
  return { token: body.token };
}

export interface TurnResult {
  ok: boolean;
  /** From sending the request to the first `delta` event, ms. */
  firstDeltaMs: number;
  /** To the end of the stream, ms. */
  totalMs: number;
  sources: number;
  error?: string;
}

/** One chat turn over HTTP, read as the widget reads it (server-sent events). */
export async function chatTurn(
  baseUrl: string,
  visitor: Visitor,
  content: string,
): Promise<TurnResult> {
  const started = performance.now();
  let firstDeltaMs = Number.NaN;
  let sources = 0;
  let error: string | undefined;
  let done = false;
  try {
    const response = await fetch(`${baseUrl}/api/widget/${DEMO_WIDGET_ID}/chat`, {
      method: 'POST',
      headers: {
        Origin: ORIGIN,
        Authorization: `Bearer ${visitor.token}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ content }),
    });
    if (!response.ok || !response.body) {
      error = `HTTP ${response.status}`;
    } else {
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let index;
        while ((index = buffer.indexOf('\n\n')) >= 0) {
          const event = JSON.parse(buffer.slice(6, index)) as {
            type: string;
            sources?: unknown[];
            message?: string;
          };
          buffer = buffer.slice(index + 2);
          if (event.type === 'delta' && Number.isNaN(firstDeltaMs))
            firstDeltaMs = performance.now() - started;
          else if (event.type === 'sources') sources = event.sources?.length ?? 0;
          else if (event.type === 'done') done = true;
          else if (event.type === 'error') error = event.message ?? 'error';
        }
      }
    }
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught);
  }
  return { ok: done && !error, firstDeltaMs, totalMs: performance.now() - started, sources, error };
}
