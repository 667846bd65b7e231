import Database from 'better-sqlite3-multiple-ciphers';
import type { Database as Db } from '../kernel/context';
import { migrate } from './migrate';
import type { Migration } from './migrations/types';

// What a database's schema must be at a given version: exactly the objects our migrations create. A
// database image from outside (a backup) is compared with a reference built by running the same
// migrations in memory, so a trigger, view or index that someone added (or a table they changed) is
// found before a single statement of ours runs against the image.

export interface SchemaObject {
  type: string;
  name: string;
  tbl_name: string;
  /** Whitespace and comments normalised; null for SQLite's automatic indexes. */
  sql: string | null;
}

/** Statistics that ANALYZE or PRAGMA optimize may add; they steer the planner and hold no code. */
const OPTIONAL_TABLES = new Set(['sqlite_stat1', 'sqlite_stat4']);

export function schemaObjects(db: Db, schema = 'main'): SchemaObject[] {
  const rows = db
    .prepare(`SELECT type, name, tbl_name, sql FROM "${schema.replaceAll('"', '""')}".sqlite_schema`)
    .all() as SchemaObject[];
  return rows
    .filter((row) => !(row.type === 'table' && OPTIONAL_TABLES.has(row.name)))
    .map((row) => ({ ...row, sql: row.sql === null ? null : normaliseSql(row.sql) }));
}

/** The schema `migrations[0..version)` create, built in a throwaway in-memory database. */
export function referenceSchema(migrations: readonly Migration[], version: number): SchemaObject[] {
  const reference = new Database(':memory:');
  try {
    migrate(reference, migrations.slice(0, version));
    return schemaObjects(reference);
  } finally {
    reference.close();
  }
}

/** Names of the objects that are missing, extra or different (e.g. `trigger contacts_verify`). */
export function schemaDifferences(actual: SchemaObject[], expected: SchemaObject[]): string[] {
  const key = (o: SchemaObject) => `${o.type} ${o.name}`;
  const want = new Map(expected.map((o) => [key(o), o]));
  const have = new Map(actual.map((o) => [key(o), o]));
  const differences: string[] = [];
  // Two rows with one name cannot come from SQLite itself; the map below would hide the second.
  if (have.size !== actual.length) differences.push('duplicate schema rows');
  for (const [name, object] of have) {
    const other = want.get(name);
    if (!other || other.tbl_name !== object.tbl_name || other.sql !== object.sql) differences.push(name);
  }
  for (const name of want.keys()) if (!have.has(name)) differences.push(name);
  return differences.sort();
}

/**
 * Removes comments and collapses whitespace outside quoted strings and identifiers, so the same statement
 * compares equal however it was laid out; everything that SQLite would execute is kept as written.
 */
export function normaliseSql(sql: string): string {
  let out = '';
  let space = false;
  const emit = (text: string) => {
    if (space && out !== '') out += ' ';
    space = false;
    out += text;
  };
  for (let i = 0; i < sql.length;) {
    const c = sql[i] as string;
    if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end;
      space = true;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end === -1 ? sql.length : end + 2;
      space = true;
    } else if (/\s/.test(c)) {
      space = true;
      i++;
    } else if (c === "'" || c === '"' || c === '`' || c === '[') {
      const close = c === '[' ? ']' : c;
      let j = i + 1;
      for (;;) {
        const k = sql.indexOf(close, j);
        if (k === -1) {
          j = sql.length;
          break;
        }
        // A doubled quote is an escaped quote inside the token (not for [...]).
        if (close !== ']' && sql[k + 1] === close) {
          j = k + 2;
          continue;
        }
        j = k + 1;
        break;
      }
      emit(sql.slice(i, j));
      i = j;
    } else {
      emit(c);
      i++;
    }
  }
  return out;
}
