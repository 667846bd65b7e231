import { openSync, readSync, closeSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AmparoService } from '../../electron/core/kernel/context';
import { dispatch } from '../../electron/core/dispatch';
import { PASSPHRASE, removeTempDirs, testService, unlockedService } from '../helpers/vault';
import { runCliInProcess } from '../helpers/cli';

// A damaged page of the encrypted vault fails its HMAC, and SQLite answers SQLITE_CORRUPT wherever that
// page is read: while unlocking, or in any later call. The user must hear that the vault is damaged
// (VAULT_CORRUPT, with the advice to restore a backup), never "something went wrong inside Amparo".

afterEach(removeTempDirs);

/** A vault with enough people to span many pages, locked (so everything is checkpointed into vault.db). */
async function lockedVaultWithPages() {
  const { service, vaultDir } = await unlockedService();
  for (let i = 0; i < 40; i++) {
    await service.handlers['person:create']({
      givenName: `Person ${i}`,
      familyName: `Family ${i}`,
      notes: 'x'.repeat(400),
    });
  }
  const db = service.context.session().db;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const root = (name: string) =>
    (db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').get(name) as { rootpage: number })
      .rootpage;
  const pages = { office: root('office'), people: root('people') };
  service.close();
  return { vaultDir, pageSize, pages };
}

/** Flips bytes in the middle of page `page` (1-based) of vault.db. */
function damagePage(vaultDir: string, pageSize: number, page: number): void {
  const fd = openSync(join(vaultDir, 'vault.db'), 'r+');
  try {
    const offset = (page - 1) * pageSize + pageSize / 2;
    const bytes = Buffer.alloc(16);
    readSync(fd, bytes, 0, bytes.length, offset);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (bytes[i] as number) ^ 0xa5;
    writeSync(fd, bytes, 0, bytes.length, offset);
  } finally {
    closeSync(fd);
  }
}

async function codeOf(service: AmparoService, channel: string, input: unknown) {
  const result = await dispatch(service.handlers, channel, input, () => {
    throw new Error('a damaged page must not be reported as an internal error');
  });
  return result.ok ? { code: 'OK', message: '' } : result.error;
}

describe('a damaged page of the vault database', () => {
  it('read while unlocking: unlock answers VAULT_CORRUPT, not INTERNAL', async () => {
    const { vaultDir, pageSize, pages } = await lockedVaultWithPages();
    damagePage(vaultDir, pageSize, pages.office);
    const service = testService(vaultDir);
    const unlock = await codeOf(service, 'vault:unlock', { passphrase: PASSPHRASE });
    expect(unlock.code).toBe('VAULT_CORRUPT');
    expect(unlock.message).toMatch(/damaged/);
    expect(unlock.message).toMatch(/backup/);
    expect(unlock.message).not.toMatch(/malformed|SQLITE/i);
    expect(service.isUnlocked()).toBe(false);
    service.close();
  });

  it('read by a later call: the call answers VAULT_CORRUPT, the CLI exits 2', async () => {
    const { vaultDir, pageSize, pages } = await lockedVaultWithPages();
    damagePage(vaultDir, pageSize, pages.people);
    const service = testService(vaultDir);
    expect((await codeOf(service, 'vault:unlock', { passphrase: PASSPHRASE })).code).toBe('OK');
    const list = await codeOf(service, 'person:list', {});
    expect(list.code).toBe('VAULT_CORRUPT');
    expect(list.message).not.toMatch(/malformed|SQLITE/i);
    service.close();

    const cli = await runCliInProcess(['--vault', vaultDir, 'list', 'person'], {
      AMPARO_PASSPHRASE: PASSPHRASE,
    });
    expect(cli.code).toBe(2);
    expect(JSON.parse(cli.stderr.trim().split('\n').pop() as string)).toMatchObject({
      error: { code: 'VAULT_CORRUPT' },
    });
  });
});
