import { createHash } from 'node:crypto';
import { AmparoError } from '../../../shared/errors';
import { ID_PATTERN, KINDS, SCHEMAS, type Kind } from '../../../shared/model';
import type { ChangeLine } from '../../../shared/sync';
import type { Database } from '../kernel/context';
import type { AuditTip } from '../records/audit';
import {
  covers,
  joinContext,
  order,
  pruneContexts,
  readContexts,
  sameContext,
  setContext,
  writeContexts,
  type FieldContexts,
  type Floor,
} from '../records/causal';
import { decodeClocks, encodeClocks } from '../records/clocks';
import { parseStamp } from '../records/hlc';
import { keepDays, labelOf, takenAlong, type TakenAlong } from '../records/deletes';
import { isDeleted, mergeDeletion, readDeletion, writeDeletion, type Deletion } from '../records/deletion';
import { eraseRow, insertRows, updateRow, type StoredRow, type WriteAudit } from '../records/rows';
import { readTombstone, removeTombstone, writeTombstone } from '../records/tombstones';
import { SPECS } from '../records/specs';
import { stmt } from '../records/statements';

// Applies a bundle's change lines to the records. The rules, chosen so that any offices that received the
// same bundles, in any order and with duplicates, hold identical data:
// - Per field, last writer wins: the greater HLC stamp string (stamps end with the office id, so two
//   offices never tie). A field cleared at the source travels as `value: null` and is absent locally.
// - A conflict is a field both sides changed without having seen each other's change, as the fields' causal
//   contexts tell (records/causal.ts): neither stamp is covered by the other side's context, and the values
//   differ. The losing value is kept in sync_conflicts (whichever side lost), so nothing disappears silently.
//   The merged field's context is the join of both, so a later write has seen both sides. Format-1 bundles
//   carry no contexts; for them the manifest's knowledge vector also counts as the sender having seen.
//   Contexts also converge, so a row whose context grows is rewritten (and forwarded) like a restamp.
// - A record's deletion merges like a field (records/deletion.ts). The record is deleted only when the
//   deletion has seen every field's stamp: an edit the deleting office had not seen keeps it alive, as a
//   "deleted there, changed here" conflict for a coordinator. A person on legal hold is never deleted by a
//   bundle. A deleted record lands in Recently deleted; one erased here keeps only its tombstone, and comes
//   back only through a write its deletion had not seen (a restore, or a concurrent edit).
// - A purge marker is not a remote wipe: each office's own retention decides what it purges. A marker is
//   ignored here; only the purging office refuses later changes to that id.
// - A conflict's id is derived from the record, the field and the losing write, so every office that meets
//   the same losing write names the same conflict. A write that has itself seen both values (a resolution,
//   or an edit made after both had met) closes it where it arrives. An office set to relay only raises none.
// - Stamps at or below the stable floor (sync/stability.ts) count as seen by every field version, and a row
//   without a deletion drops them from its contexts (a row with one keeps them: deletions are judged by
//   their explicit contexts only).
// Every row an import touches gets one fresh local stamp in `clock` (a row's last change here).

type Data = Record<string, unknown>;
type Clocks = Record<string, string>;

type Row = Pick<StoredRow, 'rowid' | 'data' | 'field_clocks' | 'field_ctx' | 'deleted_at' | 'deletion'>;

export interface MergeInput {
  db: Database;
  changes: ChangeLine[];
  /** What the sender had seen from each office (the signed manifest's knowledge). */
  knowledge: Record<string, string>;
  /** The lines carry no causal contexts (format-1 bundle): fall back on `knowledge` to judge conflicts. */
  legacy?: boolean;
  /** Stamps every office has seen (causal stability): covered by every field version, pruned from contexts. */
  floor?: Floor;
  /** Lines may carry only some fields of a record (format 4): a new record that is not whole is skipped. */
  partial?: boolean;
  /** False at an office that only relays: it raises no conflicts. */
  raiseConflicts?: boolean;
  bundleId: string;
  senderOfficeId: string;
  /** One local stamp for every row touched by this import. */
  localStamp: string;
  now: string;
  operator: string;
  audit: AuditTip;
}

/** A record this import deletes here, for the preview: what it is and what goes with it. */
export interface IncomingDelete {
  kind: Kind;
  id: string;
  label: string;
  /** For a person: what goes with her. */
  takes?: TakenAlong;
}

export interface MergeCounts {
  new: number;
  updated: number;
  deleted: number;
  /** Field conflicts: concurrent writes of one field, both values kept. */
  conflicts: number;
  /** Records that outlived a delete (an edit it had not seen, or a hold): "deleted there, changed here". */
  deleteConflicts: number;
  deletes: IncomingDelete[];
  /** Lines that changed nothing here: everything they carried was already held. */
  unchanged: number;
  /** New records that arrived without every field (this office had erased or never held them). */
  incomplete: number;
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

/** The highest stamp a change line carries (fields, deletion, purge marker). */
export function highestStamp(change: ChangeLine): string {
  let high = change.deletion?.clock ?? change.deleted ?? '';
  if (change.purged && change.purged > high) high = change.purged;
  for (const f of Object.values(change.fields)) if (f.clock > high) high = f.clock;
  return high;
}

/**
 * The line's deletion. Bundles before deletions carried contexts say only `deleted: <stamp>`; for those the
 * sender's knowledge stands in for what the deletion had seen.
 */
function incomingDeletion(change: ChangeLine, input: MergeInput): Deletion | null {
  if (change.deletion) return change.deletion;
  if (change.deleted === undefined) return null;
  const office = parseStamp(change.deleted).office;
  const ctx = Object.entries(input.knowledge)
    .filter(([id, stamp]) => id !== office && stamp < (change.deleted as string))
    .map(([, stamp]) => stamp)
    .sort();
  return ctx.length > 0
    ? { deleted: true, clock: change.deleted, ctx }
    : { deleted: true, clock: change.deleted };
}

/** Imported writes are audited as the sending office's. */
function writeAudit(input: MergeInput): WriteAudit {
  return { at: input.now, officeId: input.senderOfficeId, operator: input.operator, tip: input.audit };
}

const held = (data: Data): boolean => data.legalHold !== undefined && data.legalHold !== null;

// Closing needs a lookup per winning field; skipped while this office has no open conflict at all.
const openCache = new WeakMap<MergeInput, boolean>();
function hasOpenConflicts(input: MergeInput): boolean {
  let open = openCache.get(input);
  if (open === undefined) {
    open =
      stmt(input.db, 'SELECT 1 FROM sync_conflicts WHERE resolved_at IS NULL LIMIT 1').get() !== undefined;
    openCache.set(input, open);
  }
  return open;
}

/** The id every office gives the conflict of this losing write of this field. */
export function conflictId(kind: Kind, id: string, field: string, losingClock: string): string {
  return createHash('sha256').update(`${kind}\n${id}\n${field}\n${losingClock}`).digest('hex').slice(0, 32);
}

function recordConflict(
  input: MergeInput,
  kind: Kind,
  id: string,
  field: string,
  local: { value: unknown; clock: string },
  incoming: { value: unknown; clock: string },
): boolean {
  if (input.raiseConflicts === false) return false;
  const { db } = input;
  const loser = local.clock < incoming.clock ? local.clock : incoming.clock;
  const result = stmt(
    db,
    `INSERT OR IGNORE INTO sync_conflicts (id, kind, record_id, field, local_value, local_clock, incoming_value,
       incoming_clock, incoming_office, bundle_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    conflictId(kind, id, field, loser),
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
  if (result.changes === 0) return false;
  openCache.set(input, true);
  return true;
}

/** Closes the open conflicts of a field that an incoming winning write had itself seen both sides of. */
function closeSeenConflicts(
  input: MergeInput,
  kind: Kind,
  id: string,
  field: string,
  incoming: { clock: string; ctx?: readonly string[] | undefined },
): void {
  const open = stmt(
    input.db,
    `SELECT id, local_clock, incoming_clock FROM sync_conflicts
     WHERE kind = ? AND record_id = ? AND field = ? AND resolved_at IS NULL`,
  ).all(kind, id, field) as { id: string; local_clock: string; incoming_clock: string }[];
  for (const c of open) {
    if (incoming.clock === c.local_clock || incoming.clock === c.incoming_clock) continue;
    if (covers(incoming, c.local_clock, input.floor) && covers(incoming, c.incoming_clock, input.floor))
      stmt(input.db, "UPDATE sync_conflicts SET resolved_at = ?, resolution = 'elsewhere' WHERE id = ?").run(
        input.now,
        c.id,
      );
  }
}

/**
 * Checks a new record against its kind's schema, once: 'valid'; 'incomplete' when every reason it fails is
 * a field the line did not carry (a partial bundle's sender took this office to hold the rest); else
 * 'invalid'.
 */
function checkNew(kind: Kind, data: Data, partial: boolean): 'valid' | 'incomplete' | 'invalid' {
  const parsed = SCHEMAS[kind].create.safeParse(data);
  if (parsed.success) return 'valid';
  const missing = parsed.error.issues.every((i) => {
    const key = i.path[0];
    return typeof key === 'string' && !(key in data);
  });
  return partial && missing ? 'incomplete' : 'invalid';
}

/** The line's fields as a fresh row's values, stamps and contexts. */
function fieldsOf(change: ChangeLine): { data: Data; clocks: Clocks; contexts: FieldContexts } {
  const data: Data = {};
  const clocks: Clocks = {};
  const contexts: FieldContexts = {};
  for (const [field, { value, clock, ctx }] of Object.entries(change.fields)) {
    clocks[field] = clock;
    setContext(contexts, field, ctx);
    if (value !== null && value !== undefined) data[field] = value;
  }
  return { data, clocks, contexts };
}

/**
 * A record this office does not hold: new, or erased here (its tombstone). Stored as a row only if it is
 * alive under the merged deletion; a deleted record arriving whole leaves only a tombstone, never values.
 */
function insertNew(input: MergeInput, kind: Kind, change: ChangeLine, counts: MergeCounts): void {
  const tombstone = readTombstone(input.db, change.id);
  const deletion = mergeDeletion(tombstone?.deletion ?? null, incomingDeletion(change, input));
  const { data, clocks, contexts } = fieldsOf(change);
  if (Object.keys(clocks).length === 0 || isDeleted(clocks, contexts, deletion)) {
    const same = tombstone && deletion && writeDeletion(tombstone.deletion) === writeDeletion(deletion);
    if (deletion?.deleted && !same) writeTombstone(input.db, kind, change.id, deletion);
    else counts.unchanged++;
    return;
  }
  const checked = checkNew(kind, data, input.partial === true);
  if (checked === 'incomplete') {
    // The sender took this office to hold the other fields (it had them once, then erased them). Nothing is
    // stored; import.ts forgets what this office claims to hold, so the next bundles bring it whole.
    counts.incomplete++;
    return;
  }
  if (checked === 'invalid') throw corrupt(`A ${kind} in the bundle does not pass validation.`);
  if (tombstone) removeTombstone(input.db, change.id);
  if (input.floor && !deletion) pruneContexts(contexts, input.floor);
  const row = {
    id: change.id,
    data,
    fieldClocks: encodeClocks(clocks),
    fieldContexts: writeContexts(contexts),
    clock: input.localStamp,
    createdAt: input.now,
    updatedAt: input.now,
    deletedAt: null,
    deletion,
  };
  insertRows(input.db, kind, [row], 'import', () => Object.keys(change.fields).sort(), writeAudit(input));
  counts.new++;
  if (deletion?.deleted) counts.deleteConflicts++;
}

/** Merges one line into a row this office holds (live or in Recently deleted). */
function mergeExisting(
  input: MergeInput,
  kind: Kind,
  change: ChangeLine,
  row: Row,
  counts: MergeCounts,
): void {
  const data = JSON.parse(row.data) as Data;
  const clocks = decodeClocks(row.field_clocks);
  const contexts = readContexts(row.field_ctx);
  const changed: string[] = [];
  // A winning stamp with an equal value, or a grown context, is stored (so clocks and contexts converge)
  // but is not a change to report.
  let restamped = false;
  for (const [field, incoming] of Object.entries(change.fields)) {
    const localClock = clocks[field];
    const local = { value: data[field], clock: localClock ?? '', ctx: contexts[field] };
    if (localClock !== undefined) {
      const seen = input.legacy === true && seenBySender(localClock, input.knowledge);
      if (
        order(local, incoming, seen, input.floor) === 'concurrent' &&
        !same(local.value, incoming.value) &&
        recordConflict(input, kind, change.id, field, local, incoming)
      )
        counts.conflicts++;
      const joined = joinContext(local, incoming);
      if (!sameContext(joined, local.ctx)) {
        setContext(contexts, field, joined);
        restamped = true;
      }
      if (localClock >= incoming.clock) continue;
      if (hasOpenConflicts(input)) closeSeenConflicts(input, kind, change.id, field, incoming);
    } else setContext(contexts, field, incoming.ctx);
    clocks[field] = incoming.clock;
    restamped = true;
    if (same(local.value, incoming.value)) continue;
    if (incoming.value === null || incoming.value === undefined) delete data[field];
    else data[field] = incoming.value;
    changed.push(field);
  }
  const before = readDeletion(row.deletion);
  const deletion = mergeDeletion(before, incomingDeletion(change, input));
  const deletionChanged = writeDeletion(deletion) !== writeDeletion(before);
  const wasDeleted = row.deleted_at !== null;
  // A held case is never deleted by a bundle: the deletion is kept (so it shows as a conflict) but not applied.
  if (input.floor && !deletion && pruneContexts(contexts, input.floor)) restamped = true;
  const deleted = isDeleted(clocks, contexts, deletion) && !held(data);
  if (!restamped && !deletionChanged) {
    counts.unchanged++;
    return;
  }
  if (!deleted) validate(kind, data);
  const deleting = deleted && !wasDeleted;
  const reviving = wasDeleted && !deleted;
  const pendingBefore = !wasDeleted && before?.deleted === true;
  const pendingAfter = !deleted && deletion?.deleted === true;
  if (pendingAfter && !pendingBefore) counts.deleteConflicts++;
  const reported = changed.length > 0 || deleting || reviving;
  updateRow(
    input.db,
    kind,
    { rowid: row.rowid, id: change.id },
    {
      data,
      fieldClocks: encodeClocks(clocks),
      fieldContexts: writeContexts(contexts),
      clock: input.localStamp,
      updatedAt: input.now,
      deletedAt: deleted ? (row.deleted_at ?? input.now) : null,
      deletion,
    },
    reported
      ? { action: deleting ? 'delete' : reviving ? 'restore' : 'import', fields: changed.sort() }
      : null,
    writeAudit(input),
  );
  if (deleting && keepDays(input.db) === 0 && deletion) {
    eraseRow(input.db, kind, { rowid: row.rowid, id: change.id }, deletion, writeAudit(input));
  }
  if (deleting) {
    counts.deleted++;
    const takes = kind === 'person' ? takenAlong(input.db, change.id, new Date(input.now)) : undefined;
    counts.deletes.push({ kind, id: change.id, label: labelOf(data), ...(takes ? { takes } : {}) });
  } else if (reported) counts.updated++;
}

/** Counts with nothing counted yet. */
export function noCounts(): MergeCounts {
  return {
    new: 0,
    updated: 0,
    deleted: 0,
    conflicts: 0,
    deleteConflicts: 0,
    deletes: [],
    unchanged: 0,
    incomplete: 0,
  };
}

/** Applies every change; the caller wraps this in one transaction (or a rolled-back one for a preview). */
export function applyChanges(input: MergeInput): MergeCounts {
  const counts = noCounts();
  for (const change of input.changes) {
    const kind = kindOf(change.entity);
    if (!ID_PATTERN.test(change.id)) throw corrupt('A change names an invalid record id.');
    // Not a remote wipe: this office's own retention decides what it purges.
    // Purged here: later changes must not bring the record back.
    if (
      change.purged !== undefined ||
      stmt(input.db, 'SELECT 1 FROM purged WHERE kind = ? AND id = ?').get(kind, change.id)
    ) {
      counts.unchanged++;
      continue;
    }
    const row = stmt(
      input.db,
      `SELECT rowid, data, field_clocks, field_ctx, deleted_at, deletion FROM ${SPECS[kind].table} WHERE id = ?`,
    ).get(change.id) as Row | undefined;
    if (row) mergeExisting(input, kind, change, row, counts);
    else insertNew(input, kind, change, counts);
  }
  return counts;
}
