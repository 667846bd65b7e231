// Forgetting other offices' bundles once every recipient has said it imported them: what each office is known
// to have, and what this office says it received, come out the same, and the table stops growing with time.
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../electron/core/kernel/context';
import type * as Reach from '../../electron/core/sync/reach';
import { knownTo, receivedVector } from '../../electron/core/sync/reach';
import { introduceAll, makeOffice, seedPeople, type Office } from '../helpers/sync-offices';
import { removeTempDirs } from '../helpers/vault';

// The import's own forgetting can be held off, to compare what it forgets against what stays.
const pruning = vi.hoisted(() => ({ on: true }));
vi.mock('../../electron/core/sync/reach', async (importOriginal) => {
  const actual = await importOriginal<typeof Reach>();
  return {
    ...actual,
    pruneSettledPromises: (db: Database, ours: string) =>
      pruning.on ? actual.pruneSettledPromises(db, ours) : 0,
  };
});
const { pruneSettledPromises } = await vi.importActual<typeof Reach>('../../electron/core/sync/reach');

const opened: Office[] = [];
afterAll(() => {
  for (const o of opened) o.service.close();
  removeTempDirs();
});

const db = (o: Office) => o.service.context.session().db;
const rows = (o: Office) =>
  (db(o).prepare('SELECT count(*) AS n FROM sync_promises').get() as { n: number }).n;
const othersRows = (o: Office) =>
  (
    db(o).prepare('SELECT count(*) AS n FROM sync_promises WHERE sender_office != ?').get(o.officeId) as {
      n: number;
    }
  ).n;

async function network(n: number): Promise<{ offices: Office[]; ids: string[] }> {
  const offices: Office[] = [];
  for (let i = 0; i < n; i++) offices.push(await makeOffice(`Office ${i}`));
  opened.push(...offices);
  introduceAll(offices);
  await seedPeople(offices[0]!, 30);
  const seed = await offices[0]!.service.handlers['bundle:export']({
    to: offices.slice(1).map((o) => o.fingerprint),
    scope: { scope: 'all' },
    redaction: 'Full',
  });
  for (const o of offices.slice(1)) await o.service.handlers['bundle:import']({ bytes: seed.bytes });
  const ids = (db(offices[0]!).prepare('SELECT id FROM people ORDER BY id').all() as { id: string }[]).map(
    (r) => r.id,
  );
  return { offices, ids };
}

interface RoundPlan {
  /** Offices that send nothing this round (they still import what reaches them). */
  silent?: Office[];
  /** Who an office sends to, when not to every other office. */
  to?: (from: Office) => Office[];
}

/** A round: every office edits a few people and sends "since last" to the others, who import it. */
async function round(offices: Office[], ids: string[], r: number, plan: RoundPlan = {}): Promise<void> {
  const mail: { to: Office[]; bytes: string }[] = [];
  for (const [i, from] of offices.entries()) {
    if (plan.silent?.includes(from)) continue;
    for (let e = 0; e < 3; e++)
      await from.service.handlers['person:update']({
        id: ids[(r * 7 + i * 3 + e) % ids.length]!,
        patch: { familyName: `R${r}-${i}-${e}` },
      });
    const to = plan.to?.(from) ?? offices.filter((o) => o !== from);
    const out = await from.service.handlers['bundle:export']({
      to: to.map((o) => o.fingerprint),
      scope: { scope: 'since-last' },
      // Now and then one office sends under a redacting profile: such a bundle is not complete.
      redaction: i === 1 && r % 3 === 2 ? 'Dispatch' : 'Full',
    });
    mail.push({ to, bytes: out.bytes });
  }
  for (const to of offices)
    for (const m of mail)
      if (m.to.includes(to)) await to.service.handlers['bundle:import']({ bytes: m.bytes });
}

const ownBundles = (o: Office) =>
  db(o)
    .prepare('SELECT bundle_id FROM sync_promises WHERE sender_office = ? ORDER BY bundle_id')
    .all(o.officeId);

/** What this office takes each other office to hold, under each profile, and what it says it received. */
function view(o: Office, offices: Office[]) {
  const known: Record<string, unknown> = {};
  for (const other of offices)
    if (other !== o)
      for (const profile of [null, 'Dispatch'])
        known[`${other.name}/${profile}`] = knownTo(db(o), o.officeId, other.officeId, profile);
  return { known, received: receivedVector(db(o), o.officeId) };
}

describe('forgetting settled bundles', () => {
  it('changes nothing an office is known to have, or what this office says it received', async () => {
    const { offices, ids } = await network(3);
    const quiet = offices[2]!;
    // The quiet office says nothing in rounds 1 and 2, and in round 2 no one writes to it: what reached it in
    // round 1 is then known only from bundles that are no longer their sender's latest, and unsettled.
    const plans: RoundPlan[] = [
      {},
      { silent: [quiet] },
      { silent: [quiet], to: (from) => offices.filter((o) => o !== from && o !== quiet) },
      {},
      {},
    ];
    pruning.on = false;
    let forgotten = 0;
    try {
      for (const [r, plan] of plans.entries()) {
        await round(offices, ids, r, plan);
        for (const o of offices) {
          const before = view(o, offices);
          const own = ownBundles(o);
          forgotten += pruneSettledPromises(db(o), o.officeId);
          expect(view(o, offices)).toEqual(before);
          // This office's own bundles stay: stability reads them.
          expect(ownBundles(o)).toEqual(own);
        }
      }
    } finally {
      pruning.on = true;
    }
    expect(forgotten).toBeGreaterThan(0);
  });

  it("keeps about a round of other offices' bundles however many rounds go by", async () => {
    const { offices, ids } = await network(4);
    for (let r = 0; r < 8; r++) await round(offices, ids, r);
    for (const o of offices) {
      // 8 rounds of 3 other offices' bundles were imported; the latest of each, and any not yet settled, stay.
      expect(othersRows(o)).toBeLessThanOrEqual(2 * 3);
      expect(rows(o)).toBeGreaterThanOrEqual(8); // its own 8
    }
  });
});
