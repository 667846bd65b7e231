import type { CsvDuplicate } from '../../../../shared/records/csv';
import { editDistance, fold } from '../text';

// Duplicate rows of a person import: the same A-number, or the same date of birth and a name that is the
// same or contains the other (family names in any order, a second given or family name missing: "Juan
// Gutierrez" and "Juan Carlos Gutiérrez Ramírez"), against the vault and against the file's earlier rows.

export type DuplicateMatch = Pick<CsvDuplicate, 'reason' | 'matchId' | 'matchRow' | 'matchName'>;
/** The vault's people who may be this row (ids created by this import are left out by the caller). */
export type DuplicateFinder = (
  data: Record<string, unknown>,
) => { id: string; name: string; reason: CsvDuplicate['reason'] }[];

/** Whether two folded names are one person's: equal, or every word of the shorter (at least two) in the longer. */
export function sameName(a: string, b: string): 'NAME_AND_DOB' | 'SIMILAR_NAME_AND_DOB' | null {
  if (a === b) return 'NAME_AND_DOB';
  const short = a.length <= b.length ? a : b;
  const long = short === a ? b : a;
  // The shorter name's words (split on single spaces, empty ones ignored) are looked for in the longer one
  // in place: an import compares each row with every earlier row of the same date of birth, so this runs
  // often, and nearly always fails at the first word.
  let words = 0;
  let start = 0;
  for (let end = short.indexOf(' '); ; end = short.indexOf(' ', start)) {
    const stop = end === -1 ? short.length : end;
    if (stop > start) {
      if (!hasWord(long, short.slice(start, stop))) return null;
      words++;
    }
    if (end === -1) break;
    start = end + 1;
  }
  return words >= 2 ? 'SIMILAR_NAME_AND_DOB' : null;
}

/** Whether `word` (not empty) is one of `text`'s words, as text.split(' ') cuts them. */
function hasWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    const after = at + word.length;
    if ((at === 0 || text[at - 1] === ' ') && (after === text.length || text[after] === ' ')) return true;
  }
  return false;
}

const folded = (data: Record<string, unknown>) =>
  fold(`${String(data.givenName ?? '')} ${String(data.familyName ?? '')}`);

export class RowKeys {
  private readonly byANumber = new Map<string, { row: number; name: string }>();
  private readonly byDob = new Map<string, { row: number; name: string; folded: string }[]>();
  private readonly ours = new Set<string>();

  constructor(private readonly finder: DuplicateFinder | null) {}

  /** The first match of a row, and the row remembered for the rows after it. */
  check(row: number, data: Record<string, unknown>): DuplicateMatch | null {
    const full = `${String(data.givenName ?? '')} ${String(data.familyName ?? '')}`;
    const name = full.trim();
    const key = fold(full);
    const aNumber = typeof data.aNumber === 'string' ? data.aNumber : null;
    const dob = typeof data.dateOfBirth === 'string' ? data.dateOfBirth : null;
    // Each key is looked up once: the earlier rows found serve both the match and the remembering.
    const sameANumber = aNumber ? this.byANumber.get(aNumber) : undefined;
    const sameDob = dob ? this.byDob.get(dob) : undefined;
    let match: DuplicateMatch | null = null;
    const stored = this.finder?.(data).find((m) => !this.ours.has(m.id));
    if (stored) match = { reason: stored.reason, matchId: stored.id, matchName: stored.name };
    if (!match && sameANumber)
      match = { reason: 'A_NUMBER', matchRow: sameANumber.row, matchName: sameANumber.name };
    if (!match && sameDob) {
      for (const earlier of sameDob) {
        const reason = sameName(key, earlier.folded);
        if (reason) {
          match = { reason, matchRow: earlier.row, matchName: earlier.name };
          break;
        }
      }
    }
    if (aNumber && !sameANumber) this.byANumber.set(aNumber, { row, name });
    if (sameDob) sameDob.push({ row, name, folded: key });
    else if (dob) this.byDob.set(dob, [{ row, name, folded: key }]);
    return match;
  }

  /** Ids this import wrote: later rows are compared with them as earlier rows, not as the vault's. */
  created(ids: readonly string[]): void {
    // Only the vault's matches are told apart from this import's rows; with no vault to match, none are kept.
    if (!this.finder) return;
    for (const id of ids) this.ours.add(id);
  }
}

/** A live person of the vault as duplicate detection reads her: what her row's indexed columns hold. */
export interface VaultPerson {
  id: string;
  name: string;
  aNumber: string | null;
  dateOfBirth: string | null;
  /** The folded name (people.norm_name). */
  folded: string;
}

/**
 * The vault's people by A-number and by date of birth, read once when an import starts, so each row is
 * looked up in memory instead of queried: the same matches as the person page's duplicate warning (the same
 * A-number; the same date of birth and the same, a nearly equal or a contained name).
 */
export function vaultFinder(people: Iterable<VaultPerson>): DuplicateFinder {
  const byANumber = new Map<string, VaultPerson[]>();
  const byDob = new Map<string, VaultPerson[]>();
  const add = (map: Map<string, VaultPerson[]>, key: string, person: VaultPerson) => {
    const list = map.get(key);
    if (list) list.push(person);
    else map.set(key, [person]);
  };
  for (const person of people) {
    if (person.aNumber) add(byANumber, person.aNumber, person);
    if (person.dateOfBirth) add(byDob, person.dateOfBirth, person);
  }
  return (data) => {
    const found = new Map<string, { id: string; name: string; reason: CsvDuplicate['reason'] }>();
    const aNumber = typeof data.aNumber === 'string' ? data.aNumber : null;
    for (const person of aNumber ? (byANumber.get(aNumber) ?? []) : [])
      found.set(person.id, { id: person.id, name: person.name, reason: 'A_NUMBER' });
    const dob = typeof data.dateOfBirth === 'string' ? data.dateOfBirth : null;
    if (dob && (data.givenName || data.familyName)) {
      const key = folded(data);
      for (const person of byDob.get(dob) ?? []) {
        if (found.has(person.id)) continue;
        if (person.folded === key)
          found.set(person.id, { id: person.id, name: person.name, reason: 'NAME_AND_DOB' });
        else if (editDistance(person.folded, key, 2) <= 2 || sameName(person.folded, key))
          found.set(person.id, { id: person.id, name: person.name, reason: 'SIMILAR_NAME_AND_DOB' });
      }
    }
    return [...found.values()];
  };
}
