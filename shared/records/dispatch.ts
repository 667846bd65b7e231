import { z } from 'zod';
import { Id, IsoDateTime, LongText, recordSchemas } from './common';
import { VOLUNTEER_ROLES } from './volunteer';

// A volunteer sent to a hotline report: when, as what, how it went.

/** SENT → ON_SITE → DONE, or CANCELLED before it is done. */
export const DISPATCH_STATUSES = ['SENT', 'ON_SITE', 'DONE', 'CANCELLED'] as const;
export type DispatchStatus = (typeof DISPATCH_STATUSES)[number];
/** The roles a report's candidates are chosen for. */
export const DISPATCH_ROLES = ['LEGAL_OBSERVER', 'RAPID_RESPONDER'] as const;

export const dispatch = recordSchemas({
  reportId: Id,
  volunteerId: Id,
  role: z.enum(VOLUNTEER_ROLES).optional(),
  sentAt: IsoDateTime,
  status: z.enum(DISPATCH_STATUSES).default('SENT'),
  /** Set by the core when the status moves on. */
  onSiteAt: IsoDateTime.optional(),
  endedAt: IsoDateTime.optional(),
  /** The volunteer's report-back. */
  notes: LongText.optional(),
});
export type Dispatch = z.infer<typeof dispatch.record>;
