import { subHours } from 'date-fns';
import {
  ACTIVE_ASSIGNMENT_STATUSES,
  HEARING_KINDS,
  type Person,
  type Volunteer,
} from '../../../shared/model';
import type { SPECIALTIES } from '../../../shared/records/legal';
import type { DuplicateQuery, PeopleView, VolunteerQuery } from '../../../shared/records/queries';
import { normalizeANumber } from '../../../shared/anumber';
import { dayIn, daysFromToday, startOfDayIn, wallClockIn } from '../../../shared/time';
import type { Database } from '../kernel/context';
import { getRecord, toRecord, type RecordRow as Row } from './repository';
import { normalizedName } from './people-index';
import { compareCandidates } from './attorney-ranking';
import { activeCaseCount } from './rules';
import { sqlList, stmt } from './statements';
import { editDistance } from './text';
import { sameName } from './csv/duplicates';

// Read-side queries beyond plain lists: duplicate warnings, saved views, the dashboard, attorney
// suggestions and the volunteer finder. All values are bound; every list query uses an index.

const HEARINGS = sqlList(HEARING_KINDS);
const ACTIVE = sqlList(ACTIVE_ASSIGNMENT_STATUSES);

export interface DuplicateMatch {
  id: string;
  givenName: string;
  familyName: string;
  reason: 'A_NUMBER' | 'NAME_AND_DOB' | 'SIMILAR_NAME_AND_DOB';
}

export function findDuplicates(db: Database, query: DuplicateQuery): DuplicateMatch[] {
  const matches = new Map<string, DuplicateMatch>();
  const add = (row: Row, reason: DuplicateMatch['reason']) => {
    if (row.id === query.excludeId || matches.has(row.id)) return;
    const person = toRecord<'person'>(row);
    matches.set(row.id, { id: row.id, givenName: person.givenName, familyName: person.familyName, reason });
  };
  if (query.aNumber) {
    const normalized = normalizeANumber(query.aNumber);
    if (normalized.ok) {
      for (const row of db
        .prepare(
          'SELECT id, data, created_at, updated_at FROM people WHERE a_number = ? AND deleted_at IS NULL LIMIT 20',
        )
        .all(normalized.value) as Row[])
        add(row, 'A_NUMBER');
    }
  }
  if (query.dateOfBirth && (query.givenName || query.familyName)) {
    const name = normalizedName(query);
    const sameDob = db
      .prepare(
        'SELECT id, data, created_at, updated_at, norm_name FROM people WHERE date_of_birth = ? AND deleted_at IS NULL LIMIT 500',
      )
      .all(query.dateOfBirth) as (Row & { norm_name: string })[];
    for (const row of sameDob) {
      if (row.norm_name === name) add(row, 'NAME_AND_DOB');
      else if (editDistance(row.norm_name, name, 2) <= 2 || sameName(row.norm_name, name))
        add(row, 'SIMILAR_NAME_AND_DOB');
    }
  }
  return [...matches.values()];
}

const VIEW_SQL: Record<PeopleView, string> = {
  UNASSIGNED: `deleted_at IS NULL AND case_status IN ('INTAKE', 'LOCATING', 'NEEDS_ATTORNEY')`,
  URGENT: `deleted_at IS NULL AND priority = 'URGENT' AND case_status IS NOT 'CLOSED'`,
  HEARINGS_THIS_WEEK: `deleted_at IS NULL AND id IN (SELECT person_id FROM events WHERE deleted_at IS NULL AND at >= @from AND at < @to AND kind IN (${HEARINGS}))`,
  DETAINED_48H_NO_ATTORNEY: `deleted_at IS NULL AND detained_at < @cutoff AND custody_status IN ('REPORTED', 'CONFIRMED_DETAINED', 'TRANSFERRED') AND id NOT IN (SELECT person_id FROM assignments WHERE deleted_at IS NULL AND status IN (${ACTIVE}))`,
};

/**
 * Bounds of the saved views, as UTC ISO (stored instants have the same form, so text order is time order):
 * "this week" runs from the start of today to the start of the same weekday next week in the office's zone;
 * "detained over 48 hours" counts elapsed hours, which no zone changes.
 */
export function viewParams(now: Date, zone: string) {
  const week = daysFromToday(now, zone, 7);
  return { from: week.from, to: week.to, cutoff: subHours(now, 48).toISOString() };
}

// A view lists urgent cases first, then high, then the rest; within each, the most recently updated first.
// It is read one priority rank at a time: each rank is a walk down the (rank, updated_at) index that stops
// at the page's end, where one ORDER BY over both keys would sort every row of the view (for "unassigned",
// most of a large vault) before returning ten. The rank expression must match the index's text exactly.
const RANK = `(CASE priority WHEN 'URGENT' THEN 0 WHEN 'HIGH' THEN 1 ELSE 2 END)`;
const RANKS = [0, 1, 2] as const;
const ORDER = `${RANK}, updated_at DESC, rowid DESC`;
// This week's hearings are found from the events, a set small enough to sort whole; walking the rank index
// instead would test every person against it.
const FOUND_ELSEWHERE: ReadonlySet<PeopleView> = new Set(['HEARINGS_THIS_WEEK']);

/** One read of a view: its condition with its bound values, the page, and whether to count the whole. */
interface ViewRead {
  where: string;
  named: Record<string, unknown>;
  limit: number;
  offset: number;
  withTotal: boolean;
}

/** The whole view sorted at once: for views whose set is small. */
function sortedWhole(db: Database, { where, named, limit, offset, withTotal }: ViewRead) {
  const rows = stmt(
    db,
    `SELECT id, data, created_at, updated_at FROM people WHERE ${where} ORDER BY ${ORDER} LIMIT @limit OFFSET @offset`,
  ).all({ ...named, limit, offset }) as Row[];
  const total = withTotal
    ? (stmt(db, `SELECT count(*) AS n FROM people WHERE ${where}`).get(named) as { n: number }).n
    : 0;
  return { rows, total };
}

/** The view rank by rank, each read down its index only as far as the page needs. */
function rankByRank(db: Database, { where, named, limit, offset, withTotal }: ViewRead) {
  const inRank = `${where} AND ${RANK} = @rank`;
  const rows: Row[] = [];
  let skip = offset;
  let total = 0;
  for (const rank of RANKS) {
    // Counting a rank walks the index too: only done to skip past whole ranks, or for the total.
    const count =
      withTotal || skip > 0
        ? (
            stmt(db, `SELECT count(*) AS n FROM people WHERE ${inRank}`).get({ ...named, rank }) as {
              n: number;
            }
          ).n
        : null;
    total += count ?? 0;
    if (count !== null && skip >= count) {
      skip -= count;
      continue;
    }
    const wanted = limit - rows.length;
    if (wanted > 0)
      rows.push(
        ...(stmt(
          db,
          `SELECT id, data, created_at, updated_at FROM people WHERE ${inRank}
           ORDER BY updated_at DESC, rowid DESC LIMIT @limit OFFSET @offset`,
        ).all({ ...named, rank, limit: wanted, offset: skip }) as Row[]),
      );
    skip = 0;
    if (!withTotal && rows.length === limit) break;
  }
  return { rows, total };
}

/** A page of a saved view, and the view's size unless `withTotal` is false (the dashboard needs none). */
export function peopleInView(
  db: Database,
  view: PeopleView,
  now: Date,
  zone: string,
  {
    limit = 100,
    offset = 0,
    withTotal = true,
  }: { limit?: number; offset?: number; withTotal?: boolean } = {},
): { rows: Person[]; total: number } {
  const where = VIEW_SQL[view];
  const named = Object.fromEntries(
    Object.entries(viewParams(now, zone)).filter(([key]) => where.includes(`@${key}`)),
  );
  const read = FOUND_ELSEWHERE.has(view) ? sortedWhole : rankByRank;
  const { rows, total } = read(db, { where, named, limit, offset, withTotal });
  return { rows: rows.map((row) => toRecord<'person'>(row)), total };
}

export function dashboard(db: Database, now: Date, zone: string) {
  const count = (sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { n: number }).n;
  const { from, to } = viewParams(now, zone);
  const hearings = db
    .prepare(
      `SELECT e.id, e.data, e.created_at, e.updated_at FROM events e WHERE e.deleted_at IS NULL AND e.at >= ? AND e.at < ?
       AND e.kind IN (${HEARINGS}) ORDER BY e.at LIMIT 50`,
    )
    .all(from, to) as Row[];
  const hearingList = hearings.map((row) => {
    const event = toRecord<'event'>(row);
    const person = db
      .prepare('SELECT data FROM people WHERE id = ? AND deleted_at IS NULL')
      .get(event.personId) as { data: string } | undefined;
    const data = person ? (JSON.parse(person.data) as Person) : null;
    return {
      id: event.id,
      personId: event.personId,
      kind: event.kind,
      at: event.at,
      location: event.location ?? null,
      personName: data ? `${data.givenName} ${data.familyName}` : null,
    };
  });
  return {
    counts: {
      people: count('SELECT count(*) AS n FROM people WHERE deleted_at IS NULL'),
      // All live cases less the closed ones: both counts read an index, where "IS NOT 'CLOSED'" reads rows.
      openCases: count(
        `SELECT (SELECT count(*) FROM people WHERE deleted_at IS NULL)
              - (SELECT count(*) FROM people WHERE deleted_at IS NULL AND case_status = 'CLOSED') AS n`,
      ),
      volunteers: count(
        "SELECT count(*) AS n FROM volunteers WHERE deleted_at IS NULL AND status IS NOT 'INACTIVE'",
      ),
      attorneys: count('SELECT count(*) AS n FROM attorneys WHERE deleted_at IS NULL'),
      reportsToday: count(
        'SELECT count(*) AS n FROM reports WHERE deleted_at IS NULL AND received_at >= ?',
        startOfDayIn(now, zone).toISOString(),
      ),
    },
    urgent: peopleInView(db, 'URGENT', now, zone, { limit: 10, withTotal: false }).rows.map(brief),
    unassigned: peopleInView(db, 'UNASSIGNED', now, zone, { limit: 10, withTotal: false }).rows.map(brief),
    hearings: hearingList.filter((h) => h.personName !== null),
  };
}

const brief = (person: Person) => ({
  id: person.id,
  givenName: person.givenName,
  familyName: person.familyName,
  priority: person.priority ?? 'NORMAL',
  detainedAt: person.detainedAt ?? null,
});

type Specialty = (typeof SPECIALTIES)[number];

/** Attorneys ranked for a person (see attorney-ranking.ts), optionally for a specialty the case needs. */
export function suggestAttorneys(db: Database, personId: string, specialty?: Specialty) {
  const person: Person = getRecord(db, 'person', personId);
  const languages = new Set(person.languages ?? []);
  const rows = db
    .prepare(
      "SELECT id, data, created_at, updated_at FROM attorneys WHERE deleted_at IS NULL AND status IS NOT 'INACTIVE'",
    )
    .all() as Row[];
  return rows
    .map((row) => {
      const attorney = toRecord<'attorney'>(row);
      const active = activeCaseCount(db, attorney.id);
      const free = attorney.capacity === undefined ? null : attorney.capacity - active;
      const sharedLanguages = (attorney.languages ?? []).filter((l) => languages.has(l));
      return {
        attorney,
        activeCases: active,
        freeCapacity: free,
        sharedLanguages,
        specialtyMatch: specialty !== undefined && (attorney.specialties ?? []).includes(specialty),
        conflict: (attorney.conflicts ?? []).includes(personId),
      };
    })
    .sort((a, b) =>
      compareCandidates(
        { ...a, name: `${a.attorney.familyName} ${a.attorney.givenName}` },
        { ...b, name: `${b.attorney.familyName} ${b.attorney.givenName}` },
      ),
    )
    .slice(0, 20);
}

/** Availability slots are the office's wall clock: weekday and time are read in its zone. */
function availableAt(volunteer: Volunteer, now: Date, zone: string): boolean {
  const { day, time } = wallClockIn(now, zone);
  return (volunteer.availability ?? []).some(
    (slot) => slot.day === day && slot.start <= time && time < slot.end,
  );
}

/** A training is valid through its expiry date, in the office's zone. */
export function trainingCurrent(volunteer: Volunteer, kind: string | undefined, today: string): boolean {
  return (volunteer.trainings ?? []).some(
    (t) => (!kind || t.kind.toLowerCase() === kind.toLowerCase()) && (!t.expiresOn || t.expiresOn >= today),
  );
}

/** Volunteer finder: language, county, role, training current/expired, available now. */
export function findVolunteers(
  db: Database,
  query: VolunteerQuery,
  now: Date,
  zone: string,
): { rows: Volunteer[]; total: number } {
  const where = ['v.deleted_at IS NULL'];
  const params: unknown[] = [];
  const member = (field: string, value: string) => {
    where.push(`EXISTS (SELECT 1 FROM json_each(v.data, '$.${field}') WHERE lower(value) = lower(?))`);
    params.push(value);
  };
  if (query.language) member('languages', query.language);
  if (query.county) member('counties', query.county);
  if (query.role) member('roles', query.role);
  if (query.status) {
    where.push('v.status = ?');
    params.push(query.status);
  }
  const rows = db
    .prepare(
      `SELECT v.id, v.data, v.created_at, v.updated_at FROM volunteers v WHERE ${where.join(' AND ')} ORDER BY v.family_name COLLATE NOCASE, v.given_name COLLATE NOCASE`,
    )
    .all(...params) as Row[];
  const today = dayIn(now, zone);
  const filtered = rows
    .map((row) => toRecord<'volunteer'>(row))
    .filter(
      (v) =>
        query.training === undefined ||
        (query.training === 'CURRENT') === trainingCurrent(v, query.trainingKind, today),
    )
    .filter((v) => !query.availableNow || availableAt(v, now, zone));
  return {
    rows: filtered.slice(query.offset ?? 0, (query.offset ?? 0) + (query.limit ?? 200)),
    total: filtered.length,
  };
}
