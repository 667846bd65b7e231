import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AmparoService } from '../../electron/core/kernel/context';
import { dispatch } from '../../electron/core/dispatch';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/ipc';
import {
  addDaysToDate,
  dayIn,
  daysFromToday,
  endOfDateIn,
  isTimeZone,
  startOfDayIn,
  toUtcIso,
  utcToWallClock,
  wallClockIn,
  wallClockToUtc,
} from '../../shared/time';
import { dateTimeAsTyped, localInstant } from '../../renderer/app/dates/parse';
import { manualClock, removeTempDirs, unlockedService } from '../helpers/vault';

// The office's day: properties across zones and DST changes, then the queries that read it.

const ZONES = [
  'UTC',
  'America/Los_Angeles',
  'America/New_York',
  'Pacific/Auckland',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'Europe/London',
];
const HOUR = 3_600_000;
// 2025-01-01 .. 2028-12-31: several DST changes in every zone above that has them.
const instant = fc
  .integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 11, 31) })
  .map((ms) => new Date(ms));
const zone = fc.constantFrom(...ZONES);

describe('the office day, in any zone', () => {
  it('the day starts at local midnight, holds the instant, and the next day starts 23 to 25 hours later', () => {
    fc.assert(
      fc.property(instant, zone, (now, z) => {
        const start = startOfDayIn(now, z);
        const { from, to } = daysFromToday(now, z, 1);
        expect(from).toBe(start.toISOString());
        expect(start.getTime()).toBeLessThanOrEqual(now.getTime());
        expect(Date.parse(to)).toBeGreaterThan(now.getTime());
        expect(utcToWallClock(from, z).slice(11)).toBe('00:00');
        expect(dayIn(from, z)).toBe(dayIn(now, z));
        expect(dayIn(to, z)).toBe(addDaysToDate(dayIn(now, z), 1));
        const length = Date.parse(to) - Date.parse(from);
        expect(length).toBeGreaterThanOrEqual(23 * HOUR);
        expect(length).toBeLessThanOrEqual(25 * HOUR);
      }),
    );
  });

  it('"this week" ends at midnight seven calendar days on', () => {
    fc.assert(
      fc.property(instant, zone, (now, z) => {
        const { to } = daysFromToday(now, z, 7);
        expect(dayIn(to, z)).toBe(addDaysToDate(dayIn(now, z), 7));
        expect(utcToWallClock(to, z).slice(11)).toBe('00:00');
      }),
    );
  });

  it('a wall-clock time read back from its instant is the same wall-clock time', () => {
    fc.assert(
      fc.property(instant, zone, (now, z) => {
        const wall = utcToWallClock(now.toISOString(), z);
        expect(utcToWallClock(wallClockToUtc(wall, z), z)).toBe(wall);
        expect(wallClockIn(now, z).time).toBe(wall.slice(11));
      }),
    );
  });

  it('any offset is stored as the same UTC instant, and stored instants sort as text in time order', () => {
    const offset = fc.integer({ min: -12 * 60, max: 14 * 60 });
    fc.assert(
      fc.property(instant, offset, instant, (a, minutes, b) => {
        const shifted = new Date(a.getTime() + minutes * 60_000).toISOString().slice(0, 19);
        const sign = minutes < 0 ? '-' : '+';
        const abs = Math.abs(minutes);
        const hh = String(Math.floor(abs / 60)).padStart(2, '0');
        const mm = String(abs % 60).padStart(2, '0');
        const written = `${shifted}${sign}${hh}:${mm}`;
        const stored = toUtcIso(written);
        expect(Date.parse(stored)).toBe(Math.floor(a.getTime() / 1000) * 1000);
        const other = toUtcIso(b.toISOString());
        expect(stored < other).toBe(Date.parse(stored) < Date.parse(other));
      }),
    );
  });
});

describe('times typed in the office', () => {
  it('a date and time typed in a field is the office wall clock, whatever zone this computer is in', () => {
    expect(localInstant('2026-12-05', '09:00', 'America/Los_Angeles')).toBe('2026-12-05T17:00:00.000Z');
    expect(localInstant('2026-12-05', '09:00', 'Pacific/Auckland')).toBe('2026-12-04T20:00:00.000Z');
    fc.assert(
      fc.property(instant, zone, fc.constantFrom('MDY' as const, 'DMY' as const), (now, z, order) => {
        const typed = dateTimeAsTyped(now.toISOString(), order, z);
        expect(typed.slice(-5)).toBe(utcToWallClock(now.toISOString(), z).slice(11));
      }),
    );
  });
});

describe('DST days', () => {
  it('Los Angeles: 8 March 2026 is 23 hours long, 1 November 2026 is 25', () => {
    const spring = daysFromToday('2026-03-08T20:00:00Z', 'America/Los_Angeles', 1);
    expect(spring).toEqual({ from: '2026-03-08T08:00:00.000Z', to: '2026-03-09T07:00:00.000Z' });
    const fall = daysFromToday('2026-11-01T20:00:00Z', 'America/Los_Angeles', 1);
    expect(fall).toEqual({ from: '2026-11-01T07:00:00.000Z', to: '2026-11-02T08:00:00.000Z' });
    // 02:30 does not exist that spring morning; it moves forward as clocks do.
    expect(wallClockToUtc('2026-03-08T02:30', 'America/Los_Angeles')).toBe('2026-03-08T10:30:00.000Z');
  });

  it('Auckland: DST ends 5 April 2026 (25 h) and starts 27 September 2026 (23 h)', () => {
    const end = daysFromToday('2026-04-05T00:00:00Z', 'Pacific/Auckland', 1);
    expect(Date.parse(end.to) - Date.parse(end.from)).toBe(25 * HOUR);
    const start = daysFromToday('2026-09-27T00:00:00Z', 'Pacific/Auckland', 1);
    expect(Date.parse(start.to) - Date.parse(start.from)).toBe(23 * HOUR);
  });

  it('a date-only deadline runs to the end of that day in the office', () => {
    expect(endOfDateIn('2026-12-31', 'America/Los_Angeles')).toBe('2027-01-01T08:00:00.000Z');
    expect(endOfDateIn('2026-12-31', 'UTC')).toBe('2027-01-01T00:00:00.000Z');
    expect(endOfDateIn('2026-03-07', 'America/Los_Angeles')).toBe('2026-03-08T08:00:00.000Z');
  });

  it('knows zone names and refuses others', () => {
    expect(isTimeZone('America/Los_Angeles')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});

describe('queries in the office zone', () => {
  let service: AmparoService;
  const clock = manualClock('2026-12-05T13:00:00.000Z');

  async function call<C extends Channel>(channel: C, input?: ChannelInput<C>): Promise<ChannelOutput<C>> {
    const result = await dispatch(service.handlers, channel, input);
    if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
    return result.value as ChannelOutput<C>;
  }

  beforeEach(async () => {
    ({ service } = await unlockedService({ clock }));
    await call('settings:timeZone', { zone: 'America/Los_Angeles' });
  });
  afterEach(() => {
    service.close();
    removeTempDirs();
  });

  it('stores an instant typed with an offset as UTC, and the setting is read back', async () => {
    expect(await call('settings:timeZone', {})).toMatchObject({ zone: 'America/Los_Angeles', chosen: true });
    const person = await call('person:create', {
      givenName: 'Ana',
      familyName: 'Ruiz',
      detainedAt: '2026-12-04T22:15-08:00',
    });
    expect(person.detainedAt).toBe('2026-12-05T06:15:00.000Z');
    expect((await call('person:get', { id: person.id })).detainedAt).toBe('2026-12-05T06:15:00.000Z');
    const reset = await call('settings:timeZone', { zone: null });
    expect(reset.chosen).toBe(false);
    expect(reset.zone).toBe(reset.system);
    const refused = await dispatch(service.handlers, 'settings:timeZone', { zone: 'Pacific/Nowhere' });
    expect(refused.ok).toBe(false);
  });

  it('a hearing four hours ahead written with -08:00 is this week, on the dashboard and in the view', async () => {
    // 5 a.m. Pacific; the hearing is at 9 a.m. Pacific the same day.
    const person = await call('person:create', { givenName: 'Luis', familyName: 'Mora' });
    await call('event:create', { personId: person.id, kind: 'BOND_HEARING', at: '2026-12-05T09:00-08:00' });
    const summary = await call('dashboard:summary');
    expect(summary.hearings.map((h) => h.at)).toEqual(['2026-12-05T17:00:00.000Z']);
    const view = await call('person:view', { view: 'HEARINGS_THIS_WEEK' });
    expect(view.rows.map((p) => p.id)).toEqual([person.id]);
  });

  it('"reports today" counts the whole Pacific day, still at 4 p.m. and after', async () => {
    await call('report:create', {
      receivedAt: '2026-12-05T09:00-08:00',
      verification: 'UNVERIFIED',
    } as never);
    await call('report:create', {
      receivedAt: '2026-12-04T23:30-08:00',
      verification: 'UNVERIFIED',
    } as never);
    for (const now of ['2026-12-05T16:30:00.000Z', '2026-12-06T00:00:00.000Z', '2026-12-06T07:59:00.000Z']) {
      clock.set(now);
      expect((await call('dashboard:summary')).counts.reportsToday).toBe(1);
    }
    clock.set('2026-12-06T08:00:00.000Z');
    expect((await call('dashboard:summary')).counts.reportsToday).toBe(0);
  });

  it('training validity and "available now" are read in the office zone', async () => {
    await call('volunteer:create', {
      givenName: 'Rosa',
      familyName: 'Vega',
      trainings: [{ kind: 'Legal observer', completedOn: '2025-12-05', expiresOn: '2026-12-05' }],
      availability: [{ day: 6, start: '15:00', end: '18:00' }],
    } as never);
    // 4:30 p.m. Saturday 5 December in San Francisco is already Sunday 6 December in UTC.
    clock.set('2026-12-06T00:30:00.000Z');
    expect((await call('volunteer:find', { training: 'CURRENT' })).total).toBe(1);
    expect((await call('volunteer:find', { availableNow: true })).total).toBe(1);
    clock.set('2026-12-06T08:30:00.000Z');
    expect((await call('volunteer:find', { training: 'CURRENT' })).total).toBe(0);
    expect((await call('volunteer:find', { availableNow: true })).total).toBe(0);
  });
});
