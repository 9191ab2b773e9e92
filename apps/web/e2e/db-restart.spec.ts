import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';

/**
 * The app survives its database restarting under load, without being restarted itself: its own
 * embedded database and production server (the build `pnpm test` made) on ports of their own,
 * visitors chatting through the widget API, the database killed (SIGKILL, then a clean SIGTERM)
 * and started again on the same data. After each restart the same web process must answer a
 * visitor's turn again: it did not exit, and its connection pool reconnected.
 *
 * Ports: E2E_FAULT_DB_PORT / E2E_FAULT_WEB_PORT (defaults 5410 / 5411).
 */
const root = resolve(import.meta.dirname, '../../..');
const dbPort = process.env.E2E_FAULT_DB_PORT ?? '5410';
const webPort = process.env.E2E_FAULT_WEB_PORT ?? '5411';
const appUrl = `http://127.0.0.1:${webPort}`;
/** The seeded demo widget (packages/db seed) and an origin it allows. */
const DEMO_WIDGET_ID = '5eed0000-0000-4000-8000-000000000001';
const ORIGIN = 'http://localhost:4100';

interface Service {
  child: ChildProcess;
  output: string[];
}

function start(name: string, args: string[], env: NodeJS.ProcessEnv, readyLine: string) {
  const child = spawn('pnpm', ['--silent', ...args], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group: signals reach pnpm's children too
  });
  const service: Service = { child, output: [] };
  const ready = new Promise<void>((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} not ready in 120 s`)), 120_000);
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      service.output.push(text);
      if (text.includes(readyLine)) {
        clearTimeout(timer);
        resolveReady();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => service.output.push(chunk.toString()));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code ?? signal}):\n${service.output.join('')}`));
    });
  });
  return { service, ready };
}

function signalGroup(service: Service, signal: NodeJS.Signals) {
  try {
    process.kill(-service.child.pid!, signal);
  } catch {
    // already gone
  }
}

function stop(service: Service | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!service || service.child.exitCode !== null || service.child.signalCode !== null)
    return Promise.resolve();
  return new Promise((done) => {
    const kill = setTimeout(() => signalGroup(service, 'SIGKILL'), 15_000);
    service.child.once('exit', () => {
      clearTimeout(kill);
      done();
    });
    signalGroup(service, signal);
  });
}

const dataDir = join(mkdtempSync(join(tmpdir(), 'platform-fault-')), 'pglite');
const dbEnv = { ...process.env, EMBEDDED_DB_DIR: dataDir, EMBEDDED_DB_PORT: dbPort };
const secret = () => randomBytes(32).toString('base64url');
const webEnv: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: 'production',
  DATABASE_URL: `postgres://platform_login@127.0.0.1:${dbPort}/postgres`,
  AUTH_SECRET: secret(),
  AUTH_TRUST_HOST: 'true',
  WIDGET_TOKEN_SECRET: secret(),
  COSTS_WEBHOOK_SIGNING_KEY: secret(),
  APP_URL: appUrl,
  WIDGET_RATE_LIMIT_VISITOR: '100000',
  WIDGET_RATE_LIMIT_IP: '100000',
  WIDGET_RATE_LIMIT_WIDGET: '100000',
  NEXT_TELEMETRY_DISABLED: '1',
};

const startDb = () => start('db', ['--filter', '@platform/db', 'db:serve'], dbEnv, '[db] ready');

let db: Service | undefined;
let web: Service | undefined;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const database = startDb();
  db = database.service;
  await database.ready;
  const app = start(
    'web',
    ['--filter', '@platform/web', 'start', '--port', webPort],
    webEnv,
    'Ready',
  );
  web = app.service;
  await app.ready;
});

test.afterAll(async () => {
  await stop(web);
  await stop(db);
  rmSync(join(dataDir, '..'), { recursive: true, force: true });
});

/** Names the step of a turn that threw (a timeout there is a request that hung). */
const failedAt = (step: string) => (error: Error) => {
  throw new Error(`${step} ${error.name}`);
};

/**
 * One visitor turn over HTTP: a fresh session, then the chat's event stream to its end. Its
 * outcome: 'done', an HTTP status or error event, or the step that threw (`network chat ...`).
 */
async function visitorTurn(question: string): Promise<string> {
  const session = await fetch(`${appUrl}/api/widget/${DEMO_WIDGET_ID}/session`, {
    method: 'POST',
    headers: { origin: ORIGIN, 'content-type': 'application/json' },
    body: '{}',
    signal: AbortSignal.timeout(30_000),
  }).catch(failedAt('session'));
  if (!session.ok) return `session ${session.status}`;
  const { token } = (await session.json()) as { token: string };
  const chat = await fetch(`${appUrl}/api/widget/${DEMO_WIDGET_ID}/chat`, {
    method: 'POST',
    headers: {
      origin: ORIGIN,
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ content: question }),
    signal: AbortSignal.timeout(60_000),
  }).catch(failedAt('chat'));
  if (!chat.ok) return `chat ${chat.status}`;
  const events = (await chat.text().catch(failedAt('answer')))
    .split('\n\n')
    .filter((block) => block.startsWith('data: '))
    .map((block) => JSON.parse(block.slice(6)) as { type: string; code?: string });
  const last = events.at(-1);
  return last?.type === 'done' ? 'done' : `event ${last?.type}:${last?.code ?? ''}`;
}

/** Visitors chatting without pause until `stop` is set; counts outcomes. */
function load(visitors: number) {
  const outcomes = new Map<string, number>();
  let running = true;
  const loops = Array.from({ length: visitors }, async (_, i) => {
    while (running) {
      const outcome = await visitorTurn(`Do you ship to Norway? (${i})`).catch(
        (error: Error) => `network ${error.message}`,
      );
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
  });
  return {
    outcomes,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

/** Retries a turn until it completes: the pool has reconnected. */
async function answersAgain(withinMs: number): Promise<number> {
  const started = Date.now();
  let last = '';
  while (Date.now() - started < withinMs) {
    last = await visitorTurn('What does express shipping cost?').catch((e: Error) => e.message);
    if (last === 'done') return Date.now() - started;
    await new Promise((r) => setTimeout(r, 500));
  }
  // The logs say why (it failed in CI with "session 500": the driver's reconnects sat silent until
  // CONNECT_TIMEOUT; fixed by patches/postgres@3.4.9.patch).
  const tail = (service: Service | undefined) => service?.output.join('').slice(-3000) ?? '';
  throw new Error(
    `no answer within ${withinMs} ms; last outcome: ${last}\n[web]\n${tail(web)}\n[db]\n${tail(db)}`,
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('the app answers again after its database restarts under load, without a restart', async () => {
  test.setTimeout(300_000);
  await answersAgain(60_000); // the offline model loaded, the seeded widget answering

  for (const signal of ['SIGKILL', 'SIGTERM'] as const) {
    const visitors = load(6);
    await sleep(3_000);
    await stop(db, signal);
    await sleep(2_000); // visitors keep arriving while the database is down
    const restarted = startDb();
    db = restarted.service;
    await restarted.ready;
    await sleep(2_000);
    await visitors.stop();

    // Without the fix the web process exited here (code 7): the model's runtime re-threw a
    // stray rejection of a dropped connection.
    expect(web!.child.exitCode, web!.output.join('').slice(-4000)).toBeNull();
    const recoveredInMs = await answersAgain(30_000);
    console.log(
      `[fault] ${signal}: outcomes under load ${JSON.stringify(Object.fromEntries(visitors.outcomes))}; answering again ${recoveredInMs} ms after the restart`,
    );
    expect(visitors.outcomes.get('done') ?? 0).toBeGreaterThan(0);
    // A visitor caught by the outage gets an error at once, never a request that hangs (it did,
    // for 30-60 s, until patches/postgres@3.4.9.patch).
    const hung = [...visitors.outcomes.keys()].filter((o) => o.includes('TimeoutError'));
    expect(hung).toEqual([]);
  }
  expect(web!.child.exitCode).toBeNull();
});
