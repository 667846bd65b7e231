import { KINDS } from '../../../shared/model';
import type { Database } from '../kernel/context';
import { pruneContexts, readContexts, writeContexts, type Floor } from '../records/causal';
import { readSetting, writeSetting } from '../records/settings';
import { rewriteContexts } from '../records/rows';
import { SPECS } from '../records/specs';
import { stmt } from '../records/statements';

// Stored contexts pruned to the stable floor. Merge prunes the rows a bundle touches; a row no bundle touches
// again would keep entries the floor made redundant until its next write, so whenever an import has moved
// the floor (this office's own check, or a floor taken over from a bundle, as a spoke takes its hub's: about
// once a round), every live row with a context is pruned too. What
// a comparison decides is unchanged: covers() already counts stamps at or below the floor as seen. Rows
// with a deletion keep their contexts whole, as in merge.

const PRUNED_TO = 'sync.prunedTo';

/** Prunes the stored contexts to `floor` unless they already were to this very floor. */
export function pruneToFloor(db: Database, floor: Floor): void {
  const key = JSON.stringify(Object.fromEntries(Object.entries(floor).sort()));
  if (readSetting(db, PRUNED_TO) === key) return;
  pruneStoredContexts(db, floor);
  writeSetting(db, PRUNED_TO, key);
}

/** Prunes every live row's contexts to `floor`; returns how many rows changed. */
export function pruneStoredContexts(db: Database, floor: Floor): number {
  if (Object.keys(floor).length === 0) return 0;
  let changed = 0;
  for (const kind of KINDS) {
    const rows = stmt(
      db,
      `SELECT rowid, field_ctx FROM ${SPECS[kind].table} WHERE field_ctx != '{}' AND deletion IS NULL`,
    ).all() as { rowid: number; field_ctx: string }[];
    for (const row of rows) {
      const contexts = readContexts(row.field_ctx);
      if (!pruneContexts(contexts, floor)) continue;
      rewriteContexts(db, kind, row.rowid, writeContexts(contexts));
      changed++;
    }
  }
  return changed;
}
