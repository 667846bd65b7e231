import { KINDS, type Kind } from '../../../shared/model';
import type { ChangeLine } from '../../../shared/sync';
import type { Database } from '../kernel/context';
import type { SendPolicy } from './redaction';
import { readContexts } from '../records/causal';
import { decodeClocks } from '../records/clocks';
import { readDeletion } from '../records/deletion';
import { allTombstones } from '../records/tombstones';
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

export type ExtractScope =
  | { scope: 'all' }
  /** Rows written locally (edits or imports) after this local stamp. */
  | { scope: 'since'; after: string }
  /** These people, with their events and assignments. */
  | { scope: 'people'; personIds: string[] };

interface Row {
  id: string;
  data: string;
  field_clocks: string;
  field_ctx: string;
  clock: string;
  deleted_at: string | null;
  deletion: string | null;
}

/** Everything: what a Full profile sends. */
export const SEND_EVERYTHING: SendPolicy = { send: null, eventKinds: null };

function toLine(kind: Kind, row: Row, policy: SendPolicy): ChangeLine | null {
  const data = JSON.parse(row.data) as Record<string, unknown>;
  if (kind === 'event' && policy.eventKinds && !policy.eventKinds.has(data.kind as string)) return null;
  const deletion = readDeletion(row.deletion);
  if (row.deleted_at !== null && deletion) return { entity: kind, id: row.id, fields: {}, deletion };
  const sent = policy.send?.[kind];
  const clocks = decodeClocks(row.field_clocks);
  const contexts = readContexts(row.field_ctx);
  const fields: ChangeLine['fields'] = {};
  for (const field of Object.keys(clocks).sort()) {
    if (sent && !sent.has(field)) continue;
    const ctx = contexts[field];
    fields[field] = ctx
      ? { value: data[field] ?? null, clock: clocks[field] as string, ctx }
      : { value: data[field] ?? null, clock: clocks[field] as string };
  }
  const line: ChangeLine = { entity: kind, id: row.id, fields };
  if (deletion) line.deletion = deletion;
  return line;
}

const COLUMNS = 'id, data, field_clocks, field_ctx, clock, deleted_at, deletion';

function rowsOf(db: Database, kind: Kind, scope: ExtractScope): Row[] {
  const table = SPECS[kind].table;
  if (scope.scope === 'all') return stmt(db, `SELECT ${COLUMNS} FROM ${table}`).all() as Row[];
  if (scope.scope === 'since')
    return stmt(db, `SELECT ${COLUMNS} FROM ${table} WHERE clock > ?`).all(scope.after) as Row[];
  const ids = JSON.stringify(scope.personIds);
  if (kind === 'person')
    return stmt(db, `SELECT ${COLUMNS} FROM people WHERE id IN (SELECT value FROM json_each(?))`).all(
      ids,
    ) as Row[];
  if (kind === 'event' || kind === 'assignment')
    return stmt(
      db,
      `SELECT ${COLUMNS} FROM ${table} WHERE json_extract(data, '$.personId') IN (SELECT value FROM json_each(?))`,
    ).all(ids) as Row[];
  return [];
}

const sends = (policy: SendPolicy, kind: Kind) => policy.send === null || policy.send[kind] !== undefined;

/** Erased records of the kinds sent, for a full export. */
function tombstoneLines(db: Database, scope: ExtractScope, policy: SendPolicy): ChangeLine[] {
  if (scope.scope !== 'all') return [];
  return allTombstones(db)
    .filter((t) => sends(policy, t.kind))
    .map((t) => ({ entity: t.kind, id: t.id, fields: {}, deletion: t.deletion }));
}

export function extractChanges(
  db: Database,
  scope: ExtractScope,
  policy: SendPolicy = SEND_EVERYTHING,
): ChangeLine[] {
  const lines: ChangeLine[] = [];
  for (const kind of KINDS) {
    if (!sends(policy, kind)) continue;
    for (const row of rowsOf(db, kind, scope)) {
      const line = toLine(kind, row, policy);
      if (line) lines.push(line);
    }
  }
  return [...lines, ...tombstoneLines(db, scope, policy)];
}
