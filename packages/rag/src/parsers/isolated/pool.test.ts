import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, describe, expect, it } from 'vitest';
import { parseBytes } from '../detect';
import { ParsePool } from './pool';

const pool = new ParsePool({ workers: 2, timeoutMs: 1_500, maxMemoryMb: 64, maxQueued: 1 });
afterAll(() => pool.close());

const html = (body: string) => new TextEncoder().encode(`<html><body>${body}</body></html>`);
/** The pathological upload from issue 15: 200,000 nested divs (about 2 MB). */
const nestedDivs = html('<div>x'.repeat(200_000) + '</div>'.repeat(200_000));

describe('ParsePool', () => {
  it('parses in a worker thread with the same result as in-thread parsing', async () => {
    const page = html('<title>Returns</title><h1>Returns</h1><p>Within 30 days.</p>');
    const doc = await pool.parse(page, { filename: 'returns.html' });
    expect(doc).toEqual(await parseBytes(page, { filename: 'returns.html' }));
    expect(doc).toMatchObject({
      title: 'Returns',
      text: expect.stringContaining('Within 30 days.'),
    });
  });

  it('passes the parser’s own refusals through unchanged', async () => {
    await expect(
      pool.parse(new Uint8Array([0, 1, 2]), { mimeType: 'image/png' }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/not supported/) });
  });

  it('refuses a file past the time limit with a readable message, the event loop staying free', async () => {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    await expect(pool.parse(nestedDivs, { filename: 'nested.html' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message:
        'This file took longer than 1.5 s to read and was refused. Split it into smaller files, or upload its text.',
    });
    delay.disable();
    // Parsing in-thread blocks the loop for the whole parse; here it never stalls for long.
    expect(delay.max / 1e6).toBeLessThan(1_000);
    // The terminated worker is replaced: the next file parses normally.
    expect((await pool.parse(html('<p>next</p>'), {})).text).toBe('next');
  });

  it('refuses a file needing more memory than a worker may use', async () => {
    // Three million table cells: the parser's output alone outgrows a 64 MB heap.
    const cells = html(`<table><tr>${'<td>cell</td>'.repeat(3_000_000)}</tr></table>`);
    const patient = new ParsePool({
      workers: 1,
      timeoutMs: 120_000,
      maxMemoryMb: 64,
      maxQueued: 0,
    });
    await expect(patient.parse(cells, {}).finally(() => patient.close())).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/needs more than 64 MB of memory to read and was refused/),
    });
  });

  it('refuses with RATE_LIMITED when every worker is busy and the line is full', async () => {
    const slow = [1, 2, 3].map(() => pool.parse(nestedDivs, {}).catch((e: unknown) => e));
    await expect(pool.parse(html('<p>late</p>'), {})).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      message: 'The server is busy reading other files. Try again in a minute.',
    });
    await Promise.all(slow);
  });
});
