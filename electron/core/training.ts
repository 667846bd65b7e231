import { existsSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Clock, ServiceContext, Session } from './kernel/context';
import { generateDemo, type DemoCounts } from './records/demo';
import { writerFor } from './records/writer';
import { vaultPath } from './vault/files';

// The training vault: a second, separate vault for know-your-rights and intake trainings, so synthetic
// records never mix with real cases. Its folder sits beside the office vault and is derived here, never
// taken from the renderer; it is a complete vault of its own (own key file, own passphrase, own office
// identity), which the CLI can also open with `--vault <office folder>-training`.

export const TRAINING_SUFFIX = '-training';

/** `/…/vault` -> `/…/vault-training`: a sibling, so copying or deleting one folder never touches the other. */
export function trainingVaultDir(officeVaultDir: string): string {
  const absolute = resolve(officeVaultDir);
  return join(dirname(absolute), `${basename(absolute)}${TRAINING_SUFFIX}`);
}

/** What a new training vault holds: enough for an intake or hotline exercise, created in about a second. */
export const TRAINING_DATA: DemoCounts = { people: 200, volunteers: 60, attorneys: 15, eventsPerPerson: 1 };

/** Fills a freshly created vault with synthetic records, in one transaction (all of them or none). */
export function fillTrainingData(
  session: Session,
  ctx: ServiceContext,
  clock: Clock,
): Record<string, number> {
  // The new vault is not the service's session yet (the office vault still is): aim the writer at it.
  const w = writerFor({ ...ctx, session: () => session });
  const counts = session.db.transaction(() => generateDemo(w, TRAINING_DATA, clock.now()))();
  // A bulk write leaves a large WAL; fold it back (the WAL is encrypted either way).
  session.db.pragma('wal_checkpoint(TRUNCATE)');
  return counts;
}

/**
 * Removes the training vault's files (a failed setup, or "delete the training vault"): only the vault's
 * own files, and the folder when it is left empty. Without its key file the database is unreadable anyway.
 */
export function removeVaultFiles(dir: string): void {
  const db = vaultPath(dir, 'db');
  for (const path of [vaultPath(dir, 'key'), db, `${db}-wal`, `${db}-shm`, `${db}-journal`])
    rmSync(path, { force: true });
  if (existsSync(dir) && readdirSync(dir).length === 0) rmdirSync(dir);
}
