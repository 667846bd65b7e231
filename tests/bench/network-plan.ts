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

/** `perOffice` edits at every office, each of one of two fields of a random person; returns the next serial. */
export async function editRound(
  offices: Office[],
  ids: string[],
  random: () => number,
  perOffice: number,
  serial: number,
): Promise<number> {
  let next = serial;
  for (const o of offices)
    for (let e = 0; e < perOffice; e++) {
      const id = ids[Math.floor(random() * ids.length)] as string;
      const field = FIELDS[Math.floor(random() * FIELDS.length)] as string;
      await o.service.handlers['person:update']({ id, patch: { [field]: `V${next++}` } });
    }
  return next;
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
