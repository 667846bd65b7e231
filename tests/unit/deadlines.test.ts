import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AmparoService } from '../../electron/core/kernel/context';
import { dispatch } from '../../electron/core/dispatch';
import {
  caseFileDeadlines,
  deadlineOrder,
  endOfDueDate,
  hearingDeadline,
} from '../../electron/core/records/deadlines/derive';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/ipc';
import { biaAppealDue as biaAppealDueOn } from '../../shared/records/case-file';
import { dayIn, utcToWallClock } from '../../shared/time';
import { runCliInProcess } from '../helpers/cli';
import { makeTempDir, manualClock, PASSPHRASE, removeTempDirs, unlockedService } from '../helpers/vault';

// Deadlines: derived from the case file (BIA appeal, habeas return, bond hearings) and typed ones; overdue
// first; in the office's zone.

const ZONE = 'America/Los_Angeles';
const person = (extra: object = {}) => ({
  id: 'a'.repeat(32),
  givenName: 'Ana',
  familyName: 'Ruiz',
  ...extra,
});

describe('derivation', () => {
  it('the BIA appeal is due 30 days after the decision, at the end of that day in the office', () => {
    expect(biaAppealDueOn('2026-12-02')).toBe('2027-01-01');
    expect(biaAppealDueOn('2026-02-27')).toBe('2026-03-29');
    const [appeal] = caseFileDeadlines(
      person({ courtCase: { decision: { on: '2026-12-02', outcome: 'REMOVAL_ORDERED' } } }),
      new Date('2026-12-10T00:00:00Z'),
      ZONE,
    );
    expect(appeal).toMatchObject({ kind: 'BIA_APPEAL', dueAt: '2027-01-02T07:59:00.000Z', done: false });
    expect(appeal?.overdue).toBe(false);
  });

  it('30 calendar days hold across DST changes, in any zone', () => {
    const date = fc
      .integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 11, 1) })
      .map((ms) => new Date(ms).toISOString().slice(0, 10));
    const zone = fc.constantFrom('UTC', ZONE, 'Pacific/Auckland', 'America/New_York');
    fc.assert(
      fc.property(date, zone, (decided, z) => {
        const dueOn = biaAppealDueOn(decided);
        expect((Date.parse(dueOn) - Date.parse(decided)) / 86_400_000).toBe(30);
        const end = endOfDueDate(dueOn, z);
        expect(dayIn(end, z)).toBe(dueOn);
        expect(utcToWallClock(end, z).slice(11)).toBe('23:59');
      }),
    );
  });

  it('an appeal filed, relief granted or a closed case leaves no open BIA deadline', () => {
    const now = new Date('2027-02-01T00:00:00Z');
    const decision = { on: '2026-12-02', outcome: 'REMOVAL_ORDERED' };
    expect(caseFileDeadlines(person({ courtCase: { decision } }), now, ZONE)[0]?.overdue).toBe(true);
    const filed = caseFileDeadlines(
      person({ courtCase: { decision, appealFiledOn: '2026-12-20' } }),
      now,
      ZONE,
    );
    expect(filed[0]).toMatchObject({ done: true, overdue: false });
    const granted = { courtCase: { decision: { on: '2026-12-02', outcome: 'RELIEF_GRANTED' } } };
    expect(caseFileDeadlines(person(granted), now, ZONE)).toEqual([]);
    expect(caseFileDeadlines(person({ caseStatus: 'CLOSED', courtCase: { decision } }), now, ZONE)).toEqual(
      [],
    );
  });

  it('the habeas return is open until the return is filed', () => {
    const now = new Date('2026-12-10T00:00:00Z');
    const [open] = caseFileDeadlines(
      person({ habeas: { returnDue: '2026-12-12', osc: 'ISSUED' } }),
      now,
      ZONE,
    );
    expect(open).toMatchObject({ kind: 'HABEAS_RETURN', done: false, dueAt: '2026-12-13T07:59:00.000Z' });
    const [filed] = caseFileDeadlines(
      person({ habeas: { returnDue: '2026-12-12', osc: 'RETURN_FILED' } }),
      now,
      ZONE,
    );
    expect(filed?.done).toBe(true);
  });

  it('orders open before done, overdue first, then by due date', () => {
    const now = new Date('2026-12-10T00:00:00Z');
    const items = [
      hearingDeadline(
        person(),
        { id: 'b'.repeat(32), personId: 'a'.repeat(32), at: '2026-12-22T17:00:00.000Z' },
        now,
      ),
      hearingDeadline(
        person(),
        { id: 'c'.repeat(32), personId: 'a'.repeat(32), at: '2026-12-01T17:00:00.000Z' },
        now,
      ),
      ...caseFileDeadlines(person({ habeas: { returnDue: '2026-12-05' } }), now, ZONE),
      ...caseFileDeadlines(
        person({ courtCase: { decision: { on: '2026-11-20', outcome: 'OTHER' } } }),
        now,
        ZONE,
      ),
    ].sort(deadlineOrder);
    expect(items.map((i) => [i.kind, i.overdue, i.done])).toEqual([
      ['HABEAS_RETURN', true, false],
      ['BIA_APPEAL', false, false],
      ['BOND_HEARING', false, false],
      ['BOND_HEARING', false, true],
    ]);
  });
});

describe('the deadlines list', () => {
  let service: AmparoService;
  const clock = manualClock('2026-12-10T18:00:00.000Z');

  async function call<C extends Channel>(channel: C, input?: ChannelInput<C>): Promise<ChannelOutput<C>> {
    const result = await dispatch(service.handlers, channel, input);
    if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
    return result.value as ChannelOutput<C>;
  }

  beforeEach(async () => {
    clock.set('2026-12-10T18:00:00.000Z');
    ({ service } = await unlockedService({ clock }));
    await call('settings:timeZone', { zone: ZONE });
  });
  afterEach(() => {
    service.close();
    removeTempDirs();
  });

  it('lists typed and derived deadlines, overdue first, within N days, and marks one done', async () => {
    const ana = await call('person:create', {
      givenName: 'Ana',
      familyName: 'Ruiz',
      courtCase: {
        court: 'san-francisco-detained',
        decision: { on: '2026-11-05', outcome: 'REMOVAL_ORDERED' },
      },
    } as never);
    const attorney = await call('attorney:create', { givenName: 'Rosa', familyName: 'Lee' });
    const typed = await call('deadline:create', {
      personId: ana.id,
      what: 'File the bond packet',
      dueAt: '2026-12-11T17:00-08:00',
      attorneyId: attorney.id,
    });
    expect(typed.dueAt).toBe('2026-12-12T01:00:00.000Z');
    await call('deadline:create', { personId: ana.id, what: 'Far away', dueAt: '2027-03-01T17:00:00Z' });
    await call('event:create', { personId: ana.id, kind: 'BOND_HEARING', at: '2026-12-15T09:00-08:00' });

    const week = await call('deadline:upcoming', { days: 7 });
    expect(week.zone).toBe(ZONE);
    expect(week.rows.map((r) => [r.kind, r.overdue])).toEqual([
      ['BIA_APPEAL', true],
      ['MANUAL', false],
      ['BOND_HEARING', false],
    ]);
    expect(week.rows[1]?.responsible).toEqual({ kind: 'attorney', id: attorney.id, name: 'Rosa Lee' });
    expect((await call('deadline:upcoming', {})).rows).toHaveLength(4);

    await call('deadline:update', { id: typed.id, patch: { done: true } });
    expect((await call('deadline:upcoming', { days: 7 })).rows.map((r) => r.kind)).toEqual([
      'BIA_APPEAL',
      'BOND_HEARING',
    ]);
    const withDone = await call('deadline:upcoming', { days: 7, includeDone: true, personId: ana.id });
    expect(withDone.rows.at(-1)).toMatchObject({ kind: 'MANUAL', done: true });
  });

  // A short list takes each source's first rows in SQL; it must equal the start of the whole list. A source
  // only decides a short list where it leads, so each case puts one source first: it is due over the next
  // 3 days, the others over the 3 days from the lead's last one (the clock is 2026-12-10 10:00 in the
  // office). Many share a due time, within a source and across two, so the keys break ties; some are done,
  // filed, granted or closed.
  it.each(['BIA_APPEAL', 'HABEAS_RETURN', 'MANUAL', 'BOND_HEARING'])(
    'a short list is the start of the whole list, with %s first',
    async (lead) => {
      const from = (kind: string) => (kind === lead ? 0 : 2);
      const instant = (k: number) =>
        new Date(Date.parse('2026-12-10T20:00:00Z') + k * 86_400_000).toISOString();
      const dayOf = (k: number) => instant(k).slice(0, 10);
      for (let i = 0; i < 40; i++) {
        const k = i % 3;
        const appealDay = dayOf(from('BIA_APPEAL') + k);
        const decided = new Date(Date.parse(appealDay) - 30 * 86_400_000).toISOString().slice(0, 10);
        const p = await call('person:create', {
          givenName: `P${i}`,
          familyName: 'Ruiz',
          ...(i % 7 === 3 ? { caseStatus: 'CLOSED' } : {}),
          courtCase: {
            court: 'san-francisco-detained',
            decision: { on: decided, outcome: i % 4 === 1 ? 'RELIEF_GRANTED' : 'REMOVAL_ORDERED' },
            ...(i % 5 === 2 ? { appealFiledOn: dayOf(0) } : {}),
          },
          habeas: {
            district: 'cand',
            returnDue: dayOf(from('HABEAS_RETURN') + k),
            ...(i % 4 === 2 ? { osc: 'RETURN_FILED' } : {}),
          },
        } as never);
        await call('event:create', {
          personId: p.id,
          kind: 'BOND_HEARING',
          at: instant(from('BOND_HEARING') + k),
        });
        const typedDay = from('MANUAL') + k;
        const due = i % 2 ? instant(typedDay) : endOfDueDate(dayOf(typedDay), ZONE);
        const typed = await call('deadline:create', { personId: p.id, what: 'Call', dueAt: due });
        if (i % 4 === 0) await call('deadline:update', { id: typed.id, patch: { done: true } });
      }
      for (const days of [undefined, 1, 30]) {
        const window = days === undefined ? {} : { days };
        const whole = (await call('deadline:upcoming', window)).rows;
        expect(whole[0]?.kind).toBe(lead);
        expect(new Set(whole.map((row) => row.kind)).size).toBe(days === 1 ? 1 : 4);
        for (let limit = 1; limit <= whole.length; limit++)
          expect((await call('deadline:upcoming', { ...window, limit })).rows).toEqual(whole.slice(0, limit));
      }
    },
  );

  it('refuses a deadline with both an attorney and a volunteer, or without what', async () => {
    const ana = await call('person:create', { givenName: 'Ana', familyName: 'Ruiz' });
    const both = await dispatch(service.handlers, 'deadline:create', {
      personId: ana.id,
      what: 'x',
      dueAt: '2026-12-11T17:00:00Z',
      attorneyId: 'b'.repeat(32),
      volunteerId: 'c'.repeat(32),
    });
    expect(both.ok).toBe(false);
    const empty = await dispatch(service.handlers, 'deadline:create', {
      personId: ana.id,
      what: ' ',
      dueAt: '2026-12-11T17:00:00Z',
    });
    expect(empty.ok).toBe(false);
  });

  it('a person deleted takes her deadlines along', async () => {
    const ana = await call('person:create', { givenName: 'Ana', familyName: 'Ruiz' });
    await call('deadline:create', { personId: ana.id, what: 'Call', dueAt: '2026-12-11T17:00:00Z' });
    await call('person:delete', { id: ana.id });
    expect((await call('deadline:upcoming', {})).rows).toEqual([]);
    expect((await call('deadline:list', {})).total).toBe(0);
  });
});

describe('retention', () => {
  it('keeps a closed case while a deadline is open, and purges the deadline with the case', async () => {
    const clock = manualClock('2026-01-05T10:00:00.000Z');
    const { service } = await unlockedService({ clock });
    const call = async <C extends Channel>(channel: C, input?: ChannelInput<C>) => {
      const result = await dispatch(service.handlers, channel, input);
      if (!result.ok) throw new Error(result.error.message);
      return result.value as ChannelOutput<C>;
    };
    const ana = await call('person:create', { givenName: 'Ana', familyName: 'Ruiz', caseStatus: 'CLOSED' });
    const typed = await call('deadline:create', {
      personId: ana.id,
      what: 'Return the file',
      dueAt: '2026-01-20T17:00:00Z',
    });
    clock.set('2026-09-01T10:00:00.000Z');
    const preview = await call('retention:preview', { days: 180 });
    expect(preview.rules[0]?.kept).toEqual([
      expect.objectContaining({ id: ana.id, reasons: ['OPEN_DEADLINE'] }),
    ]);
    await call('deadline:update', { id: typed.id, patch: { done: true } });
    clock.set('2027-06-01T10:00:00.000Z');
    const result = await call('retention:purge', { days: 180 });
    expect(result).toMatchObject({ people: 1, deadlines: 1 });
    expect((await call('deadline:list', {})).total).toBe(0);
    service.close();
    removeTempDirs();
  });
});

describe('CLI', () => {
  afterEach(removeTempDirs);

  it('deadlines list prints JSON lines; time-zone reads and sets the zone', async () => {
    const vault = join(makeTempDir(), 'v');
    const env = { AMPARO_PASSPHRASE: PASSPHRASE };
    const cli = (...args: string[]) => runCliInProcess(['--vault', vault, ...args], env);
    expect((await cli('init', '--office', 'CLI Office')).code).toBe(0);
    const set = await cli('time-zone', 'Pacific/Auckland');
    expect(JSON.parse(set.stdout)).toMatchObject({ zone: 'Pacific/Auckland', chosen: true });
    expect((await cli('time-zone', 'Mars/Base')).code).not.toBe(0);
    const person = JSON.parse(
      (await cli('add', 'person', '--json', '{"givenName":"Ana","familyName":"Ruiz"}')).stdout,
    ) as { id: string };
    const due = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const later = new Date(Date.now() + 40 * 86_400_000).toISOString();
    for (const [what, at] of [
      ['Soon', due],
      ['Later', later],
    ])
      expect(
        (await cli('add', 'deadline', '--json', JSON.stringify({ personId: person.id, what, dueAt: at })))
          .code,
      ).toBe(0);
    const listed = await cli('deadlines', 'list', '--days', '7');
    expect(listed.code).toBe(0);
    const lines = listed.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { what: string });
    expect(lines.map((l) => l.what)).toEqual(['Soon']);
    const all = await cli('deadlines', 'list');
    expect(all.stdout.trim().split('\n')).toHaveLength(2);
    expect((await cli('deadlines', 'list', '--days', 'x')).code).not.toBe(0);
  });
});
