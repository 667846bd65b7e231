import type { Database } from '../kernel/context';
import { stmt } from './statements';

// The vault's own settings (key -> text), inside the encrypted database: the operator name, retention and
// delete policies. Preferences readable while locked live outside the vault (prefs/).

export function readSetting(db: Database, key: string): string | undefined {
  return (stmt(db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)
    ?.value;
}

export function writeSetting(db: Database, key: string, value: string | null): void {
  if (value === null) stmt(db, 'DELETE FROM settings WHERE key = ?').run(key);
  else
    stmt(
      db,
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ).run(key, value);
}
