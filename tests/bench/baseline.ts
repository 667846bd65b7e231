import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { applyPragmas, rawKey } from '../../electron/core/vault/database';
import { time } from './stats';

// The baselines the bulk figures are compared with, measured in the same run on the same rows:
// - `plain`: plain better-sqlite3 serializing each row and inserting (id, JSON) into an unencrypted table with a primary key and
//   nothing else: the baseline the targets are defined against.
// - `encrypted`: the same inserts into a database opened exactly as a vault is (SQLCipher cipher, raw key,
//   the vault's pragmas). The gap between the two is what whole-file encryption alone costs on these rows,
//   with no validation, index, search table or audit log, so it bounds any ratio Amparo can reach.

export interface BaselineRates {
  plainPerSec: number;
  encryptedPerSec: number;
}

export function measureBaselines(dir: string, rows: { id: string; value: unknown }[]): BaselineRates {
  const run = (name: string, encrypted: boolean) => {
    const db = new Database(join(dir, name));
    if (encrypted) {
      const key = rawKey(randomBytes(32));
      db.pragma("cipher='sqlcipher'");
      db.key(key);
      key.fill(0);
      applyPragmas(db);
    } else {
      db.pragma('journal_mode = WAL');
    }
    db.exec('CREATE TABLE records (id TEXT PRIMARY KEY, data TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO records (id, data) VALUES (?, ?)');
    const { ms } = time(() =>
      db.transaction(() => rows.forEach((r) => insert.run(r.id, JSON.stringify(r.value))))(),
    );
    db.close();
    return Math.round((rows.length / ms) * 1000);
  };
  return { plainPerSec: run('plain.db', false), encryptedPerSec: run('plain-encrypted.db', true) };
}
