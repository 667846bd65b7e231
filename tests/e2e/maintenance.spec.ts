import { readFileSync } from 'node:fs';
import { manualClock, PASSPHRASE } from '../helpers/vault';
import { expect, snap, test } from './fixtures';

// Settings → backup and retention, as a user: "Back up now" downloads an age-encrypted file (never the
// plaintext), and "Preview a purge" lists exactly who goes before "Purge now" removes them.

const DAY = 24 * 60 * 60 * 1000;

test('backup downloads an encrypted file; a purge is previewed, then done (en)', async ({
  open,
}, testInfo) => {
  const clock = manualClock('2026-01-05T10:00:00.000Z');
  const { page, service } = await open({ lang: 'en', clock });
  await page.getByLabel('Office name').fill('Backup Office');
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('Repeat the passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Create vault' }).click();
  await expect(page.getByRole('navigation', { name: 'Main sections' })).toBeVisible();

  await service.handlers['person:create']({
    givenName: 'Rosa',
    familyName: 'Olvidada',
    caseStatus: 'CLOSED',
  });
  await service.handlers['person:create']({
    givenName: 'Marta',
    familyName: 'Abierta',
    caseStatus: 'ASSIGNED',
  });
  clock.advance(200 * DAY);
  await service.handlers['person:create']({
    givenName: 'Lucía',
    familyName: 'Reciente',
    caseStatus: 'CLOSED',
  });

  await page.getByRole('button', { name: 'Settings' }).click();
  const backup = page.getByRole('form', { name: 'Encrypted backup' });
  await expect(backup.getByRole('note')).toContainText('Keep it as safe as this laptop');
  await backup.getByLabel('Backup passphrase', { exact: true }).fill(PASSPHRASE);
  await backup.getByLabel('Repeat the backup passphrase').fill(PASSPHRASE);
  const downloading = page.waitForEvent('download');
  await backup.getByRole('button', { name: 'Back up now' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^amparo-backup-\d{4}-\d{2}-\d{2}\.age$/);
  const bytes = readFileSync(await download.path());
  expect(bytes.subarray(0, 21).toString('latin1')).toBe('age-encryption.org/v1');
  expect(bytes.includes('Olvidada')).toBe(false);
  await expect(backup.getByRole('status')).toContainText('Backup ready');

  const retention = page.getByRole('form', { name: 'Retention of closed cases' });
  await retention.getByRole('button', { name: 'Preview a purge' }).click();
  await expect(
    retention.getByRole('heading', { name: 'Closed cases that would be purged: 1' }),
  ).toBeVisible();
  await expect(retention.getByRole('list', { name: 'People whose data would be purged' })).toHaveText(
    'Rosa Olvidada',
  );
  await snap(page, testInfo, 'settings-purge-preview-en');
  page.once('dialog', (dialog) => void dialog.accept());
  await retention.getByRole('button', { name: 'Purge now' }).click();
  await expect(retention.getByRole('status')).toHaveText('Purged closed cases: 1.');
  const left = await service.handlers['person:list']({});
  expect(left.rows.map((p) => p.familyName).sort()).toEqual(['Abierta', 'Reciente']);

  // Turning on the automatic purge is stored in the vault.
  await retention.getByLabel('Purge closed cases automatically when the vault is unlocked').check();
  await retention.getByRole('button', { name: 'Save settings' }).click();
  await expect(retention.getByRole('status')).toHaveText('Settings saved.');
  expect(await service.handlers['retention:get'](undefined)).toMatchObject({ closedCaseDays: 180 });
});

test('the backup and retention sections speak Spanish', async ({ open }) => {
  const { page } = await open({ lang: 'es' });
  await page.getByLabel('Nombre de la oficina').fill('Oficina');
  await page.getByLabel('Frase de contraseña', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('Repite la frase de contraseña').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Crear bóveda' }).click();
  await page.getByRole('button', { name: 'Configuración' }).click();
  await expect(page.getByRole('heading', { name: 'Copia de seguridad cifrada' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Hacer copia ahora' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Conservación de casos cerrados' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ver qué se eliminaría' })).toBeVisible();
});
