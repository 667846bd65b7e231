import { AmparoError } from '../../../shared/errors';
import {
  ACTIVE_ASSIGNMENT_STATUSES,
  type Assignment,
  type Attorney,
  type CaseEvent,
  type Person,
} from '../../../shared/model';
import type { Database } from '../kernel/context';
import { followLatestTransfer, recordFacilityEdit } from './custody';
import { createRecord, getRecord, updateRecord } from './repository';
import { sqlList } from './statements';
import type { Writer } from './writer';

// Case rules that span records: who may be assigned, and what a timeline event does to the person.

const ACTIVE = sqlList(ACTIVE_ASSIGNMENT_STATUSES);

export interface AssignmentCheck {
  activeCases: number;
  capacity: number | null;
  overCapacity: boolean;
  conflict: boolean;
  hasActiveLead: boolean;
}

export function activeCaseCount(db: Database, attorneyId: string): number {
  const row = db
    .prepare(
      `SELECT count(*) AS n FROM assignments WHERE attorney_id = ? AND status IN (${ACTIVE}) AND deleted_at IS NULL`,
    )
    .get(attorneyId) as { n: number };
  return row.n;
}

export function checkAssignment(
  db: Database,
  personId: string,
  attorneyId: string,
  excludeId?: string,
): AssignmentCheck {
  getRecord(db, 'person', personId);
  const attorney: Attorney = getRecord(db, 'attorney', attorneyId);
  const activeCases = activeCaseCount(db, attorneyId);
  const capacity = attorney.capacity ?? null;
  const lead = db
    .prepare(
      `SELECT count(*) AS n FROM assignments WHERE person_id = ? AND role = 'LEAD' AND status IN (${ACTIVE}) AND deleted_at IS NULL AND id IS NOT ?`,
    )
    .get(personId, excludeId ?? null) as { n: number };
  return {
    activeCases,
    capacity,
    overCapacity: capacity !== null && activeCases >= capacity,
    conflict: (attorney.conflicts ?? []).includes(personId),
    hasActiveLead: lead.n > 0,
  };
}

function enforce(
  db: Database,
  assignment: Pick<Assignment, 'personId' | 'attorneyId' | 'role' | 'status'>,
  excludeId?: string,
): AssignmentCheck {
  const check = checkAssignment(db, assignment.personId, assignment.attorneyId, excludeId);
  if (check.conflict) {
    throw new AmparoError(
      'FORBIDDEN',
      'This attorney has a conflict of interest with this person and cannot be assigned.',
    );
  }
  const active = (ACTIVE_ASSIGNMENT_STATUSES as readonly string[]).includes(assignment.status);
  if (active && assignment.role === 'LEAD' && check.hasActiveLead) {
    throw new AmparoError(
      'CONFLICT',
      'This person already has an active lead attorney. Close that assignment first.',
    );
  }
  return check;
}

/** Creates an assignment after the rules; capacity is a warning, a conflict of interest a refusal. */
export function createAssignment(w: Writer, input: unknown): { record: Assignment; warnings: string[] } {
  const draft = { role: 'LEAD', status: 'OFFERED', ...(input as object) } as Assignment;
  const check = enforce(w.session.db, draft);
  const record = createRecord(w, 'assignment', input);
  if ((ACTIVE_ASSIGNMENT_STATUSES as readonly string[]).includes(record.status))
    markAssigned(w, record.personId);
  return { record, warnings: check.overCapacity ? ['OVER_CAPACITY'] : [] };
}

export function updateAssignment(w: Writer, id: string, patch: Record<string, unknown>): Assignment {
  const current = getRecord(w.session.db, 'assignment', id);
  const next = {
    ...current,
    ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined && v !== null)),
  } as Assignment;
  enforce(w.session.db, next, id);
  const record = updateRecord(w, 'assignment', id, patch);
  if ((ACTIVE_ASSIGNMENT_STATUSES as readonly string[]).includes(record.status))
    markAssigned(w, record.personId);
  return record;
}

function markAssigned(w: Writer, personId: string): void {
  const person: Person = getRecord(w.session.db, 'person', personId);
  if (person.caseStatus !== 'ASSIGNED' && person.caseStatus !== 'CLOSED')
    updateRecord(w, 'person', personId, { caseStatus: 'ASSIGNED' });
}

/**
 * A TRANSFER places the person at the destination of the latest transfer by date (custody.ts); RELEASE and
 * REMOVAL update custody.
 */
export function createEvent(w: Writer, input: unknown): CaseEvent {
  const record = createRecord(w, 'event', input);
  getRecord(w.session.db, 'person', record.personId);
  if (record.kind === 'TRANSFER') {
    for (const facility of [record.facilityId, record.fromFacilityId])
      if (facility) getRecord(w.session.db, 'facility', facility);
    followLatestTransfer(w, record.personId, record.id);
  } else if (record.kind === 'RELEASE') {
    updateRecord(w, 'person', record.personId, { custodyStatus: 'RELEASED' });
  } else if (record.kind === 'REMOVAL') {
    updateRecord(w, 'person', record.personId, { custodyStatus: 'REMOVED' });
  }
  return record;
}

/** A transfer moved in time, to another facility, or into or out of being a transfer: custody follows. */
export function updateEvent(w: Writer, id: string, patch: Record<string, unknown>): CaseEvent {
  const before = getRecord(w.session.db, 'event', id);
  const record = updateRecord(w, 'event', id, patch);
  if (record.kind === 'TRANSFER')
    for (const facility of [record.facilityId, record.fromFacilityId])
      if (facility) getRecord(w.session.db, 'facility', facility);
  if (before.kind === 'TRANSFER' || record.kind === 'TRANSFER')
    followLatestTransfer(w, record.personId, record.kind === 'TRANSFER' ? record.id : undefined);
  return record;
}

/** A person edit; a new facility is recorded as a transfer made now (custody.ts). */
export function updatePerson(w: Writer, id: string, patch: Record<string, unknown>): Person {
  return updateRecord(w, 'person', id, recordFacilityEdit(w, id, patch));
}

/** A transfer deleted or restored: the person is where the latest remaining transfer took her. */
export function eventDeleted(w: Writer, event: CaseEvent): void {
  if (event.kind !== 'TRANSFER') return;
  // The person goes with her events; nothing to follow then.
  const alive = w.session.db
    .prepare('SELECT 1 FROM people WHERE id = ? AND deleted_at IS NULL')
    .get(event.personId);
  if (alive) followLatestTransfer(w, event.personId);
}
