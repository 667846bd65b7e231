import type { Database } from '../context';
import { fold, ftsQuery } from './text';
import { stmt } from './statements';

// The people search index (FTS5, unicode61 with diacritics removed, prefix indexes) and the folded name
// used for duplicate detection (stored in people.norm_name). Kept in step with the people table by the
// repository, in the same transaction as the write.

function searchText(data: Record<string, unknown>): string {
  const parts: unknown[] = [
    data.givenName,
    data.familyName,
    ...((data.otherNames as string[] | undefined) ?? []),
    data.aNumber,
    data.phone,
    data.arrestLocation,
    data.arrestCounty,
  ];
  if (typeof data.aNumber === 'string') parts.push(`A${data.aNumber}`);
  for (const contact of (data.contacts as { name?: string }[] | undefined) ?? []) parts.push(contact.name);
  return parts.filter((part) => typeof part === 'string' && part.length > 0).join(' ');
}

export function normalizedName(data: Record<string, unknown>): string {
  return fold(`${String(data.givenName ?? '')} ${String(data.familyName ?? '')}`);
}

export function indexPerson(
  db: Database,
  rowid: number,
  data: Record<string, unknown>,
  options: { fresh: boolean },
): void {
  if (!options.fresh) stmt(db, 'DELETE FROM people_fts WHERE rowid = ?').run(rowid);
  stmt(db, 'INSERT INTO people_fts (rowid, text) VALUES (?, ?)').run(rowid, searchText(data));
}

export function clearPersonIndex(db: Database, rowid: number): void {
  stmt(db, 'DELETE FROM people_fts WHERE rowid = ?').run(rowid);
}

export function searchClause(input: string): { sql: string; param: string } | null {
  const match = ftsQuery(input);
  return match
    ? { sql: 'rowid IN (SELECT rowid FROM people_fts WHERE people_fts MATCH ?)', param: match }
    : null;
}
