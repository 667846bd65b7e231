import { parseArgs } from 'node:util';
import { makeOffice, type Office, seedPeople } from '../helpers/sync-offices';
import { removeTempDirs } from '../helpers/vault';
import { connect, editRound, exchange, type Pattern, rng } from './network-plan';

// What the causal contexts left after the network benchmark hold, and why: its all-to-all or hub pattern
// (2,000 people, 3 rounds of 1,000 edits split among the offices, bundles imported one by one), then, per
// office, the stored context bytes per person as they are, and as they would be if every office's floor
// covered every write of the first two rounds. Also what the context entries are: stamps of round 1, 2 or
// 3, and how many fields have one.
//   node_modules/.bin/node --import tsx tests/bench/stability-lag.ts [--offices 2,50] [--pattern hub]
const { values } = parseArgs({ options: { offices: { type: 'string' }, pattern: { type: 'string' } } });
const pattern: Pattern = values.pattern === 'hub' ? 'hub' : 'all-to-all';
const sizes = (values.offices ?? '2,50').split(',').map(Number);
const say = (line: string) => process.stdout.write(`${line}\n`);

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
    connect(pattern, offices);
    await seedPeople(hub, 2000);
    const seed = await send(hub, offices.slice(1));
    for (const o of offices.slice(1)) await o.service.handlers['bundle:import']({ bytes: seed });
    const ids = (
      hub.service.context.session().db.prepare('SELECT id FROM people ORDER BY id').all() as { id: string }[]
    ).map((r) => r.id);
    const random = rng(n * 7919 + (pattern === 'hub' ? 1 : 0));
    let serial = 0;
    // Stamps start with the wall-clock ms in 12 hex digits: the round a stamp was made in is its time.
    const ends: string[] = [];
    for (let round = 0; round < 3; round++) {
      serial = await editRound(offices, ids, random, Math.max(1, Math.round(1000 / n)), serial);
      await exchange(pattern, offices, send, async (to, bundles) => {
        for (const bytes of bundles) await to.service.handlers['bundle:import']({ bytes });
      });
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
