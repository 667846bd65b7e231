import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dateAsTyped,
  dateTimeAsTyped,
  localInstant,
  orderFor,
  readDateInput,
  readDateTimeInput,
} from '../../renderer/app/dates/parse';

const REF = new Date(2026, 10, 4, 12, 0);

describe('date input', () => {
  it('reads the UI language order: month first in English, day first in Spanish', () => {
    expect(orderFor('en')).toBe('MDY');
    expect(orderFor('es')).toBe('DMY');
    expect(readDateInput('05/12/2026', 'MDY', REF)).toEqual({ state: 'ok', date: '2026-05-12' });
    expect(readDateInput('05/12/2026', 'DMY', REF)).toEqual({ state: 'ok', date: '2026-12-05' });
  });

  it.each([
    ['12052026', 'MDY', '2026-12-05'],
    ['12052026', 'DMY', '2026-05-12'],
    ['120526', 'MDY', '2026-12-05'],
    ['12-05-2026', 'DMY', '2026-05-12'],
    ['12.5.2026', 'DMY', '2026-05-12'],
    ['5/9/85', 'MDY', '1985-05-09'],
    ['2026-05-12', 'MDY', '2026-05-12'],
    ['2026-05-12', 'DMY', '2026-05-12'],
    ['20260512', 'DMY', '2026-05-12'],
    [' 1/2/2026 ', 'MDY', '2026-01-02'],
  ] as const)('%s (%s) is %s', (typed, order, date) => {
    expect(readDateInput(typed, order, REF)).toEqual({ state: 'ok', date });
  });

  it.each(['31/02/2026', '13/13/2026', '1205202', '12/05', 'mañana', '0/0/0', '2026-02-30'])(
    '%s is flagged, never a blank',
    (typed) => {
      expect(readDateInput(typed, 'DMY', REF)).toEqual({ state: 'invalid' });
    },
  );

  it('an empty field is empty', () => {
    expect(readDateInput('   ', 'MDY', REF)).toEqual({ state: 'empty' });
  });

  it('a stored date typed back reads as the same date, in either order', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date(1900, 0, 1), max: new Date(2099, 11, 31), noInvalidDate: true }),
        fc.constantFrom('MDY' as const, 'DMY' as const),
        (day, order) => {
          const iso = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
          expect(readDateInput(dateAsTyped(iso, order), order, REF)).toEqual({ state: 'ok', date: iso });
        },
      ),
    );
  });
});

describe('date and time input', () => {
  it.each([
    ['12052026 0930', 'MDY', '2026-12-05', '09:30'],
    ['12052026 0930', 'DMY', '2026-05-12', '09:30'],
    ['120520260930', 'DMY', '2026-05-12', '09:30'],
    ['12/05/2026 9:30 pm', 'MDY', '2026-12-05', '21:30'],
    ['12/05/2026 9:30 p. m.', 'DMY', '2026-05-12', '21:30'],
    ['12/05/2026 9:30PM', 'MDY', '2026-12-05', '21:30'],
    ['12/05/2026 12am', 'MDY', '2026-12-05', '00:00'],
    ['12/05/2026 12:15 pm', 'MDY', '2026-12-05', '12:15'],
    ['12-05-2026 21:30', 'DMY', '2026-05-12', '21:30'],
    ['12-05-2026, 21.30', 'DMY', '2026-05-12', '21:30'],
    ['2026-05-12T21:30', 'MDY', '2026-05-12', '21:30'],
    ['5/12/26 930', 'MDY', '2026-05-12', '09:30'],
    ['5/12/26 7', 'MDY', '2026-05-12', '07:00'],
  ] as const)('%s (%s) is %s %s', (typed, order, date, time) => {
    expect(readDateTimeInput(typed, order, REF)).toEqual({ state: 'ok', date, time });
  });

  it('a date without its time is partial, and so is a time without its date', () => {
    expect(readDateTimeInput('12052026', 'DMY', REF)).toEqual({ state: 'partial', missing: 'time' });
    expect(readDateTimeInput('9:30', 'DMY', REF)).toEqual({ state: 'partial', missing: 'date' });
  });

  it.each(['12052026 2561', '12/05/2026 13pm', '31/02/2026 09:30', '12052026 09:3x', 'ayer 9:30'])(
    '%s is invalid',
    (typed) => {
      expect(readDateTimeInput(typed, 'DMY', REF)).toEqual({ state: 'invalid' });
    },
  );

  it('a stored instant typed back reads as the same local wall-clock time', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date(2000, 0, 1), max: new Date(2090, 0, 1), noInvalidDate: true }),
        fc.constantFrom('MDY' as const, 'DMY' as const),
        (when, order) => {
          when.setSeconds(0, 0);
          const reading = readDateTimeInput(dateTimeAsTyped(when.toISOString(), order), order, REF);
          expect(reading.state).toBe('ok');
          if (reading.state === 'ok')
            expect(localInstant(reading.date, reading.time)).toBe(when.toISOString());
        },
      ),
    );
  });
});
