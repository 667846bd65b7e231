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
// Computed from the offices' own word (peer_reports): what all known offices hold completely (their meet,
// G), and for each office a stamp at or above every write it made before it came to hold that (r: the
// "held since" its bundles say, the greatest stamp it had given a write before then, or else its latest
// stamp; for this office, what its first bundle whose knowledge covered G said). Once every office holds
// every office's writes up to r (the meet reaches r), everything in G is stable: often at once, else when a
// later word shows it (the pair is kept as a snapshot till then).
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

/** Our own "held since" (when this office last came to hold more of the others' writes), if ever. */
export const HELD_SINCE_KEY = 'sync.heldSince';
/** Our bundles stamped at or below this were sent before this office found it lacked what it claimed. */
export const KNOWLEDGE_RESET_KEY = 'sync.knowledgeReset';

/** Whether `held` covers `g` on every office but `except` (an office's own entry says nothing of what it saw). */
function covers(held: Vector, g: Vector, except: string): boolean {
  return Object.entries(g).every(([office, stamp]) => office === except || (held[office] ?? '') >= stamp);
}

/**
 * A stamp at or above every write this office made before it held `g`: what the first of its own bundles
 * whose knowledge covered `g` said of since when it held that (else that bundle's own stamp), or since when
 * it holds what it holds now, whichever is lower. Falls back on `now`. Its bundles since stability last
 * moved are enough: a covering one from before was followed by one that covers too, unless the knowledge
 * was reset in between, after which earlier bundles don't count. What bundles say only grows, so the
 * search stops at the first that bounds no lower.
 */
function ourHeldSince(db: Database, ourOfficeId: string, g: Vector, now: string): string {
  let best = now;
  const held = readSetting(db, HELD_SINCE_KEY);
  if (held && held < best) best = held;
  const sent = stmt(
    db,
    `SELECT high_clock, knowledge, held_since FROM sync_promises WHERE sender_office = ? AND high_clock > ?
     ORDER BY high_clock`,
  ).iterate(ourOfficeId, stableSince(db, ourOfficeId)) as IterableIterator<{
    high_clock: string;
    knowledge: string;
    held_since: string | null;
  }>;
  for (const bundle of sent) {
    const bound = bundle.held_since ?? bundle.high_clock;
    if (bound >= best) break;
    if (covers(readVector(bundle.knowledge), g, ourOfficeId)) {
      best = bound;
      break;
    }
  }
  return best;
}

/**
 * The most this office has held since a stamp at or below `limit`, so that every write it made before
 * holding it is at or below `limit`: what it holds now, or what the latest of its bundles since stability
 * last moved said it held. Null when none was held that early.
 */
function ownHeldWithin(db: Database, ourOfficeId: string, limit: string, ours: Vector): Vector | null {
  const held = readSetting(db, HELD_SINCE_KEY);
  if (held && held <= limit) return ours;
  const row = stmt(
    db,
    `SELECT knowledge FROM sync_promises WHERE sender_office = ? AND high_clock > ?
       AND coalesce(held_since, high_clock) <= ? ORDER BY high_clock DESC LIMIT 1`,
  ).get(ourOfficeId, stableSince(db, ourOfficeId), limit) as { knowledge: string } | undefined;
  return row ? readVector(row.knowledge) : null;
}

/** Our bundles up to this stamp tell stability nothing: it moved past them, or they claimed too much. */
function stableSince(db: Database, ourOfficeId: string): string {
  return [readStable(db)[ourOfficeId] ?? '', readSetting(db, KNOWLEDGE_RESET_KEY) ?? ''].sort().at(-1) ?? '';
}

/**
 * Moves the stable vector on from the offices' word, if it can: called after an import. `ours` is what this
 * office holds completely, its own entry included.
 */
export function advanceStability(db: Database, ourOfficeId: string, ours: Vector): Vector {
  const offices = knownOffices(db, ourOfficeId);
  const reports = readReportedKnowledge(db);
  const words: Vector[] = [ours];
  const r: Vector = {};
  for (const office of offices) {
    if (office === ourOfficeId) continue;
    const report = reports.get(office);
    const own = report?.knowledge[office];
    // An office that never said what it holds: nothing can be stable yet.
    if (!report || own === undefined) return readStable(db);
    words.push(report.knowledge);
    // Its writes made before it saw anything it holds: up to when it came to hold it, or else its latest.
    r[office] = report.heldSince ?? own;
  }
  const g = meetVectors(words);
  r[ourOfficeId] = ourHeldSince(db, ourOfficeId, g, ours[ourOfficeId] ?? '');
  const reached = (snap: { g: Vector; r: Vector }) =>
    Object.entries(snap.r).every(([office, stamp]) => (g[office] ?? '') >= stamp);
  const saved = readSetting(db, SNAPSHOT);
  const snapshot = saved ? (JSON.parse(saved) as Snapshot) : null;
  // Often every office's writes from before it held `g` are held everywhere already: stable at once.
  if (reached({ g, r })) {
    writeSetting(db, SNAPSHOT, null);
    return adoptStable(db, g);
  }
  // Every other office's writes from before it held `g` may be held everywhere while this office's own
  // word lags (with one partner, `g` has the partner's newest writes, which this office only just got).
  // Then what this office held early enough is stable with `g`.
  if (Object.entries(r).every(([office, stamp]) => office === ourOfficeId || (g[office] ?? '') >= stamp)) {
    const ownG = g[ourOfficeId] ?? '';
    const held = ownHeldWithin(db, ourOfficeId, ownG, ours);
    if (held) adoptStable(db, meetVectors([g, { ...held, [ourOfficeId]: ownG }]));
  }
  const current = snapshot && snapshot.offices.join() === offices.join() ? snapshot : null;
  // Else the snapshot waits until it is reached (replacing it each time would chase a moving target).
  if (current && !reached(current)) return readStable(db);
  writeSetting(db, SNAPSHOT, JSON.stringify({ offices, g, r } satisfies Snapshot));
  return current ? adoptStable(db, current.g) : readStable(db);
}
