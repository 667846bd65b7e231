import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { AmparoError } from '../../../shared/errors';
import type { Clock, Database, OfficeRef, Session } from '../kernel/context';
import { applyPragmas, isCorruption, openEncrypted, vaultCorrupt } from './database';
import { vaultPath } from './files';
import { calibrate, deriveKek, KDF_FLOOR, type KdfOptions } from './kdf';
import {
  createKeyFile,
  DEK_BYTES,
  keyFileExists,
  readKeyFile,
  replaceKeyFile,
  unlockKeyFile,
  wrapKey,
} from './keyfile';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';

// The vault's life cycle on disk: create, unlock (open the database), change the passphrase (rewrap the
// DEK only). The DEK is zeroed as soon as SQLite has it; no service object keeps a copy.

/** Called inside the creation transaction so features can seed their tables (e.g. the office identity). */
export type CreationHook = (session: Session) => void;

/** An open vault and the id of its database key (see vaultKeyId). */
export interface OpenedVault {
  session: Session;
  keyId: string;
  /** A second, read-only connection to the same database, when asked for (see openReader). */
  reader?: Database;
}

/** What to open besides the vault's own connection. */
export interface OpenOptions {
  /** Also open a read-only connection (the service serves calls from it while a long job writes). */
  reader?: boolean;
}

/**
 * A read-only connection with the same key, opened while the key is at hand (it is zeroed right after).
 * In WAL mode it reads the last committed snapshot while the other connection writes. Its sorts stay in
 * memory like the writer's, and it gets a smaller page cache: it serves single lookups and pages.
 */
function openReader(vaultDir: string, dek: Buffer): Database {
  const db = openEncrypted(vaultPath(vaultDir, 'db'), dek, { create: false });
  try {
    db.pragma('query_only = ON');
    db.pragma('temp_store = MEMORY');
    db.pragma('cache_size = -65536');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Names a vault's database key without revealing it: an HMAC of a fixed label under the key. It stays the
 * same through passphrase changes and differs after a restore (which makes a fresh key), so the rollback
 * anchor can tell "an older copy of this vault" from "a vault restored from a backup".
 */
export function vaultKeyId(dek: Buffer): string {
  return createHmac('sha256', dek).update('amparo rollback anchor v1').digest('hex').slice(0, 32);
}

export function vaultExists(vaultDir: string): boolean {
  return keyFileExists(vaultDir) || existsSync(vaultPath(vaultDir, 'db'));
}

export async function createVault(
  vaultDir: string,
  officeName: string,
  passphrase: string,
  clock: Clock,
  options: { kdf?: KdfOptions; onCreate?: CreationHook[] } & OpenOptions = {},
): Promise<OpenedVault> {
  mkdirSync(vaultDir, { recursive: true, mode: 0o700 });
  if (vaultExists(vaultDir)) throw new AmparoError('VAULT_EXISTS', 'A vault already exists in this folder.');

  const { params } = await calibrate(randomBytes(16), options.kdf);
  const kek = await deriveKek(passphrase, params);
  const dek = randomBytes(DEK_BYTES);
  try {
    // The key file goes first, with O_EXCL: if two creations race, exactly one wins.
    try {
      createKeyFile(vaultDir, wrapKey(dek, kek, params));
    } catch {
      throw new AmparoError('VAULT_EXISTS', 'A vault already exists in this folder.');
    }
    const db = openEncrypted(vaultPath(vaultDir, 'db'), dek, { create: true });
    // Encrypted or not, the file is this user's alone.
    chmodSync(vaultPath(vaultDir, 'db'), 0o600);
    applyPragmas(db);
    migrate(db, MIGRATIONS);
    const office: OfficeRef = { id: randomBytes(8).toString('hex'), name: officeName };
    const session: Session = { db, office };
    db.transaction(() => {
      db.prepare('INSERT INTO office (id, name, created_at) VALUES (?, ?, ?)').run(
        office.id,
        office.name,
        clock.now().toISOString(),
      );
      for (const hook of options.onCreate ?? []) hook(session);
    })();
    return withReader({ session, keyId: vaultKeyId(dek) }, vaultDir, dek, options);
  } finally {
    kek.fill(0);
    dek.fill(0);
  }
}

export async function unlockVault(
  vaultDir: string,
  passphrase: string,
  options: OpenOptions = {},
): Promise<OpenedVault> {
  const file = readKeyFile(vaultDir);
  if (!existsSync(vaultPath(vaultDir, 'db')))
    throw new AmparoError('VAULT_CORRUPT', 'The vault database is missing.');
  // Nothing touches vault.db (which would create -wal/-shm files) until the passphrase has proven right.
  const dek = await unlockKeyFile(file, passphrase);
  try {
    const db = openEncrypted(vaultPath(vaultDir, 'db'), dek, { create: false });
    try {
      applyPragmas(db);
      migrate(db, MIGRATIONS);
      const opened = { session: { db, office: readOffice(db) }, keyId: vaultKeyId(dek) };
      return withReader(opened, vaultDir, dek, options);
    } catch (error) {
      db.close();
      // A damaged page behind the first one is found only now, by the migration check or the office read.
      if (isCorruption(error)) throw vaultCorrupt();
      throw error;
    }
  } finally {
    dek.fill(0);
  }
}

function withReader(opened: OpenedVault, vaultDir: string, dek: Buffer, options: OpenOptions): OpenedVault {
  if (!options.reader) return opened;
  try {
    return { ...opened, reader: openReader(vaultDir, dek) };
  } catch (error) {
    opened.session.db.close();
    throw error;
  }
}

export async function changePassphrase(
  vaultDir: string,
  current: string,
  next: string,
  floor: { memoryKiB: number; iterations: number } = KDF_FLOOR,
): Promise<void> {
  const file = readKeyFile(vaultDir);
  const dek = await unlockKeyFile(file, current);
  const salt = randomBytes(16);
  // Keep the vault's own cost parameters, raised to the floor if an older or weaker file was below it
  // (never lowered); the salt is fresh.
  const params = {
    ...file.kdf,
    memoryKiB: Math.max(file.kdf.memoryKiB, floor.memoryKiB),
    iterations: Math.max(file.kdf.iterations, floor.iterations),
    salt: salt.toString('base64'),
  };
  const kek = await deriveKek(next, params);
  try {
    replaceKeyFile(vaultDir, wrapKey(dek, kek, params));
  } finally {
    dek.fill(0);
    kek.fill(0);
  }
}

function readOffice(db: Session['db']): OfficeRef {
  const row = db.prepare('SELECT id, name FROM office LIMIT 1').get() as OfficeRef | undefined;
  if (!row) throw new AmparoError('VAULT_CORRUPT', 'The vault has no office record.');
  return row;
}
