// Child process for tests/unit/crash-migration.test.ts: unlocks a vault the way unlockVault does and runs
// the real migrate() over the real MIGRATIONS. The additions: the statement-level crash points of
// crash-points.ts (installed first), and a pause at the end of each migration's up(), still inside its
// transaction, announced on stdout ("inside N"), so the parent can also SIGKILL it on a timer at a known
// point of the upgrade. The schema changes and the transactions are the production ones.
import './crash-points';
import { writeSync } from 'node:fs';
import { applyPragmas, openEncrypted } from '../../electron/core/vault/database';
import { vaultPath } from '../../electron/core/vault/files';
import { readKeyFile, unlockKeyFile } from '../../electron/core/vault/keyfile';
import { migrate } from '../../electron/core/vault/migrate';
import { MIGRATIONS } from '../../electron/core/vault/migrations';

const [vaultDir, pauseArg] = process.argv.slice(2);
const pauseMs = Number(pauseArg ?? '50');
const passphrase = process.env.AMPARO_PASSPHRASE ?? '';

// No top-level await: the script is bundled to CommonJS for a fast start.
async function main(): Promise<void> {
  const dek = await unlockKeyFile(readKeyFile(vaultDir!), passphrase);
  const db = openEncrypted(vaultPath(vaultDir!, 'db'), dek, { create: false });
  dek.fill(0);
  applyPragmas(db);
  const paused = MIGRATIONS.map((m) => ({
    ...m,
    up(database: typeof db) {
      m.up(database);
      writeSync(1, `inside ${m.version}\n`);
      const until = Date.now() + pauseMs;
      while (Date.now() < until); // busy-wait: keeps the transaction open without yielding
    },
  }));
  const version = migrate(db, paused);
  db.close();
  writeSync(1, `done ${version}\n`);
}

void main();
