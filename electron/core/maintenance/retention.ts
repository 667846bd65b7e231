import {
  RETENTION_RULES,
  type KeepReason,
  type PurgePreview,
  type PurgeResult,
  type RetentionItem,
  type RetentionRule,
  type RetentionRules,
  type RetentionRun,
  type RetentionSettings,
  type RuleOutcome,
} from '../../../shared/channels/maintenance';
import type { Kind } from '../../../shared/model';
import type { Database, ServiceContext } from '../kernel/context';
import { updateRecord } from '../records/repository';
import { decodeClocks } from '../records/clocks';
import { parseStamp } from '../records/hlc';
import { purgeRow } from '../records/rows';
import { readSetting, writeSetting } from '../records/settings';
import { stmt } from '../records/statements';
import { writeAuditOf, writerFor, type Writer } from '../records/writer';
import { runSteps, type JobSteps } from '../kernel/jobs';

// Retention: personal data the office no longer needs is removed for good, one rule per kind of data, each
// off until the office turns it on. Closed cases untouched for N days go whole (the person, their events and
// assignments); the family contacts of closed cases can be cleared sooner; hotline reports go after H hours
// when they were false alarms and after D days otherwise (with their dispatches); inactive volunteers after M
// months. A case that
// still has an event to come, or is on legal hold, is never taken: the preview lists it as kept, with why.
//
// A purge removes rows through purgeRow only, leaving a purge marker per record (so an old bundle can't
// bring it back) and an audit entry with field names only. Markers never leave this office, and imports
// ignore them, so a purge here never erases a partner's copy. Clearing contacts is an ordinary edit (the
// repository's update): audited, and it reaches partners like any edit. Then the search index is compacted
// and the file VACUUMed, so the data is gone from the file too.

const KEYS: Record<RetentionRule, string> = {
  closedCaseDays: 'retention.closedCaseDays',
  closedContactsDays: 'retention.closedContactsDays',
  falseAlarmHours: 'retention.falseAlarmHours',
  reportDays: 'retention.reportDays',
  inactiveVolunteerMonths: 'retention.inactiveVolunteerMonths',
};
const LAST_RUN_KEY = 'retention.lastRun';
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

type Rules = Record<RetentionRule, number | null>;
type LastRun = NonNullable<RetentionSettings['lastRun']>;

export function getRetention(db: Database): RetentionSettings {
  const rules = Object.fromEntries(
    RETENTION_RULES.map((rule) => {
      const value = readSetting(db, KEYS[rule]);
      return [rule, value === undefined ? null : Number(value)];
    }),
  ) as Rules;
  const last = readSetting(db, LAST_RUN_KEY);
  // Runs stored before the other rules existed hold only `at` and `purged`.
  const lastRun =
    last === undefined
      ? null
      : { reports: 0, volunteers: 0, familyContacts: 0, ...(JSON.parse(last) as Partial<LastRun>) };
  return { ...rules, lastRun: lastRun as LastRun | null };
}

/** Sets the rules given; null turns a rule off. */
export function setRetention(db: Database, rules: Partial<RetentionRules>): void {
  for (const rule of RETENTION_RULES) {
    const value = rules[rule];
    if (value !== undefined) writeSetting(db, KEYS[rule], value === null ? null : String(value));
  }
}

/** The rules a run asks for: `days` is the closed-case setting under its older name. */
export function rulesOf(run: RetentionRun): Rules {
  return {
    closedCaseDays: run.closedCaseDays ?? run.days ?? null,
    closedContactsDays: run.closedContactsDays ?? null,
    falseAlarmHours: run.falseAlarmHours ?? null,
    reportDays: run.reportDays ?? null,
    inactiveVolunteerMonths: run.inactiveVolunteerMonths ?? null,
  };
}

/** Calendar months back in UTC, the day clamped to the month's length (31 March less one month is 28/29 Feb). */
function monthsBefore(now: Date, months: number): Date {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const d = new Date(now.getTime());
  d.setUTCFullYear(year, month, Math.min(now.getUTCDate(), lastDay));
  return d;
}

function cutoffOf(rule: RetentionRule, after: number, now: Date): string {
  if (rule === 'falseAlarmHours') return new Date(now.getTime() - after * HOUR_MS).toISOString();
  if (rule === 'inactiveVolunteerMonths') return monthsBefore(now, after).toISOString();
  return new Date(now.getTime() - after * DAY_MS).toISOString();
}

// Instants are compared as instants, never as text: a time stored with an offset ("…T09:00:00-08:00") sorts
// differently from the same instant in UTC.
const BEFORE = (column: string) => `unixepoch(${column}, 'subsec') < unixepoch(?, 'subsec')`;

/**
 * Why a person's case must stay. An event still to come (a hearing next year) or a deadline not done means
 * the case is live whatever its status says.
 */
function reasonsFor(db: Database, now: string): (personId: string) => KeepReason[] {
  const memo = new Map<string, KeepReason[]>();
  return (personId) => {
    let reasons = memo.get(personId);
    if (!reasons) {
      const row = stmt(
        db,
        `SELECT json_extract(data, '$.legalHold') IS NOT NULL AS held,
           EXISTS (SELECT 1 FROM events WHERE person_id = people.id AND deleted_at IS NULL
                   AND unixepoch(at, 'subsec') >= unixepoch(?, 'subsec')) AS future,
           EXISTS (SELECT 1 FROM deadlines WHERE person_id = people.id AND deleted_at IS NULL
                   AND done = 0) AS deadline
         FROM people WHERE id = ?`,
      ).get(now, personId) as { held: number; future: number; deadline: number } | undefined;
      reasons = [];
      if (row?.future) reasons.push('FUTURE_EVENT');
      if (row?.deadline) reasons.push('OPEN_DEADLINE');
      if (row?.held) reasons.push('LEGAL_HOLD');
      memo.set(personId, reasons);
    }
    return reasons;
  };
}

interface CandidateRow {
  id: string;
  data: string;
}

const nameOf = (data: Record<string, unknown>) =>
  [data.givenName, data.familyName].filter((part) => typeof part === 'string').join(' ');

function item(kind: Kind, row: CandidateRow): RetentionItem {
  const data = JSON.parse(row.data) as Record<string, unknown>;
  if (kind === 'report') {
    const label = [data.county, data.location].find((part) => typeof part === 'string') as string | undefined;
    return { kind, id: row.id, label: label ?? '', at: (data.receivedAt as string | undefined) ?? null };
  }
  return { kind, id: row.id, label: nameOf(data), at: null };
}

/** Splits candidates into what goes and what is kept, by the reasons of the cases they belong to. */
function sortOut(
  kind: Kind,
  rows: CandidateRow[],
  caseIds: (row: CandidateRow) => string[],
  reasons: (personId: string) => KeepReason[],
): Pick<RuleOutcome, 'items' | 'kept'> {
  const items: RuleOutcome['items'] = [];
  const kept: RuleOutcome['kept'] = [];
  for (const row of rows) {
    const why = [...new Set(caseIds(row).flatMap(reasons))].sort();
    if (why.length > 0) kept.push({ ...item(kind, row), reasons: why });
    else items.push(item(kind, row));
  }
  return { items, kept };
}

const ORDER_PEOPLE = 'ORDER BY family_name, given_name, id';

/** Closed cases (those in Recently deleted too: their data is still in the row) not changed since the cutoff. */
/**
 * Closed cases unchanged since `cutoff`. "Changed" is the newest field write, wherever it was made, except
 * the removal of family contacts: the contacts rule's own edit (or anyone's removing them) must not restart
 * the count of the closed-case rule.
 */
function closedCases(db: Database, cutoff: string, extra = ''): CandidateRow[] {
  const rows = stmt(
    db,
    `SELECT id, data, field_clocks, updated_at FROM people WHERE case_status = 'CLOSED' ${extra} ${ORDER_PEOPLE}`,
  ).all() as (CandidateRow & { field_clocks: string; updated_at: string })[];
  const before = Date.parse(cutoff);
  return rows.filter((row) => lastChange(row) < before).map(({ id, data }) => ({ id, data }));
}

function lastChange(row: { data: string; field_clocks: string; updated_at: string }): number {
  const clocks = Object.entries(decodeClocks(row.field_clocks));
  if (clocks.length === 0) return Date.parse(row.updated_at);
  const contactsGone = (JSON.parse(row.data) as { contacts?: unknown }).contacts === undefined;
  let latest = 0;
  for (const [field, stamp] of clocks)
    if (!(field === 'contacts' && contactsGone)) latest = Math.max(latest, parseStamp(stamp).ms);
  return latest;
}

function personIdsOfReport(row: CandidateRow): string[] {
  const ids = (JSON.parse(row.data) as { personIds?: unknown }).personIds;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

/** What each rule that runs would do now, in RETENTION_RULES order. Reads only. */
export function planRetention(db: Database, rules: Rules, now: Date): RuleOutcome[] {
  const reasons = reasonsFor(db, now.toISOString());
  const outcomes: RuleOutcome[] = [];
  let purgedCases = new Set<string>();
  for (const rule of RETENTION_RULES) {
    const after = rules[rule];
    if (after === null) continue;
    const cutoff = cutoffOf(rule, after, now);
    let sorted: Pick<RuleOutcome, 'items' | 'kept'>;
    if (rule === 'closedCaseDays') {
      sorted = sortOut('person', closedCases(db, cutoff), (row) => [row.id], reasons);
      purgedCases = new Set(sorted.items.map((i) => i.id));
    } else if (rule === 'closedContactsDays') {
      // Live cases that still hold contacts, and that this run does not purge whole anyway.
      const rows = closedCases(
        db,
        cutoff,
        "AND deleted_at IS NULL AND json_array_length(data, '$.contacts') > 0",
      ).filter((row) => !purgedCases.has(row.id));
      sorted = sortOut('person', rows, (row) => [row.id], reasons);
    } else if (rule === 'falseAlarmHours' || rule === 'reportDays') {
      const which = rule === 'falseAlarmHours' ? "= 'FALSE_ALARM'" : "IS NOT 'FALSE_ALARM'";
      // Due once both its arrival and its last change are older than the cutoff; a report linked to a live
      // or held case stays with the case.
      const rows = stmt(
        db,
        `SELECT id, data FROM reports WHERE verification ${which}
         AND ${BEFORE('updated_at')} AND ${BEFORE("json_extract(data, '$.receivedAt')")}
         ORDER BY received_at, id`,
      ).all(cutoff, cutoff) as CandidateRow[];
      sorted = sortOut('report', rows, personIdsOfReport, reasons);
    } else {
      const rows = stmt(
        db,
        `SELECT id, data FROM volunteers WHERE status = 'INACTIVE' AND ${BEFORE('updated_at')} ${ORDER_PEOPLE}`,
      ).all(cutoff) as CandidateRow[];
      sorted = sortOut('volunteer', rows, () => [], reasons);
    }
    outcomes.push({ rule, after, cutoff, ...sorted });
  }
  return outcomes;
}

export function previewRetention(db: Database, run: RetentionRun, now: Date): PurgePreview {
  const rules = rulesOf(run);
  const outcomes = planRetention(db, rules, now);
  const cases = outcomes.find((o) => o.rule === 'closedCaseDays');
  return {
    days: rules.closedCaseDays,
    cutoff: cases?.cutoff ?? null,
    count: cases?.items.length ?? 0,
    people: (cases?.items ?? []).map((i) => ({ id: i.id, name: i.label })),
    rules: outcomes,
  };
}

/** Runs the rules asked for, all in one transaction, then VACUUMs if anything went. */
export function runRetention(ctx: ServiceContext, run: RetentionRun, now: Date): PurgeResult {
  const w = writerFor(ctx);
  const result = w.session.db.transaction(() => runSteps(retentionSteps(w, run, now)))();
  compactAfter(w.session.db, result);
  return result;
}

/**
 * runRetention as a job: the same transaction written in chunks of records, with progress and
 * cancellation (a cancelled purge removes nothing); the VACUUM follows its commit.
 */
export function purgeJob(ctx: ServiceContext, run: RetentionRun, now: Date): Promise<PurgeResult> {
  return ctx.job('purge', (job) => job.drive(retentionSteps(writerFor(ctx), run, now)), {
    transaction: 'write',
    afterCommit: (result) => compactAfter(ctx.session().db, result),
  });
}

/** The purge's writes, in the caller's transaction: yields after each chunk of records. */
function* retentionSteps(w: Writer, run: RetentionRun, now: Date): JobSteps<PurgeResult> {
  const { db } = w.session;
  const rules = rulesOf(run);
  const at = now.toISOString();
  const by = writeAuditOf(w, at);
  const remove = (kind: Kind, id: string) => purgeRow(db, kind, id, w.hlc.tick(), by);
  const result: PurgeResult = {
    cutoff: null,
    people: 0,
    events: 0,
    assignments: 0,
    deadlines: 0,
    reports: 0,
    volunteers: 0,
    familyContacts: 0,
    rules: [],
  };

  result.rules = planRetention(db, rules, now);
  const total = result.rules.reduce((n, outcome) => n + outcome.items.length, 0);
  let done = 0;
  let size = (yield { done, total }) ?? Infinity;
  let inChunk = 0;
  for (const outcome of result.rules) {
    for (const { id } of outcome.items) {
      if (outcome.rule === 'closedCaseDays') {
        for (const [kind, table, count] of [
          ['event', 'events', 'events'],
          ['assignment', 'assignments', 'assignments'],
          ['deadline', 'deadlines', 'deadlines'],
        ] as const) {
          const rows = stmt(db, `SELECT id FROM ${table} WHERE person_id = ?`).all(id) as { id: string }[];
          for (const row of rows) remove(kind, row.id);
          result[count] += rows.length;
        }
        remove('person', id);
        result.people++;
      } else if (outcome.rule === 'closedContactsDays') {
        updateRecord(w, 'person', id, { contacts: null });
        result.familyContacts++;
      } else if (outcome.rule === 'inactiveVolunteerMonths') {
        remove('volunteer', id);
        result.volunteers++;
      } else {
        // Who was sent and what they reported back go with the report.
        const sent = stmt(db, 'SELECT id FROM dispatches WHERE report_id = ?').all(id) as { id: string }[];
        for (const row of sent) remove('dispatch', row.id);
        remove('report', id);
        result.reports++;
      }
      done++;
      if (++inChunk >= size) {
        inChunk = 0;
        size = (yield { done, total }) ?? size;
      }
    }
    if (outcome.rule === 'closedCaseDays') result.cutoff = outcome.cutoff;
  }
  if (result.people > 0 || result.familyContacts > 0) {
    // Deleting from FTS5 leaves the old tokens in their segments until a merge; optimize rewrites them.
    db.exec("INSERT INTO people_fts (people_fts) VALUES ('optimize')");
  }
  if (result.rules.length > 0) {
    const last: LastRun = {
      at,
      purged: result.people,
      reports: result.reports,
      volunteers: result.volunteers,
      familyContacts: result.familyContacts,
    };
    writeSetting(db, LAST_RUN_KEY, JSON.stringify(last));
  }
  return result;
}

function compactAfter(db: Database, result: PurgeResult): void {
  if (result.people + result.reports + result.volunteers + result.familyContacts > 0) {
    // VACUUM cannot run inside a transaction. It rebuilds the file without the freed pages (which
    // secure_delete has already zeroed), and the checkpoint moves that into vault.db and empties the WAL.
    db.exec('VACUUM');
    db.pragma('wal_checkpoint(TRUNCATE)');
  }
}

/** Runs every rule the office turned on. A failure must not stop the unlock; it retries next time. */
export function runScheduledPurge(ctx: ServiceContext): PurgeResult | null {
  try {
    const settings = getRetention(ctx.session().db);
    if (RETENTION_RULES.every((rule) => settings[rule] === null)) return null;
    return runRetention(ctx, settings, ctx.clock.now());
  } catch {
    return null;
  }
}
