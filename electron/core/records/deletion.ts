import { covers, joinContext, type Floor } from './causal';
import { decodeClocks } from './clocks';

// A record's deletion state, synced like a field: a stamp, a causal context and a value (deleted or
// restored). Last writer wins between deletions, as for fields. What makes deletes safe across offices is
// the context: a delete only takes the fields its writer had seen. A record is deleted when its latest
// deletion says so AND covers the stamp of every field; a field write the deleting office had not seen (an
// edit made concurrently, here or at an office whose change reached us) keeps the record alive, and the
// pair shows as a "deleted there, changed here" conflict until a coordinator keeps or deletes the record.
// Every office computes this from the same stamps, so offices agree whatever order bundles arrive in.

export interface Deletion {
  /** true: deleted; false: restored (a restore is a deletion write that undoes an earlier one). */
  deleted: boolean;
  clock: string;
  ctx?: string[];
}

export function readDeletion(json: string | null | undefined): Deletion | null {
  return json ? (JSON.parse(json) as Deletion) : null;
}

export function writeDeletion(deletion: Deletion | null): string | null {
  if (!deletion) return null;
  const { deleted, clock, ctx } = deletion;
  return JSON.stringify(ctx?.length ? { deleted, clock, ctx } : { deleted, clock });
}

/**
 * The context of a deletion written now: for each other office, the highest stamp among the row's field
 * stamps and field contexts (the writer has seen all of them). The writer's own office is implied by the
 * new stamp, which is later than anything it wrote before.
 */
export function contextOfRow(
  clocksJson: string,
  contextsJson: string,
  prior: Deletion | null,
  stamp: string,
  floor: Floor = {},
): string[] | undefined {
  // Pruned contexts no longer list stable stamps: the deletion has seen them all, and says so explicitly,
  // because a deletion is never judged by stability (an office whose row still lists one must agree).
  const stable = Object.values(floor).filter((s) => s < stamp);
  let acc: { clock: string; ctx?: string[] | undefined } = {
    clock: stamp,
    ctx: joinContext({ clock: stamp }, { clock: stamp, ctx: stable }),
  };
  const clocks = decodeClocks(clocksJson);
  const contexts = JSON.parse(contextsJson) as Record<string, string[]>;
  for (const [field, clock] of Object.entries(clocks)) {
    acc = { clock: stamp, ctx: joinContext(acc, { clock, ctx: contexts[field] }) };
  }
  if (prior) acc = { clock: stamp, ctx: joinContext(acc, prior) };
  return acc.ctx;
}

/** The winning deletion of two (last writer wins), with both contexts joined. */
export function mergeDeletion(local: Deletion | null, incoming: Deletion | null): Deletion | null {
  if (!local) return incoming;
  if (!incoming) return local;
  const winner = incoming.clock > local.clock ? incoming : local;
  const ctx = joinContext(local, incoming);
  return ctx
    ? { deleted: winner.deleted, clock: winner.clock, ctx }
    : { deleted: winner.deleted, clock: winner.clock };
}

/**
 * Whether a deletion has seen every write the record holds: each field's stamp and every stamp in its causal
 * context (writes merged in, including concurrent ones that lost last-writer-wins). A write it had not seen,
 * even a losing one, is a change the deleting office did not know of, and keeps the record alive.
 */
export function isDeleted(
  clocks: Record<string, string>,
  contexts: Record<string, string[]>,
  deletion: Deletion | null,
): boolean {
  if (!deletion?.deleted) return false;
  for (const [field, clock] of Object.entries(clocks)) {
    if (!covers(deletion, clock)) return false;
    for (const stamp of contexts[field] ?? []) if (!covers(deletion, stamp)) return false;
  }
  return true;
}
