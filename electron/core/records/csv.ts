import Papa from 'papaparse';
import type { z } from 'zod';
import { AmparoError } from '../../../shared/errors';
import { SCHEMAS, type Kind } from '../../../shared/model';
import type { FieldIssue } from '../../../shared/errors';

// CSV import and export for people, volunteers and attorneys. Import maps columns to fields (a header
// equal to a field name maps itself), converts text to each field's type from the zod schema, validates
// every row, and reports bad rows by row, field and message. Nothing is written in a dry run.

export const CSV_KINDS = ['person', 'volunteer', 'attorney'] as const;
export type CsvKind = (typeof CSV_KINDS)[number];
export const MAX_CSV_BYTES = 20 * 1024 * 1024;
const LIST_SEPARATOR = /\s*[;|]\s*/;

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

export interface CsvPlan {
  valid: { row: number; data: Record<string, unknown> }[];
  errors: CsvRowError[];
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

/** Parses and validates; `mapping` is column -> field (unmapped columns whose header is a field map themselves). */
export function planCsvImport(kind: CsvKind, text: string, mapping: Record<string, string> = {}): CsvPlan {
  if (text.length > MAX_CSV_BYTES)
    throw new AmparoError('INVALID_INPUT', 'The CSV file is larger than 20 MB.');
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
  });
  const fields = csvFields(kind);
  const columns = parsed.meta.fields ?? [];
  const target = (column: string) => mapping[column] ?? (column in fields ? column : undefined);
  for (const [column, field] of Object.entries(mapping)) {
    if (!(field in fields))
      throw new AmparoError('INVALID_INPUT', `Unknown field ${field} for ${kind}.`, [
        { path: column, message: 'Unknown field' },
      ]);
  }
  const plan: CsvPlan = { valid: [], errors: [], columns };
  for (const error of parsed.errors) {
    if (error.row !== undefined)
      plan.errors.push({ row: error.row + 2, path: '', message: `CSV format: ${error.message}` });
  }
  const badRows = new Set(plan.errors.map((e) => e.row));
  parsed.data.forEach((raw, index) => {
    const row = index + 2; // 1-based, after the header line, as a spreadsheet shows it
    if (badRows.has(row)) return;
    const data: Record<string, unknown> = {};
    const rowErrors: CsvRowError[] = [];
    for (const [column, text] of Object.entries(raw)) {
      const field = target(column);
      if (!field || text === undefined || text.trim() === '') continue;
      const type = fields[field] ?? 'string';
      try {
        const value = convert(type, text);
        if (value !== undefined) data[field] = value;
      } catch {
        rowErrors.push({ row, path: field, message: 'This field cannot be imported from CSV' });
      }
    }
    const result = SCHEMAS[kind].create.safeParse(data);
    if (!result.success) {
      for (const issue of result.error.issues)
        rowErrors.push({ row, path: issue.path.map(String).join('.') || '(row)', message: issue.message });
    }
    if (rowErrors.length > 0) plan.errors.push(...rowErrors);
    else plan.valid.push({ row, data });
  });
  return plan;
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
  // escapeFormulae stops spreadsheet apps from executing cells such as =HYPERLINK(...) from a malicious record.
  return Papa.unparse({ fields: columns, data: rows }, { escapeFormulae: true });
}
