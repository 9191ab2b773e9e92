/**
 * Phase timings of one chat turn, logged as one `[turn-timing] {...}` JSON line when
 * CHAT_TURN_TIMING is on (`pnpm bench turn` reads them): milliseconds per phase, in order, from
 * the request's arrival, and the database transactions and statements the process sent meanwhile
 * (exact for a turn alone; concurrent turns' work mixes in). Off by default; when on, a lap costs
 * one performance.now().
 */
export class TurnPhaseTimer {
  readonly #started = performance.now();
  #last = this.#started;
  readonly #phases: Array<[string, number]> = [];
  readonly #activity?: () => { transactions: number; statements: number };
  readonly #activityAtStart?: { transactions: number; statements: number };

  constructor(activity?: () => { transactions: number; statements: number }) {
    this.#activity = activity;
    this.#activityAtStart = activity?.();
  }

  lap(phase: string): void {
    const now = performance.now();
    this.#phases.push([phase, round(now - this.#last)]);
    this.#last = now;
  }

  log(outcome: string): void {
    const total = round(performance.now() - this.#started);
    const now = this.#activity?.();
    const start = this.#activityAtStart;
    const db =
      now && start
        ? {
            transactions: now.transactions - start.transactions,
            statements: now.statements - start.statements,
          }
        : {};
    console.log(
      `[turn-timing] ${JSON.stringify({ outcome, total, ...db, phases: Object.fromEntries(this.#phases) })}`,
    );
  }
}

const round = (ms: number) => Math.round(ms * 100) / 100;
