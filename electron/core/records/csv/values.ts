import { normalizeANumber } from '../../../../shared/anumber';
import { countryCode, languageCode } from '../../../../shared/code-names';
import type { CsvProblemCode, DateOrder } from '../../../../shared/records/csv';
import { Email } from '../../../../shared/records/common';
import { parseDate, parseDateTime } from './dates';
import type { Reader } from './fields';
import { choiceOf } from './labels';

// One cell as people write it, read into the value a field stores: "Spanish, English" -> ["es", "en"],
// "Mexico" -> "MX", "Hotline, Legal observer" -> ["HOTLINE", "LEGAL_OBSERVER"], "sí" -> true,
// "04/09/1988" -> "1988-04-09" in a month-first column. A value that can't be read is a problem with its
// code and the text that failed, never a guess.

export type Read =
  { ok: true; value: unknown } | { ok: false; code: CsvProblemCode; params: Record<string, string | number> };

const TRUE = new Set(['true', 'yes', 'y', 'si', 'sí', 's', '1', 'x', '✓', 'verdadero']);
const FALSE = new Set(['false', 'no', 'n', '0', 'falso']);
/** The characters the Phone schema allows (it checks the length and the pattern again). */
const PHONE = /^[0-9+()\s.\-x#*]*$/;
const LIST_WORDS = /\s*[,/]\s*|\s+(?:and|y|e|&)\s+/i;

/** A list cell's items: a JSON array as exported, else split on ; alone when there is one, else on , / and y. */
export function splitList(text: string): string[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed) && parsed.every((v) => typeof v === 'string')) return parsed as string[];
    } catch {
      // Not JSON: read as written.
    }
  }
  const parts = trimmed.includes(';') ? trimmed.split(';') : trimmed.split(LIST_WORDS);
  return parts.map((p) => p.trim()).filter(Boolean);
}

const fail = (code: CsvProblemCode, value: string, extra: Record<string, string | number> = {}): Read => ({
  ok: false,
  code,
  params: { value, ...extra },
});

/** Reads one (non-empty) cell. `order` is the column's date order, when it has one. */
export function readCell(reader: Reader, text: string, order: DateOrder | null): Read {
  const value = text.trim();
  switch (reader.type) {
    case 'text':
      // Long text keeps its spacing; the schema trims the fields that trim.
      return { ok: true, value: text };
    case 'name':
      return { ok: true, value };
    case 'phone':
      return value.length <= 40 && PHONE.test(value) ? { ok: true, value } : fail('phone', value);
    case 'email':
      return Email.safeParse(value).success ? { ok: true, value } : fail('email', value);
    case 'aNumber': {
      const result = normalizeANumber(value);
      if (result.ok) return { ok: true, value: result.value };
      return fail('aNumber', value, { digits: value.replace(/[^0-9]/g, '').length });
    }
    case 'date': {
      const result = parseDate(value, order);
      return result.ok ? { ok: true, value: result.value } : fail(result.code, value);
    }
    case 'dateTime': {
      const result = parseDateTime(value, order);
      return result.ok ? { ok: true, value: result.value } : fail(result.code, value);
    }
    case 'language': {
      const code = languageCode(value);
      return code ? { ok: true, value: code } : fail('language', value);
    }
    case 'country': {
      const code = countryCode(value);
      return code ? { ok: true, value: code } : fail('country', value);
    }
    case 'boolean': {
      const lower = value.toLowerCase();
      if (TRUE.has(lower)) return { ok: true, value: true };
      if (FALSE.has(lower)) return { ok: true, value: false };
      return fail('yesNo', value);
    }
    case 'integer': {
      const number = Number(value);
      return /^[+-]?\d+$/.test(value) && Number.isSafeInteger(number)
        ? { ok: true, value: number }
        : fail('number', value);
    }
    case 'choice': {
      const option = choiceOf(reader.options, value);
      return option ? { ok: true, value: option } : fail('choice', value);
    }
    case 'json': {
      try {
        return { ok: true, value: JSON.parse(value) as unknown };
      } catch {
        return fail('json', value);
      }
    }
    case 'list': {
      const items: unknown[] = [];
      for (const item of splitList(text)) {
        const read = readCell(reader.item, item, order);
        if (!read.ok) return read;
        // "Spanish, español" is one language; free-text items are kept as written.
        if (reader.item.type === 'text' || !items.includes(read.value)) items.push(read.value);
      }
      return { ok: true, value: items };
    }
  }
}

/** A stored value as the preview shows it. */
export function shown(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value))
    return value.every((v) => typeof v !== 'object') ? value.join(', ') : JSON.stringify(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
