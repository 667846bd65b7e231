import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../electron/core/vault/migrate';
import { MIGRATIONS } from '../../electron/core/vault/migrations';
import { m0015DeadlineOrder } from '../../electron/core/vault/migrations/0015-deadline-order';

// Migration 0015 indexes each source of the deadlines list in the list's own order (due, then id), so a
// short list walks an index and stops, with no sort of every row that shares a due date.

const at = MIGRATIONS.indexOf(m0015DeadlineOrder);

const SOURCES = {
  people_decided_on: `SELECT id FROM people WHERE decided_on IS NOT NULL AND deleted_at IS NULL
    AND decided_on <= '2026-12-01' AND case_status IS NOT 'CLOSED' ORDER BY decided_on, id`,
  people_habeas_return: `SELECT id FROM people WHERE habeas_return_due IS NOT NULL AND deleted_at IS NULL
    AND habeas_return_due <= '2026-12-01' AND case_status IS NOT 'CLOSED' ORDER BY habeas_return_due, id`,
  deadlines_open: `SELECT id FROM deadlines WHERE deleted_at IS NULL AND done = 0 AND due_at < '2026-12-01'
    ORDER BY due_at, id LIMIT 10`,
  events_bond_hearings: `SELECT e.id FROM events e WHERE e.deleted_at IS NULL AND e.kind = 'BOND_HEARING'
    AND e.at >= '2026-11-24' AND e.at < '2026-12-01' ORDER BY e.at, e.person_id, e.id LIMIT 10`,
};

const plan = (db: Database.Database, sql: string) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((p) => p.detail).join(' | ');

describe('migration 0015 deadline order', () => {
  it('reads every deadline source in order from an index, with nothing left to sort', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, at));
    for (const sql of Object.values(SOURCES)) expect(plan(db, sql)).toContain('TEMP B-TREE');
    expect(migrate(db, MIGRATIONS.slice(0, at + 1))).toBe(at + 1);
    for (const [index, sql] of Object.entries(SOURCES)) {
      expect(plan(db, sql), index).toContain(`USING INDEX ${index}`);
      expect(plan(db, sql), index).not.toContain('TEMP B-TREE');
    }
    db.close();
  });
});
