import { z } from 'zod';
import {
  County,
  Id,
  IsoDateTime,
  LanguageCode,
  LongText,
  Name,
  Phone,
  recordSchemas,
  ShortText,
} from './common';

// Detention facilities and hotline reports of enforcement activity.

/** UNVERIFIED → CHECKING → VERIFIED or FALSE_ALARM; a report never goes back to UNVERIFIED. */
export const VERIFICATIONS = ['UNVERIFIED', 'CHECKING', 'VERIFIED', 'FALSE_ALARM'] as const;
export type Verification = (typeof VERIFICATIONS)[number];
export const REPORT_AGENCIES = [
  'ICE',
  'CBP',
  'BORDER_PATROL',
  'HSI',
  'NATIONAL_GUARD',
  'LOCAL_POLICE',
  'OTHER',
  'UNKNOWN',
] as const;
export const REPORT_STATUSES = ['OPEN', 'CLOSED'] as const;
/** A caller's callback is erased by itself this long after the report was received (and when it closes). */
export const CALLBACK_KEEP_HOURS = 72;

export const facility = recordSchemas({
  name: Name,
  address: ShortText.optional(),
  operator: ShortText.optional(),
  phone: Phone.optional(),
  kind: ShortText.optional(),
  /** Where the address and phone come from, and what to check before relying on them. */
  source: LongText.optional(),
});
export type Facility = z.infer<typeof facility.record>;

/** How to reach the caller back: kept only while it is needed. */
export const Callback = z
  .object({
    phone: Phone.min(1, { message: 'Required' }),
    name: ShortText.optional(),
    language: LanguageCode.optional(),
  })
  .strict();
export type Callback = z.infer<typeof Callback>;

export const report = recordSchemas({
  receivedAt: IsoDateTime,
  /** When the activity was seen, when the caller knows (it often precedes the call). */
  incidentAt: IsoDateTime.optional(),
  location: ShortText.optional(),
  county: County.optional(),
  agency: z.enum(REPORT_AGENCIES).optional(),
  /** What was seen. */
  description: LongText.optional(),
  vehicles: z.string().max(2000).optional(),
  /** The language the people on the scene speak, for choosing who goes. */
  language: LanguageCode.optional(),
  callback: Callback.optional(),
  verification: z.enum(VERIFICATIONS).default('UNVERIFIED'),
  /** Who last changed the verification, and when: set by the core, not typed. */
  verifiedBy: ShortText.optional(),
  verifiedAt: IsoDateTime.optional(),
  /** A report stored before status existed is open. */
  status: z.enum(REPORT_STATUSES).default('OPEN'),
  closedAt: IsoDateTime.optional(),
  /** Volunteers sent before dispatches were records of their own; new dispatches are `dispatch` records. */
  dispatchedVolunteerIds: z.array(Id).max(100).optional(),
  personIds: z.array(Id).max(100).optional(),
});
export type Report = z.infer<typeof report.record>;
