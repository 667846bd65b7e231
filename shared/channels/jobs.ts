import { z } from 'zod';

// Long jobs (imports, demo data, backups, purges) run one transaction in chunks, report how far they are
// with the job:progress event and can be cancelled. A cancelled job rolls its whole transaction back and its
// call answers CANCELLED.

export const JOB_KINDS = [
  'csv-import',
  'demo',
  'backup',
  'purge',
  'bundle-import',
  'bundle-preview',
] as const;
export const JobKind = z.enum(JOB_KINDS);
export type JobKind = z.infer<typeof JobKind>;

export const JobId = z.string().regex(/^[0-9a-f]{16}$/);

export const JobProgress = z.object({
  jobId: JobId,
  kind: JobKind,
  /** Units of work done so far (rows, records, changes or bytes, depending on the kind). */
  done: z.number().int().min(0),
  total: z.number().int().min(0),
});
export type JobProgress = z.infer<typeof JobProgress>;

export const jobChannels = {
  /** Asks the running job to stop; it answers CANCELLED once its transaction is rolled back. */
  'job:cancel': {
    input: z.object({ jobId: JobId }).strict(),
    /** false when no job with that id is running (it finished, or it was another one). */
    output: z.object({ cancelled: z.boolean() }),
  },
} as const;

export const jobEvents = {
  /** A running job's progress, after each chunk (at most a few times a second). */
  'job:progress': JobProgress,
} as const;
