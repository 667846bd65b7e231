import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { covers, joinContext, order, stampFields, type Versioned } from '../../electron/core/records/causal';
import { validContext } from '../../shared/sync';
import { decodeClocks } from '../../electron/core/records/clocks';

// The per-field causal context (electron/core/records/causal.ts) as a lattice: merging is a join, so the
// order bundles arrive in cannot matter; a local write follows what it replaced; contexts stay valid.

const SEED = Number(process.env.AMPARO_FUZZ_SEED ?? 20261124);
const OFFICES = ['00000000000000aa', '00000000000000bb', '00000000000000cc', '00000000000000dd'];
const stamp = (ms: number, office: string, counter = 0) =>
  `${ms.toString(16).padStart(12, '0')}:${counter.toString(16).padStart(4, '0')}:${office}`;

/** A valid version: a stamp and, for some other offices, an older stamp each. */
const versionArb: fc.Arbitrary<Versioned> = fc
  .record({
    ms: fc.integer({ min: 100, max: 200 }),
    office: fc.nat({ max: 3 }),
    seen: fc.array(fc.option(fc.integer({ min: 0, max: 199 }), { nil: undefined }), {
      minLength: 4,
      maxLength: 4,
    }),
  })
  .map(({ ms, office, seen }) => {
    const ctx = seen
      .map((s, i) => (s === undefined || i === office || s >= ms ? undefined : stamp(s, OFFICES[i]!)))
      .filter((s): s is string => s !== undefined)
      .sort();
    return ctx.length > 0
      ? { clock: stamp(ms, OFFICES[office]!), ctx }
      : { clock: stamp(ms, OFFICES[office]!) };
  });

/** Field state after merging b into a: the greater stamp, the joined context. */
const merge = (a: Versioned, b: Versioned): Versioned => {
  const ctx = joinContext(a, b);
  const clock = a.clock >= b.clock ? a.clock : b.clock;
  return ctx ? { clock, ctx } : { clock };
};

describe('per-field causal context', () => {
  it('merging is commutative, associative and idempotent, and keeps contexts valid', () => {
    fc.assert(
      fc.property(versionArb, versionArb, versionArb, (a, b, c) => {
        expect(merge(a, b)).toEqual(merge(b, a));
        expect(merge(merge(a, b), c)).toEqual(merge(a, merge(b, c)));
        expect(merge(a, a)).toEqual(a);
        const m = merge(merge(a, b), c);
        expect(validContext(m.clock, m.ctx ?? [])).toBe(true);
        // The merge has seen both sides.
        for (const v of [a, b, c]) {
          expect(covers(m, v.clock)).toBe(true);
          for (const s of v.ctx ?? []) expect(covers(m, s)).toBe(true);
        }
      }),
      { numRuns: 500, seed: SEED },
    );
  });

  it('orders versions by their contexts, not by their stamps', () => {
    const a1 = { clock: stamp(100, OFFICES[0]!) };
    const b1 = { clock: stamp(150, OFFICES[1]!) };
    const b2 = { clock: stamp(160, OFFICES[1]!), ctx: [a1.clock] };
    expect(order(a1, b1)).toBe('concurrent');
    expect(order(a1, b2)).toBe('incoming-follows');
    expect(order(b2, a1)).toBe('local-follows');
    expect(order(b2, b1)).toBe('local-follows'); // an office has seen its own earlier stamps
    expect(order(b1, b1)).toBe('same');
    expect(order(a1, b1, true)).toBe('incoming-follows'); // format-1 fallback: the manifest says seen
  });

  it('a local write keeps what the field had seen, under the new stamp', () => {
    const own = stamp(300, OFFICES[0]!);
    const clocks = JSON.stringify({
      familyName: stamp(200, OFFICES[1]!),
      givenName: stamp(100, OFFICES[0]!),
    });
    const contexts = JSON.stringify({ familyName: [stamp(150, OFFICES[2]!)] });
    const out = stampFields(clocks, contexts, ['familyName', 'givenName'], own);
    expect(decodeClocks(out.clocks)).toEqual({ familyName: own, givenName: own });
    // familyName has seen B's stamp and what it had seen; givenName only our own older stamp: nothing stored.
    expect(JSON.parse(out.contexts)).toEqual({
      familyName: [stamp(150, OFFICES[2]!), stamp(200, OFFICES[1]!)],
    });
  });
});
