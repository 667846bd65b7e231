import { z } from 'zod';
import { KINDS } from '../model';
import { NewPassphrase } from '../vault';

// Maintenance channels: encrypted backups and the retention policy. The backup crosses IPC as base64 so the
// renderer can offer it as a download without touching the filesystem. Retention has one setting per rule
// (closed cases, family contacts of closed cases, false-alarm reports, other reports, inactive volunteers),
// each off by default; a preview lists what would go and what is kept, with the reason.

/** Retention days: at least one day, at most ten years. */
export const RetentionDays = z.number().int().min(1).max(3650);
/** Hours, for false alarms: at most a year. */
export const RetentionHours = z.number().int().min(1).max(8760);
/** Months, for inactive volunteers: at most ten years. */
export const RetentionMonths = z.number().int().min(1).max(120);
export const SUGGESTED_RETENTION_DAYS = 180;

/** Each rule's setting; null = off (the default). */
export const RetentionRules = z.object({
  /** Closed cases unchanged for this many days: the person, their events and assignments go. */
  closedCaseDays: RetentionDays.nullable(),
  /** Closed cases unchanged for this many days: their family contacts are cleared, the case stays. */
  closedContactsDays: RetentionDays.nullable(),
  /** Hotline reports marked as false alarms, this many hours after their last change. */
  falseAlarmHours: RetentionHours.nullable(),
  /** Every other hotline report, this many days after its last change. */
  reportDays: RetentionDays.nullable(),
  /** Inactive volunteers unchanged for this many months. */
  inactiveVolunteerMonths: RetentionMonths.nullable(),
});
export type RetentionRules = z.infer<typeof RetentionRules>;
export const RETENTION_RULES = [
  'closedCaseDays',
  'closedContactsDays',
  'falseAlarmHours',
  'reportDays',
  'inactiveVolunteerMonths',
] as const satisfies readonly (keyof RetentionRules)[];
export type RetentionRule = (typeof RETENTION_RULES)[number];
/** What the settings screen proposes when a rule is turned on. */
export const SUGGESTED_RETENTION: Record<RetentionRule, number> = {
  closedCaseDays: SUGGESTED_RETENTION_DAYS,
  closedContactsDays: 30,
  falseAlarmHours: 72,
  reportDays: 365,
  inactiveVolunteerMonths: 24,
};

export const RetentionSettings = RetentionRules.extend({
  lastRun: z
    .object({
      at: z.string(),
      /** Closed cases purged. */
      purged: z.number().int(),
      reports: z.number().int(),
      volunteers: z.number().int(),
      /** Closed cases whose family contacts were cleared. */
      familyContacts: z.number().int(),
    })
    .nullable(),
});
export type RetentionSettings = z.infer<typeof RetentionSettings>;

/**
 * Which rules a preview or a purge runs, with their settings; a rule left out does not run. `days` is the
 * closed-case setting under the name older callers use (`closedCaseDays` wins when both are given).
 */
export const RetentionRun = RetentionRules.partial().extend({ days: RetentionDays.optional() }).strict();
export type RetentionRun = z.infer<typeof RetentionRun>;

/**
 * Why a record a rule would take is kept: the case still has an event to come (the model has no deadlines
 * yet; when it does, an open deadline keeps a case too), or it is on legal hold.
 */
export const KEEP_REASONS = ['FUTURE_EVENT', 'OPEN_DEADLINE', 'LEGAL_HOLD'] as const;
export const KeepReason = z.enum(KEEP_REASONS);
export type KeepReason = z.infer<typeof KeepReason>;

export const RetentionItem = z.object({
  kind: z.enum(KINDS),
  id: z.string(),
  /** A person's or volunteer's name; a report's county or place (never its description). */
  label: z.string(),
  /** A report's receivedAt; null for other kinds. */
  at: z.string().nullable(),
});
export type RetentionItem = z.infer<typeof RetentionItem>;

/** One rule of a preview or a purge: what goes (or, for family contacts, whose are cleared) and what stays. */
export const RuleOutcome = z.object({
  rule: z.enum(RETENTION_RULES),
  /** The rule's setting: days, hours or months. */
  after: z.number().int(),
  /** Records last changed before this instant are due. */
  cutoff: z.string(),
  items: z.array(RetentionItem),
  kept: z.array(RetentionItem.extend({ reasons: z.array(KeepReason).min(1) })),
});
export type RuleOutcome = z.infer<typeof RuleOutcome>;

export const PurgePreview = z.object({
  /** The closed-case rule, as before (null and empty when it does not run). */
  days: RetentionDays.nullable(),
  cutoff: z.string().nullable(),
  count: z.number().int(),
  people: z.array(z.object({ id: z.string(), name: z.string() })),
  /** Every rule that runs, in RETENTION_RULES order. */
  rules: z.array(RuleOutcome),
});
export type PurgePreview = z.infer<typeof PurgePreview>;

export const PurgeResult = z.object({
  /** The closed-case rule's cutoff, or null when it did not run. */
  cutoff: z.string().nullable(),
  people: z.number().int(),
  events: z.number().int(),
  assignments: z.number().int(),
  deadlines: z.number().int(),
  reports: z.number().int(),
  volunteers: z.number().int(),
  /** Closed cases whose family contacts were cleared. */
  familyContacts: z.number().int(),
  rules: z.array(RuleOutcome),
});
export type PurgeResult = z.infer<typeof PurgeResult>;

export const maintenanceChannels = {
  'backup:create': {
    input: z.object({ passphrase: NewPassphrase }).strict(),
    output: z.object({ bytes: z.string(), fileName: z.string(), size: z.number().int() }),
  },
  'retention:get': { input: z.undefined(), output: RetentionSettings },
  /** Sets the rules given (null turns one off); the others stay as they are. */
  'retention:set': { input: RetentionRules.partial().strict(), output: RetentionSettings },
  'retention:preview': { input: RetentionRun, output: PurgePreview },
  'retention:purge': { input: RetentionRun, output: PurgeResult },
} as const;
