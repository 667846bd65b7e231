import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackup } from '../../electron/core/maintenance/backup';
import type { AmparoService } from '../../electron/core/kernel/context';
import { dispatch } from '../../electron/core/dispatch';
import type { ChannelInput } from '../../shared/ipc';
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

// Restore from the UI: `vault:restore` takes the backup as bytes and restores into the
// service's own vault folder, which must be absent. A vault that exists (open or locked) is never touched;
// a wrong passphrase or a file that is not a backup leaves the disk exactly as it was.

afterEach(removeTempDirs);

const NEW_PASSPHRASE = 'the restored vault passphrase';

async function backupOfOffice() {
  const clock = manualClock();
  const { service, vaultDir } = await unlockedService({ clock, officeName: 'Oakland RRN' });
  await service.handlers['person:create']({ givenName: 'Ana', familyName: 'Quispe' });
  await service.handlers['person:create']({ givenName: 'Luis', familyName: 'Ramos' });
  const bytes = await createBackup(service.context.session().db, PASSPHRASE, clock, FAST_SCRYPT);
  return { service, vaultDir, clock, backup: Buffer.from(bytes).toString('base64') };
}

async function restore(service: AmparoService, input: Partial<ChannelInput<'vault:restore'>>) {
  const result = await dispatch(service.handlers, 'vault:restore', {
    backupPassphrase: PASSPHRASE,
    newPassphrase: NEW_PASSPHRASE,
    ...input,
  });
  return result.ok ? { code: 'OK', value: result.value } : { code: result.error.code, value: null };
}

describe('vault:restore', () => {
  it('restores into an absent vault folder; the new vault is locked until the new passphrase opens it', async () => {
    const { service: original, backup, clock } = await backupOfOffice();
    original.close();
    const fresh = testService(join(makeTempDir(), 'vault'));
    expect(fresh.handlers['vault:status'](undefined)).toMatchObject({ state: 'absent' });

    const restored = await restore(fresh, { backup });
    expect(restored).toEqual({
      code: 'OK',
      value: {
        status: expect.objectContaining({ state: 'locked', vault: null, office: null }),
        backupCreatedAt: clock.now().toISOString(),
      },
    });
    const wrong = await dispatch(fresh.handlers, 'vault:unlock', { passphrase: PASSPHRASE });
    expect(wrong.ok ? 'OK' : wrong.error.code).toBe('WRONG_PASSPHRASE');
    expect(await fresh.handlers['vault:unlock']({ passphrase: NEW_PASSPHRASE })).toMatchObject({
      state: 'unlocked',
      office: 'Oakland RRN',
      vault: 'office',
    });
    const names = (await fresh.handlers['person:list']({})).rows.map((p) => p.familyName).sort();
    expect(names).toEqual(['Quispe', 'Ramos']);
    expect(await fresh.handlers['audit:verify'](undefined)).toMatchObject({ ok: true });
    fresh.close();
  });

  it('refuses while a vault exists, open or locked, and leaves its files byte-identical', async () => {
    const { service, vaultDir, backup } = await backupOfOffice();
    expect((await restore(service, { backup })).code).toBe('VAULT_EXISTS');
    service.lock('manual');
    const before = hashTree(vaultDir);
    expect((await restore(service, { backup })).code).toBe('VAULT_EXISTS');
    expect(hashTree(vaultDir)).toEqual(before);
    await service.handlers['vault:unlock']({ passphrase: PASSPHRASE });
    expect((await service.handlers['person:list']({})).total).toBe(2);
    service.close();
  });

  it('a wrong passphrase, a file that is not a backup or a damaged backup write nothing', async () => {
    const { service, backup } = await backupOfOffice();
    service.close();
    // The folder already holds prefs.json (the language is chosen before any vault exists).
    const dir = join(makeTempDir(), 'vault');
    const fresh = testService(dir);
    await fresh.handlers['prefs:set']({ language: 'es' });
    const before = hashTree(dir);

    expect((await restore(fresh, { backup, backupPassphrase: 'not the backup passphrase' })).code).toBe(
      'WRONG_PASSPHRASE',
    );
    const notBackup = Buffer.from('just some text, not an age file').toString('base64');
    expect((await restore(fresh, { backup: notBackup })).code).toBe('VAULT_CORRUPT');
    const damaged = Buffer.from(backup, 'base64');
    damaged[damaged.length - 40]! ^= 0xff;
    expect((await restore(fresh, { backup: damaged.toString('base64') })).code).not.toBe('OK');
    expect(hashTree(dir)).toEqual(before);
    expect(fresh.handlers['vault:status'](undefined)).toMatchObject({ state: 'absent' });

    // A folder that did not exist before is not left behind either.
    const none = join(makeTempDir(), 'never');
    const other = testService(none);
    expect((await restore(other, { backup, backupPassphrase: 'wrong wrong wrong' })).code).toBe(
      'WRONG_PASSPHRASE',
    );
    expect(existsSync(none)).toBe(false);
    // And a good restore afterwards still works in the same service.
    expect((await restore(fresh, { backup })).code).toBe('OK');
    expect(readdirSync(dir).sort()).toEqual(['prefs.json', 'vault.db', 'vault.key.json']);
    fresh.close();
    other.close();
  });

  it('validates at the boundary: a short new passphrase or extra keys never reach the core', async () => {
    const fresh = testService(join(makeTempDir(), 'vault'));
    expect((await restore(fresh, { backup: 'AAAA', newPassphrase: 'short' })).code).toBe('INVALID_INPUT');
    const extra = await dispatch(fresh.handlers, 'vault:restore', {
      backup: 'AAAA',
      backupPassphrase: PASSPHRASE,
      newPassphrase: NEW_PASSPHRASE,
      path: '/etc/passwd',
    });
    expect(extra.ok ? 'OK' : extra.error.code).toBe('INVALID_INPUT');
    expect((await restore(fresh, { backup: '' })).code).toBe('INVALID_INPUT');
    fresh.close();
  });
});
