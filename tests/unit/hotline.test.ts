import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AmparoService } from '../../electron/core/kernel/context';
import { dispatch } from '../../electron/core/dispatch';
import { hotlineFeature } from '../../electron/core/hotline/feature';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/ipc';
import { manualClock, removeTempDirs, unlockedService } from '../helpers/vault';

// The hotline's workflows end to end through dispatch against a real encrypted vault: a report's life
// (verification with who and when, closing erases the callback, the 72-hour erasure), its list filters,
// dispatching volunteers (candidates, statuses, an inactive volunteer on past dispatches), an intake started
// from a report, and the outreach totals.

let service: AmparoService;
const clock = manualClock('2026-11-24T18:30:00.000Z'); // a Tuesday, 10:30 in Los Angeles

async function call<C extends Channel>(channel: C, input?: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await dispatch(service.handlers, channel, input);
  if (!result.ok)
    throw Object.assign(new Error(result.error.message), {
      code: result.error.code,
      issues: result.error.issues,
    });
  return result.value as ChannelOutput<C>;
}

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    return (error as { code: string }).code;
  }
}

beforeEach(async () => {
  clock.set('2026-11-24T18:30:00.000Z');
  ({ service } = await unlockedService({ clock }));
  await call('settings:operator', { name: 'Rosa' });
  await call('settings:timeZone', { zone: 'America/Los_Angeles' });
});
afterEach(() => {
  service.close();
  removeTempDirs();
});

const report = (extra: Partial<ChannelInput<'report:create'>> = {}) =>
  call('report:create', {
    receivedAt: '2026-11-24T18:20:00Z',
    incidentAt: '2026-11-24T18:05:00Z',
    location: '1400 International Blvd',
    county: 'Alameda',
    agency: 'ICE',
    description: 'Two unmarked vans, agents in vests',
    vehicles: 'White Ford Transit',
    language: 'es',
    callback: { phone: '510-555-0101', name: 'Caller', language: 'es' },
    ...extra,
  });

describe('reports', () => {
  it('records verification with who and when, never back to unverified', async () => {
    const r = await report();
    expect(r).toMatchObject({ status: 'OPEN', verification: 'UNVERIFIED', agency: 'ICE' });
    expect(r.verifiedBy).toBeUndefined();
    clock.set('2026-11-24T18:40:00.000Z');
    const checking = await call('report:update', { id: r.id, patch: { verification: 'CHECKING' } });
    expect(checking).toMatchObject({ verifiedBy: 'Rosa', verifiedAt: '2026-11-24T18:40:00.000Z' });
    clock.set('2026-11-24T18:50:00.000Z');
    // A stamp sent by a client is ignored: the core says who and when.
    const verified = await call('report:update', {
      id: r.id,
      patch: { verification: 'VERIFIED', verifiedBy: 'Someone else', verifiedAt: '2020-01-01T00:00:00Z' },
    });
    expect(verified).toMatchObject({
      verification: 'VERIFIED',
      verifiedBy: 'Rosa',
      verifiedAt: '2026-11-24T18:50:00.000Z',
    });
    expect(await code(call('report:update', { id: r.id, patch: { verification: 'UNVERIFIED' } }))).toBe(
      'INVALID_INPUT',
    );
    // An unrelated edit leaves the stamp alone.
    const edited = await call('report:update', { id: r.id, patch: { vehicles: 'Two white vans' } });
    expect(edited).toMatchObject({ verification: 'VERIFIED', status: 'OPEN' });
    expect(edited.verifiedAt).toBe('2026-11-24T18:50:00.000Z');
  });

  it('erases the callback when the report closes, and after 72 hours by itself', async () => {
    const closing = await report();
    const closed = await call('report:update', { id: closing.id, patch: { status: 'CLOSED' } });
    expect(closed.callback).toBeUndefined();
    expect(closed.closedAt).toBe('2026-11-24T18:30:00.000Z');
    const reopened = await call('report:update', { id: closing.id, patch: { status: 'OPEN' } });
    expect(reopened.closedAt).toBeUndefined();

    const old = await report({ receivedAt: '2026-11-21T18:00:00Z' });
    const recent = await report({ receivedAt: '2026-11-21T19:00:00Z' });
    // 72 h after the first was received, the sweep that runs at unlock and every few minutes erases it.
    clock.set('2026-11-24T18:00:00.000Z');
    const stop = hotlineFeature.activate?.(service.context);
    if (typeof stop === 'function') stop();
    expect((await call('report:get', { id: old.id })).callback).toBeUndefined();
    expect((await call('report:get', { id: recent.id })).callback).toMatchObject({ phone: '510-555-0101' });
    const history = await call('audit:history', { kind: 'report', id: old.id });
    expect(history.at(-1)?.fields).toEqual(['callback']);
  });

  it('lists by open, county, verification and the last 24 hours, with paging', async () => {
    const a = await report({ receivedAt: '2026-11-24T10:00:00Z' });
    const b = await report({ receivedAt: '2026-11-23T19:00:00Z', county: 'Santa Clara' });
    const c = await report({ receivedAt: '2026-11-22T10:00:00Z' });
    await call('report:update', { id: c.id, patch: { status: 'CLOSED' } });
    await call('report:update', { id: b.id, patch: { verification: 'CHECKING' } });
    const ids = async (filters: Record<string, string | number>, limit = 10, offset = 0) => {
      const page = await call('report:list', {
        filters,
        sort: { field: 'receivedAt', direction: 'desc' },
        limit,
        offset,
      });
      return { ids: page.rows.map((r) => r.id), total: page.total };
    };
    expect(await ids({ status: 'OPEN' })).toEqual({ ids: [a.id, b.id], total: 2 });
    expect(await ids({ county: 'Alameda' })).toEqual({ ids: [a.id, c.id], total: 2 });
    expect(await ids({ verification: 'CHECKING' })).toEqual({ ids: [b.id], total: 1 });
    expect(await ids({ receivedWithinHours: 24 })).toEqual({ ids: [a.id, b.id], total: 2 });
    expect(await ids({ receivedWithinHours: 24, county: 'Alameda', status: 'OPEN' })).toEqual({
      ids: [a.id],
      total: 1,
    });
    expect(await ids({}, 2, 2)).toEqual({ ids: [c.id], total: 3 });
    expect(await code(call('report:list', { filters: { receivedWithinHours: 'soon' } }))).toBe(
      'INVALID_INPUT',
    );
  });
});

describe('dispatch', () => {
  const volunteer = (given: string, extra: Partial<ChannelInput<'volunteer:create'>> = {}) =>
    call('volunteer:create', {
      givenName: given,
      familyName: 'Test',
      phone: '510-555-0199',
      roles: ['LEGAL_OBSERVER'],
      status: 'ACTIVE',
      ...extra,
    });

  it('ranks candidates by county, current training, available now (office zone) and language', async () => {
    const r = await report();
    // Tuesday 10:30 in Los Angeles; 18:30 in UTC.
    const tuesdayMorning = [{ day: 2, start: '09:00', end: '12:00' }];
    const best = await volunteer('Best', {
      counties: ['Alameda'],
      trainings: [{ kind: 'Legal observer', completedOn: '2026-01-10', expiresOn: '2027-01-10' }],
      availability: tuesdayMorning,
      languages: ['es'],
    });
    const expired = await volunteer('Expired', {
      counties: ['Alameda'],
      trainings: [{ kind: 'Legal observer', completedOn: '2025-01-10', expiresOn: '2026-01-10' }],
      availability: tuesdayMorning,
      languages: ['es'],
    });
    // Available 18:00–20:00: only if slots were read in UTC.
    const utcOnly = await volunteer('Utc', {
      counties: ['Alameda'],
      trainings: [{ kind: 'Legal observer', completedOn: '2026-01-10' }],
      availability: [{ day: 2, start: '18:00', end: '20:00' }],
      languages: ['es'],
    });
    const elsewhere = await volunteer('Elsewhere', {
      counties: ['Marin'],
      trainings: [{ kind: 'Legal observer', completedOn: '2026-01-10' }],
      availability: tuesdayMorning,
      languages: ['es'],
    });
    await volunteer('Responder', { roles: ['RAPID_RESPONDER'], counties: ['Alameda'] });
    await volunteer('Paused', { status: 'ON_LEAVE', counties: ['Alameda'] });
    await volunteer('Gone', { status: 'INACTIVE', counties: ['Alameda'] });

    const candidates = await call('dispatch:candidates', { reportId: r.id });
    expect(candidates.map((c) => c.volunteer.givenName)).toEqual(['Best', 'Utc', 'Expired', 'Elsewhere']);
    expect(candidates[0]?.matches).toEqual({
      county: true,
      training: true,
      availableNow: true,
      language: true,
    });
    expect(candidates[1]?.matches.availableNow).toBe(false);
    expect(candidates[2]?.matches.training).toBe(false);
    expect(candidates.map((c) => c.volunteer.id)).toEqual([best.id, utcOnly.id, expired.id, elsewhere.id]);
    const responders = await call('dispatch:candidates', { reportId: r.id, role: 'RAPID_RESPONDER' });
    expect(responders.map((c) => c.volunteer.givenName)).toEqual(['Responder']);
  });

  it('sends two observers, moves them on site and done, and keeps a volunteer who left on the report', async () => {
    const r = await report();
    const ana = await volunteer('Ana', { counties: ['Alameda'] });
    const beto = await volunteer('Beto', { counties: ['Alameda'] });
    const sent = await call('dispatch:send', { reportId: r.id, volunteerIds: [ana.id, beto.id] });
    expect(sent.map((d) => [d.volunteerId, d.status, d.sentAt])).toEqual([
      [ana.id, 'SENT', '2026-11-24T18:30:00.000Z'],
      [beto.id, 'SENT', '2026-11-24T18:30:00.000Z'],
    ]);
    // Already on their way: not offered again, and not sent twice.
    expect(await call('dispatch:candidates', { reportId: r.id })).toEqual([]);
    expect(await code(call('dispatch:send', { reportId: r.id, volunteerIds: [ana.id] }))).toBe('CONFLICT');

    clock.set('2026-11-24T18:50:00.000Z');
    const [first, second] = sent as [(typeof sent)[0], (typeof sent)[0]];
    const onSite = await call('dispatch:update', { id: first.id, patch: { status: 'ON_SITE' } });
    expect(onSite.onSiteAt).toBe('2026-11-24T18:50:00.000Z');
    clock.set('2026-11-24T20:00:00.000Z');
    const done = await call('dispatch:update', {
      id: first.id,
      patch: { status: 'DONE', notes: 'Agents left at 11:40; one man detained' },
    });
    expect(done).toMatchObject({ status: 'DONE', endedAt: '2026-11-24T20:00:00.000Z' });
    expect(await code(call('dispatch:update', { id: first.id, patch: { status: 'SENT' } }))).toBe(
      'INVALID_INPUT',
    );
    await call('dispatch:update', { id: second.id, patch: { status: 'CANCELLED' } });

    await call('volunteer:update', { id: ana.id, patch: { status: 'INACTIVE' } });
    const detail = await call('report:detail', { id: r.id });
    expect(
      detail.dispatches.map((d) => [d.volunteer?.givenName, d.volunteer?.status, d.dispatch.status]),
    ).toEqual(
      expect.arrayContaining([
        ['Ana', 'INACTIVE', 'DONE'],
        ['Beto', 'ACTIVE', 'CANCELLED'],
      ]),
    );
    // An inactive volunteer is not sent again.
    expect(await code(call('dispatch:send', { reportId: r.id, volunteerIds: [ana.id] }))).toBe(
      'INVALID_INPUT',
    );
    const listed = await call('dispatch:list', { filters: { reportId: r.id, status: 'DONE' } });
    expect(listed.rows.map((d) => d.id)).toEqual([first.id]);
  });

  it('refuses to send anyone to a closed report, and shows volunteers sent before dispatches were records', async () => {
    const ana = await volunteer('Ana');
    const r = await report({ dispatchedVolunteerIds: [ana.id] });
    expect((await call('report:detail', { id: r.id })).sentBefore.map((v) => v.givenName)).toEqual(['Ana']);
    await call('report:update', { id: r.id, patch: { status: 'CLOSED' } });
    expect(await code(call('dispatch:send', { reportId: r.id, volunteerIds: [ana.id] }))).toBe(
      'INVALID_INPUT',
    );
  });
});

describe('report retention', () => {
  it('purges a false alarm after H hours together with its dispatches', async () => {
    const r = await report({ receivedAt: '2026-11-20T10:00:00Z' });
    const ana = await call('volunteer:create', { givenName: 'Ana', familyName: 'V', status: 'ACTIVE' });
    const [sent] = await call('dispatch:send', { reportId: r.id, volunteerIds: [ana.id] });
    await call('dispatch:update', { id: sent!.id, patch: { status: 'DONE', notes: 'Nothing there' } });
    await call('report:update', { id: r.id, patch: { verification: 'CHECKING' } });
    await call('report:update', { id: r.id, patch: { verification: 'FALSE_ALARM', status: 'CLOSED' } });
    clock.set('2026-11-28T10:00:00.000Z');
    const result = await call('retention:purge', { falseAlarmHours: 72 });
    expect(result.reports).toBe(1);
    expect(await code(call('report:get', { id: r.id }))).toBe('NOT_FOUND');
    expect(await code(call('dispatch:get', { id: sent!.id }))).toBe('NOT_FOUND');
    expect((await call('dispatch:list', {})).total).toBe(0);
  });
});

describe('intake from a report', () => {
  it('links the person and the report both ways in one write', async () => {
    const r = await report();
    const person = await call('person:create', {
      givenName: 'Marta',
      familyName: 'Ruiz',
      reportId: r.id,
      arrestLocation: r.location,
      arrestCounty: r.county,
      detainedAt: r.incidentAt,
      arrestingAgency: 'ICE',
      reportSource: 'HOTLINE',
    });
    expect((await call('report:get', { id: r.id })).personIds).toEqual([person.id]);
    const detail = await call('report:detail', { id: r.id });
    expect(detail.people).toEqual([
      { id: person.id, givenName: 'Marta', familyName: 'Ruiz', custodyStatus: null },
    ]);
    const people = await call('person:list', { filters: { reportId: r.id } });
    expect(people.rows.map((p) => p.id)).toEqual([person.id]);
    expect(
      await code(call('person:create', { givenName: 'X', familyName: 'Y', reportId: 'f'.repeat(32) })),
    ).toBe('NOT_FOUND');
    expect((await call('person:list', {})).total).toBe(1);
  });
});

describe('outreach', () => {
  it('totals workshops, attendees and cards per county and month', async () => {
    const trainer = await call('volunteer:create', { givenName: 'T', familyName: 'Trainer' });
    const workshop = (date: string, county: string, attendees: number, cards: number) =>
      call('workshop:create', {
        date,
        county,
        language: 'es',
        hostOrganization: 'Iglesia San Juan',
        trainerIds: [trainer.id],
        attendees,
        cardsHandedOut: cards,
      });
    await workshop('2025-11-30', 'Alameda', 5, 5);
    await workshop('2025-12-01', 'Alameda', 40, 120);
    await workshop('2026-03-14', 'Alameda', 25, 60);
    await workshop('2026-03-20', 'Santa Clara', 10, 30);
    await workshop('2026-11-02', 'Santa Clara', 12, 24);

    const all = await call('outreach:stats', {});
    expect(all.total).toEqual({ workshops: 5, attendees: 92, cards: 239 });
    const ranged = await call('outreach:stats', { from: '2026-01-01', to: '2026-12-31' });
    expect(ranged.counties).toEqual([
      { county: 'Santa Clara', workshops: 2, attendees: 22, cards: 54 },
      { county: 'Alameda', workshops: 1, attendees: 25, cards: 60 },
    ]);
    expect(ranged.months.map((m) => [m.month, m.county, m.workshops])).toEqual([
      ['2026-03', 'Alameda', 1],
      ['2026-03', 'Santa Clara', 1],
      ['2026-11', 'Santa Clara', 1],
    ]);
    // The last 12 months from November 2026 start on 1 December 2025.
    const chart = await call('outreach:stats', { lastMonths: 12 });
    expect([chart.from, chart.to]).toEqual(['2025-12-01', '2026-11-24']);
    expect(chart.total.workshops).toBe(4);
    const listed = await call('workshop:list', { filters: { county: 'Alameda', from: '2026-01-01' } });
    expect(listed.rows.map((w) => w.date)).toEqual(['2026-03-14']);
  });
});
