import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../electron/core/vault/migrate';
import { MIGRATIONS } from '../../electron/core/vault/migrations';
import { m0016HeldSince } from '../../electron/core/vault/migrations/0016-held-since';

// Migration 0016 adds to each office's stored report when that office came to hold what it said it holds.
// Reports stored before it keep every value and say nothing of it (null), which stability reads as "not
// said": the office's latest stamp stands in.

const at = MIGRATIONS.indexOf(m0016HeldSince);

describe('migration 0016 held-since', () => {
  it('adds held_since to offices’ reports, null for those stored before, keeping every other value', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, at));
    const report = ['0000000000000001', '{"a":"1"}', '{}', '{}', '2026-11-24T10:00:00.000Z'];
    db.prepare(
      'INSERT INTO peer_reports (office_id, knowledge, received, stable, reported_at) VALUES (?, ?, ?, ?, ?)',
    ).run(...report);
    expect(migrate(db, MIGRATIONS.slice(0, at + 1))).toBe(at + 1);
    expect(db.prepare('SELECT * FROM peer_reports').raw().all()).toEqual([[...report, null]]);
    db.prepare('UPDATE peer_reports SET held_since = ?').run('x');
    expect(db.prepare('SELECT held_since FROM peer_reports').pluck().get()).toBe('x');
    db.close();
  });
});
