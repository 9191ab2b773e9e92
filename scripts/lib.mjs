// Process helpers shared by the root scripts (plain Node, no dependencies: they run before install).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const isWindows = process.platform === 'win32';

export function has(command) {
  return spawnSync(isWindows ? 'where' : 'which', [command], { stdio: 'ignore' }).status === 0;
}

/** Runs a command to completion with inherited output; throws on a non-zero exit. */
export function run(command, args, options = {}) {
  console.log(`$ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', shell: isWindows, ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
  }
}

/** pnpm is the only prerequisite beyond Node and npm; corepack's signature check fails offline. */
export function ensurePnpm() {
  if (has('pnpm')) return;
  run('npm', ['install', '--global', 'pnpm']);
}

/** Debian's Chromium for Playwright (browser downloads are not possible here). */
export function ensureChromium() {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(path)) return path;
  if (process.getuid?.() !== 0 || !has('apt-get')) {
    throw new Error(`Chromium not found at ${path}. Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.`);
  }
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', 'chromium'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return path;
}

/** Starts a long-running child with prefixed output; resolves when `readyLine` appears in its stdout. */
export function startService(name, command, args, { env = process.env, readyLine, timeoutMs = 180_000 } = {}) {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], shell: isWindows, detached: !isWindows });
  const prefix = `[${name}] `;
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not become ready in ${timeoutMs / 1000}s`)), timeoutMs);
    const onLine = (line) => {
      if (readyLine && line.includes(readyLine)) {
        clearTimeout(timer);
        resolve();
      }
    };
    pipeLines(child.stdout, (line) => {
      process.stdout.write(line.startsWith('[') ? `${line}\n` : `${prefix}${line}\n`);
      onLine(line);
    });
    pipeLines(child.stderr, (line) => process.stderr.write(`${prefix}${line}\n`));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code ?? signal}) before it was ready`));
    });
    if (!readyLine) {
      clearTimeout(timer);
      resolve();
    }
  });
  return { name, child, ready };
}

export function stopService(service, signal = 'SIGTERM') {
  const { child } = service;
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => killTree(child, 'SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    killTree(child, signal);
  });
}

function killTree(child, signal) {
  try {
    if (isWindows) child.kill(signal);
    else process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

function pipeLines(stream, onLine) {
  let buffer = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    buffer += chunk;
    let index;
    while ((index = buffer.indexOf('\n')) >= 0) {
      onLine(buffer.slice(0, index));
      buffer = buffer.slice(index + 1);
    }
  });
  stream.on('end', () => buffer && onLine(buffer));
}
