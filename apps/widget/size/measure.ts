import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Budgets from the widget issue, in gzip bytes. */
export const WIDGET_BUDGETS = {
  loader: 3 * 1024,
  /** everything downloaded before the chat is usable: loader + frame page + its scripts and styles */
  initial: 30 * 1024,
  /** the goal within that budget */
  initialGoal: 20 * 1024,
} as const;

export interface SizedFile {
  name: string;
  raw: number;
  gzip: number;
}

export interface WidgetSizeReport {
  loader: SizedFile;
  /** frame.html and every asset it loads up front (scripts, preloads, styles) */
  frame: SizedFile[];
  initialGzip: number;
  overBudget: string[];
}

function size(dist: string, name: string): SizedFile {
  const bytes = readFileSync(join(dist, name));
  return { name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/** Measures a built dist/ (as served: gzip level 9, like the asset route). */
export function measureWidgetSize(dist: string): WidgetSizeReport {
  if (!existsSync(join(dist, 'embed.js')) || !existsSync(join(dist, 'frame.html'))) {
    throw new Error(`No widget build in ${dist}. Run: pnpm --filter @platform/widget build`);
  }
  const loader = size(dist, 'embed.js');
  const html = readFileSync(join(dist, 'frame.html'), 'utf8');
  // Every same-origin asset the page references: module scripts, modulepreloads, stylesheets.
  const assets = [...html.matchAll(/(?:src|href)="\/widget\/([^"]+)"/g)].map((m) => m[1]!);
  const frame = [size(dist, 'frame.html'), ...[...new Set(assets)].map((name) => size(dist, name))];
  const initialGzip = loader.gzip + frame.reduce((sum, f) => sum + f.gzip, 0);
  const overBudget: string[] = [];
  if (loader.gzip > WIDGET_BUDGETS.loader)
    overBudget.push(`loader ${kb(loader.gzip)} > ${kb(WIDGET_BUDGETS.loader)}`);
  if (initialGzip > WIDGET_BUDGETS.initial)
    overBudget.push(`initial ${kb(initialGzip)} > ${kb(WIDGET_BUDGETS.initial)}`);
  return { loader, frame, initialGzip, overBudget };
}

export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(2)} KB`;
}

export function formatWidgetSizeReport(report: WidgetSizeReport): string {
  const row = (f: SizedFile) =>
    `  ${f.name.padEnd(36)} ${kb(f.raw).padStart(10)} raw ${kb(f.gzip).padStart(10)} gzip`;
  const goal =
    report.initialGzip <= WIDGET_BUDGETS.initialGoal
      ? 'within the 20 KB goal'
      : 'over the 20 KB goal';
  return [
    'Widget size (gzip -9, as served)',
    row(report.loader),
    ...report.frame.map(row),
    `  loader: ${kb(report.loader.gzip)} of ${kb(WIDGET_BUDGETS.loader)} budget`,
    `  before the chat is usable: ${kb(report.initialGzip)} of ${kb(WIDGET_BUDGETS.initial)} budget (${goal})`,
    '  (plus the session start JSON, about 0.5 KB gzip; for scale: Intercom ~210 KB, Crisp ~232 KB, Chatwoot ~170 KB)',
  ].join('\n');
}
