import type { Kind } from '../../../shared/model';
import { normalizedName, searchText } from './people-index';

// Per-kind storage facts, declared once: the table, which fields can be sorted and filtered (each maps to an
// indexed generated column), the default order, and the kind's special storage behaviour. The row writer
// (rows.ts) and the list queries read these; no other module branches on a kind's name.

export interface KindSpec {
  table: string;
  sort: Record<string, string>;
  filter: Record<string, string>;
  /**
   * Filters on a range rather than one value: `withinHours` takes a number of hours back from now (instants
   * compared as instants), `from`/`to` a bound included (ISO dates, which sort as text).
   */
  ranges?: Record<string, { column: string; op: 'withinHours' | 'from' | 'to' }>;
  defaultSort: string;
  /**
   * Columns kept in code rather than generated from the JSON (SQL cannot fold accents). Returns the same
   * column names for every record of the kind.
   */
  derived?: (data: Record<string, unknown>) => Record<string, string>;
  /** Fields holding instants (dotted for nested ones): stored in UTC form whoever wrote them. */
  instants?: readonly string[];
  /**
   * The record this one belongs to, named by one of its filters (e.g. an event's person): it is deleted,
   * restored and erased together with that record, so nothing is left pointing at no one.
   */
  belongsTo?: { kind: Kind; by: string };
  /** A full-text index (FTS5, keyed by the row's rowid) kept in step with live rows. */
  search?: { table: string; text: (data: Record<string, unknown>) => string };
}

// A sort value may list several columns (", "-separated); the direction applies to each.
const names = {
  familyName: 'family_name COLLATE NOCASE, given_name COLLATE NOCASE',
  givenName: 'given_name COLLATE NOCASE',
};
const common = { updatedAt: 'updated_at', createdAt: 'created_at' };

export const SPECS: Record<Kind, KindSpec> = {
  person: {
    table: 'people',
    sort: {
      ...names,
      ...common,
      detainedAt: 'detained_at',
      priority: "CASE priority WHEN 'URGENT' THEN 0 WHEN 'HIGH' THEN 1 ELSE 2 END",
      caseStatus: 'case_status',
    },
    filter: {
      caseStatus: 'case_status',
      priority: 'priority',
      custodyStatus: 'custody_status',
      arrestCounty: 'arrest_county',
      facilityId: 'facility_id',
      aNumber: 'a_number',
      dateOfBirth: 'date_of_birth',
      reportId: 'report_id',
    },
    defaultSort: 'familyName',
    instants: ['detainedAt', 'legalHold.since'],
    derived: (data) => ({ norm_name: normalizedName(data) }),
    search: { table: 'people_fts', text: searchText },
  },
  volunteer: {
    table: 'volunteers',
    sort: { ...names, ...common },
    filter: { status: 'status' },
    defaultSort: 'familyName',
  },
  attorney: {
    table: 'attorneys',
    sort: { ...names, ...common },
    filter: { status: 'status' },
    defaultSort: 'familyName',
  },
  assignment: {
    table: 'assignments',
    sort: { ...common },
    filter: { personId: 'person_id', attorneyId: 'attorney_id', status: 'status', role: 'role' },
    defaultSort: 'createdAt',
    belongsTo: { kind: 'person', by: 'personId' },
  },
  event: {
    table: 'events',
    sort: { ...common, at: 'at' },
    filter: { personId: 'person_id', kind: 'kind' },
    defaultSort: 'at',
    belongsTo: { kind: 'person', by: 'personId' },
    instants: ['at'],
  },
  facility: {
    table: 'facilities',
    sort: { ...common, name: 'name COLLATE NOCASE' },
    filter: {},
    defaultSort: 'name',
  },
  report: {
    table: 'reports',
    sort: { ...common, receivedAt: 'received_at' },
    filter: { county: 'county', verification: 'verification', status: 'status' },
    ranges: { receivedWithinHours: { column: 'received_at', op: 'withinHours' } },
    defaultSort: 'receivedAt',
    instants: ['receivedAt', 'incidentAt', 'verifiedAt', 'closedAt'],
  },
  dispatch: {
    table: 'dispatches',
    sort: { ...common, sentAt: 'sent_at' },
    filter: { reportId: 'report_id', volunteerId: 'volunteer_id', status: 'status' },
    ranges: { sentWithinHours: { column: 'sent_at', op: 'withinHours' } },
    defaultSort: 'sentAt',
    belongsTo: { kind: 'report', by: 'reportId' },
    instants: ['sentAt', 'onSiteAt', 'endedAt'],
  },
  workshop: {
    table: 'workshops',
    sort: { ...common, date: 'date' },
    filter: { county: 'county', language: 'language' },
    ranges: { from: { column: 'date', op: 'from' }, to: { column: 'date', op: 'to' } },
    defaultSort: 'date',
  },
  deadline: {
    table: 'deadlines',
    sort: { ...common, dueAt: 'due_at' },
    filter: { personId: 'person_id', attorneyId: 'attorney_id', volunteerId: 'volunteer_id' },
    defaultSort: 'dueAt',
    belongsTo: { kind: 'person', by: 'personId' },
    instants: ['dueAt'],
  },
};
