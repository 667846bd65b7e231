import { AmparoError } from '../../../shared/errors';
import type { Kind, RecordOf } from '../../../shared/model';
import type { ListQuery, ListResult } from '../../../shared/records/query';
import type { Database } from '../kernel/context';
import { searchClause, searchPage } from './people-index';
import { toRecord } from './repository';
import type { StoredRow } from './rows';
import { SPECS } from './specs';
import { stmt } from './statements';

// Lists of live records: filters and sorts from the fixed column maps in specs.ts (every value a bound
// parameter), and people's search through the FTS5 index.

export function listRecords<K extends Kind>(
  db: Database,
  kind: K,
  query: ListQuery,
  now: Date = new Date(),
): ListResult<RecordOf<K>> {
  const spec = SPECS[kind];
  // A plain search (no filters) is ranked by relevance inside the search index; see searchPage.
  if (spec.search && query.search && Object.keys(query.filters ?? {}).length === 0) {
    const found = searchPage(db, spec.search.table, query.search, query.limit ?? 100, query.offset ?? 0);
    if (found) return { rows: fetchByRowid<K>(db, spec.table, found.rowids), total: found.total };
  }
  const where = ['deleted_at IS NULL'];
  const params: unknown[] = [];
  for (const [field, value] of Object.entries(query.filters ?? {})) {
    const range = spec.ranges?.[field];
    if (range) {
      const bound = rangeBound(range.op, value, now, field);
      where.push(
        range.op === 'withinHours'
          ? `unixepoch(${range.column}, 'subsec') >= unixepoch(?, 'subsec')`
          : `${range.column} ${range.op === 'from' ? '>=' : '<='} ?`,
      );
      params.push(bound);
      continue;
    }
    const column = spec.filter[field];
    if (!column)
      throw new AmparoError('INVALID_INPUT', `Cannot filter ${kind} by ${field}.`, [
        { path: `filters.${field}`, message: 'Not a filterable field' },
      ]);
    where.push(`${column} = ?`);
    params.push(value);
  }
  if (query.search) {
    if (!spec.search) throw new AmparoError('INVALID_INPUT', `Search is not available for ${kind}.`);
    const clause = searchClause(spec.search.table, query.search);
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

/** A range filter's bound, checked: hours back from now, or an ISO date. */
function rangeBound(op: 'withinHours' | 'from' | 'to', value: unknown, now: Date, field: string): string {
  const issue = (message: string) =>
    new AmparoError('INVALID_INPUT', `The ${field} filter is not valid.`, [
      { path: `filters.${field}`, message },
    ]);
  if (op === 'withinHours') {
    const hours = typeof value === 'number' ? value : Number(value);
    if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 366) throw issue('Give a number of hours');
    return new Date(now.getTime() - hours * 3_600_000).toISOString();
  }
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value))
    throw issue('Use the date format YYYY-MM-DD');
  return value;
}

/** Reads the given rows in the given order (one statement, rowids bound as a JSON array). */
function fetchByRowid<K extends Kind>(db: Database, table: string, rowids: number[]): RecordOf<K>[] {
  if (rowids.length === 0) return [];
  const rows = stmt(db, `SELECT rowid, * FROM ${table} WHERE rowid IN (SELECT value FROM json_each(?))`).all(
    JSON.stringify(rowids),
  ) as StoredRow[];
  const byRowid = new Map(rows.map((row) => [row.rowid, row]));
  return rowids.flatMap((rowid) => {
    const row = byRowid.get(rowid);
    return row ? [toRecord<K>(row)] : [];
  });
}
