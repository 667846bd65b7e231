import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../electron/core/kernel/context';
import { createHlc, formatStamp, parseStamp, STAMP_PATTERN } from '../../electron/core/records/hlc';
import { MIGRATIONS } from '../../electron/core/vault/migrations';
import { makeTempDir, removeTempDirs } from '../helpers/vault';

// The hybrid logical clock on its own, over a plain in-memory database with the real migrations: stamps
// must be well formed, strictly increasing whatever the wall clock does, survive a reopen (persisted in
// settings), and jump past any stamp received from another office. Apart from that, the clock remembers the
// last stamp it gave a write, which marks and received stamps don't move (sync bounds this office's earlier
// writes with it).

const OFFICE = 'a1b2c3d4e5f60718';
const OTHER = 'ffffffffffffffff';
const open: Database.Database[] = [];

function migratedDb(path = ':memory:'): Database.Database {
  const db = new Database(path);
  open.push(db);
  for (const migration of MIGRATIONS) {
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return db;
}

function clockAt(ms: number): Clock & { set(ms: number): void } {
  let now = ms;
  return { now: () => new Date(now), set: (next) => (now = next) };
}

afterEach(() => {
  while (open.length) open.pop()?.close();
  removeTempDirs();
});

describe('hybrid logical clock', () => {
  it('formats fixed-width stamps whose string order is time order', () => {
    const stamp = formatStamp(Date.parse('2026-11-24T10:00:00Z'), 7, OFFICE);
    expect(stamp).toMatch(STAMP_PATTERN);
    expect(parseStamp(stamp)).toEqual({ ms: Date.parse('2026-11-24T10:00:00Z'), counter: 7, office: OFFICE });
    expect(formatStamp(9, 0, OFFICE) < formatStamp(10, 0, OFFICE)).toBe(true);
    expect(formatStamp(10, 0, OFFICE) < formatStamp(10, 1, OFFICE)).toBe(true);
  });

  it('keeps increasing when the wall clock stalls or goes backwards, and persists across reopen', () => {
    const path = join(makeTempDir(), 'hlc.db');
    const db = migratedDb(path);
    const clock = clockAt(Date.parse('2026-11-24T10:00:00Z'));
    const first = createHlc(db, OFFICE, clock).tick();
    const second = createHlc(db, OFFICE, clock).tick(); // a fresh instance on the same connection
    db.close();
    clock.set(Date.parse('2026-11-24T09:00:00Z'));
    const reopened = new Database(path); // a new connection reads the stored stamp
    open.push(reopened);
    const third = createHlc(reopened, OFFICE, clock).tick();
    expect(first < second && second < third).toBe(true);
    expect(parseStamp(third).ms).toBe(Date.parse('2026-11-24T10:00:00Z'));
    expect(parseStamp(third).counter).toBe(2);
  });

  it('tickMany gives the stamps that as many ticks would, and stores only the last', () => {
    const clock = clockAt(Date.parse('2026-11-24T10:00:00Z'));
    const one = migratedDb();
    const byTick = Array.from({ length: 5 }, () => createHlc(one, OFFICE, clock).tick());
    const many = migratedDb();
    const hlc = createHlc(many, OFFICE, clock);
    expect(hlc.tickMany(5)).toEqual(byTick);
    expect(hlc.tickMany(0)).toEqual([]);
    const stored = (many.prepare("SELECT value FROM settings WHERE key = 'hlc'").get() as { value: string })
      .value;
    expect(stored).toBe(byTick[4]);
  });

  it('moves on to the next millisecond when the counter runs out, keeping stamps well formed and ordered', () => {
    const db = migratedDb();
    const ms = Date.parse('2026-11-24T10:00:00Z');
    const stamps = createHlc(db, OFFICE, clockAt(ms)).tickMany(0x10000 + 2);
    for (const s of [stamps[0x10000 - 1], stamps[0x10000], stamps[0x10001]]) expect(s).toMatch(STAMP_PATTERN);
    expect(parseStamp(stamps[0x10000 - 1] as string)).toMatchObject({ ms, counter: 0xffff });
    expect(parseStamp(stamps[0x10000] as string)).toMatchObject({ ms: ms + 1, counter: 0 });
    expect([...stamps].sort()).toEqual(stamps);
    expect(new Set(stamps).size).toBe(stamps.length);
  });

  it('never repeats a stamp when two clocks share one connection, even after a rollback', () => {
    const db = migratedDb();
    const clock = clockAt(Date.parse('2026-11-24T10:00:00Z'));
    const a = createHlc(db, OFFICE, clock);
    const b = createHlc(db, OFFICE, clock);
    const seen = [a.tick(), b.tick(), a.tick()];
    try {
      db.transaction(() => {
        seen.push(b.tick());
        throw new Error('roll back');
      })();
    } catch {
      // The stored stamp rolled back; the next stamps must still be new.
    }
    seen.push(a.tick(), b.tick());
    expect([...seen].sort()).toEqual(seen);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('after receiving a remote stamp from the future, the next local stamp is greater', () => {
    const db = migratedDb();
    const clock = clockAt(Date.parse('2026-11-24T10:00:00Z'));
    const hlc = createHlc(db, OFFICE, clock);
    const remote = formatStamp(Date.parse('2026-11-24T11:00:00Z'), 5, OTHER);
    hlc.receive(remote);
    const next = hlc.tick();
    expect(next > remote.slice(0, 17)).toBe(true);
    expect(parseStamp(next)).toEqual({ ms: Date.parse('2026-11-24T11:00:00Z'), counter: 6, office: OFFICE });
    // An older remote stamp changes nothing.
    hlc.receive(formatStamp(1, 0, OTHER));
    expect(parseStamp(hlc.tick()).counter).toBe(7);
  });

  it('remembers the last stamp given to a write: marks and received stamps leave it, a reopen keeps it', () => {
    const path = join(makeTempDir(), 'written.db');
    const db = migratedDb(path);
    const clock = clockAt(Date.parse('2026-11-24T10:00:00Z'));
    const hlc = createHlc(db, OFFICE, clock);
    expect(hlc.written()).toBe(formatStamp(0, 0, OFFICE));
    const write = hlc.tick();
    expect(hlc.written()).toBe(write);
    const mark = hlc.mark();
    hlc.receive(formatStamp(Date.parse('2026-11-24T11:00:00Z'), 3, OTHER));
    expect(mark > write).toBe(true);
    expect(hlc.written()).toBe(write);
    // A mark is still a new stamp: the next write is greater than it and than the received one.
    const [, last] = hlc.tickMany(2) as [string, string];
    expect(last > mark && parseStamp(last).ms === Date.parse('2026-11-24T11:00:00Z')).toBe(true);
    expect(createHlc(db, OFFICE, clock).written()).toBe(last);
    db.close();
    const reopened = new Database(path);
    open.push(reopened);
    expect(createHlc(reopened, OFFICE, clock).written()).toBe(last);
  });

  it('is strictly monotonic for any sequence of wall-clock readings and received stamps', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 2 ** 40 }) }),
      fc.record({
        kind: fc.constant('receive' as const),
        ms: fc.integer({ min: 0, max: 2 ** 40 }),
        counter: fc.integer({ min: 0, max: 1000 }),
      }),
    );
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), (steps) => {
        const db = migratedDb();
        const clock = clockAt(0);
        const hlc = createHlc(db, OFFICE, clock);
        let last = '';
        let highestReceived = '';
        for (const s of steps) {
          if (s.kind === 'tick') {
            clock.set(s.ms);
            const stamp = hlc.tick();
            expect(stamp).toMatch(STAMP_PATTERN);
            expect(stamp > last).toBe(true);
            // Compare only the time part: office ids differ between offices.
            expect(stamp.slice(0, 17) > highestReceived).toBe(true);
            last = stamp;
          } else {
            const remote = formatStamp(s.ms, s.counter, OTHER);
            hlc.receive(remote);
            if (remote.slice(0, 17) > highestReceived) highestReceived = remote.slice(0, 17);
          }
        }
        db.close();
        open.pop();
      }),
      { numRuns: 60 },
    );
  });
});
