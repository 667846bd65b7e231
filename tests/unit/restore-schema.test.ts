import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { Encrypter } from 'age-encryption';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/dispatch';
import { createBackup, snapshotImage } from '../../electron/core/maintenance/backup';
import { DATABASE_ENTRY, MANIFEST_ENTRY } from '../../electron/core/maintenance/backup-format';
import { openBackup, restoreVault } from '../../electron/core/maintenance/restore';
import { writeTar } from '../../electron/core/sync/tarball';
import { migrate } from '../../electron/core/vault/migrate';
import { MIGRATIONS } from '../../electron/core/vault/migrations';
import { normaliseSql } from '../../electron/core/vault/schema';
import { AmparoError } from '../../shared/errors';
import {
  FAST_KDF,
  FAST_SCRYPT,
  hashTree,
  makeTempDir,
  manualClock,
  PASSPHRASE,
  removeTempDirs,
  testService,
  unlockedService,
} from '../helpers/vault';

// A backup is restored only if its database holds exactly the tables, indexes, triggers and views that
// Amparo's migrations create at the backup's schema version. Someone who knows a backup's passphrase can
// rewrite it as a valid backup; a trigger planted that way would run inside every later write of the
// restored vault.

afterEach(removeTempDirs);

const clock = manualClock();

/** A genuine backup, decrypted, changed with `alter`, and sealed again as a well-formed backup. */
async function alteredBackup(bytes: Uint8Array, alter: (db: Database.Database) => void): Promise<Uint8Array> {
  const { manifest, image } = await openBackup(bytes, PASSPHRASE);
  const db = new Database(image);
  alter(db);
  const changed = snapshotImage(db);
  db.close();
  const resealed = {
    ...manifest,
    database: {
      ...manifest.database,
      bytes: changed.length,
      sha256: createHash('sha256').update(changed).digest('hex'),
    },
  };
  const tar = writeTar(
    [
      { name: MANIFEST_ENTRY, data: Buffer.from(JSON.stringify(resealed), 'utf8') },
      { name: DATABASE_ENTRY, data: changed },
    ],
    0,
  );
  const encrypter = new Encrypter();
  encrypter.setPassphrase(PASSPHRASE);
  encrypter.setScryptWorkFactor(FAST_SCRYPT.scryptWorkFactor);
  return encrypter.encrypt(tar);
}

async function officeBackup(): Promise<Uint8Array> {
  const { service } = await unlockedService({ clock });
  await service.handlers['person:create']({ givenName: 'Ana', familyName: 'Quispe' });
  const bytes = await createBackup(service.context.session().db, PASSPHRASE, clock, FAST_SCRYPT);
  service.close();
  return bytes;
}

async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
    return { code: 'OK', message: '' };
  } catch (error) {
    if (error instanceof AmparoError) return { code: error.code, message: error.message };
    throw error;
  }
}

const PLANTED_TRIGGER = `CREATE TRIGGER contacts_trust_all AFTER INSERT ON contacts
  BEGIN UPDATE contacts SET state = 'verified', verified_at = NEW.added_at WHERE fingerprint = NEW.fingerprint; END`;

describe('restore checks the schema of the backup image', () => {
  it('refuses a backup with a planted trigger (BACKUP_ALTERED), writing nothing, in the core and over IPC', async () => {
    const altered = await alteredBackup(await officeBackup(), (db) => db.exec(PLANTED_TRIGGER));

    const target = join(makeTempDir(), 'restored');
    const refused = await failure(restoreVault(altered, target, PASSPHRASE, PASSPHRASE, { kdf: FAST_KDF }));
    expect(refused.code).toBe('BACKUP_ALTERED');
    expect(refused.message).toMatch(/backup was altered/i);
    expect(existsSync(target)).toBe(false);

    // The first-run screen's path: same refusal, the folder (holding prefs.json) byte-identical.
    const dir = join(makeTempDir(), 'vault');
    const fresh = testService(dir);
    await fresh.handlers['prefs:set']({ language: 'es' });
    const before = hashTree(dir);
    const result = await dispatch(fresh.handlers, 'vault:restore', {
      backup: Buffer.from(altered).toString('base64'),
      backupPassphrase: PASSPHRASE,
      newPassphrase: PASSPHRASE,
    });
    expect(result.ok ? 'OK' : result.error.code).toBe('BACKUP_ALTERED');
    expect(hashTree(dir)).toEqual(before);
    expect(fresh.handlers['vault:status'](undefined)).toMatchObject({ state: 'absent' });
    fresh.close();
  });

  it('refuses any added, missing or changed table, index, view or trigger', async () => {
    const genuine = await officeBackup();
    const alterations: Record<string, (db: Database.Database) => void> = {
      view: (db) => db.exec('CREATE VIEW everyone AS SELECT * FROM people'),
      index: (db) => db.exec('CREATE INDEX contacts_by_state ON contacts (state)'),
      table: (db) => db.exec('CREATE TABLE stash (x TEXT)'),
      'dropped index': (db) => db.exec('DROP INDEX audit_record'),
      'changed table': (db) => db.exec('ALTER TABLE settings ADD COLUMN extra TEXT'),
      'trigger on the audit log': (db) =>
        db.exec('CREATE TRIGGER audit_quiet BEFORE INSERT ON audit BEGIN SELECT RAISE(IGNORE); END'),
    };
    for (const [name, alter] of Object.entries(alterations)) {
      const target = join(makeTempDir(), 'restored');
      const refused = await failure(
        restoreVault(await alteredBackup(genuine, alter), target, PASSPHRASE, PASSPHRASE, { kdf: FAST_KDF }),
      );
      expect(refused.code, name).toBe('BACKUP_ALTERED');
      expect(existsSync(target), name).toBe(false);
    }
    // The untouched backup, resealed the same way, still restores: the check is not the resealing.
    const target = join(makeTempDir(), 'restored');
    const same = await alteredBackup(genuine, () => undefined);
    expect((await failure(restoreVault(same, target, PASSPHRASE, PASSPHRASE, { kdf: FAST_KDF }))).code).toBe(
      'OK',
    );
  });

  it('compares with the schema of the backup’s own version, so a backup from an older Amparo restores', async () => {
    // What an older Amparo (schema version 2) wrote: its migrations only, and its office row.
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 2));
    db.prepare('INSERT INTO office (id, name, created_at) VALUES (?, ?, ?)').run(
      '0123456789abcdef',
      'Old Office',
      clock.now().toISOString(),
    );
    const old = await createBackup(db, PASSPHRASE, clock, FAST_SCRYPT);
    const target = join(makeTempDir(), 'restored');
    const result = await restoreVault(old, target, PASSPHRASE, PASSPHRASE, { kdf: FAST_KDF });
    expect(result.schemaVersion).toBe(2);

    // The same old backup with a trigger is refused like a current one.
    const planted = await alteredBackup(old, (image) =>
      image.exec('CREATE TRIGGER office_rename AFTER UPDATE ON office BEGIN SELECT 1; END'),
    );
    const elsewhere = join(makeTempDir(), 'restored');
    expect(
      (await failure(restoreVault(planted, elsewhere, PASSPHRASE, PASSPHRASE, { kdf: FAST_KDF }))).code,
    ).toBe('BACKUP_ALTERED');
    db.close();
  });

  it('normalises layout and comments only, never what SQLite would run', () => {
    expect(normaliseSql('CREATE  TABLE t (\n  a TEXT, -- the name\n  b /* note */ INT\n)')).toBe(
      'CREATE TABLE t ( a TEXT, b INT )',
    );
    expect(normaliseSql("CHECK (x IN ('a  b', '--not a comment'))")).toBe(
      "CHECK (x IN ('a  b', '--not a comment'))",
    );
    expect(normaliseSql('SELECT "odd  ""name"""')).toBe('SELECT "odd  ""name"""');
  });
});
