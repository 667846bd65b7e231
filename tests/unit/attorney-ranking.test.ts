import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareCandidates, type Candidate } from '../../electron/core/records/attorney-ranking';

const candidate = (over: Partial<Candidate>): Candidate => ({
  conflict: false,
  freeCapacity: null,
  sharedLanguages: [],
  specialtyMatch: false,
  name: 'X',
  ...over,
});

const arbitraryCandidate = fc.record({
  conflict: fc.boolean(),
  freeCapacity: fc.option(fc.integer({ min: -5, max: 40 }), { nil: null }),
  sharedLanguages: fc.subarray(['es', 'en', 'mam', 'quc']),
  specialtyMatch: fc.boolean(),
  name: fc.string({ maxLength: 6 }),
});

describe('attorney suggestions order', () => {
  it('never offers a full attorney above one with room, whatever they share with the person', () => {
    const full = candidate({
      freeCapacity: 0,
      sharedLanguages: ['es', 'mam'],
      specialtyMatch: true,
      name: 'A',
    });
    const roomy = candidate({ freeCapacity: 22, name: 'B' });
    expect([full, roomy].sort(compareCandidates)).toEqual([roomy, full]);
    fc.assert(
      fc.property(fc.array(arbitraryCandidate, { maxLength: 12 }), (list) => {
        const sorted = [...list].sort(compareCandidates);
        const room = (c: Candidate) => c.freeCapacity === null || c.freeCapacity > 0;
        sorted.forEach((c, i) => {
          for (const later of sorted.slice(i + 1)) {
            if (!c.conflict && !later.conflict && !room(c)) expect(room(later)).toBe(false);
            if (c.conflict) expect(later.conflict).toBe(true);
          }
        });
      }),
    );
  });

  it('among those with room: the specialty asked for, then languages in common, then more free capacity', () => {
    const specialist = candidate({ freeCapacity: 1, specialtyMatch: true, name: 'S' });
    const speaker = candidate({ freeCapacity: 2, sharedLanguages: ['es'], name: 'L' });
    const roomy = candidate({ freeCapacity: 30, name: 'R' });
    const roomier = candidate({ freeCapacity: null, name: 'U' });
    expect([roomy, speaker, roomier, specialist].sort(compareCandidates)).toEqual([
      specialist,
      speaker,
      roomier,
      roomy,
    ]);
  });

  it('a conflicted attorney comes last even with room to spare', () => {
    const conflicted = candidate({ conflict: true, freeCapacity: 50, name: 'C' });
    const full = candidate({ freeCapacity: -2, name: 'F' });
    expect([conflicted, full].sort(compareCandidates)).toEqual([full, conflicted]);
  });
});
