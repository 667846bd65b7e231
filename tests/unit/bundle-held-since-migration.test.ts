import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { createHlc, formatStamp } from '../../electron/core/records/hlc';
import { migrate } from '../../electron/core/vault/migrate';
import { MIGRATIONS } from '../../electron/core/vault/migrations';
import { m0018BundleHeldSince } from '../../electron/core/vault/migrations/0018-bundle-held-since';

// Migration 0018 adds to each remembered bundle the "held since" it said (null for bundles remembered
// before it), and sets up the clock's last write stamp from its last stamp overall, so that every write
// made before the upgrade stays at or below it.

const at = MIGRATIONS.indexOf(m0018BundleHeldSince);
const OFFICE = 'a1b2c3d4e5f60718';
const clock = { now: () => new Date('2026-12-03T10:00:00Z') };

function before(): Database.Database {
  const db = new Database(':memory:');
  migrate(db, MIGRATIONS.slice(0, at));
  return db;
}

describe('migration 0018 bundle held-since', () => {
  it('adds held_since to remembered bundles, null for those from before, keeping every other value', () => {
    const db = before();
    const row = ['b1', OFFICE, formatStamp(5, 0, OFFICE), '["ffffffffffffffff"]', '{}', 1, null];
    db.prepare(
      `INSERT INTO sync_promises (bundle_id, sender_office, high_clock, recipients, knowledge, complete,
         profile) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(...row);
    expect(migrate(db, MIGRATIONS.slice(0, at + 1))).toBe(at + 1);
    expect(db.prepare('SELECT * FROM sync_promises').raw().all()).toEqual([[...row, null]]);
    db.close();
  });

  it('starts the last write stamp at the clock’s last stamp, so no earlier write is above it', () => {
    const db = before();
    // The clock as Amparo before 0018 left it: its last stamp, pushed past its writes by a received one.
    const last = formatStamp(Date.parse('2026-12-03T11:00:00Z'), 4, OFFICE);
    db.prepare("INSERT INTO settings (key, value) VALUES ('hlc', ?)").run(last);
    migrate(db, MIGRATIONS.slice(0, at + 1));
    expect(createHlc(db, OFFICE, clock).written()).toBe(last);
    db.close();
  });

  it('leaves a vault whose clock never ran without a write stamp: nothing was written', () => {
    const db = before();
    migrate(db, MIGRATIONS.slice(0, at + 1));
    expect(db.prepare("SELECT count(*) FROM settings WHERE key = 'hlc.written'").pluck().get()).toBe(0);
    expect(createHlc(db, OFFICE, clock).written()).toBe(formatStamp(0, 0, OFFICE));
    db.close();
  });
});
