import { AmparoError } from '../../../shared/errors';
import type {
  Dispatch,
  DispatchStatus,
  Person,
  Report,
  Verification,
  Volunteer,
} from '../../../shared/model';
import type { Database } from '../kernel/context';
import { createRecord, getRecord, updateRecord } from './repository';
import { stmt } from './statements';
import type { Writer } from './writer';

// Rules of the hotline's records, on local writes: a report's verification is stamped with who changed it
// and when, and never goes back to UNVERIFIED; closing a report erases the caller's callback; a dispatch's
// status moves forward only (its times stamped by the core); an intake started from a report lists the
// person on the report too. Sync's merge applies what other offices wrote as they wrote it.

type Data = Record<string, unknown>;

const fieldError = (path: string, message: string, summary: string) =>
  new AmparoError('INVALID_INPUT', summary, [{ path, message }]);

/** Who to name as having changed something: the operator, or the office when no operator is set. */
const actor = (w: Writer) => w.operator || w.session.office.name;

/** The fields a report's state sets by itself, from the state before (none for a new report) and after. */
function reportStamps(w: Writer, before: Partial<Report> | null, after: Data): Data {
  const stamps: Data = {};
  const now = w.now();
  const was = (before?.verification ?? 'UNVERIFIED') as Verification;
  const next = (after.verification ?? was) as Verification;
  if (before && was !== 'UNVERIFIED' && next === 'UNVERIFIED')
    throw fieldError(
      'verification',
      'A report being checked or checked cannot go back to unverified',
      'This verification change is not allowed.',
    );
  if (next !== was) Object.assign(stamps, { verifiedBy: actor(w), verifiedAt: now });
  const wasClosed = before?.status === 'CLOSED';
  const closed = (after.status ?? before?.status) === 'CLOSED';
  // The callback is kept only while someone may need to call back: closing the report erases it.
  if (closed && !wasClosed) Object.assign(stamps, { closedAt: now, callback: null });
  if (!closed && wasClosed) stamps.closedAt = null;
  return stamps;
}

/** Fields only the core sets: what a client sends for them is ignored. */
const withoutStamps = (input: Data, fields: readonly string[]) =>
  Object.fromEntries(Object.entries(input).filter(([key]) => !fields.includes(key)));
const REPORT_STAMPS = ['verifiedBy', 'verifiedAt', 'closedAt'];
const DISPATCH_STAMPS = ['onSiteAt', 'endedAt'];

export function createReport(w: Writer, input: Data): Report {
  const clean = withoutStamps(input, REPORT_STAMPS);
  const stamps = reportStamps(w, null, clean);
  const data = { ...clean, ...stamps };
  if (data.callback === null) delete data.callback;
  return createRecord(w, 'report', data);
}

export function updateReport(w: Writer, id: string, patch: Data): Report {
  const before: Report = getRecord(w.session.db, 'report', id);
  const clean = withoutStamps(patch, REPORT_STAMPS);
  return updateRecord(w, 'report', id, { ...clean, ...reportStamps(w, before, clean) });
}

/** Where each dispatch status may go next; DONE and CANCELLED are final. */
const NEXT: Record<DispatchStatus, readonly DispatchStatus[]> = {
  SENT: ['ON_SITE', 'DONE', 'CANCELLED'],
  ON_SITE: ['DONE', 'CANCELLED'],
  DONE: [],
  CANCELLED: [],
};

function dispatchStamps(w: Writer, was: DispatchStatus | null, next: DispatchStatus): Data {
  if (was === next) return {};
  if (was !== null && !NEXT[was].includes(next))
    throw fieldError(
      'status',
      `A dispatch that is ${was.toLowerCase().replace('_', ' ')} cannot become ${next.toLowerCase().replace('_', ' ')}`,
      'This dispatch status change is not allowed.',
    );
  const now = w.now();
  if (next === 'ON_SITE') return { onSiteAt: now };
  if (next === 'DONE' || next === 'CANCELLED') return { endedAt: now };
  return {};
}

/** A live dispatch of this volunteer to this report that is not over, if any. */
export function openDispatch(db: Database, reportId: string, volunteerId: string): string | null {
  const row = stmt(
    db,
    `SELECT id FROM dispatches WHERE report_id = ? AND volunteer_id = ? AND deleted_at IS NULL
     AND status IN ('SENT', 'ON_SITE') LIMIT 1`,
  ).get(reportId, volunteerId) as { id: string } | undefined;
  return row?.id ?? null;
}

export function createDispatch(w: Writer, input: Data): Dispatch {
  const { db } = w.session;
  const clean = withoutStamps(input, DISPATCH_STAMPS);
  const report: Report = getRecord(db, 'report', String(clean.reportId));
  const volunteer: Volunteer = getRecord(db, 'volunteer', String(clean.volunteerId));
  if (report.status === 'CLOSED')
    throw fieldError('reportId', 'This report is closed', 'Reopen the report before sending anyone.');
  if (volunteer.status === 'INACTIVE' || volunteer.status === 'ON_LEAVE')
    throw fieldError('volunteerId', 'This volunteer is not active', 'Only active volunteers can be sent.');
  if (openDispatch(db, report.id, volunteer.id))
    throw new AmparoError('CONFLICT', 'This volunteer is already on their way to this report.');
  const status = (clean.status ?? 'SENT') as DispatchStatus;
  return createRecord(w, 'dispatch', { ...clean, ...dispatchStamps(w, 'SENT', status) });
}

export function updateDispatch(w: Writer, id: string, patch: Data): Dispatch {
  const before: Dispatch = getRecord(w.session.db, 'dispatch', id);
  const clean = withoutStamps(patch, DISPATCH_STAMPS);
  if (clean.reportId !== undefined && clean.reportId !== before.reportId)
    throw fieldError('reportId', 'A dispatch stays with its report', 'A dispatch cannot move.');
  if (clean.volunteerId !== undefined && clean.volunteerId !== before.volunteerId)
    throw fieldError('volunteerId', 'Send a new dispatch instead', 'A dispatch cannot change volunteer.');
  const next = (clean.status ?? before.status) as DispatchStatus;
  return updateRecord(w, 'dispatch', id, { ...clean, ...dispatchStamps(w, before.status, next) });
}

/** A person created from a report is listed on the report, in the same transaction. */
export function createPerson(w: Writer, input: Data): Person {
  const reportId = typeof input.reportId === 'string' ? input.reportId : undefined;
  const report: Report | null = reportId ? getRecord(w.session.db, 'report', reportId) : null;
  const person: Person = createRecord(w, 'person', input);
  if (report) {
    const ids = [...new Set([...(report.personIds ?? []), person.id])];
    updateRecord(w, 'report', report.id, { personIds: ids });
  }
  return person;
}
