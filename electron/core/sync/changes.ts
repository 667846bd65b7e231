import { KINDS, type Kind } from '../../../shared/model';
import type { ChangeLine } from '../../../shared/sync';
import type { Database } from '../context';
import { readContexts } from '../records/causal';
import { decodeClocks } from '../records/clocks';
import { SPECS } from '../records/specs';
import { stmt } from '../records/statements';

// Extracts the change lines of an export. Every record goes out whole: each field with its own stamp
// (a cleared field as `value: null`) and its causal context (`ctx`, when not empty), a tombstone stamp for
// deleted records, and a marker for each purged id. A redaction profile's fields are left out of `fields`
// entirely (context included), never blanked.

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
}

function toLine(kind: Kind, row: Row, redacted: ReadonlySet<string>): ChangeLine {
  const data = JSON.parse(row.data) as Record<string, unknown>;
  const clocks = decodeClocks(row.field_clocks);
  const contexts = readContexts(row.field_ctx);
  const fields: ChangeLine['fields'] = {};
  for (const field of Object.keys(clocks).sort()) {
    if (redacted.has(field)) continue;
    const ctx = contexts[field];
    fields[field] = ctx
      ? { value: data[field] ?? null, clock: clocks[field] as string, ctx }
      : { value: data[field] ?? null, clock: clocks[field] as string };
  }
  const line: ChangeLine = { entity: kind, id: row.id, fields };
  if (row.deleted_at !== null) line.deleted = row.clock;
  return line;
}

const COLUMNS = 'id, data, field_clocks, field_ctx, clock, deleted_at';

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

function purgedLines(db: Database, scope: ExtractScope): ChangeLine[] {
  if (scope.scope === 'people') return [];
  const rows = (
    scope.scope === 'since'
      ? stmt(db, 'SELECT kind, id, clock FROM purged WHERE clock > ?').all(scope.after)
      : stmt(db, 'SELECT kind, id, clock FROM purged').all()
  ) as { kind: string; id: string; clock: string }[];
  return rows.map((r) => ({ entity: r.kind, id: r.id, fields: {}, purged: r.clock }));
}

export function extractChanges(
  db: Database,
  scope: ExtractScope,
  redaction: Partial<Record<Kind, string[]>> = {},
): ChangeLine[] {
  const lines: ChangeLine[] = [];
  for (const kind of KINDS) {
    const redacted = new Set(redaction[kind] ?? []);
    for (const row of rowsOf(db, kind, scope)) lines.push(toLine(kind, row, redacted));
  }
  return [...lines, ...purgedLines(db, scope)];
}
