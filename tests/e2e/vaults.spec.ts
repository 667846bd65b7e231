import { readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Page } from '@playwright/test';
import { PASSPHRASE } from '../helpers/vault';
import { expect, snap, test } from './fixtures';

// Managing vaults from the UI, as a user: a backup made in Settings is restored on another "computer"
// (a fresh harness whose vault folder is absent) from the first-run screen; and a training vault made
// from Settings opens with an unmistakable banner and synthetic people, while the office vault, chosen
// again on the unlock screen, shows only the real case.

const RESTORED_PASSPHRASE = 'a passphrase for the restored vault';
const TRAINING_PASSPHRASE = 'training day passphrase';

const TEXT = {
  en: {
    office: 'Office name',
    passphrase: 'Passphrase',
    confirm: 'Repeat the passphrase',
    create: 'Create vault',
    settings: 'Settings',
    trainingTab: 'Training',
    people: 'People',
    lock: /Lock now/,
    trainingForm: 'Training vault',
    trainingPassphrase: 'Training vault passphrase',
    trainingConfirm: 'Repeat the training vault passphrase',
    trainingCreate: 'Create and open the training vault',
    banner: 'Training vault — synthetic data',
    peopleCount: (n: number) => `${n} people`,
    which: 'Vault to open',
    officeVault: 'Office vault (real cases)',
    trainingVault: 'Training vault (synthetic data)',
    unlock: 'Unlock',
    back: 'Lock and return to the office vault',
    remove: 'Delete the training vault',
  },
  es: {
    office: 'Nombre de la oficina',
    passphrase: 'Frase de contraseña',
    confirm: 'Repite la frase de contraseña',
    create: 'Crear bóveda',
    settings: 'Configuración',
    trainingTab: 'Capacitación',
    people: 'Personas',
    lock: /Bloquear ahora/,
    trainingForm: 'Bóveda de capacitación',
    trainingPassphrase: 'Frase de contraseña de la bóveda de capacitación',
    trainingConfirm: 'Repite la frase de contraseña de la bóveda de capacitación',
    trainingCreate: 'Crear y abrir la bóveda de capacitación',
    banner: 'Bóveda de capacitación — datos sintéticos',
    peopleCount: (n: number) => `${n} personas`,
    which: 'Bóveda que quieres abrir',
    officeVault: 'Bóveda de la oficina (casos reales)',
    trainingVault: 'Bóveda de capacitación (datos sintéticos)',
    unlock: 'Desbloquear',
    back: 'Bloquear y volver a la bóveda de la oficina',
    remove: 'Eliminar la bóveda de capacitación',
  },
} as const;

async function createOffice(page: Page, t: (typeof TEXT)['en' | 'es']): Promise<void> {
  await page.getByLabel(t.office).fill('Oakland RRN');
  await page.getByLabel(t.passphrase, { exact: true }).fill(PASSPHRASE);
  await page.getByLabel(t.confirm).fill(PASSPHRASE);
  await page.getByRole('button', { name: t.create }).click();
  await expect(page.getByRole('button', { name: t.settings })).toBeVisible();
}

test('a backup made in Settings is restored from the first-run screen of another computer (en)', async ({
  open,
}, testInfo) => {
  const first = await open({ lang: 'en' });
  await createOffice(first.page, TEXT.en);
  await first.service.handlers['person:create']({ givenName: 'Rosa', familyName: 'Restaurada' });
  await first.service.handlers['person:create']({ givenName: 'Luis', familyName: 'Ramos' });
  await first.page.getByRole('button', { name: 'Settings' }).click();
  await first.page.getByRole('button', { name: 'Backup', exact: true }).click();
  const backupForm = first.page.getByRole('form', { name: 'Encrypted backup' });
  await expect(backupForm).toContainText('Restore from a backup');
  await backupForm.getByLabel('Backup passphrase', { exact: true }).fill(PASSPHRASE);
  await backupForm.getByLabel('Repeat the backup passphrase').fill(PASSPHRASE);
  const downloading = first.page.waitForEvent('download');
  await backupForm.getByRole('button', { name: 'Back up now' }).click();
  const backupFile = await (await downloading).path();

  // Another computer: nothing in its vault folder yet.
  const { page, service } = await open({ lang: 'en' });
  await page.getByRole('button', { name: 'Restore from a backup' }).click();
  const form = page.getByRole('form', { name: 'Restore from a backup' });
  await expect(form).toContainText('it never overwrites one');

  // A file that is not a backup: refused, translated, nothing written.
  await form.getByLabel('Backup file (.age)').setInputFiles({
    name: 'notes.age',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from('these are not the records you are looking for'),
  });
  await form.getByLabel('Backup passphrase', { exact: true }).fill(PASSPHRASE);
  await form.getByLabel('Passphrase for the restored vault', { exact: true }).fill(RESTORED_PASSPHRASE);
  await form.getByLabel('Repeat the passphrase for the restored vault').fill(RESTORED_PASSPHRASE);
  await form.getByRole('button', { name: 'Restore' }).click();
  await expect(form.getByRole('alert')).toHaveText(
    'This file is not an Amparo backup, or it is damaged. Nothing was written.',
  );

  // The real backup with a wrong passphrase: refused, nothing written.
  await form.getByLabel('Backup file (.age)').setInputFiles(backupFile);
  await expect(form).toContainText('Chosen:');
  await form.getByLabel('Backup passphrase', { exact: true }).fill('not the backup passphrase');
  await form.getByRole('button', { name: 'Restore' }).click();
  await expect(form.getByRole('alert')).toHaveText(
    'That passphrase does not open this backup, or the file is damaged. Nothing was written.',
  );
  expect(await service.handlers['vault:status'](undefined)).toMatchObject({ state: 'absent' });
  await snap(page, testInfo, 'restore-wrong-passphrase-en');

  await form.getByLabel('Backup passphrase', { exact: true }).fill(PASSPHRASE);
  await form.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByRole('heading', { name: 'Unlock the vault' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('status')).toHaveText(
    'The backup was restored. Unlock it with the passphrase you just chose.',
  );
  // No training vault on this computer, so no choice of vault either.
  await expect(page.getByRole('group', { name: 'Vault to open' })).toHaveCount(0);
  await page.getByLabel('Passphrase', { exact: true }).fill(RESTORED_PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByText('Office: Oakland RRN')).toBeVisible();
  await page.getByRole('button', { name: 'People' }).click();
  await expect(page.getByRole('button', { name: 'Restaurada, Rosa' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ramos, Luis' })).toBeVisible();
  await snap(page, testInfo, 'restore-people-en');
  // The restored vault lives in this computer's own vault folder, with nothing else beside it.
  const folder = dirname(service.vaultDir);
  expect(readdirSync(folder).sort()).toEqual(['vault']);
  expect(readFileSync(backupFile).includes('Restaurada')).toBe(false);
});

test('the restore screen speaks Spanish', async ({ open }, testInfo) => {
  const { page } = await open({ lang: 'es' });
  // By keyboard: the offer is a real button.
  await page.getByRole('button', { name: 'Restaurar desde una copia' }).focus();
  await page.keyboard.press('Enter');
  const form = page.getByRole('form', { name: 'Restaurar desde una copia de seguridad' });
  await form.getByLabel('Archivo de la copia (.age)').setInputFiles({
    name: 'otra-cosa.age',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from('no es una copia'),
  });
  await form.getByLabel('Frase de contraseña de la copia', { exact: true }).fill(PASSPHRASE);
  await form
    .getByLabel('Frase de contraseña de la bóveda restaurada', { exact: true })
    .fill(RESTORED_PASSPHRASE);
  await form.getByLabel('Repite la frase de contraseña de la bóveda restaurada').fill(RESTORED_PASSPHRASE);
  await form.getByRole('button', { name: 'Restaurar' }).click();
  await expect(form.getByRole('alert')).toHaveText(
    'Este archivo no es una copia de Amparo, o está dañado. No se escribió nada.',
  );
  await snap(page, testInfo, 'restore-es');
  await form.getByRole('button', { name: 'Volver' }).click();
  await expect(page.getByLabel('Nombre de la oficina')).toBeVisible();
});

for (const lang of ['en', 'es'] as const) {
  const t = TEXT[lang];
  test(`a training vault from Settings: banner, synthetic people, then back to the office vault (${lang})`, async ({
    open,
  }, testInfo) => {
    const { page, service } = await open({ lang });
    await createOffice(page, t);
    await service.handlers['person:create']({ givenName: 'Verónica', familyName: 'Verdadera' });
    await expect(page.getByRole('region', { name: t.banner })).toHaveCount(0);

    await page.getByRole('button', { name: t.settings }).click();
    await page.getByRole('button', { name: t.trainingTab, exact: true }).click();
    const training = page.getByRole('form', { name: t.trainingForm });
    await training.getByLabel(t.trainingPassphrase, { exact: true }).fill(TRAINING_PASSPHRASE);
    await training.getByLabel(t.trainingConfirm).fill(TRAINING_PASSPHRASE);
    await training.scrollIntoViewIfNeeded();
    await snap(page, testInfo, `settings-training-${lang}`);
    await training.getByRole('button', { name: t.trainingCreate }).click();

    const banner = page.getByRole('region', { name: t.banner });
    await expect(banner).toBeVisible({ timeout: 30_000 });
    await page.getByRole('button', { name: t.people }).click();
    await expect(banner).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: t.peopleCount(200) })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Verdadera, Verónica' })).toHaveCount(0);
    // The window title names no vault, office or person.
    expect(await page.title()).toBe('Amparo');
    await snap(page, testInfo, `training-people-${lang}`);

    // Lock: the unlock screen now offers both vaults; the office passphrase opens the office vault.
    await page.getByRole('button', { name: t.lock }).click();
    const which = page.getByRole('group', { name: t.which });
    await expect(which).toBeVisible();
    await expect(which.getByLabel(t.officeVault)).toBeChecked();
    await snap(page, testInfo, `unlock-choose-vault-${lang}`);
    await page.getByLabel(t.passphrase, { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: t.unlock }).click();
    await page.getByRole('button', { name: t.people }).click();
    await expect(page.getByRole('status').filter({ hasText: /^1 / })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Verdadera, Verónica' })).toBeVisible();
    await expect(page.getByRole('region', { name: t.banner })).toHaveCount(0);

    // And back into the training vault with its own passphrase, from the unlock screen's choice.
    await page.getByRole('button', { name: t.lock }).click();
    await page.getByLabel(t.trainingVault).check();
    await page.getByLabel(t.passphrase, { exact: true }).fill(TRAINING_PASSPHRASE);
    await page.getByRole('button', { name: t.unlock }).click();
    await expect(page.getByRole('region', { name: t.banner })).toBeVisible();
    await page.getByRole('button', { name: t.settings }).click();
    await page.getByRole('button', { name: t.trainingTab, exact: true }).click();
    await page.getByRole('button', { name: t.back }).click();
    await expect(page.getByRole('group', { name: t.which }).getByLabel(t.officeVault)).toBeChecked();
    expect(service.isUnlocked()).toBe(false);

    // After the training, from the office vault: delete the training vault; the unlock screen no longer asks.
    await page.getByLabel(t.passphrase, { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: t.unlock }).click();
    await page.getByRole('button', { name: t.settings }).click();
    await page.getByRole('button', { name: t.trainingTab, exact: true }).click();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: t.remove }).click();
    await expect(page.getByRole('form', { name: t.trainingForm })).toBeVisible();
    await page.getByRole('button', { name: t.lock }).click();
    await expect(page.getByLabel(t.passphrase, { exact: true })).toBeVisible();
    await expect(page.getByRole('group', { name: t.which })).toHaveCount(0);
  });
}
