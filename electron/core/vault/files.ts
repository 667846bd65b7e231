import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

// Small file helpers with the durability the vault needs: a key file is either the old one or the new
// one after a crash, never half written, and creating never replaces something that exists.

export const VAULT_FILES = { db: 'vault.db', key: 'vault.key.json', prefs: 'prefs.json' } as const;

export function vaultPath(vaultDir: string, name: keyof typeof VAULT_FILES): string {
  return join(vaultDir, VAULT_FILES[name]);
}

/** Writes `data` to a temp file beside `path`, fsyncs it, renames it over `path`, then fsyncs the folder. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkSync(temp);
    throw error;
  }
  closeSync(fd);
  renameSync(temp, path);
  syncDir(dirname(path));
}

/** Creates `path` with `data`; fails with EEXIST rather than replacing anything. */
export function writeFileExclusive(path: string, data: string): void {
  const fd = openSync(path, 'wx', 0o600);
  try {
    writeSync(fd, Buffer.from(data, 'utf8'));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  syncDir(dirname(path));
}

function syncDir(dir: string): void {
  // Directory fsync makes the rename durable on Linux and macOS; Windows cannot open folders this way.
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
