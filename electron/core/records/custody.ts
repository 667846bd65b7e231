import type { CaseEvent, Person } from '../../../shared/model';
import type { CustodyHistory } from '../../../shared/channels/casework';
import type { Database } from '../kernel/context';
import { createRecord, getRecord, toRecord, updateRecord, type RecordRow } from './repository';
import { stmt } from './statements';
import type { Writer } from './writer';

// Custody history. A transfer is a case event of kind TRANSFER (so it syncs, is redacted and goes with the
// person like every event): from one facility to another, at a date. Where the person is now is the
// destination of the latest transfer by date, whatever order the transfers were typed in: a back-dated
// "SF hold rooms, 11-28" typed after "Jena, 12-01" is history, not the present. The person's `facilityId`
// keeps a copy for lists and filters, written whenever a transfer changes here.

/** Latest first: by date, then (same instant) the one entered last. */
export function byLatest(a: CaseEvent, b: CaseEvent): number {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1;
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return a.id < b.id ? 1 : -1;
}

export function transfersOf(db: Database, personId: string): CaseEvent[] {
  const rows = stmt(
    db,
    "SELECT id, data, created_at, updated_at FROM events WHERE person_id = ? AND kind = 'TRANSFER' AND deleted_at IS NULL",
  ).all(personId) as RecordRow[];
  return rows.map((row) => toRecord<'event'>(row)).sort(byLatest);
}

/**
 * The history, latest first. A transfer typed without its origin came from the place the one before it
 * (by date) went to, or, for the first, from where the person was held at intake.
 */
export function custodyHistory(db: Database, personId: string): CustodyHistory {
  const person: Person = getRecord(db, 'person', personId);
  const transfers = transfersOf(db, personId);
  const entries = transfers.map((t, i) => ({
    eventId: t.id,
    at: t.at,
    facilityId: t.facilityId ?? null,
    fromFacilityId: t.fromFacilityId ?? transfers[i + 1]?.facilityId ?? null,
    notes: t.notes ?? null,
  }));
  const latest = transfers[0];
  return {
    current: latest
      ? { facilityId: latest.facilityId ?? null, since: latest.at }
      : { facilityId: person.facilityId ?? null, since: person.detainedAt ?? null },
    entries,
  };
}

/**
 * After a transfer was added or changed: the person's facility becomes the latest transfer's destination.
 * Returns whether that transfer (`eventId`) is now the latest one.
 */
export function followLatestTransfer(w: Writer, personId: string, eventId?: string): boolean {
  const { db } = w.session;
  const latest = transfersOf(db, personId)[0];
  if (!latest) return false;
  const person: Person = getRecord(db, 'person', personId);
  const isLatest = eventId !== undefined && latest.id === eventId;
  const patch: Record<string, unknown> = {};
  if ((person.facilityId ?? null) !== (latest.facilityId ?? null))
    patch.facilityId = latest.facilityId ?? null;
  if (isLatest && person.custodyStatus !== 'TRANSFERRED') patch.custodyStatus = 'TRANSFERRED';
  if (Object.keys(patch).length > 0) updateRecord(w, 'person', personId, patch);
  return isLatest;
}

/**
 * Editing a person's facility directly is a transfer made now, from where she was: it is recorded as one,
 * so the history stays whole and the latest-by-date rule holds. Returns the patch left to apply.
 */
export function recordFacilityEdit<P extends { facilityId?: string | null }>(
  w: Writer,
  personId: string,
  patch: P,
): P {
  if (patch.facilityId === undefined) return patch;
  const { db } = w.session;
  const person: Person = getRecord(db, 'person', personId);
  const from = custodyHistory(db, personId).current.facilityId;
  const to = patch.facilityId;
  if ((from ?? null) === (to ?? null)) return patch;
  if (to) getRecord(db, 'facility', to);
  createRecord(w, 'event', {
    personId,
    kind: 'TRANSFER',
    at: w.now(),
    ...(to ? { facilityId: to } : {}),
    ...(from ? { fromFacilityId: from } : {}),
  });
  const rest = { ...patch };
  delete rest.facilityId;
  followLatestTransfer(w, person.id);
  return rest;
}
