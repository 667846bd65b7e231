import type { Page } from '@playwright/test';
import type { CoreHost } from '../../electron/core/host/host';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/ipc';
import { PASSPHRASE } from '../helpers/vault';
import { expect, snap, test } from './fixtures';

// The CRM through the real UI: keyboard intake, duplicate warning, attorney assignment rules, the
// dashboard, accent-insensitive search, CSV import with a bad row, and a pass in Spanish.

async function seed<C extends Channel>(
  service: CoreHost,
  channel: C,
  input?: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const result = await service.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}`);
  return result.value as ChannelOutput<C>;
}

async function createVault(page: Page, lang: 'en' | 'es' = 'en') {
  const labels =
    lang === 'en'
      ? ['Office name', 'Passphrase', 'Repeat the passphrase', 'Create vault']
      : ['Nombre de la oficina', 'Frase de contraseña', 'Repite la frase de contraseña', 'Crear bóveda'];
  await page.getByLabel(labels[0] as string).fill('Oakland RRN');
  await page.getByLabel(labels[1] as string, { exact: true }).fill(PASSPHRASE);
  await page.getByLabel(labels[2] as string).fill(PASSPHRASE);
  await page.getByRole('button', { name: labels[3] }).click();
  await expect(page.getByRole('navigation')).toBeVisible();
}

test('keyboard-only intake of a new person', async ({ open }, testInfo) => {
  const { page, service } = await open({ lang: 'en' });
  await createVault(page);
  await page.keyboard.press('Control+i');
  // Like every screen, the intake is arrived at on its heading; the first field is one Tab away.
  await expect(page.getByRole('heading', { level: 1, name: 'New intake' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Given name(s) *')).toBeFocused();
  await page.keyboard.type('Rosa María');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Family name(s) *')).toBeFocused();
  await page.keyboard.type('Gutiérrez');
  await page.getByLabel('A-number').focus();
  await page.keyboard.type('A123-456-789');
  await page.keyboard.press('Tab');
  await page.keyboard.type('GT');
  await snap(page, testInfo, 'intake-en');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('heading', { name: 'Rosa María Gutiérrez' })).toBeVisible();
  const people = await seed(service, 'person:list', {});
  expect(people.rows).toEqual([
    expect.objectContaining({ aNumber: '123456789', countryOfBirth: 'GT', caseStatus: 'INTAKE' }),
  ]);

  // Save-and-new keeps the keyboard flow going.
  await page.keyboard.press('Control+i');
  await expect(page.getByRole('heading', { level: 1, name: 'New intake' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.type('Second');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Person');
  await page.keyboard.press('Control+Shift+Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Saved Second Person.' })).toBeVisible();
  await expect(page.getByLabel('Given name(s) *')).toBeFocused();
  await expect(page.getByLabel('Given name(s) *')).toHaveValue('');
});

test('the duplicate warning fires and links the existing record', async ({ open }, testInfo) => {
  const { page, service } = await open({ lang: 'en' });
  await createVault(page);
  await seed(service, 'person:create', {
    givenName: 'José',
    familyName: 'López',
    aNumber: '987654321',
    dateOfBirth: '1988-03-02',
  });
  await page.getByRole('button', { name: 'People' }).click();
  await page.getByRole('button', { name: 'New intake' }).click();
  await page.getByLabel('Given name(s) *').fill('Jose');
  await page.getByLabel('Family name(s) *').fill('Lopez');
  await page.getByLabel('Date of birth').fill('1988-03-02');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Possible duplicate');
  await expect(alert).toContainText('same name and date of birth');
  await snap(page, testInfo, 'duplicate-warning');
  // Leaving a half-typed intake asks first; keeping on editing returns focus to the link that was pressed.
  const link = alert.getByRole('button', { name: 'José López' });
  await link.click();
  const ask = page.getByRole('dialog', { name: 'Leave this intake?' });
  await ask.getByRole('button', { name: 'Keep editing' }).click();
  await expect(ask).toBeHidden();
  await expect(link).toBeFocused();
  await expect(page.getByLabel('Given name(s) *')).toHaveValue('Jose');
  await link.click();
  await ask.getByRole('button', { name: 'Leave without saving' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'José López' })).toBeFocused();
});

test('assigning an attorney: capacity warning and conflict refusal', async ({ open }, testInfo) => {
  const { page, service } = await open({ lang: 'en' });
  await createVault(page);
  const person = await seed(service, 'person:create', {
    givenName: 'Ana',
    familyName: 'Ruiz',
    languages: ['es'],
  });
  const other = await seed(service, 'person:create', { givenName: 'Otro', familyName: 'Caso' });
  const busy = await seed(service, 'attorney:create', {
    givenName: 'Bea',
    familyName: 'Busy',
    capacity: 1,
    languages: ['es'],
  });
  await seed(service, 'attorney:create', {
    givenName: 'Carl',
    familyName: 'Conflict',
    conflicts: [person.id],
  });
  await seed(service, 'assignment:create', { personId: other.id, attorneyId: busy.id, status: 'ACTIVE' });

  await page.getByRole('button', { name: 'People' }).click();
  await page.getByRole('button', { name: 'Ruiz, Ana' }).click();
  await page
    .getByLabel('Attorney', { exact: true })
    .selectOption({ label: 'Carl Conflict — conflict of interest' });
  await page.getByRole('button', { name: 'Assign attorney' }).click();
  await expect(page.getByRole('alert')).toContainText('conflict of interest');

  await page.getByLabel('Attorney', { exact: true }).selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Assign attorney' }).click();
  await expect(page.getByRole('alert')).toContainText('Bea Busy already has 1 active case (capacity 1)');
  await snap(page, testInfo, 'capacity-warning');
  // One assign button: past capacity it becomes "Assign anyway".
  await expect(page.getByRole('button', { name: 'Assign attorney' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Assign anyway' }).click();
  await expect(page.getByText('Bea Busy — Lead, Active')).toBeVisible();
  await expect(
    page.getByRole('status').filter({ hasText: 'Bea Busy is now assigned to Ana Ruiz.' }),
  ).toBeVisible();
  await expect(page.getByLabel('Attorney', { exact: true })).toBeFocused();
  expect((await seed(service, 'person:get', { id: person.id })).caseStatus).toBe('ASSIGNED');

  // Ending an assignment asks first, naming the attorney and the person; keeping it changes nothing.
  const end = page.getByRole('button', { name: 'End assignment: Bea Busy' });
  await end.click();
  const ask = page.getByRole('dialog', { name: 'End this assignment?' });
  await expect(ask).toContainText('Bea Busy will no longer be assigned to Ana Ruiz.');
  await ask.getByRole('button', { name: 'Keep it' }).click();
  await expect(end).toBeFocused();
  await expect(page.getByText('Bea Busy — Lead, Active')).toBeVisible();
  await end.click();
  await ask.getByRole('button', { name: 'End assignment' }).click();
  await expect(page.getByText('Bea Busy — Lead, Closed')).toBeVisible();
  await expect(page.getByLabel('Attorney', { exact: true })).toBeFocused();
});

test('a hearing added to the timeline shows on the dashboard', async ({ open }, testInfo) => {
  const { page, service } = await open({ lang: 'en' });
  await createVault(page);
  await seed(service, 'person:create', { givenName: 'Luis', familyName: 'Ramos' });
  await page.getByRole('button', { name: 'People' }).click();
  await page.getByRole('button', { name: 'Ramos, Luis' }).click();
  await page.getByLabel('What happened').selectOption('BOND_HEARING');
  const inTwoDays = new Date(Date.now() + 2 * 86_400_000);
  const local = new Date(inTwoDays.getTime() - inTwoDays.getTimezoneOffset() * 60_000)
    .toISOString()
    .slice(0, 16);
  await page.getByLabel('When').fill(local);
  await page.getByLabel('Where').fill('San Francisco Immigration Court');
  await page.getByRole('button', { name: 'Add to timeline' }).click();
  await expect(page.getByText('Bond hearing · San Francisco Immigration Court')).toBeVisible();
  await page.getByRole('button', { name: 'Dashboard' }).click();
  const hearings = page.getByRole('region', { name: 'Hearings in the next 7 days' });
  await expect(hearings).toContainText('Luis Ramos');
  await expect(hearings).toContainText('Bond hearing');
  await expect(hearings).toContainText('in 2 days');
  await snap(page, testInfo, 'dashboard-en');
});

test('search ignores accents and case, finds a phone by its local number, and the table scrolls through thousands of rows', async ({
  open,
}, testInfo) => {
  const { page, service } = await open({ lang: 'en' });
  await createVault(page);
  await seed(service, 'demo:generate', { people: 3000, volunteers: 0, attorneys: 0, seed: 11 });
  await seed(service, 'person:create', {
    givenName: 'Zoë',
    familyName: 'Ñúñez-López',
    phone: '+1 510 555 0142',
  });
  await page.getByRole('button', { name: 'People' }).click();
  await expect(page.getByRole('status').filter({ hasText: '3,001 people' })).toBeVisible();
  // Virtualized: only the rows on screen exist in the DOM.
  expect(await page.getByRole('row').count()).toBeLessThan(80);
  await page.getByTestId('people-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(page.locator('[aria-rowindex="3002"]')).not.toContainText('Loading');

  await page.getByLabel('Search people').fill('nunez lop');
  await expect(page.getByRole('status').filter({ hasText: '1 person' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ñúñez-López, Zoë' })).toBeVisible();
  await snap(page, testInfo, 'search-accents');
  // Saved with +1 and its area code, found by the local number as a caller gives it.
  await page.getByLabel('Search people').fill('555-0142');
  await expect(page.getByRole('status').filter({ hasText: '1 person' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ñúñez-López, Zoë' })).toBeVisible();
});

test('CSV import: column mapping, a dry run, and one bad row reported', async ({ open }, testInfo) => {
  const { page, service } = await open({ lang: 'en' });
  await createVault(page);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Import and export', exact: true }).click();
  await page.getByLabel('CSV file').setInputFiles({
    name: 'people.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('Nombre,familyName,aNumber\nAna,Pérez,A123456789\nBeto,Bad,12\nCarla,Ruiz,\n'),
  });
  await page.getByLabel('Column “Nombre”').selectOption('givenName');
  await page.getByRole('button', { name: 'Check (nothing is saved)' }).click();
  await expect(
    page.getByText('Check finished: 2 rows are ready to import, 1 row has problems.'),
  ).toBeVisible();
  const errors = page.getByRole('table', { name: 'Rows with problems' });
  await expect(errors.getByRole('row')).toHaveCount(2);
  await expect(errors).toContainText('aNumber');
  expect((await seed(service, 'person:list', {})).total).toBe(0);
  await page.getByRole('button', { name: 'Import valid rows' }).click();
  await expect(page.getByText('Imported 2 rows; skipped 1 row with problems.')).toBeVisible();
  await snap(page, testInfo, 'csv-import');
  expect((await seed(service, 'person:list', {})).total).toBe(2);
});

test('a full pass in Spanish', async ({ open }, testInfo) => {
  const { page, service } = await open({ lang: 'es' });
  await createVault(page, 'es');
  await page.getByRole('button', { name: 'Personas', exact: true }).click();
  await page.getByRole('button', { name: 'Nueva admisión' }).click();
  await page.getByLabel('Nombre(s) *').fill('Marta');
  await page.getByLabel('Apellido(s) *').fill('Hernández');
  await page.getByLabel('Prioridad').selectOption('URGENT');
  await snap(page, testInfo, 'intake-es');
  await page.getByRole('button', { name: 'Guardar', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Marta Hernández' })).toBeVisible();
  await page.getByRole('button', { name: 'Editar Teléfono' }).click();
  await page.getByLabel('Teléfono').fill('510 555 0199');
  await page.getByLabel('Teléfono').press('Enter');
  await expect(page.getByText('(510) 555-0199')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Historial de cambios', exact: true })).toContainText(
    'Cambiado: Teléfono',
  );
  await page.getByRole('button', { name: 'Personas', exact: true }).click();
  await page.getByLabel('Buscar personas').fill('hernandez');
  await expect(page.getByRole('button', { name: 'Hernández, Marta' })).toBeVisible();
  await page.getByRole('button', { name: 'Panel' }).click();
  await expect(page.getByRole('region', { name: 'Casos urgentes' })).toContainText('Marta Hernández');
  await snap(page, testInfo, 'dashboard-es');
  expect((await seed(service, 'person:list', {})).rows[0]?.phone).toBe('510 555 0199');
});

test('volunteers, attorneys and hotline reports are added from their screens and filtered', async ({
  open,
}) => {
  const { page, service } = await open({ lang: 'en' });
  await createVault(page);
  await page.getByRole('button', { name: 'Volunteers' }).click();
  const addVolunteer = page.getByRole('form', { name: 'Add volunteer' });
  await addVolunteer.getByLabel('Given name(s) *').fill('Rosa');
  await addVolunteer.getByLabel('Family name(s) *').fill('Díaz');
  await addVolunteer.getByLabel('Languages').fill('es; en');
  await addVolunteer.getByLabel('Counties').fill('Alameda');
  await addVolunteer.getByRole('button', { name: 'Add volunteer' }).click();
  await expect(page.getByRole('cell', { name: 'Rosa Díaz' })).toBeVisible();
  await expect(addVolunteer.getByLabel('Given name(s) *')).toHaveValue('');
  await page.getByLabel('Speaks (language code)').fill('en');
  await expect(page.getByRole('status').filter({ hasText: '1 volunteer' })).toBeVisible();
  await page.getByLabel('Speaks (language code)').fill('mam');
  await expect(page.getByRole('status').filter({ hasText: '0 volunteers' })).toBeVisible();
  expect((await seed(service, 'volunteer:list', {})).rows[0]).toMatchObject({
    languages: ['es', 'en'],
    counties: ['Alameda'],
  });

  await page.getByRole('button', { name: 'Attorneys' }).click();
  const addAttorney = page.getByRole('form', { name: 'Add attorney' });
  await addAttorney.getByLabel('Given name(s) *').fill('Ana');
  await addAttorney.getByLabel('Family name(s) *').fill('Abogada');
  await addAttorney.getByLabel('Capacity').fill('3');
  await addAttorney.getByRole('button', { name: 'Add attorney' }).click();
  await expect(page.getByRole('row', { name: /Ana Abogada/ })).toContainText('3');

  await page.getByRole('button', { name: 'Hotline reports' }).click();
  const logReport = page.getByRole('form', { name: 'Log a report' });
  await logReport.getByLabel('Location').fill('International Blvd & 23rd Ave');
  await logReport.getByLabel('County').selectOption('Alameda');
  await logReport.getByRole('button', { name: 'Log a report' }).click();
  await expect(page.getByText('International Blvd & 23rd Ave (Alameda)')).toBeVisible();
  await expect(logReport.getByLabel('Location')).toHaveValue('');
});
