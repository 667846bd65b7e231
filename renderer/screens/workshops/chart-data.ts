import type { OutreachStats } from '../../../shared/channels/hotline';

// The dashboard chart's data: one bar per month of the period (months with nothing included), stacked by
// county; the counties beyond the busiest few are summed as "other" so the colours stay few and legible.

export type Measure = 'workshops' | 'attendees' | 'cards';

export interface ChartData {
  months: string[];
  /** The counties shown on their own, busiest first; `null` stands for all the others together. */
  series: (string | null)[];
  /** values[m][s]: month m, series s. */
  values: number[][];
  max: number;
}

/** Every month (YYYY-MM) from `from` to `to`, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

export function chartData(stats: OutreachStats, measure: Measure, shown = 5): ChartData {
  const months =
    stats.from && stats.to
      ? monthsBetween(stats.from, stats.to)
      : [...new Set(stats.months.map((m) => m.month))];
  const ranked = [...stats.counties].sort(
    (a, b) => b[measure] - a[measure] || a.county.localeCompare(b.county),
  );
  const own = ranked.slice(0, shown).map((c) => c.county);
  const series: (string | null)[] = ranked.length > shown ? [...own, null] : own;
  const values = months.map((month) =>
    series.map((county) =>
      stats.months
        .filter(
          (row) =>
            row.month === month && (county === null ? !own.includes(row.county) : row.county === county),
        )
        .reduce((sum, row) => sum + row[measure], 0),
    ),
  );
  const max = Math.max(0, ...values.map((row) => row.reduce((a, b) => a + b, 0)));
  return { months, series, values, max };
}

/** A round top for the axis (1, 2 or 5 times a power of ten) at or above `max`. */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}
