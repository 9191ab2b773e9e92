import { cpus, loadavg } from 'node:os';
import { median, percentile } from '../src/stats';
import { turnBenchEnv } from './env';
import { questions } from './questions';
import { buildWeb, startStack, type Stack, type TurnTiming } from './stack';
import { chatTurn, startVisitor, type TurnResult, type Visitor } from './visitor';

/**
 * `pnpm bench turn`: the widget's chat turn over HTTP against the production build (`next start`)
 * on the embedded database, answered by the offline extractive model (no model latency). Prints
 * time to the first streamed word for one visitor alone and at a fixed offered rate (open loop:
 * arrivals do not wait for answers), the most turns/s it sustains, and where a turn's time goes
 * (the app's `[turn-timing]` lines). Starts and stops its own stack on BENCH_TURN_PORT (5200) and
 * BENCH_TURN_DB_PORT (5201).
 */
export async function runTurnBench(): Promise<void> {
  const env = turnBenchEnv();
  if (!env.skipBuild) buildWeb();
  const stack = await startStack({ web: env.port, db: env.dbPort });
  try {
    const pool = new VisitorPool(stack.baseUrl, env.turnsPerVisitor);
    await waitForKnowledge(stack, pool);
    await closedLoop(stack, pool, 4, 20); // warm-up: JIT, model, connection pool
    stack.drainTimings();

    console.log(
      `load average before the runs: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} (${cpus().length} cores)`,
    );
    const cpuBefore = stack.cpuSeconds();
    const alone = await closedLoop(stack, pool, 1, env.soloTurns);
    report(`one visitor alone (${alone.results.length} turns, one after another)`, alone.results);
    printPhases(stack.drainTimings(), true);
    printCpu(cpuBefore, stack.cpuSeconds(), alone.seconds, alone.results.length);

    const open = await openLoop(stack, pool, env.offeredRate, env.openSeconds);
    report(`offered ${env.offeredRate} turns/s for ${env.openSeconds} s (open loop)`, open.results);
    printPhases(stack.drainTimings());

    for (const visitors of env.saturationVisitors) {
      const before = stack.cpuSeconds();
      const run = await closedLoop(stack, pool, visitors, undefined, env.saturationSeconds);
      const rate = run.results.filter((r) => r.ok).length / run.seconds;
      const after = stack.cpuSeconds();
      report(
        `${visitors} visitors back to back for ${env.saturationSeconds} s: ${rate.toFixed(1)} turns/s`,
        run.results,
      );
      printCpu(before, after, run.seconds, run.results.filter((r) => r.ok).length);
      stack.drainTimings();
    }
  } finally {
    await stack.stop();
  }
}

/** Visitors (sessions) reused for a few turns each, as conversations are. */
class VisitorPool {
  #current: Visitor | undefined;
  #left = 0;
  readonly #questions = questions();
  constructor(
    readonly baseUrl: string,
    readonly turnsPerVisitor: number,
  ) {}

  async next(): Promise<{ visitor: Visitor; question: string }> {
    if (!this.#current || this.#left === 0) {
      this.#current = await startVisitor(this.baseUrl);
      this.#left = this.turnsPerVisitor;
    }
    this.#left -= 1;
    return { visitor: this.#current, question: this.#questions.next().value! };
  }
}

async function turn(pool: VisitorPool): Promise<TurnResult> {
  const { visitor, question } = await pool.next();
  return chatTurn(pool.baseUrl, visitor, question);
}

/** The demo knowledge is ingested by the app's background job: wait until answers cite it. */
async function waitForKnowledge(stack: Stack, pool: VisitorPool): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    const result = await turn(pool);
    if (result.ok && result.sources > 0) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error('the demo knowledge was not indexed within 3 minutes');
}

/** `visitors` loops, each starting its next turn when the last ends; by count or by duration. */
async function closedLoop(
  _stack: Stack,
  pool: VisitorPool,
  visitors: number,
  turns?: number,
  seconds?: number,
): Promise<{ results: TurnResult[]; seconds: number }> {
  const results: TurnResult[] = [];
  const started = performance.now();
  const until = seconds ? started + seconds * 1000 : Infinity;
  let issued = 0;
  await Promise.all(
    Array.from({ length: visitors }, async () => {
      while (performance.now() < until && (turns === undefined || issued < turns)) {
        issued += 1;
        results.push(await turn(pool));
      }
    }),
  );
  return { results, seconds: (performance.now() - started) / 1000 };
}

/** Turns started every 1/rate s whatever happens to earlier ones. */
async function openLoop(
  _stack: Stack,
  pool: VisitorPool,
  rate: number,
  seconds: number,
): Promise<{ results: TurnResult[] }> {
  const started = performance.now();
  const pending: Array<Promise<TurnResult>> = [];
  for (let i = 0; i < rate * seconds; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(turn(pool));
  }
  return { results: await Promise.all(pending) };
}

function report(label: string, results: TurnResult[]): void {
  const ok = results.filter((r) => r.ok);
  const first = ok.map((r) => r.firstDeltaMs);
  const total = ok.map((r) => r.totalMs);
  const failed = results.length - ok.length;
  const reasons = [...new Set(results.flatMap((r) => (r.error ? [r.error] : [])))].slice(0, 3);
  console.log(
    `${label} [load average ${loadavg()[0]!.toFixed(1)}]\n  first delta p50 ${median(first).toFixed(0)} ms, p99 ${percentile(first, 99).toFixed(0)} ms; ` +
      `whole turn p50 ${median(total).toFixed(0)} ms, p99 ${percentile(total, 99).toFixed(0)} ms` +
      (failed ? `; ${failed} failed (${reasons.join('; ')})` : ''),
  );
}

/**
 * CPU time per turn of each process: unlike latencies, it hardly depends on what else the machine
 * runs, and the busier process bounds the rate (each is one event loop, so about one core):
 * turns/s <= 1000 / its ms per turn.
 */
function printCpu(
  before: { db: number; web: number } | undefined,
  after: { db: number; web: number } | undefined,
  seconds: number,
  turns: number,
): void {
  if (!before || !after || turns === 0) return;
  const perTurn = (role: 'db' | 'web') => (1000 * (after[role] - before[role])) / turns;
  const busy = (role: 'db' | 'web') => (100 * (after[role] - before[role])) / seconds;
  const bound = Math.max(perTurn('db'), perTurn('web'));
  console.log(
    `  CPU per turn: database ${perTurn('db').toFixed(1)} ms (${busy('db').toFixed(0)}% of a core), ` +
      `web ${perTurn('web').toFixed(1)} ms (${busy('web').toFixed(0)}%); ceiling with a free core each: ${(1000 / bound).toFixed(1)} turns/s`,
  );
}

/** Median milliseconds of each phase the app timed (CHAT_TURN_TIMING), in turn order. */
function printPhases(timings: TurnTiming[], withStatements = false): void {
  if (timings.length === 0) return;
  const names = Object.keys(timings[0]!.phases);
  const parts = names.map(
    (name) => `${name} ${median(timings.map((t) => t.phases[name] ?? 0)).toFixed(1)}`,
  );
  console.log(
    `  server phases, median ms: ${parts.join(', ')}; handler total ${median(timings.map((t) => t.total)).toFixed(1)}`,
  );
  const counted = timings.filter((t) => t.statements !== undefined);
  if (withStatements && counted.length > 0)
    console.log(
      `  database work per turn (median): ${median(counted.map((t) => t.transactions!))} transactions, ` +
        `${median(counted.map((t) => t.statements!))} statements (a transaction's BEGIN and tenant setup count as one, COMMIT as one)`,
    );
}
