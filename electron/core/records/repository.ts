import { randomBytes } from 'node:crypto';
import { AmparoError } from '../../../shared/errors';
import { SCHEMAS, type Kind, type RecordOf } from '../../../shared/model';
import type { ListQuery, ListResult } from '../../../shared/records/query';
import type { Database } from '../context';
import { appendAudit } from './audit';
import { SPECS } from './specs';
import { clearPersonIndex, indexPerson, searchClause } from './people-index';
import type { Writer } from './writer';

// One generic repository over the per-kind tables: create, partial update, soft delete, get and list.
// All SQL is built from the fixed column maps in specs.ts; every value is a bound parameter.

type Data = Record<string, unknown>;

interface Row {
  rowid: number;
  id: string;
  data: string;
  field_clocks: string;
  created_at: string;
  updated_at: string;
}

export const newId = () => randomBytes(16).toString('hex');

function toRecord<K extends Kind>(row: Row): RecordOf<K> {
  return {
    ...(JSON.parse(row.data) as Data),
    id: row.id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  } as RecordOf<K>;
}

function invalid(kind: Kind, issues: { path: PropertyKey[]; message: string }[]): AmparoError {
  return new AmparoError(
    'INVALID_INPUT',
    `Some fields of this ${kind} are not valid.`,
    issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
  );
}

function loadRow(db: Database, kind: Kind, id: string): Row {
  const row = db
    .prepare(`SELECT rowid, * FROM ${SPECS[kind].table} WHERE id = ? AND deleted_at IS NULL`)
    .get(id) as Row | undefined;
  if (!row) throw new AmparoError('NOT_FOUND', `No ${kind} with that id.`);
  return row;
}

function reindex(db: Database, kind: Kind, rowid: number, data: Data): void {
  if (kind === 'person') indexPerson(db, rowid, data);
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
  const parsed = SCHEMAS[kind].create.safeParse(input);
  if (!parsed.success) throw invalid(kind, parsed.error.issues);
  const data = parsed.data as Data;
  const { db } = w.session;
  const id = options.id ?? newId();
  const now = w.now();
  const clocks: Record<string, string> = {};
  for (const field of Object.keys(data)) clocks[field] = w.hlc.tick();
  const clock = w.hlc.tick();
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO ${SPECS[kind].table} (id, data, field_clocks, clock, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
    )
    .run(id, JSON.stringify(data), JSON.stringify(clocks), clock, now, now);
  reindex(db, kind, Number(lastInsertRowid), data);
  appendAudit(db, {
    at: now,
    officeId: w.session.office.id,
    operator: w.operator,
    action: 'create',
    kind,
    recordId: id,
    fields: Object.keys(data).sort(),
  });
  return getRecord(db, kind, id);
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
  const clocks = JSON.parse(row.field_clocks) as Record<string, string>;
  for (const field of changed) clocks[field] = w.hlc.tick();
  const now = w.now();
  db.prepare(
    `UPDATE ${SPECS[kind].table} SET data = ?, field_clocks = ?, clock = ?, updated_at = ? WHERE id = ?`,
  ).run(JSON.stringify(after), JSON.stringify(clocks), w.hlc.tick(), now, id);
  reindex(db, kind, row.rowid, after);
  appendAudit(db, {
    at: now,
    officeId: w.session.office.id,
    operator: w.operator,
    action: 'update',
    kind,
    recordId: id,
    fields: changed,
  });
  return getRecord(db, kind, id);
}

/** Soft delete: the row stays as a tombstone for sync, but is gone from get, list and search. */
export function deleteRecord(w: Writer, kind: Kind, id: string): { id: string; deleted: true } {
  const { db } = w.session;
  const row = loadRow(db, kind, id);
  const now = w.now();
  db.prepare(`UPDATE ${SPECS[kind].table} SET deleted_at = ?, clock = ?, updated_at = ? WHERE id = ?`).run(
    now,
    w.hlc.tick(),
    now,
    id,
  );
  if (kind === 'person') clearPersonIndex(db, row.rowid);
  appendAudit(db, {
    at: now,
    officeId: w.session.office.id,
    operator: w.operator,
    action: 'delete',
    kind,
    recordId: id,
    fields: [],
  });
  return { id, deleted: true };
}

export function listRecords<K extends Kind>(
  db: Database,
  kind: K,
  query: ListQuery,
): ListResult<RecordOf<K>> {
  const spec = SPECS[kind];
  const where = ['deleted_at IS NULL'];
  const params: unknown[] = [];
  for (const [field, value] of Object.entries(query.filters ?? {})) {
    const column = spec.filter[field];
    if (!column)
      throw new AmparoError('INVALID_INPUT', `Cannot filter ${kind} by ${field}.`, [
        { path: `filters.${field}`, message: 'Not a filterable field' },
      ]);
    where.push(`${column} = ?`);
    params.push(value);
  }
  if (query.search) {
    if (kind !== 'person') throw new AmparoError('INVALID_INPUT', `Search is available for people only.`);
    const clause = searchClause(query.search);
    if (clause) {
      where.push(clause.sql);
      params.push(clause.param);
    }
  }
  const sortField = query.sort?.field ?? spec.defaultSort;
  const sort = spec.sort[sortField];
  if (!sort)
    throw new AmparoError('INVALID_INPUT', `Cannot sort ${kind} by ${sortField}.`, [
      { path: 'sort.field', message: 'Not a sortable field' },
    ]);
  const dir = query.sort?.direction === 'desc' ? 'DESC' : 'ASC';
  const whereSql = where.join(' AND ');
  const total = (
    db.prepare(`SELECT count(*) AS n FROM ${spec.table} WHERE ${whereSql}`).get(...params) as { n: number }
  ).n;
  const rows = db
    .prepare(
      `SELECT rowid, * FROM ${spec.table} WHERE ${whereSql} ORDER BY ${sort} ${dir}, id ${dir} LIMIT ? OFFSET ?`,
    )
    .all(...params, query.limit ?? 100, query.offset ?? 0) as Row[];
  return { rows: rows.map((row) => toRecord<K>(row)), total };
}
