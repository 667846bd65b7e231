import { tz, TZDate } from '@date-fns/tz';
import { addDays, format, getDay, parseISO, startOfDay } from 'date-fns';
import { z } from 'zod';

// Instants and the office's day. Instants are stored as UTC ISO 8601 (`2026-12-05T17:00:00.000Z`), one fixed
// form, so that SQL can compare them as text. "Today", "this week", a weekday or a date's expiry are read in
// the office's IANA time zone, never in the machine's zone and never in UTC by accident. The calendar work
// (days that are 23 or 25 hours long) is date-fns's with @date-fns/tz, not offset arithmetic of our own.

/** The zone this machine is set to: the office's zone until one is chosen. */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** True for a zone the platform knows (IANA names such as America/Los_Angeles, and UTC). */
export function isTimeZone(zone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const TimeZone = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine(isTimeZone, { message: 'Use a time zone name such as America/Los_Angeles' });

// The stored form itself: what nearly every value already is (a bundle carries only stored values), so it
// passes without parsing, which costs most of the time of normalising a large import.
const STORED_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Any ISO 8601 date-time with an offset (`2026-12-05T09:00-08:00`) as the stored UTC form. */
export function toUtcIso(value: string): string {
  if (STORED_UTC.test(value) && (isCalendarInstant(value) || new Date(value).toISOString() === value))
    return value;
  const date = parseISO(value);
  if (Number.isNaN(date.getTime())) throw new RangeError('Not an ISO date-time');
  return date.toISOString();
}

// Whether a value of the stored form names a real instant (month 1–12, a day its month has, 00:00:00 to
// 23:59:59), read from its digits: what a round trip through Date checks, without making two objects for
// each value (a large import checks every instant twice, in its schema and in the row writer).
function isCalendarInstant(value: string): boolean {
  const year = twoDigits(value, 0) * 100 + twoDigits(value, 2);
  const month = twoDigits(value, 5);
  const day = twoDigits(value, 8);
  if (month < 1 || month > 12 || day < 1) return false;
  if (twoDigits(value, 11) > 23 || twoDigits(value, 14) > 59 || twoDigits(value, 17) > 59) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 ? (leap ? 29 : 28) : SHORT_MONTHS.has(month) ? 30 : 31);
}
const SHORT_MONTHS = new Set([4, 6, 9, 11]);
const twoDigits = (text: string, at: number) =>
  (text.charCodeAt(at) - 48) * 10 + text.charCodeAt(at + 1) - 48;

const at = (value: Date | string): Date => (typeof value === 'string' ? parseISO(value) : value);
const instant = (date: Date): string => new Date(date.getTime()).toISOString();

/** The calendar date (YYYY-MM-DD) in `zone` at the instant `now`. */
export function dayIn(now: Date | string, zone: string): string {
  return format(at(now), 'yyyy-MM-dd', { in: tz(zone) });
}

/** The instant the day holding `now` began in `zone`. */
export function startOfDayIn(now: Date | string, zone: string): Date {
  return new Date(startOfDay(at(now), { in: tz(zone) }).getTime());
}

/**
 * From the start of today to the start of the day `days` later, in `zone`, as UTC ISO bounds [from, to).
 * A day across a DST change is 23 or 25 hours long; the bounds follow the wall clock.
 */
export function daysFromToday(now: Date | string, zone: string, days: number): { from: string; to: string } {
  const start = startOfDay(at(now), { in: tz(zone) });
  return { from: instant(start), to: instant(addDays(start, days, { in: tz(zone) })) };
}

/** The weekday (0 = Sunday) and wall-clock time (HH:mm) in `zone` at `now`. */
export function wallClockIn(now: Date | string, zone: string): { day: number; time: string } {
  const local = at(now);
  return { day: getDay(local, { in: tz(zone) }), time: format(local, 'HH:mm', { in: tz(zone) }) };
}

/**
 * A wall-clock date-time typed in the office (`2026-12-05T09:00`, as a datetime-local input gives it) as the
 * UTC instant. A time skipped by a DST change moves forward, as the platform's clocks do.
 */
export function wallClockToUtc(local: string, zone: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!match) throw new RangeError('Not a local date-time');
  const [y, mo, d, h, mi, s] = match.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return instant(new TZDate(y, mo - 1, d, h, mi, s, zone));
}

/** The instant as a wall-clock date-time in `zone`, for a datetime-local input. */
export function utcToWallClock(iso: string, zone: string): string {
  return format(parseISO(iso), "yyyy-MM-dd'T'HH:mm", { in: tz(zone) });
}

/** A calendar date plus whole days (no zone: dates are not instants). */
export function addDaysToDate(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * When a date-only deadline runs out: the end of that day in `zone` (the start of the next), as UTC ISO.
 * A BIA appeal due on the 30th can still be filed that whole day.
 */
export function endOfDateIn(date: string, zone: string): string {
  return wallClockToUtc(`${addDaysToDate(date, 1)}T00:00`, zone);
}
