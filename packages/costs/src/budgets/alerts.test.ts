import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TenantSettings } from '@platform/db';
import { createTestDatabase } from '@platform/db/testing';
import type { TestDatabase } from '@platform/db/testing';
import type { AppError } from '@platform/errors';
import { recordCostEvent } from '../events/record';
import { makeTenant } from '../test/fixtures';
import { listBudgetAlerts, resolveBudgetAlert } from './alerts';
import { checkBudgets } from './check';
import {
  alertWebhookSecret,
  createWebhookNotifier,
  SIGNATURE_HEADER,
  verifySignature,
} from './webhook';

const NOW = new Date('2026-11-18T15:00:00Z');
const KEY = 'test-signing-key-0123456789abcdef0123';

let t: TestDatabase;
let server: Server;
let received: { url?: string; headers: IncomingHttpHeaders; body: string }[] = [];
/** The receiver answers this one request with a redirect here. */
let redirectNext: string | undefined;
/** The receiver answers 503 to this many requests (a receiver that is down). */
let failNext = 0;
let hookUrl: string;

beforeAll(async () => {
  t = await createTestDatabase();
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ url: req.url, headers: req.headers, body });
      if (redirectNext) {
        res.writeHead(307, { location: redirectNext }).end();
        redirectNext = undefined;
      } else if (failNext > 0) {
        failNext -= 1;
        res.writeHead(503).end();
      } else res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/budget-hook`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

/** Spends `usd` (in $0.01 steps of gpt-4o output) at `at`. */
async function spend(tenantId: string, usd: number, at = new Date(NOW.getTime() - 60_000)) {
  await t.db.withTenant(tenantId, (tx) =>
    recordCostEvent(tx, {
      tenantId,
      service: 'llm',
      provider: 'openai',
      model: 'gpt-4o',
      units: { outputTokens: Math.round(usd * 100_000) },
      at,
    }),
  );
}

const alertsOf = (tenantId: string) =>
  t.raw(
    `select period, severity, threshold, metadata ->> 'periodStart' as start, notifications_sent, resolved
         from budget_alerts where tenant_id = $1 order by period, severity, threshold`,
    [tenantId],
  );

const notifier = createWebhookNotifier({ signingKey: KEY, allowPrivateHosts: true });

describe('checkBudgets', () => {
  const settings: TenantSettings = {
    budgets: { daily: 1, weekly: 10, warningAt: 0.8 },
    maxMonthlySpend: 50,
  };

  test('creates each alert once, even with many concurrent writers', async () => {
    const { tenantId } = await makeTenant(t.db, settings);
    await spend(tenantId, 0.5);
    expect((await checkBudgets(t.db, tenantId, { now: NOW })).created).toEqual([]);

    await spend(tenantId, 0.35); // 0.85 of a $1 day: warning
    const first = await Promise.all(
      Array.from({ length: 25 }, () => checkBudgets(t.db, tenantId, { now: NOW })),
    );
    expect(first.reduce((n, r) => n + r.created.length, 0)).toBe(1);
    expect(await alertsOf(tenantId)).toEqual([
      {
        period: 'daily',
        severity: 'warning',
        threshold: '1.00',
        start: '2026-11-18T00:00:00.000Z',
        notifications_sent: 0,
        resolved: false,
      },
    ]);

    await spend(tenantId, 0.2); // 1.05: critical; the warning is not repeated
    const second = await Promise.all(
      Array.from({ length: 25 }, () => checkBudgets(t.db, tenantId, { now: NOW })),
    );
    expect(second.flatMap((r) => r.created).map((a) => a.severity)).toEqual(['critical']);
    expect(
      (await alertsOf(tenantId)).map((a) => `${String(a.period)}/${String(a.severity)}`),
    ).toEqual(['daily/critical', 'daily/warning']);

    // The next day is a new period: the same thresholds alert again, once.
    const tomorrow = new Date(NOW.getTime() + 86_400_000);
    await spend(tenantId, 0.9, tomorrow);
    await Promise.all(
      Array.from({ length: 10 }, () => checkBudgets(t.db, tenantId, { now: tomorrow })),
    );
    const rows = await alertsOf(tenantId);
    expect(
      rows.filter((a) => a.start === '2026-11-19T00:00:00.000Z').map((a) => a.severity),
    ).toEqual(['warning']);
    // Weekly: 1.05 + 0.9 of $10 stays under 80%.
    expect(rows.some((a) => a.period === 'weekly')).toBe(false);
  });

  test('a crossed monthly cap raises a critical monthly alert', async () => {
    const { tenantId } = await makeTenant(t.db, { maxMonthlySpend: 2 });
    await spend(tenantId, 2.01);
    const { created } = await checkBudgets(t.db, tenantId, { now: NOW });
    expect(created.map((a) => [a.period, a.severity, a.threshold])).toEqual([
      ['monthly', 'warning', '2.00'],
      ['monthly', 'critical', '2.00'],
    ]);
    expect(created[1]!.metadata?.customMessage).toContain('new AI calls are refused');
  });

  test('posts each new alert once to the tenant webhook, signed', async () => {
    received = [];
    const { tenantId } = await makeTenant(t.db, {
      budgets: { daily: 1 },
      alertWebhookUrl: hookUrl,
    });
    await spend(tenantId, 0.9);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => checkBudgets(t.db, tenantId, { now: NOW, notifier })),
    );
    expect(results.reduce((n, r) => n + r.delivered, 0)).toBe(1);
    expect(received).toHaveLength(1);
    const [delivery] = received;
    const secret = alertWebhookSecret(tenantId, KEY);
    const header = String(delivery!.headers[SIGNATURE_HEADER]);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySignature(secret, delivery!.body, header)).toBe(true);
    expect(verifySignature(secret, delivery!.body.replace('warning', 'critical'), header)).toBe(
      false,
    );
    expect(verifySignature(alertWebhookSecret(tenantId, `${KEY}x`), delivery!.body, header)).toBe(
      false,
    );
    expect(
      verifySignature(secret, delivery!.body, header, { now: new Date(Date.now() + 3_600_000) }),
    ).toBe(false);
    expect(JSON.parse(delivery!.body)).toMatchObject({
      type: 'budget.alert',
      tenantId,
      alert: {
        period: 'daily',
        severity: 'warning',
        thresholdUsd: '1.00',
        currentSpendUsd: '0.9000',
      },
    });
    expect((await alertsOf(tenantId))[0]!.notifications_sent).toBe(1);
  });

  test('a delivery the receiver refused is retried by later checks with backoff, once accepted never again', async () => {
    received = [];
    failNext = 1;
    const { tenantId } = await makeTenant(t.db, {
      budgets: { daily: 1 },
      alertWebhookUrl: hookUrl,
    });
    await spend(tenantId, 0.9);
    const check = () => checkBudgets(t.db, tenantId, { now: NOW, notifier });
    /** Moves the alert's next attempt into the past: what the passing of time would do. */
    const makeDue = () =>
      t.raw(
        `update budget_alerts set metadata = jsonb_set(metadata, '{nextDeliveryAt}', to_jsonb(now() - interval '1 second'))
          where tenant_id = $1`,
        [tenantId],
      );
    const state = async () =>
      (
        await t.raw(
          `select notifications_sent, (metadata->>'deliveryAttempts')::int as attempts,
                  round(extract(epoch from (metadata->>'nextDeliveryAt')::timestamptz - now()) / 60) as next_in_minutes
             from budget_alerts where tenant_id = $1`,
          [tenantId],
        )
      )[0];

    expect((await check()).delivered).toBe(0);
    expect(received).toHaveLength(1);
    expect(await state()).toMatchObject({ notifications_sent: 0, attempts: 1 });
    expect(Number((await state())?.next_in_minutes)).toBe(5);

    expect((await check()).delivered).toBe(0); // not due yet: nothing is posted
    expect(received).toHaveLength(1);

    await makeDue();
    const concurrent = await Promise.all(Array.from({ length: 5 }, check));
    expect(concurrent.reduce((n, r) => n + r.delivered, 0)).toBe(1);
    expect(received).toHaveLength(2);
    expect(received[1]!.body).toBe(received[0]!.body);
    expect(await state()).toMatchObject({ notifications_sent: 1, attempts: 2 });

    await makeDue();
    await check();
    expect(received).toHaveLength(2);
  });

  test('a receiver that stays down is tried five times, then left to the dashboard', async () => {
    received = [];
    failNext = 100;
    const { tenantId } = await makeTenant(t.db, {
      budgets: { daily: 1 },
      alertWebhookUrl: hookUrl,
    });
    await spend(tenantId, 0.9);
    for (let i = 0; i < 8; i++) {
      await checkBudgets(t.db, tenantId, { now: NOW, notifier });
      await t.raw(
        `update budget_alerts set metadata = jsonb_set(metadata, '{nextDeliveryAt}', to_jsonb(now() - interval '1 second'))
          where tenant_id = $1`,
        [tenantId],
      );
    }
    failNext = 0;
    expect(received).toHaveLength(5);
    expect(await alertsOf(tenantId)).toMatchObject([{ notifications_sent: 0, resolved: false }]);
  });

  test('refuses to post to private or loopback addresses (literal, DNS name, redirect) and keeps the dashboard alert', async () => {
    received = [];
    const { tenantId } = await makeTenant(t.db, {
      budgets: { daily: 1 },
      alertWebhookUrl: hookUrl,
    });
    await spend(tenantId, 1);
    const guarded = createWebhookNotifier({ signingKey: KEY, allowPrivateHosts: false });
    const result = await checkBudgets(t.db, tenantId, { now: NOW, notifier: guarded });
    expect(result.created).toHaveLength(2);
    expect(result.delivered).toBe(0);
    const [alert] = result.created;
    const port = new URL(hookUrl).port;
    // Literals, and names resolving to loopback (localhost) or, through DNS, to a private address.
    const toPrivate = createWebhookNotifier({
      signingKey: KEY,
      allowPrivateHosts: false,
      guard: {
        resolve: (hostname, _options, callback) =>
          hostname === 'hooks.example.test'
            ? callback(null, [{ address: '10.0.0.7', family: 4 }])
            : callback(Object.assign(new Error('not found'), { code: 'ENOTFOUND' }), []),
      },
    });
    for (const url of [
      hookUrl,
      `http://localhost:${port}/budget-hook`,
      `http://[::1]:${port}/budget-hook`,
      'http://169.254.169.254/latest',
      'http://198.18.0.1/',
      'http://hooks.example.test/budget-hook',
    ]) {
      expect(await toPrivate.deliver(url, alert!), url).toBe(false);
    }
    // A receiver that counts as public here (only the test server's address is let through)
    // answering with a redirect into the network: not followed, not delivered.
    const viaRedirect = createWebhookNotifier({
      signingKey: KEY,
      guard: { policy: (address) => address === '127.0.0.1' },
    });
    redirectNext = `http://localhost:${port}/internal`;
    expect(await viaRedirect.deliver(hookUrl, alert!)).toBe(false);
    expect(received.map((r) => r.url)).toEqual(['/budget-hook']);
    expect(await alertsOf(tenantId)).toMatchObject([
      { notifications_sent: 0, resolved: false },
      { notifications_sent: 0, resolved: false },
    ]);
  });
});

describe('alerts list and resolve', () => {
  test('pages, filters by resolved, and resolves idempotently', async () => {
    const { tenantId } = await makeTenant(t.db, { budgets: { daily: 1, weekly: 1, monthly: 1 } });
    await spend(tenantId, 1.5);
    expect((await checkBudgets(t.db, tenantId, { now: NOW })).created).toHaveLength(6);
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await t.db.withTenant(tenantId, (tx) =>
        listBudgetAlerts(tx, { limit: 4, cursor }),
      );
      ids.push(...page.items.map((a) => a.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(ids).size).toBe(6);

    const resolved = await t.db.withTenant(tenantId, (tx) => resolveBudgetAlert(tx, ids[0]!));
    expect(resolved.resolved).toBe(true);
    const again = await t.db.withTenant(tenantId, (tx) => resolveBudgetAlert(tx, ids[0]!));
    expect(again.resolvedAt).toEqual(resolved.resolvedAt);
    const open = await t.db.withTenant(tenantId, (tx) =>
      listBudgetAlerts(tx, { limit: 50, resolved: false }),
    );
    expect(open.items.map((a) => a.id).sort()).toEqual(ids.slice(1).sort());
    const done = await t.db.withTenant(tenantId, (tx) =>
      listBudgetAlerts(tx, { limit: 50, resolved: true }),
    );
    expect(done.items.map((a) => a.id)).toEqual([ids[0]]);
  });

  test('a malformed or unknown id is NOT_FOUND', async () => {
    const { tenantId } = await makeTenant(t.db);
    for (const id of ['not-a-uuid', '00000000-0000-4000-8000-000000000000']) {
      const error = await t.db
        .withTenant(tenantId, (tx) => resolveBudgetAlert(tx, id))
        .catch((e: unknown) => e);
      expect((error as AppError).code).toBe('NOT_FOUND');
    }
  });
});
