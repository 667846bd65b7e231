import type { Result } from '../../../shared/errors';
import type { EventName } from '../../../shared/ipc';
import type { Prefs } from '../../../shared/prefs';
import type { LockReason } from '../../../shared/vault';
import type { KdfOptions } from '../vault/kdf';

// The messages between the host (the transport's thread) and the core's worker thread. They carry only what
// the contract carries: a channel's raw input, its typed Result, an event's payload, plus the little state
// the transport reads synchronously (locked or not, the preferences). Everything is structured-cloned.

export interface WorkerOptions {
  vaultDir: string;
  anchorFile?: string;
  kdf?: KdfOptions;
  background?: boolean;
  /** Tests: the core's clock is the host's, whose time comes with every call. */
  hostClock?: boolean;
}

/** What the transport reads without a round trip. */
export interface HostState {
  unlocked: boolean;
  prefs: Prefs;
}

export type ToWorker =
  | { type: 'call'; id: number; channel: unknown; input: unknown; now?: number }
  | { type: 'lock'; reason: LockReason }
  | { type: 'close' };

export type FromWorker =
  | { type: 'ready'; state: HostState }
  | { type: 'result'; id: number; result: Result<unknown>; state: HostState }
  | { type: 'event'; event: EventName; payload: unknown; state: HostState }
  | { type: 'state'; state: HostState }
  | { type: 'closed' };
