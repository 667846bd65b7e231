import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { AmparoError } from '../../shared/errors';
import { KINDS } from '../../shared/model';
import { fieldsOf } from '../../shared/record-fields';
import { dispatch } from '../../electron/core/dispatch';
import { createService } from '../../electron/core/service';
import { KDF_FLOOR } from '../../electron/core/vault/kdf';
import { migrate } from '../../electron/core/vault/migrate';
import { MIGRATIONS } from '../../electron/core/vault/migrations';
import { RECORD_TABLES } from '../../electron/core/vault/migrations/0004-field-context';
import type { Migration } from '../../electron/core/vault/migrations/types';
import {
  findMarkers,
  hashTree,
  makeTempDir,
  PASSPHRASE,
  removeTempDirs,
  testService,
  unlockedService,
} from '../helpers/vault';

afterEach(removeTempDirs);

async function expectCode(promise: unknown, code: string) {
  await expect(Promise.resolve(promise)).rejects.toSatisfy(
    (e: unknown) => e instanceof AmparoError && e.code === code,
  );
}

describe('vault life cycle', () => {
  it('creates, locks, unlocks and reports its status', async () => {
    const { service, vaultDir } = await unlockedService({ officeName: 'Oakland RRN' });
    expect(service.handlers['vault:status'](undefined)).toMatchObject({
      state: 'unlocked',
      office: 'Oakland RRN',
      fingerprint: expect.stringMatching(/^[0-9]{60}$/),
      schemaVersion: MIGRATIONS.length,
    });
    service.lock('manual');
    expect(service.isUnlocked()).toBe(false);
    expect(service.handlers['vault:status'](undefined)).toEqual({
      state: 'locked',
      office: null,
      fingerprint: null,
      schemaVersion: null,
      vault: null,
      trainingVault: false,
    });
    await service.handlers['vault:unlock']({ passphrase: PASSPHRASE });
    expect(service.isUnlocked()).toBe(true);
    service.close();
    expect(
      await testService(join(vaultDir, '..', 'elsewhere')).handlers['vault:status'](undefined),
    ).toMatchObject({ state: 'absent' });
  });

  it('encrypts the whole file: no SQLite header, no plaintext markers in db, WAL or key file', async () => {
    const marker = 'MARKER-7f3a9c-Lopez';
    const { service, vaultDir } = await unlockedService({ officeName: `Office ${marker}` });
    const db = service.context.session().db;
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('note', `${marker} second`);
    // Keep the WAL populated while scanning, then again after lock (checkpoint).
    expect(existsSync(join(vaultDir, 'vault.db-wal'))).toBe(true);
    expect(findMarkers(vaultDir, [marker])).toEqual([]);
    service.lock('manual');
    expect(readFileSync(join(vaultDir, 'vault.db')).subarray(0, 16).toString('latin1')).not.toContain(
      'SQLite format 3',
    );
    expect(findMarkers(vaultDir, [marker])).toEqual([]);
  });

  it('refuses a wrong passphrase and leaves every file byte-identical', async () => {
    const { service, vaultDir } = await unlockedService();
    service.lock('manual');
    const before = hashTree(vaultDir);
    await expectCode(
      service.handlers['vault:unlock']({ passphrase: 'not the right one at all' }),
      'WRONG_PASSPHRASE',
    );
    expect(hashTree(vaultDir)).toEqual(before);
    expect(service.isUnlocked()).toBe(false);
  });

  it('never overwrites an existing vault', async () => {
    const { service, vaultDir } = await unlockedService();
    service.lock('manual');
    const before = hashTree(vaultDir);
    const other = testService(vaultDir);
    await expectCode(
      other.handlers['vault:create']({ officeName: 'Intruder', passphrase: 'another long passphrase' }),
      'VAULT_EXISTS',
    );
    expect(hashTree(vaultDir)).toEqual(before);
  });

  it('reports a missing vault and a damaged key file', async () => {
    const empty = testService(join(makeTempDir(), 'none'));
    await expectCode(empty.handlers['vault:unlock']({ passphrase: PASSPHRASE }), 'VAULT_NOT_FOUND');
    const { service, vaultDir } = await unlockedService();
    service.lock('manual');
    writeFileSync(join(vaultDir, 'vault.key.json'), '{"format":1,"kdf":');
    await expectCode(service.handlers['vault:unlock']({ passphrase: PASSPHRASE }), 'VAULT_CORRUPT');
    writeFileSync(join(vaultDir, 'vault.key.json'), JSON.stringify({ format: 9 }));
    await expectCode(service.handlers['vault:unlock']({ passphrase: PASSPHRASE }), 'VAULT_TOO_NEW');
  });

  it('refuses a database whose schema is newer than this code, without damaging it', async () => {
    const { service, vaultDir } = await unlockedService();
    service.context.session().db.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    service.lock('manual');
    const before = hashTree(vaultDir);
    await expectCode(service.handlers['vault:unlock']({ passphrase: PASSPHRASE }), 'VAULT_TOO_NEW');
    expect(hashTree(vaultDir)['vault.db']).toBe(before['vault.db']);
  });

  it('changes the passphrase by rewrapping the key only: vault.db is untouched', async () => {
    const { service, vaultDir } = await unlockedService();
    service.lock('manual');
    await service.handlers['vault:unlock']({ passphrase: PASSPHRASE });
    const dbBefore = hashTree(vaultDir)['vault.db'];
    const next = 'a brand new passphrase 2026';
    await service.handlers['vault:changePassphrase']({ current: PASSPHRASE, next });
    expect(hashTree(vaultDir)['vault.db']).toBe(dbBefore);
    service.lock('manual');
    await expectCode(service.handlers['vault:unlock']({ passphrase: PASSPHRASE }), 'WRONG_PASSPHRASE');
    await service.handlers['vault:unlock']({ passphrase: next });
    expect(service.isUnlocked()).toBe(true);
  });

  it('raises weak KDF parameters to the floor when the passphrase changes, never lowers them', async () => {
    const { service, vaultDir } = await unlockedService();
    const readKdf = () => JSON.parse(readFileSync(join(vaultDir, 'vault.key.json'), 'utf8')).kdf;
    expect(readKdf()).toMatchObject({ memoryKiB: 8192, iterations: 1 });
    service.close();
    // A production service (no test KDF option) rewraps with at least 64 MiB and 3 passes.
    const production = createService({ vaultDir });
    await production.handlers['vault:unlock']({ passphrase: PASSPHRASE });
    const next = 'a brand new passphrase 2026';
    await production.handlers['vault:changePassphrase']({ current: PASSPHRASE, next });
    expect(readKdf()).toMatchObject({ memoryKiB: KDF_FLOOR.memoryKiB, iterations: KDF_FLOOR.iterations });
    production.lock('manual');
    await production.handlers['vault:unlock']({ passphrase: next });
    expect(production.isUnlocked()).toBe(true);
    production.close();
  });

  it('refuses a wrong current passphrase on change, and any change while locked', async () => {
    const { service, vaultDir } = await unlockedService();
    const before = hashTree(vaultDir)['vault.key.json'];
    await expectCode(
      service.handlers['vault:changePassphrase']({
        current: 'wrong wrong wrong',
        next: 'whatever long enough',
      }),
      'WRONG_PASSPHRASE',
    );
    expect(hashTree(vaultDir)['vault.key.json']).toBe(before);
    service.lock('manual');
    await expectCode(
      service.handlers['vault:changePassphrase']({ current: PASSPHRASE, next: 'whatever long enough' }),
      'LOCKED',
    );
  });

  it('requires 12 characters for a new passphrase at the boundary', async () => {
    const service = testService(join(makeTempDir(), 'v'));
    const result = await dispatch(service.handlers, 'vault:create', { officeName: 'X', passphrase: 'short' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('checks the passphrase even when the vault is already unlocked', async () => {
    const { service } = await unlockedService();
    await expectCode(
      service.handlers['vault:unlock']({ passphrase: 'not the right one at all' }),
      'WRONG_PASSPHRASE',
    );
    expect(service.isUnlocked()).toBe(true);
    await service.handlers['vault:unlock']({ passphrase: PASSPHRASE });
  });

  it('emits vault:locked with the reason and answers LOCKED afterwards', async () => {
    const { service } = await unlockedService();
    const reasons: string[] = [];
    service.on('vault:locked', ({ reason }) => reasons.push(reason));
    service.lock('idle');
    service.lock('idle');
    expect(reasons).toEqual(['idle']);
    expect(() => service.context.session()).toThrow(AmparoError);
  });
});

describe('migrations', () => {
  it('0001 creates the office and settings tables as STRICT', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 1));
    const sql = db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all() as { name: string; sql: string }[];
    expect(sql.map((t) => t.name)).toEqual(expect.arrayContaining(['office', 'settings']));
    for (const table of sql.filter((t) => ['office', 'settings'].includes(t.name)))
      expect(table.sql).toMatch(/STRICT$/);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
  });

  it('runs each migration in a transaction: a failure keeps the previous version', () => {
    const db = new Database(':memory:');
    const broken: Migration[] = [
      ...MIGRATIONS,
      {
        version: MIGRATIONS.length + 1,
        name: 'broken',
        up(d) {
          d.exec('CREATE TABLE half_done (x INTEGER) STRICT');
          throw new Error('boom');
        },
      },
    ];
    expect(() => migrate(db, broken)).toThrow('boom');
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_done'").get()).toEqual({
      n: 0,
    });
  });

  it('0002 upgrades a version-1 database to the STRICT record tables, keeping the office', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 1));
    db.prepare('INSERT INTO office (id, name, created_at) VALUES (?, ?, ?)').run(
      '0123456789abcdef',
      'Kept',
      '2026-01-01T00:00:00Z',
    );
    expect(migrate(db, MIGRATIONS.slice(0, 2))).toBe(2);
    const tables = db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE '%STRICT'")
      .all() as { name: string }[];
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        'people',
        'volunteers',
        'attorneys',
        'assignments',
        'events',
        'facilities',
        'reports',
        'audit',
        'purged',
      ]),
    );
    expect(db.prepare('SELECT name FROM office').get()).toEqual({ name: 'Kept' });
    expect(() =>
      db
        .prepare(
          "INSERT INTO people (id, data, clock, created_at, updated_at) VALUES (?, 'not json', 'c', 'a', 'b')",
        )
        .run('a'.repeat(32)),
    ).toThrow();
  });

  it('0006 turns soft-deleted rows into Recently deleted with a deletion that has seen every field', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 5));
    const insert =
      'INSERT INTO people (id, data, field_clocks, field_ctx, clock, created_at, updated_at, deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)';
    const mine = '4f510209214b3a8f';
    const other = 'a26a526f95fb843c';
    db.prepare(insert).run(
      'a'.repeat(32),
      '{"givenName":"x","familyName":"y"}',
      JSON.stringify({
        [`019a20cff700:0001:${other}`]: ['givenName'],
        [`019a20cff701:0000:${mine}`]: ['familyName'],
      }),
      JSON.stringify({ familyName: [`019a20cff6ff:0000:${other}`] }),
      `019a20cff7d0:0000:${mine}`,
      'a',
      'b',
      '2026-11-01T00:00:00.000Z',
    );
    db.prepare(insert).run(
      'b'.repeat(32),
      '{"givenName":"z","familyName":"w"}',
      '{}',
      '{}',
      'c',
      'a',
      'b',
      null,
    );
    expect(migrate(db, MIGRATIONS.slice(0, 6))).toBe(6);
    const rows = db.prepare('SELECT id, deletion, deleted_at FROM people ORDER BY id').all() as {
      id: string;
      deletion: string | null;
    }[];
    expect(JSON.parse(rows[0]!.deletion as string)).toEqual({
      deleted: true,
      clock: `019a20cff7d0:0000:${mine}`,
      ctx: [`019a20cff700:0001:${other}`],
    });
    expect(rows[1]!.deletion).toBeNull();
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'tombstones'").get()).toBeDefined();
    expect(() =>
      db
        .prepare('INSERT INTO tombstones (id, deletion) VALUES (?, ?)')
        .run(Buffer.alloc(3), Buffer.alloc(17)),
    ).toThrow();
  });

  it('0004 adds an empty causal context to every record table, keeping the rows', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 3));
    const insert =
      "INSERT INTO people (id, data, field_clocks, clock, created_at, updated_at) VALUES (?, '{}', ?, 'c', 'a', 'b')";
    db.prepare(insert).run('a'.repeat(32), '{"givenName":"x"}');
    expect(migrate(db, MIGRATIONS.slice(0, 4))).toBe(4);
    for (const table of RECORD_TABLES) {
      const columns = db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as {
        name: string;
      }[];
      expect(
        columns.map((c) => c.name),
        table,
      ).toContain('field_ctx');
    }
    expect(db.prepare('SELECT field_clocks, field_ctx FROM people').get()).toEqual({
      field_clocks: '{"givenName":"x"}',
      field_ctx: '{}',
    });
    expect(() =>
      db.prepare("UPDATE people SET field_ctx = 'not json' WHERE id = ?").run('a'.repeat(32)),
    ).toThrow();
  });

  it('0005 adds the inbox memory tables as STRICT, keeping sync data', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 4));
    db.prepare(
      "INSERT INTO knowledge (office_id, clock) VALUES ('00112233445566ff', '000000000001:0000:00112233445566ff')",
    ).run();
    expect(migrate(db, MIGRATIONS.slice(0, 5))).toBe(5);
    const tables = db
      .prepare(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name LIKE 'inbox_%' ORDER BY name",
      )
      .all() as { name: string; sql: string }[];
    expect(tables.map((t) => t.name)).toEqual(['inbox_files', 'inbox_paths']);
    for (const table of tables) expect(table.sql).toMatch(/STRICT$/);
    expect(db.prepare('SELECT count(*) AS n FROM knowledge').get()).toEqual({ n: 1 });
    const sha = 'a'.repeat(64);
    const insert = db.prepare(
      'INSERT INTO inbox_files (sha256, size, file, outcome, code, handled_at) VALUES (?, 1, ?, ?, ?, ?)',
    );
    insert.run(sha, 'x.amparo', 'refused', 'BUNDLE_TAMPERED', '2026-11-24T10:00:00.000Z');
    // A refusal needs its code, an import has none, and the outcome is one of the two.
    expect(() => insert.run('b'.repeat(64), 'y.amparo', 'refused', null, 'x')).toThrow(/CHECK/);
    expect(() => insert.run('c'.repeat(64), 'y.amparo', 'imported', 'BUNDLE_TAMPERED', 'x')).toThrow(/CHECK/);
    expect(() => insert.run('d'.repeat(64), 'y.amparo', 'skipped', null, 'x')).toThrow(/CHECK/);
    expect(() => insert.run('short', 'y.amparo', 'imported', null, 'x')).toThrow(/CHECK/);
    db.prepare('INSERT INTO inbox_paths (path, size, mtime_ms, sha256) VALUES (?, 1, 1.5, ?)').run('/x', sha);
    expect(db.prepare('SELECT mtime_ms FROM inbox_paths').get()).toEqual({ mtime_ms: 1.5 });
  });

  it('0009 forgets the old knowledge (it promised nothing), keeps conflicts and indexes them by field', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 8));
    const office = 'a26a526f95fb843c';
    db.prepare('INSERT INTO knowledge (office_id, clock) VALUES (?, ?)').run(
      office,
      `019a20cff700:0001:${office}`,
    );
    db.prepare(
      `INSERT INTO sync_conflicts (id, kind, record_id, field, local_value, local_clock, incoming_value,
         incoming_clock, incoming_office, bundle_id, created_at) VALUES ('c1', 'person', ?, 'familyName', '"a"', ?, '"b"', ?, ?, 'b', 'now')`,
    ).run('a'.repeat(32), `019a20cff700:0001:${office}`, `019a20cff701:0001:${office}`, office);
    expect(migrate(db, MIGRATIONS.slice(0, 9))).toBe(9);
    expect(db.prepare('SELECT count(*) AS n FROM knowledge').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT id FROM sync_conflicts').all()).toEqual([{ id: 'c1' }]);
    const plan = db
      .prepare(
        "EXPLAIN QUERY PLAN SELECT id FROM sync_conflicts WHERE kind = 'person' AND record_id = 'x' AND field = 'f' AND resolved_at IS NULL",
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join()).toMatch(/USING INDEX sync_conflicts_field/);
    for (const table of ['peer_reports', 'sync_promises'])
      expect(
        (db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(table) as { sql: string }).sql,
      ).toMatch(/STRICT$/);
  });

  it('0007 turns redaction profiles into allow-lists, each custom one sending what it sent before', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 6));
    db.prepare(
      "INSERT INTO people (id, data, field_clocks, clock, created_at, updated_at) VALUES (?, '{}', '{}', 'c', 'a', 'b')",
    ).run('a'.repeat(32));
    const profile = db.prepare('INSERT INTO redaction_profiles (name, fields, built_in) VALUES (?, ?, 0)');
    profile.run('Partner', JSON.stringify({ person: ['notes', 'contacts'], volunteer: ['phone'] }));
    // Named like a new built-in, and a Dispatch the office tuned: both stay, as custom profiles.
    profile.run('legal', '{}');
    db.prepare("UPDATE redaction_profiles SET fields = ? WHERE name = 'Dispatch'").run(
      '{"person":["aNumber"]}',
    );
    expect(migrate(db, MIGRATIONS.slice(0, 7))).toBe(7);

    const rows = db
      .prepare(
        'SELECT name, send, event_kinds, family_contacts, built_in FROM redaction_profiles ORDER BY name',
      )
      .all() as {
      name: string;
      send: string | null;
      event_kinds: string | null;
      family_contacts: number;
      built_in: number;
    }[];
    const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
    expect(rows.map((r) => [r.name, r.built_in])).toEqual([
      ['Dispatch', 1],
      ['Dispatch (custom)', 0],
      ['Full', 1],
      ['Legal', 1],
      ['Partner', 0],
      ['legal (custom)', 0],
    ]);
    const send = (name: string) => JSON.parse(byName[name]!.send as string) as Record<string, string[]>;
    // A custom profile sent every field of every kind (of this version) but those it left out; it still does.
    expect(Object.keys(send('Partner')).sort()).toEqual([
      'assignment',
      'attorney',
      'event',
      'facility',
      'person',
      'report',
      'volunteer',
    ]);
    expect(send('Partner').person).toEqual([
      'aNumber',
      'arrestCounty',
      'arrestLocation',
      'arrestingAgency',
      'caseStatus',
      'consentRecorded',
      'countryOfBirth',
      'custodyStatus',
      'dateOfBirth',
      'detainedAt',
      'facilityId',
      'familyName',
      'givenName',
      'languages',
      'legalHold',
      'medicalNeeds',
      'minorsAtHome',
      'needsInterpreter',
      'otherNames',
      'phone',
      'priority',
      'reportSource',
    ]);
    expect(send('Partner').volunteer).not.toContain('phone');
    expect(send('Partner').volunteer).toContain('email');
    for (const kind of KINDS)
      for (const field of send('Partner')[kind] ?? []) expect(fieldsOf(kind), kind).toContain(field);
    expect(byName.Partner).toMatchObject({ event_kinds: null, family_contacts: 0 });
    expect(send('Dispatch (custom)').person).not.toContain('aNumber');
    expect(send('Dispatch (custom)').person).toContain('phone');
    expect(byName['Dispatch (custom)']?.family_contacts).toBe(1);
    expect(send('legal (custom)').person).toContain('notes');
    expect(byName.Full).toMatchObject({ send: null, event_kinds: null, family_contacts: 1 });
    expect(send('Dispatch')).toEqual({
      person: ['caseStatus', 'custodyStatus', 'facilityId', 'familyName', 'givenName', 'priority'],
      event: ['at', 'kind', 'location', 'personId'],
      facility: ['address', 'kind', 'name', 'operator', 'phone'],
      volunteer: ['availability', 'counties', 'familyName', 'givenName', 'languages', 'roles', 'status'],
      attorney: ['familyName', 'givenName', 'languages', 'organization', 'specialties', 'status'],
      report: ['county', 'receivedAt', 'verification'],
    });
    expect(JSON.parse(byName.Dispatch!.event_kinds as string)).toEqual([
      'BOND_HEARING',
      'INDIVIDUAL_HEARING',
      'MASTER_CALENDAR',
    ]);
    expect(Object.keys(send('Legal')).sort()).toEqual([
      'assignment',
      'attorney',
      'event',
      'facility',
      'person',
    ]);
    expect(send('Legal').person).not.toContain('contacts');
    expect(byName.Legal?.family_contacts).toBe(0);
    // The rows of the vault are untouched, and the new table is STRICT with checked JSON.
    expect(db.prepare('SELECT count(*) AS n FROM people').get()).toEqual({ n: 1 });
    const sql = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'redaction_profiles'").get() as {
      sql: string;
    };
    expect(sql.sql).toMatch(/^CREATE TABLE redaction_profiles \(/);
    expect(sql.sql).toMatch(/STRICT$/);
    expect(() =>
      db.prepare("INSERT INTO redaction_profiles (name, send) VALUES ('x', 'not json')").run(),
    ).toThrow(/CHECK/);
  });

  it('is idempotent', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS);
    expect(migrate(db, MIGRATIONS)).toBe(MIGRATIONS.length);
  });
});
