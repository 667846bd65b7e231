import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Decrypter } from 'age-encryption';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackup, writeBackupFile } from '../../electron/core/maintenance/backup';
import { DATABASE_ENTRY, MANIFEST_ENTRY } from '../../electron/core/maintenance/backup-format';
import { restoreVault } from '../../electron/core/maintenance/restore';
import { dispatch } from '../../electron/core/dispatch';
import { readTar } from '../../electron/core/sync/tarball';
import { AmparoError } from '../../shared/errors';
import { runCliInProcess } from '../helpers/cli';
import {
  FAST_KDF,
  FAST_SCRYPT,
  findMarkers,
  hashTree,
  makeTempDir,
  manualClock,
  PASSPHRASE,
  removeTempDirs,
  testService,
  unlockedService,
} from '../helpers/vault';

// Backup and restore against real encrypted vaults: the backup is an age file a passphrase opens, the
// restore makes a new vault with a new key, and nothing plaintext reaches the disk on the way.

afterEach(removeTempDirs);

const MARKER = 'MARKER-bk-5e1d-Quispe';

async function vaultWithPeople() {
  const clock = manualClock();
  const { service, vaultDir } = await unlockedService({ clock });
  const handlers = service.handlers;
  const ana = await handlers['person:create']({
    givenName: 'Ana',
    familyName: MARKER,
    notes: `${MARKER} notes`,
  });
  await handlers['person:create']({ givenName: 'Luis', familyName: 'Ramos' });
  return { service, vaultDir, clock, ana };
}

async function code(promise: unknown): Promise<string> {
  try {
    await Promise.resolve(promise);
    return 'OK';
  } catch (error) {
    return error instanceof AmparoError ? error.code : `THROWN ${String(error)}`;
  }
}

describe('backup', () => {
  it('is an age file that the passphrase opens, holding a manifest and the SQLite image', async () => {
    const { service, clock } = await vaultWithPeople();
    const bytes = await createBackup(service.context.session().db, PASSPHRASE, clock, FAST_SCRYPT);
    expect(Buffer.from(bytes.subarray(0, 21)).toString('latin1')).toBe('age-encryption.org/v1');
    expect(Buffer.from(bytes).includes(MARKER)).toBe(false);
    const decrypter = new Decrypter();
    decrypter.addPassphrase(PASSPHRASE);
    const tar = await decrypter.decrypt(bytes);
    const entries = readTar(tar, { [MANIFEST_ENTRY]: 65536, [DATABASE_ENTRY]: 1e9 });
    const manifest = JSON.parse(Buffer.from(entries.get(MANIFEST_ENTRY)!).toString('utf8'));
    expect(manifest).toMatchObject({
      format: 'amparo-backup',
      version: 1,
      createdAt: clock.now().toISOString(),
    });
    const image = Buffer.from(entries.get(DATABASE_ENTRY)!);
    expect(image.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    expect(image.includes(MARKER)).toBe(true);
    service.close();
  });

  it('is consistent while the app keeps the vault open: a second connection backs up committed data', async () => {
    const { service, vaultDir, clock } = await vaultWithPeople();
    // The app (service) stays unlocked; a CLI-like second service opens the same vault and backs it up.
    const cli = testService(vaultDir, { clock });
    await cli.handlers['vault:unlock']({ passphrase: PASSPHRASE });
    await service.handlers['person:create']({ givenName: 'Late', familyName: 'Arrival' });
    const bytes = await createBackup(cli.context.session().db, PASSPHRASE, clock, FAST_SCRYPT);
    cli.close();
    service.close();
    const target = join(makeTempDir(), 'restored');
    await restoreVault(bytes, target, PASSPHRASE, PASSPHRASE, { kdf: FAST_KDF });
    const restored = testService(target);
    await restored.handlers['vault:unlock']({ passphrase: PASSPHRASE });
    const names = (await restored.handlers['person:list']({})).rows.map((p) => p.givenName).sort();
    expect(names).toEqual(['Ana', 'Late', 'Luis']);
    restored.close();
  });

  it('writes a new 0600 file and never replaces an existing one', async () => {
    const { service, clock } = await vaultWithPeople();
    const out = join(makeTempDir(), 'b.age');
    const bytes = await createBackup(service.context.session().db, PASSPHRASE, clock, FAST_SCRYPT);
    writeBackupFile(out, bytes);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(findMarkers(join(out, '..'), [MARKER])).toEqual([]);
    expect(() => writeBackupFile(out, new Uint8Array([1]))).toThrow(/already exists/);
    expect(readFileSync(out).equals(Buffer.from(bytes))).toBe(true);
    service.close();
  });

  it('backup:create answers LOCKED when locked and refuses a short passphrase', async () => {
    const { service } = await vaultWithPeople();
    const short = await dispatch(service.handlers, 'backup:create', { passphrase: 'short' });
    expect(short.ok ? 'OK' : short.error.code).toBe('INVALID_INPUT');
    service.lock('manual');
    const locked = await dispatch(service.handlers, 'backup:create', { passphrase: PASSPHRASE });
    expect(locked.ok ? 'OK' : locked.error.code).toBe('LOCKED');
    service.close();
  });
});

describe('restore', () => {
  it('round-trips into a new encrypted vault with a new key and new passphrase', async () => {
    const { service, vaultDir, clock, ana } = await vaultWithPeople();
    const bytes = await createBackup(service.context.session().db, PASSPHRASE, clock, FAST_SCRYPT);
    service.close();
    const target = join(makeTempDir(), 'restored');
    const next = 'a different passphrase 42';
    const result = await restoreVault(bytes, target, PASSPHRASE, next, { kdf: FAST_KDF });
    expect(result.createdAt).toBe(clock.now().toISOString());

    const header = readFileSync(join(target, 'vault.db')).subarray(0, 16).toString('latin1');
    expect(header).not.toBe('SQLite format 3\0');
    expect(findMarkers(target, [MARKER])).toEqual([]);
    expect(statSync(join(target, 'vault.db')).mode & 0o777).toBe(0o600);
    // A fresh database key: the wrapped key differs from the original vault's.
    const keyOf = (dir: string) =>
      JSON.parse(readFileSync(join(dir, 'vault.key.json'), 'utf8')).wrap.ciphertext;
    expect(keyOf(target)).not.toBe(keyOf(vaultDir));

    const restored = testService(target);
    expect(await code(restored.handlers['vault:unlock']({ passphrase: PASSPHRASE }))).toBe(
      'WRONG_PASSPHRASE',
    );
    await restored.handlers['vault:unlock']({ passphrase: next });
    const db = restored.context.session().db;
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(await restored.handlers['person:get']({ id: ana.id })).toMatchObject({ notes: `${MARKER} notes` });
    // The search index (a contentless FTS5 table, rows keyed by the people rowid) came along.
    const found = await restored.handlers['person:list']({ search: MARKER.slice(0, 12) });
    expect(found.rows.map((p) => p.id)).toEqual([ana.id]);
    // Writes work and the audit chain still verifies.
    await restored.handlers['person:update']({ id: ana.id, patch: { givenName: 'Ana María' } });
    expect(await restored.handlers['audit:verify'](undefined)).toMatchObject({ ok: true });
    restored.close();
    const original = testService(vaultDir);
    await original.handlers['vault:unlock']({ passphrase: PASSPHRASE });
    const schema = (s: typeof original) =>
      s.context
        .session()
        .db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name')
        .all();
    const restoredAgain = testService(target);
    await restoredAgain.handlers['vault:unlock']({ passphrase: next });
    expect(schema(restoredAgain)).toEqual(schema(original));
    original.close();
    restoredAgain.close();
  });

  it('never overwrites an existing vault, and a wrong passphrase or damaged file creates nothing', async () => {
    const { service, vaultDir, clock } = await vaultWithPeople();
    const bytes = await createBackup(service.context.session().db, PASSPHRASE, clock, FAST_SCRYPT);
    service.close();
    const before = hashTree(vaultDir);
    expect(await code(restoreVault(bytes, vaultDir, PASSPHRASE, PASSPHRASE, { kdf: FAST_KDF }))).toBe(
      'VAULT_EXISTS',
    );
    expect(hashTree(vaultDir)).toEqual(before);

    const target = join(makeTempDir(), 'restored');
    expect(await code(restoreVault(bytes, target, 'not the passphrase', PASSPHRASE, { kdf: FAST_KDF }))).toBe(
      'WRONG_PASSPHRASE',
    );
    expect(await code(restoreVault(bytes, target, PASSPHRASE, 'short', { kdf: FAST_KDF }))).toBe(
      'WEAK_PASSPHRASE',
    );
    const flipped = Uint8Array.from(bytes);
    flipped[flipped.length - 20]! ^= 1;
    expect(await code(restoreVault(flipped, target, PASSPHRASE, PASSPHRASE, { kdf: FAST_KDF }))).not.toBe(
      'OK',
    );
    expect(await code(restoreVault(Buffer.from('not a backup'), target, PASSPHRASE, PASSPHRASE))).toBe(
      'VAULT_CORRUPT',
    );
    expect(existsSync(join(target, 'vault.key.json')) || existsSync(join(target, 'vault.db'))).toBe(false);
  });
});

describe('stock age', () => {
  it('age -d opens a backup (or the test says why it cannot run)', async (ctx) => {
    if (!existsSync('/usr/bin/age')) {
      process.stdout.write('skip: /usr/bin/age is not installed\n');
      ctx.skip();
    }
    const { spawnSync } = await import('node:child_process');
    if (!existsSync('/usr/bin/script')) {
      process.stdout.write('skip: age reads passphrases from a terminal only, and script(1) is missing\n');
      ctx.skip();
    }
    const { service, clock } = await vaultWithPeople();
    const dir = makeTempDir();
    const file = join(dir, 'b.age');
    writeBackupFile(file, await createBackup(service.context.session().db, PASSPHRASE, clock, FAST_SCRYPT));
    service.close();
    const tarPath = join(dir, 'out.tar');
    // age reads a passphrase only from the terminal: script(1) gives it a pseudo-terminal fed from stdin.
    const run = spawnSync('/usr/bin/script', ['-qec', `/usr/bin/age -d -o ${tarPath} ${file}`, '/dev/null'], {
      input: `${PASSPHRASE}\n`,
      timeout: 30_000,
    });
    expect(run.status).toBe(0);
    const entries = readTar(readFileSync(tarPath), { [MANIFEST_ENTRY]: 65536, [DATABASE_ENTRY]: 1e9 });
    expect(Buffer.from(entries.get(DATABASE_ENTRY)!).includes(MARKER)).toBe(true);
    writeFileSync(tarPath, '');
  });
});

describe('CLI backup and restore', () => {
  it('amparo backup FILE, then amparo restore FILE --vault NEWDIR, then status on the new vault', async () => {
    const { service, vaultDir } = await vaultWithPeople();
    service.close();
    const dir = makeTempDir();
    const file = join(dir, 'office.age');
    const env = { AMPARO_PASSPHRASE: PASSPHRASE };
    const backup = await runCliInProcess(['backup', file, '--vault', vaultDir], env);
    expect(backup).toMatchObject({ code: 0 });
    expect(JSON.parse(backup.stdout)).toMatchObject({ file });
    expect(backup.stderr).toContain('warning');
    expect(findMarkers(dir, [MARKER])).toEqual([]);
    // The file exists now: a second backup to the same name is refused, the first stays intact.
    const again = await runCliInProcess(['backup', file, '--vault', vaultDir], env);
    expect(again.code).toBe(1);

    const target = join(dir, 'restored');
    const restored = await runCliInProcess(['restore', file, '--vault', target], env);
    expect(restored).toMatchObject({ code: 0 });
    const status = await runCliInProcess(['status', '--vault', target], env);
    expect(JSON.parse(status.stdout)).toMatchObject({ office: 'Test Office', state: 'unlocked' });
    const overwrite = await runCliInProcess(['restore', file, '--vault', vaultDir], env);
    expect(overwrite.code).toBe(2);
    expect(overwrite.stderr).toContain('VAULT_EXISTS');

    // A separate backup passphrase: the vault passphrase no longer opens the backup.
    const other = join(dir, 'other.age');
    const passFile = join(dir, 'backup-pass');
    writeFileSync(passFile, 'a separate backup passphrase\n', { mode: 0o600 });
    expect(
      (
        await runCliInProcess(
          ['backup', other, '--backup-passphrase-file', passFile, '--vault', vaultDir],
          env,
        )
      ).code,
    ).toBe(0);
    const wrong = await runCliInProcess(['restore', other, '--vault', join(dir, 'r2')], env);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('WRONG_PASSPHRASE');
  });
});
