import { AmparoError, type ErrorCode } from '../shared/errors';
import type { Channel, ChannelInput, ChannelOutput, EventName, EventPayload } from '../shared/ipc';

// The renderer's only way to the Node side. A failed call throws AmparoError with the typed code, which
// screens translate with errors.<CODE>; nothing else about the failure is shown.

export async function call<C extends Channel>(
  channel: C,
  input?: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  let result;
  try {
    result = await window.amparo.invoke(channel, input);
  } catch {
    throw new AmparoError('INTERNAL', 'The request could not be delivered.');
  }
  if (!result.ok) throw new AmparoError(result.error.code, result.error.message, result.error.issues);
  return result.value;
}

export function subscribe<E extends EventName>(
  event: E,
  listener: (payload: EventPayload<E>) => void,
): () => void {
  return window.amparo.on(event, listener);
}

/** The typed code of a failed call; anything that is not an AmparoError counts as INTERNAL. */
export function errorCode(error: unknown): ErrorCode {
  return error instanceof AmparoError ? error.code : 'INTERNAL';
}
