import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../electron/core/vault/migrate';
import { MIGRATIONS } from '../../electron/core/vault/migrations';
import { m0013PendingDeletes } from '../../electron/core/vault/migrations/0013-pending-deletes';
import { KINDS } from '../../shared/model';
import { SPECS } from '../../electron/core/records/specs';

// Migration 0013 gives every record table a partial index of the rows that carry a deletion, and the
// query for "deleted there, changed here" records uses it instead of reading the whole table.

const at = MIGRATIONS.indexOf(m0013PendingDeletes);

describe('migration 0013 pending deletes', () => {
  it('indexes the rows with a deletion in every record table, and the pending-deletes query uses it', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, at));
    expect(migrate(db, MIGRATIONS.slice(0, at + 1))).toBe(at + 1);
    for (const kind of KINDS) {
      const table = SPECS[kind].table;
      const plan = db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT id, data, deletion FROM ${table}
           WHERE deleted_at IS NULL AND deletion IS NOT NULL AND json_extract(deletion, '$.deleted') = 1`,
        )
        .all() as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' '), table).toContain(`${table}_with_deletion`);
    }
    db.close();
  });
});
