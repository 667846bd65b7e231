import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Prefs } from '../../../shared/prefs';
import type { LockReason } from '../../../shared/vault';
import type { Channel, ChannelOutput, EventName, EventPayload, ParsedInput } from '../../../shared/ipc';
import type { RunJob } from './jobs';

// The shapes every part of the core codes against. The vault owns the session; record, sync and audit
// modules receive a ServiceContext and ask it for the unlocked database, so locking in one place (closing the
// database and dropping the key) makes every handler answer LOCKED.

export type Database = BetterSqlite3.Database;

/** Injected so tests can move time (idle lock, hearings this week, HLC stamps, clock-skew refusals). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface OfficeRef {
  /** 16 lowercase hex characters, random at vault creation; also the HLC tie-breaker. */
  id: string;
  name: string;
}

/** Exists only while the vault is unlocked. */
export interface Session {
  db: Database;
  office: OfficeRef;
}

export interface ServiceContext {
  readonly vaultDir: string;
  readonly clock: Clock;
  /** The unlocked session; throws AmparoError('LOCKED') when the vault is locked. */
  session(): Session;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /**
   * Runs long work (an import, a purge, a backup) as a job: one transaction in chunks, with progress events
   * and cancellation (kernel/jobs.ts). One job at a time; calls that write wait until it ends.
   */
  job: RunJob;
}

/** One handler per channel of the contract, typed from it. */
export type Handlers = {
  [C in Channel]: (input: ParsedInput<C>) => Promise<ChannelOutput<C>> | ChannelOutput<C>;
};

/** Each feature module contributes the handlers of its own channels. */
export type HandlerGroup = Partial<Handlers>;

/** What createService() returns: used by Electron's ipc.ts, the harness and the CLI alike. */
export interface AmparoService {
  readonly handlers: Handlers;
  readonly context: ServiceContext;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  isUnlocked(): boolean;
  /** Preferences, readable while locked (the idle threshold, the language). */
  prefs(): Prefs;
  /** Closes the database, drops key material and emits vault:locked. Safe to call when already locked. */
  lock(reason: LockReason): void;
  /** Locks and releases everything (process exit, test teardown). */
  close(): void;
}
