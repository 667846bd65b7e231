import type { z } from 'zod';
import { AmparoError, type FieldIssue } from '../../../shared/errors';
import { SCHEMAS, type Kind, type RecordOf } from '../../../shared/model';
import type { Database } from '../kernel/context';
import { stampFields } from './causal';
import { encodeUniform } from './clocks';
import { readDeletion } from './deletion';
import { newId } from './ids';
import { insertRows, updateRow, type StoredRow } from './rows';
import { SPECS } from './specs';
import { stmt } from './statements';
import { writeAuditOf, type Writer } from './writer';

// One generic repository over the per-kind tables for local edits: create (one or many), partial update
// and get (deletes are in deletes.ts); lists are in list.ts. It decides what a row becomes (validation, stamps); rows.ts
// stores it.

type Data = Record<string, unknown>;

/** The columns a record is read from (`toRecord`). */
export type RecordRow = Pick<StoredRow, 'id' | 'data' | 'created_at' | 'updated_at'>;

export { newId } from './ids';

export function toRecord<K extends Kind>(row: RecordRow): RecordOf<K> {
  return {
    ...(JSON.parse(row.data) as Data),
    id: row.id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  } as RecordOf<K>;
}

const fieldIssues = (issues: { path: PropertyKey[]; message: string }[]): FieldIssue[] =>
  issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));

function invalid(kind: Kind, issues: { path: PropertyKey[]; message: string }[]): AmparoError {
  return new AmparoError('INVALID_INPUT', `Some fields of this ${kind} are not valid.`, fieldIssues(issues));
}

/** Validates a record's fields as creating it would, without writing anything (CSV dry runs). */
export function checkRecord(kind: Kind, input: unknown): FieldIssue[] {
  const parsed = SCHEMAS[kind].create.safeParse(input);
  return parsed.success ? [] : fieldIssues(parsed.error.issues);
}

function loadRow(db: Database, kind: Kind, id: string): StoredRow {
  const row = stmt(db, `SELECT rowid, * FROM ${SPECS[kind].table} WHERE id = ? AND deleted_at IS NULL`).get(
    id,
  ) as StoredRow | undefined;
  if (!row) throw new AmparoError('NOT_FOUND', `No ${kind} with that id.`);
  return row;
}

export function getRecord<K extends Kind>(db: Database, kind: K, id: string): RecordOf<K> {
  return toRecord<K>(loadRow(db, kind, id));
}

export function createRecord<K extends Kind>(
  w: Writer,
  kind: K,
  input: unknown,
  options: { id?: string } = {},
): RecordOf<K> {
  const [id] = createRecords(w, kind, [input], options.id ? { ids: [options.id] } : {});
  return getRecord(w.session.db, kind, id as string);
}

export interface BulkOptions {
  /** Ids for the new records, by input index (seeded facilities and demo data choose them); else random. */
  ids?: readonly string[];
  /** When given, an invalid input is reported here (by input index) and skipped, instead of failing the call. */
  onInvalid?: (index: number, issues: FieldIssue[], raw: readonly z.core.$ZodIssue[]) => void;
}

/**
 * Creates records of one kind in the caller's transaction: the same rows, stamps and audit entries as
 * creating them one by one, but every input is validated before anything is written, and each table is
 * written in its own pass (records, then search entries, then audit entries). Bulk imports and demo data
 * go through here: a pass keeps one B-tree's pages hot instead of cycling through twenty indexes per row.
 * Returns the ids of the records created, in input order (an input skipped as invalid has none).
 */
export function createRecords(
  w: Writer,
  kind: Kind,
  inputs: readonly unknown[],
  options: BulkOptions = {},
): string[] {
  const schema = SCHEMAS[kind].create;
  const valid: { data: Data; id: string }[] = [];
  inputs.forEach((input, i) => {
    const parsed = schema.safeParse(input);
    if (parsed.success) valid.push({ data: parsed.data as Data, id: options.ids?.[i] ?? newId() });
    else if (options.onInvalid) options.onInvalid(i, fieldIssues(parsed.error.issues), parsed.error.issues);
    else throw invalid(kind, parsed.error.issues);
  });
  const now = w.now();
  // One stamp per write: every field set by one record's creation carries the same clock.
  const clocks = w.hlc.tickMany(valid.length);
  const fieldsOf = sortedKeys();
  const rows = valid.map(({ data, id }, i) => {
    const clock = clocks[i] as string;
    const fields = fieldsOf(data);
    return {
      id,
      data,
      fields,
      fieldClocks: encodeUniform(fields, clock),
      fieldContexts: '{}',
      clock,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
      deletion: null,
    };
  });
  insertRows(w.session.db, kind, rows, 'create', (row) => row.fields, writeAuditOf(w, now));
  return rows.map((row) => row.id);
}

/**
 * The sorted field names of each record in turn. Records of one bulk write mostly have the same fields in the
 * same order, and then share one sorted list (read-only) instead of sorting their own.
 */
function sortedKeys(): (data: Data) => readonly string[] {
  let keys: string[] = [];
  let sorted: readonly string[] = [];
  return (data) => {
    const next = Object.keys(data);
    if (next.length !== keys.length || next.some((key, i) => key !== keys[i])) {
      keys = next;
      sorted = [...next].sort();
    }
    return sorted;
  };
}

export function updateRecord<K extends Kind>(w: Writer, kind: K, id: string, patch: Data): RecordOf<K> {
  const { db } = w.session;
  const row = loadRow(db, kind, id);
  const before = JSON.parse(row.data) as Data;
  const merged: Data = { ...before };
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) delete merged[field];
    else merged[field] = value;
  }
  const parsed = SCHEMAS[kind].create.safeParse(merged);
  if (!parsed.success) throw invalid(kind, parsed.error.issues);
  const after = parsed.data as Data;
  const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .sort();
  if (changed.length === 0) return toRecord<K>(row);
  const clock = w.hlc.tick();
  // Each changed field keeps what it had seen (its prior stamp and causal context) under the new stamp.
  const stamped = stampFields(row.field_clocks, row.field_ctx, changed, clock);
  const now = w.now();
  updateRow(
    db,
    kind,
    row,
    {
      data: after,
      fieldClocks: stamped.clocks,
      fieldContexts: stamped.contexts,
      clock,
      updatedAt: now,
      deletedAt: null,
      // A live row may carry a deletion (restored, or a delete this edit's record outlived); it stays.
      deletion: readDeletion(row.deletion),
    },
    { action: 'update', fields: changed },
    writeAuditOf(w, now),
  );
  return getRecord(db, kind, id);
}
