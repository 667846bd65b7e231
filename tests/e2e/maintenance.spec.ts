import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { CoreHost } from '../../electron/core/host/host';
import { manualClock, PASSPHRASE } from '../helpers/vault';
import { expect, snap, test } from './fixtures';

// Settings → backup and retention, as a user: "Back up now" downloads an age-encrypted file (never the
// plaintext), and "Preview a purge" lists exactly who goes, and who is kept and why (a hearing in 2027, a
// legal hold), before "Purge now" removes them. The preview runs in both languages.

const DAY = 24 * 60 * 60 * 1000;

/** Closed and open cases: one due, one recent, one with a hearing in 2027, one on legal hold. */
async function seedCases(service: Pick<CoreHost, 'handlers'>, clock: ReturnType<typeof manualClock>) {
  const person = (givenName: string, familyName: string, caseStatus: 'CLOSED' | 'ASSIGNED') =>
    service.handlers['person:create']({ givenName, familyName, caseStatus });
  await person('Rosa', 'Olvidada', 'CLOSED');
  await person('Marta', 'Abierta', 'ASSIGNED');
  const hearing = await person('Hugo', 'Audiencia', 'CLOSED');
  await service.handlers['event:create']({
    personId: hearing.id,
    kind: 'INDIVIDUAL_HEARING',
    at: '2027-02-10T09:00:00-08:00',
  });
  const held = await person('Inés', 'Retenida', 'CLOSED');
  await service.handlers['hold:set']({ personId: held.id, reason: 'Appeal pending' });
  clock.advance(200 * DAY);
  await person('Lucía', 'Reciente', 'CLOSED');
}

async function createVault(page: Page, lang: 'en' | 'es') {
  const [office, passphrase, repeat, create, nav] =
    lang === 'en'
      ? ['Office name', 'Passphrase', 'Repeat the passphrase', 'Create vault', 'Main sections']
      : [
          'Nombre de la oficina',
          'Frase de contraseña',
          'Repite la frase de contraseña',
          'Crear bóveda',
          'Secciones principales',
        ];
  await page.getByLabel(office).fill('Backup Office');
  await page.getByLabel(passphrase, { exact: true }).fill(PASSPHRASE);
  await page.getByLabel(repeat).fill(PASSPHRASE);
  await page.getByRole('button', { name: create }).click();
  await expect(page.getByRole('navigation', { name: nav })).toBeVisible();
}

test('backup downloads an encrypted file; a purge is previewed, then done (en)', async ({
  open,
}, testInfo) => {
  const clock = manualClock('2026-01-05T10:00:00.000Z');
  const { page, service } = await open({ lang: 'en', clock });
  await createVault(page, 'en');
  await seedCases(service, clock);

  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Backup', exact: true }).click();
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
  await expect(backup.getByRole('status')).toContainText('Backup saved in your Downloads folder as amparo-');

  // Every rule is off until ticked; its setting is a labelled input.
  await page.getByRole('button', { name: 'Retention', exact: true }).click();
  const retention = page.getByRole('form', { name: 'Retention' });
  const days = retention.getByLabel('Days without changes before a closed case is purged');
  await expect(days).toBeDisabled();
  await expect(retention.getByLabel('Purge hotline reports marked as false alarms')).not.toBeChecked();
  await retention.getByLabel('Purge closed cases', { exact: true }).check();
  await expect(days).toHaveValue('180');
  await retention.getByRole('button', { name: 'Preview a purge' }).click();
  await expect(
    retention.getByRole('heading', { name: 'Closed cases that would be purged: 1' }),
  ).toBeVisible();
  await expect(retention.getByRole('list', { name: 'People whose data would be purged' })).toHaveText(
    'Rosa Olvidada',
  );
  const kept = retention.getByRole('list', { name: 'Closed cases kept, with the reason' });
  await expect(kept.getByRole('listitem')).toHaveText([
    'Hugo Audiencia — an event is still to come',
    'Inés Retenida — on legal hold',
  ]);
  await snap(page, testInfo, 'settings-purge-preview-en');
  page.once('dialog', (dialog) => void dialog.accept());
  await retention.getByRole('button', { name: 'Purge now' }).click();
  await expect(retention.getByRole('status')).toHaveText(
    'Purge done. Closed cases purged: 1. Family contacts cleared: 0. Reports purged: 0. Volunteers purged: 0.',
  );
  const left = await service.handlers['person:list']({});
  expect(left.rows.map((p) => p.familyName).sort()).toEqual(['Abierta', 'Audiencia', 'Reciente', 'Retenida']);

  // Saving stores the rules that are on, in the vault; the others stay off.
  await retention.getByRole('button', { name: 'Save settings' }).click();
  await expect(retention.getByRole('status')).toHaveText('Settings saved.');
  expect(await service.handlers['retention:get'](undefined)).toMatchObject({
    closedCaseDays: 180,
    closedContactsDays: null,
    falseAlarmHours: null,
    reportDays: null,
    inactiveVolunteerMonths: null,
  });
});

test('the backup and retention sections speak Spanish, preview included', async ({ open }, testInfo) => {
  const clock = manualClock('2026-01-05T10:00:00.000Z');
  const { page, service } = await open({ lang: 'es', clock });
  await createVault(page, 'es');
  await seedCases(service, clock);
  await service.handlers['report:create']({
    receivedAt: clock.now().toISOString(),
    county: 'Alameda',
    verification: 'FALSE_ALARM',
  });
  clock.advance(100 * 60 * 60 * 1000);

  await page.getByRole('button', { name: 'Configuración' }).click();
  await page.getByRole('button', { name: 'Copia de seguridad', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Copia de seguridad cifrada' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Hacer copia ahora' })).toBeVisible();
  await page.getByRole('button', { name: 'Conservación', exact: true }).click();
  const retention = page.getByRole('form', { name: 'Conservación de datos' });
  await retention.getByLabel('Purgar casos cerrados', { exact: true }).check();
  await retention.getByLabel('Purgar los reportes de la línea marcados como falsa alarma').check();
  await expect(retention.getByLabel('Horas después del último cambio del reporte')).toHaveValue('72');
  await retention.getByRole('button', { name: 'Ver qué se purgaría' }).click();
  await expect(retention.getByRole('heading', { name: 'Casos cerrados que se purgarían: 1' })).toBeVisible();
  await expect(retention.getByRole('list', { name: 'Personas cuyos datos se purgarían' })).toHaveText(
    'Rosa Olvidada',
  );
  await expect(
    retention
      .getByRole('list', { name: 'Casos cerrados que se conservan, con el motivo' })
      .getByRole('listitem'),
  ).toHaveText(['Hugo Audiencia — tiene un evento por venir', 'Inés Retenida — en retención legal']);
  await expect(retention.getByRole('heading', { name: 'Falsas alarmas que se purgarían: 1' })).toBeVisible();
  await expect(retention.getByRole('list', { name: 'Falsas alarmas que se purgarían' })).toContainText(
    'Alameda',
  );
  await snap(page, testInfo, 'settings-purge-preview-es');
  // A preview changes nothing.
  expect((await service.handlers['person:list']({})).total).toBe(5);
});
