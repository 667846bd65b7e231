import type { Clock, Database } from '../kernel/context';
import { stmt } from './statements';

// Hybrid logical clock stamps: `<wall ms, 12 hex>:<counter, 4 hex>:<office id, 16 hex>`. Fixed-width hex
// makes string order equal causal order, and the office id breaks ties, so "last writer wins" is simply
// the greatest string. The last stamp is persisted so a clock set backwards never reissues a stamp.
// It is also mirrored in memory per connection, so a bulk write of 100,000 records does not read it back
// 100,000 times; every Hlc on one connection shares the mirror, and the mirror dies with the connection.
// After a rollback the mirror may be ahead of the stored stamp, which only makes later stamps larger.
// Apart from the last stamp, the clock keeps the last one it gave a WRITE (a record's fields, a deletion, a
// purge): sync tells partners that every write made before it came to hold their changes is at or below it,
// a tighter bound than the last stamp, which received stamps push past every office's (sync/stability.ts).
// A stamp is a write's unless it comes from mark(), so a new caller errs on the safe side.

const KEY = 'hlc';
/** The greatest stamp given to a write; absent until the first (migration 0018 sets it up from `hlc`). */
const WRITTEN_KEY = 'hlc.written';

export interface Hlc {
  /** A new stamp for a write, greater than every stamp this office has issued or received. */
  tick(): string;
  /** `count` new stamps in increasing order, as `count` ticks would give, stored once (for bulk writes). */
  tickMany(count: number): string[];
  /** A new stamp like tick(), for sync's own bookkeeping (a bundle's stamp, an import's): not a write. */
  mark(): string;
  /** Takes note of a stamp from another office so later local stamps are greater. */
  receive(stamp: string): void;
  /** The greatest stamp given to a write so far (the zero stamp before any): no write is above it. */
  written(): string;
}

export function parseStamp(stamp: string): { ms: number; counter: number; office: string } {
  const [ms, counter, office] = stamp.split(':');
  return { ms: parseInt(ms ?? '0', 16), counter: parseInt(counter ?? '0', 16), office: office ?? '' };
}

export function formatStamp(ms: number, counter: number, office: string): string {
  return `${ms.toString(16).padStart(12, '0')}:${counter.toString(16).padStart(4, '0')}:${office}`;
}

export { STAMP_PATTERN } from '../../../shared/sync';

interface Last {
  ms: number;
  counter: number;
}

// The counter has four hex digits. Past them the stamp moves on to the next millisecond, as HLCs do, so
// stamps stay well formed and ordered even when more than 65,536 are issued within one millisecond.
const MAX_COUNTER = 0xffff;

function after(previous: Last, now: number): Last {
  if (now > previous.ms) return { ms: now, counter: 0 };
  return previous.counter < MAX_COUNTER
    ? { ms: previous.ms, counter: previous.counter + 1 }
    : { ms: previous.ms + 1, counter: 0 };
}

const mirrors = new WeakMap<Database, Last>();
const writtenMirrors = new WeakMap<Database, string>();

export function createHlc(db: Database, officeId: string, clock: Clock): Hlc {
  const write = stmt(
    db,
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  const last = (): Last => {
    let mirror = mirrors.get(db);
    if (!mirror) {
      const row = stmt(db, 'SELECT value FROM settings WHERE key = ?').get(KEY) as
        { value: string } | undefined;
      const { ms, counter } = row ? parseStamp(row.value) : { ms: 0, counter: 0 };
      mirror = { ms, counter };
      mirrors.set(db, mirror);
    }
    return mirror;
  };
  const store = (next: Last): void => {
    write.run(KEY, formatStamp(next.ms, next.counter, officeId));
    mirrors.set(db, next);
  };
  const issue = (count: number, isWrite: boolean): string[] => {
    const now = clock.now().getTime();
    let current = last();
    const stamps: string[] = [];
    for (let i = 0; i < count; i++) {
      current = after(current, now);
      stamps.push(formatStamp(current.ms, current.counter, officeId));
    }
    if (count > 0) store(current);
    const newest = stamps.at(-1);
    if (isWrite && newest) {
      write.run(WRITTEN_KEY, newest);
      writtenMirrors.set(db, newest);
    }
    return stamps;
  };
  return {
    tick: () => issue(1, true)[0] as string,
    tickMany: (count) => issue(count, true),
    mark: () => issue(1, false)[0] as string,
    written() {
      let mirror = writtenMirrors.get(db);
      if (mirror === undefined) {
        const row = stmt(db, 'SELECT value FROM settings WHERE key = ?').get(WRITTEN_KEY) as
          { value: string } | undefined;
        mirror = row?.value ?? formatStamp(0, 0, officeId);
        writtenMirrors.set(db, mirror);
      }
      return mirror;
    },
    receive(stamp) {
      const remote = parseStamp(stamp);
      const previous = last();
      if (remote.ms > previous.ms || (remote.ms === previous.ms && remote.counter > previous.counter)) {
        store({ ms: remote.ms, counter: remote.counter });
      }
    },
  };
}
