import { z } from 'zod';
import {
  ANumber,
  CountryCode,
  County,
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
import { Alias, Bond, CaregiverPlan, CourtCase, Habeas, LocatorCheck } from './case-file';

// The case file's parts (court, bond, habeas, locator) are declared next to this schema.
export * from './case-file';

export const ARRESTING_AGENCIES = [
  'ICE',
  'CBP',
  'BORDER_PATROL',
  'HSI',
  'NATIONAL_GUARD',
  'LOCAL_POLICE',
  'OTHER',
  'UNKNOWN',
] as const;
export const CUSTODY_STATUSES = [
  'REPORTED',
  'CONFIRMED_DETAINED',
  'TRANSFERRED',
  'RELEASED',
  'REMOVED',
  'UNKNOWN',
] as const;
export const CASE_STATUSES = ['INTAKE', 'LOCATING', 'NEEDS_ATTORNEY', 'ASSIGNED', 'CLOSED'] as const;
export const PRIORITIES = ['NORMAL', 'HIGH', 'URGENT'] as const;
export const REPORT_SOURCES = ['HOTLINE', 'WALK_IN', 'REFERRAL', 'OTHER'] as const;

/** Someone close to the person whom the network may call: family, a caregiver, a friend. */
export const FamilyContact = z
  .object({
    name: Name,
    relationship: ShortText.optional(),
    phone: Phone.optional(),
    language: LanguageCode.optional(),
    /** Calling someone can expose them: nobody is called until a person says it is safe. */
    okToContact: z.boolean().default(false),
  })
  .strict();

/** A detained or at-risk person: the subject of a case. Only the two names are required. */
export const person = recordSchemas({
  givenName: Name,
  familyName: Name,
  otherNames: z.array(Name).max(20).optional(),
  /** Every name exactly as ICE paperwork spells it, for the Online Detainee Locator. */
  aliases: z.array(Alias).max(20).optional(),
  aNumber: ANumber.optional(),
  dateOfBirth: IsoDate.optional(),
  countryOfBirth: CountryCode.optional(),
  languages: z.array(LanguageCode).max(10).optional(),
  needsInterpreter: z.boolean().optional(),
  phone: Phone.optional(),
  detainedAt: IsoDateTime.optional(),
  arrestLocation: ShortText.optional(),
  arrestCounty: County.optional(),
  arrestingAgency: z.enum(ARRESTING_AGENCIES).optional(),
  facilityId: Id.optional(),
  custodyStatus: z.enum(CUSTODY_STATUSES).optional(),
  caseStatus: z.enum(CASE_STATUSES).optional(),
  priority: z.enum(PRIORITIES).optional(),
  minorsAtHome: z.number().int().min(0).max(30).optional(),
  caregiverPlan: CaregiverPlan.optional(),
  medicalNeeds: LongText.optional(),
  contacts: z.array(FamilyContact).max(20).optional(),
  consentRecorded: z.boolean().optional(),
  reportSource: z.enum(REPORT_SOURCES).optional(),
  /** The hotline report the intake started from (the report lists the person too). */
  reportId: Id.optional(),
  notes: LongText.optional(),
  courtCase: CourtCase.optional(),
  bond: Bond.optional(),
  habeas: Habeas.optional(),
  locatorChecks: z.array(LocatorCheck).max(500).optional(),
  /** A legal hold: the case is never deleted or purged while it is set, here or by a partner's bundle. */
  legalHold: z
    .object({ reason: ShortText.min(1), since: IsoDateTime })
    .strict()
    .optional(),
});
export type Person = z.infer<typeof person.record>;
