import { z } from 'zod';

// The backup file format (version 1), documented here because stock tools must be able to open it:
//
//   backup file  = age v1, one scrypt (passphrase) recipient      ->  `age -d backup.age > backup.tar`
//   payload      = POSIX ustar with exactly two regular files       ->  `tar -xf backup.tar`
//     manifest.json  {format, version, createdAt, schemaVersion, database: {name, bytes, sha256}}
//     vault.sqlite   the decrypted SQLite image (rollback-journal mode, so `sqlite3 vault.sqlite` opens it)
//
// The image is plaintext only inside the age payload: it exists in memory while a backup is made or
// restored and is never written to disk unencrypted by Amparo.

export const BACKUP_FORMAT = 'amparo-backup';
export const BACKUP_VERSION = 1;
export const MANIFEST_ENTRY = 'manifest.json';
export const DATABASE_ENTRY = 'vault.sqlite';
export const MAX_MANIFEST_BYTES = 64 * 1024;
/** 4 GiB: far above any office's vault, below what a ustar size field and a Buffer can hold. */
export const MAX_DATABASE_BYTES = 4 * 1024 ** 3 - 1;

export const BackupManifest = z
  .object({
    format: z.literal(BACKUP_FORMAT),
    version: z.number().int().min(1),
    createdAt: z.string(),
    schemaVersion: z.number().int().min(0),
    database: z
      .object({
        name: z.literal(DATABASE_ENTRY),
        bytes: z.number().int().min(0),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
      })
      .strict(),
  })
  .strict();
export type BackupManifest = z.infer<typeof BackupManifest>;

export const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
