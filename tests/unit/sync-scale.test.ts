import { afterEach, describe, expect, it } from 'vitest';
import { openBundle } from '../../electron/core/sync/bundle';
import { contactByKeyId, loadIdentity, ourFingerprint } from '../../electron/core/sync/store';
import { introduce, introduceAll, makeOffice, manualOffices, type Office } from '../helpers/sync-offices';
import { manualClock, removeTempDirs } from '../helpers/vault';

// A bundle carries what its recipients lack: no echo of what they sent or were sent, changed fields only,
// relayed through a hub when two offices never exchange; conflicts have one id everywhere and close where a
// resolution arrives; a relay-only office raises none.

const opened: Office[] = [];
afterEach(() => {
  for (const o of opened.splice(0)) o.service.close();
  removeTempDirs();
});

const offices = (n: number) => manualOffices(n, opened);

/** A person's stored causal contexts at an office, as the row holds them. */
function storedContext(office: Office, id: string): string {
  const row = office.service.context
    .session()
    .db.prepare('SELECT field_ctx FROM people WHERE id = ?')
    .get(id) as {
    field_ctx: string;
  };
  return row.field_ctx;
}

async function exportTo(from: Office, to: Office[]) {
  const out = await from.service.handlers['bundle:export']({
    to: to.map((o) => o.fingerprint),
    scope: { scope: 'since-last' },
    redaction: 'Full',
  });
  const db = to[0]!.service.context.session().db;
  const { changes } = await openBundle(Buffer.from(out.bytes, 'base64'), {
    identity: loadIdentity(db),
    contactByKeyId: (k) => contactByKeyId(db, k),
    ourFingerprint: ourFingerprint(db)!,
    now: to[0]!.service.context.clock.now(),
  });
  return { bytes: out.bytes, changes };
}

/** One round: every office sends "since last" to all the others, then every office imports; one may be held. */
async function allToAll(all: Office[], held?: { from: Office; to: Office }) {
  const mail = [];
  for (const from of all)
    mail.push({
      from,
      bytes: (
        await exportTo(
          from,
          all.filter((o) => o !== from),
        )
      ).bytes,
    });
  for (const to of all)
    for (const m of mail)
      if (m.from !== to && !(held?.from === m.from && held.to === to))
        await to.service.handlers['bundle:import']({ bytes: m.bytes });
}

const people = <T extends { entity: string }>(changes: T[]): T[] =>
  changes.filter((c) => c.entity === 'person');

describe('send what the recipient lacks', () => {
  it('never echoes a change back, nor relays one its recipient was sent, and sends changed fields only', async () => {
    const [a, b, c] = await offices(3);
    introduceAll([a!, b!, c!]);
    const { id } = await a!.service.handlers['person:create']({ givenName: 'Ana', familyName: 'Rojas' });
    const first = await exportTo(a!, [b!, c!]);
    for (const o of [b!, c!]) await o.service.handlers['bundle:import']({ bytes: first.bytes });
    // B edits one field and tells A and C.
    await b!.service.handlers['person:update']({ id, patch: { arrestLocation: 'Fruitvale' } });
    const fromB = await exportTo(b!, [a!, c!]);
    expect(people(fromB.changes).map((l) => Object.keys(l.fields))).toEqual([['arrestLocation']]);
    for (const o of [a!, c!]) await o.service.handlers['bundle:import']({ bytes: fromB.bytes });
    // A has nothing new for B (it came from B) nor for C (B's bundle was addressed to C too).
    expect(people((await exportTo(a!, [b!, c!])).changes)).toEqual([]);
    expect(people((await exportTo(a!, [b!])).changes)).toEqual([]);
  });

  it('relays through a hub to offices that never exchange, each change once', async () => {
    const [hub, x, y] = await offices(3);
    for (const spoke of [x!, y!]) {
      introduce(hub!, spoke);
      introduce(spoke, hub!);
    }
    const { id } = await x!.service.handlers['person:create']({ givenName: 'Luis', familyName: 'Paz' });
    await hub!.service.handlers['bundle:import']({ bytes: (await exportTo(x!, [hub!])).bytes });
    const toY = await exportTo(hub!, [y!]);
    expect(people(toY.changes).map((l) => l.id)).toEqual([id]);
    await y!.service.handlers['bundle:import']({ bytes: toY.bytes });
    expect((await y!.service.handlers['person:get']({ id })).givenName).toBe('Luis');
    // Nothing goes back to X, nor again to Y.
    expect(people((await exportTo(hub!, [x!])).changes)).toEqual([]);
    expect(people((await exportTo(hub!, [y!])).changes)).toEqual([]);
  });
});

describe('conflicts at network scale', () => {
  it('have the same id at every office, close where a resolution arrives, and none at a relay-only office', async () => {
    const [a, b, c] = await offices(3);
    introduceAll([a!, b!, c!]);
    expect(await c!.service.handlers['relay:get'](undefined)).toEqual({ relayOnly: false });
    expect(await c!.service.handlers['relay:set']({ relayOnly: true })).toEqual({ relayOnly: true });
    expect(await c!.service.handlers['relay:get'](undefined)).toEqual({ relayOnly: true });
    const { id } = await a!.service.handlers['person:create']({ givenName: 'Marta', familyName: 'Gil' });
    const seed = await exportTo(a!, [b!, c!]);
    for (const o of [b!, c!]) await o.service.handlers['bundle:import']({ bytes: seed.bytes });
    await a!.service.handlers['person:update']({ id, patch: { arrestLocation: 'San José' } });
    await b!.service.handlers['person:update']({ id, patch: { arrestLocation: 'Oakland' } });
    const fromA = await exportTo(a!, [b!, c!]);
    const fromB = await exportTo(b!, [a!, c!]);
    await a!.service.handlers['bundle:import']({ bytes: fromB.bytes });
    await b!.service.handlers['bundle:import']({ bytes: fromA.bytes });
    for (const bytes of [fromA.bytes, fromB.bytes])
      expect((await c!.service.handlers['bundle:import']({ bytes })).conflicts).toBe(0);
    const atA = await a!.service.handlers['conflict:list'](undefined);
    const atB = await b!.service.handlers['conflict:list'](undefined);
    expect(atA).toHaveLength(1);
    expect(atB.map((x) => x.id)).toEqual(atA.map((x) => x.id));
    expect(await c!.service.handlers['conflict:list'](undefined)).toEqual([]);
    // A resolves; B imports the resolution and its copy of the conflict closes.
    await a!.service.handlers['conflict:resolve']({ id: atA[0]!.id, keep: 'local' });
    await b!.service.handlers['bundle:import']({ bytes: (await exportTo(a!, [b!, c!])).bytes });
    expect(await b!.service.handlers['conflict:list'](undefined)).toEqual([]);
    const value = (await b!.service.handlers['person:get']({ id })).arrestLocation;
    expect(value).toBe((await a!.service.handlers['person:get']({ id })).arrestLocation);
  });
});

describe('a silent office', () => {
  it('is listed with when its last bundle arrived and how many days it has been silent', async () => {
    const clock = manualClock();
    const a = await makeOffice('Office A', clock);
    const [b, c] = await offices(2);
    opened.push(a);
    introduceAll([a, b!, c!]);
    const listed = async () =>
      Object.fromEntries((await a.service.handlers['contact:list'](undefined)).map((x) => [x.officeName, x]));
    // Nothing came yet: silent since the contact was added.
    expect((await listed())['Office 0']).toMatchObject({ lastBundleAt: null, silentDays: 0 });
    await b!.service.handlers['person:create']({ givenName: 'Ana', familyName: 'Ruiz' });
    clock.advance(3 * 86_400_000);
    await a.service.handlers['bundle:import']({ bytes: (await exportTo(b!, [a])).bytes });
    const importedAt = clock.now().toISOString();
    clock.advance(20 * 86_400_000 + 3_600_000);
    const now = await listed();
    expect(now['Office 0']).toMatchObject({ lastBundleAt: importedAt, silentDays: 20 });
    expect(now['Office 1']).toMatchObject({ lastBundleAt: null, silentDays: 23 });
    await a.service.handlers['contact:revoke']({ fingerprint: c!.fingerprint, reason: 'laptop lost' });
    expect((await listed())['Office 1']).toMatchObject({ silentDays: null });
  });
});

describe('stored contexts', () => {
  it('are pruned to the stable floor at every office, also in rows no later bundle touches', async () => {
    const all = await offices(3);
    introduceAll(all);
    const [a, b] = all as [Office, Office, Office];
    const { id } = await a.service.handlers['person:create']({ givenName: 'Rosa', familyName: 'Paz' });
    const round = () => allToAll(all);
    await round();
    await a.service.handlers['person:update']({ id, patch: { arrestLocation: 'Fresno' } });
    await round();
    // B's edit has seen A's, and only B sends. At A and B its context names A's stamp: C has not said yet
    // that it holds it. C knows at once that it is stable: A wrote it, B's bundle says B holds it, C does,
    // and every office's edits from before it had it are held everywhere.
    await b.service.handlers['person:update']({ id, patch: { arrestLocation: 'Modesto' } });
    const fromB = (await exportTo(b, [a, all[2]!])).bytes;
    for (const o of [a, all[2]!]) await o.service.handlers['bundle:import']({ bytes: fromB });
    const ctx = (o: Office) => storedContext(o, id);
    const named = { arrestLocation: [expect.stringContaining(a.officeId)] };
    expect(all.map((o) => JSON.parse(ctx(o)) as unknown)).toEqual([named, named, {}]);
    // Rounds with nothing new: the row is in no bundle, yet once A's stamp is stable its entry goes.
    for (let i = 0; i < 4; i++) await round();
    expect(all.map(ctx)).toEqual(['{}', '{}', '{}']);
    expect(
      new Set(
        await Promise.all(
          all.map(async (o) => (await o.service.handlers['person:get']({ id })).arrestLocation),
        ),
      ),
    ).toEqual(new Set(['Modesto']));
  });
});

describe('stored contexts after rounds in which every office writes', () => {
  // Every round, every office edits one person (each edit concurrent with the others'; a new person each
  // round), sends "since last" to all the others, then imports theirs. Once the last round's bundles are
  // in, every write of the rounds before is stable: every office says it holds them, and made its last-round
  // edits after it had them. So only the last round's person keeps a context (the round's losing writes,
  // until the next exchange shows every office holds them). With two offices, what all hold includes the
  // partner's newest writes, which this office only just got: what it held as of its own last bundle is
  // stable.
  it.each([2, 3])('hold only the last round’s writes, with %i offices', async (n) => {
    // One clock for all, a second on at every reading: stamps follow the order things happen in, as on
    // real machines (with a clock standing still, they would follow each office's count of stamps).
    let at = Date.parse('2026-12-03T10:00:00Z');
    const clock = { now: () => new Date((at += 1_000)) };
    const all: Office[] = [];
    for (let i = 0; i < n; i++) all.push(await makeOffice(`Office ${i}`, clock));
    opened.push(...all);
    introduceAll(all);
    const [first] = all as [Office];
    const ids: string[] = [];
    for (const name of ['Ana', 'Luz', 'Eva'])
      ids.push((await first.service.handlers['person:create']({ givenName: name, familyName: 'Paz' })).id);
    await allToAll(all);
    for (const [round, id] of ids.entries()) {
      for (const [i, o] of all.entries())
        await o.service.handlers['person:update']({ id, patch: { arrestLocation: `R${round} O${i}` } });
      await allToAll(all);
    }
    const last = ids[2] as string;
    for (const o of all) {
      expect(ids.map((id) => storedContext(o, id))).toEqual(['{}', '{}', expect.any(String)]);
      // The round's n writes: one wins, the other n - 1 are named in its context.
      const ctx = JSON.parse(storedContext(o, last)) as { arrestLocation: string[] };
      expect(ctx.arrestLocation).toHaveLength(n - 1);
    }
  });
});

describe('stored contexts through a hub', () => {
  it('are pruned at the spokes too, which take the floor over from the hub', async () => {
    const [hub, x, y] = (await offices(3)) as [Office, Office, Office];
    for (const spoke of [x, y]) {
      introduce(hub, spoke);
      introduce(spoke, hub);
    }
    const { id } = await hub.service.handlers['person:create']({ givenName: 'Inés', familyName: 'Soto' });
    const round = async () => {
      for (const spoke of [x, y])
        await hub.service.handlers['bundle:import']({ bytes: (await exportTo(spoke, [hub])).bytes });
      for (const spoke of [x, y])
        await spoke.service.handlers['bundle:import']({ bytes: (await exportTo(hub, [spoke])).bytes });
    };
    await round();
    await x.service.handlers['person:update']({ id, patch: { arrestLocation: 'Salinas' } });
    await round();
    await y.service.handlers['person:update']({ id, patch: { arrestLocation: 'Gilroy' } });
    const ctx = (o: Office) => storedContext(o, id);
    // Y's edit has seen X's: its context names X's stamp until that is stable.
    expect(ctx(y)).toContain(x.officeId);
    for (let i = 0; i < 5; i++) await round();
    expect([ctx(hub), ctx(x), ctx(y)]).toEqual(['{}', '{}', '{}']);
  });
});

describe('stability waits for writes made before a stamp was seen', () => {
  // C writes a field, then A writes it without having seen C's write; each sends its write to the other two,
  // but C's bundle reaches B late. Meanwhile every office says it holds A's write, so A's stamp may look
  // stable. But C's write was made before C saw it, and B has not got it: until B has, A's stamp must stay
  // in contexts at B. Dropped, C's write would look at B as if it had seen A's and win there without a
  // conflict, while the other two keep A's value with one. Either B hears nothing from C meanwhile (B's own
  // reckoning must wait), or C's later bundles arrive, carrying C's floor (C's reckoning must wait). They
  // don't carry C's write again: A's won, and C holds A's now.
  it.each([
    ['every bundle from C is held back', true],
    ['only that bundle of C is late', false],
  ])('keeps a late concurrent write a conflict at every office: %s', async (_, holdAll) => {
    const clocks = [manualClock(), manualClock(), manualClock()];
    const all: Office[] = [];
    for (const [i, clock] of clocks.entries()) all.push(await makeOffice(`Office ${i}`, clock));
    opened.push(...all);
    introduceAll(all);
    const [a, b, c] = all as [Office, Office, Office];
    const { id } = await a.service.handlers['person:create']({ givenName: 'Lidia', familyName: 'Paz' });
    const round = (heldBack = false) => allToAll(all, heldBack ? { from: c, to: b } : undefined);
    await round();
    await round();
    for (const clock of clocks) clock.advance(60_000);
    clocks[2]!.advance(1_000);
    await c.service.handlers['person:update']({ id, patch: { arrestLocation: 'Merced' } });
    clocks[0]!.advance(2_000);
    await a.service.handlers['person:update']({ id, patch: { arrestLocation: 'Fresno' } });
    const fromA = await exportTo(a, [b, c]);
    const late = await exportTo(c, [a, b]);
    await a.service.handlers['bundle:import']({ bytes: late.bytes });
    for (const o of [b, c]) await o.service.handlers['bundle:import']({ bytes: fromA.bytes });
    for (let i = 0; i < 3; i++) await round(holdAll);
    await b.service.handlers['bundle:import']({ bytes: late.bytes });
    await round();
    const values = await Promise.all(
      all.map(async (o) => (await o.service.handlers['person:get']({ id })).arrestLocation),
    );
    expect(values).toEqual(['Fresno', 'Fresno', 'Fresno']);
    const conflicts = await Promise.all(all.map((o) => o.service.handlers['conflict:list'](undefined)));
    expect(conflicts[0]).toHaveLength(1);
    expect(conflicts.map((list) => list.map((x) => x.id))).toEqual(all.map(() => [conflicts[0]![0]!.id]));
  });
});
