import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { AmparoError } from '../../shared/errors';
import type { JobKind } from '../../shared/channels/jobs';
import type { Channel, EventName, EventPayload } from '../../shared/ipc';
import { KINDS } from '../../shared/model';
import type { Database, HandlerGroup, Session } from './kernel/context';
import { runSteps, type Job, type JobSteps, type RunJob } from './kernel/jobs';

// Long jobs, and how the other calls are served while one runs.
//
// A job holds the write gate for as long as it runs: one write transaction on the vault's connection, cut into
// chunks, with a turn of the event loop between two chunks. The channels that start jobs (JOB_CHANNELS) take
// the gate through their job, not at the call, so the parts of such a call before its job (decrypting a
// bundle) wait for nothing. Meanwhile:
// - calls that only read (READ_CHANNELS) are answered at once from the session's second, read-only
//   connection, which sees the last committed snapshot and never the job's uncommitted rows;
// - calls that write queue at the gate and run, in order, when the job has ended (committed, failed or
//   cancelled); so does a second job;
// - anything else running outside the job (background work such as the inbox) sees the read-only connection
//   too, so it can never slip a write into the job's transaction.
// Which connection a caller gets is decided per call from its async context (AsyncLocalStorage): code
// running for the gate's holder gets the writer, everything else the reader, and only while the gate is held.
// Without contention a write call runs synchronously, as it always did.

const QUERY_CHANNELS = [
  'person:duplicates',
  'person:view',
  'bond:list',
  'assignment:check',
  'attorney:suggest',
  'volunteer:find',
  'custody:history',
  'deadline:upcoming',
  'report:detail',
  'dispatch:candidates',
  'outreach:stats',
  'dashboard:summary',
  'audit:history',
  'audit:verify',
  'csv:export',
  'deleted:list',
  'sync:identity',
  'card:export',
  'contact:list',
  'redaction:list',
  'inbox:get',
  'relay:get',
  'inbox:notices',
  'bundle:history',
  'conflict:list',
  'retention:get',
  'retention:preview',
] as const satisfies readonly Channel[];

/** Channels whose handler runs its work as a job (ctx.job), which takes the gate itself. */
export const JOB_CHANNELS: ReadonlySet<string> = new Set<Channel>([
  'csv:import',
  'demo:generate',
  'backup:create',
  'retention:purge',
  'bundle:import',
  'bundle:preview',
]);

/** Channels that never write: served from the read-only connection while a job runs. */
export const READ_CHANNELS: ReadonlySet<string> = new Set<string>([
  ...KINDS.flatMap((kind) => [`${kind}:get`, `${kind}:list`]),
  ...QUERY_CHANNELS,
]);

/** A chunk aims at this many milliseconds of work: the wait a call can meet while a job runs. */
export const CHUNK_TARGET_MS = 20;
const MIN_CHUNK = 8;
const MAX_CHUNK = 5000;
const PROGRESS_EVERY_MS = 100;

type StopCode = 'CANCELLED' | 'LOCKED';

interface JobState {
  id: string;
  kind: JobKind;
  db: Database;
  stopped: StopCode | null;
  /** Past COMMIT: too late to cancel. */
  committed: boolean;
}

/** The async context of one call or job holding the gate (or waiting for it). */
interface Scope {
  job?: JobState;
}

// One store for every runner in the process, not one per runner: Node 22 runs every enabled
// AsyncLocalStorage's hook at every promise, and a store is never dropped, so a store per runner made each
// promise cost more with every vault opened in the process (the network benchmark's 50 offices, a test file's
// many vaults). It maps each runner to the caller's scope with that runner, so runners stay independent.
const scopes = new AsyncLocalStorage<ReadonlyMap<object, Scope>>();

export interface JobRunnerDeps {
  /** The writable session, or null while locked. */
  session(): Session | null;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** false: jobs never pause (a one-shot command); their steps run straight through in big chunks. */
  interleave: boolean;
}

export interface JobRunner {
  run: RunJob;
  /** Runs `work` holding the write gate: at once when it is free, else after the calls and jobs before it. */
  exclusive<T>(work: () => T): T | Promise<Awaited<T>>;
  /** Write channels of `group` go through the gate; read channels are left as they are. */
  gateWrites(group: HandlerGroup): HandlerGroup;
  /** True when the caller is not the gate's holder while someone holds it: it must use the reader. */
  usesReader(): boolean;
  /** Throws when the caller runs for a job that was stopped (its connection may already be closed). */
  checkStopped(): void;
  cancel(jobId: string): boolean;
  /** The vault is locking: the running job stops and its transaction is rolled back now. */
  abort(): void;
  handlers(): HandlerGroup;
}

function stopError(code: StopCode): AmparoError {
  return code === 'LOCKED'
    ? new AmparoError('LOCKED', 'The vault locked while the job was running. Nothing was saved.')
    : new AmparoError('CANCELLED', 'The job was cancelled. Nothing was saved.');
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as PromiseLike<unknown> | null)?.then === 'function';

export function createJobRunner(deps: JobRunnerDeps): JobRunner {
  const owner = {};
  /** The caller's scope with this runner, if any. */
  const own = (): Scope | undefined => scopes.getStore()?.get(owner);
  /** The caller's scopes, with this runner's set to `scope` (or dropped). */
  const within = (scope: Scope | undefined): ReadonlyMap<object, Scope> => {
    const next = new Map(scopes.getStore());
    if (scope) next.set(owner, scope);
    else next.delete(owner);
    return next;
  };
  let holder: Scope | null = null;
  const waiting: { scope: Scope; go: () => void }[] = [];
  let current: JobState | null = null;

  const leave = () => {
    // The next waiter takes the gate right here, so nothing arriving meanwhile can overtake it.
    const next = waiting.shift();
    holder = next ? next.scope : null;
    next?.go();
  };

  const enter = <T>(scope: Scope, work: () => T): T | Promise<Awaited<T>> => {
    holder = scope;
    let result: T;
    try {
      result = scopes.run(within(scope), work);
    } catch (error) {
      leave();
      throw error;
    }
    if (!isThenable(result)) {
      leave();
      return result;
    }
    return Promise.resolve(result).finally(leave) as Promise<Awaited<T>>;
  };

  const exclusive = <T>(work: () => T): T | Promise<Awaited<T>> => {
    const scope: Scope = {};
    if (holder === null && waiting.length === 0) return enter(scope, work);
    return new Promise<void>((go) => waiting.push({ scope, go })).then(() => enter(scope, work)) as Promise<
      Awaited<T>
    >;
  };

  const cancel = (jobId: string): boolean => {
    if (!current || current.id !== jobId || current.committed || current.stopped) return false;
    current.stopped = 'CANCELLED';
    return true;
  };

  const usesReader = () => holder !== null && own() !== holder;

  const checkStopped = () => {
    const stopped = own()?.job?.stopped;
    if (stopped) throw stopError(stopped);
  };

  const run: RunJob = (kind, work, options) => {
    const caller = own();
    // Either would wait for itself: the gate is held by the caller until the job it waits for is done.
    if (caller?.job) return Promise.reject(new Error('A job cannot start inside another job.'));
    if (caller && caller === holder && !options.background)
      return Promise.reject(new Error('A call that holds the write gate cannot wait for a job.'));
    return scopes.run(within(undefined), () =>
      Promise.resolve(
        exclusive(async () => {
          const scope = own() as Scope;
          const session = deps.session();
          if (!session) throw new AmparoError('LOCKED', 'The vault is locked. Unlock it to continue.');
          const { db } = session;
          const state: JobState = {
            id: randomBytes(8).toString('hex'),
            kind,
            db,
            stopped: null,
            committed: false,
          };
          scope.job = state;
          current = state;
          const write = options.transaction === 'write';
          // A bulk job folds the WAL back as a step of its own, not inside its commit.
          const ownCheckpoint = write && options.checkpoint === true;
          const autoCheckpoint = ownCheckpoint
            ? (db.pragma('wal_autocheckpoint', { simple: true }) as number)
            : 0;
          try {
            if (ownCheckpoint) db.pragma('wal_autocheckpoint = 0');
            if (options.transaction !== 'none') db.exec(write ? 'BEGIN IMMEDIATE' : 'BEGIN');
            const value = await work(handleFor(state));
            if (state.stopped) throw stopError(state.stopped);
            if (db.inTransaction) db.exec('COMMIT');
            state.committed = true;
            if (options.checkpoint || options.afterCommit) {
              // Calls that waited during the commit go first; then the WAL is folded back (one step).
              if (deps.interleave) await nextTurn();
              if (db.open && !db.inTransaction) {
                options.afterCommit?.(value);
                if (options.checkpoint) db.pragma('wal_checkpoint(TRUNCATE)');
              }
            }
            return value;
          } catch (error) {
            if (db.open && db.inTransaction && !state.committed) db.exec('ROLLBACK');
            throw state.stopped ? stopError(state.stopped) : error;
          } finally {
            if (ownCheckpoint && db.open) db.pragma(`wal_autocheckpoint = ${Math.trunc(autoCheckpoint)}`);
            scope.job = undefined;
            if (current === state) current = null;
          }
        }),
      ),
    );
  };

  const handleFor = (state: JobState): Job => {
    let lastEmit = -Infinity;
    let shownDone = 0;
    const step = async (done: number, total: number) => {
      const now = performance.now();
      // The first chunk's progress always goes out, so the bar moves at once even on a job that ends in
      // less than PROGRESS_EVERY_MS; after that, at most one event per PROGRESS_EVERY_MS, and the last.
      const first = shownDone === 0 && done > 0;
      if (first || now - lastEmit >= PROGRESS_EVERY_MS || done >= total) {
        lastEmit = now;
        shownDone = done;
        deps.emit('job:progress', {
          jobId: state.id,
          kind: state.kind,
          done: Math.max(0, Math.trunc(done)),
          total: Math.max(0, Math.trunc(total)),
        });
      }
      if (state.stopped) throw stopError(state.stopped);
      if (!deps.interleave) return;
      await nextTurn();
      if (state.stopped) throw stopError(state.stopped);
    };
    return {
      id: state.id,
      kind: state.kind,
      step,
      async drive<T>(steps: JobSteps<T>, firstChunk = 64): Promise<T> {
        // Straight through: each generator's own (large) chunks, with no pause between them.
        if (!deps.interleave) return runSteps(steps);
        let size = firstChunk;
        let result = steps.next(size);
        while (!result.done) {
          await step(result.value.done, result.value.total);
          const started = performance.now();
          result = steps.next(size);
          // Size the next chunk from this one, so a chunk stays near the target on a fast or a busy machine.
          const ms = Math.max(performance.now() - started, 0.5);
          const fitted = Math.round((size * CHUNK_TARGET_MS) / ms);
          size = Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, Math.min(fitted, size * 2)));
        }
        return result.value;
      },
    };
  };

  return {
    run,
    exclusive,
    gateWrites(group) {
      const gated: Record<string, (input: never) => unknown> = {};
      for (const [channel, handler] of Object.entries(group) as [string, (input: never) => unknown][]) {
        const free = READ_CHANNELS.has(channel) || JOB_CHANNELS.has(channel);
        gated[channel] = free ? handler : (input) => exclusive(() => handler(input));
      }
      return gated as HandlerGroup;
    },
    usesReader,
    checkStopped,
    cancel,
    abort() {
      if (!current || current.committed) return;
      current.stopped = 'LOCKED';
      // Rolled back now, before the connection closes; the job notices when it next resumes.
      if (current.db.open && current.db.inTransaction) current.db.exec('ROLLBACK');
    },
    handlers: () => ({
      'job:cancel': ({ jobId }) => ({ cancelled: cancel(jobId) }),
    }),
  };
}
