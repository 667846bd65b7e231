import { readFileSync } from 'node:fs';
import { PASSPHRASE } from '../helpers/vault';
import { expect, snap, test } from './fixtures';

// Real form and sheet exports brought in through the screen, in both languages: the columns are matched at
// once and shown for review, every problem is a sentence naming the column, the preview shows "raw → stored"
// and lets a full name's split be corrected, and importing needs a check of exactly what will be imported.

const SAMPLES = '/work/shared/samples';
const file = (name: string) => ({
  name: `${name}.csv`,
  mimeType: 'text/csv',
  buffer: readFileSync(`${SAMPLES}/${name}.csv`),
});

const L = {
  en: {
    office: 'Office name',
    passphrase: 'Passphrase',
    repeat: 'Repeat the passphrase',
    create: 'Create vault',
    settings: 'Settings',
    dataTab: 'Import and export',
    kind: 'Records',
    volunteers: 'Volunteers',
    people: 'People',
    file: 'CSV file',
    languages: 'Column “Languages spoken”',
    check: 'Check (nothing is saved)',
    import: 'Import valid rows',
    volunteerCheck: 'Check finished: 4 rows are ready to import, 2 rows have problems.',
    volunteerDone: 'Imported 4 rows; skipped 2 rows with problems.',
    lastName: '“Last Name” is empty, and it is needed.',
    languagesStored: 'Spanish, English → Spanish (es), English (en)',
    mixtec: 'Spanish, Mixteco → Spanish (es), Mixtec (qmx)',
    given: 'Given name(s), row 2',
    family: 'Family name(s), row 2',
    peopleDone: 'Imported 4 rows; skipped 1 row with problems.',
    aNumber: '“A12” in “A#” is not an A-number',
  },
  es: {
    office: 'Nombre de la oficina',
    passphrase: 'Frase de contraseña',
    repeat: 'Repite la frase de contraseña',
    create: 'Crear bóveda',
    settings: 'Configuración',
    dataTab: 'Importar y exportar',
    kind: 'Registros',
    volunteers: 'Voluntarios',
    people: 'Personas',
    file: 'Archivo CSV',
    languages: 'Columna «Languages spoken»',
    check: 'Revisar (no se guarda nada)',
    import: 'Importar filas válidas',
    volunteerCheck: 'Revisión terminada: 4 filas están listas para importar, 2 filas tienen problemas.',
    volunteerDone: 'Se importaron 4 filas; se omitieron 2 filas con problemas.',
    lastName: '«Last Name» está vacío y es necesario.',
    languagesStored: 'Spanish, English → español (es), inglés (en)',
    mixtec: 'Spanish, Mixteco → español (es), mixteco (qmx)',
    given: 'Nombre(s), fila 2',
    family: 'Apellido(s), fila 2',
    peopleDone: 'Se importaron 4 filas; se omitió 1 fila con problemas.',
    aNumber: '«A12» en «A#» no es un número A',
  },
} as const;

for (const lang of ['en', 'es'] as const) {
  test(`imports the sample roster and intake sheet through the screen (${lang})`, async ({
    open,
  }, testInfo) => {
    test.setTimeout(120_000);
    const l = L[lang];
    const { page, service } = await open({ lang });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByLabel(l.office).fill('Oficina');
    await page.getByLabel(l.passphrase, { exact: true }).fill(PASSPHRASE);
    await page.getByLabel(l.repeat).fill(PASSPHRASE);
    await page.getByRole('button', { name: l.create }).click();
    await expect(page.getByRole('navigation').first()).toBeVisible();
    await page.getByRole('button', { name: l.settings }).click();
    await page.getByRole('button', { name: l.dataTab, exact: true }).click();

    // Volunteers: matched and checked as soon as the file is chosen.
    await page.getByLabel(l.kind).selectOption('volunteer');
    await page.getByLabel(l.file).setInputFiles(file('volunteers-roster'));
    await expect(page.getByText(l.volunteerCheck)).toBeVisible();
    await expect(page.getByLabel(l.languages)).toHaveValue('languages');
    await expect(page.getByText(l.lastName)).toBeVisible();
    await expect(page.getByText(l.languagesStored).first()).toBeVisible();
    await expect(page.getByText(l.mixtec)).toBeVisible();
    await page.getByText(l.volunteerCheck).scrollIntoViewIfNeeded();
    await snap(page, testInfo, `csv-volunteers-${lang}-1280`);
    await page.getByRole('button', { name: l.import }).click();
    await expect(page.getByText(l.volunteerDone)).toBeVisible();
    const volunteers = await service.handlers['volunteer:list']({ limit: 10 });
    expect(volunteers.rows.map((v) => v.givenName).sort()).toEqual([
      'Guadalupe',
      'José Luis',
      'Rosa',
      'Tomás',
    ]);

    // People: a full-name column split, corrected in the preview; importing waits for a new check.
    await page.setViewportSize({ width: 1024, height: 640 });
    await page.getByLabel(l.kind).selectOption('person');
    await page.getByLabel(l.file).setInputFiles(file('people-intake-sheet'));
    await expect(page.getByLabel(l.given)).toHaveValue('María Fernanda');
    await expect(page.getByText(l.aNumber)).toBeVisible();
    await page.getByLabel(l.given).fill('María');
    await page.getByLabel(l.family).fill('Fernanda López');
    await expect(page.getByRole('button', { name: l.import })).toBeDisabled();
    await page.getByRole('button', { name: l.check }).click();
    await expect(page.getByRole('button', { name: l.import })).toBeEnabled();
    await snap(page, testInfo, `csv-people-${lang}-1024`);
    await page.getByRole('button', { name: l.import }).click();
    await expect(page.getByText(l.peopleDone)).toBeVisible();
    const people = await service.handlers['person:list']({ limit: 10, search: 'Fernanda' });
    expect(people.rows).toEqual([
      expect.objectContaining({
        givenName: 'María',
        familyName: 'Fernanda López',
        countryOfBirth: 'MX',
        languages: ['es'],
      }),
    ]);
    const wei = await service.handlers['person:list']({ limit: 10, search: 'Wei Chen' });
    expect(wei.rows).toEqual([expect.objectContaining({ languages: ['cmn'], countryOfBirth: 'CN' })]);
  });
}
