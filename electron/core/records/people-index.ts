import type { Database } from '../kernel/context';
import { fold, ftsQuery } from './text';
import { stmt } from './statements';

// The people search index (FTS5, unicode61 with diacritics removed, prefix indexes) and the folded name
// used for duplicate detection (stored in people.norm_name). The person spec (specs.ts) declares both, and the
// row writer (rows.ts) keeps them in step with the people table, in the same transaction as the write.

/** The text a person is found by: names, A-number (with and without the A), phone, place and contacts. */
export function searchText(data: Record<string, unknown>): string {
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
  if (typeof data.phone === 'string') parts.push(...phoneTerms(data.phone));
  for (const contact of (data.contacts as { name?: string }[] | undefined) ?? []) parts.push(contact.name);
  return parts.filter((part) => typeof part === 'string' && part.length > 0).join(' ');
}

/** The shortest ending of a phone's digits that is indexed: a local number without its area code. */
export const LOCAL_PHONE_DIGITS = 7;

/**
 * A phone's digits, and each of their endings down to LOCAL_PHONE_DIGITS, so that the number is found
 * however it is typed: "+1 (510) 555-0142" by 15105550142, 5105550142 or 5550142, and as a prefix of any of
 * them.
 */
export function phoneTerms(phone: string): string[] {
  const digits = phone.replace(/\D/g, '');
  const terms = digits.length > 0 ? [digits] : [];
  for (let cut = 1; digits.length - cut >= LOCAL_PHONE_DIGITS; cut++) terms.push(digits.slice(cut));
  return terms;
}

export function normalizedName(data: Record<string, unknown>): string {
  return fold(`${String(data.givenName ?? '')} ${String(data.familyName ?? '')}`);
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const within = (value: unknown, key: string): unknown =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;

/** Where the bond stands, for the bond fund's list: PAID once paid, else the decision, else REQUESTED. */
function bondStatus(bond: unknown): string | null {
  if (bond === null || bond === undefined) return null;
  if (within(bond, 'paidOn') !== undefined && within(bond, 'paidOn') !== null) return 'PAID';
  return text(within(bond, 'decision')) ?? 'REQUESTED';
}

/**
 * The people table's sort and filter columns, kept by the row writer (plain columns, not generated from the
 * JSON: an update then rewrites only the indexes whose column changed, where a change to a generated
 * column's JSON counts as a change of every one of them).
 */
export function personColumns(data: Record<string, unknown>): Record<string, string | null> {
  return {
    norm_name: normalizedName(data),
    given_name: text(data.givenName),
    family_name: text(data.familyName),
    a_number: text(data.aNumber),
    date_of_birth: text(data.dateOfBirth),
    case_status: text(data.caseStatus),
    priority: text(data.priority),
    custody_status: text(data.custodyStatus),
    detained_at: text(data.detainedAt),
    facility_id: text(data.facilityId),
    arrest_county: text(data.arrestCounty),
    report_id: text(data.reportId),
    decided_on: text(within(within(data.courtCase, 'decision'), 'on')),
    habeas_return_due: text(within(data.habeas, 'returnDue')),
    bond_status: bondStatus(data.bond),
  };
}

export function searchClause(table: string, input: string): { sql: string; param: string } | null {
  const match = ftsQuery(input);
  return match ? { sql: `rowid IN (SELECT rowid FROM ${table} WHERE ${table} MATCH ?)`, param: match } : null;
}

/**
 * A page of people matching a search, best match first (FTS5 bm25). Ordering and counting happen inside the
 * search index, so a broad prefix such as "mar" costs the same as a rare one: no table row is read until the
 * page's own rows are fetched. Deleted and purged people are removed from the index when that happens.
 */
export function searchPage(
  db: Database,
  table: string,
  input: string,
  limit: number,
  offset: number,
): { rowids: number[]; total: number } | null {
  const match = ftsQuery(input);
  if (!match) return null;
  const total = (
    stmt(db, `SELECT count(*) AS n FROM ${table} WHERE ${table} MATCH ?`).get(match) as { n: number }
  ).n;
  const rows = stmt(
    db,
    `SELECT rowid AS r FROM ${table} WHERE ${table} MATCH ? ORDER BY rank, rowid LIMIT ? OFFSET ?`,
  ).all(match, limit, offset) as { r: number }[];
  return { rowids: rows.map((row) => row.r), total };
}
