import { z } from 'zod';
import { AmparoError, ERROR_CODES, type ErrorPayload, type Result } from './errors';
import { caseFileChannels } from './channels/case-file';
import { caseworkChannels } from './channels/casework';
import { deleteChannels } from './channels/deletes';
import { hotlineChannels } from './channels/hotline';
import { ioChannels, recordChannels } from './channels/records';
import { maintenanceChannels } from './channels/maintenance';
import { syncBundleChannels, syncTrustChannels } from './channels/sync';
import { prefsChannels } from './channels/prefs';
import { jobChannels, jobEvents } from './channels/jobs';
import { vaultChannels } from './channels/vault';
import { LockReason } from './vault';

// The one IPC contract, assembled from each feature's channel group in shared/channels/. Every channel
// names its input and output schema; the preload, electron/ipc.ts,
// the harness, the CLI and the renderer all take their types from here. Inputs are strict objects so an
// unexpected key is an error rather than silently ignored.

export const contract = {
  ...prefsChannels,
  ...vaultChannels,
  ...recordChannels,
  ...caseworkChannels,
  ...ioChannels,
  ...deleteChannels,
  ...hotlineChannels,
  ...caseFileChannels,
  ...syncTrustChannels,
  ...syncBundleChannels,
  ...maintenanceChannels,
  ...jobChannels,
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

/**
 * Checks `raw` against the channel's input schema: the core's boundary check, and a form's check of what it
 * built from loosely typed fields before it sends them. Throws INVALID_INPUT with one issue per field.
 */
export function parseInput<C extends Channel>(channel: C, raw: unknown): ParsedInput<C> {
  const parsed = contract[channel].input.safeParse(raw);
  if (parsed.success) return parsed.data as ParsedInput<C>;
  throw new AmparoError(
    'INVALID_INPUT',
    'Some fields are not valid.',
    parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
  );
}

// Events flow from the Node side to the renderer only.
export const events = {
  'vault:locked': z.object({ reason: LockReason }),
  /** A bundle was imported in the background (the inbox folder), so open screens can refresh. */
  'sync:imported': z.object({ bundleId: z.string(), source: z.enum(['manual', 'inbox']) }),
  /** The inbox refused a file (its notice and history entry exist now), so open screens can refresh. */
  'sync:refused': z.object({ file: z.string(), code: z.enum(ERROR_CODES) }),
  ...jobEvents,
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
