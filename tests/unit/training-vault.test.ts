import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/dispatch';
import type { FeatureModule } from '../../electron/core/kernel/feature-module';
import { FEATURES } from '../../electron/core/feature-list';
import { TRAINING_DATA, trainingVaultDir } from '../../electron/core/training';
import { hashTree, PASSPHRASE, removeTempDirs, unlockedService } from '../helpers/vault';

// The training vault: a second vault beside the office vault, made from an unlocked office
// vault with its own passphrase and filled with synthetic records. Only one vault is open at a time,
// switching goes through the lock screen, and the real records never appear in it (nor the reverse).

afterEach(removeTempDirs);

const TRAINING_PASSPHRASE = 'training day passphrase';
const REAL = 'Realcase-7c1e';

async function officeWithOneCase() {
  const setup = await unlockedService({ officeName: 'Oakland RRN' });
  await setup.service.handlers['person:create']({ givenName: 'Ana', familyName: REAL });
  return setup;
}

const outcome = async (run: () => unknown) => {
  try {
    await run();
    return 'OK';
  } catch (error) {
    return (error as { code?: string }).code ?? 'THROWN';
  }
};

describe('training vault', () => {
  it('is created beside the office vault, filled with synthetic data, and opened instead of the office', async () => {
    const { service, vaultDir } = await officeWithOneCase();
    const officeDb = service.context.session().db;
    const officeKey = hashTree(vaultDir)['vault.key.json'];
    expect(service.handlers['vault:status'](undefined)).toMatchObject({
      vault: 'office',
      trainingVault: false,
    });

    const status = await service.handlers['vault:createTraining']({
      officeName: 'Training office',
      passphrase: TRAINING_PASSPHRASE,
    });
    expect(status).toMatchObject({
      state: 'unlocked',
      vault: 'training',
      trainingVault: true,
      office: 'Training office',
      fingerprint: expect.stringMatching(/^[0-9]{60}$/),
    });
    // The office vault was closed (its key went with the handle; closing folds its WAL back) and its key
    // file is untouched; nothing of the training vault is written into the office folder.
    expect(officeDb.open).toBe(false);
    expect(hashTree(vaultDir)).toEqual({ 'vault.db': expect.any(String), 'vault.key.json': officeKey });
    const dir = trainingVaultDir(vaultDir);
    expect(dir).toBe(`${vaultDir}-training`);
    expect(existsSync(join(dir, 'vault.key.json'))).toBe(true);
    expect(readFileSync(join(dir, 'vault.db')).subarray(0, 15).toString('latin1')).not.toBe(
      'SQLite format 3',
    );

    const people = await service.handlers['person:list']({ limit: 500 });
    expect(people.total).toBe(TRAINING_DATA.people);
    expect(people.rows.some((p) => p.familyName === REAL)).toBe(false);
    expect((await service.handlers['volunteer:list']({})).total).toBe(TRAINING_DATA.volunteers);
    // Spanish and English names both: faker's es_MX and en_US locales.
    expect(people.rows.some((p) => /[áéíóúñ]/i.test(`${p.givenName}${p.familyName}`))).toBe(true);
    service.close();
  });

  it('lock, then the unlock screen chooses: the office passphrase opens the office, without training data', async () => {
    const { service } = await officeWithOneCase();
    await service.handlers['vault:createTraining']({
      officeName: 'Training',
      passphrase: TRAINING_PASSPHRASE,
    });
    service.lock('manual');
    expect(service.handlers['vault:status'](undefined)).toEqual({
      state: 'locked',
      office: null,
      fingerprint: null,
      schemaVersion: null,
      vault: null,
      trainingVault: true,
    });
    // Each vault opens only with its own passphrase.
    const wrong = await dispatch(service.handlers, 'vault:unlock', {
      passphrase: PASSPHRASE,
      vault: 'training',
    });
    expect(wrong.ok ? 'OK' : wrong.error.code).toBe('WRONG_PASSPHRASE');
    expect(await outcome(() => service.handlers['vault:unlock']({ passphrase: TRAINING_PASSPHRASE }))).toBe(
      'WRONG_PASSPHRASE',
    );

    expect(await service.handlers['vault:unlock']({ passphrase: PASSPHRASE })).toMatchObject({
      vault: 'office',
      office: 'Oakland RRN',
    });
    const office = await service.handlers['person:list']({});
    expect(office.rows.map((p) => p.familyName)).toEqual([REAL]);
    // Switching never happens behind the lock screen's back.
    expect(
      await outcome(() =>
        service.handlers['vault:unlock']({ passphrase: TRAINING_PASSPHRASE, vault: 'training' }),
      ),
    ).toBe('CONFLICT');
    expect(
      await outcome(() =>
        service.handlers['vault:createTraining']({ officeName: 'Again', passphrase: TRAINING_PASSPHRASE }),
      ),
    ).toBe('VAULT_EXISTS');

    service.lock('manual');
    expect(
      await service.handlers['vault:unlock']({ passphrase: TRAINING_PASSPHRASE, vault: 'training' }),
    ).toMatchObject({ vault: 'training', office: 'Training' });
    // A passphrase change in the training vault rewraps the training key only.
    await service.handlers['vault:changePassphrase']({
      current: TRAINING_PASSPHRASE,
      next: 'a new training passphrase',
    });
    service.lock('manual');
    expect(await outcome(() => service.handlers['vault:unlock']({ passphrase: PASSPHRASE }))).toBe('OK');
    service.close();
  });

  it('needs the unlocked office vault; unlocking an absent training vault says so', async () => {
    const { service } = await officeWithOneCase();
    service.lock('manual');
    const locked = await dispatch(service.handlers, 'vault:createTraining', {
      officeName: 'Training',
      passphrase: TRAINING_PASSPHRASE,
    });
    expect(locked.ok ? 'OK' : locked.error.code).toBe('LOCKED');
    const absent = await dispatch(service.handlers, 'vault:unlock', {
      passphrase: TRAINING_PASSPHRASE,
      vault: 'training',
    });
    expect(absent.ok ? 'OK' : absent.error.code).toBe('VAULT_NOT_FOUND');
    const short = await dispatch(service.handlers, 'vault:createTraining', {
      officeName: 'Training',
      passphrase: 'short',
    });
    expect(short.ok ? 'OK' : short.error.code).toBe('INVALID_INPUT');
    service.close();
  });

  it('is deleted only from the unlocked office vault, and a new one can be made afterwards', async () => {
    const { service, vaultDir } = await officeWithOneCase();
    await service.handlers['vault:createTraining']({
      officeName: 'Training',
      passphrase: TRAINING_PASSPHRASE,
    });
    expect(await outcome(() => service.handlers['vault:deleteTraining'](undefined))).toBe('CONFLICT');
    service.lock('manual');
    expect(await outcome(() => service.handlers['vault:deleteTraining'](undefined))).toBe('LOCKED');
    await service.handlers['vault:unlock']({ passphrase: PASSPHRASE });
    const officeKey = hashTree(vaultDir)['vault.key.json'];
    expect(service.handlers['vault:deleteTraining'](undefined)).toMatchObject({
      vault: 'office',
      trainingVault: false,
    });
    expect(existsSync(trainingVaultDir(vaultDir))).toBe(false);
    expect(hashTree(vaultDir)['vault.key.json']).toBe(officeKey);
    expect((await service.handlers['person:list']({})).total).toBe(1);
    expect(
      await service.handlers['vault:createTraining']({ officeName: 'Next', passphrase: TRAINING_PASSPHRASE }),
    ).toMatchObject({ vault: 'training', office: 'Next' });
    service.close();
  });

  it('an idle lock while the training vault is being made wins: nothing is left unlocked', async () => {
    const { service } = await officeWithOneCase();
    const creating = service.handlers['vault:createTraining']({
      officeName: 'Training',
      passphrase: TRAINING_PASSPHRASE,
    });
    service.lock('idle'); // the Argon2id derivation is still running
    expect(await outcome(() => creating)).toBe('LOCKED');
    expect(service.isUnlocked()).toBe(false);
    expect(service.handlers['vault:status'](undefined)).toMatchObject({
      state: 'locked',
      trainingVault: true,
    });
    service.close();
  });

  it('a failed setup removes the half-made training vault and keeps the office vault open', async () => {
    let fail = false;
    const saboteur: FeatureModule = {
      name: 'saboteur',
      handlers: () => ({}),
      onCreate: () => {
        if (fail) throw new Error('disk full');
      },
    };
    const { service, vaultDir } = await unlockedService({ features: [...FEATURES, saboteur] });
    fail = true;
    expect(
      await outcome(() =>
        service.handlers['vault:createTraining']({ officeName: 'Training', passphrase: TRAINING_PASSPHRASE }),
      ),
    ).not.toBe('OK');
    expect(existsSync(trainingVaultDir(vaultDir))).toBe(false);
    expect(service.handlers['vault:status'](undefined)).toMatchObject({
      state: 'unlocked',
      vault: 'office',
      trainingVault: false,
    });
    service.close();
  });
});
