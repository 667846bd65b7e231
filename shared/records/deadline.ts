import { z } from 'zod';
import { Id, IsoDateTime, LongText, recordSchemas, ShortText } from './common';

// A deadline someone typed in: what must be done, by when, and who answers for it (an attorney or a
// volunteer). Deadlines that follow from the case file (the BIA appeal, the habeas return, a bond hearing)
// are derived when they are read and never stored (electron/core/records/deadlines/).

const fields = {
  personId: Id,
  what: ShortText.min(1, { message: 'Required' }),
  /** When it is due. A deadline typed as a date alone is due at the end of that day in the office. */
  dueAt: IsoDateTime,
  /** Who answers for it: an attorney or a volunteer, not both. */
  attorneyId: Id.optional(),
  volunteerId: Id.optional(),
  done: z.boolean().optional(),
  notes: LongText.optional(),
};

const oneResponsible = (value: { attorneyId?: unknown; volunteerId?: unknown }, ctx: z.RefinementCtx) => {
  if (value.attorneyId && value.volunteerId)
    ctx.addIssue({
      code: 'custom',
      path: ['volunteerId'],
      message: 'Choose an attorney or a volunteer, not both',
    });
};

const base = recordSchemas(fields);
export const deadline = {
  ...base,
  create: base.create.superRefine(oneResponsible),
};
export type Deadline = z.infer<typeof deadline.record>;
