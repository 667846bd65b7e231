import type { Database } from '../kernel/context';
import type { JobSteps, StepProgress } from '../kernel/jobs';

// A bulk load into a table that holds fewer rows than it brings (a network's first spreadsheet) is
// faster without the table's secondary indexes: each row then goes into one B-tree instead of the
// table's twenty-odd (each entered in random key order), and each index is built once at the end by
// sorting. The indexes are dropped and built again inside the caller's transaction, each from its own
// SQL as sqlite_master holds it, so a cancel, a lock or a crash rolls back to the indexes as they were,
// and no index definition is repeated here. Unique indexes stay: they are checks, not just lookups.

/** Below this many rows, a load goes in with its indexes: rebuilding them would cost more than it saves. */
export const BULK_LOAD_MIN_ROWS = 5_000;

interface IndexSql {
  name: string;
  sql: string;
}

/**
 * Drops `tables`' plain secondary indexes when `incoming` rows are at least BULK_LOAD_MIN_ROWS and at
 * least as many as the table holds; returns the steps that build them again (one index a step), or null
 * when nothing was dropped. Must run inside a write transaction.
 */
export function deferIndexes(
  db: Database,
  tables: readonly string[],
  incoming: number,
): JobSteps<void> | null {
  if (!db.inTransaction) throw new Error('Indexes can only be deferred inside a transaction.');
  if (incoming < BULK_LOAD_MIN_ROWS) return null;
  const dropped: IndexSql[] = [];
  for (const table of tables) {
    const held = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    if (incoming < held) continue;
    const indexes = db
      .prepare(
        `SELECT name, sql FROM sqlite_master
          WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'`,
      )
      .all(table) as IndexSql[];
    for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`);
    dropped.push(...indexes);
  }
  if (dropped.length === 0) return null;
  return (function* rebuild() {
    for (const [i, index] of dropped.entries()) {
      db.exec(index.sql);
      yield { done: i + 1, total: dropped.length };
    }
  })();
}

/**
 * Runs `steps` (a bulk load whose first progress names how many rows it brings) with `tables`' indexes
 * deferred, then builds them again as the job's last steps. The job's progress stays at its end while
 * they are built.
 */
export function* withDeferredIndexes<T>(
  db: Database,
  tables: readonly string[],
  steps: JobSteps<T>,
): JobSteps<T> {
  let result = steps.next();
  const rebuild = result.done ? null : deferIndexes(db, tables, result.value.total);
  let last: StepProgress = { done: 0, total: 0 };
  while (!result.done) {
    last = result.value;
    result = steps.next(yield last);
  }
  if (rebuild) for (const _ of rebuild) yield last;
  return result.value;
}
