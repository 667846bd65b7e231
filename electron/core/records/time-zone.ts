import { isTimeZone, systemTimeZone } from '../../../shared/time';
import type { Database } from '../kernel/context';
import { readSetting, writeSetting } from './settings';

// The office's IANA time zone, a vault setting: every "today", "this week", expiry and weekday is read in
// it. Until an office chooses one, the machine's zone is used (and followed if the machine moves).

const KEY = 'timeZone';

export interface OfficeTimeZone {
  zone: string;
  /** The machine's zone, the default. */
  system: string;
  /** False while the office follows the machine's zone. */
  chosen: boolean;
}

export function officeTimeZone(db: Database): string {
  const stored = readSetting(db, KEY);
  return stored && isTimeZone(stored) ? stored : systemTimeZone();
}

export function describeTimeZone(db: Database): OfficeTimeZone {
  const stored = readSetting(db, KEY);
  const chosen = stored !== undefined && isTimeZone(stored);
  return { zone: officeTimeZone(db), system: systemTimeZone(), chosen };
}

/** Sets the office's zone (already validated); null goes back to following the machine. */
export function setTimeZone(db: Database, zone: string | null): OfficeTimeZone {
  writeSetting(db, KEY, zone);
  return describeTimeZone(db);
}
