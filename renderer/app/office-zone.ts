import { useSyncExternalStore } from 'react';
import { call } from '../api';
import { currentZone, onZoneChange, publishZone, zoneListeners } from './zone-store';

// The office's time zone for the screens: dates and times are shown, and typed wall-clock times read, in
// it rather than in the browser's zone. It is asked of the core when the first screen that needs it
// appears (after each unlock, since the shell's screens all close at lock), and changed by Settings.

let loading = false;

/** Settings changed the zone: every screen shows times in it at once. */
export function setOfficeZone(next: string): void {
  publishZone(next);
}

async function load(): Promise<void> {
  if (loading) return;
  loading = true;
  try {
    publishZone((await call('settings:timeZone', {})).zone);
  } catch {
    // Locked or refused: the machine's zone stays, as the core would use it too.
  } finally {
    loading = false;
  }
}

function subscribe(listener: () => void): () => void {
  if (zoneListeners() === 0) void load();
  return onZoneChange(listener);
}

export function useOfficeZone(): string {
  return useSyncExternalStore(subscribe, currentZone);
}
