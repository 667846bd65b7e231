import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeChanges } from '../../electron/core/sync/bundle';
import { extractChanges } from '../../electron/core/sync/changes';
import { getKnowledge, loadIdentity } from '../../electron/core/sync/store';
import { sealEditedManifest } from '../fixtures/sync/seal';
import { introduceAll, makeOffice, recordDump, settledDumps, type Office } from '../helpers/sync-offices';
import { manualClock, removeTempDirs } from '../helpers/vault';

// Merge rules between two offices: per-field last writer wins, conflicts kept and resolved as new edits,
// deletes that lose to unseen edits, purge markers that stay home.

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
    // The same records, stamps and contexts (entries one office's floor already pruned aside).
    const [afterA, afterB] = settledDumps([a, b]);
    expect(afterA).toEqual(afterB);
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
    const [resolvedA, resolvedB] = settledDumps([a, b]);
    expect(resolvedA).toEqual(resolvedB);
  });

  it('keeps a record an office edited while another deleted it, as a conflict at both', async () => {
    const id = await shared('Julia');
    clockA.advance(1000);
    clockB.advance(5000);
    await a.service.handlers['person:delete']({ id });
    await b.service.handlers['person:update']({ id, patch: { phone: '+1 510 555 0101' } });
    const atB = await send(a, b);
    // B's edit was not seen by A's delete: the record stays at B, and the delete shows as a conflict.
    expect(atB).toMatchObject({ deleted: 0, conflicts: 0, deleteConflicts: 1 });
    expect((await b.service.handlers['person:get']({ id })).phone).toBe('+1 510 555 0101');
    // A gets the edit: the record comes back at A too, whole.
    await send(b, a);
    expect((await a.service.handlers['person:get']({ id })).givenName).toBe('Julia');
    // The same records, stamps and contexts (entries one office's floor already pruned aside).
    const [atA, atB2] = settledDumps([a, b]);
    expect(atA).toEqual(atB2);
    const found = await b.service.handlers['person:list']({ search: 'Julia' });
    expect(found.total).toBe(1);
  });

  it('applies a delete that has seen every edit, into Recently deleted, and lists it in the preview', async () => {
    const id = await shared('Marta');
    clockB.advance(1000);
    await b.service.handlers['person:update']({ id, patch: { phone: '+1 510 555 0199' } });
    await send(b, a);
    clockA.advance(5000);
    await a.service.handlers['person:delete']({ id });
    const out = await a.service.handlers['bundle:export']({
      to: [b.fingerprint],
      scope: { scope: 'since-last' },
      redaction: 'Full',
    });
    const preview = await b.service.handlers['bundle:preview']({ bytes: out.bytes });
    expect(preview).toMatchObject({ deleted: 1, conflicts: 0, deleteConflicts: 0 });
    expect(preview.deletes).toEqual([expect.objectContaining({ kind: 'person', id, label: 'Marta Rojas' })]);
    await b.service.handlers['bundle:import']({ bytes: out.bytes });
    await expect(
      Promise.resolve().then(() => b.service.handlers['person:get']({ id })),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const recent = await b.service.handlers['deleted:list'](undefined);
    expect(recent.items.map((item) => item.id)).toContain(id);
  });

  it("keeps a purged record from coming back, and does not wipe a partner's copy", async () => {
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
    // A purge is each office's own decision: B keeps its copy.
    await send(a, b, 'all');
    const dbB = b.service.context.session().db;
    expect(dbB.prepare('SELECT 1 FROM people WHERE id = ?').get(id)).toBeDefined();
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

// Concurrent edits that the manifest's knowledge vector alone took for sequential (out-of-order delivery,
// redacted and per-person bundles), and a sequential edit it took for concurrent (a stale bundle arriving
// late). Each field's causal context decides instead (electron/core/records/causal.ts).
describe('merge with per-field causal context', () => {
  let x: Office;
  let y: Office;
  let z: Office;
  const clockX = manualClock();
  const clockY = manualClock();
  const clockZ = manualClock();
  type Scope = { scope: 'all' } | { scope: 'since-last' } | { scope: 'people'; personIds: string[] };

  const exportTo = async (from: Office, to: Office[], scope: Scope = { scope: 'all' }, redaction = 'Full') =>
    (
      await from.service.handlers['bundle:export']({
        to: to.map((o) => o.fingerprint),
        scope,
        redaction,
      })
    ).bytes;
  const importAt = (office: Office, bytes: string) => office.service.handlers['bundle:import']({ bytes });
  const update = (office: Office, id: string, patch: Record<string, unknown>) =>
    office.service.handlers['person:update']({ id, patch });
  const conflictsOn = async (office: Office, id: string) =>
    (await office.service.handlers['conflict:list'](undefined)).filter((c) => c.recordId === id);

  beforeAll(async () => {
    x = await makeOffice('Office X', clockX);
    y = await makeOffice('Office Y', clockY);
    z = await makeOffice('Office Z', clockZ);
    introduceAll([x, y, z]);
  });

  afterAll(() => {
    for (const o of [x, y, z]) o.service.close();
  });

  async function sharedPerson(extra: Record<string, unknown> = {}): Promise<string> {
    const person = await x.service.handlers['person:create']({
      givenName: 'Rosa',
      familyName: 'Paz',
      ...extra,
    });
    const all = await exportTo(x, [y, z]);
    await importAt(y, all);
    await importAt(z, all);
    return person.id;
  }

  it('detects a concurrent edit hidden by out-of-order delivery', async () => {
    const id = await sharedPerson();
    const other = await sharedPerson();
    clockX.advance(1000);
    await update(x, id, { arrestLocation: 'X first' });
    const early = await exportTo(x, [z], { scope: 'since-last' });
    clockX.advance(1000);
    await update(x, other, { arrestLocation: 'X later' });
    const late = await exportTo(x, [z], { scope: 'since-last' });
    // The later bundle arrives first: Z's knowledge of X now covers X's first edit, which Z has not seen.
    await importAt(z, late);
    clockZ.advance(5000);
    await update(z, id, { arrestLocation: 'Z edit' });
    const fromZ = await importAt(x, await exportTo(z, [x], { scope: 'since-last' }));
    expect(fromZ.conflicts).toBe(1);
    expect(await conflictsOn(x, id)).toMatchObject([
      { field: 'arrestLocation', localValue: 'X first', incomingValue: 'Z edit', current: 'incoming' },
    ]);
    // The early bundle reaches Z at last: Z meets X's edit too and keeps it.
    expect((await importAt(z, early)).conflicts).toBe(1);
    expect(await conflictsOn(z, id)).toMatchObject([{ localValue: 'Z edit', incomingValue: 'X first' }]);
    expect((await z.service.handlers['person:get']({ id })).arrestLocation).toBe('Z edit');
  });

  it('detects a concurrent edit of a field the sender had redacted', async () => {
    const id = await sharedPerson({ aNumber: '201234567' });
    clockX.advance(1000);
    await update(x, id, { aNumber: '209999999', phone: '+1 510 555 0199' });
    // Dispatch leaves the A-number out: Y learns X's stamp (through the phone) but not X's A-number.
    await importAt(y, await exportTo(x, [y], { scope: 'since-last' }, 'Dispatch'));
    clockY.advance(5000);
    await update(y, id, { aNumber: '208888888' });
    const summary = await importAt(x, await exportTo(y, [x], { scope: 'since-last' }));
    expect(summary.conflicts).toBe(1);
    expect(await conflictsOn(x, id)).toMatchObject([
      { field: 'aNumber', localValue: '209999999', incomingValue: '208888888', current: 'incoming' },
    ]);
  });

  it('detects a concurrent edit hidden by a bundle limited to other people', async () => {
    const id = await sharedPerson();
    const other = await sharedPerson();
    clockX.advance(1000);
    await update(x, id, { arrestLocation: 'X on Rosa' });
    clockX.advance(1000);
    await update(x, other, { arrestLocation: 'X on the other' });
    await importAt(y, await exportTo(x, [y], { scope: 'people', personIds: [other] }));
    clockY.advance(5000);
    await update(y, id, { arrestLocation: 'Y on Rosa' });
    expect((await importAt(x, await exportTo(y, [x], { scope: 'since-last' }))).conflicts).toBe(1);
    expect(await conflictsOn(x, id)).toMatchObject([{ localValue: 'X on Rosa', incomingValue: 'Y on Rosa' }]);
  });

  it('records no conflict when a stale bundle brings a value that was since edited', async () => {
    const id = await sharedPerson();
    clockX.advance(1000);
    await update(x, id, { arrestLocation: 'X value' });
    const first = await exportTo(x, [y], { scope: 'since-last' });
    const stale = await exportTo(x, [y], { scope: 'all' });
    await importAt(y, first);
    clockY.advance(1000);
    await update(y, id, { arrestLocation: 'Y after seeing X' });
    // A second bundle with X's value, made before X saw Y's edit, arrives late: Y's edit follows it.
    expect((await importAt(y, stale)).conflicts).toBe(0);
    expect(await conflictsOn(y, id)).toEqual([]);
    expect((await importAt(x, await exportTo(y, [x], { scope: 'since-last' }))).conflicts).toBe(0);
    expect((await x.service.handlers['person:get']({ id })).arrestLocation).toBe('Y after seeing X');
  });

  it('imports a format-1 bundle (no contexts), judging its lines by the manifest knowledge', async () => {
    const id = await sharedPerson();
    clockY.advance(1000);
    await update(y, id, { arrestLocation: 'Y first' });
    await importAt(x, await exportTo(y, [x], { scope: 'since-last' }));
    clockX.advance(1000);
    await update(x, id, { arrestLocation: 'X after Y' });
    const newcomer = await x.service.handlers['person:create']({ givenName: 'Old', familyName: 'Format' });
    // What an older Amparo at X would send: format 1, no `ctx`, and X's knowledge (which covers Y's edit).
    const dbX = x.service.context.session().db;
    const changes = extractChanges(dbX, { scope: 'all' }).map((line) => ({
      ...line,
      fields: Object.fromEntries(
        Object.entries(line.fields).map(([f, { value, clock }]) => [f, { value, clock }]),
      ),
    }));
    const legacy = await sealEditedManifest(
      {
        identity: loadIdentity(dbX),
        sender: { officeId: x.officeId, name: x.name, fingerprint: x.fingerprint },
        recipients: [
          {
            fingerprint: y.fingerprint,
            ageRecipient: loadIdentity(y.service.context.session().db).age.recipient,
          },
        ],
        changes,
        sequence: 99,
        knowledge: getKnowledge(dbX),
        schemaVersion: 3,
        now: clockX.now(),
      },
      encodeChanges(changes),
      changes.length,
      (m) => ({ ...m, formatVersion: 1 }),
    );
    const summary = await importAt(y, Buffer.from(legacy).toString('base64'));
    expect(summary).toMatchObject({ conflicts: 0 });
    expect(summary.new).toBeGreaterThanOrEqual(1);
    expect((await y.service.handlers['person:get']({ id })).arrestLocation).toBe('X after Y');
    expect((await y.service.handlers['person:get']({ id: newcomer.id })).familyName).toBe('Format');
  });

  it('a resolution follows both sides everywhere: no new conflict when an old side arrives', async () => {
    const id = await sharedPerson();
    clockX.advance(1000);
    clockY.advance(3000);
    await update(x, id, { arrestLocation: 'X side' });
    await update(y, id, { arrestLocation: 'Y side' });
    const fromX = await exportTo(x, [y, z], { scope: 'since-last' });
    expect((await importAt(y, fromX)).conflicts).toBe(1);
    const [conflict] = await conflictsOn(y, id);
    await y.service.handlers['conflict:resolve']({ id: conflict!.id, keep: 'incoming' });
    // Z gets the resolution first and X's side afterwards: the resolution has seen X's side.
    expect((await importAt(z, await exportTo(y, [z], { scope: 'since-last' }))).conflicts).toBe(0);
    expect((await importAt(z, fromX)).conflicts).toBe(0);
    expect((await importAt(x, await exportTo(y, [x], { scope: 'since-last' }))).conflicts).toBe(0);
    for (const o of [x, y, z])
      expect((await o.service.handlers['person:get']({ id })).arrestLocation).toBe('X side');
  });
});
