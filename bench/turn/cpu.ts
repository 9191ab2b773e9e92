import { readdirSync, readFileSync } from 'node:fs';

/** Seconds of CPU used so far by the stack's database and web processes (Linux /proc). */
export function stackCpuSeconds(groupId: number): { db: number; web: number } | undefined {
  const ticks = 100; // USER_HZ on Linux
  const total = { db: 0, web: 0 };
  let seen = false;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== groupId) continue; // process group
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const role = /serve\.ts/.test(cmdline) ? 'db' : /next/.test(cmdline) ? 'web' : undefined;
      if (!role) continue;
      total[role] += (Number(fields[11]) + Number(fields[12])) / ticks; // utime + stime
      seen = true;
    } catch {
      // the process ended meanwhile
    }
  }
  return seen ? total : undefined;
}
