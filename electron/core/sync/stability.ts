import type { Database } from '../kernel/context';
import { STABLE_KEY } from '../records/floor';
import { readSetting, writeSetting } from '../records/settings';
import { stmt } from '../records/statements';
import { readReportedKnowledge } from './reach';
import { joinVectors, meetVectors, readVector, writeVector, type Vector } from './vectors';

// Causal stability: which stamps no write can still be concurrent with, so contexts can drop them.
// A stamp t is stable once (1) every known office has seen it, and (2) every write an office made before
// seeing it has reached every office. Then a write this office has not received yet was made after its
// office saw t (it has t in its history), and every version held anywhere has met every write concurrent
// with t. So a context entry at or below the stable vector says nothing a comparison needs: it is dropped,
// and a field version counts as having seen it.
// Computed in two steps from the offices' own word (peer_reports): a snapshot takes what all known offices
// hold completely (their meet, G) and each office's own stamp at that word (r); once every office holds
// every office's writes up to r (the current meet reaches r), everything in the snapshot's G is stable.
// A new office resets the snapshot (it has not said what it saw). An office that stays silent holds
// stability back: contexts then grow again with the stamps only it may lack, and the Offices screen shows
// it. A stable vector from another office's bundle is taken over as is (it speaks for every office).
// Deletions keep their contexts whole: a deletion is never judged by stability (records/deletion.ts).

const STABLE = STABLE_KEY;
const SNAPSHOT = 'sync.stableSnapshot';

interface Snapshot {
  offices: string[];
  g: Vector;
  r: Vector;
}

export function readStable(db: Database): Vector {
  return readVector(readSetting(db, STABLE));
}

/** Takes over another office's stable vector (only ever raises). */
export function adoptStable(db: Database, stable: Vector): Vector {
  const before = readStable(db);
  const after = joinVectors(before, stable);
  if (writeVector(after) !== writeVector(before)) writeSetting(db, STABLE, writeVector(after));
  return after;
}

/** Offices this office knows of: contacts not revoked, and every office it holds knowledge of. */
function knownOffices(db: Database, ourOfficeId: string): string[] {
  const rows = stmt(
    db,
    `SELECT office_id FROM contacts WHERE state != 'revoked' UNION SELECT office_id FROM knowledge
     UNION SELECT office_id FROM peer_reports`,
  ).all() as { office_id: string }[];
  const revoked = new Set(
    (stmt(db, "SELECT office_id FROM contacts WHERE state = 'revoked'").all() as { office_id: string }[]).map(
      (r) => r.office_id,
    ),
  );
  return [...new Set([...rows.map((r) => r.office_id), ourOfficeId])].filter((o) => !revoked.has(o)).sort();
}

/**
 * Moves the stable vector on from the offices' word, if it can: called after an import. `ours` is what this
 * office holds completely, its own entry included.
 */
export function advanceStability(db: Database, ourOfficeId: string, ours: Vector): Vector {
  const offices = knownOffices(db, ourOfficeId);
  const reports = readReportedKnowledge(db);
  const words: Vector[] = [ours];
  const r: Vector = { [ourOfficeId]: ours[ourOfficeId] ?? '' };
  for (const office of offices) {
    if (office === ourOfficeId) continue;
    const knowledge = reports.get(office);
    const own = knowledge?.[office];
    // An office that never said what it holds: nothing can be stable yet.
    if (!knowledge || own === undefined) return readStable(db);
    words.push(knowledge);
    r[office] = own;
  }
  const g = meetVectors(words);
  const saved = readSetting(db, SNAPSHOT);
  const snapshot = saved ? (JSON.parse(saved) as Snapshot) : null;
  let stable = readStable(db);
  const sameOffices = snapshot !== null && snapshot.offices.join() === offices.join();
  if (snapshot && sameOffices) {
    const reached = Object.entries(snapshot.r).every(([office, stamp]) => (g[office] ?? '') >= stamp);
    if (!reached) return stable;
    stable = adoptStable(db, snapshot.g);
  }
  writeSetting(db, SNAPSHOT, JSON.stringify({ offices, g, r } satisfies Snapshot));
  return stable;
}
