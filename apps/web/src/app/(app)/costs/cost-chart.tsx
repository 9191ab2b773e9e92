'use client';

import type { CostService } from '@platform/db/schema';
import { formatUsd } from '~/lib/format';
import { decimalToMicro, microToDecimal } from '~/lib/money';
import { serviceColor, serviceLabel, services } from './services';

export interface SummaryRow {
  periodStart: Date;
  service: CostService;
  totalCostUsd: string;
  eventCount: number;
}

/** Stacked bars per period, by service; a table of the same numbers follows for assistive tech. */
export function CostChart({
  rows,
  groupBy,
}: {
  rows: SummaryRow[];
  groupBy: 'day' | 'week' | 'month';
}) {
  const byPeriod = new Map<number, Map<CostService, number>>();
  for (const r of rows) {
    const key = new Date(r.periodStart).getTime();
    const cell = byPeriod.get(key) ?? new Map<CostService, number>();
    cell.set(r.service, (cell.get(r.service) ?? 0) + decimalToMicro(r.totalCostUsd));
    byPeriod.set(key, cell);
  }
  const periods = [...byPeriod.entries()].sort((a, b) => a[0] - b[0]);
  const totals = periods.map(([, cells]) => [...cells.values()].reduce((a, b) => a + b, 0));
  const max = Math.max(1, ...totals);
  const fmt = new Intl.DateTimeFormat(
    'en-US',
    groupBy === 'month'
      ? { month: 'short', year: 'numeric', timeZone: 'UTC' }
      : { month: 'short', day: 'numeric', timeZone: 'UTC' },
  );
  const used = services.filter((s) => rows.some((r) => r.service === s));

  if (periods.length === 0) {
    return (
      <p className="py-10 text-center text-sm text-muted-foreground">No spend in this range.</p>
    );
  }
  return (
    <figure className="grid gap-3">
      <div className="flex h-48 items-end gap-1 overflow-x-auto border-b pb-1" aria-hidden="true">
        {periods.map(([key, cells], i) => (
          <div
            key={key}
            className="flex h-full min-w-5 flex-1 flex-col justify-end"
            title={`${fmt.format(key)}: ${formatUsd(microToDecimal(totals[i] ?? 0))}`}
          >
            {services
              .filter((s) => cells.get(s))
              .map((s) => (
                <div
                  key={s}
                  style={{
                    height: `${((cells.get(s) ?? 0) / max) * 100}%`,
                    background: serviceColor[s],
                  }}
                  className="w-full first:rounded-t-sm"
                />
              ))}
          </div>
        ))}
      </div>
      <div className="flex justify-between text-xs text-muted-foreground" aria-hidden="true">
        <span>{fmt.format(periods[0]![0])}</span>
        <span>{fmt.format(periods.at(-1)![0])}</span>
      </div>
      <figcaption className="flex flex-wrap gap-3 text-xs">
        {used.map((s) => (
          <span key={s} className="inline-flex items-center gap-1.5">
            <span
              aria-hidden="true"
              className="size-2.5 rounded-sm"
              style={{ background: serviceColor[s] }}
            />
            {serviceLabel[s]}
          </span>
        ))}
      </figcaption>
      <table className="sr-only">
        <caption>Spend per {groupBy} by service</caption>
        <thead>
          <tr>
            <th scope="col">Period</th>
            {used.map((s) => (
              <th key={s} scope="col">
                {serviceLabel[s]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {periods.map(([key, cells]) => (
            <tr key={key}>
              <th scope="row">{fmt.format(key)}</th>
              {used.map((s) => (
                <td key={s}>{formatUsd(microToDecimal(cells.get(s) ?? 0))}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
