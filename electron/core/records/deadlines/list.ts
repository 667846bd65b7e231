import type { DeadlineItem, DeadlineQuery } from '../../../../shared/channels/casework';
import { BIA_APPEAL_DAYS } from '../../../../shared/records/case-file';
import { daysFromToday } from '../../../../shared/time';
import type { Database } from '../../kernel/context';
import { toRecord, type RecordRow } from '../repository';
import { stmt } from '../statements';
import { caseFileDeadlines, deadlineOrder, hearingDeadline, type DeadlineSource } from './derive';

// The deadlines list: typed deadlines (the `deadline` kind) and those derived from the case file, in the
// office's zone. "Within N days" runs to the end of the Nth day from today there; overdue ones always show.

type HearingRow = { id: string; person_id: string; at: string; given_name: string; family_name: string };
interface CaseFileRow {
  id: string;
  given_name: string;
  family_name: string;
  case_status: string | null;
  court: string | null;
  habeas: string | null;
}

const caseFileSource = (row: CaseFileRow): DeadlineSource => ({
  id: row.id,
  givenName: row.given_name,
  familyName: row.family_name,
  ...(row.case_status ? { caseStatus: row.case_status } : {}),
  ...(row.court ? { courtCase: JSON.parse(row.court) as DeadlineSource['courtCase'] } : {}),
  ...(row.habeas ? { habeas: JSON.parse(row.habeas) as DeadlineSource['habeas'] } : {}),
});
// The case-file sources: BIA appeals, then habeas returns, each in the order of its due date (30 days after
// the decision, or the return's date), then its key.
const CASE_FILE_SOURCES = [
  `SELECT id, given_name, family_name, case_status, json_extract(data, '$.courtCase') AS court, NULL AS habeas
            FROM people WHERE decided_on IS NOT NULL AND deleted_at IS NULL
            AND decided_on <= date(?, '-${BIA_APPEAL_DAYS - 1} days') AND case_status IS NOT 'CLOSED'
            AND (? IS NULL OR id = ?) ORDER BY decided_on, id`,
  `SELECT id, given_name, family_name, case_status, NULL AS court, json_extract(data, '$.habeas') AS habeas
            FROM people WHERE habeas_return_due IS NOT NULL AND deleted_at IS NULL
            AND habeas_return_due <= date(?, '+1 day') AND case_status IS NOT 'CLOSED'
            AND (? IS NULL OR id = ?) ORDER BY habeas_return_due, id`,
] as const;

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
  const keep = (item: DeadlineItem) =>
    (query.includeDone || !item.done) && (item.overdue || until === null || item.dueAt < until);
  const limit = query.limit ?? 500;
  // Without the done ones, the list's order (overdue first, then by due time) is every source's own order
  // by due time: each source is cut at the list's length in SQL, so the first page reads a page's worth of
  // rows however many deadlines the vault holds. With the done ones (listed last) every source is read.
  const cut = query.includeDone ? -1 : limit;
  const items: DeadlineItem[] = [];

  const typed = stmt(
    db,
    `SELECT d.id, d.data, d.created_at, d.updated_at, p.given_name, p.family_name
       FROM deadlines d JOIN people p ON p.id = d.person_id AND p.deleted_at IS NULL
       WHERE d.deleted_at IS NULL AND (? OR d.done = 0) AND (? IS NULL OR d.due_at < ?)
       AND (? IS NULL OR d.person_id = ?) ORDER BY d.due_at, d.id LIMIT ?`,
  ).all(
    query.includeDone ? 1 : 0,
    until,
    until,
    query.personId ?? null,
    query.personId ?? null,
    cut,
  ) as (RecordRow & {
    given_name: string;
    family_name: string;
  })[];
  for (const row of typed) {
    const deadline = toRecord<'deadline'>(row);
    const person = { id: deadline.personId, givenName: row.given_name, familyName: row.family_name };
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

  // Case files whose BIA appeal or habeas return falls before the window's end (a day of margin for the
  // office's zone; `keep` below is exact). Only the parts a deadline needs are read, not whole records:
  // the dashboard asks for this at every unlock, over every case in the vault.
  // No window: the last date whose next day SQLite can still write (past it, date() gives NULL).
  const lastDay = until === null ? '9999-12-30' : until.slice(0, 10);
  for (const sql of CASE_FILE_SOURCES) {
    const rows = stmt(db, sql).iterate(lastDay, query.personId ?? null, query.personId ?? null);
    let taken = 0;
    for (const row of rows as Iterable<CaseFileRow>) {
      // A row of one source gives at most one deadline (the other source's field is read as null).
      const [item] = caseFileDeadlines(caseFileSource(row), now, zone);
      if (!item) continue;
      if (until !== null && item.dueAt >= until) break; // in due order: every later row is later still
      if (!keep(item)) continue;
      items.push(item);
      if (++taken === cut) break;
    }
  }

  const hearings = stmt(
    db,
    `SELECT e.id, e.person_id, e.at, p.given_name, p.family_name
       FROM events e JOIN people p ON p.id = e.person_id AND p.deleted_at IS NULL
       WHERE e.deleted_at IS NULL AND e.kind = 'BOND_HEARING' AND p.case_status IS NOT 'CLOSED'
       AND e.at >= ? AND (? IS NULL OR e.at < ?) AND (? IS NULL OR e.person_id = ?)
       ORDER BY e.at, e.person_id, e.id LIMIT ?`,
  ).all(
    query.includeDone ? daysFromToday(now, zone, -30).from : now.toISOString(),
    until,
    until,
    query.personId ?? null,
    query.personId ?? null,
    cut,
  ) as HearingRow[];
  for (const row of hearings) {
    const person = { id: row.person_id, givenName: row.given_name, familyName: row.family_name };
    items.push(hearingDeadline(person, { id: row.id, personId: row.person_id, at: row.at }, now));
  }

  return items.filter(keep).sort(deadlineOrder).slice(0, limit);
}
