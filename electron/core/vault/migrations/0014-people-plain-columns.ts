import type { Migration } from './types';

// People's sort and filter columns become plain columns the row writer keeps (records/specs.ts declares
// them, records/people-index.ts computes them), no longer generated from the JSON. SQLite counts any change
// to `data` as a change of every column generated from it, so each update of a person rewrote her entry in
// every index on them (about twenty), whichever field changed; a plain column is rewritten, with its
// indexes, only when the writer SETs it, which it does only when its value changes.
// - SQLite cannot turn a generated column into a plain one, so the table is rebuilt: the same columns,
//   names and values (copied as they are), the same rowids (the search index is keyed by them), and every
//   index it had recreated as it was.
// - Nothing a record holds changes (no value, stamp or audit entry), so no office sees a change.
// - From this version, a migration that rewrites people's `data` in SQL must rewrite these columns too.

/** The columns that were generated, at this version. */
const COLUMNS = [
  'given_name',
  'family_name',
  'a_number',
  'date_of_birth',
  'case_status',
  'priority',
  'custody_status',
  'detained_at',
  'facility_id',
  'arrest_county',
  'report_id',
  'decided_on',
  'habeas_return_due',
  'bond_status',
] as const;

const KEPT = [
  'id',
  'data',
  'field_clocks',
  'clock',
  'created_at',
  'updated_at',
  'deleted_at',
  'norm_name',
  'field_ctx',
  'deletion',
] as const;

export const m0014PeoplePlainColumns: Migration = {
  version: 14,
  name: 'people-plain-columns',
  up(db) {
    const indexes = (
      db
        .prepare(
          "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'people' AND sql IS NOT NULL",
        )
        .all() as { sql: string }[]
    ).map((row) => row.sql);
    db.exec(`
      CREATE TABLE people_next (
        id TEXT PRIMARY KEY CHECK (length(id) = 32),
        data TEXT NOT NULL CHECK (json_valid(data)),
        field_clocks TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(field_clocks)),
        clock TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT,
        norm_name TEXT NOT NULL DEFAULT '',
        field_ctx TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(field_ctx)),
        deletion TEXT CHECK (deletion IS NULL OR json_valid(deletion)),
        ${COLUMNS.map((column) => `${column} TEXT`).join(',\n        ')}
      ) STRICT;
    `);
    const all = ['rowid', ...KEPT, ...COLUMNS].join(', ');
    db.exec(`INSERT INTO people_next (${all}) SELECT ${all} FROM people`);
    db.exec('DROP TABLE people');
    db.exec('ALTER TABLE people_next RENAME TO people');
    for (const sql of indexes) db.exec(sql);
  },
};
