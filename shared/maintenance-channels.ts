import { z } from 'zod';
import { NewPassphrase } from './vault';

// Maintenance channels: encrypted backups and the retention policy (purging closed cases). The backup
// crosses IPC as base64 so the renderer can offer it as a download without touching the filesystem.

/** Retention days: at least one day, at most ten years. */
export const RetentionDays = z.number().int().min(1).max(3650);
export const SUGGESTED_RETENTION_DAYS = 180;

export const RetentionSettings = z.object({
  /** null = off (the default). */
  closedCaseDays: RetentionDays.nullable(),
  lastRun: z.object({ at: z.string(), purged: z.number().int() }).nullable(),
});
export type RetentionSettings = z.infer<typeof RetentionSettings>;

export const PurgePreview = z.object({
  days: RetentionDays,
  /** Closed cases last changed before this instant go. */
  cutoff: z.string(),
  count: z.number().int(),
  people: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type PurgePreview = z.infer<typeof PurgePreview>;

export const PurgeResult = z.object({
  cutoff: z.string(),
  people: z.number().int(),
  events: z.number().int(),
  assignments: z.number().int(),
});
export type PurgeResult = z.infer<typeof PurgeResult>;

export const maintenanceChannels = {
  'backup:create': {
    input: z.object({ passphrase: NewPassphrase }).strict(),
    output: z.object({ bytes: z.string(), fileName: z.string(), size: z.number().int() }),
  },
  'retention:get': { input: z.undefined(), output: RetentionSettings },
  'retention:set': {
    input: z.object({ closedCaseDays: RetentionDays.nullable() }).strict(),
    output: RetentionSettings,
  },
  'retention:preview': { input: z.object({ days: RetentionDays }).strict(), output: PurgePreview },
  'retention:purge': { input: z.object({ days: RetentionDays }).strict(), output: PurgeResult },
} as const;
