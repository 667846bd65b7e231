import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Decrypter, Encrypter } from 'age-encryption';
import { AmparoError } from '../../shared/errors';
import { loadIdentity } from '../../electron/core/sync/store';
import { dbDigest, introduce, makeOffice, recordDump, type Office } from '../helpers/sync-offices';
import { manualClock, removeTempDirs } from '../helpers/vault';
import { decodeClocks } from '../../electron/core/records/clocks';

// Import: round trip, replays, and every refusal leaving the database unchanged.

let a: Office; // sender
let b: Office; // recipient
let c: Office; // third office: not a recipient
let stranger: Office; // knows b, but b does not know it
const clockA = manualClock();
const clockB = manualClock();

const exportTo = async (from: Office, to: Office[], scope: 'all' | 'since-last' = 'all') => {
  const out = await from.service.handlers['bundle:export']({
    to: to.map((o) => o.fingerprint),
    scope: { scope },
    redaction: 'Full',
  });
  return out;
};

const importInto = async (office: Office, bytes: string) =>
  office.service.handlers['bundle:import']({ bytes });

async function refusal(office: Office, bytes: string): Promise<string> {
  const before = dbDigest(office);
  const err = await importInto(office, bytes).then(
    () => null,
    (e: unknown) => e,
  );
  expect(dbDigest(office)).toBe(before);
  expect(err).toBeInstanceOf(AmparoError);
  return (err as AmparoError).code;
}

beforeAll(async () => {
  a = await makeOffice('San José intake', clockA);
  b = await makeOffice('Oakland coordination', clockB);
  c = await makeOffice('Partner legal aid');
  stranger = await makeOffice('Unknown office');
  introduce(a, b);
  introduce(b, a);
  introduce(a, c);
  introduce(c, a);
  introduce(c, b);
  introduce(stranger, b);
  const person = await a.service.handlers['person:create']({
    givenName: 'Ana',
    familyName: 'Pérez',
    aNumber: '123456789',
    phone: '+1 408 555 0100',
  });
  await a.service.handlers['event:create']({
    personId: person.id,
    kind: 'BOND_HEARING',
    at: '2026-11-20T10:00:00.000Z',
    location: 'Courtroom 3',
  });
});

afterAll(() => {
  for (const o of [a, b, c, stranger]) o?.service.close();
  removeTempDirs();
});

describe('bundle round trip', () => {
  it('exports from A and imports into B with equal records, previewing first', async () => {
    const out = await exportTo(a, [b]);
    expect(out.fileName).toMatch(/^amparo-\d{8}-[a-z2-9]{6}\.amparo$/);
    const before = dbDigest(b);
    const preview = await b.service.handlers['bundle:preview']({ bytes: out.bytes });
    expect(dbDigest(b)).toBe(before);
    // The person and the event; the seeded facilities have the same ids and values in every office.
    expect(preview).toMatchObject({ new: 2, updated: 0, conflicts: 0 });
    const summary = await importInto(b, out.bytes);
    expect(summary).toMatchObject({
      bundleId: out.bundleId,
      new: preview.new,
      updated: 0,
      conflicts: 0,
      alreadyImported: false,
    });
    expect(summary.sender.fingerprint).toBe(a.fingerprint);
    const dumpA = recordDump(a, ['people', 'events']);
    expect(recordDump(b, ['people', 'events'])).toEqual(dumpA);
    const found = await b.service.handlers['person:list']({ search: 'Perez' });
    expect(found.rows.map((p) => p.givenName)).toEqual(['Ana']);
    const history = await b.service.handlers['bundle:history'](undefined);
    expect(history[0]).toMatchObject({ bundleId: out.bundleId, source: 'manual', new: preview.new });
  });

  it('treats a replayed bundle as a no-op and says so', async () => {
    const out = await exportTo(a, [b]);
    await importInto(b, out.bytes);
    const before = dbDigest(b);
    const again = await importInto(b, out.bytes);
    expect(again.alreadyImported).toBe(true);
    expect(dbDigest(b)).toBe(before);
  });

  it('sends only what changed since the last bundle to that office', async () => {
    await exportTo(a, [b], 'since-last');
    const quiet = await exportTo(a, [b], 'since-last');
    expect(quiet.changeCount).toBe(0);
    const person = (await a.service.handlers['person:list']({})).rows[0]!;
    await a.service.handlers['person:update']({ id: person.id, patch: { phone: '+1 408 555 0199' } });
    const next = await exportTo(a, [b], 'since-last');
    expect(next.changeCount).toBe(1);
    const summary = await importInto(b, next.bytes);
    expect(summary).toMatchObject({ new: 0, updated: 1, conflicts: 0 });
    expect((await b.service.handlers['person:get']({ id: person.id })).phone).toBe('+1 408 555 0199');
  });

  it('leaves redacted fields out of the bundle entirely', async () => {
    const out = await a.service.handlers['bundle:export']({
      to: [c.fingerprint],
      scope: { scope: 'all' },
      redaction: 'Dispatch',
    });
    await importInto(c, out.bytes);
    const person = (await c.service.handlers['person:list']({ search: 'Ana' })).rows[0]!;
    expect(person.aNumber).toBeUndefined();
    expect(person.phone).toBeUndefined();
    expect(person.familyName).toBe('Pérez');
    const clocks = c.service.context
      .session()
      .db.prepare('SELECT field_clocks FROM people WHERE id = ?')
      .get(person.id) as { field_clocks: string };
    const fields = Object.keys(decodeClocks(clocks.field_clocks));
    expect(fields).toContain('familyName');
    expect(fields).not.toContain('aNumber');
    expect(fields).not.toContain('phone');
  });
});

describe('export checks its recipients', () => {
  it('refuses unknown, unverified (unless confirmed) and revoked recipients', async () => {
    const fresh = await makeOffice('Fresh office');
    const err = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: AmparoError) => e.code,
      );
    expect(await err(exportTo(a, [fresh]))).toBe('NOT_FOUND');
    introduce(a, fresh, 'unverified');
    expect(await err(exportTo(a, [fresh]))).toBe('FORBIDDEN');
    const ok = await a.service.handlers['bundle:export']({
      to: [fresh.fingerprint],
      scope: { scope: 'all' },
      redaction: 'Full',
      confirmUnverified: true,
    });
    expect(ok.changeCount).toBeGreaterThan(0);
    const revoked = await makeOffice('Revoked office');
    introduce(a, revoked, 'revoked');
    expect(await err(exportTo(a, [revoked]))).toBe('FORBIDDEN');
    fresh.service.close();
    revoked.service.close();
  });
});

describe('import refusals leave the database unchanged', () => {
  it('refuses a bundle for another office', async () => {
    const out = await exportTo(a, [c]);
    expect(await refusal(b, out.bytes)).toBe('BUNDLE_NOT_FOR_US');
  });

  it('refuses an unknown sender and a revoked sender', async () => {
    const fromStranger = await exportTo(stranger, [b]);
    expect(await refusal(b, fromStranger.bytes)).toBe('BUNDLE_UNKNOWN_SENDER');
    // c revokes a, then a's bundle to c is refused.
    const fromA = await exportTo(a, [c]);
    const db = c.service.context.session().db;
    const before = db.prepare('SELECT state FROM contacts WHERE fingerprint = ?').get(a.fingerprint);
    db.prepare("UPDATE contacts SET state = 'revoked' WHERE fingerprint = ?").run(a.fingerprint);
    try {
      expect(await refusal(c, fromA.bytes)).toBe('BUNDLE_REVOKED_SENDER');
    } finally {
      db.prepare('UPDATE contacts SET state = ? WHERE fingerprint = ?').run(
        (before as { state: string }).state,
        a.fingerprint,
      );
    }
  });

  it('refuses a byte flipped anywhere (header, stanza, payload, end) and a truncated file', async () => {
    const out = await exportTo(a, [b]);
    const bytes = Buffer.from(out.bytes, 'base64');
    const offsets = [
      0,
      5,
      30,
      60,
      100,
      200,
      Math.floor(bytes.length / 2),
      bytes.length - 20,
      bytes.length - 1,
    ];
    for (const offset of offsets) {
      const damaged = Buffer.from(bytes);
      damaged[offset] = damaged[offset]! ^ 0x01;
      expect(['BUNDLE_TAMPERED', 'BUNDLE_CORRUPT', 'BUNDLE_NOT_FOR_US']).toContain(
        await refusal(b, damaged.toString('base64')),
      );
    }
    for (const length of [0, 40, bytes.length - 1, Math.floor(bytes.length / 2)]) {
      expect(['BUNDLE_TAMPERED', 'BUNDLE_CORRUPT']).toContain(
        await refusal(b, bytes.subarray(0, length).toString('base64')),
      );
    }
  });

  it('refuses a re-addressed bundle: B decrypts it and re-encrypts it to C', async () => {
    const out = await exportTo(a, [b]);
    const decrypter = new Decrypter();
    decrypter.addIdentity(loadIdentity(b.service.context.session().db).age.identity);
    const plain = await decrypter.decrypt(Buffer.from(out.bytes, 'base64'));
    const encrypter = new Encrypter();
    encrypter.addRecipient(loadIdentity(c.service.context.session().db).age.recipient);
    const forwarded = await encrypter.encrypt(plain);
    expect(await refusal(c, Buffer.from(forwarded).toString('base64'))).toBe('BUNDLE_NOT_FOR_US');
  });

  it('refuses changes stamped more than 24 hours ahead, naming the sender clock', async () => {
    clockA.advance(3 * 24 * 3600_000);
    const person = (await a.service.handlers['person:list']({})).rows[0]!;
    await a.service.handlers['person:update']({ id: person.id, patch: { phone: '+1 408 555 0142' } });
    const out = await exportTo(a, [b]);
    const before = dbDigest(b);
    const err = (await importInto(b, out.bytes).catch((e: unknown) => e)) as AmparoError;
    expect(err.code).toBe('BUNDLE_FUTURE_CLOCK');
    expect(err.message).toContain(clockA.now().toISOString().slice(0, 13));
    expect(dbDigest(b)).toBe(before);
    clockB.advance(3 * 24 * 3600_000);
    expect((await importInto(b, out.bytes)).alreadyImported).toBe(false);
  });
});

describe('a bundle from an unverified sender needs the same confirmation as sending to one', () => {
  it('previews with the state, refuses updates and purge markers without confirmation, applies with it', async () => {
    const sender = await makeOffice('Unverified sender');
    const receiver = await makeOffice('Careful receiver');
    introduce(sender, receiver);
    introduce(receiver, sender, 'unverified');
    try {
      const person = await sender.service.handlers['person:create']({
        givenName: 'Rosa',
        familyName: 'Luna',
      });
      const first = await exportTo(sender, [receiver]);

      // The preview only reads: it works without confirmation and says who is unverified.
      const preview = await receiver.service.handlers['bundle:preview']({ bytes: first.bytes });
      expect(preview.sender).toEqual({
        officeName: 'Unverified sender',
        fingerprint: sender.fingerprint,
        state: 'unverified',
      });
      expect(preview.new).toBeGreaterThan(0);
      expect(await refusal(receiver, first.bytes)).toBe('SENDER_UNVERIFIED');
      const err = await importInto(receiver, first.bytes).catch((e: unknown) => e as AmparoError);
      expect((err as AmparoError).issues).toEqual([{ path: 'sender', message: sender.fingerprint }]);

      const confirmed = await receiver.service.handlers['bundle:import']({
        bytes: first.bytes,
        confirmUnverified: true,
      });
      expect(confirmed).toMatchObject({ alreadyImported: false, sender: { state: 'unverified' } });
      // A replay changes nothing, so it needs no confirmation.
      expect((await importInto(receiver, first.bytes)).alreadyImported).toBe(true);

      // An update, and a purge marker: both refused alike without the confirmation.
      await sender.service.handlers['person:update']({ id: person.id, patch: { phone: '+1 510 555 0101' } });
      const update = await exportTo(sender, [receiver], 'since-last');
      expect(await refusal(receiver, update.bytes)).toBe('SENDER_UNVERIFIED');
      const db = sender.service.context.session().db;
      db.prepare('DELETE FROM people WHERE id = ?').run(person.id);
      db.prepare("INSERT INTO purged (kind, id, clock) VALUES ('person', ?, ?)").run(
        person.id,
        '0'.repeat(12) + ':0000:' + sender.officeId,
      );
      const purge = await exportTo(sender, [receiver], 'all');
      expect(await refusal(receiver, purge.bytes)).toBe('SENDER_UNVERIFIED');
      const rdb = receiver.service.context.session().db;
      expect(rdb.prepare('SELECT 1 FROM people WHERE id = ?').get(person.id)).toBeDefined();

      // Once verified, the same bundles apply without a confirmation.
      await receiver.service.handlers['contact:verify']({ fingerprint: sender.fingerprint });
      expect((await importInto(receiver, update.bytes)).sender.state).toBe('verified');
      expect((await receiver.service.handlers['person:get']({ id: person.id })).phone).toBe(
        '+1 510 555 0101',
      );
    } finally {
      sender.service.close();
      receiver.service.close();
    }
  });
});
