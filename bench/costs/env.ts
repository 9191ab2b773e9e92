/** Settings of the costs benchmark (all optional): event count and timing rounds. */
function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer, got "${raw}".`);
  return value;
}

export const benchEnv = {
  BENCH_COST_EVENTS: positiveInt('BENCH_COST_EVENTS', 1_000_000),
  BENCH_ROUNDS: positiveInt('BENCH_ROUNDS', 7),
};
