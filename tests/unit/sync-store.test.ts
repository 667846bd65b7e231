// Sync trust: migration 0003, the office identity made at vault creation, contacts, redaction profiles and
// the inbox setting, through the real service and encrypted vaults.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AmparoError } from '../../shared/errors';
import { dispatch } from '../../electron/core/dispatch';
import { FEATURES } from '../../electron/core/feature-list';
import { parseCard } from '../../electron/core/sync/card';
import { syncFeature } from '../../electron/core/sync/feature';
import { sign, verify } from '../../electron/core/sync/minisign';
import { contactByKeyId, getKnowledge, loadIdentity, noteKnowledge } from '../../electron/core/sync/store';
import { migrate } from '../../electron/core/vault/migrate';
import { MIGRATIONS } from '../../electron/core/vault/migrations';
import {
  findMarkers,
  makeTempDir,
  manualClock,
  PASSPHRASE,
  removeTempDirs,
  unlockedService,
} from '../helpers/vault';

afterEach(removeTempDirs);

const SYNC_TABLES = [
  'sync_identity',
  'contacts',
  'bundles_in',
  'bundles_out',
  'knowledge',
  'sync_conflicts',
  'redaction_profiles',
];

/** Handlers may throw synchronously or reject; both count. */
async function rejectsWith(call: () => unknown, code: string) {
  await expect(Promise.resolve().then(call)).rejects.toSatisfy(
    (e: unknown) => e instanceof AmparoError && e.code === code,
  );
}

async function twoOffices() {
  const clock = manualClock();
  const a = await unlockedService({ officeName: 'Oakland RRN', clock });
  const b = await unlockedService({ officeName: 'San José intake', clock });
  return { a: a.service, b: b.service, aDir: a.vaultDir, clock };
}

describe('migration 0003-sync', () => {
  it('upgrades a version-2 database: STRICT sync tables, built-in profiles, office kept', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 2));
    db.prepare("INSERT INTO office (id, name, created_at) VALUES ('00112233445566ff', 'Old', 'x')").run();
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    migrate(db, MIGRATIONS.slice(0, 3));
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all() as {
      name: string;
      sql: string;
    }[];
    for (const name of SYNC_TABLES) {
      const table = tables.find((t) => t.name === name);
      expect(table?.sql, name).toMatch(/STRICT$/);
    }
    expect(db.prepare('SELECT name FROM office').get()).toEqual({ name: 'Old' });
    expect(db.prepare('SELECT name, built_in FROM redaction_profiles ORDER BY name').all()).toEqual([
      { name: 'Dispatch', built_in: 1 },
      { name: 'Full', built_in: 1 },
    ]);
    expect(() =>
      db
        .prepare(
          "INSERT INTO sync_identity (id, key_id, signing_secret, signing_public, age_identity, age_recipient, fingerprint, created_at) VALUES (2, '', '', '', '', '', '', '')",
        )
        .run(),
    ).toThrow(/CHECK/);
    expect(() =>
      db.prepare("INSERT INTO bundles_out VALUES ('b', 1, 'not json', 'x', 'y', 0)").run(),
    ).toThrow(/CHECK/);
  });
});

describe('office identity', () => {
  it('is made at vault creation; status and sync:identity show the 60-digit fingerprint', async () => {
    const { service, vaultDir } = await unlockedService({ officeName: 'Oakland RRN' });
    const status = await service.handlers['vault:status'](undefined);
    expect(status.fingerprint).toMatch(/^[0-9]{60}$/);
    const id = await service.handlers['sync:identity'](undefined);
    expect(id).toMatchObject({ officeName: 'Oakland RRN', fingerprint: status.fingerprint });
    expect(id.fingerprintGroups).toHaveLength(12);
    expect(id.fingerprintGroups.join('')).toBe(status.fingerprint);
    expect(id.ageRecipient).toMatch(/^age1/);

    // The stored keys work together: what we sign verifies against the key on our card.
    const identity = loadIdentity(service.context.session().db);
    const card = parseCard((await service.handlers['card:export'](undefined)).card);
    expect(card.fingerprint).toBe(status.fingerprint);
    const message = new TextEncoder().encode('hello');
    expect(verify(message, sign(message, identity.signing, 'c'), card).ok).toBe(true);

    // Secrets exist only inside the encrypted database.
    service.lock('manual');
    expect(
      findMarkers(vaultDir, [
        identity.age.identity,
        Buffer.from(identity.signing.secretKey).toString('base64'),
      ]),
    ).toEqual([]);
  });

  it('is generated at first unlock for a vault created before sync existed', async () => {
    const legacySync = { ...syncFeature, prepare: undefined, onCreate: undefined };
    const features = FEATURES.map((f) => (f.name === 'sync' ? legacySync : f));
    const { service } = await unlockedService({ features });
    await vi.waitFor(async () =>
      expect((await service.handlers['vault:status'](undefined)).fingerprint).toMatch(/^[0-9]{60}$/),
    );
    service.close();
  });

  it('card:export names no office in its file name', async () => {
    const { service } = await unlockedService({ officeName: 'Oakland RRN' });
    const { fileName, card } = await service.handlers['card:export'](undefined);
    expect(fileName).toBe('contact.amparo-card');
    expect(card).toContain('Oakland RRN');
  });
});

describe('contacts', () => {
  it('adds, lists, verifies and revokes with times and reason', async () => {
    const { a, b, clock } = await twoOffices();
    const card = (await b.handlers['card:export'](undefined)).card;
    const bFp = (await b.handlers['vault:status'](undefined)).fingerprint as string;

    const { resembles, ...added } = await a.handlers['contact:add']({ card });
    expect(resembles).toEqual([]);
    expect(added).toEqual({
      fingerprint: bFp,
      officeId: b.context.session().office.id,
      officeName: 'San José intake',
      state: 'unverified',
      addedAt: '2026-11-24T10:00:00.000Z',
      verifiedAt: null,
      revokedAt: null,
      revokedReason: null,
    });
    // Listed with when its last bundle came (none yet) and the whole days since it was added.
    expect(await a.handlers['contact:list'](undefined)).toEqual([
      { ...added, lastBundleAt: null, silentDays: 0 },
    ]);

    clock.advance(60_000);
    const verified = await a.handlers['contact:verify']({ fingerprint: bFp });
    expect(verified).toMatchObject({ state: 'verified', verifiedAt: '2026-11-24T10:01:00.000Z' });

    // What openBundle needs to check a sender's signature.
    const keys = contactByKeyId(a.context.session().db, Buffer.from(parseCard(card).keyId).toString('hex'));
    expect(keys).toMatchObject({ fingerprint: bFp, state: 'verified', officeName: 'San José intake' });
    expect(Buffer.from(keys!.publicKey)).toEqual(Buffer.from(parseCard(card).publicKey));
    expect(contactByKeyId(a.context.session().db, '0000000000000000')).toBeUndefined();

    clock.advance(60_000);
    const revoked = await a.handlers['contact:revoke']({ fingerprint: bFp, reason: 'Laptop stolen' });
    expect(revoked).toMatchObject({
      state: 'revoked',
      revokedAt: '2026-11-24T10:02:00.000Z',
      revokedReason: 'Laptop stolen',
      verifiedAt: '2026-11-24T10:01:00.000Z',
    });
    await rejectsWith(() => a.handlers['contact:verify']({ fingerprint: bFp }), 'CONFLICT');
    await rejectsWith(() => a.handlers['contact:revoke']({ fingerprint: bFp, reason: 'again' }), 'CONFLICT');
  });

  it('refuses our own card, duplicates, tampered cards and unknown fingerprints', async () => {
    const { a, b } = await twoOffices();
    const own = (await a.handlers['card:export'](undefined)).card;
    await rejectsWith(() => a.handlers['contact:add']({ card: own }), 'CONFLICT');
    const card = (await b.handlers['card:export'](undefined)).card;
    await a.handlers['contact:add']({ card });
    await rejectsWith(() => a.handlers['contact:add']({ card }), 'CONFLICT');
    // A fresh card of the same office (same keys) is still a duplicate.
    const fresh = (await b.handlers['card:export'](undefined)).card;
    await rejectsWith(() => a.handlers['contact:add']({ card: fresh }), 'CONFLICT');
    const tampered = card.replace('San José intake', 'San Jose intake');
    await rejectsWith(() => a.handlers['contact:add']({ card: tampered }), 'CARD_INVALID');
    await rejectsWith(() => a.handlers['contact:verify']({ fingerprint: '1'.repeat(60) }), 'NOT_FOUND');
    expect(await a.handlers['contact:list'](undefined)).toHaveLength(1);
  });

  it('validates fingerprints at the IPC boundary', async () => {
    const { a } = await twoOffices();
    const result = await dispatch(a.handlers, 'contact:verify', { fingerprint: '12345 67890' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

describe('redaction profiles', () => {
  it('ships Full, Dispatch and Legal; built-ins cannot be deleted; custom ones can', async () => {
    const { service } = await unlockedService();
    const h = service.handlers;
    const listed = await h['redaction:list'](undefined);
    expect(listed.map((p) => [p.name, p.builtIn, p.everything, p.editable])).toEqual([
      ['Dispatch', true, false, 'none'],
      ['Full', true, true, 'none'],
      ['Legal', true, false, 'familyContacts'],
    ]);
    const full = listed.find((p) => p.name === 'Full')!;
    expect(full).toMatchObject({ fields: {}, eventKinds: null, includeFamilyContacts: true });
    // What older callers read: Dispatch leaves out at least what the old Dispatch did, and much more.
    const dispatch = listed.find((p) => p.name === 'Dispatch')!;
    expect(dispatch.fields.person).toEqual(
      expect.arrayContaining(['aNumber', 'contacts', 'dateOfBirth', 'medicalNeeds', 'phone', 'notes']),
    );
    expect(dispatch.send.assignment).toBeUndefined();
    await rejectsWith(
      () => h['redaction:set']({ name: 'Full', fields: { person: ['aNumber'] } }),
      'FORBIDDEN',
    );
    await rejectsWith(() => h['redaction:set']({ name: 'Dispatch', fields: { person: [] } }), 'FORBIDDEN');
    for (const name of ['Dispatch', 'Full', 'Legal'])
      await rejectsWith(() => h['redaction:delete']({ name }), 'FORBIDDEN');
    await rejectsWith(() => h['redaction:delete']({ name: 'Nope' }), 'NOT_FOUND');
    await rejectsWith(
      () => h['redaction:set']({ name: 'Typo', fields: { person: ['aNumbr'] } }),
      'INVALID_INPUT',
    );

    const withCustom = await h['redaction:set']({
      name: 'Legal partner',
      fields: { person: ['medicalNeeds', 'medicalNeeds'] },
    });
    expect(withCustom.find((p) => p.name === 'Legal partner')?.fields).toEqual({ person: ['medicalNeeds'] });
    expect(withCustom.map((p) => p.name)).toEqual(['Dispatch', 'Full', 'Legal', 'Legal partner']);
    expect((await h['redaction:delete']({ name: 'Legal partner' })).map((p) => p.name)).toEqual([
      'Dispatch',
      'Full',
      'Legal',
    ]);
  });
});

describe('knowledge and inbox settings', () => {
  it('keeps the highest stamp per office', async () => {
    const { service } = await unlockedService();
    const db = service.context.session().db;
    const office = 'aaaaaaaaaaaaaaaa';
    noteKnowledge(db, office, `000000000002:0000:${office}`);
    noteKnowledge(db, office, `000000000001:0005:${office}`);
    expect(getKnowledge(db)).toEqual({ [office]: `000000000002:0000:${office}` });
  });

  it('stores the inbox folder; refuses relative or missing folders', async () => {
    const { service } = await unlockedService();
    const h = service.handlers;
    expect(await h['inbox:get'](undefined)).toEqual({ folder: null });
    const folder = join(makeTempDir(), 'inbox');
    mkdirSync(folder);
    expect(await h['inbox:set']({ folder })).toEqual({ folder });
    expect(await h['inbox:get'](undefined)).toEqual({ folder });
    await rejectsWith(() => h['inbox:set']({ folder: 'relative/inbox' }), 'INVALID_INPUT');
    await rejectsWith(() => h['inbox:set']({ folder: join(folder, 'missing') }), 'NOT_FOUND');
    service.lock('manual');
    await h['vault:unlock']({ passphrase: PASSPHRASE });
    expect(await h['inbox:get'](undefined)).toEqual({ folder });
    expect(await h['inbox:set']({ folder: null })).toEqual({ folder: null });
    service.close();
  });
});
