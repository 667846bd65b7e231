import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Database as Db } from '../../electron/core/kernel/context';
import { searchText } from '../../electron/core/records/people-index';
import { applyPragmas, CACHE_KIB, rawKey } from '../../electron/core/vault/database';
import { migrate } from '../../electron/core/vault/migrate';
import { MIGRATIONS } from '../../electron/core/vault/migrations/index';
import { time } from './stats';

// The baselines that bulk-write rates are compared with, measured in the same run.
//
// "Plain better-sqlite3 inserting the same rows into an unencrypted database" is measured literally: after
// Amparo's operation, every row it added to the vault is read back (record rows with all their stored
// columns, search-index entries, audit entries, sync bookkeeping), and those rows are inserted with plain
// prepared statements, table by table in one transaction, into an unencrypted database built by the same
// migrations (same tables, indexes and search table). It has the vault's settings minus the cipher: WAL and
// the same page cache, the fastest of the plain settings tried (WAL + cache 16.4k people/s, WAL + cache +
// synchronous=FULL 15.6k, WAL alone 11.5k, better-sqlite3's defaults 13.7k; 100,000 people).
//
// Two more figures explain the gap:
// - encrypted, same rows: the same inserts into a database opened exactly as a vault is. Plain against this is
//   what whole-file encryption costs; this against Amparo is what Amparo's own code costs (validation,
//   clocks, hashing, JSON).
// - bare table: each record's JSON as (id, JSON) into a two-column table with no index, search table or
//   audit log. It is not the same rows (Amparo writes three rows per person, the first into a table with 20
//   indexes), but it is reported so the narrowest reading can be compared too.

export interface CapturedTable {
  table: string;
  columns: string[];
  rows: unknown[][];
}

/** The highest rowid of every table Amparo writes rows to, taken before the operation. */
export function rowidMarks(db: Db): Map<string, number> {
  const marks = new Map<string, number>();
  for (const table of capturedTables(db))
    marks.set(
      table,
      (db.prepare(`SELECT coalesce(max(rowid), 0) AS m FROM ${table}`).get() as { m: number }).m,
    );
  return marks;
}

// Ordinary rowid tables only: virtual tables and their shadow tables are filled by SQLite itself, and the
// WITHOUT ROWID tombstone table has no rowid to mark (a bulk create never writes to it).
function capturedTables(db: Db): string[] {
  const all = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all() as {
    name: string;
    sql: string;
  }[];
  const virtual = all.filter((t) => /^CREATE VIRTUAL/i.test(t.sql)).map((t) => t.name);
  return all
    .filter((t) => !t.name.startsWith('sqlite_') && !/^CREATE VIRTUAL/i.test(t.sql))
    .filter((t) => !/WITHOUT\s+ROWID\s*$/i.test(t.sql))
    .filter((t) => !virtual.some((v) => t.name.startsWith(`${v}_`)))
    .map((t) => t.name);
}

/** Every row added since `marks`, with its stored (not generated) columns and its rowid. */
export function rowsAddedSince(db: Db, marks: Map<string, number>): CapturedTable[] {
  const captured: CapturedTable[] = [];
  for (const [table, mark] of marks) {
    const info = db.prepare(`SELECT name, type, pk, hidden FROM pragma_table_xinfo('${table}')`).all() as {
      name: string;
      type: string;
      pk: number;
      hidden: number;
    }[];
    const stored = info.filter((c) => c.hidden === 0).map((c) => c.name);
    // An INTEGER PRIMARY KEY already is the rowid; any other table gets its rowid carried explicitly.
    const aliased =
      info.filter((c) => c.pk > 0).length === 1 && info.some((c) => c.pk === 1 && c.type === 'INTEGER');
    const columns = aliased ? stored : ['rowid', ...stored];
    const rows = db
      .prepare(`SELECT ${columns.join(', ')} FROM ${table} WHERE rowid > ? ORDER BY rowid`)
      .raw()
      .all(mark) as unknown[][];
    if (rows.length > 0) captured.push({ table, columns, rows });
  }
  // The people search index is contentless (its text cannot be read back), so its entries are rebuilt
  // here, before any timing, from the captured rows with the repository's own function.
  const people = captured.find((t) => t.table === 'people');
  if (people) {
    const rowid = people.columns.indexOf('rowid');
    const data = people.columns.indexOf('data');
    const deleted = people.columns.indexOf('deleted_at');
    const live = people.rows.filter((r) => r[deleted] === null);
    captured.push({
      table: 'people_fts',
      columns: ['rowid', 'text'],
      rows: live.map((r) => [r[rowid], searchText(JSON.parse(r[data] as string) as Record<string, unknown>)]),
    });
  }
  return captured;
}

function openBaseline(path: string, encrypted: boolean): Db {
  const db = new Database(path);
  if (encrypted) {
    const key = rawKey(randomBytes(32));
    db.pragma("cipher='sqlcipher'");
    db.key(key);
    key.fill(0);
    applyPragmas(db);
  } else {
    db.pragma('journal_mode = WAL');
    db.pragma(`cache_size = -${CACHE_KIB}`);
  }
  return db;
}

/**
 * For the demo path and the sync import, each baseline is run this many times, each into a new database,
 * and its fastest run is the one compared with: on this 2-core machine one run can be 20% slower than the
 * next, and a slow baseline would flatter Amparo. (Those operations run once: the demo fills the vault that
 * the later figures are measured on.) The CSV comparison interleaves its own rounds instead
 * (bulk.bench.ts).
 */
export const BASELINE_RUNS = 3;

export interface SameRowsRates {
  /** Rows inserted, over every table. */
  rows: number;
  /** The fastest of the runs below. */
  plainPerSec: number;
  encryptedPerSec: number;
  plainRuns: number[];
  encryptedRuns: number[];
}

/**
 * Migrates `db` to the vault's schema and prepares plain inserts of `captured`; the returned function runs
 * them, table by table, in one transaction (the part that is timed).
 */
export function sameRowsInserter(db: Db, captured: CapturedTable[]): () => void {
  migrate(db, MIGRATIONS);
  const inserts = captured.map((t) => ({
    insert: db.prepare(
      `INSERT INTO ${t.table} (${t.columns.join(', ')}) VALUES (${t.columns.map(() => '?').join(', ')})`,
    ),
    rows: t.rows,
  }));
  return () =>
    db.transaction(() => {
      for (const { insert, rows } of inserts) for (const row of rows) insert.run(row);
    })();
}

/**
 * One run of a same-rows baseline, into a new database under `dir`: records per second (`records` = what
 * the operation created).
 */
export function sameRowsRun(
  dir: string,
  captured: CapturedTable[],
  records: number,
  encrypted: boolean,
): number {
  const own = mkdtempSync(join(dir, encrypted ? 'encrypted-' : 'plain-'));
  const db = openBaseline(join(own, 'baseline.db'), encrypted);
  const { ms } = time(sameRowsInserter(db, captured));
  db.close();
  return Math.round((records / ms) * 1000);
}

/** Records per second (`records` = what the operation created) for inserting `captured` plainly and encrypted. */
export function measureSameRows(dir: string, captured: CapturedTable[], records: number): SameRowsRates {
  const runs = (encrypted: boolean) =>
    Array.from({ length: BASELINE_RUNS }, () => sameRowsRun(dir, captured, records, encrypted));
  const plainRuns = runs(false);
  const encryptedRuns = runs(true);
  return {
    rows: captured.reduce((n, t) => n + t.rows.length, 0),
    plainPerSec: Math.max(...plainRuns),
    encryptedPerSec: Math.max(...encryptedRuns),
    plainRuns,
    encryptedRuns,
  };
}

/** The narrow reading: each record's JSON as (id, JSON) into a two-column table, unencrypted. */
export function measureBareTable(dir: string, rows: { id: string; value: unknown }[]): number {
  const own = mkdtempSync(join(dir, 'bare-table-'));
  const run = (i: number) => {
    const db = openBaseline(join(own, `${i}.db`), false);
    db.exec('CREATE TABLE records (id TEXT PRIMARY KEY, data TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO records (id, data) VALUES (?, ?)');
    const { ms } = time(() =>
      db.transaction(() => rows.forEach((r) => insert.run(r.id, JSON.stringify(r.value))))(),
    );
    db.close();
    return Math.round((rows.length / ms) * 1000);
  };
  return Math.max(...Array.from({ length: BASELINE_RUNS }, (_, i) => run(i)));
}
