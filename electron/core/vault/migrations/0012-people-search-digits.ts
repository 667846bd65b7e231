import type { Database } from '../../kernel/context';
import type { Migration } from './types';

// The people search index rebuilt, so that a phone is found by its digits whatever its format ("5105550142"
// finds "(510) 555-0142") for everyone: until now only people saved since the index learned digits were.
// - The index is contentless (FTS5), so it is emptied with 'delete-all' and refilled from every live person.
// - The indexed text is written out here as it is at this version, so the migration means the same later.
// - Only the index changes: no record, field stamp or audit entry does, and no office sees a change.

type Data = Record<string, unknown>;

/** The text a person is found by at this version: names, A-number with and without the A, phone and its
 * digits, place and family contacts. (Migration 17 builds on it: keep it as it is.) */
export function searchTextV12(data: Data): string {
  const parts: unknown[] = [
    data.givenName,
    data.familyName,
    ...(Array.isArray(data.otherNames) ? (data.otherNames as unknown[]) : []),
    data.aNumber,
    data.phone,
    data.arrestLocation,
    data.arrestCounty,
  ];
  if (typeof data.aNumber === 'string') parts.push(`A${data.aNumber}`);
  if (typeof data.phone === 'string') parts.push(data.phone.replace(/\D/g, ''));
  const contacts = Array.isArray(data.contacts) ? (data.contacts as { name?: unknown }[]) : [];
  for (const contact of contacts) parts.push(contact?.name);
  return parts.filter((part) => typeof part === 'string' && part.length > 0).join(' ');
}

/**
 * Empties the contentless people index and refills it from every live person with `text`. (Migration 17
 * rebuilds with it too: keep it as it is.)
 */
export function rebuildPeopleSearch(db: Database, text: (data: Data) => string): void {
  db.prepare("INSERT INTO people_fts (people_fts) VALUES ('delete-all')").run();
  const insert = db.prepare('INSERT INTO people_fts (rowid, text) VALUES (?, ?)');
  // In pages by rowid: a connection cannot write while it iterates a query.
  const page = db.prepare(
    'SELECT rowid AS r, data FROM people WHERE deleted_at IS NULL AND rowid > ? ORDER BY rowid LIMIT 1000',
  );
  for (let last = 0; ;) {
    const people = page.all(last) as { r: number; data: string }[];
    if (people.length === 0) break;
    for (const person of people) insert.run(person.r, text(JSON.parse(person.data) as Data));
    last = (people[people.length - 1] as { r: number }).r;
  }
}

export const m0012PeopleSearchDigits: Migration = {
  version: 12,
  name: 'people-search-digits',
  up(db) {
    rebuildPeopleSearch(db, searchTextV12);
  },
};
