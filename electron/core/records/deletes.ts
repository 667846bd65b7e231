import { AmparoError } from '../../../shared/errors';
import { DEFAULT_KEEP_DAYS } from '../../../shared/channels/deletes';
import { HEARING_KINDS, KINDS, type Kind, type Person } from '../../../shared/model';
import type { Database } from '../kernel/context';
import { contextOfRow, readDeletion, type Deletion } from './deletion';
import { readFloor } from './floor';
import { eraseRow, updateRow, type StoredRow } from './rows';
import { readSetting, writeSetting } from './settings';
import { SPECS } from './specs';
import { stmt } from './statements';
import { writeAuditOf, type Writer } from './writer';

// Local deletes. A delete first moves the record to Recently deleted (hidden, never exported with its
// values, restorable) for N days, then erases it: only id, kind and the deletion stay (rows.ts eraseRow).
// N is a vault setting (default 14; 0 erases at once), and "erase now" skips the wait for a person who asks
// to be forgotten. A restore is a deletion write that undoes the delete, so it travels to other offices like
// any edit. A person on legal hold can't be deleted.

const KEEP_DAYS_KEY = 'deletes.keepDays';
const DAY_MS = 24 * 60 * 60 * 1000;

export function keepDays(db: Database): number {
  const value = readSetting(db, KEEP_DAYS_KEY);
  return value === undefined ? DEFAULT_KEEP_DAYS : Number(value);
}

export function setKeepDays(db: Database, days: number): void {
  writeSetting(db, KEEP_DAYS_KEY, String(days));
}

function findRow(db: Database, kind: Kind, id: string): StoredRow | undefined {
  return stmt(db, `SELECT rowid, * FROM ${SPECS[kind].table} WHERE id = ?`).get(id) as StoredRow | undefined;
}

/** Throws LEGAL_HOLD when the record is a person on hold (or belongs to one). */
export function assertNotHeld(db: Database, kind: Kind, data: Record<string, unknown>): void {
  // A hold is on a person; what belongs to a person (its spec's `belongsTo`) is held with her.
  const owner = SPECS[kind].belongsTo;
  const personId = owner?.kind === 'person' ? (data[owner.by] as string | undefined) : undefined;
  const person =
    kind === 'person'
      ? (data as Partial<Person>)
      : personId
        ? (JSON.parse(
            (stmt(db, 'SELECT data FROM people WHERE id = ?').get(personId) as { data: string } | undefined)
              ?.data ?? '{}',
          ) as Partial<Person>)
        : {};
  if (person.legalHold) {
    throw new AmparoError(
      'LEGAL_HOLD',
      'This case is on legal hold: it cannot be deleted or purged until the hold is lifted.',
    );
  }
}

/** The kinds whose records belong to a record of `kind` (their spec's `belongsTo`). */
function dependentKinds(kind: Kind): Kind[] {
  return KINDS.filter((k) => SPECS[k].belongsTo?.kind === kind);
}

/**
 * What belongs to a record (a person's events and assignments, a report's dispatches): live ones (deletedAt
 * null), or those deleted together with it.
 */
function dependentsOf(db: Database, kind: Kind, id: string, deletedAt: string | null) {
  return dependentKinds(kind).flatMap((dependent) => {
    const { table, filter, belongsTo } = SPECS[dependent];
    const column = filter[(belongsTo as { by: string }).by] as string;
    const rows = stmt(db, `SELECT rowid, * FROM ${table} WHERE ${column} = ? AND deleted_at IS ?`).all(
      id,
      deletedAt,
    ) as StoredRow[];
    return rows.map((row) => ({ kind: dependent, row }));
  });
}

/** Deletes a live record: to Recently deleted, or erased at once when asked or when N is 0. */
export function deleteRecord(
  w: Writer,
  kind: Kind,
  id: string,
  options: { eraseNow?: boolean } = {},
): { id: string; deleted: true; erased: boolean } {
  const { db } = w.session;
  const row = findRow(db, kind, id);
  if (!row || row.deleted_at !== null) throw new AmparoError('NOT_FOUND', `No ${kind} with that id.`);
  assertNotHeld(db, kind, JSON.parse(row.data) as Record<string, unknown>);
  const now = w.now();
  const erase = options.eraseNow === true || keepDays(db) === 0;
  // What belongs to it goes with it (a person's events, a report's dispatches).
  const gone = [{ kind, row }, ...dependentsOf(db, kind, id, null)];
  for (const { kind: goneKind, row: goneRow } of gone) {
    const deletion = stampDeletion(w, goneKind, goneRow, true, now);
    if (erase) eraseRow(db, goneKind, goneRow, deletion, writeAuditOf(w, now));
  }
  return { id, deleted: true, erased: erase };
}

/** Brings a record back from Recently deleted, as an edit every office applies, with what went with it. */
export function restoreRecord(w: Writer, kind: Kind, id: string): { id: string } {
  const { db } = w.session;
  const row = findRow(db, kind, id);
  if (!row || row.deleted_at === null)
    throw new AmparoError('NOT_FOUND', `No recently deleted ${kind} with that id.`);
  const now = w.now();
  const back = [{ kind, row }, ...dependentsOf(db, kind, id, row.deleted_at)];
  for (const item of back) stampDeletion(w, item.kind, item.row, false, now);
  return { id };
}

/**
 * Writes a deletion (delete, or restore when `deleted` is false) that has seen everything the row holds.
 * Only the deletion changes: a later "not deleted" wins like any later write, and the record then goes out
 * whole in the next bundle, so an office that had already erased it gets it back.
 */
function stampDeletion(w: Writer, kind: Kind, row: StoredRow, deleted: boolean, now: string): Deletion {
  const stamp = w.hlc.tick();
  const ctx = contextOfRow(
    row.field_clocks,
    row.field_ctx,
    readDeletion(row.deletion),
    stamp,
    readFloor(w.session.db),
  );
  const deletion: Deletion = ctx ? { deleted, clock: stamp, ctx } : { deleted, clock: stamp };
  updateRow(
    w.session.db,
    kind,
    row,
    {
      data: JSON.parse(row.data) as Record<string, unknown>,
      fieldClocks: row.field_clocks,
      fieldContexts: row.field_ctx,
      clock: stamp,
      updatedAt: now,
      deletedAt: deleted ? now : null,
      deletion,
    },
    { action: deleted ? 'delete' : 'restore', fields: [] },
    writeAuditOf(w, now),
  );
  return deletion;
}

/**
 * Ends a "deleted there, changed here" conflict by keeping the record: a deletion write that has seen the
 * delete and says "not deleted", so every office stops showing the conflict once it arrives.
 */
export function keepRecord(w: Writer, kind: Kind, id: string): { id: string } {
  const { db } = w.session;
  const row = findRow(db, kind, id);
  const prior = readDeletion(row?.deletion);
  if (!row || row.deleted_at !== null || !prior?.deleted)
    throw new AmparoError('NOT_FOUND', `No ${kind} with a pending delete has that id.`);
  stampDeletion(w, kind, row, false, w.now());
  return { id };
}

export interface PendingDelete {
  kind: Kind;
  id: string;
  label: string;
  /** The office whose delete this record outlived. */
  deletedBy: string;
  held: boolean;
}

/** Records alive although a deletion reached them: deleted at another office, changed (or held) here. */
export function pendingDeletes(db: Database): PendingDelete[] {
  const out: PendingDelete[] = [];
  for (const kind of KINDS) {
    const rows = stmt(
      db,
      `SELECT id, data, deletion FROM ${SPECS[kind].table}
       WHERE deleted_at IS NULL AND deletion IS NOT NULL AND json_extract(deletion, '$.deleted') = 1
       ORDER BY id`,
    ).all() as { id: string; data: string; deletion: string }[];
    for (const row of rows) {
      const data = JSON.parse(row.data) as Record<string, unknown>;
      out.push({
        kind,
        id: row.id,
        label: labelOf(data),
        deletedBy: (readDeletion(row.deletion) as Deletion).clock.slice(18),
        held: data.legalHold !== undefined,
      });
    }
  }
  return out;
}

/** Erases a record in Recently deleted now, with what went with it (a person's events, a report's dispatches). */
export function eraseRecord(w: Writer, kind: Kind, id: string): { id: string } {
  const { db } = w.session;
  const row = findRow(db, kind, id);
  if (!row || row.deleted_at === null || !readDeletion(row.deletion))
    throw new AmparoError('NOT_FOUND', `No recently deleted ${kind} with that id.`);
  const by = writeAuditOf(w, w.now());
  const gone = [{ kind, row }, ...dependentsOf(db, kind, id, row.deleted_at)];
  for (const item of gone) {
    const deletion = readDeletion(item.row.deletion);
    if (deletion) eraseRow(db, item.kind, item.row, deletion, by);
  }
  return { id };
}

export interface DeletedItem {
  kind: Kind;
  id: string;
  label: string;
  deletedAt: string;
  eraseAfter: string;
}

/** A human label for a record in lists of deletes: names where the kind has them. */
export function labelOf(data: Record<string, unknown>): string {
  const name = [data.givenName, data.familyName].filter((p) => typeof p === 'string').join(' ');
  if (name) return name;
  for (const key of ['name', 'title', 'place', 'kind'])
    if (typeof data[key] === 'string') return data[key] as string;
  return '';
}

export function listDeleted(db: Database): DeletedItem[] {
  const days = keepDays(db);
  const items: DeletedItem[] = [];
  for (const kind of KINDS) {
    const rows = stmt(
      db,
      `SELECT id, data, deleted_at FROM ${SPECS[kind].table} WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC`,
    ).all() as { id: string; data: string; deleted_at: string }[];
    const belongsTo = SPECS[kind].belongsTo;
    for (const row of rows) {
      const data = JSON.parse(row.data) as Record<string, unknown>;
      const ownerId = belongsTo ? data[belongsTo.by] : undefined;
      items.push({
        kind,
        id: row.id,
        label: labelOf(data),
        deletedAt: row.deleted_at,
        eraseAfter: new Date(Date.parse(row.deleted_at) + days * DAY_MS).toISOString(),
        ...(belongsTo && typeof ownerId === 'string' ? { owner: { kind: belongsTo.kind, id: ownerId } } : {}),
      });
    }
  }
  return items.sort((a, b) => b.deletedAt.localeCompare(a.deletedAt));
}

/** Erases everything in Recently deleted older than N days (or all of it); returns how many. */
export function eraseDue(w: Writer, now: Date, options: { all?: boolean } = {}): number {
  const { db } = w.session;
  const cutoff = options.all
    ? '9999-12-31T23:59:59.999Z'
    : new Date(now.getTime() - keepDays(db) * DAY_MS).toISOString();
  const by = writeAuditOf(w, w.now());
  let erased = 0;
  for (const kind of KINDS) {
    const rows = stmt(
      db,
      `SELECT rowid, id, deletion FROM ${SPECS[kind].table} WHERE deleted_at IS NOT NULL AND deleted_at <= ?`,
    ).all(cutoff) as { rowid: number; id: string; deletion: string | null }[];
    for (const row of rows) {
      const deletion = readDeletion(row.deletion);
      if (!deletion) continue;
      eraseRow(db, kind, row, deletion, by);
      erased++;
    }
  }
  return erased;
}

export interface TakenAlong {
  events: number;
  assignments: number;
  deadlines: number;
  /** The person's next hearing, if one is still to come. */
  nextHearing: string | null;
}

/** What deleting a person takes with her: her live events, assignments and deadlines, and her next hearing. */
export function takenAlong(db: Database, personId: string, now: Date): TakenAlong {
  const count = (table: string) =>
    (
      stmt(db, `SELECT count(*) AS n FROM ${table} WHERE person_id = ? AND deleted_at IS NULL`).get(
        personId,
      ) as { n: number }
    ).n;
  const kinds = HEARING_KINDS.map(() => '?').join(', ');
  const next = stmt(
    db,
    `SELECT min(at) AS at FROM events WHERE person_id = ? AND deleted_at IS NULL AND kind IN (${kinds})
     AND unixepoch(at) >= unixepoch(?)`,
  ).get(personId, ...HEARING_KINDS, now.toISOString()) as { at: string | null };
  return {
    events: count('events'),
    assignments: count('assignments'),
    deadlines: count('deadlines'),
    nextHearing: next.at,
  };
}
