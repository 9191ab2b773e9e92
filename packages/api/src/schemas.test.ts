import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * `@platform/api/schemas` is imported by the dashboard's forms, in the browser. Anything it
 * reaches at runtime ends up in the bundle, so its import graph may hold only zod, its own pure
 * schema files and the auth package's schemas. (`import type` is erased, so it does not count.)
 */
const here = dirname(fileURLToPath(import.meta.url));
const browserSafePackages: Record<string, string | null> = {
  zod: null, // a leaf: not walked
  '@platform/auth/schemas': resolve(here, '../../auth/src/schemas.ts'),
};

const importPattern = /^\s*(?:import|export)\s+(type\s+)?(?:[\s\S]*?\s+from\s+)?'([^']+)';/gm;

function runtimeImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(importPattern)]
    .filter((m) => !m[1])
    .map((m) => m[2] ?? '')
    .filter(Boolean);
}

function resolveRelative(from: string, spec: string): string {
  const base = resolve(dirname(from), spec);
  for (const candidate of [`${base}.ts`, `${base}.tsx`, resolve(base, 'index.ts')]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`cannot resolve ${spec} from ${from}`);
}

/** Every runtime import reachable from `entry`, as chains that end in a disallowed package. */
function forbiddenChains(entry: string): string[] {
  const seen = new Set<string>();
  const bad: string[] = [];
  const walk = (file: string, chain: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of runtimeImports(file)) {
      const link = [...chain, `${file.replace(resolve(here, '../..') + '/', '')} -> ${spec}`];
      if (spec.startsWith('.')) walk(resolveRelative(file, spec), link);
      else if (spec in browserSafePackages) {
        const next = browserSafePackages[spec];
        if (next) walk(next, link);
      } else bad.push(link.join('\n  '));
    }
  };
  walk(entry, []);
  return bad;
}

describe('@platform/api/schemas', () => {
  it('reaches no server code at runtime (only zod and pure schema files)', () => {
    expect(forbiddenChains(resolve(here, 'schemas.ts'))).toEqual([]);
  });

  it('the guard sees a server import when one is there', () => {
    // meetings/schema.ts imports @platform/meetings (LiveKit, env): the check must flag it.
    expect(runtimeImports(resolve(here, 'meetings/schema.ts'))).toContain('@platform/meetings');
  });
});
