import { AmparoError } from '../../../shared/errors';
import type { Database } from '../kernel/context';
import { userVersion } from './database';
import type { Migration } from './migrations/types';

// Applies each pending migration in its own transaction together with its user_version bump, so an
// interrupted upgrade leaves the database at the last complete version. A newer database is refused
// before anything is written.

export function assertNotTooNew(db: Database, migrations: readonly Migration[]): number {
  const current = userVersion(db);
  if (current > migrations.length) {
    throw new AmparoError(
      'VAULT_TOO_NEW',
      'This vault was made by a newer version of Amparo. Update Amparo to open it.',
    );
  }
  return current;
}

export function migrate(db: Database, migrations: readonly Migration[]): number {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new Error(`Migration ${migration.name} is out of order`);
  });
  const current = assertNotTooNew(db, migrations);
  for (const migration of migrations.slice(current)) {
    db.transaction(() => {
      migration.up(db);
      // PRAGMA takes no bound parameters; the version is an integer from our own list.
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return userVersion(db);
}
