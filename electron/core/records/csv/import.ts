import { SCHEMAS } from '../../../../shared/model';
import { AmparoError } from '../../../../shared/errors';
import type {
  CsvDuplicate,
  CsvPreviewRow,
  CsvProblem,
  DateOrder,
  DuplicateChoice,
} from '../../../../shared/records/csv';
import type { z } from 'zod';
import { runSteps, type JobSteps } from '../../kernel/jobs';
import { inferOrder } from './dates';
import { type DuplicateFinder, RowKeys } from './duplicates';
import { unescapeFormula } from './export';
import { readerFor, type CsvKind, type Reader } from './fields';
import { autoMapping, csvTargets, GATHERING } from './mapping';
import { splitFullName } from './names';
import { problemsOf } from './problems';
import { readSheet } from './sheet';
import { readCell, shown, type Read } from './values';

// CSV import: columns are mapped to fields (automatically, from a remembered mapping, or as given), every
// cell is read as people write it (values.ts), each row is validated once, and every problem of every row
// is reported with its column. Person rows that match someone already in the vault, or an earlier row, by
// A-number or by name and date of birth, are skipped, imported anyway or merged, as chosen. Nothing is
// written in a dry run, and a dry run reports exactly what the import would do.

export { CSV_KINDS, type CsvKind } from './fields';
export const MAX_CSV_BYTES = 20 * 1024 * 1024;
const PREVIEW_ROWS = 200;
const NO_FACILITY = new Set([
  'unknown',
  'desconocido',
  'desconocida',
  'n/a',
  'na',
  'none',
  'ninguno',
  '?',
  '-',
]);

export interface CsvOptions {
  /** Column -> target ('' leaves it out); columns not named here keep the automatic or remembered target. */
  mapping?: Record<string, string>;
  /** The mapping last used for a file with these headers, when there is one. */
  remembered?: Record<string, string> | null;
  /** The order for date columns that can't tell (the CLI's --date-order), and per column. */
  dateOrder?: DateOrder;
  dateOrders?: Record<string, DateOrder>;
  /** Corrected full-name splits, by row number. */
  names?: Record<string, { givenName: string; familyName: string }>;
  /** What to do with a duplicate row, by row number; else `duplicateDefault`, else skip. */
  duplicates?: Record<string, DuplicateChoice>;
  duplicateDefault?: DuplicateChoice;
}

/** What the import needs from the vault: facility names, people who may be duplicates, a merge. */
export interface CsvVault {
  facilityId(name: string): string | null;
  findDuplicates: DuplicateFinder | null;
  merge(id: string, data: Record<string, unknown>): void;
}

/** Writes valid rows; reports a row that fails validation by its index, with the validator's issues. */
export type CsvWrite = (
  rows: Record<string, unknown>[],
  onInvalid: (index: number, issues: readonly z.core.$ZodIssue[]) => void,
) => string[];

export interface CsvReport {
  valid: number;
  errors: CsvProblem[];
  skipped: number;
  columns: string[];
  mapping: Record<string, string>;
  mappingSource: 'automatic' | 'remembered' | 'given';
  targets: string[];
  dateColumns: { column: string; order: DateOrder | null; ambiguous: boolean }[];
  preview: CsvPreviewRow[];
  duplicates: CsvDuplicate[];
  merged: number;
}

const NO_VAULT: CsvVault = { facilityId: () => null, findDuplicates: null, merge: () => undefined };

export function importCsv(
  kind: CsvKind,
  text: string,
  options: CsvOptions,
  write: CsvWrite | null,
  vault: CsvVault = NO_VAULT,
): CsvReport {
  return runSteps(importCsvSteps(kind, text, options, write, vault));
}

function resolveMapping(kind: CsvKind, columns: string[], options: CsvOptions) {
  const targets = csvTargets(kind);
  const base = options.remembered ?? autoMapping(kind, columns);
  const given = options.mapping ?? {};
  for (const [column, target] of Object.entries(given)) {
    if (target !== '' && !targets.includes(target))
      throw new AmparoError('INVALID_INPUT', `Unknown field ${target} for ${kind}.`, [
        { path: column, message: 'Unknown field' },
      ]);
  }
  const mapping = Object.fromEntries(columns.map((c) => [c, given[c] ?? base[c] ?? '']));
  const source: CsvReport['mappingSource'] = Object.keys(given).some((c) => columns.includes(c))
    ? 'given'
    : options.remembered
      ? 'remembered'
      : 'automatic';
  return { mapping, source, targets };
}

interface Column {
  index: number;
  name: string;
  target: string;
  reader: Reader;
  order: DateOrder | null;
  /** Values read so far, by cell text; null for text, and for a column whose values seldom repeat. */
  cache: Map<string, Read> | null;
  hits: number;
  /** Several columns may add to this field (GATHERING). */
  gathers: boolean;
}

// Repeated values (languages, counties, choices, dates) are read once per column. A column that has met
// CACHE_TRIAL different values but fewer than CACHE_TRIAL repeats (phones, A-numbers, times of arrest) stops
// being cached: a lookup that mostly misses costs more than reading the value again.
const CACHE_TRIAL = 1000;
const CACHE_MAX = 5000;

const codesOf = (r: Reader): 'language' | 'country' | null =>
  r.type === 'language' || r.type === 'country' ? r.type : r.type === 'list' ? codesOf(r.item) : null;

const isDate = (r: Reader): boolean =>
  r.type === 'date' || r.type === 'dateTime' || (r.type === 'list' && isDate(r.item));

export function* importCsvSteps(
  kind: CsvKind,
  text: string,
  options: CsvOptions,
  write: CsvWrite | null,
  vault: CsvVault = NO_VAULT,
): JobSteps<CsvReport> {
  if (text.length > MAX_CSV_BYTES)
    throw new AmparoError('INVALID_INPUT', 'The CSV file is larger than 20 MB.');
  const sheet = readSheet(text);
  const { mapping, source, targets } = resolveMapping(kind, sheet.columns, options);
  const errors: CsvProblem[] = sheet.errors.map((e) => ({
    row: e.row,
    column: '',
    path: '',
    code: 'format',
    params: { detail: e.message },
    severity: 'error',
  }));
  // Each mapped column's reader, worked out once; a second column for a one-value field is left out.
  const columns: Column[] = [];
  const used = new Set<string>();
  sheet.columns.forEach((name, index) => {
    const target = mapping[name] ?? '';
    if (target === '') return;
    if (used.has(target) && !GATHERING.has(target)) {
      errors.push({
        row: 1,
        column: name,
        path: target,
        code: 'sameTarget',
        params: {},
        severity: 'warning',
      });
      mapping[name] = '';
      return;
    }
    used.add(target);
    const reader = readerFor(kind, target);
    const cache = reader.type === 'text' ? null : new Map<string, Read>();
    columns.push({
      index,
      name,
      target,
      reader,
      order: null,
      cache,
      hits: 0,
      gathers: GATHERING.has(target),
    });
  });
  const dateColumns: CsvReport['dateColumns'] = [];
  for (const column of columns.filter((c) => isDate(c.reader))) {
    const inferred = inferOrder(sheet.rows.map((r) => r.cells[column.index] ?? ''));
    column.order = options.dateOrders?.[column.name] ?? inferred.order ?? options.dateOrder ?? null;
    dateColumns.push({ column: column.name, order: column.order, ambiguous: inferred.ambiguous });
  }
  const columnOf = (field: string): string => {
    const direct = columns.find((c) => c.target === field);
    if (direct) return direct.name;
    const via: Record<string, string> = {
      givenName: 'fullName',
      familyName: 'fullName',
      facilityId: 'facilityName',
      contacts: 'contactName',
      trainings: 'trainingDate',
    };
    return columns.find((c) => c.target === via[field])?.name ?? '';
  };
  const keys = kind === 'person' ? new RowKeys(vault.findDuplicates) : null;
  const preview: CsvPreviewRow[] = [];
  const duplicates: CsvDuplicate[] = [];
  const total = sheet.rows.length;
  let valid = 0;
  let merged = 0;
  let size = (yield { done: 0, total }) ?? Math.max(1, total);
  for (let from = 0; from < total;) {
    const to = Math.min(total, from + size);
    const clean: { row: number; data: Record<string, unknown> }[] = [];
    for (const { row, cells } of sheet.rows.slice(from, to)) {
      const converted = convertRow(
        row,
        cells,
        columns,
        options,
        vault,
        errors,
        preview.length < PREVIEW_ROWS,
      );
      if (preview.length < PREVIEW_ROWS) preview.push(converted.preview);
      if (!converted.ok) continue;
      const { data } = converted;
      const match = keys?.check(row, data);
      if (match) {
        const choice = options.duplicates?.[String(row)] ?? options.duplicateDefault ?? 'skip';
        const effective = choice === 'merge' && !match.matchId ? 'skip' : choice;
        duplicates.push({ ...match, row, choice: effective });
        if (effective === 'skip') continue;
        if (effective === 'merge') {
          if (write) vault.merge(match.matchId as string, data);
          merged++;
          continue;
        }
      }
      clean.push({ row, data });
    }
    const invalid = new Set<number>();
    const report = (index: number, issues: readonly z.core.$ZodIssue[]) => {
      const item = clean[index] as (typeof clean)[number];
      invalid.add(index);
      errors.push(...problemsOf(item.row, issues, item.data, columnOf));
    };
    if (write) {
      const ids = write(
        clean.map((c) => c.data),
        report,
      );
      keys?.created(ids);
    } else
      clean.forEach(({ data }, i) => {
        const parsed = SCHEMAS[kind].create.safeParse(data);
        if (!parsed.success) report(i, parsed.error.issues);
      });
    valid += clean.length - invalid.size;
    from = to;
    size = (yield { done: to, total }) ?? size;
  }
  // Stable: a row's reading problems stay ahead of its validation problems.
  errors.sort((a, b) => a.row - b.row);
  const skipped = new Set(errors.filter((e) => e.row > 1 && e.severity === 'error').map((e) => e.row)).size;
  return {
    valid,
    errors,
    skipped,
    columns: sheet.columns,
    mapping,
    mappingSource: source,
    targets,
    dateColumns,
    preview,
    duplicates,
    merged,
  };
}

function convertRow(
  row: number,
  cells: string[],
  columns: Column[],
  options: CsvOptions,
  vault: CsvVault,
  errors: CsvProblem[],
  previewing: boolean,
): { ok: boolean; data: Record<string, unknown>; preview: CsvPreviewRow } {
  const data: Record<string, unknown> = {};
  const notes: [string, string][] = [];
  const contact: Record<string, unknown> = {};
  const preview: CsvPreviewRow = { row, cells: [] };
  let ok = true;
  for (const column of columns) {
    const cell = cells[column.index];
    if (cell === undefined || isBlank(cell)) continue;
    const raw = unescapeFormula(cell);
    const read = readOf(column, raw);
    if (!read.ok) {
      ok = false;
      errors.push({
        row,
        column: column.name,
        path: column.target,
        code: read.code,
        params: read.params,
        severity: 'error',
      });
      if (previewing) preview.cells.push({ column: column.name, raw, stored: '' });
      continue;
    }
    const value = read.value;
    switch (column.target) {
      case 'fullName': {
        const split = options.names?.[String(row)] ?? splitFullName(String(value));
        data.givenName = split.givenName;
        data.familyName = split.familyName;
        preview.name = split;
        break;
      }
      case 'facilityName': {
        const name = String(value).trim();
        const id = vault.facilityId(name);
        if (id) data.facilityId = id;
        else if (!NO_FACILITY.has(name.toLowerCase())) {
          notes.push([column.name, name]);
          errors.push({
            row,
            column: column.name,
            path: 'facilityId',
            code: 'facility',
            params: { value: name },
            severity: 'warning',
          });
        }
        break;
      }
      case 'contactName':
        contact.name = value;
        break;
      case 'contactRelationship':
        contact.relationship = value;
        break;
      case 'contactPhone':
        contact.phone = value;
        break;
      case 'trainingDate': {
        const kind =
          column.name
            .replace(/\b(date|fecha( de)?)\b/gi, '')
            .replace(/\s+/g, ' ')
            .trim() || column.name;
        data.trainings = [...((data.trainings as unknown[]) ?? []), { kind, completedOn: value }];
        break;
      }
      case 'notes':
        notes.push([column.name, String(value)]);
        break;
      default:
        if (column.gathers && Array.isArray(value) && Array.isArray(data[column.target]))
          data[column.target] = [...new Set([...(data[column.target] as unknown[]), ...value])];
        else data[column.target] = value;
    }
    if (previewing) {
      const codes = codesOf(column.reader);
      preview.cells.push({
        column: column.name,
        raw,
        stored: column.target === 'fullName' ? '' : shown(value),
        ...(codes ? { codes } : {}),
      });
    }
  }
  if (Object.keys(contact).length > 0) {
    if (contact.name === undefined) {
      ok = false;
      const column = columns.find((c) => c.target === 'contactName')?.name ?? '';
      errors.push({ row, column, path: 'contacts', code: 'required', params: {}, severity: 'error' });
    } else data.contacts = [contact];
  }
  // One notes column keeps its text as it is; several are labelled with their headers.
  if (notes.length > 0) {
    const notesColumns = columns.filter((c) => c.target === 'notes');
    if (notes.length === 1 && notesColumns.length === 1 && notes[0]?.[0] === notesColumns[0]?.name)
      data.notes = notes[0]?.[1];
    else data.notes = notes.map(([header, text]) => `${header}: ${text}`).join('\n');
  }
  return { ok, data, preview };
}

/** cell.trim() === '', answered at once for the usual cell that starts with a visible ASCII character. */
function isBlank(cell: string): boolean {
  const first = cell.charCodeAt(0);
  return !(first > 32 && first < 127) && cell.trim() === '';
}

function readOf(column: Column, raw: string): Read {
  const { cache } = column;
  if (!cache) return readCell(column.reader, raw, column.order);
  let read = cache.get(raw);
  if (read) {
    column.hits++;
    return read;
  }
  read = readCell(column.reader, raw, column.order);
  if (cache.size === CACHE_TRIAL && column.hits < CACHE_TRIAL) column.cache = null;
  else if (cache.size < CACHE_MAX) cache.set(raw, read);
  return read;
}
