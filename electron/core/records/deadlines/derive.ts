import type { DeadlineItem } from '../../../../shared/channels/casework';
import { biaAppealDue } from '../../../../shared/records/case-file';
import { wallClockToUtc } from '../../../../shared/time';

// Deadlines that follow from the case file, derived when read and never stored, so they change as soon as
// the fields they come from do (here or from a partner's bundle). The fields are read by name:
// - BIA appeal: due 30 days after the immigration judge's decision (`courtCase.decision.on`), open until
//   `courtCase.appealFiledOn` is set; not listed when the judge granted relief or terminated the case;
// - habeas return: `habeas.returnDue`, done once the return is filed or the person discharged (`habeas.osc`);
// - bond hearing: each BOND_HEARING event still to come (hearings are events, never copied into the person).
// A date without a time runs out at the end of that day in the office's zone (23:59 there).

const NO_APPEAL_NEEDED = new Set(['RELIEF_GRANTED', 'TERMINATED']);
const RETURN_DONE = new Set(['RETURN_FILED', 'DISCHARGED']);

/** What the derivation reads of a person: a structural subset of the person record. */
export interface DeadlineSource {
  id: string;
  givenName: string;
  familyName: string;
  caseStatus?: string | undefined;
  courtCase?:
    | { decision?: { on: string; outcome: string } | undefined; appealFiledOn?: string | undefined }
    | undefined;
  habeas?: { returnDue?: string | undefined; osc?: string | undefined } | undefined;
}

export interface HearingSource {
  id: string;
  personId: string;
  at: string;
}

/** The end of a due date in the office: 23:59 on that day, as UTC ISO. */
export function endOfDueDate(date: string, zone: string): string {
  return wallClockToUtc(`${date}T23:59`, zone);
}

const nameOf = (p: DeadlineSource) => `${p.givenName} ${p.familyName}`;

function item(
  person: DeadlineSource,
  kind: DeadlineItem['kind'],
  key: string,
  dueAt: string,
  dateOnly: boolean,
  done: boolean,
  now: Date,
): DeadlineItem {
  return {
    key,
    kind,
    personId: person.id,
    personName: nameOf(person),
    what: null,
    dueAt,
    dateOnly,
    overdue: !done && Date.parse(dueAt) < now.getTime(),
    done,
    deadlineId: null,
    responsible: null,
  };
}

/** A person's derived deadlines from the court and habeas fields (bond hearings come from events). */
export function caseFileDeadlines(person: DeadlineSource, now: Date, zone: string): DeadlineItem[] {
  if (person.caseStatus === 'CLOSED') return [];
  const items: DeadlineItem[] = [];
  const decision = person.courtCase?.decision;
  if (decision && !NO_APPEAL_NEEDED.has(decision.outcome)) {
    const due = endOfDueDate(biaAppealDue(decision.on), zone);
    const filed = person.courtCase?.appealFiledOn !== undefined;
    items.push(item(person, 'BIA_APPEAL', `BIA_APPEAL:${person.id}`, due, true, filed, now));
  }
  const returnDue = person.habeas?.returnDue;
  if (returnDue) {
    const done = RETURN_DONE.has(person.habeas?.osc ?? '');
    const due = endOfDueDate(returnDue, zone);
    items.push(item(person, 'HABEAS_RETURN', `HABEAS_RETURN:${person.id}`, due, true, done, now));
  }
  return items;
}

/** A bond hearing is a deadline until it is held. */
export function hearingDeadline(person: DeadlineSource, hearing: HearingSource, now: Date): DeadlineItem {
  const held = Date.parse(hearing.at) < now.getTime();
  return item(
    person,
    'BOND_HEARING',
    `BOND_HEARING:${person.id}:${hearing.id}`,
    hearing.at,
    false,
    held,
    now,
  );
}

/** Open first; among open ones, overdue first; then by when they are due. */
export function deadlineOrder(a: DeadlineItem, b: DeadlineItem): number {
  return (
    Number(a.done) - Number(b.done) ||
    Number(b.overdue) - Number(a.overdue) ||
    (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : a.key < b.key ? -1 : 1)
  );
}
