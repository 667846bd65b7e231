import type { Kind } from '../../../shared/model';
import type { Database } from '../kernel/context';
import { appendAudit, type AuditAction, type AuditTip } from './audit';
import { writeDeletion, type Deletion } from './deletion';
import { normalizeInstants } from './instants';
import { SPECS } from './specs';
import { stmt } from './statements';
import { writeTombstone } from './tombstones';

// The one writer of record rows. Local edits (repository.ts), bulk creation, sync's merge, conflict
// resolution and retention all go through here, so a row, its kind's derived columns, its search entry and
// its audit entry can only ever change together. Callers decide *what* a row becomes (values, per-field
// stamps and contexts); this module decides *how* that is stored. Every value is a bound parameter; table and
// column names come from the fixed specs.

type Data = Record<string, unknown>;

/** Who wrote, when: the audit entry every row write appends. */
export interface WriteAudit {
  at: string;
  /** The office the change came from (this office for local edits, the sender for imports). */
  officeId: string;
  operator: string;
  tip: AuditTip;
}

/** A record row as `SELECT rowid, *` reads it, its kind's derived columns aside. */
export interface StoredRow {
  rowid: number;
  id: string;
  data: string;
  field_clocks: string;
  field_ctx: string;
  clock: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  deletion: string | null;
}

/** A row as stored: values plus the per-field stamps (clocks.ts) and causal contexts (causal.ts). */
export interface RowImage {
  data: Data;
  /** Encoded per-field stamps (clocks.ts). */
  fieldClocks: string;
  /** Encoded per-field causal contexts (causal.ts); '{}' when none. */
  fieldContexts: string;
  /** The row's local stamp, which "since the last bundle" exports compare against. */
  clock: string;
  updatedAt: string;
  /** When the record became deleted here (Recently deleted), else null: hidden from every read. */
  deletedAt: string | null;
  /** The record's deletion as synced (deletion.ts), or null if it was never deleted. */
  deletion: Deletion | null;
}

export interface NewRow extends RowImage {
  id: string;
  createdAt: string;
}

const BASE_COLUMNS = [
  'id',
  'data',
  'field_clocks',
  'field_ctx',
  'clock',
  'created_at',
  'updated_at',
  'deleted_at',
  'deletion',
] as const;
function derived(kind: Kind, data: Data): Record<string, string | null> {
  return SPECS[kind].derived?.(data) ?? {};
}

function audit(
  db: Database,
  kind: Kind,
  id: string,
  action: AuditAction,
  fields: readonly string[],
  by: WriteAudit,
): void {
  appendAudit(
    db,
    { at: by.at, officeId: by.officeId, operator: by.operator, action, kind, recordId: id, fields },
    by.tip,
  );
}

function index(db: Database, kind: Kind, rowid: number, row: RowImage, fresh: boolean): void {
  const search = SPECS[kind].search;
  if (!search) return;
  if (!fresh) stmt(db, `DELETE FROM ${search.table} WHERE rowid = ?`).run(rowid);
  if (row.deletedAt === null) {
    stmt(db, `INSERT INTO ${search.table} (rowid, text) VALUES (?, ?)`).run(rowid, search.text(row.data));
  }
}

/** Whether a rewrite leaves the row's search entry as it is: live before and after, with the same text. */
function sameSearchEntry(
  kind: Kind,
  before: { data: string; deleted_at: unknown },
  row: RowImage,
  json: string,
): boolean {
  const search = SPECS[kind].search;
  if (!search || before.deleted_at !== null || row.deletedAt !== null) return false;
  return before.data === json || search.text(JSON.parse(before.data) as Data) === search.text(row.data);
}

/**
 * Inserts new rows of one kind, in passes (rows, then search entries, then audit entries): a pass keeps one
 * B-tree's pages hot instead of cycling through every index per row, which is what makes bulk imports fast.
 * `action` is what the audit records ('create' locally, 'import' from a bundle); `fields` per row.
 */
export function insertRows<R extends NewRow>(
  db: Database,
  kind: Kind,
  rows: readonly R[],
  action: AuditAction,
  fieldsOf: (row: R) => readonly string[],
  by: WriteAudit,
): number[] {
  let insert: ReturnType<typeof stmt> | undefined;
  const rowids = rows.map((row) => {
    const data = normalizeInstants(kind, row.data);
    const extra = derived(kind, data);
    if (!insert) {
      const columns = [...BASE_COLUMNS, ...Object.keys(extra)];
      insert = stmt(
        db,
        `INSERT INTO ${SPECS[kind].table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      );
    }
    const { lastInsertRowid } = insert.run(
      row.id,
      JSON.stringify(data),
      row.fieldClocks,
      row.fieldContexts,
      row.clock,
      row.createdAt,
      row.updatedAt,
      row.deletedAt,
      writeDeletion(row.deletion),
      ...Object.values(extra),
    );
    return Number(lastInsertRowid);
  });
  rows.forEach((row, i) => index(db, kind, rowids[i] as number, row, true));
  for (const row of rows) audit(db, kind, row.id, action, fieldsOf(row), by);
  return rowids;
}

/**
 * Rewrites an existing row. `fields` are the fields whose values changed, for the audit; null writes no
 * audit entry (a restamp that changed only stamps or contexts, which converge silently).
 */
export function updateRow(
  db: Database,
  kind: Kind,
  target: { rowid: number; id: string },
  row: RowImage,
  audited: { action: AuditAction; fields: string[] } | null,
  by: WriteAudit,
): void {
  const data = normalizeInstants(kind, row.data);
  const json = JSON.stringify(data);
  const next: Record<string, unknown> = {
    data: json,
    field_clocks: row.fieldClocks,
    field_ctx: row.fieldContexts,
    clock: row.clock,
    updated_at: row.updatedAt,
    deleted_at: row.deletedAt,
    deletion: writeDeletion(row.deletion),
    ...derived(kind, data),
  };
  const columns = Object.keys(next);
  const table = SPECS[kind].table;
  const before = stmt(db, `SELECT ${columns.join(', ')} FROM ${table} WHERE rowid = ?`).get(target.rowid) as
    (Record<string, unknown> & { data: string; deleted_at: unknown }) | undefined;
  if (!before) throw new Error(`No ${kind} row ${target.rowid} to update.`);
  // Only the columns whose value changed are SET: SQLite rewrites an index entry when the UPDATE names a
  // column of the index or of its WHERE clause, whatever the value, so a restamp (or an edit of one field)
  // no longer rewrites every index on the table.
  const changed = columns.filter((column) => before[column] !== next[column]);
  if (changed.length > 0)
    stmt(db, `UPDATE ${table} SET ${changed.map((c) => `${c} = ?`).join(', ')} WHERE rowid = ?`).run(
      ...changed.map((column) => next[column]),
      target.rowid,
    );
  if (!sameSearchEntry(kind, before, { ...row, data }, json))
    index(db, kind, target.rowid, { ...row, data }, false);
  if (audited) audit(db, kind, target.id, audited.action, audited.fields, by);
}

/**
 * Erases a deleted record: the row, its search entry and any kept conflict values go, and only a tombstone
 * (id, kind, deletion) stays so that no bundle brings the record back. The audit keeps the event, never
 * values. secure_delete overwrites the freed bytes; the caller checkpoints the WAL.
 */
export function eraseRow(
  db: Database,
  kind: Kind,
  target: { rowid: number; id: string },
  deletion: Deletion,
  by: WriteAudit,
): void {
  const search = SPECS[kind].search;
  if (search) stmt(db, `DELETE FROM ${search.table} WHERE rowid = ?`).run(target.rowid);
  stmt(db, `DELETE FROM ${SPECS[kind].table} WHERE rowid = ?`).run(target.rowid);
  stmt(db, 'DELETE FROM sync_conflicts WHERE kind = ? AND record_id = ?').run(kind, target.id);
  writeTombstone(db, kind, target.id, deletion);
  audit(db, kind, target.id, 'erase', [], by);
}

/**
 * Removes a row for good and keeps a purge marker, so a later bundle can't bring it back. Kept conflict
 * values are personal data too, so they go with it. `fields` are the fields the row held, for the audit
 * (names only, never values). Returns whether a row was there.
 */
export function purgeRow(db: Database, kind: Kind, id: string, stamp: string, by: WriteAudit): boolean {
  const table = SPECS[kind].table;
  const row = stmt(db, `SELECT rowid, data FROM ${table} WHERE id = ?`).get(id) as
    { rowid: number; data: string } | undefined;
  if (row) {
    const search = SPECS[kind].search;
    if (search) stmt(db, `DELETE FROM ${search.table} WHERE rowid = ?`).run(row.rowid);
    stmt(db, `DELETE FROM ${table} WHERE rowid = ?`).run(row.rowid);
  }
  stmt(db, 'DELETE FROM sync_conflicts WHERE kind = ? AND record_id = ?').run(kind, id);
  stmt(
    db,
    'INSERT INTO purged (kind, id, clock) VALUES (?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET clock = max(clock, excluded.clock)',
  ).run(kind, id, stamp);
  if (row) audit(db, kind, id, 'purge', Object.keys(JSON.parse(row.data) as Data).sort(), by);
  return row !== undefined;
}

/**
 * Rewrites a live row's causal contexts alone (entries the stable floor made redundant dropped): values and
 * stamps stay, so no index, search entry or audit entry changes, and the row is not sent again.
 */
export function rewriteContexts(db: Database, kind: Kind, rowid: number, fieldContexts: string): void {
  stmt(db, `UPDATE ${SPECS[kind].table} SET field_ctx = ? WHERE rowid = ?`).run(fieldContexts, rowid);
}

/** After erasing, fold the WAL back into the database so the erased pages leave the log file too. */
export function foldWal(db: Database): void {
  if (!db.inTransaction) db.pragma('wal_checkpoint(TRUNCATE)');
}
