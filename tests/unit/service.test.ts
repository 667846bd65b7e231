import { afterEach, describe, expect, it } from 'vitest';
import type { HandlerGroup } from '../../electron/core/kernel/context';
import type { FeatureModule } from '../../electron/core/kernel/feature-module';
import { FEATURES } from '../../electron/core/feature-list';
import { assembleHandlers } from '../../electron/core/service';
import { CHANNELS } from '../../shared/ipc';
import { PASSPHRASE, removeTempDirs, unlockedService } from '../helpers/vault';

// The service's composition: every contract channel is served exactly once, and features contribute to
// the vault status (the fingerprint) without the vault knowing about them.

afterEach(removeTempDirs);

const handlerFor = (channels: readonly string[]): HandlerGroup =>
  Object.fromEntries(channels.map((channel) => [channel, () => null])) as HandlerGroup;

describe('assembleHandlers', () => {
  it('accepts groups that cover every channel once', () => {
    const half = Math.floor(CHANNELS.length / 2);
    const handlers = assembleHandlers([
      handlerFor(CHANNELS.slice(0, half)),
      handlerFor(CHANNELS.slice(half)),
    ]);
    expect(Object.keys(handlers).sort()).toEqual([...CHANNELS].sort());
  });

  it('names every channel that has no handler', () => {
    const [first, second, ...rest] = CHANNELS;
    expect(() => assembleHandlers([handlerFor(rest)])).toThrow(
      `Channels without a handler: ${first}, ${second}`,
    );
  });

  it('refuses a channel served by two groups', () => {
    expect(() => assembleHandlers([handlerFor(CHANNELS), handlerFor(CHANNELS.slice(0, 1))])).toThrow(
      `Channel ${CHANNELS[0]} has two handlers`,
    );
  });
});

describe('feature contributions', () => {
  it('takes the fingerprint from the first feature that has one, only while unlocked', async () => {
    const calls: string[] = [];
    const sync: FeatureModule = {
      name: 'test-sync',
      handlers: () => ({}),
      fingerprint: (session) => {
        calls.push(session.office.id);
        return '12345 67890';
      },
    };
    const { service } = await unlockedService({ features: [sync, ...FEATURES] });
    expect(await service.handlers['vault:status'](undefined)).toMatchObject({
      state: 'unlocked',
      fingerprint: '12345 67890',
    });
    expect(new Set(calls).size).toBe(1);
    expect(calls[0]).toMatch(/^[0-9a-f]{16}$/);
    service.lock('manual');
    const before = calls.length;
    expect(await service.handlers['vault:status'](undefined)).toEqual({
      state: 'locked',
      office: null,
      fingerprint: null,
      schemaVersion: null,
      vault: null,
      trainingVault: false,
    });
    expect(calls).toHaveLength(before);
    expect(await service.handlers['vault:unlock']({ passphrase: PASSPHRASE })).toMatchObject({
      fingerprint: '12345 67890',
    });
    service.close();
  });
});
