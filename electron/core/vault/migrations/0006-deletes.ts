import { RECORD_TABLES } from './0004-field-context';
import type { Migration } from './types';

// Deletes that erase and can be undone for a while.
// - `deletion` on every record table: the record's deletion as synced (stamp, causal context, deleted or
//   restored; records/deletion.ts). A row whose deletion holds is in Recently deleted: hidden, never
//   exported with its values, restorable until it is erased.
// - `tombstones`: what is left of an erased record (records/tombstones.ts), compact and WITHOUT ROWID.
// Rows soft-deleted before this version become Recently deleted, with a deletion stamped by their last
// write and a context covering every field they hold, so they keep meaning "deleted" to every office.

/** The stamps a row holds: its field stamps (either stored form) and their contexts. */
function stampsOf(fieldClocks: string, fieldCtx: string): string[] {
  const stamps: string[] = [];
  for (const [key, value] of Object.entries(JSON.parse(fieldClocks) as Record<string, string | string[]>))
    stamps.push(typeof value === 'string' ? value : key);
  for (const ctx of Object.values(JSON.parse(fieldCtx) as Record<string, string[]>)) stamps.push(...ctx);
  return stamps;
}

/** A deletion at `clock` that has seen every stamp: the highest per other office (written out here, so
 * this migration means the same thing whatever later code does). */
function deletionOf(clock: string, stamps: string[]): string {
  const best = new Map<string, string>();
  for (const stamp of stamps) {
    const office = stamp.slice(18);
    if (office !== clock.slice(18) && stamp > (best.get(office) ?? '')) best.set(office, stamp);
  }
  const ctx = [...best.values()].sort();
  return JSON.stringify(ctx.length > 0 ? { deleted: true, clock, ctx } : { deleted: true, clock });
}

export const m0006Deletes: Migration = {
  version: 6,
  name: 'deletes',
  up(db) {
    db.exec(`
      CREATE TABLE tombstones (
        id BLOB PRIMARY KEY CHECK (length(id) = 16),
        -- The kind, the deletion's stamp and its context, packed (records/tombstones.ts): one column rather
        -- than three, because every byte counts when a partner sends thousands.
        deletion BLOB NOT NULL CHECK (length(deletion) >= 17)
      ) STRICT, WITHOUT ROWID;
    `);
    for (const table of RECORD_TABLES) {
      db.exec(
        `ALTER TABLE ${table} ADD COLUMN deletion TEXT CHECK (deletion IS NULL OR json_valid(deletion))`,
      );
      db.exec(`CREATE INDEX ${table}_deleted ON ${table} (deleted_at) WHERE deleted_at IS NOT NULL`);
      const rows = db
        .prepare(`SELECT rowid, field_clocks, field_ctx, clock FROM ${table} WHERE deleted_at IS NOT NULL`)
        .all() as { rowid: number; field_clocks: string; field_ctx: string; clock: string }[];
      const update = db.prepare(`UPDATE ${table} SET deletion = ? WHERE rowid = ?`);
      for (const row of rows) {
        update.run(deletionOf(row.clock, stampsOf(row.field_clocks, row.field_ctx)), row.rowid);
      }
    }
  },
};
