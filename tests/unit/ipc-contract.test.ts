import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { dispatch, type Handlers } from '../../electron/core/dispatch';
import { CHANNELS, contract } from '../../shared/ipc';

// Every channel of the contract, present and future, rejects invalid payloads at the boundary: the
// handler (a spy standing in for the service) is never called.

function spyHandlers() {
  const calls: string[] = [];
  const handlers = Object.fromEntries(
    CHANNELS.map((channel) => [channel, vi.fn(() => calls.push(channel))]),
  ) as unknown as Handlers;
  return { handlers, calls };
}

const invalidFor = (channel: (typeof CHANNELS)[number]) =>
  fc
    .oneof(
      fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true }),
      fc.dictionary(fc.string(), fc.anything()),
      fc.constant(null),
      fc.string({ minLength: 5000, maxLength: 6000 }),
      fc.array(fc.anything()),
    )
    .filter((value) => !contract[channel].input.safeParse(value).success);

describe('IPC boundary', () => {
  it.each(CHANNELS)('%s rejects random invalid payloads without calling the service', async (channel) => {
    const { handlers, calls } = spyHandlers();
    await fc.assert(
      fc.asyncProperty(invalidFor(channel), async (payload) => {
        const result = await dispatch(handlers, channel, payload);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.error.code).toBe('INVALID_INPUT');
      }),
      { seed: 20261124, numRuns: 150 },
    );
    expect(calls).toEqual([]);
  });

  it('rejects extra keys (strict inputs) on object channels', async () => {
    const { handlers, calls } = spyHandlers();
    const result = await dispatch(handlers, 'vault:unlock', { passphrase: 'x'.repeat(20), extra: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(calls).toEqual([]);
  });

  it('rejects unknown channels and prototype names', async () => {
    const { handlers, calls } = spyHandlers();
    for (const channel of ['nope', '__proto__', 'constructor', 'toString', 42, null]) {
      expect(await dispatch(handlers, channel, undefined)).toMatchObject({
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL' },
      });
    }
    expect(calls).toEqual([]);
  });

  it('hides unexpected errors behind INTERNAL without their message', async () => {
    const { handlers } = spyHandlers();
    (handlers as Record<string, unknown>)['vault:status'] = () => {
      throw new Error('SQLITE_ERROR near "Lopez"');
    };
    const reported: string[] = [];
    const result = await dispatch(handlers, 'vault:status', undefined, (channel) => reported.push(channel));
    expect(result).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: expect.not.stringContaining('Lopez') },
    });
    expect(reported).toEqual(['vault:status']);
  });
});
