import type { DeadlineItem, DeadlineQuery } from '../../../../shared/channels/casework';
import type { Deadline, Person } from '../../../../shared/model';
import { daysFromToday } from '../../../../shared/time';
import type { Database } from '../../kernel/context';
import { stmt } from '../statements';
import { caseFileDeadlines, deadlineOrder, hearingDeadline, type DeadlineSource } from './derive';

// The deadlines list: typed deadlines (the `deadline` kind) and those derived from the case file, in the
// office's zone. "Within N days" runs to the end of the Nth day from today there; overdue ones always show.

type Row = { id: string; data: string; created_at: string; updated_at: string };
const parse = <T>(row: Row): T =>
  ({ ...JSON.parse(row.data), id: row.id, createdAt: row.created_at, updatedAt: row.updated_at }) as T;

function nameOf(db: Database, table: 'attorneys' | 'volunteers', id: string): string | null {
  const row = stmt(db, `SELECT data FROM ${table} WHERE id = ? AND deleted_at IS NULL`).get(id) as
    { data: string } | undefined;
  if (!row) return null;
  const data = JSON.parse(row.data) as { givenName: string; familyName: string };
  return `${data.givenName} ${data.familyName}`;
}

export function upcomingDeadlines(
  db: Database,
  query: DeadlineQuery,
  now: Date,
  zone: string,
): DeadlineItem[] {
  // The end of the window: the start of the day after the last one (days = 0 is today alone).
  const until = query.days === undefined ? null : daysFromToday(now, zone, query.days + 1).to;
  const within = (dueAt: string) => until === null || dueAt < until;
  const people = new Map<string, DeadlineSource | null>();
  const personOf = (id: string): DeadlineSource | null => {
    if (!people.has(id)) {
      const row = stmt(
        db,
        'SELECT id, data, created_at, updated_at FROM people WHERE id = ? AND deleted_at IS NULL',
      ).get(id) as Row | undefined;
      people.set(id, row ? parse<Person>(row) : null);
    }
    return people.get(id) ?? null;
  };
  const items: DeadlineItem[] = [];

  const typed = stmt(
    db,
    `SELECT id, data, created_at, updated_at FROM deadlines WHERE deleted_at IS NULL
       AND (? OR done = 0) AND (? IS NULL OR due_at < ?) AND (? IS NULL OR person_id = ?) ORDER BY due_at`,
  ).all(query.includeDone ? 1 : 0, until, until, query.personId ?? null, query.personId ?? null) as Row[];
  for (const row of typed) {
    const deadline = parse<Deadline>(row);
    const person = personOf(deadline.personId);
    if (!person) continue;
    const done = deadline.done === true;
    const responsible = deadline.attorneyId
      ? {
          kind: 'attorney' as const,
          id: deadline.attorneyId,
          name: nameOf(db, 'attorneys', deadline.attorneyId),
        }
      : deadline.volunteerId
        ? {
            kind: 'volunteer' as const,
            id: deadline.volunteerId,
            name: nameOf(db, 'volunteers', deadline.volunteerId),
          }
        : null;
    items.push({
      key: `deadline:${deadline.id}`,
      kind: 'MANUAL',
      personId: person.id,
      personName: `${person.givenName} ${person.familyName}`,
      what: deadline.what,
      dueAt: deadline.dueAt,
      dateOnly: false,
      overdue: !done && Date.parse(deadline.dueAt) < now.getTime(),
      done,
      deadlineId: deadline.id,
      responsible,
    });
  }

  const withCaseFile = stmt(
    db,
    `SELECT id FROM people WHERE deleted_at IS NULL AND (decided_on IS NOT NULL OR habeas_return_due IS NOT NULL)
       AND (? IS NULL OR id = ?)`,
  ).all(query.personId ?? null, query.personId ?? null) as { id: string }[];
  for (const { id } of withCaseFile) {
    const person = personOf(id);
    if (person) items.push(...caseFileDeadlines(person, now, zone));
  }

  const hearings = stmt(
    db,
    `SELECT id, data, created_at, updated_at FROM events WHERE deleted_at IS NULL AND kind = 'BOND_HEARING'
       AND at >= ? AND (? IS NULL OR at < ?) AND (? IS NULL OR person_id = ?)`,
  ).all(
    query.includeDone ? daysFromToday(now, zone, -30).from : now.toISOString(),
    until,
    until,
    query.personId ?? null,
    query.personId ?? null,
  ) as Row[];
  for (const row of hearings) {
    const hearing = parse<{ id: string; personId: string; at: string }>(row);
    const person = personOf(hearing.personId);
    if (person && person.caseStatus !== 'CLOSED') items.push(hearingDeadline(person, hearing, now));
  }

  return items
    .filter((item) => (query.includeDone || !item.done) && (item.overdue || within(item.dueAt)))
    .sort(deadlineOrder)
    .slice(0, query.limit ?? 500);
}
