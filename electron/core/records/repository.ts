import { AmparoError } from '../../../shared/errors';
import { SCHEMAS, type Kind, type RecordOf } from '../../../shared/model';
import type { ListQuery, ListResult } from '../../../shared/records/query';
import type { Database } from '../context';
import { appendAudit } from './audit';
import { stampFields } from './causal';
import { SPECS } from './specs';
import { clearPersonIndex, derivedColumns, indexPerson, searchClause, searchPage } from './people-index';
import type { Writer } from './writer';
import { stmt } from './statements';
import { newId } from './ids';
import { encodeUniform } from './clocks';

// One generic repository over the per-kind tables: create, partial update, soft delete, get and list.
// All SQL is built from the fixed column maps in specs.ts; every value is a bound parameter.

type Data = Record<string, unknown>;

interface Row {
  rowid: number;
  id: string;
  data: string;
  field_clocks: string;
  field_ctx: string;
  created_at: string;
  updated_at: string;
}

export { newId } from './ids';

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
  const row = stmt(db, `SELECT rowid, * FROM ${SPECS[kind].table} WHERE id = ? AND deleted_at IS NULL`).get(
    id,
  ) as Row | undefined;
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
  const parsed = SCHEMAS[kind].create.safeParse(input);
  if (!parsed.success) throw invalid(kind, parsed.error.issues);
  const data = parsed.data as Data;
  const { db } = w.session;
  const id = options.id ?? newId();
  const now = w.now();
  // One stamp per write: every field set by this change carries the same clock.
  const clock = w.hlc.tick();
  const extra = derivedColumns(kind, data);
  const columns = ['id', 'data', 'field_clocks', 'clock', 'created_at', 'updated_at', ...Object.keys(extra)];
  const { lastInsertRowid } = stmt(
    db,
    `INSERT INTO ${SPECS[kind].table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  ).run(
    id,
    JSON.stringify(data),
    encodeUniform(Object.keys(data), clock),
    clock,
    now,
    now,
    ...Object.values(extra),
  );
  if (kind === 'person') indexPerson(db, Number(lastInsertRowid), data, { fresh: true });
  appendAudit(
    db,
    {
      at: now,
      officeId: w.session.office.id,
      operator: w.operator,
      action: 'create',
      kind,
      recordId: id,
      fields: Object.keys(data).sort(),
    },
    w.audit,
  );
  return { ...data, id, createdAt: now, updatedAt: now } as RecordOf<K>;
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
  const extra = derivedColumns(kind, after);
  const sets = [
    'data = ?',
    'field_clocks = ?',
    'field_ctx = ?',
    'clock = ?',
    'updated_at = ?',
    ...Object.keys(extra).map((c) => `${c} = ?`),
  ];
  stmt(db, `UPDATE ${SPECS[kind].table} SET ${sets.join(', ')} WHERE id = ?`).run(
    JSON.stringify(after),
    stamped.clocks,
    stamped.contexts,
    clock,
    now,
    ...Object.values(extra),
    id,
  );
  if (kind === 'person') indexPerson(db, row.rowid, after, { fresh: false });
  appendAudit(
    db,
    {
      at: now,
      officeId: w.session.office.id,
      operator: w.operator,
      action: 'update',
      kind,
      recordId: id,
      fields: changed,
    },
    w.audit,
  );
  return getRecord(db, kind, id);
}

/** Soft delete: the row stays as a tombstone for sync, but is gone from get, list and search. */
export function deleteRecord(w: Writer, kind: Kind, id: string): { id: string; deleted: true } {
  const { db } = w.session;
  const row = loadRow(db, kind, id);
  const now = w.now();
  stmt(db, `UPDATE ${SPECS[kind].table} SET deleted_at = ?, clock = ?, updated_at = ? WHERE id = ?`).run(
    now,
    w.hlc.tick(),
    now,
    id,
  );
  if (kind === 'person') clearPersonIndex(db, row.rowid);
  appendAudit(
    db,
    {
      at: now,
      officeId: w.session.office.id,
      operator: w.operator,
      action: 'delete',
      kind,
      recordId: id,
      fields: [],
    },
    w.audit,
  );
  return { id, deleted: true };
}

export function listRecords<K extends Kind>(
  db: Database,
  kind: K,
  query: ListQuery,
): ListResult<RecordOf<K>> {
  const spec = SPECS[kind];
  // A plain search (no filters) is ranked by relevance inside the search index; see searchPage.
  if (kind === 'person' && query.search && Object.keys(query.filters ?? {}).length === 0) {
    const found = searchPage(db, query.search, query.limit ?? 100, query.offset ?? 0);
    if (found) return { rows: fetchByRowid<K>(db, spec.table, found.rowids), total: found.total };
  }
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
    stmt(db, `SELECT count(*) AS n FROM ${spec.table} WHERE ${whereSql}`).get(...params) as { n: number }
  ).n;
  // Two steps: find the page's rowids through an index (rowid is the last key of every index, so it is
  // the tie-breaker that keeps the walk sort-free), then read just those rows.
  const order = [...sort.split(', ').map((part) => `${part} ${dir}`), `rowid ${dir}`].join(', ');
  const page = stmt(
    db,
    `SELECT rowid AS r FROM ${spec.table} WHERE ${whereSql} ORDER BY ${order} LIMIT ? OFFSET ?`,
  ).all(...params, query.limit ?? 100, query.offset ?? 0) as { r: number }[];
  return {
    rows: fetchByRowid<K>(
      db,
      spec.table,
      page.map((p) => p.r),
    ),
    total,
  };
}

/** Reads the given rows in the given order (one statement, rowids bound as a JSON array). */
function fetchByRowid<K extends Kind>(db: Database, table: string, rowids: number[]): RecordOf<K>[] {
  if (rowids.length === 0) return [];
  const rows = stmt(db, `SELECT rowid, * FROM ${table} WHERE rowid IN (SELECT value FROM json_each(?))`).all(
    JSON.stringify(rowids),
  ) as Row[];
  const byRowid = new Map(rows.map((row) => [row.rowid, row]));
  return rowids.flatMap((rowid) => {
    const row = byRowid.get(rowid);
    return row ? [toRecord<K>(row)] : [];
  });
}
