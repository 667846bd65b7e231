import type { JobKind } from '../../../shared/channels/jobs';

// The shape of a long job, as features see it. A job's work runs inside one transaction (the service's job
// runner opens and closes it) and is cut into chunks; between two chunks it awaits step(), which reports
// progress, lets the other calls waiting in the event loop run (served from a read-only connection that sees
// only committed data) and throws if the job was cancelled or the vault locked. The work itself is written
// as a generator of steps, so the same code also runs straight through where nothing waits (the CLI, the
// training vault).

export interface StepProgress {
  done: number;
  total: number;
}

/**
 * A job's work: yields its progress after each chunk, and receives the size of the next chunk (undefined:
 * keep the current one). Its return value is the job's result.
 */
export type JobSteps<T> = Generator<StepProgress, T, number | undefined>;

export interface Job {
  readonly id: string;
  readonly kind: JobKind;
  /** Reports progress, yields to the event loop, and throws CANCELLED or LOCKED when the job must stop. */
  step(done: number, total: number): Promise<void>;
  /** Runs `steps` to the end with a step() after each chunk, sizing chunks so each takes a few ms. */
  drive<T>(steps: JobSteps<T>, firstChunk?: number): Promise<T>;
}

export interface JobOptions<T = unknown> {
  /**
   * write: the work runs in one BEGIN IMMEDIATE … COMMIT, rolled back whole on failure or cancellation.
   * read: one read transaction, so every chunk sees the same snapshot. none: no transaction.
   */
  transaction: 'write' | 'read' | 'none';
  /** After the commit, fold the (large) WAL back into the database. */
  checkpoint?: boolean;
  /** Work that cannot run in a transaction (VACUUM), run after the commit while the job still holds the gate. */
  afterCommit?: (value: T) => void;
  /**
   * Started by background work (the inbox, the purge at unlock) that nobody awaits: it queues behind
   * whatever holds the write gate, even the call that started it.
   */
  background?: boolean;
}

export type RunJob = <T>(kind: JobKind, work: (job: Job) => Promise<T>, options: JobOptions<T>) => Promise<T>;

/** Runs a job's steps to the end without pausing: for callers that have nothing to serve meanwhile. */
export function runSteps<T>(steps: JobSteps<T>): T {
  let result = steps.next();
  while (!result.done) result = steps.next(undefined);
  return result.value;
}
