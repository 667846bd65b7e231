import { AmparoError } from '../../../shared/errors';
import { KINDS, SCHEMAS, type Person } from '../../../shared/model';
import { deleteRecord } from './deletes';
import { getRecord, updateRecord } from './repository';
import { SPECS } from './specs';
import { stmt } from './statements';
import type { Writer } from './writer';

// Two records of one person made one. The fields come from either side as chosen (by default the kept
// record's, its blanks filled from the other, lists joined); the other's events and assignments move to
// the kept record and reports name it instead; then the other is deleted as any person is. Every step is an
// ordinary edit or delete, so other offices receive the merge through sync like any other change.

type Data = Record<string, unknown>;
const META = new Set(['id', 'createdAt', 'updatedAt']);

function fieldsOf(record: Data): Data {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !META.has(key)));
}

/** The merged fields: `take` names the fields taken from the other record; lists are joined either way. */
export function mergedFields(keep: Data, other: Data, take: readonly string[] = []): Data {
  const result: Data = { ...fieldsOf(keep) };
  for (const [field, value] of Object.entries(fieldsOf(other))) {
    const mine = result[field];
    if (take.includes(field)) result[field] = value;
    else if (mine === undefined || mine === '') result[field] = value;
    else if (Array.isArray(mine) && Array.isArray(value)) {
      const seen = new Set(mine.map((v) => JSON.stringify(v)));
      result[field] = [...mine, ...value.filter((v) => !seen.has(JSON.stringify(v)))];
    }
  }
  if (result.legalHold === undefined) delete result.legalHold;
  return result;
}

/** Fills a person's blank fields (and joins lists) from a CSV row merged into her. */
export function fillBlanks(w: Writer, id: string, data: Data): void {
  const current = getRecord(w.session.db, 'person', id) as unknown as Data;
  const merged = mergedFields(current, data);
  const patch = Object.fromEntries(
    Object.entries(merged).filter(
      ([field, value]) => JSON.stringify(current[field]) !== JSON.stringify(value),
    ),
  );
  if (Object.keys(patch).length > 0) updateRecord(w, 'person', id, patch);
}

export interface MergeResult {
  person: Person;
  moved: { events: number; assignments: number; reports: number };
}

export function mergePeople(
  w: Writer,
  keepId: string,
  otherId: string,
  take: readonly string[] = [],
): MergeResult {
  if (keepId === otherId) throw new AmparoError('INVALID_INPUT', 'Choose two different people to merge.');
  const { db } = w.session;
  const keep = getRecord(db, 'person', keepId) as unknown as Data;
  const other = getRecord(db, 'person', otherId) as unknown as Data;
  const fields = Object.keys(SCHEMAS.person.fields.shape);
  const unknown = take.filter((f) => !fields.includes(f));
  if (unknown.length > 0)
    throw new AmparoError('INVALID_INPUT', `Unknown person fields: ${unknown.join(', ')}.`);
  const merged = mergedFields(keep, other, take);
  const patch: Data = {};
  for (const field of fields) {
    const before = keep[field];
    const after = merged[field];
    if (JSON.stringify(before) !== JSON.stringify(after)) patch[field] = after === undefined ? null : after;
  }
  const moved = { events: 0, assignments: 0, reports: 0 };
  // Events and assignments point at one person: they move to the kept record.
  for (const kind of KINDS.filter((k) => SPECS[k].filter.personId !== undefined)) {
    const { table, filter } = SPECS[kind];
    const ids = stmt(db, `SELECT id FROM ${table} WHERE ${filter.personId} = ? AND deleted_at IS NULL`).all(
      otherId,
    ) as {
      id: string;
    }[];
    for (const { id } of ids) updateRecord(w, kind, id, { personId: keepId });
    if (kind === 'event') moved.events += ids.length;
    if (kind === 'assignment') moved.assignments += ids.length;
  }
  // Reports list the people they concern.
  const reports = stmt(
    db,
    `SELECT id, data FROM ${SPECS.report.table} WHERE deleted_at IS NULL AND data LIKE ?`,
  ).all(`%${otherId}%`) as { id: string; data: string }[];
  for (const report of reports) {
    const personIds = ((JSON.parse(report.data) as { personIds?: string[] }).personIds ?? []).slice();
    if (!personIds.includes(otherId)) continue;
    const next = [...new Set(personIds.map((id) => (id === otherId ? keepId : id)))];
    updateRecord(w, 'report', report.id, { personIds: next });
    moved.reports++;
  }
  // An attorney's conflicts of interest name people too.
  const attorneys = stmt(
    db,
    `SELECT id, data FROM ${SPECS.attorney.table} WHERE deleted_at IS NULL AND data LIKE ?`,
  ).all(`%${otherId}%`) as { id: string; data: string }[];
  for (const attorney of attorneys) {
    const conflicts = (JSON.parse(attorney.data) as { conflicts?: string[] }).conflicts ?? [];
    if (conflicts.includes(otherId))
      updateRecord(w, 'attorney', attorney.id, {
        conflicts: [...new Set(conflicts.map((id) => (id === otherId ? keepId : id)))],
      });
  }
  if (Object.keys(patch).length > 0) updateRecord(w, 'person', keepId, patch);
  deleteRecord(w, 'person', otherId);
  return { person: getRecord(db, 'person', keepId), moved };
}
