import { z } from 'zod';
import {
  County,
  Email,
  IsoDate,
  LanguageCode,
  LongText,
  Name,
  Phone,
  recordSchemas,
  ShortText,
} from './common';

export const VOLUNTEER_ROLES = [
  'HOTLINE',
  'LEGAL_OBSERVER',
  'RAPID_RESPONDER',
  'ACCOMPANIMENT',
  'DRIVER',
  'INTERPRETER',
  'KYR_TRAINER',
  'CHILDCARE',
  'OTHER',
] as const;
export const VOLUNTEER_STATUSES = ['ACTIVE', 'INACTIVE', 'ON_LEAVE'] as const;

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'Use a time such as 09:30' });

export const Training = z
  .object({ kind: ShortText.min(1), completedOn: IsoDate, expiresOn: IsoDate.optional() })
  .strict();
/** A weekly slot: day 0 = Sunday … 6 = Saturday, local times. */
export const Slot = z.object({ day: z.number().int().min(0).max(6), start: Time, end: Time }).strict();

export const volunteer = recordSchemas({
  givenName: Name,
  familyName: Name,
  phone: Phone.optional(),
  email: Email.optional(),
  signal: ShortText.optional(),
  languages: z.array(LanguageCode).max(10).optional(),
  counties: z.array(County).max(30).optional(),
  roles: z.array(z.enum(VOLUNTEER_ROLES)).max(9).optional(),
  trainings: z.array(Training).max(50).optional(),
  availability: z.array(Slot).max(50).optional(),
  status: z.enum(VOLUNTEER_STATUSES).optional(),
  vettedOn: IsoDate.optional(),
  notes: LongText.optional(),
});
export type Volunteer = z.infer<typeof volunteer.record>;
