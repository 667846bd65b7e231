import { tz } from '@date-fns/tz';
import { format, isValid, parse, parseISO } from 'date-fns';
import { wallClockToUtc } from '../../../shared/time';
import { currentZone } from '../zone-store';

// What people type into a date or a date-and-time field, read in the UI language's order (en: month first,
// es: day first): continuous digits (12052026, 0930), `/`, `-` or `.` between the parts, two- or four-digit
// years, a 12- or 24-hour clock. date-fns parses each candidate pattern strictly (a 31 February is no
// date), so nothing half-read becomes a silent blank: the answer is a value, empty, partial or invalid.

export type DateOrder = 'MDY' | 'DMY';

/** en reads 05/12/2026 as May 12; es as 5 December. */
export function orderFor(language: string): DateOrder {
  return language.startsWith('en') ? 'MDY' : 'DMY';
}

export type DateReading = { state: 'empty' } | { state: 'ok'; date: string } | { state: 'invalid' };

export type DateTimeReading =
  | { state: 'empty' }
  | { state: 'ok'; date: string; time: string }
  /** A date with no time, or a time with no date: flagged at the field, never saved as half a value. */
  | { state: 'partial'; missing: 'time' | 'date' }
  | { state: 'invalid' };

const DATE_PATTERNS: Record<DateOrder, readonly string[]> = {
  MDY: ['M/d/yyyy', 'M/d/yy', 'MMddyyyy', 'MMddyy'],
  DMY: ['d/M/yyyy', 'd/M/yy', 'ddMMyyyy', 'ddMMyy'],
};
// Year first is never ambiguous, so both orders accept it (ISO 2026-05-12, 20260512).
const YEAR_FIRST = ['yyyy/M/d', 'yyyyMMdd'];
// By the time's shape: an hour alone, hour and minutes run together, or with a colon.
const TIME_PATTERNS = {
  hour: ['H', 'ha'],
  run: ['HHmm', 'Hmm', 'hmma'],
  colon: ['H:mm', 'h:mma'],
} as const;

const DIGIT_DATE_LENGTHS = new Set([6, 8]);

/** Lower case, one space at most, every date separator as `/`, "p. m." and "p.m." as "pm". */
function normalise(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/\b([ap])\.?\s?m\.?(?=\s|$)/g, '$1m');
}

function normaliseDate(text: string): string {
  return text.replace(/[.-]/g, '/');
}

function readDate(text: string, order: DateOrder, reference: Date): string | null {
  const cleaned = normaliseDate(text);
  if (/^\d+$/.test(cleaned) && !DIGIT_DATE_LENGTHS.has(cleaned.length)) return null;
  if (!/^[\d/]+$/.test(cleaned)) return null;
  for (const pattern of [...DATE_PATTERNS[order], ...YEAR_FIRST]) {
    const date = parse(cleaned, pattern, reference);
    // The 4-digit year patterns must not take a 2-digit year as the year 26.
    if (isValid(date) && date.getFullYear() >= 1000) return format(date, 'yyyy-MM-dd');
  }
  return null;
}

// The shape of a time: an hour, then minutes as exactly two digits (date-fns's `mm` would also take one
// digit, reading "930pm" fine but "13pm" as 1:03 pm), then maybe am/pm. The values are date-fns's to check.
const TIME_SHAPE = /^\d{1,2}(:?\d{2})?([ap]m)?$/;

function readTime(text: string, reference: Date): string | null {
  const cleaned = text.replace(/\s+(?=[ap]m$)/, '').replace(/\./g, ':');
  const shape = TIME_SHAPE.exec(cleaned);
  if (!shape) return null;
  const minutes = shape[1];
  const patterns =
    minutes === undefined
      ? TIME_PATTERNS.hour
      : minutes.startsWith(':')
        ? TIME_PATTERNS.colon
        : TIME_PATTERNS.run;
  for (const pattern of patterns) {
    const time = parse(cleaned, pattern, reference);
    if (isValid(time)) return format(time, 'HH:mm');
  }
  return null;
}

/** A date as typed: the ISO date (YYYY-MM-DD), or why there is none. */
export function readDateInput(text: string, order: DateOrder, reference = new Date()): DateReading {
  const typed = normalise(text);
  if (typed === '') return { state: 'empty' };
  const date = readDate(typed, order, reference);
  return date ? { state: 'ok', date } : { state: 'invalid' };
}

/**
 * A date and a time of day as typed, e.g. "12052026 0930", "12/05/2026 9:30 pm", "2026-05-12T21:30".
 * The time is a wall-clock time (HH:mm); which zone it is in is the caller's to say.
 */
export function readDateTimeInput(text: string, order: DateOrder, reference = new Date()): DateTimeReading {
  const typed = normalise(text)
    .replace(/(\d)t(\d)/, '$1 $2')
    .replace(/,/g, ' ')
    .replace(/\s+/g, ' ');
  if (typed === '') return { state: 'empty' };
  let datePart: string;
  let timePart: string | undefined;
  const glued = /^(\d{8})(\d{3,4})$/.exec(typed);
  if (glued) {
    datePart = glued[1] as string;
    timePart = glued[2];
  } else {
    const space = typed.indexOf(' ');
    datePart = space === -1 ? typed : typed.slice(0, space);
    timePart = space === -1 ? undefined : typed.slice(space + 1);
  }
  const date = readDate(datePart, order, reference);
  if (!date) {
    // Only a time: half a value.
    return timePart === undefined && readTime(datePart, reference) && !/^\d{6,8}$/.test(datePart)
      ? { state: 'partial', missing: 'date' }
      : { state: 'invalid' };
  }
  if (timePart === undefined) return { state: 'partial', missing: 'time' };
  const time = readTime(timePart, reference);
  return time ? { state: 'ok', date, time } : { state: 'invalid' };
}

/**
 * The instant of a wall-clock date and time typed in the office (its time zone, not this computer's), as
 * stored (UTC ISO 8601).
 */
export function localInstant(date: string, time: string, zone = currentZone()): string {
  return wallClockToUtc(`${date}T${time}`, zone);
}

/** How a stored date is typed back into a field in `order` (for editing it). */
export function dateAsTyped(iso: string, order: DateOrder): string {
  const date = parse(iso.slice(0, 10), 'yyyy-MM-dd', new Date());
  if (!isValid(date)) return iso;
  return format(date, order === 'MDY' ? 'MM/dd/yyyy' : 'dd/MM/yyyy');
}

/** How a stored instant is typed back into a date-and-time field in `order`, in the office's time. */
export function dateTimeAsTyped(instant: string, order: DateOrder, zone = currentZone()): string {
  const date = parseISO(instant);
  if (!isValid(date)) return instant;
  return format(date, order === 'MDY' ? 'MM/dd/yyyy HH:mm' : 'dd/MM/yyyy HH:mm', { in: tz(zone) });
}
