import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseUrl, type UrlFetchLimits } from './url';

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url));
const open: UrlFetchLimits = { maxBytes: 64 * 1024, timeoutMs: 2_000, allowPrivate: true };
const guarded: UrlFetchLimits = { ...open, allowPrivate: false };

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    switch (req.url) {
      case '/warranty':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return res.end(fixture('warranty.html'));
      case '/docs/warranty-card.pdf':
        res.writeHead(200, { 'content-type': 'application/pdf' });
        return res.end(fixture('warranty-card.pdf'));
      case '/sizing.md':
        res.writeHead(200, { 'content-type': 'text/plain' });
        return res.end(fixture('sizing-guide.md'));
      case '/moved':
        res.writeHead(302, { location: '/warranty' });
        return res.end();
      case '/loop':
        res.writeHead(302, { location: '/loop' });
        return res.end();
      case '/huge':
        // No content-length: the cap must hold while streaming.
        res.writeHead(200, { 'content-type': 'text/plain' });
        for (let i = 0; i < 100; i++) res.write('x'.repeat(1024));
        return res.end();
      case '/slow':
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('partial');
        setTimeout(() => res.end(' and the rest'), 5_000).unref();
        return;
      case '/image':
        res.writeHead(200, { 'content-type': 'image/png' });
        return res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
      default:
        res.writeHead(404);
        return res.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('parseUrl', () => {
  it('fetches and parses HTML, PDF and Markdown served as text/plain', async () => {
    const html = await parseUrl(`${base}/warranty`, open);
    expect(html).toMatchObject({
      title: 'Warranty & repairs | Acme',
      mimeType: 'text/html',
      url: `${base}/warranty`,
    });
    expect(html.text).toContain('two-year warranty');
    const pdf = await parseUrl(`${base}/docs/warranty-card.pdf`, open);
    expect(pdf).toMatchObject({
      title: 'Rocket Skates X2 warranty card',
      mimeType: 'application/pdf',
      pageCount: 2,
    });
    const md = await parseUrl(`${base}/sizing.md`, open);
    expect(md).toMatchObject({ title: 'Rocket Skates sizing guide', mimeType: 'text/markdown' });
  });

  it('follows redirects, reporting the final URL, but not forever', async () => {
    expect((await parseUrl(`${base}/moved`, open)).url).toBe(`${base}/warranty`);
    await expect(parseUrl(`${base}/loop`, open)).rejects.toThrow(
      'The page redirects too many times.',
    );
  });

  it('enforces the size and time limits', async () => {
    await expect(parseUrl(`${base}/huge`, open)).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: 'The page is larger than 64 KB.',
    });
    const started = Date.now();
    await expect(parseUrl(`${base}/slow`, { ...open, timeoutMs: 300 })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: 'The page did not load within 0.3 s.',
    });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('reports HTTP errors and unsupported types readably', async () => {
    await expect(parseUrl(`${base}/missing`, open)).rejects.toThrow('The page answered HTTP 404.');
    await expect(parseUrl(`${base}/image`, open)).rejects.toThrow(
      'Files of type image/png are not supported',
    );
  });

  it('refuses other schemes, credentials and, unless allowed, private and loopback addresses', async () => {
    await expect(parseUrl('file:///etc/passwd', open)).rejects.toThrow(
      'Only http and https URLs can be fetched.',
    );
    await expect(parseUrl('ftp://example.test/x', open)).rejects.toThrow('Only http and https');
    await expect(parseUrl('http://user:pw@example.test/', open)).rejects.toThrow('credentials');
    const blocked = 'That address points to a private or local network, which cannot be fetched.';
    await expect(parseUrl(`${base}/warranty`, guarded)).rejects.toThrow(blocked);
    // A name resolving to loopback is caught in the connection's own DNS lookup.
    await expect(
      parseUrl(base.replace('127.0.0.1', 'localhost') + '/warranty', guarded),
    ).rejects.toThrow(blocked);
    await expect(parseUrl('http://[::1]/', guarded)).rejects.toThrow(blocked);
    await expect(parseUrl('http://169.254.169.254/latest/meta-data', guarded)).rejects.toThrow(
      blocked,
    );
    await expect(parseUrl('http://10.0.0.8/', guarded)).rejects.toThrow(blocked);
  });
});
