import Papa from 'papaparse';
import type { z } from 'zod';
import { AmparoError } from '../../../shared/errors';
import { SCHEMAS, type Kind } from '../../../shared/model';
import type { CsvKind } from '../../../shared/channels/records';
import type { FieldIssue } from '../../../shared/errors';
import { checkRecord } from './repository';
import { readSheet } from './csv-sheet';
import { runSteps, type JobSteps } from '../kernel/jobs';

// CSV import and export for people, volunteers and attorneys. Import maps columns to fields (a header
// equal to a field name maps itself), converts text to each field's type from the zod schema, validates
// every row, and reports bad rows by row, field and message. Nothing is written in a dry run.

export const MAX_CSV_BYTES = 20 * 1024 * 1024;
const LIST_SEPARATOR = /\s*[;|]\s*/;
// A spreadsheet reads a cell starting with one of = + - @ tab CR as a formula, even when a line break comes
// later in the cell (papaparse's own guard misses those). Export puts a ' before such cells, and before cells
// that already start with 's and then one of those, so that import can remove exactly one ' and give back
// the value that was exported (a Signal handle like @rosa.77, a phone like +1 555, a note starting with -).
const FORMULA_LIKE = /^'*[=+\-@\t\r]/;
const ESCAPED_FORMULA = /^'+[=+\-@\t\r]/;

/** Undoes the export's formula escape: '=1 is read as =1, ''=1 as '=1. */
function unescapeFormula(cell: string): string {
  return ESCAPED_FORMULA.test(cell) ? cell.slice(1) : cell;
}

type FieldType = 'string' | 'array' | 'boolean' | 'number' | 'object';

function fieldType(schema: z.ZodType): FieldType {
  let current = schema as unknown as { _zod: { def: { type: string; innerType?: unknown; in?: unknown } } };
  // Unwrap optional / nullable / default / pipe (transforms) to the underlying type.
  for (let i = 0; i < 10; i++) {
    const def = current._zod.def;
    if (def.innerType) current = def.innerType as typeof current;
    else if (def.type === 'pipe' && def.in) current = def.in as typeof current;
    else break;
  }
  const type = current._zod.def.type;
  if (type === 'array' || type === 'boolean' || type === 'number' || type === 'object') return type;
  return 'string';
}

export function csvFields(kind: CsvKind): Record<string, FieldType> {
  const shape = SCHEMAS[kind].fields.shape as Record<string, z.ZodType>;
  return Object.fromEntries(Object.entries(shape).map(([name, schema]) => [name, fieldType(schema)]));
}

export interface CsvRowError extends FieldIssue {
  row: number;
}

/** What one write of CSV rows needs: the rows' fields, and where to report a row that fails validation. */
export type CsvWrite = (
  rows: Record<string, unknown>[],
  onInvalid: (index: number, issues: FieldIssue[]) => void,
) => void;

export interface CsvReport {
  /** Rows that passed validation (and were written, unless this was a dry run). */
  valid: number;
  /** Sorted by row; a row may have several. Row 1 is the header line (a format error there). */
  errors: CsvRowError[];
  /** Data rows left out because of an error. */
  skipped: number;
  columns: string[];
}

const TRUE = new Set(['true', 'yes', 'y', 'si', 'sí', '1', 'x']);
const FALSE = new Set(['false', 'no', 'n', '0', '']);

function convert(type: FieldType, text: string): unknown {
  const value = text.trim();
  switch (type) {
    case 'array':
      return value.split(LIST_SEPARATOR).filter(Boolean);
    case 'boolean': {
      const lower = value.toLowerCase();
      if (TRUE.has(lower)) return true;
      if (FALSE.has(lower)) return false;
      return value;
    }
    case 'number':
      return value === '' ? undefined : Number(value);
    case 'object':
      throw new Error('not representable in CSV');
    default:
      return value;
  }
}

/**
 * Parses, maps and converts the CSV, then validates every row once: through `write` (the repository's own
 * validation, as it creates the records), or with `checkRecord` in a dry run, when `write` is null. `mapping`
 * is column -> field; unmapped columns whose header is a field map themselves. Rows with a format or
 * conversion error are reported, with their validation issues, and never written.
 */
export function importCsv(
  kind: CsvKind,
  text: string,
  mapping: Record<string, string>,
  write: CsvWrite | null,
): CsvReport {
  return runSteps(importCsvSteps(kind, text, mapping, write));
}

/**
 * importCsv as job steps: the file is parsed first, then its rows are converted and written a chunk at a
 * time (`write` is called once per chunk), with a yield after each chunk. Straight through, all rows are
 * one chunk.
 */
export function* importCsvSteps(
  kind: CsvKind,
  text: string,
  mapping: Record<string, string>,
  write: CsvWrite | null,
): JobSteps<CsvReport> {
  if (text.length > MAX_CSV_BYTES)
    throw new AmparoError('INVALID_INPUT', 'The CSV file is larger than 20 MB.');
  const sheet = readSheet(text);
  const fields = csvFields(kind);
  for (const [column, field] of Object.entries(mapping)) {
    if (!(field in fields))
      throw new AmparoError('INVALID_INPUT', `Unknown field ${field} for ${kind}.`, [
        { path: column, message: 'Unknown field' },
      ]);
  }
  // Each column's field and type, worked out once for the whole file; unmapped columns are left out.
  const mapped = sheet.columns.flatMap((column, index) => {
    const field = mapping[column] ?? (column in fields ? column : undefined);
    return field ? [{ index, field, type: fields[field] ?? ('string' as const) }] : [];
  });
  const errors: CsvRowError[] = sheet.errors.map((e) => ({ row: e.row, path: '', message: e.message }));
  const report = (row: number, issues: FieldIssue[]) => {
    for (const issue of issues) errors.push({ row, path: issue.path || '(row)', message: issue.message });
  };
  const total = sheet.rows.length;
  let valid = 0;
  let size = (yield { done: 0, total }) ?? Math.max(1, total);
  for (let from = 0; from < total;) {
    const to = Math.min(total, from + size);
    const clean: { row: number; data: Record<string, unknown> }[] = [];
    for (const { row, cells } of sheet.rows.slice(from, to)) {
      const data: Record<string, unknown> = {};
      let convertible = true;
      for (const { index, field, type } of mapped) {
        const cell = cells[index];
        if (cell === undefined || cell.trim() === '') continue;
        const text = unescapeFormula(cell);
        try {
          const value = convert(type, text);
          if (value !== undefined) data[field] = value;
        } catch {
          convertible = false;
          errors.push({ row, path: field, message: 'This field cannot be imported from CSV' });
        }
      }
      if (convertible) clean.push({ row, data });
      else report(row, checkRecord(kind, data));
    }
    let invalidRows = 0;
    if (write) {
      write(
        clean.map((c) => c.data),
        (index, issues) => {
          invalidRows++;
          report((clean[index] as { row: number }).row, issues);
        },
      );
    } else {
      for (const { row, data } of clean) {
        const issues = checkRecord(kind, data);
        if (issues.length > 0) invalidRows++;
        report(row, issues);
      }
    }
    valid += clean.length - invalidRows;
    from = to;
    size = (yield { done: to, total }) ?? size;
  }
  // Stable: a row's conversion errors stay ahead of its validation issues.
  errors.sort((a, b) => a.row - b.row);
  const skipped = new Set(errors.filter((e) => e.row > 1).map((e) => e.row)).size;
  return { valid, errors, skipped, columns: sheet.columns };
}

/** CSV text for records (arrays joined with ";"; nested objects as JSON). Formula-like cells are escaped. */
export function toCsv(kind: Kind, records: Record<string, unknown>[]): string {
  const shape = SCHEMAS[kind].fields.shape as Record<string, unknown>;
  const columns = ['id', ...Object.keys(shape), 'createdAt', 'updatedAt'];
  const rows = records.map((record) =>
    columns.map((column) => {
      const value = record[column];
      if (value === undefined || value === null) return '';
      if (Array.isArray(value))
        return value.every((v) => typeof v !== 'object') ? value.join('; ') : JSON.stringify(value);
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
    }),
  );
  // Stops spreadsheet apps from running cells such as =HYPERLINK(...) from a malicious record.
  return Papa.unparse({ fields: columns, data: rows }, { escapeFormulae: FORMULA_LIKE });
}
