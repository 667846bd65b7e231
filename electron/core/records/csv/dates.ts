import type { DateOrder } from '../../../../shared/records/csv';

// Dates as spreadsheets hold them: ISO (1988-04-09), M/D/Y or D/M/Y with / . or -, two- or four-digit
// years, and Google Forms timestamps (10/02/2025 19:14:05). Whether a column is day-first is decided from
// its own values: one 30/11/1979 makes the whole column day-first, one 11/30/1979 month-first; a column
// whose values all fit both is ambiguous and the user chooses.

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const SLASHED =
  /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

interface Parts {
  a: number;
  b: number;
  year: number;
  time?: { hour: number; minute: number; second: number };
}

function slashed(text: string): Parts | null {
  const m = SLASHED.exec(text.trim());
  if (!m) return null;
  let year = Number(m[3]);
  // Two-digit years: this century unless that would be in the future.
  if ((m[3] as string).length === 2) {
    const now = new Date().getFullYear();
    year += 2000 + year > now ? 1900 : 2000;
  }
  const parts: Parts = { a: Number(m[1]), b: Number(m[2]), year };
  if (m[4] !== undefined) {
    let hour = Number(m[4]);
    const meridiem = m[7]?.toLowerCase();
    if (meridiem === 'pm' && hour < 12) hour += 12;
    if (meridiem === 'am' && hour === 12) hour = 0;
    parts.time = { hour, minute: Number(m[5]), second: Number(m[6] ?? 0) };
  }
  return parts;
}

/** What one column's values say about its order: day-first, month-first, both (a contradiction) or neither. */
export function inferOrder(values: Iterable<string>): { order: DateOrder | null; ambiguous: boolean } {
  let dayFirst = false;
  let monthFirst = false;
  let undecided = false;
  for (const value of values) {
    const p = slashed(value);
    if (!p) continue;
    if (p.a > 12 && p.b <= 12) dayFirst = true;
    else if (p.b > 12 && p.a <= 12) monthFirst = true;
    else if (p.a !== p.b) undecided = true;
  }
  if (dayFirst !== monthFirst) return { order: dayFirst ? 'DMY' : 'MDY', ambiguous: false };
  return { order: null, ambiguous: undecided || (dayFirst && monthFirst) };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function validDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `noSuchDay`: read as a date, but that month has no such day (02/29/1985). */
export type DateResult =
  { ok: true; value: string } | { ok: false; code: 'date' | 'dateAmbiguous' | 'noSuchDay' };

/** A date as YYYY-MM-DD; `order` says how to read 04/09/1988 (null: only unambiguous values are read). */
export function parseDate(text: string, order: DateOrder | null): DateResult {
  const trimmed = text.trim();
  const iso = ISO.exec(trimmed);
  if (iso) {
    const [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    return validDay(year, month, day)
      ? { ok: true, value: `${pad(year, 4)}-${pad(month)}-${pad(day)}` }
      : { ok: false, code: 'noSuchDay' };
  }
  // A timestamp in ISO form in a date column: its date part.
  if (ISO_DATE_TIME.test(trimmed)) return parseDate(trimmed.slice(0, 10), null);
  const p = slashed(trimmed);
  if (!p) return { ok: false, code: 'date' };
  let resolved = order;
  if (p.a > 12) resolved = 'DMY';
  else if (p.b > 12) resolved = 'MDY';
  else if (p.a === p.b) resolved = 'MDY';
  if (!resolved) return { ok: false, code: 'dateAmbiguous' };
  const [month, day] = resolved === 'MDY' ? [p.a, p.b] : [p.b, p.a];
  return validDay(p.year, month, day)
    ? { ok: true, value: `${pad(p.year, 4)}-${pad(month)}-${pad(day)}` }
    : { ok: false, code: 'noSuchDay' };
}

export type DateTimeResult =
  { ok: true; value: string } | { ok: false; code: 'dateTime' | 'dateAmbiguous' | 'noSuchDay' };

/**
 * A moment as an ISO date-time. ISO text is kept exactly (an export comes back unchanged); a form timestamp
 * or a bare date is read in this computer's time zone, as the sheet's author wrote it.
 */
export function parseDateTime(text: string, order: DateOrder | null): DateTimeResult {
  const trimmed = text.trim();
  if (ISO_DATE_TIME.test(trimmed)) return { ok: true, value: trimmed };
  const date = parseDate(trimmed, order);
  if (!date.ok) return { ok: false, code: date.code === 'date' ? 'dateTime' : date.code };
  const [year, month, day] = date.value.split('-').map(Number) as [number, number, number];
  const time = slashed(trimmed)?.time ?? { hour: 0, minute: 0, second: 0 };
  if (time.hour > 23 || time.minute > 59 || time.second > 59) return { ok: false, code: 'dateTime' };
  const local = new Date(year, month - 1, day, time.hour, time.minute, time.second);
  return { ok: true, value: local.toISOString() };
}
