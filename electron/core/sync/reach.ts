import type { Database } from '../kernel/context';
import { stmt } from '../records/statements';
import { joinVectors, readVector, vectorAtMost, writeVector, type Vector } from './vectors';

// What each office is known to have, so a bundle carries only what its recipients lack.
// Two sources, as the README's sync section tells:
// - an office's own word: every bundle it sends says what it holds completely (`knowledge`), which bundles
//   it has imported (`received`) and what is stable (`peer_reports`, kept per office, only ever raised);
// - promises: a complete bundle (one that removes nothing and carries everything above its base) raises its
//   recipients' knowledge to its own once imported. Until a recipient's own word says it imported the bundle,
//   this office counts on it arriving (so it never echoes what it or another office just sent). Once it says
//   so, its word alone counts: a bundle that was lost, or arrived before its base, is made good by the next.
//   A bundle this office sent under a redacting profile tells only what that profile sends; it counts for
//   later bundles under the same profile.

export interface Report {
  knowledge: Vector;
  received: Vector;
  stable: Vector;
  /** When the office came to hold `knowledge` of the others (absent from older bundles). */
  heldSince?: string;
  reportedAt: string;
}

/** An office's word as stability reads it: what it holds completely, and since when. */
export interface HeldReport {
  knowledge: Vector;
  heldSince: string | null;
}

// Parsed knowledge vectors by their JSON, per open database: stability reads every office's word at every
// import, and most words have not changed since the last one.
const parsed = new WeakMap<Database, Map<string, { json: string; vector: Vector }>>();

/** What each office said it holds completely (its last word's `knowledge`) and since when, by office. */
export function readReportedKnowledge(db: Database): Map<string, HeldReport> {
  let cache = parsed.get(db);
  if (!cache) {
    cache = new Map();
    parsed.set(db, cache);
  }
  const out = new Map<string, HeldReport>();
  const rows = stmt(db, 'SELECT office_id, knowledge, held_since FROM peer_reports').all() as {
    office_id: string;
    knowledge: string;
    held_since: string | null;
  }[];
  for (const row of rows) {
    let hit = cache.get(row.office_id);
    if (hit?.json !== row.knowledge) {
      hit = { json: row.knowledge, vector: readVector(row.knowledge) };
      cache.set(row.office_id, hit);
    }
    out.set(row.office_id, { knowledge: hit.vector, heldSince: row.held_since });
  }
  return out;
}

function readReport(db: Database, officeId: string): Report | undefined {
  const row = stmt(
    db,
    'SELECT knowledge, received, stable, held_since, reported_at FROM peer_reports WHERE office_id = ?',
  ).get(officeId) as
    | {
        knowledge: string;
        received: string;
        stable: string;
        held_since: string | null;
        reported_at: string;
      }
    | undefined;
  return (
    row && {
      knowledge: readVector(row.knowledge),
      received: readVector(row.received),
      stable: readVector(row.stable),
      ...(row.held_since ? { heldSince: row.held_since } : {}),
      reportedAt: row.reported_at,
    }
  );
}

/**
 * The "held since" of two words joined: each word's knowledge needs a stamp at or after the moment it was
 * held, its own or the other word's when that word's knowledge covers it; the later one then bounds both.
 * Undefined when a word without one (an older bundle) says more than the other.
 */
function joinedHeldSince(a: Report, b: Report): string | undefined {
  const bounded = (x: Report, y: Report) =>
    x.heldSince !== undefined || (y.heldSince !== undefined && vectorAtMost(x.knowledge, y.knowledge));
  if (!bounded(a, b) || !bounded(b, a)) return undefined;
  return [a.heldSince ?? '', b.heldSince ?? ''].sort().at(-1);
}

/**
 * Raises what an office said of itself (bundles may arrive out of order: each entry only grows). The
 * knowledge joined from two words keeps a "held since" only when it still bounds all of it.
 */
export function noteReport(db: Database, officeId: string, report: Report): void {
  const before = readReport(db, officeId);
  const heldSince = before ? joinedHeldSince(before, report) : report.heldSince;
  const merged: Report = before
    ? {
        knowledge: joinVectors(before.knowledge, report.knowledge),
        received: joinVectors(before.received, report.received),
        stable: joinVectors(before.stable, report.stable),
        ...(heldSince ? { heldSince } : {}),
        reportedAt: report.reportedAt > before.reportedAt ? report.reportedAt : before.reportedAt,
      }
    : report;
  stmt(
    db,
    `INSERT INTO peer_reports (office_id, knowledge, received, stable, held_since, reported_at)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (office_id) DO UPDATE SET knowledge = excluded.knowledge, received = excluded.received,
       stable = excluded.stable, held_since = excluded.held_since, reported_at = excluded.reported_at`,
  ).run(
    officeId,
    writeVector(merged.knowledge),
    writeVector(merged.received),
    writeVector(merged.stable),
    merged.heldSince ?? null,
    merged.reportedAt,
  );
}

export interface SyncPromise {
  bundleId: string;
  senderOffice: string;
  /** The sender's own knowledge entry: the bundle's stamp. */
  highClock: string;
  recipients: string[];
  knowledge: Vector;
  complete: boolean;
  /** A redacting profile this office sent under (bundles it made only). */
  profile: string | null;
  /** The "held since" the bundle said (recorded for this office's own bundles: stability reads it). */
  heldSince?: string | null;
}

export function recordPromise(db: Database, p: SyncPromise): void {
  stmt(
    db,
    `INSERT OR IGNORE INTO sync_promises (bundle_id, sender_office, high_clock, recipients, knowledge, complete,
       profile, held_since) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    p.bundleId,
    p.senderOffice,
    p.highClock,
    JSON.stringify(p.recipients),
    writeVector(p.knowledge),
    p.complete ? 1 : 0,
    p.profile,
    p.heldSince ?? null,
  );
}

/**
 * Forgets bundles that can tell nothing more. Another office's: a later bundle from the same office stands
 * for it in `receivedVector`, and `knownTo` passes over it, being incomplete (another office's incomplete
 * bundle never counts) or imported by every recipient this office knows (`received` only grows). This
 * office's own complete bundles: every recipient has said it imported it, and stability has moved past it
 * (`ownStable`, this office's entry in the stable vector: stability reads only its bundles above that). Its
 * incomplete ones stay (what went under a redacting profile counts for later bundles under it). So the
 * table holds about a round of bundles however long a coalition runs, and `knownTo` scans only those.
 * Returns how many were forgotten.
 */
export function pruneSettledPromises(db: Database, ourOfficeId: string, ownStable: string): number {
  return stmt(
    db,
    `DELETE FROM sync_promises AS p
     WHERE (p.sender_office != @own
         AND p.high_clock < (SELECT max(q.high_clock) FROM sync_promises AS q WHERE q.sender_office = p.sender_office)
       OR p.sender_office = @own AND p.complete = 1 AND p.high_clock <= @ownStable)
       AND (p.complete = 0 OR NOT EXISTS (
         SELECT 1 FROM json_each(p.recipients) AS r
         WHERE r.value != @own
           AND coalesce((SELECT json_extract(pr.received, '$."' || p.sender_office || '"')
                         FROM peer_reports AS pr WHERE pr.office_id = r.value), '') < p.high_clock))`,
  ).run({ own: ourOfficeId, ownStable }).changes;
}

/** Per office, the highest bundle stamp imported from it: sent in manifests as `received`. */
export function receivedVector(db: Database, ourOfficeId: string): Vector {
  const rows = stmt(
    db,
    'SELECT sender_office, max(high_clock) AS high FROM sync_promises WHERE sender_office != ? GROUP BY sender_office',
  ).all(ourOfficeId) as { sender_office: string; high: string }[];
  return Object.fromEntries(rows.map((r) => [r.sender_office, r.high]));
}

/**
 * What office `officeId` is known to hold, for a bundle under `profile` (null: a profile that removes
 * nothing): its own word, joined with every complete bundle addressed to it that it has not yet said it
 * imported, and with what this office sent it under the same redacting profile.
 */
export function knownTo(db: Database, ourOfficeId: string, officeId: string, profile: string | null): Vector {
  const report = readReport(db, officeId);
  const received = report?.received ?? {};
  const rows = stmt(
    db,
    `SELECT sender_office, high_clock, knowledge, complete, profile FROM sync_promises
     WHERE EXISTS (SELECT 1 FROM json_each(recipients) WHERE value = ?)`,
  ).all(officeId) as {
    sender_office: string;
    high_clock: string;
    knowledge: string;
    complete: number;
    profile: string | null;
  }[];
  const parts: Vector[] = [report?.knowledge ?? {}];
  for (const row of rows) {
    const settled = row.high_clock <= (received[row.sender_office] ?? '');
    if (row.complete === 1 && !settled) parts.push(readVector(row.knowledge));
    else if (
      row.complete === 0 &&
      profile !== null &&
      row.sender_office === ourOfficeId &&
      row.profile === profile
    )
      parts.push(readVector(row.knowledge));
  }
  return joinVectors(...parts);
}
