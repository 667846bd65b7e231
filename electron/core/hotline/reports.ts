import type { ReportDetail } from '../../../shared/channels/hotline';
import {
  CALLBACK_KEEP_HOURS,
  type Dispatch,
  type Person,
  type Report,
  type Volunteer,
} from '../../../shared/model';
import type { Database } from '../kernel/context';
import { getRecord, toRecord, updateRecord, type RecordRow } from '../records/repository';
import { stmt } from '../records/statements';
import type { Writer } from '../records/writer';
import { briefOf } from './candidates';

// A report as the hotline works it (its people and dispatches), and the erasure of callers' callbacks.

/** A volunteer by id, deleted ones included while their row is there: past dispatches keep their name. */
function volunteerById(db: Database, id: string): Volunteer | null {
  const row = stmt(db, 'SELECT rowid, * FROM volunteers WHERE id = ?').get(id) as RecordRow | undefined;
  return row ? toRecord<'volunteer'>(row) : null;
}

export function reportDetail(db: Database, id: string): ReportDetail {
  const report: Report = getRecord(db, 'report', id);
  // The people the report lists and those whose intake started from it: the link is kept on both sides,
  // but an office may have received only one side of it.
  const people = stmt(
    db,
    `SELECT rowid, * FROM people WHERE deleted_at IS NULL
     AND (report_id = ? OR id IN (SELECT value FROM json_each(?)))
     ORDER BY family_name COLLATE NOCASE, given_name COLLATE NOCASE`,
  ).all(id, JSON.stringify(report.personIds ?? [])) as RecordRow[];
  const dispatches = (
    stmt(
      db,
      'SELECT rowid, * FROM dispatches WHERE report_id = ? AND deleted_at IS NULL ORDER BY sent_at DESC, id',
    ).all(id) as RecordRow[]
  ).map((row) => toRecord<'dispatch'>(row));
  const sentIds = new Set(dispatches.map((d) => d.volunteerId));
  return {
    report,
    people: people.map((row) => {
      const person = toRecord<'person'>(row) as Person;
      return {
        id: person.id,
        givenName: person.givenName,
        familyName: person.familyName,
        custodyStatus: person.custodyStatus ?? null,
      };
    }),
    dispatches: dispatches.map((dispatch: Dispatch) => {
      const volunteer = volunteerById(db, dispatch.volunteerId);
      return { dispatch, volunteer: volunteer ? briefOf(volunteer) : null };
    }),
    sentBefore: (report.dispatchedVolunteerIds ?? [])
      .filter((v) => !sentIds.has(v))
      .flatMap((v) => {
        const volunteer = volunteerById(db, v);
        return volunteer ? [briefOf(volunteer)] : [];
      }),
  };
}

/**
 * Erases the callback of every report received more than CALLBACK_KEEP_HOURS ago (closing erases it too,
 * in the report's rules). An ordinary, audited edit: partners that received the callback get its erasure.
 * Returns how many were erased.
 */
export function eraseOldCallbacks(w: Writer, now: Date): number {
  const cutoff = new Date(now.getTime() - CALLBACK_KEEP_HOURS * 3_600_000).toISOString();
  const ids = stmt(
    w.session.db,
    `SELECT id FROM reports WHERE deleted_at IS NULL AND json_extract(data, '$.callback') IS NOT NULL
     AND unixepoch(received_at, 'subsec') <= unixepoch(?, 'subsec')`,
  ).all(cutoff) as { id: string }[];
  for (const { id } of ids) updateRecord(w, 'report', id, { callback: null });
  return ids.length;
}
