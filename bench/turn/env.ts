/** Settings of the chat-turn benchmark (all optional). */
function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer, got "${raw}".`);
  return value;
}

export function turnBenchEnv() {
  return {
    /** The bench's own ports: the web app and the embedded database. */
    port: positiveInt('BENCH_TURN_PORT', 5200),
    dbPort: positiveInt('BENCH_TURN_DB_PORT', 5201),
    /** Skip `turbo run build` (it is a no-op when nothing changed, but takes a few seconds). */
    skipBuild: process.env.BENCH_TURN_SKIP_BUILD === '1',
    soloTurns: positiveInt('BENCH_TURN_SOLO_TURNS', 60),
    offeredRate: positiveInt('BENCH_TURN_RATE', 10),
    openSeconds: positiveInt('BENCH_TURN_OPEN_SECONDS', 20),
    /** Concurrent visitors of the saturation runs (the best rate is the sustained maximum). */
    saturationVisitors: (process.env.BENCH_TURN_VISITORS ?? '8,24')
      .split(',')
      .map((v) => Number(v))
      .filter((v) => Number.isInteger(v) && v > 0),
    saturationSeconds: positiveInt('BENCH_TURN_SATURATION_SECONDS', 15),
    /** A conversation's length before the next visitor starts. */
    turnsPerVisitor: positiveInt('BENCH_TURN_TURNS_PER_VISITOR', 5),
  };
}
