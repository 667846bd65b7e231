import { z } from 'zod';
import {
  Email,
  Id,
  IsoDate,
  IsoDateTime,
  LanguageCode,
  LongText,
  Name,
  Phone,
  recordSchemas,
  ShortText,
} from './common';

// Attorneys, their assignments to people, and the case timeline.

export const SPECIALTIES = ['BOND', 'HABEAS', 'REMOVAL_DEFENSE', 'ASYLUM', 'CRIMMIGRATION', 'OTHER'] as const;
export const ATTORNEY_STATUSES = ['ACTIVE', 'INACTIVE'] as const;
export const ASSIGNMENT_ROLES = ['LEAD', 'CO_COUNSEL', 'CONSULT'] as const;
export const ASSIGNMENT_STATUSES = ['OFFERED', 'ACCEPTED', 'DECLINED', 'ACTIVE', 'CLOSED'] as const;
export const EVENT_KINDS = [
  'MASTER_CALENDAR',
  'BOND_HEARING',
  'INDIVIDUAL_HEARING',
  'CHECK_IN',
  'TRANSFER',
  'RELEASE',
  'REMOVAL',
  'HABEAS_FILED',
  'VISIT',
  'CALL',
  'OTHER',
] as const;
export const HEARING_KINDS = ['MASTER_CALENDAR', 'BOND_HEARING', 'INDIVIDUAL_HEARING'] as const;
/** Assignments that count as the attorney working the case (capacity, the lead rule, "assigned"). */
export const ACTIVE_ASSIGNMENT_STATUSES = ['ACCEPTED', 'ACTIVE'] as const;

export const attorney = recordSchemas({
  givenName: Name,
  familyName: Name,
  organization: ShortText.optional(),
  barNumber: ShortText.optional(),
  barState: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  phone: Phone.optional(),
  email: Email.optional(),
  languages: z.array(LanguageCode).max(10).optional(),
  specialties: z.array(z.enum(SPECIALTIES)).max(6).optional(),
  /** Maximum active cases. */
  capacity: z.number().int().min(0).max(500).optional(),
  /** People this attorney must not take (conflicts of interest). */
  conflicts: z.array(Id).max(500).optional(),
  status: z.enum(ATTORNEY_STATUSES).optional(),
});
export type Attorney = z.infer<typeof attorney.record>;

export const assignment = recordSchemas({
  personId: Id,
  attorneyId: Id,
  role: z.enum(ASSIGNMENT_ROLES).default('LEAD'),
  status: z.enum(ASSIGNMENT_STATUSES).default('OFFERED'),
  assignedOn: IsoDate.optional(),
  notes: LongText.optional(),
});
export type Assignment = z.infer<typeof assignment.record>;

export const event = recordSchemas({
  personId: Id,
  kind: z.enum(EVENT_KINDS),
  at: IsoDateTime,
  location: ShortText.optional(),
  judge: ShortText.optional(),
  outcome: ShortText.optional(),
  /** For TRANSFER: the facility the person was moved to. The latest transfer by date is where she is. */
  facilityId: Id.optional(),
  /** For TRANSFER: the facility she was moved from, when known. */
  fromFacilityId: Id.optional(),
  notes: LongText.optional(),
});
export type CaseEvent = z.infer<typeof event.record>;
