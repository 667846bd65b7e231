import { systemTimeZone } from '../../shared/time';

// The office's time zone as the screens last learnt it (office-zone.ts keeps it up to date): what a
// wall-clock time typed in a field means, for code that runs outside a component. The machine's zone
// until the core has answered.

let current = systemTimeZone();
const listeners = new Set<() => void>();

export function currentZone(): string {
  return current;
}

export function publishZone(next: string): void {
  if (next === current) return;
  current = next;
  for (const listener of listeners) listener();
}

export function onZoneChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function zoneListeners(): number {
  return listeners.size;
}
