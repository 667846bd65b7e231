import { z } from 'zod';
import { BOND_DECISIONS } from '../records/case-file';
import { Id } from '../records/common';

// The case file's own queries. Court, bond, habeas and locator checks are person fields, written through
// `person:update`; what is here reads across people.

/** Where a bond stands: the decision, PAID once it is paid, REQUESTED while no decision is known. */
export const BOND_STATUSES = ['GRANTED', 'REQUESTED', 'PAID', ...BOND_DECISIONS.slice(1)] as const;
export const BondStatus = z.enum(BOND_STATUSES);
export type BondStatus = z.infer<typeof BondStatus>;

export const BondRow = z.object({
  personId: Id,
  givenName: z.string(),
  familyName: z.string(),
  status: BondStatus,
  amount: z.number().nullable(),
  requestedOn: z.string().nullable(),
  decidedOn: z.string().nullable(),
  paidOn: z.string().nullable(),
  paidBy: z.string().nullable(),
  receipt: z.string().nullable(),
  facilityId: z.string().nullable(),
  /** The next bond hearing on the person's timeline, else the latest one. */
  hearingAt: z.string().nullable(),
});
export type BondRow = z.infer<typeof BondRow>;

export const caseFileChannels = {
  /** Bonds for a bond fund, by status: granted and unpaid first (the money is needed), then requested,
   * paid, denied, no jurisdiction; the longest waiting first within a status. */
  'bond:list': {
    input: z
      .object({
        status: BondStatus.optional(),
        limit: z.number().int().min(1).max(1000).optional(),
        offset: z.number().int().min(0).optional(),
      })
      .strict(),
    output: z.object({ rows: z.array(BondRow), total: z.number() }),
  },
} as const;
