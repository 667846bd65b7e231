// Forgetting bundles once every recipient has said it imported them (this office's own once stability has
// moved past them too): what each office is known to have, what this office says it received, and how far
// stability reaches come out the same, and the table stops growing with time.
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../electron/core/kernel/context';
import type * as Reach from '../../electron/core/sync/reach';
import { getKnowledge } from '../../electron/core/sync/knowledge';
import { knownTo, receivedVector } from '../../electron/core/sync/reach';
import { advanceStability, readStable } from '../../electron/core/sync/stability';
import { introduceAll, makeOffice, seedPeople, type Office } from '../helpers/sync-offices';
import { removeTempDirs } from '../helpers/vault';

// The import's own forgetting can be held off, to compare what it forgets against what stays.
const pruning = vi.hoisted(() => ({ on: true }));
vi.mock('../../electron/core/sync/reach', async (importOriginal) => {
  const actual = await importOriginal<typeof Reach>();
  return {
    ...actual,
    pruneSettledPromises: (db: Database, ours: string, ownStable: string) =>
      pruning.on ? actual.pruneSettledPromises(db, ours, ownStable) : 0,
  };
});
const { pruneSettledPromises } = await vi.importActual<typeof Reach>('../../electron/core/sync/reach');

const opened: Office[] = [];
afterAll(() => {
  for (const o of opened) o.service.close();
  removeTempDirs();
});

const db = (o: Office) => o.service.context.session().db;
const ownRows = (o: Office, complete: 0 | 1) =>
  (
    db(o)
      .prepare('SELECT count(*) AS n FROM sync_promises WHERE sender_office = ? AND complete = ?')
      .get(o.officeId, complete) as { n: number }
  ).n;
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
  (
    db(o)
      .prepare('SELECT bundle_id FROM sync_promises WHERE sender_office = ? ORDER BY bundle_id')
      .all(o.officeId) as { bundle_id: string }[]
  ).map((r) => r.bundle_id);

/** How far stability would reach now (what an import's last step computes), leaving the vault as it was. */
function wouldReach(o: Office): unknown {
  let reach: unknown;
  const now = `ffffffffffff:ffff:${o.officeId}`;
  try {
    db(o).transaction(() => {
      reach = advanceStability(db(o), o.officeId, { ...getKnowledge(db(o)), [o.officeId]: now });
      throw new Error('roll back');
    })();
  } catch {
    // Rolled back on purpose.
  }
  return reach;
}

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
  it('changes nothing an office is known to have, what it says it received, or how far stability reaches', async () => {
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
    let ownForgotten = 0;
    try {
      for (const [r, plan] of plans.entries()) {
        await round(offices, ids, r, plan);
        for (const o of offices) {
          const before = { view: view(o, offices), reach: wouldReach(o) };
          const own = ownBundles(o);
          forgotten += pruneSettledPromises(db(o), o.officeId, readStable(db(o))[o.officeId] ?? '');
          ownForgotten += own.length - ownBundles(o).length;
          expect({ view: view(o, offices), reach: wouldReach(o) }).toEqual(before);
        }
      }
    } finally {
      pruning.on = true;
    }
    expect(forgotten).toBeGreaterThan(ownForgotten);
    expect(ownForgotten).toBeGreaterThan(0);
  });

  it('keeps about a round of bundles however many rounds go by', async () => {
    const { offices, ids } = await network(4);
    for (let r = 0; r < 8; r++) await round(offices, ids, r);
    for (const o of offices) {
      // 8 rounds of 3 other offices' bundles were imported; the latest of each, and any not yet settled, stay.
      expect(othersRows(o)).toBeLessThanOrEqual(2 * 3);
      // Of its own 8: those its recipients have not all said they imported, or stability has not passed,
      // and those sent under a redacting profile (Office 1's of rounds 2 and 5), which count for later ones.
      const redacted = o === offices[1] ? 2 : 0;
      expect(ownRows(o, 0)).toBe(redacted);
      expect(ownRows(o, 1)).toBeGreaterThanOrEqual(1);
      expect(ownRows(o, 1)).toBeLessThanOrEqual(2);
    }
  });
});
