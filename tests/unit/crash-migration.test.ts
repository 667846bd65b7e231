// Crash safety of schema migrations: a vault made at schema version 1 is upgraded by a child process
// running the real migrate() (tests/helpers/crash-migrate.ts), which is SIGKILLed inside and between the
// migration transactions, two ways:
// - seeded, at every statement boundary of the upgrade in turn: the child kills itself once N SQL
//   statements have run (crash-points.ts) and says which transactions had committed, so the version the
//   database must show is known exactly, however fast or busy the machine is;
// - timed, a seeded delay after a seeded migration announces the end of its work (still inside its
//   transaction), repeated until enough kills have stopped the upgrade midway. These can also land inside
//   native code (a COMMIT), which statement boundaries never do.
// After every kill the vault must show a user_version that is old or new with exactly the schema of that
// version (every object's name and SQL), never a half-applied migration, pass PRAGMA integrity_check, and
// unlock (which finishes the upgrade).
import Database from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPragmas, openEncrypted, userVersion } from '../../electron/core/vault/database';
import { vaultPath } from '../../electron/core/vault/files';
import { calibrate, deriveKek } from '../../electron/core/vault/kdf';
import { createKeyFile, readKeyFile, unlockKeyFile, wrapKey } from '../../electron/core/vault/keyfile';
import { migrate } from '../../electron/core/vault/migrate';
import { MIGRATIONS } from '../../electron/core/vault/migrations';
import { rng } from '../fixtures/fuzz/rng';
import { bundleEntry, copyVault, parseTrace, runAndKill, type SpawnOptions } from '../helpers/crash-spawn';
import { FAST_KDF, makeTempDir, PASSPHRASE, removeTempDirs, testService } from '../helpers/vault';

const SEED = Number(process.env.AMPARO_FUZZ_SEED ?? 20261124);
/** Timed kills required to stop the upgrade midway, and the most attempts allowed to get them. */
const TIMED_MIDWAY = 8;
const TIMED_ATTEMPTS = 60;
const FROM = 1;
const PAUSE_MS = 40;
/** A generous bound: on a loaded machine every run is slower, and timed kills may need retries. */
const TIMEOUT = 900_000;
let child: string;
/** The schema objects (name and SQL) that each version has, computed on a scratch in-memory database. */
const schemaAt: string[][] = [];

// Names and SQL text: a column-only migration (ALTER TABLE … ADD COLUMN) changes a table's SQL, not its name.
const schemaOf = (db: Database.Database) =>
  (
    db.prepare("SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all() as {
      name: string;
      sql: string | null;
    }[]
  ).map((r) => `${r.name}: ${r.sql ?? ''}`);

/** A vault whose database stopped at schema version `version` (as one made by an older Amparo). */
async function oldVault(version: number): Promise<string> {
  const dir = join(makeTempDir(), 'old');
  mkdirSync(dir, { mode: 0o700 });
  const { params } = await calibrate(randomBytes(16), FAST_KDF);
  const kek = await deriveKek(PASSPHRASE, params);
  const dek = randomBytes(32);
  createKeyFile(dir, wrapKey(dek, kek, params));
  const db = openEncrypted(vaultPath(dir, 'db'), dek, { create: true });
  applyPragmas(db);
  migrate(db, MIGRATIONS.slice(0, version));
  db.prepare('INSERT INTO office (id, name, created_at) VALUES (?, ?, ?)').run(
    '00112233aabbccdd',
    'Old Office',
    '2025-01-01T00:00:00.000Z',
  );
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return dir;
}

/** Opens the database read-only as it is on disk (no migration), for user_version and schema. */
async function onDisk(dir: string): Promise<{ version: number; schema: string[]; integrity: unknown }> {
  const dek = await unlockKeyFile(readKeyFile(dir), PASSPHRASE);
  const db = openEncrypted(vaultPath(dir, 'db'), dek, { create: false });
  dek.fill(0);
  try {
    return {
      version: userVersion(db),
      schema: schemaOf(db),
      integrity: db.pragma('integrity_check', { simple: true }),
    };
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  child = await bundleEntry(join(import.meta.dirname, '..', 'helpers', 'crash-migrate.ts'));
  for (let v = 0; v <= MIGRATIONS.length; v++) {
    const scratch = new Database(':memory:');
    migrate(scratch, MIGRATIONS.slice(0, v));
    schemaAt.push(schemaOf(scratch));
    scratch.close();
  }
});

afterAll(() => {
  if (child) rmSync(child, { force: true });
  removeTempDirs();
});

/** Upgrades a fresh copy of `template` in the child, then checks the vault as the kill left it. */
async function trial(template: string, options: SpawnOptions) {
  const dir = copyVault(template, join(makeTempDir(), 'v'));
  const run = await runAndKill(child, [dir, String(PAUSE_MS)], {
    ...options,
    env: { AMPARO_PASSPHRASE: PASSPHRASE, ...options.env },
  });
  expect(run.hung, run.stderr).toBe(false);
  if (!run.killed) expect(run.stdout, run.stderr).toContain(`done ${MIGRATIONS.length}`);
  const trace = parseTrace(run.stderr);
  const before = await onDisk(dir);
  expect(before.integrity).toBe('ok');
  expect(before.version).toBeGreaterThanOrEqual(FROM);
  // Exactly the schema of the version it claims: nothing from a migration that did not commit.
  expect(before.schema).toEqual(schemaAt[before.version]);
  // The vault opens, which finishes the upgrade, and is sound afterwards.
  const service = testService(dir);
  const status = await service.handlers['vault:unlock']({ passphrase: PASSPHRASE });
  expect(status.schemaVersion).toBe(MIGRATIONS.length);
  expect(service.context.session().db.pragma('integrity_check', { simple: true })).toBe('ok');
  service.close();
  expect(await onDisk(dir)).toMatchObject({
    version: MIGRATIONS.length,
    schema: schemaAt[MIGRATIONS.length],
  });
  return { run, trace, version: before.version };
}

describe('kill -9 during a migration', () => {
  it(
    `an upgrade from version ${FROM} is never half applied, killed at every statement and on timers`,
    async () => {
      expect(MIGRATIONS.length).toBeGreaterThan(FROM);
      const template = await oldVault(FROM);
      // Calibration: one transaction per pending migration, in order.
      const full = await trial(template, {});
      expect(full.run.killed).toBe(false);
      const pending = MIGRATIONS.length - FROM;
      expect(full.trace.transactions).toHaveLength(pending);
      expect(full.trace.transactions.every((tx) => tx.how === 'COMMIT')).toBe(true);
      const total = full.trace.total ?? 0;
      const seen: Record<string, number> = {};
      const count = (key: string) => (seen[key] = (seen[key] ?? 0) + 1);

      // Seeded: every statement boundary from just before the first BEGIN (earlier ones only open the
      // database). Transaction k is migration FROM + k, so the version on disk is FROM plus the number of
      // the last transaction that committed.
      let seededMidway = 0;
      for (let after = full.trace.transactions[0]!.begin - 1; after < total; after++) {
        const { run, trace, version } = await trial(template, {
          env: { AMPARO_CRASH_AFTER: String(after) },
        });
        expect(run.killed, `no kill after ${after} statements`).toBe(true);
        expect(trace.kill?.at).toBe(after);
        expect(version, `kill after ${after} statements`).toBe(FROM + trace.kill!.closed);
        if (version < MIGRATIONS.length) seededMidway++;
        count(`seeded ${trace.kill!.open ? `inside ${FROM + trace.kill!.open}` : 'between'} -> v${version}`);
      }
      // Every statement of every migration's transaction is a boundary that was killed at.
      const inside = full.trace.transactions.reduce((n, tx) => n + (tx.end! - tx.begin), 0);
      expect(seededMidway).toBeGreaterThanOrEqual(inside);

      // Timed: after a seeded migration announces its work is done, usually still inside its transaction
      // (before the pause ends), sometimes after it committed or in the next one.
      const r = rng(SEED);
      let timedMidway = 0;
      for (let n = 0; timedMidway < TIMED_MIDWAY && n < TIMED_ATTEMPTS; n++) {
        const target = FROM + 1 + r.int(pending);
        const { run, trace, version } = await trial(template, {
          killOnOutput: `inside ${target}`,
          killAfterMs: r.int(PAUSE_MS * 1.5),
        });
        // The committed transactions are on disk; one still open may have committed before the kill.
        const committed = trace.transactions.filter((tx) => tx.end !== undefined).length;
        const open = trace.transactions.length > committed ? 1 : 0;
        expect(version - FROM - committed).toBeGreaterThanOrEqual(0);
        expect(version - FROM - committed).toBeLessThanOrEqual(open);
        if (run.killed && version < MIGRATIONS.length) timedMidway++;
        count(`timed ${run.killed ? 'killed' : 'finished'} in ${target} -> v${version}`);
      }
      console.log(
        `crash migration: from=v${FROM} to=v${MIGRATIONS.length} statements=${total} ` +
          `seededMidway=${seededMidway} timedMidway=${timedMidway} outcomes=${JSON.stringify(seen)}`,
      );
      expect(timedMidway).toBeGreaterThanOrEqual(TIMED_MIDWAY);
    },
    TIMEOUT,
  );
});
