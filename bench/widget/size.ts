import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
// Relative import: the bench harness reads the widget's measuring code without a package dependency.
import { formatWidgetSizeReport, measureWidgetSize } from '../../apps/widget/size/measure';

/**
 * The widget's download sizes (gzip), freshly built: the loader against its 3 KB budget and
 * everything a visitor downloads before the chat is usable against 30 KB (goal 20 KB).
 */
export async function runWidgetSizeBench(): Promise<void> {
  const widget = resolve(import.meta.dirname, '../../apps/widget');
  const build = spawnSync('node', ['scripts/build.mjs'], { cwd: widget, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`Widget build failed:\n${build.stderr}`);
  console.log(formatWidgetSizeReport(measureWidgetSize(resolve(widget, 'dist'))));
}
