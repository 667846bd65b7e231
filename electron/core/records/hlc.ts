import type { Clock, Database } from '../context';
import { stmt } from './statements';

// Hybrid logical clock stamps: `<wall ms, 12 hex>:<counter, 4 hex>:<office id, 16 hex>`. Fixed-width hex
// makes string order equal causal order, and the office id breaks ties, so "last writer wins" is simply
// the greatest string. The last stamp is persisted so a clock set backwards never reissues a stamp.

const KEY = 'hlc';

export interface Hlc {
  /** A new stamp, greater than every stamp this office has issued or received. */
  tick(): string;
  /** Takes note of a stamp from another office so later local stamps are greater. */
  receive(stamp: string): void;
}

export function parseStamp(stamp: string): { ms: number; counter: number; office: string } {
  const [ms, counter, office] = stamp.split(':');
  return { ms: parseInt(ms ?? '0', 16), counter: parseInt(counter ?? '0', 16), office: office ?? '' };
}

export function formatStamp(ms: number, counter: number, office: string): string {
  return `${ms.toString(16).padStart(12, '0')}:${counter.toString(16).padStart(4, '0')}:${office}`;
}

export const STAMP_PATTERN = /^[0-9a-f]{12}:[0-9a-f]{4}:[0-9a-f]{16}$/;

export function createHlc(db: Database, officeId: string, clock: Clock): Hlc {
  const read = stmt(db, 'SELECT value FROM settings WHERE key = ?');
  const write = stmt(
    db,
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  const last = () => {
    const row = read.get(KEY) as { value: string } | undefined;
    return row ? parseStamp(row.value) : { ms: 0, counter: 0, office: officeId };
  };
  return {
    tick() {
      const previous = last();
      const now = clock.now().getTime();
      const stamp =
        now > previous.ms
          ? formatStamp(now, 0, officeId)
          : formatStamp(previous.ms, previous.counter + 1, officeId);
      write.run(KEY, stamp);
      return stamp;
    },
    receive(stamp) {
      const remote = parseStamp(stamp);
      const previous = last();
      if (remote.ms > previous.ms || (remote.ms === previous.ms && remote.counter > previous.counter)) {
        write.run(KEY, formatStamp(remote.ms, remote.counter, officeId));
      }
    },
  };
}
