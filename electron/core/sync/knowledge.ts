// What this office has seen: the highest HLC stamp from each office (ours included). Sent in bundle
// manifests, and used to pick "changes since last" for an export.
import type { Database } from '../kernel/context';
import { stmt } from '../records/statements';

export function getKnowledge(db: Database): Record<string, string> {
  const rows = stmt(db, 'SELECT office_id, clock FROM knowledge ORDER BY office_id').all() as {
    office_id: string;
    clock: string;
  }[];
  return Object.fromEntries(rows.map((r) => [r.office_id, r.clock]));
}

/**
 * Raises an office's stamp to `clock` if it is higher (fixed-width stamps compare as strings); says whether
 * it did.
 */
export function noteKnowledge(db: Database, officeId: string, clock: string): boolean {
  return (
    stmt(
      db,
      `INSERT INTO knowledge (office_id, clock) VALUES (?, ?)
     ON CONFLICT (office_id) DO UPDATE SET clock = excluded.clock WHERE excluded.clock > knowledge.clock`,
    ).run(officeId, clock).changes > 0
  );
}

/** Merges a whole knowledge map (e.g. from an imported manifest). */
export function mergeKnowledge(db: Database, known: Record<string, string>): void {
  for (const [officeId, clock] of Object.entries(known)) noteKnowledge(db, officeId, clock);
}
