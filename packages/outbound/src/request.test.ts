import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Resolver } from './lookup';
import { isPublicAddress } from './address';
import { outboundRequest, type OutboundRequest } from './request';

const blocked = 'That address points to a private or local network, which cannot be fetched.';
let server: Server;
let base: string;
let port: number;
let received: Array<{ method?: string; url?: string; headers: IncomingHttpHeaders; body: string }>;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (part: Buffer) => (body += part.toString()));
    req.on('end', () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body });
      if (req.url === '/to-loopback')
        return res.writeHead(307, { location: `http://[::1]:${port}/hook` }).end();
      if (req.url === '/to-internal-name')
        return res.writeHead(302, { location: `http://internal.example.test:${port}/hook` }).end();
      if (req.url === '/to-self') return res.writeHead(308, { location: '/hook' }).end();
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`${req.method} ok`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const limits: OutboundRequest = { timeoutMs: 2_000, maxBytes: 64 * 1024 };
/**
 * The test server listens on 127.0.0.1, which the guard rightly refuses: these tests let exactly
 * that address through, as if it were a public one, and see what the guard does around it.
 */
const onlyTestServer = { ...limits, policy: (address: string) => address === '127.0.0.1' };
/** DNS under the test's control: every name of example.test resolves where the table says. */
const fakeDns =
  (table: Record<string, string>): Resolver =>
  (hostname, _options, callback) => {
    const address = table[hostname];
    if (!address) return callback(Object.assign(new Error('not found'), { code: 'ENOTFOUND' }), []);
    callback(null, [{ address, family: address.includes(':') ? 6 : 4 }]);
  };

describe('outboundRequest: the one guard for tenant-typed URLs', () => {
  it('refuses private, loopback and special-purpose IP literals without connecting', async () => {
    received = [];
    for (const url of [
      base,
      'http://10.0.0.8/',
      'http://172.16.5.4/',
      'http://192.168.1.1/',
      'http://169.254.169.254/latest/meta-data',
      'http://100.64.0.1/',
      'http://198.18.0.1/',
      'http://240.0.0.1/',
      'http://0.0.0.0/',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[fd00::1]/',
      'https://[fe80::1]/',
    ]) {
      await expect(outboundRequest(url, limits), url).rejects.toThrow(blocked);
    }
    expect(received).toEqual([]);
  });

  it('refuses a DNS name resolving to loopback or a private address, at connect time', async () => {
    received = [];
    await expect(outboundRequest(`http://localhost:${port}/`, limits)).rejects.toThrow(blocked);
    const resolve = fakeDns({
      'hooks.example.test': '10.1.2.3',
      'mixed.example.test': '127.0.0.1',
    });
    await expect(
      outboundRequest('http://hooks.example.test/', { ...limits, resolve }),
    ).rejects.toThrow(blocked);
    await expect(
      outboundRequest(`http://mixed.example.test:${port}/`, { ...limits, resolve }),
    ).rejects.toThrow(blocked);
    expect(received).toEqual([]);
  });

  it('re-checks every redirect: a public address cannot send the request into the network', async () => {
    received = [];
    const resolve = fakeDns({ 'internal.example.test': '10.20.30.40' });
    await expect(
      outboundRequest(`${base}/to-loopback`, { ...onlyTestServer, method: 'POST', body: '{}' }),
    ).rejects.toThrow(blocked);
    await expect(
      outboundRequest(`${base}/to-internal-name`, { ...onlyTestServer, resolve }),
    ).rejects.toThrow(blocked);
    // Only the first hops reached the (allowed) server.
    expect(received.map((r) => r.url)).toEqual(['/to-loopback', '/to-internal-name']);
  });

  it('posts a body, follows an allowed 308 with it, and returns the response', async () => {
    received = [];
    const response = await outboundRequest(`${base}/to-self`, {
      ...onlyTestServer,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"n":1}',
    });
    expect(response).toMatchObject({ status: 200, url: `${base}/hook` });
    expect(response.body.toString()).toBe('POST ok');
    expect(received.map((r) => [r.method, r.url, r.body])).toEqual([
      ['POST', '/to-self', '{"n":1}'],
      ['POST', '/hook', '{"n":1}'],
    ]);
  });

  it('with maxRedirects 0, hands a redirect back instead of following it', async () => {
    received = [];
    const response = await outboundRequest(`${base}/to-loopback`, {
      ...onlyTestServer,
      maxRedirects: 0,
    });
    expect(response.status).toBe(307);
    expect(received).toHaveLength(1);
  });

  it('lets private addresses through only when allowed', async () => {
    const response = await outboundRequest(`${base}/hook`, { ...limits, allowPrivate: true });
    expect(response.status).toBe(200);
  });

  it('classifies addresses', () => {
    expect(['8.8.8.8', '2606:4700::1111', '1.1.1.1'].map(isPublicAddress)).toEqual([
      true,
      true,
      true,
    ]);
    const local = [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '198.18.0.1',
      '198.19.255.254',
      '240.0.0.1',
      '255.255.255.255',
      '0.0.0.0',
      '::',
      '::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      'fd00::1',
      'fe80::1',
      'not an address',
    ];
    expect(local.filter(isPublicAddress)).toEqual([]);
  });
});
