import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../electron/core/vault/migrate';
import { MIGRATIONS } from '../../electron/core/vault/migrations';
import { m0008Hotline } from '../../electron/core/vault/migrations/0008-hotline';

// Migration 0008 (hotline, dispatch, outreach) upgrades a version-7 vault that holds rows.

const before = MIGRATIONS.indexOf(m0008Hotline);

function version7(): Database.Database {
  const db = new Database(':memory:');
  migrate(db, MIGRATIONS.slice(0, before));
  const insert = (table: string, id: string, data: object) =>
    db
      .prepare(
        `INSERT INTO ${table} (id, data, field_clocks, clock, created_at, updated_at) VALUES (?, ?, '{}', 'c', 'a', 'b')`,
      )
      .run(id, JSON.stringify(data));
  // A report from before statuses existed, and one a later version closed.
  insert('reports', 'a'.repeat(32), { receivedAt: '2026-11-20T06:30:00.000Z', verification: 'UNVERIFIED' });
  insert('reports', 'b'.repeat(32), {
    receivedAt: '2026-11-21T06:30:00.000Z',
    verification: 'VERIFIED',
    status: 'CLOSED',
    county: 'Alameda',
  });
  insert('people', 'c'.repeat(32), { givenName: 'Ana', familyName: 'López', reportId: 'a'.repeat(32) });
  return db;
}

describe('migration 0008 hotline', () => {
  it('adds the dispatch and workshop tables as STRICT record tables', () => {
    const db = version7();
    expect(migrate(db, MIGRATIONS.slice(0, before + 1))).toBe(before + 1);
    for (const table of ['dispatches', 'workshops']) {
      const { sql } = db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(table) as {
        sql: string;
      };
      expect(sql).toMatch(/STRICT$/);
      const columns = (db.prepare(`PRAGMA table_xinfo(${table})`).all() as { name: string }[]).map(
        (c) => c.name,
      );
      expect(columns).toEqual(
        expect.arrayContaining(['id', 'data', 'field_clocks', 'field_ctx', 'deletion', 'deleted_at']),
      );
    }
    db.prepare(
      "INSERT INTO dispatches (id, data, clock, created_at, updated_at) VALUES (?, ?, 'c', 'a', 'b')",
    ).run(
      'd'.repeat(32),
      JSON.stringify({ reportId: 'a'.repeat(32), volunteerId: 'e'.repeat(32), status: 'SENT' }),
    );
    expect(db.prepare('SELECT report_id, status FROM dispatches').get()).toEqual({
      report_id: 'a'.repeat(32),
      status: 'SENT',
    });
    expect(() =>
      db
        .prepare(
          "INSERT INTO workshops (id, data, clock, created_at, updated_at) VALUES (?, 'x', 'c', 'a', 'b')",
        )
        .run('f'.repeat(32)),
    ).toThrow(/CHECK|JSON/);
  });

  it('reads a report without a status as open, rewrites no row, and links people to reports', () => {
    const db = version7();
    const dataBefore = db.prepare('SELECT id, data FROM reports ORDER BY id').all();
    migrate(db, MIGRATIONS.slice(0, before + 1));
    expect(db.prepare('SELECT id, data FROM reports ORDER BY id').all()).toEqual(dataBefore);
    expect(db.prepare('SELECT status FROM reports ORDER BY id').all()).toEqual([
      { status: 'OPEN' },
      { status: 'CLOSED' },
    ]);
    expect(db.prepare("SELECT count(*) AS n FROM reports WHERE status = 'OPEN'").get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT id FROM people WHERE report_id = ?').all('a'.repeat(32))).toEqual([
      { id: 'c'.repeat(32) },
    ]);
  });

  it('lets Dispatch send dispatches and the new report fields, never callbacks or notes; custom profiles stay', () => {
    const db = version7();
    const custom = JSON.stringify({ report: ['county', 'receivedAt'] });
    db.prepare("INSERT INTO redaction_profiles (name, send, built_in) VALUES ('Partner', ?, 0)").run(custom);
    const legal = (
      db.prepare("SELECT send FROM redaction_profiles WHERE name = 'Legal'").get() as { send: string }
    ).send;
    migrate(db, MIGRATIONS.slice(0, before + 1));
    const send = (name: string) =>
      JSON.parse(
        (db.prepare('SELECT send FROM redaction_profiles WHERE name = ?').get(name) as { send: string }).send,
      ) as Record<string, string[]>;
    expect(send('Dispatch').dispatch).toEqual([
      'endedAt',
      'onSiteAt',
      'reportId',
      'role',
      'sentAt',
      'status',
      'volunteerId',
    ]);
    expect(send('Dispatch').report).toEqual(expect.arrayContaining(['agency', 'incidentAt', 'status']));
    for (const secret of ['callback', 'description', 'vehicles', 'location', 'personIds', 'verifiedBy'])
      expect(send('Dispatch').report).not.toContain(secret);
    expect(send('Dispatch').dispatch).not.toContain('notes');
    expect(send('Dispatch').workshop).toBeUndefined();
    // Kinds Dispatch sent before are as they were.
    expect(send('Dispatch').person).toEqual([
      'caseStatus',
      'custodyStatus',
      'facilityId',
      'familyName',
      'givenName',
      'priority',
    ]);
    expect(send('Partner')).toEqual(JSON.parse(custom));
    expect(JSON.stringify(send('Legal'))).toBe(legal);
  });
});
