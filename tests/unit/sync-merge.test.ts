import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { introduceAll, makeOffice, recordDump, type Office } from '../helpers/sync-offices';
import { manualClock, removeTempDirs } from '../helpers/vault';

// Merge rules between two offices: per-field last writer wins, conflicts kept and resolved as new edits,
// sticky tombstones, purge markers.

let a: Office;
let b: Office;
const clockA = manualClock();
const clockB = manualClock();

async function send(from: Office, to: Office, scope: 'all' | 'since-last' = 'since-last') {
  const out = await from.service.handlers['bundle:export']({
    to: [to.fingerprint],
    scope: { scope },
    redaction: 'Full',
  });
  return to.service.handlers['bundle:import']({ bytes: out.bytes });
}

async function shared(givenName: string): Promise<string> {
  const person = await a.service.handlers['person:create']({ givenName, familyName: 'Rojas' });
  await send(a, b);
  return person.id;
}

beforeAll(async () => {
  a = await makeOffice('Office A', clockA);
  b = await makeOffice('Office B', clockB);
  introduceAll([a, b]);
});

afterAll(() => {
  a.service.close();
  b.service.close();
  removeTempDirs();
});

describe('merge', () => {
  it('applies a sequential edit without a conflict', async () => {
    const id = await shared('Sara');
    clockB.advance(1000);
    await b.service.handlers['person:update']({ id, patch: { arrestLocation: 'Fruitvale' } });
    const summary = await send(b, a);
    expect(summary).toMatchObject({ updated: 1, conflicts: 0 });
    expect((await a.service.handlers['person:get']({ id })).arrestLocation).toBe('Fruitvale');
  });

  it('keeps the losing side of a concurrent edit, on both sides, and resolves it as a new edit', async () => {
    const id = await shared('Marta');
    clockA.advance(1000);
    clockB.advance(2000); // B's edit is later: B wins everywhere.
    await a.service.handlers['person:update']({ id, patch: { arrestLocation: 'San José' } });
    await b.service.handlers['person:update']({ id, patch: { arrestLocation: 'Oakland' } });
    expect((await send(b, a)).conflicts).toBe(1);
    // A already holds B's winning value, so nothing competes at B.
    expect((await send(a, b)).conflicts).toBe(0);
    expect(recordDump(a)).toEqual(recordDump(b));
    const [conflict] = (await a.service.handlers['conflict:list'](undefined)).filter(
      (c) => c.recordId === id,
    );
    expect(conflict).toMatchObject({
      field: 'arrestLocation',
      localValue: 'San José',
      incomingValue: 'Oakland',
      current: 'incoming',
    });
    expect((await a.service.handlers['person:get']({ id })).arrestLocation).toBe('Oakland');
    // The coordinator at A keeps A's value: a new edit that then wins at B too.
    await a.service.handlers['conflict:resolve']({ id: conflict!.id, keep: 'local' });
    expect((await a.service.handlers['conflict:list'](undefined)).some((c) => c.id === conflict!.id)).toBe(
      false,
    );
    expect((await send(a, b)).conflicts).toBe(0);
    expect((await b.service.handlers['person:get']({ id })).arrestLocation).toBe('San José');
    expect(recordDump(a)).toEqual(recordDump(b));
  });

  it('lets a delete win over a concurrent edit (tombstones are sticky)', async () => {
    const id = await shared('Julia');
    clockA.advance(1000);
    clockB.advance(5000);
    await a.service.handlers['person:delete']({ id });
    await b.service.handlers['person:update']({ id, patch: { phone: '+1 510 555 0101' } });
    await send(a, b);
    await send(b, a);
    await expect(
      Promise.resolve().then(() => b.service.handlers['person:get']({ id })),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      Promise.resolve().then(() => a.service.handlers['person:get']({ id })),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(recordDump(a)).toEqual(recordDump(b));
    const found = await b.service.handlers['person:list']({ search: 'Julia' });
    expect(found.total).toBe(0);
  });

  it('keeps a purged record from coming back through an old bundle', async () => {
    const id = await shared('Elena');
    const old = await b.service.handlers['bundle:export']({
      to: [a.fingerprint],
      scope: { scope: 'all' },
      redaction: 'Full',
    });
    // Purge at A as retention does: the row goes, a marker stays.
    const db = a.service.context.session().db;
    db.prepare('DELETE FROM people WHERE id = ?').run(id);
    db.prepare("INSERT INTO purged (kind, id, clock) VALUES ('person', ?, ?)").run(
      id,
      '0'.repeat(12) + ':0000:' + a.officeId,
    );
    await a.service.handlers['bundle:import']({ bytes: old.bytes });
    expect(db.prepare('SELECT 1 FROM people WHERE id = ?').get(id)).toBeUndefined();
    // The marker travels: B drops the row and its personal data.
    await send(a, b, 'all');
    const dbB = b.service.context.session().db;
    expect(dbB.prepare('SELECT 1 FROM people WHERE id = ?').get(id)).toBeUndefined();
    expect(dbB.prepare('SELECT 1 FROM purged WHERE id = ?').get(id)).toBeDefined();
    expect(recordDump(a)).toEqual(recordDump(b));
  });

  it('refuses a new record that fails validation, writing nothing', async () => {
    const db = a.service.context.session().db;
    const person = await a.service.handlers['person:create']({ givenName: 'Invalid', familyName: 'Later' });
    // Corrupt the stored record as a buggy or hostile sender would send it.
    db.prepare("UPDATE people SET data = json_set(data, '$.givenName', '') WHERE id = ?").run(person.id);
    const out = await a.service.handlers['bundle:export']({
      to: [b.fingerprint],
      scope: { scope: 'all' },
      redaction: 'Full',
    });
    const before = recordDump(b);
    await expect(b.service.handlers['bundle:import']({ bytes: out.bytes })).rejects.toMatchObject({
      code: 'BUNDLE_CORRUPT',
    });
    expect(recordDump(b)).toEqual(before);
    expect(
      (await b.service.handlers['bundle:history'](undefined)).some((h) => h.bundleId === out.bundleId),
    ).toBe(false);
  });
});
