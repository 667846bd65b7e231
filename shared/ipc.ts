import { z } from 'zod';
import type { ErrorPayload, Result } from './errors';
import { Prefs, PrefsPatch } from './prefs';
import { ioChannels, recordChannels } from './records/channels';
import { maintenanceChannels } from './maintenance-channels';
import { syncBundleChannels, syncTrustChannels } from './sync-channels';
import { LockReason, NewPassphrase, OfficeName, Passphrase, VaultKind, VaultStatus } from './vault';
import { vaultManagementChannels } from './vault-channels';

// The one IPC contract. Every channel names its input and output schema; the preload, electron/ipc.ts,
// the harness, the CLI and the renderer all take their types from here. Inputs are strict objects so an
// unexpected key is an error rather than silently ignored.

const None = z.undefined();

export const contract = {
  'prefs:get': { input: None, output: Prefs },
  'prefs:set': { input: PrefsPatch, output: Prefs },

  'vault:status': { input: None, output: VaultStatus },
  'vault:create': {
    input: z.object({ officeName: OfficeName, passphrase: NewPassphrase }).strict(),
    output: VaultStatus,
  },
  /** `vault` picks the office vault (the default) or the training vault; see shared/vault-channels.ts. */
  'vault:unlock': {
    input: z.object({ passphrase: Passphrase, vault: VaultKind.optional() }).strict(),
    output: VaultStatus,
  },
  'vault:lock': { input: None, output: VaultStatus },
  'vault:changePassphrase': {
    input: z.object({ current: Passphrase, next: NewPassphrase }).strict(),
    output: VaultStatus,
  },
  ...vaultManagementChannels,

  ...recordChannels,
  ...ioChannels,
  ...syncTrustChannels,
  ...syncBundleChannels,
  ...maintenanceChannels,
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export const CHANNELS = Object.keys(contract) as Channel[];

/** What a caller passes (before parsing) and what a handler receives (after parsing). */
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(contract, value);
}

// Events flow from the Node side to the renderer only.
export const events = {
  'vault:locked': z.object({ reason: LockReason }),
  /** A bundle was imported in the background (the inbox folder), so open screens can refresh. */
  'sync:imported': z.object({ bundleId: z.string(), source: z.enum(['manual', 'inbox']) }),
} as const satisfies Record<string, z.ZodType>;

export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;
export const EVENT_NAMES = Object.keys(events) as EventName[];

/** The only thing the renderer sees of the Node side: window.amparo. */
export interface AmparoBridge {
  invoke<C extends Channel>(channel: C, input?: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export type { ErrorPayload, Result };
