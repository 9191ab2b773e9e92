import { connect, createServer, type Socket } from 'node:net';
import { sql as drizzleSql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTenantWithOwner } from './accounts';
import { connectPostgres } from './client';
import { createTestDatabase, type TestDatabase } from './testing';

/**
 * The driver when the database goes away and comes back. postgres.js 3.4.9 had four faults on
 * this path, fixed by patches/postgres@3.4.9.patch (see its comments); without them the app hung
 * or went silent after a database restart (the db-restart browser test).
 */
let t: TestDatabase;
let tenantId: string;
beforeAll(async () => {
  t = await createTestDatabase();
  const { tenant } = await createTenantWithOwner(t.db, {
    tenantName: 'Restarts',
    email: `${crypto.randomUUID()}@restart.test`,
  });
  tenantId = tenant.id;
});
afterAll(async () => {
  await t?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('a pooled connection reconnects after its socket closed with a write still queued', async () => {
  const { hostname, port } = new URL(t.url);
  let socket: Socket | undefined;
  const options = {
    max: 1,
    prepare: false,
    connect_timeout: 3,
    onnotice: () => {},
    // The driver's own socket (an option its types omit), so the test can close it at the exact
    // moment that matters.
    socket: () => (socket = connect(Number(port), hostname)),
  };
  const sql = postgres(t.url, options);
  try {
    expect(await sql`select 1 as one`).toEqual([{ one: 1 }]);
    // A query sent in the event loop's check phase queues its bytes for the next iteration's;
    // the socket closing in this one (as when the database dies) closes first.
    const queued = new Promise((resolve) =>
      setImmediate(() => {
        resolve(sql`select 2 as two`.execute().catch((error: Error) => error));
        socket!.destroy();
      }),
    );
    expect(await queued).toMatchObject({ code: 'CONNECTION_CLOSED' });

    // Unpatched, the reconnect never sent its startup message: CONNECT_TIMEOUT.
    expect(await sql`select 3 as three`).toEqual([{ three: 3 }]);
  } finally {
    await sql.end({ timeout: 1 });
  }
});

test('transactions caught by a database outage fail instead of hanging, and the pool serves again after it', async () => {
  const outage = await outageProxy(t.url);
  const db = connectPostgres(outage.url, { max: 4 });
  const transaction = () =>
    db.withTenant(tenantId, async (tx) => {
      await tx.execute(drizzleSql`select pg_sleep(0.005)`);
      await tx.execute(drizzleSql`select 1`);
    });
  const outcomes: string[] = [];
  let running = true;
  const clients = Array.from({ length: 6 }, async () => {
    while (running) {
      const outcome = await Promise.race([
        transaction().then(
          () => 'committed',
          (error: { code?: string }) => `failed ${error.code ?? ''}`,
        ),
        // Far above connect_timeout: unpatched, the lost ones never settled at all.
        sleep(15_000).then(() => 'hung'),
      ]);
      outcomes.push(outcome);
      if (outcome === 'hung') running = false;
    }
  });
  try {
    await sleep(300);
    await outage.cut();
    await sleep(500);
    await outage.restore();
    await sleep(1_000);
    running = false;
    await Promise.all(clients);

    expect(outcomes).not.toContain('hung');
    expect(outcomes.filter((o) => o.startsWith('failed')).length).toBeGreaterThan(0);
    await expect(transaction()).resolves.toBeUndefined();
  } finally {
    running = false;
    await db.close();
    await outage.close();
  }
}, 60_000);

/**
 * A TCP relay to the database that can fail like a dying server: `cut` drops every connection and
 * refuses new ones until `restore` listens again on the same port.
 */
async function outageProxy(target: string) {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = createServer((client) => {
    const upstream = connect(Number(port), hostname);
    track(client);
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  const listen = (at: number) =>
    new Promise<void>((resolve) => server.listen(at, '127.0.0.1', () => resolve()));
  await listen(0);
  const address = server.address();
  const proxyPort = typeof address === 'object' && address ? address.port : 0;
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String(proxyPort);
  const stop = () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    return closed;
  };
  return {
    url: url.toString(),
    cut: stop,
    restore: () => listen(proxyPort),
    close: stop,
  };
}
