import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as MergeModule from '../../electron/core/sync/merge';
import { importBundles, type BatchOutcome } from '../../electron/core/sync/import-batch';
import { verifyAudit } from '../../electron/core/records/audit';
import {
  dbDigest,
  introduce,
  introduceAll,
  manualOffices,
  recordDump,
  type Office,
} from '../helpers/sync-offices';
import { removeTempDirs } from '../helpers/vault';

// Bundles that arrive together (one inbox scan) are imported in one transaction, each in a savepoint: the
// records come out as if they had been imported one at a time, and a bundle that fails leaves the others.

// A merge that fails for one chosen bundle, as a full disk or a damaged page would in the middle of it.
const failing = vi.hoisted(() => ({ bundleId: '' }));
vi.mock('../../electron/core/sync/merge', async (original) => {
  const actual = await original<typeof MergeModule>();
  return {
    ...actual,
    applyChanges: (input: Parameters<typeof actual.applyChanges>[0]) => {
      const counts = actual.applyChanges(input);
      if (input.bundleId === failing.bundleId) throw new Error('disk I/O error');
      return counts;
    },
  };
});

const opened: Office[] = [];
afterEach(() => {
  failing.bundleId = '';
  for (const o of opened.splice(0)) o.service.close();
  removeTempDirs();
});

const offices = (n: number) => manualOffices(n, opened);

async function send(from: Office, to: Office[]): Promise<{ bytes: Buffer; bundleId: string }> {
  const out = await from.service.handlers['bundle:export']({
    to: to.map((o) => o.fingerprint),
    scope: { scope: 'since-last' },
    redaction: 'Full',
  });
  return { bytes: Buffer.from(out.bytes, 'base64'), bundleId: out.bundleId };
}

const people = async (o: Office) =>
  (await o.service.handlers['person:list']({ limit: 500 })).rows.map((p) => [
    p.id,
    p.givenName,
    p.familyName,
    p.arrestLocation ?? null,
  ]);

const conflicts = async (o: Office) =>
  (await o.service.handlers['conflict:list'](undefined)).map((c) => [c.id, c.recordId, c.field]).sort();

const stable = (o: Office) =>
  JSON.parse(
    (
      o.service.context
        .session()
        .db.prepare("SELECT value FROM settings WHERE key = 'sync.stable'")
        .get() as { value: string }
    ).value,
  ) as Record<string, string>;

const summaryOf = (outcome: BatchOutcome | undefined) => {
  if (!outcome || !('summary' in outcome)) throw new Error(`expected a summary, got ${String(outcome)}`);
  return outcome.summary;
};

describe('importing the bundles of one inbox scan together', () => {
  it('gives the records, contexts and conflicts of importing them one at a time', async () => {
    // A, B and C work on the same people; X takes each round's bundles as one batch, Y one by one.
    const [a, b, c, x, y] = (await offices(5)) as [Office, Office, Office, Office, Office];
    const all = [a, b, c, x, y];
    introduceAll(all);
    const ids: string[] = [];
    for (let i = 0; i < 6; i++)
      ids.push((await a.service.handlers['person:create']({ givenName: `P${i}`, familyName: 'Rojas' })).id);
    let serial = 0;
    // Round 0 hands A's people to everyone; then concurrent edits of the same fields (conflicts), and
    // edits of a field only one office touches.
    for (let round = 0; round < 5; round++) {
      for (const [n, o] of round === 0 ? [] : [a, b, c].entries())
        for (const id of ids.slice(round % 2, (round % 2) + 4))
          await o.service.handlers['person:update']({
            id,
            patch: n === 2 ? { familyName: `F${serial++}` } : { arrestLocation: `L${serial++}` },
          });
      const mail = [];
      for (const from of all)
        mail.push({
          from,
          bundle: await send(
            from,
            all.filter((o) => o !== from),
          ),
        });
      for (const to of [a, b, c, y])
        for (const m of mail)
          if (m.from !== to)
            await to.service.handlers['bundle:import']({ bytes: m.bundle.bytes.toString('base64') });
      const progress: { done: number; total: number }[] = [];
      const stop = x.service.on('job:progress', (p) => progress.push(p));
      const outcomes = await importBundles(
        x.service.context,
        mail.filter((m) => m.from !== x).map((m) => m.bundle.bytes),
        { source: 'inbox' },
      );
      stop();
      expect(outcomes.map((o) => summaryOf(o).alreadyImported)).toEqual([false, false, false, false]);
      // One bar for the batch: the change lines of all its bundles, counted across them, never going back.
      const lines = progress.at(-1)?.total ?? 0;
      expect(lines).toBeGreaterThan(0);
      expect(progress.at(-1)).toMatchObject({ done: lines });
      expect(progress.map((p) => p.total)).toEqual(progress.map(() => lines));
      expect(progress.map((p) => p.done)).toEqual(progress.map((p) => p.done).sort((m, n) => m - n));
    }
    expect(await people(x)).toEqual(await people(y));
    expect(await conflicts(x)).toEqual(await conflicts(y));
    expect((await conflicts(x)).length).toBeGreaterThan(0);
    // Stability moved once per batch at X, after every bundle at Y, and reached the same floor: the
    // contexts were pruned alike.
    expect(stable(x)).toEqual(stable(y));
    expect(Object.keys(stable(x))).toHaveLength(5);
    expect(recordDump(x)).toEqual(recordDump(y));
    for (const o of [x, y]) expect(verifyAudit(o.service.context.session().db).ok).toBe(true);
  });

  it('applies the good bundles of a batch when one fails, and leaves nothing of the failed one', async () => {
    const [a, b, c, x] = (await offices(4)) as [Office, Office, Office, Office];
    introduceAll([a, b, c, x]);
    const made = async (o: Office, name: string) =>
      (await o.service.handlers['person:create']({ givenName: name, familyName: 'Paz' })).id;
    const fromA = (await made(a, 'Ana'), await send(a, [x]));
    const fromB = (await made(b, 'Berta'), await send(b, [x]));
    const fromC = (await made(c, 'Carla'), await send(c, [x]));
    const before = dbDigest(x);
    failing.bundleId = fromB.bundleId;
    const outcomes = await importBundles(x.service.context, [fromA.bytes, fromB.bytes, fromC.bytes]);
    expect(summaryOf(outcomes[0]).new).toBe(1);
    expect(outcomes[1]).toEqual({ error: new Error('disk I/O error') });
    expect(summaryOf(outcomes[2]).new).toBe(1);
    expect((await people(x)).map((p) => p[1]).sort()).toEqual(['Ana', 'Carla']);
    expect(verifyAudit(x.service.context.session().db).ok).toBe(true);
    expect(dbDigest(x)).not.toBe(before);
    // Nothing of B's bundle was kept: imported again, it is new, not a replay.
    failing.bundleId = '';
    const again = await importBundles(x.service.context, [fromB.bytes, fromA.bytes]);
    expect(summaryOf(again[0])).toMatchObject({ new: 1, alreadyImported: false });
    expect(summaryOf(again[1]).alreadyImported).toBe(true);
    expect((await people(x)).map((p) => p[1]).sort()).toEqual(['Ana', 'Berta', 'Carla']);
    expect(verifyAudit(x.service.context.session().db).ok).toBe(true);
  });

  it('refuses what it must per bundle: not addressed here, an unverified sender, a second copy', async () => {
    const [a, b, x, other] = (await offices(4)) as [Office, Office, Office, Office];
    introduceAll([a, x, other]);
    introduce(x, b, 'unverified');
    introduce(b, x);
    await a.service.handlers['person:create']({ givenName: 'Ana', familyName: 'Paz' });
    await b.service.handlers['person:create']({ givenName: 'Berta', familyName: 'Paz' });
    const toX = await send(a, [x]);
    const toOther = await send(a, [other]);
    const fromB = await send(b, [x]);
    const outcomes = await importBundles(x.service.context, [
      toOther.bytes,
      fromB.bytes,
      toX.bytes,
      toX.bytes,
    ]);
    expect(outcomes[0]).toEqual({ error: expect.objectContaining({ code: 'BUNDLE_NOT_FOR_US' }) });
    expect(outcomes[1]).toEqual({ error: expect.objectContaining({ code: 'SENDER_UNVERIFIED' }) });
    expect(summaryOf(outcomes[2])).toMatchObject({ new: 1, alreadyImported: false });
    expect(summaryOf(outcomes[3])).toMatchObject({ new: 1, alreadyImported: true });
    expect((await people(x)).map((p) => p[1])).toEqual(['Ana']);
  });
});
