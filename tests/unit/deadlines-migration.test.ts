import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../electron/core/vault/migrate';
import { MIGRATIONS } from '../../electron/core/vault/migrations';
import { m0010Deadlines } from '../../electron/core/vault/migrations/0010-deadlines';

// Migration 0010 (deadlines, instants in UTC form) upgrades a version-9 vault that holds rows.

const before = MIGRATIONS.indexOf(m0010Deadlines);

function version9(): Database.Database {
  const db = new Database(':memory:');
  migrate(db, MIGRATIONS.slice(0, before));
  const insert = (table: string, id: string, data: object) =>
    db
      .prepare(
        `INSERT INTO ${table} (id, data, field_clocks, clock, created_at, updated_at) VALUES (?, ?, '{}', 'c', 'a', 'b')`,
      )
      .run(id, JSON.stringify(data));
  insert('people', 'a'.repeat(32), {
    givenName: 'Ana',
    familyName: 'Ruiz',
    detainedAt: '2026-12-04T22:15:00-08:00',
    legalHold: { reason: 'Litigation', since: '2026-12-01T09:00:00+01:00' },
    courtCase: { court: 'concord', decision: { on: '2026-11-05', outcome: 'OTHER' } },
  });
  insert('people', 'b'.repeat(32), {
    givenName: 'Luis',
    familyName: 'Mora',
    detainedAt: '2026-12-04T10:00:00.000Z',
  });
  insert('events', 'c'.repeat(32), {
    personId: 'a'.repeat(32),
    kind: 'BOND_HEARING',
    at: '2026-12-05T09:00-08:00',
  });
  insert('events', 'd'.repeat(32), { personId: 'a'.repeat(32), kind: 'CALL', at: '2026-12-05T16:00:00Z' });
  insert('reports', 'e'.repeat(32), { receivedAt: '2026-12-05T08:00:00-08:00', verification: 'UNVERIFIED' });
  return db;
}

const data = (db: Database.Database, table: string, id: string) =>
  JSON.parse((db.prepare(`SELECT data FROM ${table} WHERE id = ?`).get(id) as { data: string }).data);

describe('migration 0010 deadlines', () => {
  it('adds the deadlines table as a STRICT record table with its columns', () => {
    const db = version9();
    expect(migrate(db, MIGRATIONS.slice(0, before + 1))).toBe(before + 1);
    const { sql } = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'deadlines'").get() as {
      sql: string;
    };
    expect(sql).toMatch(/STRICT$/);
    db.prepare(
      "INSERT INTO deadlines (id, data, clock, created_at, updated_at) VALUES (?, ?, 'c', 'a', 'b')",
    ).run(
      'f'.repeat(32),
      JSON.stringify({
        personId: 'a'.repeat(32),
        what: 'File',
        dueAt: '2026-12-11T01:00:00.000Z',
        done: true,
      }),
    );
    expect(db.prepare('SELECT person_id, due_at, done FROM deadlines').get()).toEqual({
      person_id: 'a'.repeat(32),
      due_at: '2026-12-11T01:00:00.000Z',
      done: 1,
    });
    expect(db.prepare('SELECT id, decided_on FROM people WHERE decided_on IS NOT NULL').all()).toEqual([
      { id: 'a'.repeat(32), decided_on: '2026-11-05' },
    ]);
  });

  it('rewrites instants typed with an offset in the UTC form, and leaves the rest as it was', () => {
    const db = version9();
    const untouched = data(db, 'people', 'b'.repeat(32));
    const call = data(db, 'events', 'd'.repeat(32));
    migrate(db, MIGRATIONS.slice(0, before + 1));
    const ana = data(db, 'people', 'a'.repeat(32));
    expect(ana.detainedAt).toBe('2026-12-05T06:15:00.000Z');
    expect(ana.legalHold.since).toBe('2026-12-01T08:00:00.000Z');
    expect(ana.courtCase).toEqual({ court: 'concord', decision: { on: '2026-11-05', outcome: 'OTHER' } });
    expect(data(db, 'people', 'b'.repeat(32))).toEqual(untouched);
    expect(data(db, 'events', 'c'.repeat(32)).at).toBe('2026-12-05T17:00:00.000Z');
    // A Z instant without milliseconds is put in the one form too (the same instant).
    expect(data(db, 'events', 'd'.repeat(32))).toEqual({ ...call, at: '2026-12-05T16:00:00.000Z' });
    expect(db.prepare('SELECT at FROM events ORDER BY at').all()).toEqual([
      { at: '2026-12-05T16:00:00.000Z' },
      { at: '2026-12-05T17:00:00.000Z' },
    ]);
    expect(data(db, 'reports', 'e'.repeat(32)).receivedAt).toBe('2026-12-05T16:00:00.000Z');
  });

  it('lets the built-in Legal profile send deadlines and where a transfer came from', () => {
    const db = version9();
    migrate(db, MIGRATIONS.slice(0, before + 1));
    const legal = JSON.parse(
      (db.prepare("SELECT send FROM redaction_profiles WHERE name = 'Legal'").get() as { send: string }).send,
    ) as Record<string, string[]>;
    expect(legal.event).toContain('fromFacilityId');
    expect(legal.deadline).toEqual(expect.arrayContaining(['personId', 'what', 'dueAt', 'done']));
    const dispatch = JSON.parse(
      (db.prepare("SELECT send FROM redaction_profiles WHERE name = 'Dispatch'").get() as { send: string })
        .send,
    ) as Record<string, string[]>;
    expect(dispatch.deadline).toBeUndefined();
  });
});
