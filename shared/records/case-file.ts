import { addDays, format, parseISO } from 'date-fns';
import { z } from 'zod';
import seed from '../../resources/courts.json' with { type: 'json' };
import { IsoDate, IsoDateTime, LongText, Name, ShortText } from './common';

// A person's case file beyond the intake: the immigration court (EOIR) track, bond, the federal habeas
// petition, and the checks made on ICE's Online Detainee Locator. Each is one field of the person record
// (one current court case, bond and petition per person), so it syncs, is redacted and is erased with her.
//
// Deadlines derived from these fields (the Deadlines screen reads them by these names):
// - BIA appeal: `courtCase.decision.on` + 30 days (biaAppealDue), done once `courtCase.appealFiledOn` is set;
// - habeas return: `habeas.returnDue`;
// - bond hearing: the person's BOND_HEARING events (hearings are events, never copied here).

export interface CourtEntry {
  key: string;
  name: string;
  address?: string;
  phone?: string;
  detained: boolean;
  /** Where the entry comes from and what to check before relying on it. */
  source: string;
}
export interface DistrictEntry {
  key: string;
  name: string;
  source: string;
}

/** The immigration courts a Bay Area case is heard in, detained dockets out of state included. */
export const COURTS: readonly CourtEntry[] = seed.courts;
/** Federal districts where the habeas petitions of people held by those courts are filed. */
export const DISTRICTS: readonly DistrictEntry[] = seed.districts;
export const COURTS_SOURCE: string = seed.source;

const courtKeys = new Set(COURTS.map((c) => c.key));
const districtKeys = new Set(DISTRICTS.map((d) => d.key));

export const courtByKey = (key: string | undefined): CourtEntry | undefined =>
  COURTS.find((c) => c.key === key);
export const districtByKey = (key: string | undefined): DistrictEntry | undefined =>
  DISTRICTS.find((d) => d.key === key);

export const CourtKey = z
  .string()
  .trim()
  .refine((key) => courtKeys.has(key), { message: 'Choose a court from the list' });
export const DistrictKey = z
  .string()
  .trim()
  .refine((key) => districtKeys.has(key), { message: 'Choose a district court from the list' });

/** Whole US dollars. The statute sets a $1,500 floor for a bond under INA 236(a). */
export const BOND_MINIMUM = 1500;
export const BondAmount = z
  .number({ message: 'Enter an amount in dollars' })
  .int({ message: 'Enter whole dollars' })
  .min(BOND_MINIMUM, { message: `A bond is at least $${BOND_MINIMUM}` })
  .max(10_000_000, { message: 'Check the amount' });

export const IJ_OUTCOMES = [
  'RELIEF_GRANTED',
  'REMOVAL_ORDERED',
  'VOLUNTARY_DEPARTURE',
  'TERMINATED',
  'OTHER',
] as const;
export const BOND_DECISIONS = ['GRANTED', 'DENIED', 'NO_JURISDICTION'] as const;
export const TRO_STATUSES = ['NOT_SOUGHT', 'REQUESTED', 'GRANTED', 'DENIED'] as const;
export const OSC_STATUSES = ['NOT_ISSUED', 'ISSUED', 'RETURN_FILED', 'DISCHARGED'] as const;
export const LOCATOR_METHODS = ['A_NUMBER', 'NAME'] as const;
export const LOCATOR_RESULTS = ['FOUND', 'NOT_FOUND', 'UNAVAILABLE'] as const;

/** Days to file a BIA appeal after the immigration judge's decision. */
export const BIA_APPEAL_DAYS = 30;

/** The BIA appeal's due date: 30 calendar days after the decision (a YYYY-MM-DD date, no time zone). */
export function biaAppealDue(decidedOn: string): string {
  return format(addDays(parseISO(decidedOn), BIA_APPEAL_DAYS), 'yyyy-MM-dd');
}

/** The immigration court (EOIR) track. */
export const CourtCase = z
  .object({
    court: CourtKey,
    judge: ShortText.optional(),
    /** The immigration judge's decision: its date (oral decision, or service of the written one) and outcome. */
    decision: z
      .object({ on: IsoDate, outcome: z.enum(IJ_OUTCOMES) })
      .strict()
      .optional(),
    /** The BIA appeal (Notice of Appeal) filed on; its due date is derived from the decision. */
    appealFiledOn: IsoDate.optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.appealFiledOn && !value.decision)
      ctx.addIssue({
        code: 'custom',
        path: ['appealFiledOn'],
        message: 'An appeal needs the decision first',
      });
  });
export type CourtCase = z.infer<typeof CourtCase>;

/** Bond under 8 CFR 1003.19. The obligor is kept by name only (who posted it, for the refund). */
export const Bond = z
  .object({
    requestedOn: IsoDate.optional(),
    decision: z.enum(BOND_DECISIONS).optional(),
    decidedOn: IsoDate.optional(),
    amount: BondAmount.optional(),
    paidOn: IsoDate.optional(),
    paidBy: Name.optional(),
    receipt: ShortText.optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.decision === 'GRANTED' && value.amount === undefined)
      ctx.addIssue({ code: 'custom', path: ['amount'], message: 'A granted bond needs its amount' });
    if (value.decision !== 'GRANTED' && value.amount !== undefined)
      ctx.addIssue({ code: 'custom', path: ['amount'], message: 'Only a granted bond has an amount' });
    if (value.decision !== 'GRANTED' && (value.paidOn || value.paidBy))
      ctx.addIssue({ code: 'custom', path: ['paidOn'], message: 'Only a granted bond can be paid' });
  });
export type Bond = z.infer<typeof Bond>;

/** A habeas corpus petition (28 U.S.C. §2241) in federal district court. */
export const Habeas = z
  .object({
    district: DistrictKey,
    caseNumber: ShortText.optional(),
    judge: ShortText.optional(),
    filedOn: IsoDate.optional(),
    tro: z.enum(TRO_STATUSES).optional(),
    osc: z.enum(OSC_STATUSES).optional(),
    /** When the government's return to the order to show cause is due. */
    returnDue: IsoDate.optional(),
    /** The court ordered that the person not be moved out of the district. */
    noTransferOrder: z.boolean().optional(),
  })
  .strict();
export type Habeas = z.infer<typeof Habeas>;

/** One search of the ICE Online Detainee Locator and what it returned. */
export const LocatorCheck = z
  .object({
    at: IsoDateTime,
    by: Name,
    method: z.enum(LOCATOR_METHODS),
    result: z.enum(LOCATOR_RESULTS),
    /** The facility the locator showed, as it spelled it. */
    facility: ShortText.optional(),
    note: ShortText.optional(),
  })
  .strict();
export type LocatorCheck = z.infer<typeof LocatorCheck>;

/** A name exactly as ICE paperwork spells it: the locator matches names exactly. */
export const Alias = z.object({ givenName: Name, familyName: Name }).strict();
export type Alias = z.infer<typeof Alias>;

/** Who looks after the person's children while she is held. */
export const CaregiverPlan = z
  .object({
    childrenAges: z.array(z.number().int().min(0).max(17)).max(30).optional(),
    caregiver: ShortText.optional(),
    schoolPickup: ShortText.optional(),
    notes: LongText.optional(),
  })
  .strict();
export type CaregiverPlan = z.infer<typeof CaregiverPlan>;
