/**
 * Phase timings of one chat turn, logged as one `[turn-timing] {...}` JSON line when
 * CHAT_TURN_TIMING is on (`pnpm bench turn` reads them): milliseconds per phase, in order, from
 * the request's arrival. Off by default; when on, a lap costs one performance.now().
 */
export class TurnPhaseTimer {
  readonly #started = performance.now();
  #last = this.#started;
  readonly #phases: Array<[string, number]> = [];

  lap(phase: string): void {
    const now = performance.now();
    this.#phases.push([phase, round(now - this.#last)]);
    this.#last = now;
  }

  log(outcome: string): void {
    const total = round(performance.now() - this.#started);
    console.log(
      `[turn-timing] ${JSON.stringify({ outcome, total, phases: Object.fromEntries(this.#phases) })}`,
    );
  }
}

const round = (ms: number) => Math.round(ms * 100) / 100;
