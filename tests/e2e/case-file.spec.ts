import type { Page } from '@playwright/test';
import type { CoreHost } from '../../electron/core/host/host';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/ipc';
import { PASSPHRASE } from '../helpers/vault';
import { expect, snap, test } from './fixtures';

// The case file on the person page, in English and Spanish: what matters first, the immigration court with
// the BIA appeal due date, bond (a refused amount gets a message in the user's language), habeas, the
// locator sheet and its log, contacts that start as "do not contact", country by name, the timeline with the
// next event on top, and the bond fund's list. Screenshots at 1280×800 and 1024×640 in both languages.

async function seed<C extends Channel>(service: CoreHost, channel: C, input?: ChannelInput<C>) {
  const result = await service.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}`);
  return result.value as ChannelOutput<C>;
}

const L = {
  en: {
    create: ['Office name', 'Passphrase', 'Repeat the passphrase', 'Create vault'],
    people: 'People',
    court: 'Immigration court',
    addCourt: 'Add Immigration court',
    addBond: 'Add Bond',
    courtLabel: 'Court',
    decisionOn: 'Decision date',
    decision: 'Decision',
    save: 'Save',
    appealDue: 'BIA appeal due',
    decisionDate: '11/20/2026',
    amount: 'Amount (US$)',
    bondDecision: 'Decision',
    granted: 'Granted, not paid',
    amountError:
      'A granted bond needs an amount in whole dollars, at least $1,500; other decisions have none.',
    country: 'Country of birth',
    mexico: 'Mexico',
    addContact: 'Add contact',
    contactName: 'Contact name',
    doNotContact: 'do not contact',
    locator: 'ICE detainee locator',
    copy: 'Copy A-number',
    checkedBy: 'Checked by',
    result: 'Result',
    found: 'Found',
    logCheck: 'Log a check',
    next: 'Next',
    bonds: 'Bonds',
    summary: 'Now',
  },
  es: {
    create: ['Nombre de la oficina', 'Frase de contraseña', 'Repite la frase de contraseña', 'Crear bóveda'],
    people: 'Personas',
    court: 'Tribunal de inmigración',
    addCourt: 'Añadir Tribunal de inmigración',
    addBond: 'Añadir Fianza',
    courtLabel: 'Tribunal',
    decisionOn: 'Fecha de la decisión',
    decision: 'Decisión',
    save: 'Guardar',
    appealDue: 'Vence la apelación ante la BIA',
    decisionDate: '20/11/2026',
    amount: 'Monto (US$)',
    bondDecision: 'Decisión',
    granted: 'Concedida, sin pagar',
    amountError:
      'Una fianza concedida necesita un monto en dólares enteros, de al menos 1500 $; las demás decisiones no tienen monto.',
    country: 'País de nacimiento',
    mexico: 'México',
    addContact: 'Añadir contacto',
    contactName: 'Nombre del contacto',
    doNotContact: 'no contactar',
    locator: 'Localizador de detenidos de ICE',
    copy: 'Copiar Número A',
    checkedBy: 'Consultado por',
    result: 'Resultado',
    found: 'Encontrado/a',
    logCheck: 'Anotar una consulta',
    next: 'Siguiente',
    bonds: 'Fianzas',
    summary: 'Ahora',
  },
} as const;

async function createVault(page: Page, lang: 'en' | 'es') {
  const [office, pass, repeat, create] = L[lang].create;
  await page.getByLabel(office).fill('Oakland RRN');
  await page.getByLabel(pass, { exact: true }).fill(PASSPHRASE);
  await page.getByLabel(repeat).fill(PASSPHRASE);
  await page.getByRole('button', { name: create }).click();
  await expect(page.getByRole('navigation')).toBeVisible();
}

for (const lang of ['en', 'es'] as const) {
  test(`the case file on the person page (${lang})`, async ({ open }, testInfo) => {
    const l = L[lang];
    const { page, service } = await open({ lang });
    await createVault(page, lang);
    const person = await seed(service, 'person:create', {
      givenName: 'Rosa María',
      familyName: 'Gutiérrez',
      aNumber: '123456789',
      custodyStatus: 'CONFIRMED_DETAINED',
    });
    const soon = new Date(Date.now() + 4 * 3600_000).toISOString();
    const later = new Date(Date.now() + 20 * 86400_000).toISOString();
    const past = new Date(Date.now() - 5 * 86400_000).toISOString();
    for (const [kind, at] of [
      ['INDIVIDUAL_HEARING', later],
      ['BOND_HEARING', soon],
      ['CALL', past],
    ] as const)
      await seed(service, 'event:create', { personId: person.id, kind, at });

    await page.getByRole('navigation').getByRole('button', { name: l.people }).click();
    await page.getByRole('button', { name: 'Gutiérrez, Rosa María' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Rosa María Gutiérrez' })).toBeFocused();
    await expect(page.getByRole('heading', { name: l.summary })).toBeVisible();

    // The timeline: the bond hearing 4 hours ahead is the next one, on top, marked.
    const upcoming = page.locator('ol.timeline').first();
    await expect(upcoming.locator('li').first()).toContainText(l.next);
    await expect(upcoming.locator('li')).toHaveCount(2);

    // Immigration court: a court from the list and the judge's decision give the BIA appeal's due date.
    // The card is empty, so its button adds (its name starts with what it shows).
    await page.getByRole('button', { name: l.addCourt }).click();
    const court = page.getByRole('form', { name: l.court });
    await court.getByLabel(l.courtLabel, { exact: true }).selectOption('oakdale');
    await court.getByLabel(l.decisionOn).fill(l.decisionDate);
    await court.getByLabel(l.decision, { exact: true }).selectOption('REMOVAL_ORDERED');
    await court.getByRole('button', { name: l.save }).click();
    await expect(page.getByText(l.appealDue).first()).toBeVisible();
    let stored = await seed(service, 'person:get', { id: person.id });
    expect(stored.courtCase).toEqual({
      court: 'oakdale',
      decision: { on: '2026-11-20', outcome: 'REMOVAL_ORDERED' },
    });

    // Bond: a granted bond of $10 is refused with a message in the user's language; $7,500 is kept.
    await page.getByRole('button', { name: l.addBond }).click();
    const bond = page.getByRole('form', { name: l.addBond.split(' ').slice(1).join(' ') });
    await bond.getByLabel(l.bondDecision, { exact: true }).selectOption('GRANTED');
    await bond.getByLabel(l.amount).fill('10');
    await bond.getByRole('button', { name: l.save }).click();
    await expect(bond.getByText(l.amountError)).toBeVisible();
    await snap(page, testInfo, `case-file-bond-error-${lang}`);
    await bond.getByLabel(l.amount).fill('7500');
    await bond.getByRole('button', { name: l.save }).click();
    await expect(bond).toHaveCount(0);
    stored = await seed(service, 'person:get', { id: person.id });
    expect(stored.bond).toEqual({ decision: 'GRANTED', amount: 7500 });

    // Country by name: "Mexico" (or "México") is MX.
    const country = page.getByRole('combobox', { name: l.country });
    await country.fill(l.mexico);
    await country.press('Enter');
    await expect
      .poll(async () => (await seed(service, 'person:get', { id: person.id })).countryOfBirth)
      .toBe('MX');

    // A contact added later starts as "do not contact".
    await page.getByRole('button', { name: l.addContact }).click();
    await page.getByLabel(l.contactName).fill('Lucía');
    await page.getByRole('form', { name: l.addContact }).getByRole('button', { name: l.save }).click();
    await expect(page.getByText(l.doNotContact)).toBeVisible();
    stored = await seed(service, 'person:get', { id: person.id });
    expect(stored.contacts).toEqual([{ name: 'Lucía', okToContact: false }]);

    // The locator sheet: a copy button per line; a check logged with the person.
    const locator = page.getByRole('region', { name: l.locator });
    await expect(locator.getByRole('button', { name: l.copy })).toBeVisible();
    await locator.getByLabel(l.checkedBy).fill('Vera');
    await locator.getByLabel(l.result).selectOption('FOUND');
    await locator.getByRole('button', { name: l.logCheck }).click();
    await expect(locator.getByText('Vera')).toBeVisible();
    stored = await seed(service, 'person:get', { id: person.id });
    expect(stored.locatorChecks).toEqual([
      expect.objectContaining({ by: 'Vera', result: 'FOUND', method: 'A_NUMBER' }),
    ]);

    await snap(page, testInfo, `case-file-person-1280-${lang}`);
    await page.setViewportSize({ width: 1024, height: 640 });
    await snap(page, testInfo, `case-file-person-1024-${lang}`);

    // The bond fund's list.
    await page.getByRole('navigation').getByRole('button', { name: l.bonds }).click();
    await expect(page.getByRole('heading', { level: 1, name: l.bonds })).toBeVisible();
    await expect(page.getByRole('row', { name: /Rosa María Gutiérrez/ })).toContainText(l.granted);
    await snap(page, testInfo, `case-file-bonds-1024-${lang}`);
    await page.setViewportSize({ width: 1280, height: 800 });
    await snap(page, testInfo, `case-file-bonds-1280-${lang}`);
  });
}
