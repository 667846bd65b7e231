import { describe, expect, it } from 'vitest';
import type { OutreachStats } from '../../shared/channels/hotline';
import { SCHEMAS, type Volunteer } from '../../shared/model';
import { attorneyDraft, attorneyPatch } from '../../renderer/screens/attorneys/attorney-draft';
import { volunteerDraft, volunteerPatch } from '../../renderer/screens/volunteers/volunteer-draft';
import { chartData, monthsBetween, niceMax } from '../../renderer/screens/workshops/chart-data';
import { createInput, EMPTY_WORKSHOP, workshopValues } from '../../renderer/screens/workshops/workshop-draft';

// What the roster and workshop forms save: dates read in the UI language's order, emptied fields cleared
// (null), problems named per field and nothing saved then; and the dashboard chart's months and series.

const meta = {
  id: 'a'.repeat(32),
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('the volunteer form', () => {
  const volunteer: Volunteer = {
    ...meta,
    givenName: 'Rosa',
    familyName: 'Díaz',
    phone: '510-555-0100',
    roles: ['LEGAL_OBSERVER'],
    trainings: [{ kind: 'Legal observer', completedOn: '2026-03-15', expiresOn: '2027-03-15' }],
    status: 'ACTIVE',
  };

  it('round-trips a volunteer through the draft in either date order, and the patch passes the schema', () => {
    for (const order of ['MDY', 'DMY'] as const) {
      const draft = volunteerDraft(volunteer, order);
      expect(draft.trainings[0]?.completedOn).toBe(order === 'MDY' ? '03/15/2026' : '15/03/2026');
      const result = volunteerPatch({ ...draft, status: 'ON_LEAVE', phone: '  ' }, order);
      if (!('patch' in result)) throw new Error('expected a patch');
      expect(result.patch).toMatchObject({
        status: 'ON_LEAVE',
        phone: null,
        trainings: [{ kind: 'Legal observer', completedOn: '2026-03-15', expiresOn: '2027-03-15' }],
        availability: null,
      });
      expect(SCHEMAS.volunteer.patch.safeParse(result.patch).success).toBe(true);
    }
  });

  it('names each field that stops the save: an unreadable date, a missing course, a slot ending first', () => {
    const draft = volunteerDraft(volunteer, 'MDY');
    const result = volunteerPatch(
      {
        ...draft,
        givenName: ' ',
        trainings: [{ kind: '', completedOn: '31/31/2026', expiresOn: '' }],
        availability: [{ day: 6, start: '18:00', end: '08:00' }],
      },
      'MDY',
    );
    expect(result).toEqual({
      problems: {
        givenName: 'validation.givenName',
        'trainings.0.kind': 'roster.required',
        'trainings.0.completedOn': 'dateInput.invalidDate',
        'availability.0.end': 'roster.slotOrder',
      },
    });
  });
});

describe('the attorney form', () => {
  it('saves specialties, capacity and conflicts, and clears what was emptied', () => {
    const attorney = {
      ...meta,
      givenName: 'Ana',
      familyName: 'Abogada',
      organization: 'Centro Legal',
      capacity: 3,
    };
    const draft = attorneyDraft(attorney);
    const result = attorneyPatch({
      ...draft,
      organization: '',
      capacity: '5',
      specialties: ['HABEAS'],
      conflicts: ['b'.repeat(32)],
      barState: 'ca',
    });
    if (!('patch' in result)) throw new Error('expected a patch');
    expect(result.patch).toMatchObject({
      organization: null,
      capacity: 5,
      specialties: ['HABEAS'],
      conflicts: ['b'.repeat(32)],
      barState: 'CA',
    });
    expect(SCHEMAS.attorney.patch.safeParse(result.patch).success).toBe(true);
    expect(attorneyPatch({ ...draft, capacity: '2.5' })).toEqual({
      problems: { capacity: 'roster.capacityRange' },
    });
  });
});

describe('the workshop form', () => {
  it('creates with only the fields given, checked by the contract; refuses a bad count or date', () => {
    const result = workshopValues(
      { ...EMPTY_WORKSHOP, date: '14/11/2026', county: 'Alameda', language: 'es', cardsHandedOut: '120' },
      'DMY',
    );
    if (!('values' in result)) throw new Error('expected values');
    expect(createInput(result.values)).toEqual({
      date: '2026-11-14',
      county: 'Alameda',
      language: 'es',
      cardsHandedOut: 120,
    });
    expect(
      workshopValues(
        { ...EMPTY_WORKSHOP, date: '2026', county: 'Alameda', language: 'es', attendees: '-3' },
        'MDY',
      ),
    ).toEqual({ problems: { date: 'dateInput.invalidDate', attendees: 'workshop.countInvalid' } });
  });
});

describe('the outreach chart', () => {
  const row = (county: string, workshops: number) => ({
    county,
    workshops,
    attendees: workshops * 10,
    cards: 0,
  });
  const stats: OutreachStats = {
    from: '2025-12-01',
    to: '2026-11-20',
    total: { workshops: 9, attendees: 90, cards: 0 },
    counties: [row('Alameda', 4), row('Fresno', 3), row('Marin', 1), row('Napa', 1)],
    months: [
      { month: '2025-12', ...row('Alameda', 4) },
      { month: '2026-11', ...row('Fresno', 3) },
      { month: '2026-11', ...row('Marin', 1) },
      { month: '2026-11', ...row('Napa', 1) },
    ],
  };

  it('has every month of the period, even empty ones, across a year end', () => {
    expect(monthsBetween('2025-12-01', '2026-11-20')).toHaveLength(12);
    expect(monthsBetween('2025-12-01', '2026-02-01')).toEqual(['2025-12', '2026-01', '2026-02']);
  });

  it('stacks the busiest counties and sums the rest as one series', () => {
    const data = chartData(stats, 'workshops', 2);
    expect(data.series).toEqual(['Alameda', 'Fresno', null]);
    expect(data.values[0]).toEqual([4, 0, 0]);
    expect(data.values[11]).toEqual([0, 3, 2]);
    expect(data.values[5]).toEqual([0, 0, 0]);
    expect(data.max).toBe(5);
    expect(chartData(stats, 'attendees', 5).max).toBe(50);
  });

  it('rounds the axis up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 1, 3, 7, 12, 2500].map(niceMax)).toEqual([1, 1, 5, 10, 20, 5000]);
  });
});
