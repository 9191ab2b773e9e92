import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { stackCpuSeconds } from './cpu';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Stack {
  baseUrl: string;
  /** `[turn-timing]` lines the app has logged since the last call. */
  drainTimings(): TurnTiming[];
  /** CPU seconds the database and web processes have used so far (Linux), if readable. */
  cpuSeconds(): { db: number; web: number } | undefined;
  stop(): Promise<void>;
}

export interface TurnTiming {
  outcome: string;
  total: number;
  /** Database work the web process sent meanwhile (exact for a turn alone). */
  transactions?: number;
  statements?: number;
  phases: Record<string, number>;
}

/** Builds the web app (turbo skips it when nothing changed). */
export function buildWeb(): void {
  const result = spawnSync(
    'pnpm',
    ['exec', 'turbo', 'run', 'build', '--filter=@platform/web...', '--filter=@platform/widget...'],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    },
  );
  if (result.status !== 0) throw new Error('pnpm build failed');
}

/**
 * The production stack (`next start` + the embedded database on a fresh data directory, seeded
 * with the demo) on the bench's own ports, with the offline answerer, turn timings on and the
 * widget's rate limits raised for this run only.
 */
export async function startStack(ports: { web: number; db: number }): Promise<Stack> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-turn-'));
  const child = spawn(
    'node',
    [
      'scripts/stack.mjs',
      '--prod',
      '--data-dir',
      path.join(dataDir, 'pglite'),
      '--port',
      String(ports.web),
    ],
    {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        EMBEDDED_DB_PORT: String(ports.db),
        AUTH_SECRET: randomBytes(32).toString('base64url'),
        AUTH_TRUST_HOST: 'true',
        WIDGET_TOKEN_SECRET: randomBytes(32).toString('base64url'),
        COSTS_WEBHOOK_SIGNING_KEY: randomBytes(32).toString('base64url'),
        LLM_PROVIDER: 'extractive',
        EMBEDDING_PROVIDER: 'local',
        CHAT_TURN_TIMING: '1',
        WIDGET_RATE_LIMIT_IP: '1000000',
        WIDGET_RATE_LIMIT_WIDGET: '1000000',
        WIDGET_RATE_LIMIT_VISITOR: '1000000',
      },
    },
  );
  const timings: TurnTiming[] = [];
  const log: string[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the stack did not start in 180 s')), 180_000);
    lines(child, (line) => {
      const at = line.indexOf('[turn-timing] ');
      if (at >= 0) timings.push(JSON.parse(line.slice(at + 14)) as TurnTiming);
      else log.push(line);
      if (line.includes('Platform running')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the stack exited (${code}):\n${log.slice(-30).join('\n')}`));
    });
  });
  const stop = async () => {
    await stopTree(child);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await ready;
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    baseUrl: `http://127.0.0.1:${ports.web}`,
    drainTimings: () => timings.splice(0),
    cpuSeconds: () => stackCpuSeconds(child.pid!),
    stop,
  };
}

function lines(child: ChildProcess, onLine: (line: string) => void) {
  for (const stream of [child.stdout!, child.stderr!]) {
    let buffer = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      buffer += chunk;
      let index;
      while ((index = buffer.indexOf('\n')) >= 0) {
        onLine(buffer.slice(0, index));
        buffer = buffer.slice(index + 1);
      }
    });
  }
}

/** SIGTERM to the stack's process group (it stops the app, then the database), SIGKILL after 15 s. */
function stopTree(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => signal(child, 'SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    signal(child, 'SIGTERM');
  });
}

function signal(child: ChildProcess, name: NodeJS.Signals) {
  try {
    process.kill(-child.pid!, name);
  } catch {
    // already gone
  }
}
