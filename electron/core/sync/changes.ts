import { KINDS, type Kind } from '../../../shared/model';
import type { ChangeLine } from '../../../shared/sync';
import type { Database } from '../kernel/context';
import type { SendPolicy } from './redaction';
import { pruneContext, readContexts, type Floor } from '../records/causal';
import { decodeClocks } from '../records/clocks';
import { readDeletion } from '../records/deletion';
import { allTombstones } from '../records/tombstones';
import type { StoredRow } from '../records/rows';
import { SPECS } from '../records/specs';
import { stmt } from '../records/statements';

// Extracts the change lines of an export. A live record goes out whole: each field with its own stamp
// (a cleared field as `value: null`) and its causal context (`ctx`, when not empty), plus its deletion if it
// has one (a delete it outlived, or a restore). A deleted record goes out as its deletion alone, never with
// its values: a record in Recently deleted, and, in a full export, every erased record's tombstone. Only the
// fields the redaction profile sends go (redaction.ts); the others are left out of `fields` entirely (context
// included), never blanked. A kind the profile does not send goes not at all, deletions included, and
// neither do case events of kinds it does not send. Purge markers stay home: a purge is each office's own
// decision.
// A "since the last bundle" export sends what its recipients lack: every field whose stamp, or a stamp of
// whose context, is above what they are known to hold (`base`, sync/reach.ts), and only those fields; a
// record whose deletion they lack goes whole (an office that erased it gets it back on a restore). Contexts
// go without the entries at or below the stable floor (sync/stability.ts); deletions keep theirs whole.

export type ExtractScope =
  | { scope: 'all' }
  /** What recipients known to hold `base` lack. */
  | { scope: 'since'; base: Readonly<Record<string, string>> }
  /** These people, with their events and assignments. */
  | { scope: 'people'; personIds: string[] };

type Row = Omit<StoredRow, 'rowid' | 'created_at' | 'updated_at'>;

/** Everything: what a Full profile sends. */
export const SEND_EVERYTHING: SendPolicy = { send: null, eventKinds: null };

type Base = Readonly<Record<string, string>> | null;

/** Whether recipients known to hold `base` lack this version (null: they are taken to hold nothing). */
function lacks(base: Base, clock: string, ctx: readonly string[] | undefined): boolean {
  if (base === null) return true;
  const held = (stamp: string) => stamp <= (base[stamp.slice(18)] ?? '');
  return !held(clock) || (ctx ?? []).some((stamp) => !held(stamp));
}

function toLine(kind: Kind, row: Row, policy: SendPolicy, base: Base, floor: Floor): ChangeLine | null {
  const deletion = readDeletion(row.deletion);
  const deletionLacking = deletion !== null && lacks(base, deletion.clock, deletion.ctx);
  if (row.deleted_at !== null && deletion)
    return deletionLacking ? { entity: kind, id: row.id, fields: {}, deletion } : null;
  const clocks = decodeClocks(row.field_clocks);
  const contexts = readContexts(row.field_ctx);
  // The cheap test first: most rows of a "since" export hold nothing new to its recipients.
  const lacking = (field: string) => lacks(base, clocks[field] as string, contexts[field]);
  const whole = base === null || deletionLacking;
  if (!whole && !Object.keys(clocks).some(lacking)) return null;
  const data = JSON.parse(row.data) as Record<string, unknown>;
  if (kind === 'event' && policy.eventKinds && !policy.eventKinds.has(data.kind as string)) return null;
  const sent = policy.send?.[kind];
  const fields: ChangeLine['fields'] = {};
  for (const field of Object.keys(clocks).sort()) {
    if (sent && !sent.has(field)) continue;
    if (!whole && !lacking(field)) continue;
    const ctx = pruneContext(contexts[field], floor);
    fields[field] = ctx
      ? { value: data[field] ?? null, clock: clocks[field] as string, ctx }
      : { value: data[field] ?? null, clock: clocks[field] as string };
  }
  if (!whole && Object.keys(fields).length === 0) return null;
  const line: ChangeLine = { entity: kind, id: row.id, fields };
  if (deletion) line.deletion = deletion;
  return line;
}

const COLUMNS = 'id, data, field_clocks, field_ctx, clock, deleted_at, deletion';

function rowsOf(db: Database, kind: Kind, scope: ExtractScope): Row[] {
  const table = SPECS[kind].table;
  if (scope.scope === 'all' || scope.scope === 'since')
    return stmt(db, `SELECT ${COLUMNS} FROM ${table}`).all() as Row[];
  const ids = JSON.stringify(scope.personIds);
  if (kind === 'person')
    return stmt(db, `SELECT ${COLUMNS} FROM people WHERE id IN (SELECT value FROM json_each(?))`).all(
      ids,
    ) as Row[];
  // What belongs to a person (its spec's `belongsTo`: events, assignments, deadlines) goes with her.
  const owner = SPECS[kind].belongsTo;
  if (owner?.kind === 'person')
    return stmt(
      db,
      `SELECT ${COLUMNS} FROM ${table} WHERE ${SPECS[kind].filter[owner.by] as string} IN (SELECT value FROM json_each(?))`,
    ).all(ids) as Row[];
  return [];
}

const sends = (policy: SendPolicy, kind: Kind) => policy.send === null || policy.send[kind] !== undefined;

/** Erased records of the kinds sent: every one in a full export, those its recipients lack in a "since" one. */
function tombstoneLines(db: Database, scope: ExtractScope, policy: SendPolicy): ChangeLine[] {
  if (scope.scope === 'people') return [];
  const base = scope.scope === 'since' ? scope.base : null;
  return allTombstones(db)
    .filter((t) => sends(policy, t.kind) && lacks(base, t.deletion.clock, t.deletion.ctx))
    .map((t) => ({ entity: t.kind, id: t.id, fields: {}, deletion: t.deletion }));
}

export function extractChanges(
  db: Database,
  scope: ExtractScope,
  policy: SendPolicy = SEND_EVERYTHING,
  floor: Floor = {},
): ChangeLine[] {
  const lines: ChangeLine[] = [];
  const base = scope.scope === 'since' ? scope.base : null;
  for (const kind of KINDS) {
    if (!sends(policy, kind)) continue;
    for (const row of rowsOf(db, kind, scope)) {
      const line = toLine(kind, row, policy, base, floor);
      if (line) lines.push(line);
    }
  }
  return [...lines, ...tombstoneLines(db, scope, policy)];
}
