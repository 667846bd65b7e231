// The red team's bundles through the real import and preview, into real vaults: a typed refusal each (never
// INTERNAL), the database unchanged, and a sender identity taken only from the contact whose key signed.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealBundle, type BuildBundleInput } from '../../electron/core/sync/bundle';
import { importBundle } from '../../electron/core/sync/import';
import { loadIdentity } from '../../electron/core/sync/store';
import { SCHEMA_VERSION } from '../../electron/core/vault/migrations';
import { AmparoError } from '../../shared/errors';
import type { ChangeLine } from '../../shared/sync';
import { gzipRepeat, nested, rawLine } from '../fixtures/fuzz/bombs';
import { recordId, stamp } from '../fixtures/sync/offices';
import { sealEditedManifest } from '../fixtures/sync/seal';
import { dbDigest, introduce, makeOffice, type Office } from '../helpers/sync-offices';
import { manualClock, removeTempDirs } from '../helpers/vault';

let a: Office; // the office B tries to blame
let b: Office; // a partner gone bad: a verified contact of C
let c: Office; // the recipient
const clock = manualClock();

beforeAll(async () => {
  a = await makeOffice('Office A', clock);
  b = await makeOffice('Office B', clock);
  c = await makeOffice('Office C', clock);
  introduce(c, a);
  introduce(c, b);
});

afterAll(() => {
  for (const o of [a, b, c]) o?.service.close();
  removeTempDirs();
});

const db = (o: Office) => o.service.context.session().db;

/** What `from` would put around a payload it signs for `to`. */
function envelope(from: Office, to: Office): Omit<BuildBundleInput, 'changes'> {
  return {
    identity: loadIdentity(db(from)),
    sender: { officeId: from.officeId, name: from.name, fingerprint: from.fingerprint },
    recipients: [{ fingerprint: to.fingerprint, ageRecipient: loadIdentity(db(to)).age.recipient }],
    sequence: 1,
    knowledge: {},
    schemaVersion: SCHEMA_VERSION,
    now: clock.now(),
  };
}

const lines = (changes: (ChangeLine | string)[]) =>
  gzipSync(changes.map((x) => `${typeof x === 'string' ? x : JSON.stringify(x)}\n`).join(''));
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** Preview and import both refuse with the same code, and the recipient's database does not change. */
async function refusedBoth(bytes: Uint8Array): Promise<string> {
  const before = dbDigest(c);
  const codes: string[] = [];
  for (const channel of ['bundle:preview', 'bundle:import'] as const) {
    const err = await Promise.resolve(c.service.handlers[channel]({ bytes: b64(bytes) })).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err, channel).toBeInstanceOf(AmparoError);
    codes.push((err as AmparoError).code);
  }
  expect(dbDigest(c)).toBe(before);
  expect(codes[0]).toBe(codes[1]);
  expect(codes[0]).not.toBe('INTERNAL');
  return codes[0]!;
}

describe('a partner that signs in another office name', () => {
  it('is refused in preview and import, and nothing is blamed on the office it named', async () => {
    const ts = stamp(clock.now().getTime(), b.officeId);
    const person: ChangeLine = {
      entity: 'person',
      id: recordId(0xb0b),
      fields: { givenName: { value: 'Planted', clock: ts }, familyName: { value: 'Record', clock: ts } },
    };
    for (const claim of [
      { officeId: a.officeId, name: a.name },
      { officeId: a.officeId, name: b.name },
      { officeId: b.officeId, name: a.name },
    ]) {
      const bytes = await sealEditedManifest(envelope(b, c), lines([person]), 1, (m) => ({
        ...m,
        sender: { ...m.sender, ...claim },
      }));
      expect(await refusedBoth(bytes), JSON.stringify(claim)).toBe('BUNDLE_TAMPERED');
    }
    // Honest, the same change is shown, stored and audited as B's, from B's contact card.
    const honest = await sealBundle(envelope(b, c), lines([person]), 1);
    const preview = await c.service.handlers['bundle:preview']({ bytes: b64(honest) });
    expect(preview.sender).toMatchObject({ officeName: 'Office B', fingerprint: b.fingerprint });
    await c.service.handlers['bundle:import']({ bytes: b64(honest) });
    const [history] = await c.service.handlers['bundle:history'](undefined);
    expect(history).toMatchObject({ senderName: 'Office B', senderFingerprint: b.fingerprint });
    const audit = db(c)
      .prepare('SELECT office_id FROM audit WHERE record_id = ? AND action = ?')
      .all(person.id, 'import') as { office_id: string }[];
    expect(audit).toEqual([{ office_id: b.officeId }]);
  });
});

describe('hostile lines from a verified partner', () => {
  it('refuses floods, nesting, prototype keys, oversized values and SQL-looking names, typed', async () => {
    const ts = stamp(clock.now().getTime(), b.officeId);
    const id = recordId(0xbad);
    const tombstone = (field: string, value: string) => rawLine(id, ts, field, value, `,"deleted":"${ts}"`);
    const cases: [string, Uint8Array, number, string][] = [
      ['newline flood', await gzipRepeat('\n', 20_000_000, true), 1, 'BUNDLE_CORRUPT'],
      ['{} flood', await gzipRepeat('{}\n', 3_000_000), 1_000_000, 'BUNDLE_CORRUPT'],
      ['zeros', await gzipRepeat('\0', 64 << 20, true), 1, 'BUNDLE_TOO_LARGE'],
      ['200,000 deep', lines([rawLine(id, ts, 'notes', nested(200_000))]), 1, 'BUNDLE_TOO_LARGE'],
      ['deleted constructor', lines([tombstone('constructor', '"x"')]), 1, 'BUNDLE_CORRUPT'],
      ['toString', lines([rawLine(id, ts, 'toString', '"x"')]), 1, 'BUNDLE_CORRUPT'],
      [
        '__proto__ value key',
        lines([rawLine(id, ts, 'contacts', '[{"__proto__":{}}]')]),
        1,
        'BUNDLE_CORRUPT',
      ],
      [
        '30 MB deleted value',
        lines([tombstone('notes', `"${'x'.repeat(30 << 20)}"`)]),
        1,
        'BUNDLE_TOO_LARGE',
      ],
      ['SQL field', lines([tombstone('x"; DROP TABLE people; --', '"x"')]), 1, 'BUNDLE_CORRUPT'],
    ];
    for (const [name, payload, count, code] of cases) {
      const bytes = await sealBundle(envelope(b, c), new Uint8Array(payload), count);
      expect(await refusedBoth(bytes), name).toBe(code);
    }
  });

  it('counts tombstones only for ids this office never had, from its own tables', async () => {
    const ts = stamp(clock.now().getTime(), b.officeId);
    const held = await c.service.handlers['person:create']({ givenName: 'Held', familyName: 'Here' });
    const marker = (recordIdHex: string): ChangeLine => ({
      entity: 'person',
      id: recordIdHex,
      fields: {},
      purged: ts,
    });
    const unknown = [1, 2, 3].map((i) => marker(recordId(0xdead00 + i)));
    const limits = { maxUnknownTombstones: 3 };
    const within = await sealBundle(envelope(b, c), lines([marker(held.id), ...unknown]), 4);
    await expect(importBundle(c.service.context, within, { dryRun: true, limits })).resolves.toMatchObject({
      alreadyImported: false,
    });
    const over = await sealBundle(envelope(b, c), lines([...unknown, marker(recordId(0xdead09))]), 4);
    await expect(importBundle(c.service.context, over, { dryRun: true, limits })).rejects.toMatchObject({
      code: 'BUNDLE_TOO_LARGE',
    });
  });
});
