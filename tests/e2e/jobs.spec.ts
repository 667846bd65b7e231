import { toCsv } from '../../electron/core/records/csv/export';
import { PASSPHRASE } from '../helpers/vault';
import { expect, snap, test } from './fixtures';

// A long job as a user meets it: a large CSV import shows its progress with a Cancel button; cancelling
// rolls the import back whole, and the screen says so, in both languages. The window stays usable meanwhile
// because the core runs in its own thread.

const ROWS = 50_000;

const LABELS = {
  en: {
    office: 'Office name',
    passphrase: 'Passphrase',
    repeat: 'Repeat the passphrase',
    create: 'Create vault',
    settings: 'Settings',
    dataTab: 'Import and export',
    file: 'CSV file',
    column: 'Column “givenName”',
    import: 'Import valid rows',
    progress: 'CSV import progress',
    cancel: 'Cancel',
    cancelled: 'The operation was cancelled. Nothing was saved.',
  },
  es: {
    office: 'Nombre de la oficina',
    passphrase: 'Frase de contraseña',
    repeat: 'Repite la frase de contraseña',
    create: 'Crear bóveda',
    settings: 'Configuración',
    dataTab: 'Importar y exportar',
    file: 'Archivo CSV',
    column: 'Columna «givenName»',
    import: 'Importar filas válidas',
    progress: 'Progreso de la importación CSV',
    cancel: 'Cancelar',
    cancelled: 'Se canceló la operación. No se guardó nada.',
  },
} as const;

const csv = Buffer.from(
  toCsv(
    'person',
    Array.from({ length: ROWS }, (_, i) => ({
      givenName: `Nombre${i}`,
      familyName: `Apellido${i % 997}`,
      phone: String(5550000000 + i),
    })),
  ),
);

for (const lang of ['en', 'es'] as const) {
  test(`a large CSV import shows progress and can be cancelled; nothing is saved (${lang})`, async ({
    open,
  }, testInfo) => {
    test.setTimeout(240_000);
    const l = LABELS[lang];
    const { page, service } = await open({ lang });
    await page.getByLabel(l.office).fill('Oficina de prueba');
    await page.getByLabel(l.passphrase, { exact: true }).fill(PASSPHRASE);
    await page.getByLabel(l.repeat).fill(PASSPHRASE);
    await page.getByRole('button', { name: l.create }).click();
    await expect(page.getByRole('navigation').first()).toBeVisible();
    await page.getByRole('button', { name: l.settings }).click();
    await page.getByRole('button', { name: l.dataTab, exact: true }).click();

    await page.getByLabel(l.file).setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: csv });
    // The columns are known once the file has been read through (a dry run); then the import can start.
    await expect(page.getByLabel(l.column)).toBeVisible({ timeout: 120_000 });
    await page.getByRole('button', { name: l.import }).click();

    const progress = page.getByRole('group', { name: l.progress });
    await expect(progress).toBeVisible();
    const cancel = progress.getByRole('button', { name: l.cancel });
    // Enabled once the first progress event has named the job.
    await expect(cancel).toBeEnabled({ timeout: 60_000 });
    await snap(page, testInfo, `job-progress-${lang}`);
    await cancel.click();
    await expect(page.getByRole('alert')).toHaveText(l.cancelled, { timeout: 60_000 });
    await expect(progress).toBeHidden();
    expect((await service.handlers['person:list']({ limit: 1 })).total).toBe(0);
    expect(await service.handlers['audit:verify'](undefined)).toMatchObject({ ok: true });
  });
}
