import { z } from 'zod';
import { County, Id, IsoDateTime, LongText, Name, Phone, recordSchemas, ShortText } from './common';

// Detention facilities and hotline reports of enforcement activity.

export const VERIFICATIONS = ['UNVERIFIED', 'VERIFIED', 'FALSE_ALARM'] as const;

export const facility = recordSchemas({
  name: Name,
  address: ShortText.optional(),
  operator: ShortText.optional(),
  phone: Phone.optional(),
  kind: ShortText.optional(),
});
export type Facility = z.infer<typeof facility.record>;

export const report = recordSchemas({
  receivedAt: IsoDateTime,
  location: ShortText.optional(),
  county: County.optional(),
  description: LongText.optional(),
  verification: z.enum(VERIFICATIONS).default('UNVERIFIED'),
  dispatchedVolunteerIds: z.array(Id).max(100).optional(),
  personIds: z.array(Id).max(100).optional(),
});
export type Report = z.infer<typeof report.record>;
