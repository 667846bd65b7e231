import { BOND_STATUSES, type BondRow, type BondStatus } from '../../../shared/channels/case-file';
import type { Bond, Person } from '../../../shared/model';
import type { Database } from '../kernel/context';
import { sqlList, stmt } from './statements';

// The bond fund's list: every live person with a bond, by status (the order of BOND_STATUSES), then the
// longest waiting first. `people.bond_status` (migration 0011) is indexed for live people with a bond, so
// the list reads only them.

const RANK = `CASE bond_status ${BOND_STATUSES.map((s, i) => `WHEN '${s}' THEN ${i}`).join(' ')} END`;
// Checked like any enum list that reaches SQL text.
sqlList(BOND_STATUSES);

const WHERE = 'bond_status IS NOT NULL AND deleted_at IS NULL AND (? IS NULL OR bond_status = ?)';

export function listBonds(
  db: Database,
  query: { status?: BondStatus | undefined; limit?: number | undefined; offset?: number | undefined },
  now: Date,
): { rows: BondRow[]; total: number } {
  const status = query.status ?? null;
  const total = (
    stmt(db, `SELECT count(*) AS n FROM people WHERE ${WHERE}`).get(status, status) as { n: number }
  ).n;
  const rows = stmt(
    db,
    `SELECT id, data, bond_status FROM people WHERE ${WHERE}
     ORDER BY ${RANK}, coalesce(json_extract(data, '$.bond.decidedOn'), json_extract(data, '$.bond.requestedOn')),
       family_name COLLATE NOCASE, id
     LIMIT ? OFFSET ?`,
  ).all(status, status, query.limit ?? 200, query.offset ?? 0) as {
    id: string;
    data: string;
    bond_status: BondStatus;
  }[];
  return {
    total,
    rows: rows.map((row) => {
      const person = JSON.parse(row.data) as Person;
      const bond: Bond = person.bond ?? {};
      return {
        personId: row.id,
        givenName: person.givenName,
        familyName: person.familyName,
        status: row.bond_status,
        amount: bond.amount ?? null,
        requestedOn: bond.requestedOn ?? null,
        decidedOn: bond.decidedOn ?? null,
        paidOn: bond.paidOn ?? null,
        paidBy: bond.paidBy ?? null,
        receipt: bond.receipt ?? null,
        facilityId: person.facilityId ?? null,
        hearingAt: bondHearing(db, row.id, now),
      };
    }),
  };
}

/** The next bond hearing, else the latest past one. Instants are compared as instants, not as text. */
function bondHearing(db: Database, personId: string, now: Date): string | null {
  const ats = (
    stmt(
      db,
      "SELECT json_extract(data, '$.at') AS at FROM events WHERE person_id = ? AND kind = 'BOND_HEARING' AND deleted_at IS NULL",
    ).all(personId) as { at: string }[]
  )
    .map((row) => ({ at: row.at, t: Date.parse(row.at) }))
    .filter((row) => Number.isFinite(row.t));
  const upcoming = ats.filter((row) => row.t >= now.getTime()).sort((a, b) => a.t - b.t);
  if (upcoming[0]) return upcoming[0].at;
  const past = ats.sort((a, b) => b.t - a.t);
  return past[0]?.at ?? null;
}
