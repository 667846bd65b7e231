import { randomBytes } from 'node:crypto';
import { AmparoError } from '../../../shared/errors';
import { KINDS, SCHEMAS, type Kind } from '../../../shared/model';
import type { ChangeLine } from '../../../shared/sync';
import type { Database } from '../context';
import { appendAudit, type AuditTip } from '../records/audit';
import {
  joinContext,
  order,
  readContexts,
  sameContext,
  setContext,
  writeContexts,
  type FieldContexts,
} from '../records/causal';
import { decodeClocks, encodeClocks } from '../records/clocks';
import { parseStamp } from '../records/hlc';
import { clearPersonIndex, derivedColumns, indexPerson } from '../records/people-index';
import { SPECS } from '../records/specs';
import { stmt } from '../records/statements';

// Applies a bundle's change lines to the records (DESIGN §5 "Merge"). The rules, chosen so that any offices
// that received the same bundles, in any order and with duplicates, hold identical data:
// - Per field, last writer wins: the greater HLC stamp string (stamps end with the office id, so two
//   offices never tie). A field cleared at the source travels as `value: null` and is absent locally.
// - Deletes are sticky tombstones: once any office deleted a record it stays deleted everywhere, whatever
//   the stamps of later or concurrent field edits. Field stamps still merge underneath, so tombstones hold
//   identical data too.
// - A purge marker wins over everything: the row (and its personal data) is removed, the marker kept, and
//   later changes to that id are ignored.
// - A conflict is a field both sides changed without having seen each other's change, as the fields' causal
//   contexts tell (records/causal.ts): neither stamp is covered by the other side's context, and the values
//   differ. The losing value is kept in sync_conflicts (whichever side lost), so nothing disappears silently.
//   The merged field's context is the join of both, so a later write has seen both sides. Format-1 bundles
//   carry no contexts; for them the manifest's knowledge vector also counts as the sender having seen.
//   Contexts also converge, so a row whose context grows is rewritten (and forwarded) like a restamp.
// Every row an import touches gets one fresh local stamp in `clock`, which is what "since the last bundle"
// exports compare against, so relayed changes are forwarded too.

type Data = Record<string, unknown>;
type Clocks = Record<string, string>;

interface Row {
  rowid: number;
  data: string;
  field_clocks: string;
  field_ctx: string;
  deleted_at: string | null;
}

export interface MergeInput {
  db: Database;
  changes: ChangeLine[];
  /** What the sender had seen from each office (the signed manifest's knowledge). */
  knowledge: Record<string, string>;
  /** The lines carry no causal contexts (format-1 bundle): fall back on `knowledge` to judge conflicts. */
  legacy?: boolean;
  bundleId: string;
  senderOfficeId: string;
  /** One local stamp for every row touched by this import. */
  localStamp: string;
  now: string;
  operator: string;
  audit: AuditTip;
}

export interface MergeCounts {
  new: number;
  updated: number;
  conflicts: number;
}

const corrupt = (message: string) => new AmparoError('BUNDLE_CORRUPT', message);
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function kindOf(entity: string): Kind {
  if (!(KINDS as readonly string[]).includes(entity)) throw corrupt('A change names an unknown record kind.');
  return entity as Kind;
}

function validate(kind: Kind, data: Data): void {
  if (!SCHEMAS[kind].create.safeParse(data).success) {
    throw corrupt(`A ${kind} in the bundle does not pass validation.`);
  }
}

function seenBySender(stamp: string, knowledge: Record<string, string>): boolean {
  const known = knowledge[parseStamp(stamp).office];
  return known !== undefined && stamp <= known;
}

/** The highest stamp a change line carries (fields, tombstone, purge marker). */
export function highestStamp(change: ChangeLine): string {
  let high = change.deleted ?? '';
  if (change.purged && change.purged > high) high = change.purged;
  for (const f of Object.values(change.fields)) if (f.clock > high) high = f.clock;
  return high;
}

/** Removes the row (if any) and keeps the marker; true when something was removed. */
function purge(input: MergeInput, kind: Kind, id: string, stamp: string): boolean {
  const { db } = input;
  const table = SPECS[kind].table;
  const row = stmt(db, `SELECT rowid FROM ${table} WHERE id = ?`).get(id) as { rowid: number } | undefined;
  if (row) {
    if (kind === 'person') clearPersonIndex(db, row.rowid);
    stmt(db, `DELETE FROM ${table} WHERE id = ?`).run(id);
  }
  // Kept conflict values are personal data too.
  stmt(db, 'DELETE FROM sync_conflicts WHERE kind = ? AND record_id = ?').run(kind, id);
  stmt(
    db,
    'INSERT INTO purged (kind, id, clock) VALUES (?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET clock = max(clock, excluded.clock)',
  ).run(kind, id, stamp);
  if (row) audit(input, kind, id, 'purge', []);
  return row !== undefined;
}

function audit(input: MergeInput, kind: Kind, id: string, action: 'import' | 'purge', fields: string[]) {
  appendAudit(
    input.db,
    {
      at: input.now,
      officeId: input.senderOfficeId,
      operator: input.operator,
      action,
      kind,
      recordId: id,
      fields,
    },
    input.audit,
  );
}

function recordConflict(
  input: MergeInput,
  kind: Kind,
  id: string,
  field: string,
  local: { value: unknown; clock: string },
  incoming: { value: unknown; clock: string },
): boolean {
  const { db } = input;
  const seen = stmt(
    db,
    'SELECT 1 FROM sync_conflicts WHERE kind = ? AND record_id = ? AND field = ? AND local_clock = ? AND incoming_clock = ?',
  ).get(kind, id, field, local.clock, incoming.clock);
  if (seen) return false;
  stmt(
    db,
    `INSERT INTO sync_conflicts (id, kind, record_id, field, local_value, local_clock, incoming_value,
       incoming_clock, incoming_office, bundle_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    randomBytes(16).toString('hex'),
    kind,
    id,
    field,
    JSON.stringify(local.value ?? null),
    local.clock,
    JSON.stringify(incoming.value ?? null),
    incoming.clock,
    parseStamp(incoming.clock).office,
    input.bundleId,
    input.now,
  );
  return true;
}

function insertNew(input: MergeInput, kind: Kind, change: ChangeLine): void {
  const data: Data = {};
  const clocks: Clocks = {};
  const contexts: FieldContexts = {};
  for (const [field, { value, clock, ctx }] of Object.entries(change.fields)) {
    clocks[field] = clock;
    setContext(contexts, field, ctx);
    if (value !== null && value !== undefined) data[field] = value;
  }
  const deleted = change.deleted !== undefined;
  if (!deleted) validate(kind, data);
  const columns = [
    'id',
    'data',
    'field_clocks',
    'field_ctx',
    'clock',
    'created_at',
    'updated_at',
    'deleted_at',
  ];
  const values: unknown[] = [
    change.id,
    JSON.stringify(data),
    encodeClocks(clocks),
    writeContexts(contexts),
    input.localStamp,
    input.now,
    input.now,
    deleted ? input.now : null,
  ];
  const derived = derivedColumns(kind, data);
  columns.push(...Object.keys(derived));
  values.push(...Object.values(derived));
  const { lastInsertRowid } = stmt(
    input.db,
    `INSERT INTO ${SPECS[kind].table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  ).run(...values);
  if (kind === 'person' && !deleted) indexPerson(input.db, Number(lastInsertRowid), data, { fresh: true });
  audit(input, kind, change.id, 'import', Object.keys(change.fields).sort());
}

/** Merges one line into an existing row; returns [a value changed or it was deleted, conflicts recorded]. */
function mergeExisting(input: MergeInput, kind: Kind, change: ChangeLine, row: Row): [boolean, number] {
  const data = JSON.parse(row.data) as Data;
  const clocks = decodeClocks(row.field_clocks);
  const contexts = readContexts(row.field_ctx);
  const changed: string[] = [];
  // A winning stamp with an equal value, or a grown context, is stored (so clocks and contexts converge)
  // but is not a change to report.
  let restamped = false;
  let conflicts = 0;
  for (const [field, incoming] of Object.entries(change.fields)) {
    const localClock = clocks[field];
    const local = { value: data[field], clock: localClock ?? '', ctx: contexts[field] };
    if (localClock !== undefined) {
      const seen = input.legacy === true && seenBySender(localClock, input.knowledge);
      if (
        order(local, incoming, seen) === 'concurrent' &&
        !same(local.value, incoming.value) &&
        recordConflict(input, kind, change.id, field, local, incoming)
      )
        conflicts++;
      const joined = joinContext(local, incoming);
      if (!sameContext(joined, local.ctx)) {
        setContext(contexts, field, joined);
        restamped = true;
      }
      if (localClock >= incoming.clock) continue;
    } else setContext(contexts, field, incoming.ctx);
    clocks[field] = incoming.clock;
    restamped = true;
    if (same(local.value, incoming.value)) continue;
    if (incoming.value === null || incoming.value === undefined) delete data[field];
    else data[field] = incoming.value;
    changed.push(field);
  }
  const wasDeleted = row.deleted_at !== null;
  const deleting = change.deleted !== undefined && !wasDeleted;
  if (!restamped && !deleting) return [false, conflicts];
  const deleted = wasDeleted || deleting;
  if (!deleted) validate(kind, data);
  const sets = [
    'data = ?',
    'field_clocks = ?',
    'field_ctx = ?',
    'clock = ?',
    'updated_at = ?',
    'deleted_at = ?',
  ];
  const values: unknown[] = [
    JSON.stringify(data),
    encodeClocks(clocks),
    writeContexts(contexts),
    input.localStamp,
    input.now,
    deleted ? (row.deleted_at ?? input.now) : null,
  ];
  const derived = derivedColumns(kind, data);
  sets.push(...Object.keys(derived).map((column) => `${column} = ?`));
  values.push(...Object.values(derived));
  stmt(input.db, `UPDATE ${SPECS[kind].table} SET ${sets.join(', ')} WHERE rowid = ?`).run(
    ...values,
    row.rowid,
  );
  if (kind === 'person') {
    if (deleted) clearPersonIndex(input.db, row.rowid);
    else indexPerson(input.db, row.rowid, data, { fresh: false });
  }
  if (changed.length === 0 && !deleting) return [false, conflicts];
  audit(input, kind, change.id, 'import', changed.sort());
  return [true, conflicts];
}

/** Applies every change; the caller wraps this in one transaction (or a rolled-back one for a preview). */
export function applyChanges(input: MergeInput): MergeCounts {
  const counts: MergeCounts = { new: 0, updated: 0, conflicts: 0 };
  for (const change of input.changes) {
    const kind = kindOf(change.entity);
    if (!/^[0-9a-f]{32}$/.test(change.id)) throw corrupt('A change names an invalid record id.');
    if (change.purged !== undefined) {
      if (purge(input, kind, change.id, change.purged)) counts.updated++;
      continue;
    }
    if (stmt(input.db, 'SELECT 1 FROM purged WHERE kind = ? AND id = ?').get(kind, change.id)) continue;
    const row = stmt(
      input.db,
      `SELECT rowid, data, field_clocks, field_ctx, deleted_at FROM ${SPECS[kind].table} WHERE id = ?`,
    ).get(change.id) as Row | undefined;
    if (!row) {
      insertNew(input, kind, change);
      counts.new++;
      continue;
    }
    const [changed, conflicts] = mergeExisting(input, kind, change, row);
    if (changed) counts.updated++;
    counts.conflicts += conflicts;
  }
  return counts;
}
