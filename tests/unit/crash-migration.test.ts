// Crash safety of schema migrations (issue 5, item 3): a vault made at schema version 1 is upgraded by a
// child process running the real migrate() (tests/helpers/crash-migrate.ts), which is SIGKILLed at seeded
// points inside and between the migration transactions. After every kill the vault must unlock (which
// finishes the upgrade), pass PRAGMA integrity_check, and before that show a user_version that is old or new
// with exactly the schema of that version (every object's name and SQL): never a half-applied migration.
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
import { bundleEntry, copyVault, runAndKill } from '../helpers/crash-spawn';
import { FAST_KDF, makeTempDir, PASSPHRASE, removeTempDirs, testService } from '../helpers/vault';

const SEED = Number(process.env.AMPARO_FUZZ_SEED ?? 20261124);
const TRIALS = 20;
const FROM = 1;
const PAUSE_MS = 40;
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

describe('kill -9 during a migration', () => {
  it(`an upgrade from version ${FROM} is never half applied across ${TRIALS} kills`, async () => {
    expect(MIGRATIONS.length).toBeGreaterThan(FROM);
    const template = await oldVault(FROM);
    const r = rng(SEED);
    const seen: Record<string, number> = {};
    for (let i = 0; i < TRIALS; i++) {
      const dir = copyVault(template, join(makeTempDir(), 'v'));
      // Kill after the announcement of a seeded migration, at a seeded moment: usually inside its
      // transaction (before the pause ends), sometimes after it committed or in the next one.
      const target = FROM + 1 + r.int(MIGRATIONS.length - FROM);
      const delay = r.int(PAUSE_MS * 1.5);
      const run = await runAndKill(child, [dir, String(PAUSE_MS)], {
        env: { AMPARO_PASSPHRASE: PASSPHRASE },
        killOnOutput: `inside ${target}`,
        killAfterMs: delay,
      });
      if (!run.killed) expect(run.stdout, run.stderr).toContain(`done ${MIGRATIONS.length}`);
      const before = await onDisk(dir);
      expect(before.integrity).toBe('ok');
      expect(before.version).toBeGreaterThanOrEqual(FROM);
      expect(before.version).toBeGreaterThanOrEqual(run.killed ? target - 1 : MIGRATIONS.length);
      // Exactly the schema of the version it claims: nothing from a migration that did not commit.
      expect(before.schema).toEqual(schemaAt[before.version]);
      const key = `${run.killed ? 'killed' : 'finished'} in ${target} -> v${before.version}`;
      seen[key] = (seen[key] ?? 0) + 1;
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
    }
    const killedMidway = Object.entries(seen)
      .filter(([k]) => k.startsWith('killed') && !k.endsWith(`v${MIGRATIONS.length}`))
      .reduce((n, [, c]) => n + c, 0);
    console.log(
      `crash migration: trials=${TRIALS} from=v${FROM} to=v${MIGRATIONS.length} outcomes=${JSON.stringify(seen)}`,
    );
    expect(killedMidway).toBeGreaterThanOrEqual(TRIALS / 2);
  }, 180_000);
});
