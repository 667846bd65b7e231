import type { OutreachStats } from '../../../shared/channels/hotline';
import { dayIn } from '../../../shared/time';
import type { Database } from '../kernel/context';
import { stmt } from '../records/statements';

// Know-Your-Rights outreach totals: workshops, attendees and cards handed out, per county and per month.
// Workshop dates are calendar dates (no zone); "the last N months" starts from this month in the office's zone.

/** The first day of the month `months - 1` before the one holding `today` (YYYY-MM-DD). */
export function monthsBack(today: string, months: number): string {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const start = new Date(Date.UTC(y, m - 1 - (months - 1), 1));
  return start.toISOString().slice(0, 10);
}

interface Bounds {
  from?: string | undefined;
  to?: string | undefined;
  lastMonths?: number | undefined;
}

export function outreachStats(db: Database, bounds: Bounds, now: Date, zone: string): OutreachStats {
  const from = bounds.lastMonths ? monthsBack(dayIn(now, zone), bounds.lastMonths) : (bounds.from ?? null);
  const to = bounds.lastMonths ? dayIn(now, zone) : (bounds.to ?? null);
  const where = 'deleted_at IS NULL AND (? IS NULL OR date >= ?) AND (? IS NULL OR date <= ?)';
  const params = [from, from, to, to];
  const sums = `count(*) AS workshops,
    coalesce(sum(json_extract(data, '$.attendees')), 0) AS attendees,
    coalesce(sum(json_extract(data, '$.cardsHandedOut')), 0) AS cards`;
  const total = stmt(db, `SELECT ${sums} FROM workshops WHERE ${where}`).get(
    ...params,
  ) as OutreachStats['total'];
  const counties = stmt(
    db,
    `SELECT county, ${sums} FROM workshops WHERE ${where}
     GROUP BY county ORDER BY workshops DESC, county COLLATE NOCASE`,
  ).all(...params) as OutreachStats['counties'];
  const months = stmt(
    db,
    `SELECT substr(date, 1, 7) AS month, county, ${sums} FROM workshops WHERE ${where}
     GROUP BY month, county ORDER BY month, county COLLATE NOCASE`,
  ).all(...params) as OutreachStats['months'];
  return { from, to, total, counties, months };
}
