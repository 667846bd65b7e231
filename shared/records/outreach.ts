import { z } from 'zod';
import { County, Id, IsoDate, LanguageCode, LongText, recordSchemas, ShortText } from './common';

// Know-Your-Rights outreach: workshops given in the community and the red cards handed out there.

export const workshop = recordSchemas({
  date: IsoDate,
  county: County,
  language: LanguageCode,
  hostOrganization: ShortText.optional(),
  /** Volunteers of the roster who gave it. */
  trainerIds: z.array(Id).max(20).optional(),
  attendees: z.number().int().min(0).max(100_000).optional(),
  cardsHandedOut: z.number().int().min(0).max(1_000_000).optional(),
  notes: LongText.optional(),
});
export type Workshop = z.infer<typeof workshop.record>;
