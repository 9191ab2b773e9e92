import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const fixture = fileURLToPath(new URL('../../test/fixtures/stray-rejection.ts', import.meta.url));

describe('the offline model is contained', () => {
  it('a process that embeds keeps its own handling of stray errors and keeps running', () => {
    // The model's runtime installs process-wide handlers that re-throw; loaded in this process
    // they made the first stray rejection fatal (exit code 7). It runs in a worker thread now.
    const child = spawnSync('pnpm', ['exec', 'tsx', fixture], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(child.stderr).not.toContain('connection terminated');
    expect(child.stdout).toContain('embedded 1');
    expect(child.stdout).toContain('logged rejection: Error: connection terminated');
    expect(child.stdout).toContain('logged exception: socket hang up');
    expect(child.stdout).toContain('embedded 1 again; still running');
    expect(child.status).toBe(0);
  });
});
