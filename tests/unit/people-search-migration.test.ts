import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { searchText } from '../../electron/core/records/people-index';
import { ftsQuery } from '../../electron/core/records/text';
import { migrate } from '../../electron/core/vault/migrate';
import { MIGRATIONS } from '../../electron/core/vault/migrations';
import {
  m0012PeopleSearchDigits,
  searchTextV12,
} from '../../electron/core/vault/migrations/0012-people-search-digits';
import { m0017PhoneEndings } from '../../electron/core/vault/migrations/0017-phone-endings';

// Migrations 0012 and 0017 rebuild the people search index: people saved before the index held a phone's
// digits (0012), or their endings (0017), are found by them afterwards, deleted people stay out of it, and
// no record changes. After the last rebuild, the index holds what the row writer indexes today.

const before = MIGRATIONS.indexOf(m0012PeopleSearchDigits);
const id = (c: string) => c.repeat(32);

/** A vault at the version before, its index filled as it was then: without a phone's digits. */
function version11(): Database.Database {
  const db = new Database(':memory:');
  migrate(db, MIGRATIONS.slice(0, before));
  const add = (key: string, data: Record<string, unknown>, deleted = false) => {
    const { lastInsertRowid } = db
      .prepare(
        `INSERT INTO people (id, data, field_clocks, clock, created_at, updated_at, deleted_at)
         VALUES (?, ?, '{}', 'c', 'a', 'b', ?)`,
      )
      .run(id(key), JSON.stringify(data), deleted ? 'd' : null);
    if (!deleted) {
      const old = [data.givenName, data.familyName, data.aNumber, data.phone].filter(Boolean).join(' ');
      db.prepare('INSERT INTO people_fts (rowid, text) VALUES (?, ?)').run(lastInsertRowid, old);
    }
  };
  add('a', { givenName: 'Rosa', familyName: 'Díaz', phone: '(510) 555-0142', aNumber: '201555014' });
  add('b', {
    givenName: 'Luis',
    familyName: 'Mora',
    phone: '+1 408 555 0110',
    contacts: [{ name: 'Marta Mora' }],
  });
  add('c', { givenName: 'Eva', familyName: 'Paz', phone: '415-555-0177' }, true);
  return db;
}

const found = (db: Database.Database, text: string): string[] => {
  const match = ftsQuery(text) as string;
  return (
    db
      .prepare(
        'SELECT p.id FROM people_fts f JOIN people p ON p.rowid = f.rowid WHERE people_fts MATCH ? ORDER BY p.id',
      )
      .all(match) as { id: string }[]
  ).map((row) => row.id);
};

describe('migration 0012 people search digits', () => {
  it('finds people saved before by their phone digits, leaves deleted people out, changes no record', () => {
    const db = version11();
    const rows = () => db.prepare('SELECT id, data, clock, updated_at FROM people ORDER BY id').all();
    const kept = rows();
    expect(found(db, '5105550142')).toEqual([]);
    expect(migrate(db, MIGRATIONS.slice(0, before + 1))).toBe(before + 1);
    expect(found(db, '5105550142')).toEqual([id('a')]);
    expect(found(db, '(510) 555-01')).toEqual([id('a')]);
    expect(found(db, '14085550110')).toEqual([id('b')]);
    expect(found(db, 'A201-555-014')).toEqual([id('a')]);
    expect(found(db, 'marta')).toEqual([id('b')]);
    expect(found(db, 'rosa diaz')).toEqual([id('a')]);
    // The deleted person was not in the index and is not now.
    expect(found(db, '4155550177')).toEqual([]);
    expect(found(db, 'eva')).toEqual([]);
    expect(rows()).toEqual(kept);
  });

  it('indexes every word of its own text', () => {
    const db = version11();
    migrate(db, MIGRATIONS.slice(0, before + 1));
    expectIndexed(db, searchTextV12);
  });
});

/** Each live person's entry matches every word of `text` for her. */
function expectIndexed(db: Database.Database, text: (data: Record<string, unknown>) => string) {
  {
    const people = db.prepare('SELECT rowid AS r, data FROM people WHERE deleted_at IS NULL').all() as {
      r: number;
      data: string;
    }[];
    // Each person's entry matches every word of the text the row writer would store for her.
    for (const person of people) {
      const words = text(JSON.parse(person.data) as Record<string, unknown>).split(' ');
      for (const word of words) {
        // The word as a phrase, tokenized by the index itself ("(510)" and "555-0142" too).
        const ids = (
          db
            .prepare(
              'SELECT p.id FROM people_fts f JOIN people p ON p.rowid = f.rowid WHERE people_fts MATCH ?',
            )
            .all(`"${word.replace(/"/g, '""')}"`) as { id: string }[]
        ).map((row) => row.id);
        const own = (db.prepare('SELECT id FROM people WHERE rowid = ?').get(person.r) as { id: string }).id;
        expect(ids, word).toContain(own);
      }
    }
  }
}

describe('migration 0017 phone endings', () => {
  const v17 = MIGRATIONS.indexOf(m0017PhoneEndings);

  it('finds people saved before by their local number, or typed with a country code, and changes no record', () => {
    const db = version11();
    migrate(db, MIGRATIONS.slice(0, v17));
    const rows = () => db.prepare('SELECT id, data, clock, updated_at FROM people ORDER BY id').all();
    const kept = rows();
    expect(found(db, '555-0142')).toEqual([]);
    expect(found(db, '408-555-0110')).toEqual([]);
    expect(migrate(db, MIGRATIONS.slice(0, v17 + 1))).toBe(v17 + 1);
    // Saved as "(510) 555-0142": the local number, a prefix of it, and the number with +1.
    expect(found(db, '555-0142')).toEqual([id('a')]);
    expect(found(db, '555 014')).toEqual([id('a')]);
    expect(found(db, '555 01')).toEqual([id('a'), id('b')]);
    expect(found(db, '+1 510 555 0142')).toEqual([id('a')]);
    // Saved as "+1 408 555 0110": without the country code, and the local number.
    expect(found(db, '408-555-0110')).toEqual([id('b')]);
    expect(found(db, '5550110')).toEqual([id('b')]);
    expect(found(db, '5105550142')).toEqual([id('a')]);
    expect(found(db, 'A201-555-014')).toEqual([id('a')]);
    expect(found(db, '4155550177')).toEqual([]);
    expect(found(db, '555-0177')).toEqual([]);
    expect(rows()).toEqual(kept);
  });

  it('indexes the text the row writer indexes today', () => {
    // Through every later migration too: none may leave the index other than the row writer makes it.
    const db = version11();
    expect(migrate(db, MIGRATIONS)).toBe(MIGRATIONS.length);
    expectIndexed(db, searchText);
  });
});
