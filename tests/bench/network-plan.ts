import { introduce, type Office } from '../helpers/sync-offices';

// The network benchmark's plan, shared with the scripts that look into its results (stability-lag.ts): who
// knows whom, the edits of a round, and who sends what to whom.

export type Pattern = 'all-to-all' | 'hub';

const FIELDS = ['arrestLocation', 'familyName'] as const;

/** A seeded generator (a linear congruential one): the same edits on every run. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Every office knows every other (all-to-all), or only the hub, office 0, and the hub every office. */
export function connect(pattern: Pattern, offices: Office[]): void {
  const hub = offices[0];
  for (const a of offices)
    for (const b of offices)
      if (a !== b && (pattern === 'all-to-all' || a === hub || b === hub)) introduce(a, b);
}

/** One edit of a round: the office that made it, and the person and field it changed. */
export interface Edit {
  office: Office;
  id: string;
  field: string;
}

/**
 * `perOffice` edits at every office, each of one of two fields of a random person; returns the next serial.
 * Each edit is also added to `log` when given.
 */
export async function editRound(
  offices: Office[],
  ids: string[],
  random: () => number,
  perOffice: number,
  serial: number,
  log?: Edit[],
): Promise<number> {
  let next = serial;
  for (const o of offices)
    for (let e = 0; e < perOffice; e++) {
      const id = ids[Math.floor(random() * ids.length)] as string;
      const field = FIELDS[Math.floor(random() * FIELDS.length)] as string;
      await o.service.handlers['person:update']({ id, patch: { [field]: `V${next++}` } });
      log?.push({ office: o, id, field });
    }
  return next;
}

/**
 * The context entries a round's edits leave that no sound pruning can drop before the next exchange. Every
 * office makes its edits before any bundle of the round, so edits of one field by k different offices are
 * concurrent: the value that wins keeps one stamp for each of the k − 1 other offices. Dropping one needs
 * every office to be known to hold it, and an office says what it holds only in its next bundle.
 */
export function concurrentLosers(edits: readonly Edit[]): number {
  const writers = new Map<string, Set<Office>>();
  for (const e of edits) {
    const key = `${e.id}\u0000${e.field}`;
    writers.set(key, (writers.get(key) ?? new Set()).add(e.office));
  }
  let losers = 0;
  for (const offices of writers.values()) losers += offices.size - 1;
  return losers;
}

/**
 * One round's bundles. All-to-all: every office sends to all the others, then every office takes what it
 * was sent. Hub: every other office sends to the hub, the hub takes them, then sends each office its own.
 */
export async function exchange(
  pattern: Pattern,
  offices: Office[],
  send: (from: Office, to: Office[]) => Promise<string>,
  receive: (to: Office, bundles: string[]) => Promise<void>,
): Promise<void> {
  if (pattern === 'all-to-all') {
    const mail: { from: Office; bytes: string }[] = [];
    for (const from of offices)
      mail.push({
        from,
        bytes: await send(
          from,
          offices.filter((o) => o !== from),
        ),
      });
    for (const to of offices)
      await receive(
        to,
        mail.filter((m) => m.from !== to).map((m) => m.bytes),
      );
    return;
  }
  const [hub, ...spokes] = offices as [Office, ...Office[]];
  const up: string[] = [];
  for (const s of spokes) up.push(await send(s, [hub]));
  await receive(hub, up);
  for (const s of spokes) await receive(s, [await send(hub, [s])]);
}
