import { AmparoError, type ErrorPayload, type Result } from '../../shared/errors';
import { isChannel, parseInput } from '../../shared/ipc';
import type { Handlers } from './kernel/context';
import { isCorruption, vaultCorrupt } from './vault/database';

// The single entry point from any transport (Electron IPC, the UI harness, the CLI) into the service.
// It validates the channel and the input against the contract before the service is touched, and turns
// every failure into a typed error payload. Nothing thrown here ever reaches a user as a stack trace.

export type { Handlers };

/** Called for unexpected (non-AmparoError) failures; must not log record data. */
export type InternalErrorReporter = (channel: string, error: unknown) => void;

const defaultReporter: InternalErrorReporter = (channel, error) => {
  // Only the error's class and channel: messages from SQLite or libraries could echo record data.
  const kind = error instanceof Error ? error.name : typeof error;
  process.stderr.write(`amparo: internal error on ${channel} (${kind})\n`);
};

export function toErrorPayload(error: unknown): ErrorPayload {
  if (error instanceof AmparoError) return error.toPayload();
  // A damaged page can surface in any query; the user can act on it (restore a backup), unlike INTERNAL.
  if (isCorruption(error)) return vaultCorrupt().toPayload();
  return { code: 'INTERNAL', message: 'Something went wrong inside Amparo. Nothing was saved.' };
}

export async function dispatch(
  handlers: Handlers,
  channel: unknown,
  rawInput: unknown,
  report: InternalErrorReporter = defaultReporter,
): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'Unknown request.' } };
  }
  let input: unknown;
  try {
    input = parseInput(channel, rawInput);
  } catch (error) {
    return { ok: false, error: toErrorPayload(error) };
  }
  try {
    const handler = handlers[channel] as (input: unknown) => unknown;
    const value = await handler(input);
    return { ok: true, value };
  } catch (error) {
    if (!(error instanceof AmparoError) && !isCorruption(error)) report(channel, error);
    return { ok: false, error: toErrorPayload(error) };
  }
}
