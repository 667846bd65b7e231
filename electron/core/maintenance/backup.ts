import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { Encrypter } from 'age-encryption';
import { AmparoError } from '../../../shared/errors';
import type { Clock, Database } from '../kernel/context';
import { writeTar } from '../sync/tarball';
import { userVersion } from '../vault/database';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  DATABASE_ENTRY,
  MANIFEST_ENTRY,
  type BackupManifest,
} from './backup-format';

// Makes an encrypted backup of the open vault without any plaintext touching the disk: SQLite serializes
// the (decrypted) database image into memory in one read transaction, so the snapshot is consistent even
// while the app keeps writing through another connection; age encrypts the image with a passphrase
// (scrypt recipient, so stock `age -d` opens it); only the ciphertext is written.

export interface BackupOptions {
  /** age's scrypt work factor (log2 N). Tests lower it; the app and the CLI use age's default (18). */
  scryptWorkFactor?: number;
}

/** Reports bytes encrypted so far and lets other work run (a job's step); throws to stop the backup. */
export type BackupProgress = (done: number, total: number) => Promise<void>;

/** The archive is encrypted this much at a time when progress is reported. */
const SLICE_BYTES = 512 * 1024;

/** The database image as SQLite would write it, switched to rollback-journal mode so it opens anywhere. */
export function snapshotImage(db: Database): Buffer {
  const image = db.serialize();
  // Bytes 18-19 are the file format read/write versions: 2 means WAL. An in-memory or extracted copy has no
  // -wal file beside it, so mark it as a rollback-journal database (1), which SQLite opens directly.
  image[18] = 1;
  image[19] = 1;
  return image;
}

export async function createBackup(
  db: Database,
  passphrase: string,
  clock: Clock,
  options: BackupOptions = {},
  progress?: BackupProgress,
): Promise<Uint8Array> {
  const image = snapshotImage(db);
  try {
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: clock.now().toISOString(),
      schemaVersion: userVersion(db),
      database: {
        name: DATABASE_ENTRY,
        bytes: image.length,
        sha256: createHash('sha256').update(image).digest('hex'),
      },
    };
    const tar = writeTar(
      [
        { name: MANIFEST_ENTRY, data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') },
        { name: DATABASE_ENTRY, data: image },
      ],
      Math.floor(clock.now().getTime() / 1000),
    );
    try {
      const encrypter = new Encrypter();
      encrypter.setPassphrase(passphrase);
      if (options.scryptWorkFactor !== undefined) encrypter.setScryptWorkFactor(options.scryptWorkFactor);
      return progress ? await encryptInSlices(encrypter, tar, progress) : await encrypter.encrypt(tar);
    } finally {
      tar.fill(0);
    }
  } finally {
    image.fill(0);
  }
}

/**
 * The same age file as encrypter.encrypt(bytes), fed through age's stream API a slice at a time with a
 * progress step before each slice, so a large vault's backup can report progress and be cancelled.
 */
async function encryptInSlices(
  encrypter: Encrypter,
  bytes: Uint8Array,
  progress: BackupProgress,
): Promise<Uint8Array> {
  let offset = 0;
  const source = new ReadableStream<Uint8Array>({
    async pull(controller) {
      await progress(offset, bytes.length);
      if (offset >= bytes.length) {
        controller.close();
        return;
      }
      const end = Math.min(bytes.length, offset + SLICE_BYTES);
      controller.enqueue(bytes.subarray(offset, end));
      offset = end;
    },
  });
  const parts: Uint8Array[] = [];
  for await (const part of await encrypter.encrypt(source)) parts.push(part);
  return Buffer.concat(parts);
}

/** Writes a new file (never replaces one) readable by this user only. */
export function writeBackupFile(path: string, bytes: Uint8Array): void {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    const exists = (error as NodeJS.ErrnoException).code === 'EEXIST';
    throw new AmparoError(
      'INVALID_INPUT',
      exists
        ? 'A file with that name already exists. Choose another name.'
        : 'The backup file cannot be created.',
    );
  }
  try {
    // writeSync may write less than asked (large files, some file systems): loop until all is written.
    for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done);
    fsyncSync(fd);
  } catch {
    closeSync(fd);
    unlinkSync(path);
    throw new AmparoError('INTERNAL', 'The backup file could not be written completely. It was removed.');
  }
  closeSync(fd);
}

/** A default file name that names no office and no person. */
export function backupFileName(clock: Clock): string {
  return `amparo-backup-${clock.now().toISOString().slice(0, 10)}.age`;
}
