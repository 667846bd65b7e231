import type { Kind } from '../../../shared/model';

// Per-kind storage facts the generic repository needs: the table, which fields can be sorted and filtered
// (each maps to an indexed generated column), and the default order.

export interface KindSpec {
  table: string;
  sort: Record<string, string>;
  filter: Record<string, string>;
  defaultSort: string;
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
    },
    defaultSort: 'familyName',
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
  },
  event: {
    table: 'events',
    sort: { ...common, at: 'at' },
    filter: { personId: 'person_id', kind: 'kind' },
    defaultSort: 'at',
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
    filter: { county: 'county', verification: 'verification' },
    defaultSort: 'receivedAt',
  },
};
