import type { AmparoService } from './kernel/context';

// Idle auto-lock, independent of Electron: main.ts feeds it the OS idle time (powerMonitor), the harness
// feeds it a test-controlled value. It polls because no OS reports "idle for N minutes" as an event.

export interface AutoLockOptions {
  service: Pick<AmparoService, 'isUnlocked' | 'lock'>;
  /** Seconds since the last user input on this machine. */
  getIdleSeconds(): number;
  /** The current threshold (prefs can change while running). */
  getThresholdSeconds(): number;
  intervalMs?: number;
}

export function startAutoLock(options: AutoLockOptions): () => void {
  const check = () => {
    if (!options.service.isUnlocked()) return;
    if (options.getIdleSeconds() >= options.getThresholdSeconds()) options.service.lock('idle');
  };
  const timer = setInterval(check, options.intervalMs ?? 5_000);
  // Never keep a CLI or test process alive just for this.
  timer.unref?.();
  return () => clearInterval(timer);
}
