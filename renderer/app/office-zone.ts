import { useSyncExternalStore } from 'react';
import { systemTimeZone } from '../../shared/time';
import { call } from '../api';

// The office's time zone for the screens: dates and times are shown, and typed wall-clock times read, in
// it rather than in the browser's zone. It is asked of the core when the first screen that needs it
// appears (after each unlock, since the shell's screens all close at lock), and changed by Settings.

let zone = systemTimeZone();
let loading = false;
const listeners = new Set<() => void>();

function publish(next: string): void {
  if (next === zone) return;
  zone = next;
  for (const listener of listeners) listener();
}

/** Settings changed the zone: every screen shows times in it at once. */
export function setOfficeZone(next: string): void {
  publish(next);
}

async function load(): Promise<void> {
  if (loading) return;
  loading = true;
  try {
    publish((await call('settings:timeZone', {})).zone);
  } catch {
    // Locked or refused: the machine's zone stays, as the core would use it too.
  } finally {
    loading = false;
  }
}

function subscribe(listener: () => void): () => void {
  if (listeners.size === 0) void load();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useOfficeZone(): string {
  return useSyncExternalStore(subscribe, () => zone);
}
