import { readdirSync, readFileSync } from 'node:fs';

interface ProcessInfo {
  parent: number;
  cpuSeconds: number;
  cmdline: string;
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/**
 * Seconds of CPU used so far by the database and web processes started under `rootPid` (the
 * stack script starts each service detached, so they are found by parentage; Linux /proc).
 */
export function stackCpuSeconds(rootPid: number): { db: number; web: number } | undefined {
  const all = new Map<number, ProcessInfo>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      all.set(Number(entry), {
        parent: Number(fields[1]),
        cpuSeconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND,
        cmdline: readFileSync(`/proc/${entry}/cmdline`, 'utf8'),
      });
    } catch {
      // the process ended meanwhile
    }
  }
  const under = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 20; p = all.get(p)?.parent ?? 0, hops++)
      if (p === rootPid) return true;
    return false;
  };
  const total = { db: 0, web: 0 };
  let seen = false;
  for (const [pid, info] of all) {
    if (!under(pid)) continue;
    const role = /serve\.ts/.test(info.cmdline)
      ? 'db'
      : /server\.mjs|next/.test(info.cmdline) // apps/web's `node server.mjs`, or Next's own
        ? 'web'
        : undefined;
    if (!role) continue;
    total[role] += info.cpuSeconds;
    seen = true;
  }
  return seen ? total : undefined;
}
