import { z } from 'zod';
import { DISPATCH_ROLES, Id, IsoDate, SCHEMAS, VOLUNTEER_ROLES, VOLUNTEER_STATUSES } from '../model';

// The hotline's channels beyond each kind's CRUD: a report with its people and dispatches, the volunteers
// to send to a report (best first), sending them, and the Know-Your-Rights outreach totals.

/** A volunteer as a dispatcher needs them: to choose and to call. Shown on screen or printed only. */
export const VolunteerBrief = z.object({
  id: Id,
  givenName: z.string(),
  familyName: z.string(),
  phone: z.string().nullable(),
  languages: z.array(z.string()),
  counties: z.array(z.string()),
  roles: z.array(z.enum(VOLUNTEER_ROLES)),
  status: z.enum(VOLUNTEER_STATUSES).nullable(),
});
export type VolunteerBrief = z.infer<typeof VolunteerBrief>;

export const Candidate = z.object({
  volunteer: VolunteerBrief,
  /** What made them rank where they are, in ranking order after the role. */
  matches: z.object({
    county: z.boolean(),
    training: z.boolean(),
    availableNow: z.boolean(),
    language: z.boolean(),
  }),
});
export type Candidate = z.infer<typeof Candidate>;

export const ReportDetail = z.object({
  report: SCHEMAS.report.record,
  people: z.array(
    z.object({ id: Id, givenName: z.string(), familyName: z.string(), custodyStatus: z.string().nullable() }),
  ),
  /** Every dispatch to this report, newest first; a volunteer who has since left still shows (null if erased). */
  dispatches: z.array(z.object({ dispatch: SCHEMAS.dispatch.record, volunteer: VolunteerBrief.nullable() })),
  /** Volunteers recorded as sent before dispatches were records (no time, no status). */
  sentBefore: z.array(VolunteerBrief),
});
export type ReportDetail = z.infer<typeof ReportDetail>;

const Totals = z.object({ workshops: z.number(), attendees: z.number(), cards: z.number() });
export const OutreachStats = z.object({
  from: IsoDate.nullable(),
  to: IsoDate.nullable(),
  total: Totals,
  /** Per county, most workshops first. */
  counties: z.array(Totals.extend({ county: z.string() })),
  /** Per month (YYYY-MM) and county, in month order. */
  months: z.array(Totals.extend({ month: z.string(), county: z.string() })),
});
export type OutreachStats = z.infer<typeof OutreachStats>;

export const hotlineChannels = {
  'report:detail': { input: z.object({ id: Id }).strict(), output: ReportDetail },
  'dispatch:candidates': {
    input: z
      .object({
        reportId: Id,
        role: z.enum(DISPATCH_ROLES).optional(),
        limit: z.number().int().min(1).max(500).optional(),
      })
      .strict(),
    output: z.array(Candidate),
  },
  /** Sends volunteers to a report now, one dispatch each, all or none. */
  'dispatch:send': {
    input: z
      .object({
        reportId: Id,
        volunteerIds: z.array(Id).min(1).max(20),
        role: z.enum(VOLUNTEER_ROLES).optional(),
      })
      .strict(),
    output: z.array(SCHEMAS.dispatch.record),
  },
  /**
   * Workshops, attendees and cards per county and month between two dates (included). `lastMonths` counts
   * back whole months from this one, in the office's time zone (the dashboard's chart).
   */
  'outreach:stats': {
    input: z
      .object({
        from: IsoDate.optional(),
        to: IsoDate.optional(),
        lastMonths: z.number().int().min(1).max(120).optional(),
      })
      .strict(),
    output: OutreachStats,
  },
} as const;
