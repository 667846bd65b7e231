import { parseArgs } from 'node:util';
import { introduce, makeOffice, type Office, seedPeople } from '../helpers/sync-offices';
import { removeTempDirs } from '../helpers/vault';

// What the causal contexts left after the network benchmark hold, and why: its all-to-all or hub pattern
// (2,000 people, 3 rounds of 1,000 edits split among the offices, bundles imported one by one), then, per
// office, the stored context bytes per person as they are, and as they would be if every office's floor
// covered every write of the first two rounds. Also what the context entries are: stamps of round 1, 2 or
// 3, and how many fields have one.
//   node_modules/.bin/node --import tsx tests/bench/stability-lag.ts [--offices 2,50] [--pattern hub]
const { values } = parseArgs({ options: { offices: { type: 'string' }, pattern: { type: 'string' } } });
const hubbed = (values.pattern ?? 'all-to-all') === 'hub';
const sizes = (values.offices ?? '2,50').split(',').map(Number);
const FIELDS = ['arrestLocation', 'familyName'] as const;
const say = (line: string) => process.stdout.write(`${line}\n`);

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function send(from: Office, to: Office[]): Promise<string> {
  const out = await from.service.handlers['bundle:export']({
    to: to.map((o) => o.fingerprint),
    scope: { scope: 'since-last' },
    redaction: 'Full',
  });
  return out.bytes;
}

for (const n of sizes) {
  const offices: Office[] = [];
  try {
    for (let i = 0; i < n; i++) offices.push(await makeOffice(`Office ${i}`));
    const hub = offices[0] as Office;
    for (const a of offices)
      for (const b of offices) if (a !== b && (!hubbed || a === hub || b === hub)) introduce(a, b);
    await seedPeople(hub, 2000);
    const seed = await send(hub, offices.slice(1));
    for (const o of offices.slice(1)) await o.service.handlers['bundle:import']({ bytes: seed });
    const ids = (
      hub.service.context.session().db.prepare('SELECT id FROM people ORDER BY id').all() as { id: string }[]
    ).map((r) => r.id);
    const random = rng(n * 7919 + (hubbed ? 1 : 0));
    let serial = 0;
    // Stamps start with the wall-clock ms in 12 hex digits: the round a stamp was made in is its time.
    const ends: string[] = [];
    for (let round = 0; round < 3; round++) {
      for (const o of offices)
        for (let e = 0; e < Math.max(1, Math.round(1000 / n)); e++) {
          const id = ids[Math.floor(random() * ids.length)] as string;
          const field = FIELDS[Math.floor(random() * FIELDS.length)] as string;
          await o.service.handlers['person:update']({ id, patch: { [field]: `V${serial++}` } });
        }
      if (hubbed) {
        const up: string[] = [];
        for (const s of offices.slice(1)) up.push(await send(s, [hub]));
        for (const bytes of up) await hub.service.handlers['bundle:import']({ bytes });
        for (const s of offices.slice(1))
          await s.service.handlers['bundle:import']({ bytes: await send(hub, [s]) });
      } else {
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
          for (const m of mail)
            if (m.from !== to) await to.service.handlers['bundle:import']({ bytes: m.bytes });
      }
      ends.push(Date.now().toString(16).padStart(12, '0'));
    }
    const roundOf = (stamp: string) => ends.findIndex((end) => stamp.slice(0, 12) <= end) + 1;
    let actual = 0;
    let twoRounds = 0;
    const byRound = [0, 0, 0, 0];
    let fields = 0;
    for (const o of offices) {
      const rows = o.service.context
        .session()
        .db.prepare('SELECT field_ctx FROM people WHERE deleted_at IS NULL')
        .all() as { field_ctx: string }[];
      for (const row of rows) {
        actual += row.field_ctx.length - 2;
        const ctx = JSON.parse(row.field_ctx) as Record<string, string[]>;
        const kept: Record<string, string[]> = {};
        for (const [field, stamps] of Object.entries(ctx)) {
          fields++;
          for (const s of stamps) byRound[roundOf(s)] = (byRound[roundOf(s)] ?? 0) + 1;
          const left = stamps.filter((s) => roundOf(s) > 2);
          if (left.length > 0) kept[field] = left;
        }
        twoRounds += JSON.stringify(kept).length - 2;
      }
    }
    const per = (x: number) => (x / offices.length / ids.length).toFixed(1);
    say(
      `${n} offices: context bytes per person ${per(actual)}; with every write of rounds 1-2 stable ${per(twoRounds)}; ` +
        `fields with a context per office ${(fields / offices.length).toFixed(0)}; entries by round of their stamp ` +
        `(per office) 1: ${(byRound[1]! / n).toFixed(0)}, 2: ${(byRound[2]! / n).toFixed(0)}, 3: ${(byRound[3]! / n).toFixed(0)}`,
    );
  } finally {
    for (const o of offices) o.service.close();
    removeTempDirs();
  }
}
