// Per-field causal context (a dotted version vector per field; see the merge rules in the README). Besides its HLC stamp,
// every field keeps its CONTEXT: for each other office, the highest stamp of that office whose write of this
// field the current value was written having seen. The entry of the stamp's own office is implied by the
// stamp itself (an office sees its own earlier writes), so it is never stored: a field only ever written at
// one office costs nothing. Together, stamp and context are the field's version vector, and "w is covered by
// the field" is exactly "w is in the causal history of the field's value" (an office's writes of one field
// form a chain, and a history only grows by joins).
//
// - A local write gets a fresh stamp and keeps the prior stamp and context joined in (it has seen them).
// - Merging two versions: each is covered by the other, one way or not at all. Not at all is a concurrent
//   write (a conflict); either way the greater stamp wins (HLC: causal order implies stamp order) and the
//   merged context is the join of both vectors, which is commutative, associative and idempotent, so offices
//   that received the same bundles hold the same contexts. Causal order implies stamp order because an
//   import has the HLC receive the highest stamp per office of the bundle (sync/import.ts), and every
//   context stamp is older than its field's stamp (checked for incoming lines by shared/sync.ts).
// Stored per row as JSON `{field: [stamp, …]}` in `field_ctx` (empty contexts omitted), and carried per field
// in change lines as `ctx` (omitted when empty). Stamps in a context are sorted and name distinct offices.

import { decodeClocks, encodeClocks } from './clocks';

/** A field's stamp and causal context. */
export interface Versioned {
  clock: string;
  ctx?: readonly string[] | undefined;
}

export type FieldContexts = Record<string, string[]>;

/** The office id of a stamp `<ms 12>:<counter 4>:<office 16>`. */
const officeOf = (stamp: string): string => stamp.slice(18);

/**
 * Per office, the stamps every office has seen and that no unseen write can be concurrent with (causal
 * stability, sync/stability.ts). Context entries at or below it are pruned, so a field version counts as
 * having seen them.
 */
export type Floor = Readonly<Record<string, string>>;

/** True when `stamp` is the version's own stamp or in its causal history. */
export function covers(version: Versioned, stamp: string, floor?: Floor): boolean {
  const office = officeOf(stamp);
  if (officeOf(version.clock) === office) return stamp <= version.clock;
  if (floor && stamp <= (floor[office] ?? '')) return true;
  for (const seen of version.ctx ?? []) if (officeOf(seen) === office) return stamp <= seen;
  return false;
}

/** A context without the entries the floor makes redundant (undefined when nothing is left). */
export function pruneContext(ctx: readonly string[] | undefined, floor: Floor): string[] | undefined {
  if (!ctx?.length) return undefined;
  const kept = ctx.filter((stamp) => stamp > (floor[officeOf(stamp)] ?? ''));
  return kept.length > 0 ? kept : undefined;
}

/** Prunes every field's context in place; true when any changed. */
export function pruneContexts(contexts: FieldContexts, floor: Floor): boolean {
  let changed = false;
  for (const field of Object.keys(contexts)) {
    const before = contexts[field];
    const after = pruneContext(before, floor);
    if ((after?.length ?? 0) !== (before?.length ?? 0)) {
      setContext(contexts, field, after);
      changed = true;
    }
  }
  return changed;
}

/** How the incoming version relates to the local one. */
export type Order = 'same' | 'incoming-follows' | 'local-follows' | 'concurrent';

/**
 * `localSeen` adds outside knowledge that the incoming writer had seen the local stamp (the manifest's
 * knowledge vector, for format-1 bundles whose lines carry no context).
 */
export function order(local: Versioned, incoming: Versioned, localSeen = false, floor?: Floor): Order {
  if (local.clock === incoming.clock) return 'same';
  if (localSeen || covers(incoming, local.clock, floor)) return 'incoming-follows';
  if (covers(local, incoming.clock, floor)) return 'local-follows';
  return 'concurrent';
}

/** The context of the merged field: both version vectors joined, minus the entry the winning stamp implies. */
export function joinContext(a: Versioned, b: Versioned): string[] | undefined {
  const winner = a.clock >= b.clock ? a.clock : b.clock;
  // The common cases (a re-sent value, or two versions without contexts) without building a map.
  if (!a.ctx?.length && !b.ctx?.length) {
    const loser = a.clock >= b.clock ? b.clock : a.clock;
    return officeOf(loser) === officeOf(winner) ? undefined : [loser];
  }
  if (a.clock === b.clock && sameContext(a.ctx, b.ctx)) return a.ctx?.length ? [...a.ctx] : undefined;
  const best = new Map<string, string>();
  for (const stamp of [a.clock, ...(a.ctx ?? []), b.clock, ...(b.ctx ?? [])]) {
    const office = officeOf(stamp);
    const known = best.get(office);
    if (known === undefined || stamp > known) best.set(office, stamp);
  }
  best.delete(officeOf(winner));
  return best.size === 0 ? undefined : [...best.values()].sort();
}

export function sameContext(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if ((a?.length ?? 0) !== (b?.length ?? 0)) return false;
  return (a ?? []).every((stamp, i) => stamp === b?.[i]);
}

export function readContexts(json: string | null | undefined): FieldContexts {
  return json ? (JSON.parse(json) as FieldContexts) : {};
}

/** Canonical JSON: fields sorted, empty contexts left out. */
export function writeContexts(contexts: FieldContexts): string {
  const out: FieldContexts = {};
  for (const field of Object.keys(contexts).sort()) {
    const ctx = contexts[field];
    if (ctx && ctx.length > 0) out[field] = ctx;
  }
  return JSON.stringify(out);
}

/** Sets a field's context (removing it when empty). */
export function setContext(contexts: FieldContexts, field: string, ctx: readonly string[] | undefined): void {
  if (ctx && ctx.length > 0) contexts[field] = [...ctx];
  else delete contexts[field];
}

/**
 * A local write of `fields` under one fresh stamp: each field's prior stamp and context become the new
 * context (the writer has seen them). Takes and returns the row's `field_clocks` and `field_ctx` JSON.
 */
export function stampFields(
  clocksJson: string,
  contextsJson: string | null | undefined,
  fields: readonly string[],
  stamp: string,
): { clocks: string; contexts: string } {
  const clocks = decodeClocks(clocksJson);
  const contexts = readContexts(contextsJson);
  for (const field of fields) {
    const prior = clocks[field];
    if (prior !== undefined) {
      setContext(contexts, field, joinContext({ clock: prior, ctx: contexts[field] }, { clock: stamp }));
    }
    clocks[field] = stamp;
  }
  return { clocks: encodeClocks(clocks), contexts: writeContexts(contexts) };
}
