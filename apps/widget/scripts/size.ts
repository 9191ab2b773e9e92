// `pnpm --filter @platform/widget size`: builds, prints the sizes, fails when over budget.
import { resolve } from 'node:path';
import { formatWidgetSizeReport, measureWidgetSize } from '../size/measure';

const report = measureWidgetSize(resolve(import.meta.dirname, '../dist'));
console.log(formatWidgetSizeReport(report));
if (report.overBudget.length > 0) {
  console.error(`\nOver budget: ${report.overBudget.join('; ')}`);
  process.exit(1);
}
console.log('\nWithin budget.');
