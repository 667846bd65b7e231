import { hash as digest } from 'node:crypto';
import type { Database } from '../kernel/context';
import { fieldListJson } from './clocks';
import { stmt } from './statements';

// The audit log is hash-chained with SHA-256: each entry's hash covers its content and the previous hash,
// so editing, deleting or reordering any entry breaks verification from that point on. It records which
// fields changed, never their values, so the log itself holds no personal data beyond record ids.

/** 'rollback': written at unlock when the vault turned out older than this computer last saw it. */
export type AuditAction =
  'create' | 'update' | 'delete' | 'restore' | 'erase' | 'purge' | 'import' | 'rollback';

export interface AuditEntry {
  seq: number;
  at: string;
  officeId: string;
  operator: string;
  action: AuditAction;
  kind: string;
  recordId: string;
  fields: string[];
}

const GENESIS = '0'.repeat(64);

// A value as JSON.stringify writes it inside an array (where undefined is null).
const item = (value: unknown): string => JSON.stringify(value) ?? 'null';

function entryHash(prev: string, entry: NewAuditEntry, fields: string): string {
  // The text of JSON.stringify([prev, at, officeId, operator, action, kind, recordId, fields]), with the
  // fields' JSON (`fields`) made once for the entry's row and its hash.
  const canonical = `[${item(prev)},${item(entry.at)},${item(entry.officeId)},${item(entry.operator)},${item(entry.action)},${item(entry.kind)},${item(entry.recordId)},${fields}]`;
  return digest('sha256', canonical, 'hex');
}

/** Per-transaction memory of the chain's tip, so bulk writes do not re-read it for every entry. */
export interface AuditTip {
  lastHash?: string;
}

/** An entry to append: its fields list is only read. */
export type NewAuditEntry = Omit<AuditEntry, 'seq' | 'fields'> & { fields: readonly string[] };

export function appendAudit(db: Database, entry: NewAuditEntry, tip: AuditTip = {}): void {
  const prev =
    tip.lastHash ??
    (stmt(db, 'SELECT hash FROM audit ORDER BY seq DESC LIMIT 1').get() as { hash: string } | undefined)
      ?.hash ??
    GENESIS;
  const fields = fieldListJson(entry.fields);
  const hash = entryHash(prev, entry, fields);
  stmt(
    db,
    'INSERT INTO audit (at, office_id, operator, action, kind, record_id, fields, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(
    entry.at,
    entry.officeId,
    entry.operator,
    entry.action,
    entry.kind,
    entry.recordId,
    fields,
    prev,
    hash,
  );
  tip.lastHash = hash;
}

interface AuditRow {
  seq: number;
  at: string;
  office_id: string;
  operator: string;
  action: AuditAction;
  kind: string;
  record_id: string;
  fields: string;
  prev_hash: string;
  hash: string;
}

const toEntry = (row: AuditRow): AuditEntry => ({
  seq: row.seq,
  at: row.at,
  officeId: row.office_id,
  operator: row.operator,
  action: row.action,
  kind: row.kind,
  recordId: row.record_id,
  fields: JSON.parse(row.fields) as string[],
});

export function recordHistory(db: Database, kind: string, recordId: string): AuditEntry[] {
  const rows = stmt(db, 'SELECT * FROM audit WHERE kind = ? AND record_id = ? ORDER BY seq').all(
    kind,
    recordId,
  ) as AuditRow[];
  return rows.map(toEntry);
}

/** What a 'rollback' entry records: the chain length this computer had seen, and the one it found. */
export interface RollbackRecord {
  expectedEntries: number;
  foundEntries: number;
}

/** The `fields` of a 'rollback' entry: counts only, so the log still holds no record data. */
export function rollbackFields(rollback: RollbackRecord): string[] {
  return [`expectedEntries=${rollback.expectedEntries}`, `foundEntries=${rollback.foundEntries}`];
}

function parseRollback(fields: string[]): RollbackRecord | null {
  const value = (name: string) => {
    const field = fields.find((f) => f.startsWith(`${name}=`));
    const parsed = field === undefined ? NaN : Number(field.slice(name.length + 1));
    return Number.isSafeInteger(parsed) ? parsed : null;
  };
  const expectedEntries = value('expectedEntries');
  const foundEntries = value('foundEntries');
  return expectedEntries === null || foundEntries === null ? null : { expectedEntries, foundEntries };
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  brokenAt: number | null;
  /** The newest rollback recorded in the chain (absent when there is none). */
  rollback?: RollbackRecord & { detectedAt: string };
}

/**
 * Walks the whole chain. `brokenAt` is the first entry whose link or hash does not verify. A chain can be
 * whole and still be an older copy of the vault; unlock records that as a 'rollback' entry, reported here.
 */
export function verifyAudit(db: Database): AuditVerification {
  let prev = GENESIS;
  let entries = 0;
  let rollback: AuditVerification['rollback'];
  for (const row of stmt(db, 'SELECT * FROM audit ORDER BY seq').iterate() as IterableIterator<AuditRow>) {
    entries++;
    const entry = toEntry(row);
    if (row.prev_hash !== prev || entryHash(prev, entry, JSON.stringify(entry.fields)) !== row.hash) {
      return { ok: false, entries, brokenAt: row.seq, ...(rollback ? { rollback } : {}) };
    }
    if (entry.action === 'rollback') {
      const found = parseRollback(entry.fields);
      if (found) rollback = { ...found, detectedAt: entry.at };
    }
    prev = row.hash;
  }
  return { ok: true, entries, brokenAt: null, ...(rollback ? { rollback } : {}) };
}

export function operatorName(db: Database): string {
  const row = stmt(db, "SELECT value FROM settings WHERE key = 'operator'").get() as
    { value: string } | undefined;
  return row?.value ?? '';
}
