import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeClocks, encodeClocks, encodeUniform } from '../../electron/core/records/clocks';
import { createRecord, updateRecord } from '../../electron/core/records/repository';
import { writerFor } from '../../electron/core/records/writer';
import { removeTempDirs, unlockedService } from '../helpers/vault';

// The grouped storage form of per-field clocks (records/clocks.ts): it must round-trip any map, read the
// older one-stamp-per-field form, and actually be smaller for a freshly created record.

const stamp = fc
  .tuple(
    fc.nat({ max: 2 ** 40 }),
    fc.nat({ max: 0xffff }),
    fc.constantFrom('0123456789abcdef', 'fedcba9876543210'),
  )
  .map(
    ([ms, n, office]) => `${ms.toString(16).padStart(12, '0')}:${n.toString(16).padStart(4, '0')}:${office}`,
  );
const clocks = fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), stamp, { maxKeys: 30 });

afterEach(removeTempDirs);

describe('field clock storage', () => {
  it('round-trips any field -> stamp map', () => {
    fc.assert(
      fc.property(clocks, (map) => {
        expect(decodeClocks(encodeClocks(map))).toEqual(map);
      }),
      { seed: 20261124, numRuns: 300 },
    );
  });

  it('reads the older one-stamp-per-field form', () => {
    const legacy = {
      givenName: '00000000000a:0000:0123456789abcdef',
      notes: '00000000000b:0001:fedcba9876543210',
    };
    expect(decodeClocks(JSON.stringify(legacy))).toEqual(legacy);
  });

  it('stores a created record with one copy of its stamp, and an update regroups the fields', async () => {
    const { service } = await unlockedService();
    const w = writerFor(service.context);
    const db = w.session.db;
    const person = createRecord(w, 'person', {
      givenName: 'Ana',
      familyName: 'López',
      notes: 'x',
      phone: '5551234',
    });
    const stored = (
      db.prepare('SELECT field_clocks FROM people WHERE id = ?').get(person.id) as { field_clocks: string }
    ).field_clocks;
    const parsed = JSON.parse(stored) as Record<string, string[]>;
    expect(Object.keys(parsed)).toHaveLength(1);
    expect(Object.values(parsed)[0]).toEqual(['familyName', 'givenName', 'notes', 'phone']);
    expect(stored).toBe(
      encodeUniform(['phone', 'notes', 'givenName', 'familyName'], Object.keys(parsed)[0] as string),
    );

    updateRecord(w, 'person', person.id, { notes: 'y' });
    const after = decodeClocks(
      (db.prepare('SELECT field_clocks FROM people WHERE id = ?').get(person.id) as { field_clocks: string })
        .field_clocks,
    );
    expect(after.notes).not.toBe(after.givenName);
    expect(after.givenName).toBe(after.familyName);
    service.close();
  });
});
