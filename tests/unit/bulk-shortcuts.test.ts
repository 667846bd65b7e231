import { hash } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeUniform, fieldListJson } from '../../electron/core/records/clocks';
import { sameName } from '../../electron/core/records/csv/duplicates';
import { createRecords } from '../../electron/core/records/repository';
import { fold } from '../../electron/core/records/text';
import { writerFor } from '../../electron/core/records/writer';
import { toUtcIso } from '../../shared/time';
import { removeTempDirs, unlockedService } from '../helpers/vault';

// Bulk imports take shortcuts on what they do for every row (folding names, checking instants, comparing
// names, encoding field lists, hashing audit entries). Each must give exactly what its plain definition gives,
// which these properties compare against, written out the plain way.

afterEach(removeTempDirs);

const plainFold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

const nameChar = fc
  .oneof(
    fc.integer({ min: 0, max: 0x24f }),
    fc.constantFrom(0x20, 0x2d, 0x27, 0x301, 0x308, 0x3a3, 0x130, 0xdf, 0xa0, 0x2019, 0x1e9e, 0x4e2d),
  )
  .map((code) => String.fromCharCode(code));
const nameText = fc.array(nameChar, { maxLength: 24 }).map((chars) => chars.join(''));

describe('bulk shortcuts', () => {
  it('folds any text as decomposing, dropping marks, lower-casing and collapsing separators does', () => {
    expect(fold('  José  LÓPEZ-Núñez ')).toBe('jose lopez nunez');
    for (let code = 0; code < 0x400; code++) {
      const text = `a${String.fromCharCode(code)}b ${String.fromCharCode(code)}`;
      expect(fold(text)).toBe(plainFold(text));
    }
    fc.assert(
      fc.property(fc.oneof(nameText, fc.string({ unit: 'binary' })), (text) => {
        expect(fold(text)).toBe(plainFold(text));
      }),
      { seed: 20261202, numRuns: 20_000 },
    );
  });

  it('keeps a stored-form instant exactly when a round trip through Date gives it back', () => {
    const digits = (n: number) =>
      fc.integer({ min: 0, max: 10 ** n - 1 }).map((v) => String(v).padStart(n, '0'));
    const stored = fc
      .tuple(digits(4), digits(2), digits(2), digits(2), digits(2), digits(2), digits(3))
      .map(([y, mo, d, h, mi, s, ms]) => `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`);
    const near = fc
      .tuple(
        fc.constantFrom('1900', '2000', '2023', '2024', '2100', '0000', '9999'),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.constantFrom('00:00:00', '23:59:59', '24:00:00', '12:60:00', '12:00:60'),
      )
      .map(
        ([y, mo, d, time]) =>
          `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}T${time}.000Z`,
      );
    const roundTrips = (value: string) => {
      const date = new Date(value);
      return !Number.isNaN(date.getTime()) && date.toISOString() === value;
    };
    fc.assert(
      fc.property(fc.oneof(stored, near), (value) => {
        let result: string | Error;
        try {
          result = toUtcIso(value);
        } catch (error) {
          result = error as Error;
        }
        if (roundTrips(value)) expect(result).toBe(value);
        else expect(result).not.toBe(value);
      }),
      { seed: 20261202, numRuns: 20_000 },
    );
  });

  it('compares names as sets of words, the shorter one (two words at least) within the longer', () => {
    const plain = (a: string, b: string) => {
      if (a === b) return 'NAME_AND_DOB';
      const [short, long] = a.length <= b.length ? [a, b] : [b, a];
      const words = short.split(' ').filter(Boolean);
      const pool = new Set(long.split(' '));
      return words.length >= 2 && words.every((w) => pool.has(w)) ? 'SIMILAR_NAME_AND_DOB' : null;
    };
    expect(sameName('juan gutierrez', 'juan carlos gutierrez ramirez')).toBe('SIMILAR_NAME_AND_DOB');
    expect(sameName('juan', 'juan carlos')).toBeNull();
    const word = fc.constantFrom('', 'a', 'an', 'ana', 'na', 'maria', 'mar', 'ia', ' ');
    const name = fc.array(word, { maxLength: 6 }).map((words) => words.join(' '));
    fc.assert(
      fc.property(fc.oneof(fc.tuple(name, name), fc.tuple(fc.string(), fc.string())), ([a, b]) => {
        expect(sameName(a, b)).toBe(plain(a, b));
      }),
      { seed: 20261202, numRuns: 20_000 },
    );
  });

  it('encodes a field list as JSON does, however the caller changes its array afterwards', () => {
    const fields = ['familyName', 'givenName', 'notes'];
    expect(fieldListJson(fields)).toBe(JSON.stringify(fields));
    fields[2] = 'phone';
    expect(fieldListJson(fields)).toBe('["familyName","givenName","phone"]');
    const stamp = '00000000000a:0000:0123456789abcdef';
    expect(encodeUniform(['phone', 'givenName'], stamp)).toBe(
      JSON.stringify({ [stamp]: ['givenName', 'phone'] }),
    );
    fc.assert(
      fc.property(fc.array(fc.string()), fc.string(), (list, key) => {
        expect(fieldListJson(list)).toBe(JSON.stringify(list));
        expect(encodeUniform(list, key)).toBe(JSON.stringify({ [key]: [...list].sort() }));
      }),
      { seed: 20261202, numRuns: 2_000 },
    );
  });

  it("hashes each audit entry as SHA-256 of the JSON array of the previous hash and the entry's content", async () => {
    const { service } = await unlockedService();
    const w = writerFor(service.context);
    const db = w.session.db;
    const people = [
      { givenName: 'Ana', familyName: 'Pérez', phone: '555 0100' },
      { givenName: 'Beto', familyName: 'Ruiz', phone: '555 0101' },
      { givenName: 'Carla', familyName: 'Díaz' },
    ];
    db.transaction(() => createRecords(w, 'person', people))();
    const rows = db
      .prepare(
        'SELECT at, office_id, operator, action, kind, record_id, fields, prev_hash, hash FROM audit ORDER BY seq',
      )
      .all() as Record<string, string>[];
    expect(rows.length).toBeGreaterThanOrEqual(people.length);
    for (const row of rows) {
      const fields = JSON.parse(row.fields as string) as string[];
      expect(row.fields).toBe(JSON.stringify(fields));
      const canonical = JSON.stringify([
        row.prev_hash,
        row.at,
        row.office_id,
        row.operator,
        row.action,
        row.kind,
        row.record_id,
        fields,
      ]);
      expect(row.hash).toBe(hash('sha256', canonical, 'hex'));
    }
    service.close();
  });
});
