import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatANumber, normalizeANumber } from '../../shared/anumber';

describe('A-number normalization', () => {
  it.each([
    ['A123-456-789', '123456789'],
    ['A12345678', '012345678'],
    ['123456789', '123456789'],
    ['a 123 456 789', '123456789'],
    ['A-098.765.432', '098765432'],
    ['12345678', '012345678'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeANumber(input)).toEqual({ ok: true, value: expected });
  });

  it.each(['', 'A1234567', '1234567890', 'B123456789', 'A12345678X', '12-34'])(
    'rejects %j with a message',
    (input) => {
      const result = normalizeANumber(input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/8 or 9 digits/);
    },
  );

  it('round-trips any 9-digit number through its display form', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{9}$/), (digits) => {
        expect(normalizeANumber(formatANumber(digits))).toEqual({ ok: true, value: digits });
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
