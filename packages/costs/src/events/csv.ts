import type { Tx } from '@platform/db';
import { AppError } from '@platform/errors';
import type { ListCostEventsInput } from './list';
import { listCostEvents } from './list';

export const CSV_MAX_ROWS = 100_000;
const HEADER = [
  'timestamp',
  'service',
  'provider',
  'model',
  'tokens',
  'cost_usd',
  'session_id',
  'event_id',
];

/** RFC 4180 quoting, and a leading ' for cells a spreadsheet would run as a formula. */
function cell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The dashboard's CSV export of the caller's tenant's events (same filters as the table),
 * newest first, read in keyset pages. Refuses more than CSV_MAX_ROWS: narrow the dates.
 */
export async function exportCostEventsCsv(
  tx: Tx,
  filters: Omit<ListCostEventsInput, 'limit' | 'cursor'>,
): Promise<string> {
  const lines = [HEADER.join(',')];
  let cursor: string | undefined;
  do {
    const page = await listCostEvents(tx, { ...filters, limit: 200, cursor });
    for (const e of page.items) {
      lines.push(
        [
          e.timestamp.toISOString(),
          e.service,
          e.provider,
          e.model,
          e.tokensUsed,
          e.costUsd,
          e.sessionId,
          e.id,
        ]
          .map(cell)
          .join(','),
      );
    }
    if (lines.length - 1 > CSV_MAX_ROWS) {
      throw new AppError(
        'BAD_INPUT',
        `The export is limited to ${CSV_MAX_ROWS} events; choose a shorter period.`,
      );
    }
    cursor = page.nextCursor;
  } while (cursor);
  return `${lines.join('\r\n')}\r\n`;
}
