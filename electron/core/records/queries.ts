import { subHours } from 'date-fns';
import {
  ACTIVE_ASSIGNMENT_STATUSES,
  HEARING_KINDS,
  type Attorney,
  type Person,
  type Volunteer,
} from '../../../shared/model';
import type { SPECIALTIES } from '../../../shared/records/legal';
import type { DuplicateQuery, PeopleView, VolunteerQuery } from '../../../shared/records/queries';
import { normalizeANumber } from '../../../shared/anumber';
import { dayIn, daysFromToday, startOfDayIn, wallClockIn } from '../../../shared/time';
import type { Database } from '../kernel/context';
import { getRecord } from './repository';
import { normalizedName } from './people-index';
import { compareCandidates } from './attorney-ranking';
import { activeCaseCount } from './rules';
import { sqlList } from './statements';
import { editDistance } from './text';
import { sameName } from './csv/duplicates';

// Read-side queries beyond plain lists: duplicate warnings, saved views, the dashboard, attorney
// suggestions and the volunteer finder. All values are bound; every list query uses an index.

const HEARINGS = sqlList(HEARING_KINDS);
const ACTIVE = sqlList(ACTIVE_ASSIGNMENT_STATUSES);

type Row = { id: string; data: string; created_at: string; updated_at: string };
const toRecord = <T>(row: Row): T =>
  ({ ...JSON.parse(row.data), id: row.id, createdAt: row.created_at, updatedAt: row.updated_at }) as T;

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
    const person = toRecord<Person>(row);
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

export function peopleInView(
  db: Database,
  view: PeopleView,
  now: Date,
  zone: string,
  limit = 100,
  offset = 0,
): { rows: Person[]; total: number } {
  const params = viewParams(now, zone);
  const named = (sql: string) =>
    Object.fromEntries(Object.entries(params).filter(([key]) => sql.includes(`@${key}`)));
  const where = VIEW_SQL[view];
  const total = (
    db.prepare(`SELECT count(*) AS n FROM people WHERE ${where}`).get(named(where)) as { n: number }
  ).n;
  const rows = db
    .prepare(
      `SELECT id, data, created_at, updated_at FROM people WHERE ${where} ORDER BY CASE priority WHEN 'URGENT' THEN 0 WHEN 'HIGH' THEN 1 ELSE 2 END, updated_at DESC LIMIT @limit OFFSET @offset`,
    )
    .all({ ...named(where), limit, offset }) as Row[];
  return { rows: rows.map((row) => toRecord<Person>(row)), total };
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
    const event = toRecord<{ id: string; personId: string; kind: string; at: string; location?: string }>(
      row,
    );
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
    urgent: peopleInView(db, 'URGENT', now, zone, 10).rows.map(brief),
    unassigned: peopleInView(db, 'UNASSIGNED', now, zone, 10).rows.map(brief),
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
      const attorney = toRecord<Attorney>(row);
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
    .map((row) => toRecord<Volunteer>(row))
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
