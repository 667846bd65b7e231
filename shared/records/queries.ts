import { z } from 'zod';
import { County, Id, IsoDate, LanguageCode } from './common';
import { VOLUNTEER_ROLES, VOLUNTEER_STATUSES } from './volunteer';

// Inputs of the record queries that are not plain lists.

export const PEOPLE_VIEWS = [
  'UNASSIGNED',
  'URGENT',
  'HEARINGS_THIS_WEEK',
  'DETAINED_48H_NO_ATTORNEY',
] as const;
export const PeopleView = z.enum(PEOPLE_VIEWS);
export type PeopleView = z.infer<typeof PeopleView>;

export const DuplicateQuery = z
  .object({
    givenName: z.string().max(120).optional(),
    familyName: z.string().max(120).optional(),
    aNumber: z.string().max(40).optional(),
    dateOfBirth: IsoDate.optional(),
    excludeId: Id.optional(),
  })
  .strict();
export type DuplicateQuery = z.infer<typeof DuplicateQuery>;

export const VolunteerQuery = z
  .object({
    language: LanguageCode.optional(),
    county: County.optional(),
    role: z.enum(VOLUNTEER_ROLES).optional(),
    status: z.enum(VOLUNTEER_STATUSES).optional(),
    training: z.enum(['CURRENT', 'EXPIRED']).optional(),
    trainingKind: z.string().max(80).optional(),
    availableNow: z.boolean().optional(),
    limit: z.number().int().min(1).max(1000).optional(),
    offset: z.number().int().min(0).optional(),
  })
  .strict();
export type VolunteerQuery = z.infer<typeof VolunteerQuery>;

const Brief = z.object({
  id: Id,
  givenName: z.string(),
  familyName: z.string(),
  priority: z.string(),
  detainedAt: z.string().nullable(),
});
export const Dashboard = z.object({
  counts: z.object({
    people: z.number(),
    openCases: z.number(),
    volunteers: z.number(),
    attorneys: z.number(),
    reportsToday: z.number(),
  }),
  urgent: z.array(Brief),
  unassigned: z.array(Brief),
  hearings: z.array(
    z.object({
      id: Id,
      personId: Id,
      kind: z.string(),
      at: z.string(),
      location: z.string().nullable(),
      personName: z.string().nullable(),
    }),
  ),
});
export type Dashboard = z.infer<typeof Dashboard>;
