import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { Decrypter } from 'age-encryption';
import { AmparoError } from '../../../shared/errors';
import { NewPassphrase } from '../../../shared/vault';
import { readTar } from '../sync/tarball';
import { applyPragmas, openEncrypted, rawKey, userVersion } from '../vault/database';
import { vaultPath } from '../vault/files';
import { calibrate, deriveKek, type KdfOptions } from '../vault/kdf';
import { createKeyFile, DEK_BYTES, wrapKey } from '../vault/keyfile';
import { MIGRATIONS } from '../vault/migrations';
import { referenceSchema, schemaDifferences, schemaObjects } from '../vault/schema';
import { vaultExists } from '../vault/vault';
import { copyDatabase } from './copy-image';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BackupManifest,
  DATABASE_ENTRY,
  MANIFEST_ENTRY,
  MAX_DATABASE_BYTES,
  MAX_MANIFEST_BYTES,
  SQLITE_HEADER,
} from './backup-format';

// Restores a backup into a NEW vault folder: a fresh key file with a fresh database key, and the records
// copied from the in-memory image straight into the encrypted file. It never touches an existing vault,
// and a failed restore removes what it created.

const damaged = () =>
  new AmparoError('VAULT_CORRUPT', 'The backup file is damaged or is not an Amparo backup.');

/**
 * Refuses an image whose tables, indexes, triggers or views are not exactly what Amparo's migrations
 * create at the image's own version. The comparison is at that version, before anything migrates the
 * image: a migration run on an altered image could fire a planted trigger or carry a planted object
 * forward, and restore copies the image as it is (unlock migrates it later, as for any older vault).
 */
export function assertKnownSchema(image: Database.Database, version: number): void {
  const differences = schemaDifferences(schemaObjects(image), referenceSchema(MIGRATIONS, version));
  if (differences.length > 0) {
    throw new AmparoError(
      'BACKUP_ALTERED',
      'This backup was altered: its database holds objects Amparo does not create (such as triggers). Nothing was restored.',
    );
  }
}

/** Decrypts and checks a backup; returns its manifest and the plaintext image (zero it when done). */
export async function openBackup(
  bytes: Uint8Array,
  passphrase: string,
): Promise<{ manifest: BackupManifest; image: Buffer }> {
  if (!Buffer.from(bytes.subarray(0, 21)).equals(Buffer.from('age-encryption.org/v1'))) throw damaged();
  let tar: Uint8Array;
  try {
    const decrypter = new Decrypter();
    decrypter.addPassphrase(passphrase);
    tar = await decrypter.decrypt(bytes);
  } catch {
    // age reports a wrong passphrase and a damaged file the same way: the header MAC or the stanza fails.
    throw new AmparoError(
      'WRONG_PASSPHRASE',
      'That passphrase does not open this backup, or the file is damaged.',
    );
  }
  let entries: Map<string, Uint8Array>;
  try {
    entries = readTar(tar, { [MANIFEST_ENTRY]: MAX_MANIFEST_BYTES, [DATABASE_ENTRY]: MAX_DATABASE_BYTES });
  } catch {
    throw damaged();
  } finally {
    tar.fill(0);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(entries.get(MANIFEST_ENTRY) as Uint8Array).toString('utf8'));
  } catch {
    throw damaged();
  }
  const parsed = BackupManifest.safeParse(raw);
  if (!parsed.success) throw damaged();
  const manifest = parsed.data;
  if (manifest.version > BACKUP_VERSION || manifest.schemaVersion > MIGRATIONS.length) {
    throw new AmparoError('VAULT_TOO_NEW', 'This backup was made by a newer version of Amparo.');
  }
  const data = entries.get(DATABASE_ENTRY) as Uint8Array;
  const image = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const digest = createHash('sha256').update(image).digest('hex');
  if (
    manifest.format !== BACKUP_FORMAT ||
    image.length !== manifest.database.bytes ||
    digest !== manifest.database.sha256 ||
    !image.subarray(0, SQLITE_HEADER.length).equals(SQLITE_HEADER)
  ) {
    image.fill(0);
    throw damaged();
  }
  return { manifest, image };
}

export interface RestoreOptions {
  /** Tests only: cheaper Argon2id parameters for the new key file. */
  kdf?: KdfOptions;
}

export interface RestoreResult {
  schemaVersion: number;
  createdAt: string;
}

export async function restoreVault(
  bytes: Uint8Array,
  targetDir: string,
  backupPassphrase: string,
  newPassphrase: string,
  options: RestoreOptions = {},
): Promise<RestoreResult> {
  if (!NewPassphrase.safeParse(newPassphrase).success)
    throw new AmparoError('WEAK_PASSPHRASE', 'The new vault passphrase is too short.');
  if (vaultExists(targetDir))
    throw new AmparoError('VAULT_EXISTS', 'A vault already exists in that folder. It was not changed.');
  const { manifest, image } = await openBackup(bytes, backupPassphrase);
  let source: Database.Database | undefined;
  const created: string[] = [];
  // A folder made here goes too if the restore fails, so a failure leaves the disk as it found it.
  const madeDir = !existsSync(targetDir);
  const dek = randomBytes(DEK_BYTES);
  try {
    source = new Database(image);
    // CREATE INDEX may spill its sorter to temp files, which no cipher covers: keep them in memory.
    source.pragma('temp_store = MEMORY');
    const check = source.pragma('integrity_check', { simple: true });
    if (check !== 'ok' || userVersion(source) !== manifest.schemaVersion) throw damaged();
    assertKnownSchema(source, manifest.schemaVersion);

    mkdirSync(targetDir, { recursive: true, mode: 0o700 });
    const { params } = await calibrate(randomBytes(16), options.kdf);
    const kek = await deriveKek(newPassphrase, params);
    try {
      // O_EXCL on the key file claims the folder: a vault created meanwhile is never overwritten.
      createKeyFile(targetDir, wrapKey(dek, kek, params));
    } catch {
      throw new AmparoError('VAULT_EXISTS', 'A vault already exists in that folder. It was not changed.');
    } finally {
      kek.fill(0);
    }
    created.push(vaultPath(targetDir, 'key'));
    const dbPath = vaultPath(targetDir, 'db');
    if (existsSync(dbPath)) throw new AmparoError('VAULT_EXISTS', 'A vault already exists in that folder.');
    created.push(dbPath, `${dbPath}-journal`, `${dbPath}-wal`, `${dbPath}-shm`);

    // The same cipher and key form as openEncrypted(), given to SQLite3MultipleCiphers through ATTACH.
    source.pragma("cipher='sqlcipher'");
    const key = rawKey(dek);
    try {
      source.prepare('ATTACH DATABASE ? AS restored KEY ?').run(dbPath, key);
    } finally {
      key.fill(0);
    }
    // Defensive mode forbids writing FTS5 shadow tables, which is exactly what copying a contentless index
    // needs. It is lifted only on this private in-memory connection, for the copy.
    source.unsafeMode(true);
    copyDatabase(source, 'restored');
    source.unsafeMode(false);
    source.exec('DETACH DATABASE restored');
    chmodSync(dbPath, 0o600);

    // Prove the result opens the way unlock opens it, and is whole.
    const restored = openEncrypted(dbPath, dek, { create: false });
    try {
      applyPragmas(restored);
      if (restored.pragma('integrity_check', { simple: true }) !== 'ok') throw damaged();
    } finally {
      restored.close();
    }
    return { schemaVersion: manifest.schemaVersion, createdAt: manifest.createdAt };
  } catch (error) {
    source?.close();
    source = undefined;
    for (const path of created) rmSync(path, { force: true });
    if (madeDir && existsSync(targetDir) && readdirSync(targetDir).length === 0) rmdirSync(targetDir);
    if (error instanceof AmparoError) throw error;
    throw damaged();
  } finally {
    source?.close();
    image.fill(0);
    dek.fill(0);
  }
}
