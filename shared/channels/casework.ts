import { z } from 'zod';
import { Id } from '../records/common';

// Case-work reads across records: a person's custody history (from her transfers) and the deadlines, both
// typed ones and those derived from the case file, in the office's time zone.

export const CustodyHistory = z.object({
  /** Where the person is now: the latest transfer by date, else where she was held at intake. */
  current: z.object({ facilityId: Id.nullable(), since: z.string().nullable() }),
  /** Transfers, latest first. */
  entries: z.array(
    z.object({
      eventId: Id,
      at: z.string(),
      facilityId: Id.nullable(),
      fromFacilityId: Id.nullable(),
      notes: z.string().nullable(),
    }),
  ),
});
export type CustodyHistory = z.infer<typeof CustodyHistory>;

export const DEADLINE_KINDS = ['BIA_APPEAL', 'HABEAS_RETURN', 'BOND_HEARING', 'MANUAL'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export const DeadlineItem = z.object({
  /** Stable per deadline: `deadline:<id>` for a typed one, `<kind>:<person id>[:<event id>]` for a derived one. */
  key: z.string(),
  kind: z.enum(DEADLINE_KINDS),
  personId: Id,
  personName: z.string(),
  /** What is due (typed deadlines only; derived ones are named by their kind). */
  what: z.string().nullable(),
  /** The instant it runs out, UTC ISO. */
  dueAt: z.string(),
  /** True when only a date is known: it runs out at the end of that day in the office's zone. */
  dateOnly: z.boolean(),
  overdue: z.boolean(),
  done: z.boolean(),
  /** The typed deadline's record id, to edit or mark done. */
  deadlineId: Id.nullable(),
  responsible: z
    .object({ kind: z.enum(['attorney', 'volunteer']), id: Id, name: z.string().nullable() })
    .nullable(),
});
export type DeadlineItem = z.infer<typeof DeadlineItem>;

export const DeadlineQuery = z
  .object({
    /** Only deadlines due within this many days from now (overdue ones are always listed). */
    days: z.number().int().min(0).max(3650).optional(),
    personId: Id.optional(),
    /** Also list deadlines marked done. */
    includeDone: z.boolean().optional(),
    limit: z.number().int().min(1).max(5000).optional(),
  })
  .strict();
export type DeadlineQuery = z.infer<typeof DeadlineQuery>;

export const caseworkChannels = {
  'custody:history': { input: z.object({ personId: Id }).strict(), output: CustodyHistory },
  /** Open deadlines, overdue first, then by due date. */
  'deadline:upcoming': {
    input: DeadlineQuery,
    output: z.object({ rows: z.array(DeadlineItem), zone: z.string() }),
  },
} as const;
