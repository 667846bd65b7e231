import { cpSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AmparoService } from '../../electron/core/kernel/context';
import { createBackup } from '../../electron/core/maintenance/backup';
import { defaultAnchorFile } from '../../electron/core/vault/anchor';
import { runCliInProcess } from '../helpers/cli';
import {
  FAST_SCRYPT,
  hashTree,
  makeTempDir,
  manualClock,
  PASSPHRASE,
  removeTempDirs,
  testService,
  unlockedService,
} from '../helpers/vault';

// The rollback anchor: this computer remembers, outside the vault folder, the newest audit-chain head it
// saw for the vault. An older copy of the folder put back (which silently un-revokes a contact), or a WAL
// that lost committed frames, is a chain without that head: unlock says so in the status, records it in
// the audit log, and `audit verify` reports it.

afterEach(removeTempDirs);

async function office(anchorFile: string, name = 'Oakland RRN') {
  const root = makeTempDir();
  return unlockedService({ vaultDir: join(root, 'vault'), anchorFile, officeName: name });
}

/** Entries in the chain now (a new vault already has some: the seeded facilities). */
const entries = async (service: AmparoService) => (await service.handlers['audit:verify'](undefined)).entries;

const unlock = (service: AmparoService) => service.handlers['vault:unlock']({ passphrase: PASSPHRASE });

/** Puts `copy` back in place of `vaultDir`, as someone with the disk (and no passphrase) could. */
function putBack(copy: string, vaultDir: string): void {
  rmSync(vaultDir, { recursive: true, force: true });
  cpSync(copy, vaultDir, { recursive: true });
}

describe('rollback anchor', () => {
  it('an old copy of the folder put back after a revocation: unlock warns, logs it, audit verify reports it', async () => {
    const anchorFile = join(makeTempDir(), 'profile', 'vault-anchors.json');
    const { service: a, vaultDir } = await office(anchorFile);
    const { service: b } = await unlockedService({ officeName: 'Fresno RRN' });
    const { card } = await b.handlers['card:export'](undefined);
    const partner = await a.handlers['contact:add']({ card });
    await a.handlers['contact:verify']({ fingerprint: partner.fingerprint });
    a.lock('manual');
    const copy = join(makeTempDir(), 'old-copy');
    cpSync(vaultDir, copy, { recursive: true });

    await unlock(a);
    await a.handlers['contact:revoke']({ fingerprint: partner.fingerprint, reason: 'Laptop stolen' });
    a.lock('manual');
    putBack(copy, vaultDir);

    const status = await unlock(a);
    // The revocation is gone with the old copy: exactly what the warning is for.
    const contacts = await a.handlers['contact:list'](undefined);
    expect(contacts.find((c) => c.fingerprint === partner.fingerprint)?.state).toBe('verified');
    expect(status.rollback).toBeDefined();
    const { expectedEntries, foundEntries } = status.rollback as {
      expectedEntries: number;
      foundEntries: number;
    };
    expect(foundEntries).toBeLessThan(expectedEntries);
    expect(a.handlers['vault:status'](undefined)).toMatchObject({
      rollback: { expectedEntries, foundEntries },
    });
    const verify = await a.handlers['audit:verify'](undefined);
    expect(verify).toMatchObject({ ok: true, rollback: { expectedEntries, foundEntries } });
    const entry = a.context
      .session()
      .db.prepare("SELECT kind, fields FROM audit WHERE action = 'rollback'")
      .all() as { kind: string; fields: string }[];
    expect(entry).toEqual([
      {
        kind: 'vault',
        fields: JSON.stringify([`expectedEntries=${expectedEntries}`, `foundEntries=${foundEntries}`]),
      },
    ]);

    // Told once: the next unlock of the same folder has no warning, but the log keeps the finding.
    a.lock('manual');
    expect(await unlock(a)).not.toHaveProperty('rollback');
    expect(await a.handlers['audit:verify'](undefined)).toMatchObject({ rollback: { expectedEntries } });
    a.close();
    b.close();
  });

  it('the CLI (--anchor-file) finds the rollback too, and audit verify warns on stderr', async () => {
    const anchorFile = join(makeTempDir(), 'vault-anchors.json');
    const { service, vaultDir } = await office(anchorFile);
    await service.handlers['person:create']({ givenName: 'Ana', familyName: 'Quispe' });
    const before = await entries(service);
    service.lock('manual');
    const copy = join(makeTempDir(), 'old-copy');
    cpSync(vaultDir, copy, { recursive: true });
    service.close();

    const env = { AMPARO_PASSPHRASE: PASSPHRASE };
    const cli = (...args: string[]) =>
      runCliInProcess(['--vault', vaultDir, '--anchor-file', anchorFile, ...args], env);
    const created = await cli('add', 'person', '--json', '{"givenName":"Luis","familyName":"Ramos"}');
    expect(created.code).toBe(0);
    putBack(copy, vaultDir);

    const verify = await cli('audit', 'verify');
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({
      ok: true,
      rollback: { expectedEntries: before + 1, foundEntries: before },
    });
    expect(verify.stderr).toContain('older than the one last opened on this computer');
  });

  it('the same folder, unchanged, never warns: locks, unlocks, writes and a second process', async () => {
    const anchorFile = join(makeTempDir(), 'vault-anchors.json');
    const { service, vaultDir } = await office(anchorFile);
    for (let round = 0; round < 3; round++) {
      await service.handlers['person:create']({ givenName: `P${round}`, familyName: 'Ramos' });
      await service.handlers['settings:operator']({ name: `Coordinator ${round}` });
      service.lock('manual');
      expect(await unlock(service)).not.toHaveProperty('rollback');
    }
    // The CLI while the app is open: one chain, both keep the anchor current.
    const second = testService(vaultDir, { anchorFile });
    expect(await unlock(second)).not.toHaveProperty('rollback');
    await second.handlers['person:create']({ givenName: 'Late', familyName: 'Arrival' });
    second.close();
    await service.handlers['person:create']({ givenName: 'After', familyName: 'Both' });
    service.lock('manual');
    expect(await unlock(service)).not.toHaveProperty('rollback');
    expect(await service.handlers['audit:verify'](undefined)).not.toHaveProperty('rollback');
    service.close();
  });

  it('writes without an audit entry of their own (the operator name) still move the chain the anchor follows', async () => {
    const anchorFile = join(makeTempDir(), 'vault-anchors.json');
    const { service, vaultDir } = await office(anchorFile);
    const base = await entries(service);
    service.lock('manual');
    const copy = join(makeTempDir(), 'old-copy');
    cpSync(vaultDir, copy, { recursive: true });
    await unlock(service);
    await service.handlers['settings:operator']({ name: 'Coordinator B' });
    const logged = service.context
      .session()
      .db.prepare("SELECT kind, record_id AS recordId, fields FROM audit WHERE action = 'update'")
      .all();
    expect(logged).toEqual([{ kind: 'vault', recordId: 'settings:operator', fields: '[]' }]);
    // Reading, or a dry run whose writes roll back, changes nothing and logs nothing.
    await service.handlers['settings:operator']({});
    await service.handlers['person:list']({});
    const files = hashTree(vaultDir);
    const dry = await service.handlers['csv:import']({
      kind: 'person',
      text: 'givenName,familyName\nAna,Quispe\n',
      dryRun: true,
    });
    expect(dry).toMatchObject({ valid: 1, imported: 0 });
    expect(hashTree(vaultDir)).toEqual(files);
    expect(await entries(service)).toBe(base + 1);
    service.lock('manual');
    putBack(copy, vaultDir);
    expect(await unlock(service)).toMatchObject({
      rollback: { expectedEntries: base + 1, foundEntries: base },
    });
    service.close();
  });

  for (const damage of ['truncated', 'damaged'] as const) {
    it(`a ${damage} WAL that silently lost committed writes is found at unlock`, async () => {
      const anchorFile = join(makeTempDir(), 'vault-anchors.json');
      const { service, vaultDir } = await office(anchorFile);
      await service.handlers['person:create']({ givenName: 'Kept', familyName: 'Ramos' });
      const db = service.context.session().db;
      db.pragma('wal_checkpoint(TRUNCATE)');
      const kept = await entries(service);
      for (const name of ['Lost', 'Also lost']) {
        await service.handlers['person:create']({ givenName: name, familyName: 'Quispe' });
      }
      // What the disk holds if the computer stops now: vault.db and its WAL, both committed.
      const crash = join(makeTempDir(), 'at-crash');
      cpSync(vaultDir, crash, { recursive: true, filter: (path) => !path.endsWith('-shm') });
      service.close();
      putBack(crash, vaultDir);
      const wal = join(vaultDir, 'vault.db-wal');
      const bytes = readFileSync(wal);
      const frame = 24 + (bytes.readUInt32BE(8) as number);
      if (damage === 'truncated') truncateSync(wal, bytes.length - frame);
      else {
        // One flipped bit in the first frame: SQLite stops replaying the WAL there, without an error.
        bytes[32 + 24 + 100] = (bytes[32 + 24 + 100] as number) ^ 1;
        writeFileSync(wal, bytes);
      }

      const reopened = testService(vaultDir, { anchorFile });
      const status = await unlock(reopened);
      const names = (await reopened.handlers['person:list']({})).rows.map((p) => p.givenName);
      expect(names).toContain('Kept');
      expect(names).not.toContain('Also lost');
      expect(status.rollback).toMatchObject({ expectedEntries: kept + 2 });
      expect(status.rollback?.foundEntries).toBeLessThan(kept + 2);
      expect(await reopened.handlers['audit:verify'](undefined)).toMatchObject({
        ok: true,
        rollback: { expectedEntries: kept + 2 },
      });
      reopened.close();
    });
  }

  it('a vault restored from a backup has a new key: no warning for the deliberate step back', async () => {
    const anchorFile = join(makeTempDir(), 'vault-anchors.json');
    const clock = manualClock();
    const { service, vaultDir } = await office(anchorFile);
    await service.handlers['person:create']({ givenName: 'Ana', familyName: 'Quispe' });
    const backup = await createBackup(service.context.session().db, PASSPHRASE, clock, FAST_SCRYPT);
    await service.handlers['person:create']({ givenName: 'Luis', familyName: 'Ramos' });
    service.lock('manual');
    rmSync(vaultDir, { recursive: true });
    await service.handlers['vault:restore']({
      backup: Buffer.from(backup).toString('base64'),
      backupPassphrase: PASSPHRASE,
      newPassphrase: PASSPHRASE,
    });
    expect(await unlock(service)).not.toHaveProperty('rollback');
    service.close();
  });

  it('an old copy from before a passphrase change is still the same vault (same database key)', async () => {
    const anchorFile = join(makeTempDir(), 'vault-anchors.json');
    const { service, vaultDir } = await office(anchorFile);
    await service.handlers['person:create']({ givenName: 'Ana', familyName: 'Quispe' });
    const old = await entries(service);
    service.lock('manual');
    const copy = join(makeTempDir(), 'old-copy');
    cpSync(vaultDir, copy, { recursive: true });
    await unlock(service);
    await service.handlers['person:create']({ givenName: 'Luis', familyName: 'Ramos' });
    const next = 'a brand new passphrase 77';
    await service.handlers['vault:changePassphrase']({ current: PASSPHRASE, next });
    service.lock('manual');
    putBack(copy, vaultDir);
    // The old key file comes back with the folder, so the old passphrase opens it.
    expect(await unlock(service)).toMatchObject({
      rollback: { expectedEntries: old + 1, foundEntries: old },
    });
    service.close();
  });

  it('defaults, for the CLI, to a file beside the vault folder: the app profile for the app’s own vault', () => {
    expect(defaultAnchorFile('/home/ana/.config/Amparo/vault')).toBe(
      '/home/ana/.config/Amparo/vault-anchors.json',
    );
    // The anchor is never inside the folder it guards.
    const dir = makeTempDir();
    const file = defaultAnchorFile(join(dir, 'vault'));
    expect(file.startsWith(join(dir, 'vault') + '/')).toBe(false);
  });
});
