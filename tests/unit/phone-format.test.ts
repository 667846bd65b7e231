import { describe, expect, it } from 'vitest';
import { formatPhone } from '../../renderer/app/phone';

describe('formatPhone', () => {
  it('groups North American numbers however they were typed', () => {
    for (const typed of [
      '5105550142',
      '510 555 0142',
      '510-555-0142',
      '(510) 555-0142',
      '+1 510 555 0142',
      '1-510-555-0142',
    ])
      expect(formatPhone(typed)).toBe('(510) 555-0142');
  });
  it('leaves other numbers as typed', () => {
    expect(formatPhone('+52 55 1234 5678')).toBe('+52 55 1234 5678');
    expect(formatPhone('+5215512345678')).toBe('+5215512345678');
    expect(formatPhone('555-0142')).toBe('555-0142');
    expect(formatPhone('0105550142')).toBe('0105550142');
    expect(formatPhone('510 555 0142 ext 12')).toBe('510 555 0142 ext 12');
    expect(formatPhone('')).toBe('');
  });
});
