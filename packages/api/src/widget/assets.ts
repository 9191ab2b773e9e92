import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

/**
 * Serves the built widget (apps/widget/dist): the loader at a stable URL with a short cache, the
 * frame page, and content-hashed assets cached for a year. Compression is left to the server
 * (Next compresses responses; it would gzip an already gzipped body a second time).
 */
const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.map': 'application/json; charset=utf-8',
};

/** The frame talks only to this origin and may be framed by any page (the API checks origins). */
const FRAME_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  'frame-ancestors *',
].join('; ');

interface Cached {
  mtimeMs: number;
  raw: Buffer;
  etag: string;
}
const cache = new Map<string, Cached>();

export function findWidgetDist(configured?: string): string | null {
  const candidates = configured
    ? [resolve(configured)]
    : [resolve(process.cwd(), '../widget/dist'), resolve(process.cwd(), 'apps/widget/dist')];
  return candidates.find((dir) => existsSync(join(dir, 'embed.js'))) ?? null;
}

/** `name` is the path below dist (`embed.js`, `frame.html`, `assets/frame-1a2b.js`). */
export async function serveWidgetAsset(
  request: Request,
  name: string,
  distDir: string | null,
): Promise<Response> {
  if (!distDir) {
    return new Response('The widget is not built. Run: pnpm --filter @platform/widget build\n', {
      status: 503,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  }
  const type = TYPES[extname(name)];
  const path = resolve(distDir, name);
  if (
    !type ||
    !/^[\w.\-/]+$/.test(name) ||
    name.includes('..') ||
    !path.startsWith(distDir + sep)
  ) {
    return new Response('Not found\n', { status: 404 });
  }
  const file = await load(path);
  if (!file) return new Response('Not found\n', { status: 404 });

  const headers = new Headers({
    'Content-Type': type,
    'Cache-Control': cacheControl(name),
    ETag: file.etag,
    'X-Content-Type-Options': 'nosniff',
  });
  if (name.endsWith('.html')) {
    headers.set('Content-Security-Policy', FRAME_CSP);
    headers.set('Referrer-Policy', 'no-referrer');
  } else {
    // Scripts and styles are fetched by the host page (loader) and by the frame.
    headers.set('Cross-Origin-Resource-Policy', 'cross-origin');
  }
  if (request.headers.get('if-none-match') === file.etag)
    return new Response(null, { status: 304, headers });
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(file.raw), {
    status: 200,
    headers,
  });
}

function cacheControl(name: string): string {
  if (name.startsWith('assets/')) return 'public, max-age=31536000, immutable';
  // The loader's URL never changes: a short cache, revalidated, so releases reach pages quickly.
  if (name === 'embed.js') return 'public, max-age=300, stale-while-revalidate=3600';
  return 'no-cache';
}

async function load(path: string): Promise<Cached | null> {
  let mtimeMs: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) return null;
    mtimeMs = info.mtimeMs;
  } catch {
    return null;
  }
  const hit = cache.get(path);
  if (hit && hit.mtimeMs === mtimeMs) return hit;
  const raw = await readFile(path);
  const entry: Cached = {
    mtimeMs,
    raw,
    etag: `"${createHash('sha256').update(raw).digest('base64url').slice(0, 22)}"`,
  };
  cache.set(path, entry);
  return entry;
}
