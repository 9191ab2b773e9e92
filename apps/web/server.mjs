#!/usr/bin/env node
// The dashboard's HTTP server: Next.js behind a plain Node server, because only the process that
// owns the socket knows the client's address (route handlers get a Request, never the connection).
// Every request carries the TCP peer address in a header whose name is chosen at random here and
// handed to the app as PLATFORM_PEER_ADDRESS_HEADER (packages/api/src/lib/client-address.ts):
// a client cannot guess the name, and anything it sends under it is overwritten.
//   node server.mjs [--port 3000] [--dev]     (`pnpm start` / `pnpm dev`)
/* global process, console */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '3000' },
    dev: { type: 'boolean', default: false },
  },
});
const port = Number(values.port);
process.env.NODE_ENV ??= values.dev ? 'development' : 'production';
const peerHeader = `x-peer-${randomBytes(12).toString('hex')}`;
process.env.PLATFORM_PEER_ADDRESS_HEADER = peerHeader;

const { default: next } = await import('next');
const server = createServer();
const app = next({ dev: values.dev, dir: import.meta.dirname, port, httpServer: server });
await app.prepare();
const handle = app.getRequestHandler();

server.on('request', (req, res) => {
  req.headers[peerHeader] = req.socket.remoteAddress ?? '';
  handle(req, res).catch((error) => {
    console.error('Unhandled error serving', req.url, error);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
});
server.listen(port, () => console.log(`Ready on http://localhost:${port}`));

async function stop() {
  server.close();
  server.closeAllConnections();
  await app.close().catch(() => {});
  process.exit(0);
}
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
