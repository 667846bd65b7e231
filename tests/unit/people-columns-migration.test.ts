import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { SPECS } from '../../electron/core/records/specs';
import { migrate } from '../../electron/core/vault/migrate';
import { MIGRATIONS } from '../../electron/core/vault/migrations';
import { m0014PeoplePlainColumns } from '../../electron/core/vault/migrations/0014-people-plain-columns';

// Migration 0014 turns people's generated sort and filter columns into plain columns the row writer keeps:
// the same values, rowids and indexes, nothing a record holds changes, and the values are those the
// person spec computes, so the writer and the migration agree.

const before = MIGRATIONS.indexOf(m0014PeoplePlainColumns);
const id = (c: string) => c.repeat(32);

const PEOPLE: Record<string, unknown>[] = [
  {
    givenName: 'Rosa',
    familyName: 'Díaz',
    aNumber: '201555014',
    dateOfBirth: '1990-02-03',
    caseStatus: 'OPEN',
    priority: 'URGENT',
    custodyStatus: 'DETAINED',
    detainedAt: '2026-11-20T10:00:00.000Z',
    facilityId: id('f'),
    arrestCounty: 'Alameda',
    reportId: id('r'),
    courtCase: { decision: { on: '2026-12-01', outcome: 'DENIED' } },
    habeas: { returnDue: '2026-12-10' },
    bond: { decision: 'GRANTED', amount: 5000 },
  },
  { givenName: 'Luis', familyName: 'Mora', bond: { requestedOn: '2026-11-20' } },
  { givenName: 'Eva', familyName: 'Paz', bond: { decision: 'GRANTED', paidOn: '2026-11-22' } },
  { givenName: 'Ana', familyName: 'Ruiz' },
];

function version13(): Database.Database {
  const db = new Database(':memory:');
  migrate(db, MIGRATIONS.slice(0, before));
  PEOPLE.forEach((data, i) => {
    const { lastInsertRowid } = db
      .prepare(
        `INSERT INTO people (id, data, field_clocks, clock, created_at, updated_at, deleted_at, norm_name)
         VALUES (?, ?, '{}', 'c', 'a', 'b', ?, ?)`,
      )
      .run(id('abcd'[i] as string), JSON.stringify(data), i === 3 ? 'd' : null, `n${i}`);
    db.prepare('INSERT INTO people_fts (rowid, text) VALUES (?, ?)').run(
      lastInsertRowid,
      String(data.familyName),
    );
  });
  return db;
}

const columns = (db: Database.Database) =>
  db.prepare("SELECT name, hidden FROM pragma_table_xinfo('people') ORDER BY name").all() as {
    name: string;
    hidden: number;
  }[];
const indexes = (db: Database.Database) =>
  db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'people' ORDER BY name")
    .all();
const rows = (db: Database.Database) =>
  db
    .prepare(
      `SELECT rowid AS r, ${columns(db)
        .map((c) => c.name)
        .join(', ')} FROM people ORDER BY id`,
    )
    .all();

describe('migration 0014 people plain columns', () => {
  it('keeps every column, value, rowid and index, and no column is generated any more', () => {
    const db = version13();
    const keptRows = rows(db);
    const keptIndexes = indexes(db);
    const names = columns(db).map((c) => c.name);
    expect(columns(db).filter((c) => c.hidden !== 0).length).toBeGreaterThan(10);
    expect(migrate(db, MIGRATIONS.slice(0, before + 1))).toBe(before + 1);
    expect(columns(db).map((c) => c.name)).toEqual(names);
    expect(columns(db).filter((c) => c.hidden !== 0)).toEqual([]);
    expect(rows(db)).toEqual(keptRows);
    expect(indexes(db)).toEqual(keptIndexes);
    // The search index is keyed by rowid: it still finds the same person.
    const found = db
      .prepare(
        "SELECT p.id FROM people_fts f JOIN people p ON p.rowid = f.rowid WHERE people_fts MATCH 'mora'",
      )
      .all();
    expect(found).toEqual([{ id: id('b') }]);
    expect(db.prepare('PRAGMA integrity_check').all()).toEqual([{ integrity_check: 'ok' }]);
    db.close();
  });

  it('holds what the person spec computes, so the row writer keeps the same values', () => {
    const db = version13();
    migrate(db, MIGRATIONS.slice(0, before + 1));
    const derive = SPECS.person.derived as (data: Record<string, unknown>) => Record<string, string | null>;
    const stored = db.prepare('SELECT * FROM people ORDER BY id').all() as Record<string, unknown>[];
    for (const row of stored) {
      const { norm_name: _norm, ...expected } = derive(
        JSON.parse(row.data as string) as Record<string, unknown>,
      );
      for (const [column, value] of Object.entries(expected)) expect(row[column], column).toBe(value);
    }
    expect(stored.map((r) => r.bond_status)).toEqual(['GRANTED', 'REQUESTED', 'PAID', null]);
    expect(stored[0]).toMatchObject({ decided_on: '2026-12-01', habeas_return_due: '2026-12-10' });
    db.close();
  });

  it('uses the same indexes for the lists afterwards', () => {
    const db = version13();
    migrate(db, MIGRATIONS.slice(0, before + 1));
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((p) => p.detail).join(' ');
    expect(
      plan("SELECT id FROM people WHERE deleted_at IS NULL AND case_status = 'OPEN' ORDER BY detained_at"),
    ).toContain('people_case_detained');
    expect(
      plan(
        "SELECT id FROM people WHERE bond_status IS NOT NULL AND deleted_at IS NULL AND bond_status = 'PAID'",
      ),
    ).toContain('people_bond_status');
    db.close();
  });
});
