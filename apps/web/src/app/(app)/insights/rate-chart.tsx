import type { RouterOutputs } from '~/trpc/types';

type Day = RouterOutputs['insights']['rates']['days'][number];

const fmt = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const percent = (value: number | null) =>
  value === null ? 'no data' : `${Math.round(value * 100)} %`;

/**
 * One rate per day as CSS bars (0-100 %), with the figures behind it in a table for screen
 * readers: the bars are decoration, the table is the content. Days without data show no bar.
 */
export function RateChart({
  title,
  days,
  rate,
  basis,
}: {
  title: string;
  days: Day[];
  rate: (day: Day) => number | null;
  /** The counts a day's rate is computed from, e.g. "3 of 4 answered". */
  basis: (day: Day) => string;
}) {
  return (
    <figure className="grid gap-2">
      <figcaption className="text-sm font-medium">{title}</figcaption>
      <div className="flex h-32 items-end gap-0.5 border-b pb-px" aria-hidden="true">
        {days.map((day) => {
          const value = rate(day);
          return (
            <div
              key={day.date}
              className="flex h-full min-w-1 flex-1 flex-col justify-end"
              title={`${fmt.format(new Date(day.date))}: ${percent(value)} (${basis(day)})`}
            >
              {value === null ? null : (
                <div
                  className="w-full rounded-t-sm bg-primary"
                  style={{ height: `${Math.max(2, value * 100)}%` }}
                />
              )}
            </div>
          );
        })}
      </div>
      <div className="flex justify-between text-xs text-muted-foreground" aria-hidden="true">
        <span>{days[0] ? fmt.format(new Date(days[0].date)) : null}</span>
        <span>{days.at(-1) ? fmt.format(new Date(days.at(-1)!.date)) : null}</span>
      </div>
      <table className="sr-only">
        <caption>{title} per day</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Rate</th>
            <th scope="col">Basis</th>
          </tr>
        </thead>
        <tbody>
          {days.map((day) => (
            <tr key={day.date}>
              <th scope="row">{fmt.format(new Date(day.date))}</th>
              <td>{percent(rate(day))}</td>
              <td>{basis(day)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

export { percent };
