import Database from 'better-sqlite3-multiple-ciphers';
import { AmparoError } from '../../../shared/errors';
import type { Database as Db } from '../kernel/context';

// Opens the vault database with SQLite3MultipleCiphers. The DEK is passed as a raw key, which skips
// SQLCipher's own PBKDF2 (our KDF is Argon2id, run before this). PRAGMA key reports "ok" for any key, so
// reading sqlite_master is what proves the key is right.

export interface OpenOptions {
  /** Creating a vault may create the file; unlocking never does. */
  create: boolean;
}

export function openEncrypted(path: string, dek: Buffer, options: OpenOptions): Db {
  let db: Db;
  try {
    db = new Database(path, { fileMustExist: !options.create });
  } catch {
    throw new AmparoError('VAULT_NOT_FOUND', 'The vault database is missing.');
  }
  const key = rawKey(dek);
  try {
    db.pragma("cipher='sqlcipher'");
    db.key(key);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch {
    db.close();
    throw new AmparoError(
      'VAULT_CORRUPT',
      'The vault database cannot be read with its key. It may be damaged.',
    );
  } finally {
    key.fill(0);
  }
  return db;
}

/**
 * SQLite3MultipleCiphers takes a key of the form x'<64 hex>' as the raw 256-bit key; any other bytes are a
 * passphrase it would run through SQLCipher's PBKDF2. Ours is already a random key, so it goes in raw. A
 * Buffer (not a string) so the caller can zero it.
 */
export function rawKey(dek: Buffer): Buffer {
  return Buffer.from(`x'${dek.toString('hex')}'`, 'latin1');
}

/**
 * Page cache ceiling, in KiB. Every page read from disk must be decrypted and authenticated, and every page
 * evicted during a long transaction is encrypted and written twice (spill, then commit), so a cache that
 * holds a network's working set makes bulk imports several times faster. SQLite allocates cache pages as
 * they are used, so a small vault never takes this much; the cache is freed when the vault locks.
 */
export const CACHE_KIB = 256 * 1024;

/** Encryption-safe settings. Temp files are not encrypted by the cipher, so they are kept in memory. */
export function applyPragmas(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma(`cache_size = -${CACHE_KIB}`);
  db.pragma('foreign_keys = ON');
  db.pragma('temp_store = MEMORY');
  db.pragma('secure_delete = ON');
  db.pragma('synchronous = FULL');
  // The WAL is folded back into the database once it holds WAL_AUTOCHECKPOINT_PAGES, not SQLite's 1000:
  // a bundle import rewrites a few hundred index pages, mostly the same ones each time, and a checkpoint
  // every other import copied them again and again (a third of an import's commit). Erasing still
  // checkpoints at once (records/rows.ts, retention).
  db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
}

/** 8192 pages of 4 KiB: the WAL grows to 32 MiB at most between checkpoints. */
export const WAL_AUTOCHECKPOINT_PAGES = 8192;

/**
 * True for SQLite's "this file is damaged" answers: a page that fails its HMAC or a malformed b-tree
 * (SQLITE_CORRUPT and its extended codes) or a file that is no database (SQLITE_NOTADB).
 */
export function isCorruption(error: unknown): boolean {
  return error instanceof Database.SqliteError && /^SQLITE_(?:CORRUPT|NOTADB)(?:_|$)/.test(error.code);
}

/** The typed error for a damaged vault; SQLite's own message is not passed on. */
export function vaultCorrupt(): AmparoError {
  return new AmparoError(
    'VAULT_CORRUPT',
    'Part of the vault database is damaged and cannot be read. Restore the vault from a backup.',
  );
}

export function userVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}
