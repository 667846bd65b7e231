import { AmparoError } from '../../../shared/errors';
import type { Kind } from '../../../shared/model';
import type { Conflict } from '../../../shared/channels/sync';
import type { ServiceContext } from '../kernel/context';
import { stampFields } from '../records/causal';
import { readDeletion } from '../records/deletion';
import { updateRecord } from '../records/repository';
import { updateRow } from '../records/rows';
import { SPECS } from '../records/specs';
import { stmt } from '../records/statements';
import { writeAuditOf, writerFor, type Writer } from '../records/writer';

// The Conflicts view: concurrent edits of one field whose losing value merge kept. Resolving writes the
// chosen value as a NEW local edit (a fresh stamp whose causal context covers both sides), so the decision
// propagates to other offices like any edit, follows both values everywhere, and marks the conflict resolved.
// A conflict's id is the same at every office (derived from the losing write), and the resolving write closes
// it at every office that imports it.

interface ConflictRow {
  id: string;
  kind: Kind;
  record_id: string;
  field: string;
  local_value: string | null;
  local_clock: string;
  incoming_value: string | null;
  incoming_clock: string;
  incoming_office: string;
  bundle_id: string;
  created_at: string;
}

const parse = (v: string | null): unknown => (v === null ? null : JSON.parse(v));

const toConflict = (r: ConflictRow): Conflict => ({
  id: r.id,
  kind: r.kind,
  recordId: r.record_id,
  field: r.field,
  localValue: parse(r.local_value),
  incomingValue: parse(r.incoming_value),
  incomingOffice: r.incoming_office,
  bundleId: r.bundle_id,
  createdAt: r.created_at,
  current: r.local_clock > r.incoming_clock ? 'local' : 'incoming',
});

/** Open (unresolved) conflicts, oldest first. */
export function listConflicts(ctx: ServiceContext): Conflict[] {
  const rows = stmt(
    ctx.session().db,
    'SELECT * FROM sync_conflicts WHERE resolved_at IS NULL ORDER BY created_at, rowid',
  ).all() as ConflictRow[];
  return rows.map(toConflict);
}

export function resolveConflict(
  ctx: ServiceContext,
  id: string,
  keep: 'local' | 'incoming',
): { id: string; resolved: true } {
  const w = writerFor(ctx);
  const { db } = w.session;
  return db.transaction(() => {
    const row = stmt(db, 'SELECT * FROM sync_conflicts WHERE id = ? AND resolved_at IS NULL').get(id) as
      ConflictRow | undefined;
    if (!row) throw new AmparoError('NOT_FOUND', 'No open conflict with that id.');
    const value = parse(keep === 'local' ? row.local_value : row.incoming_value);
    const live = stmt(db, `SELECT 1 FROM ${tableOf(row.kind)} WHERE id = ? AND deleted_at IS NULL`).get(
      row.record_id,
    );
    // A record deleted since keeps its tombstone (deletes win); the choice is recorded all the same.
    if (live) {
      // Writing the value again with a new stamp is what makes the choice win everywhere, even when it
      // equals the current value here.
      forceField(w, row.kind, row.record_id, row.field, value);
    }
    stmt(db, 'UPDATE sync_conflicts SET resolved_at = ?, resolution = ? WHERE id = ?').run(w.now(), keep, id);
    // The new write has seen every value this field held, so it settles the field's other open conflicts
    // too, here as at every office it reaches (sync/merge.ts closes them there).
    if (live)
      stmt(
        db,
        `UPDATE sync_conflicts SET resolved_at = ?, resolution = 'superseded'
         WHERE kind = ? AND record_id = ? AND field = ? AND resolved_at IS NULL`,
      ).run(w.now(), row.kind, row.record_id, row.field);
    return { id, resolved: true as const };
  })();
}

function tableOf(kind: Kind): string {
  const spec = SPECS[kind];
  if (!spec) throw new AmparoError('VAULT_CORRUPT', 'A conflict names an unknown record kind.');
  return spec.table;
}

/** Sets one field through the repository (validation, index, audit), then restamps it even if unchanged. */
function forceField(w: Writer, kind: Kind, recordId: string, field: string, value: unknown): void {
  updateRecord(w, kind, recordId, { [field]: value });
  const { db } = w.session;
  const table = tableOf(kind);
  const row = stmt(
    db,
    `SELECT rowid, data, field_clocks, field_ctx, updated_at, deletion FROM ${table} WHERE id = ?`,
  ).get(recordId) as {
    rowid: number;
    data: string;
    field_clocks: string;
    field_ctx: string;
    updated_at: string;
    deletion: string | null;
  };
  // The new stamp has seen both sides: merge joined the losing version into the field's context.
  const stamp = w.hlc.tick();
  const stamped = stampFields(row.field_clocks, row.field_ctx, [field], stamp);
  // Only the stamps change (updateRecord audited the value), so no second audit entry.
  updateRow(
    db,
    kind,
    { rowid: row.rowid, id: recordId },
    {
      data: JSON.parse(row.data) as Record<string, unknown>,
      fieldClocks: stamped.clocks,
      fieldContexts: stamped.contexts,
      clock: stamp,
      updatedAt: row.updated_at,
      deletedAt: null,
      deletion: readDeletion(row.deletion),
    },
    null,
    writeAuditOf(w, w.now()),
  );
}
