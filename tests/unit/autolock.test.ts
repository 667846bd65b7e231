import { afterEach, describe, expect, it, vi } from 'vitest';
import { startAutoLock } from '../../electron/core/autolock';
import { removeTempDirs, unlockedService } from '../helpers/vault';

afterEach(() => {
  vi.useRealTimers();
  removeTempDirs();
});

describe('auto-lock', () => {
  it('locks once the idle time reaches the threshold, and not before', async () => {
    const { service } = await unlockedService();
    vi.useFakeTimers();
    let idle = 0;
    const reasons: string[] = [];
    service.on('vault:locked', ({ reason }) => reasons.push(reason));
    const stop = startAutoLock({
      service,
      getIdleSeconds: () => idle,
      getThresholdSeconds: () => 600,
      intervalMs: 1000,
    });
    idle = 599;
    vi.advanceTimersByTime(5000);
    expect(service.isUnlocked()).toBe(true);
    idle = 600;
    vi.advanceTimersByTime(1000);
    expect(service.isUnlocked()).toBe(false);
    expect(reasons).toEqual(['idle']);
    stop();
  });

  it('stops checking when stopped', async () => {
    const { service } = await unlockedService();
    vi.useFakeTimers();
    const stop = startAutoLock({
      service,
      getIdleSeconds: () => 10_000,
      getThresholdSeconds: () => 60,
      intervalMs: 1000,
    });
    stop();
    vi.advanceTimersByTime(10_000);
    expect(service.isUnlocked()).toBe(true);
  });
});
