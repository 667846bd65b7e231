import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import Papa from 'papaparse';
import type { Page } from '@playwright/test';
import type { CoreHost } from '../../electron/core/host/host';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/ipc';
import en from '../../renderer/i18n/en.json' with { type: 'json' };
import es from '../../renderer/i18n/es.json' with { type: 'json' };
import { PASSPHRASE } from '../helpers/vault';
import { expect, snap, test } from './fixtures';

// The design audit: every section of the shell, a person's page, the intake and the dialogs, in both
// languages at 1280×800 and 1024×640. On each: axe finds no WCAG 2.1 A/AA violation, focus is on the
// screen's one <h1> after the navigation, no key cell is cut (scrollWidth beyond clientWidth), and in
// Spanish no English catalog string or raw enum key is on screen. Screenshots are kept as artifacts.
// Every wait is on a condition, never a fixed time, so a busy machine only makes it slower.

type Lang = 'en' | 'es';
const SHEET = '/work/shared/samples/people-intake-sheet.csv';
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 640 },
] as const;

async function seed<C extends Channel>(service: CoreHost, channel: C, input?: ChannelInput<C>) {
  const result = await service.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}`);
  return result.value as ChannelOutput<C>;
}

type Tree = { [key: string]: string | Tree };
function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value]] : leaves(value, `${prefix}${key}.`),
  );
}

const esLeaves = new Map(leaves(es as Tree));
// English strings that must not show in Spanish: whole phrases (two words or more, no interpolation)
// whose Spanish differs. Short words ("Email", "ICE") are shared by both languages and prove nothing.
const ENGLISH_ONLY = leaves(en as Tree)
  .filter(([key, value]) => esLeaves.get(key) !== value && !value.includes('{{') && /\w+ \w+/.test(value))
  .map(([, value]) => value);
// Raw enum keys: values stored as CONSTANT_CASE that have a translation different from the key.
const ENUM_KEYS = leaves((es as unknown as { enums: Tree }).enums)
  .filter(([key, value]) => key.split('.').pop() !== value)
  .map(([key]) => key.split('.').pop() as string)
  .filter((key) => /^[A-Z][A-Z_]{3,}$/.test(key));

async function createVault(page: Page, lang: Lang) {
  const t = lang === 'en' ? en : es;
  await page.getByLabel(t.create.office).fill('Oakland RRN');
  await page.getByLabel(t.create.passphrase, { exact: true }).fill(PASSPHRASE);
  await page.getByLabel(t.create.confirm).fill(PASSPHRASE);
  await page.getByRole('button', { name: t.create.submit }).click();
  await expect(page.getByRole('navigation').first()).toBeVisible();
}

async function seedData(service: CoreHost) {
  const person = await seed(service, 'person:create', {
    givenName: 'María Guadalupe',
    familyName: 'Hernández Villanueva',
    aNumber: '123456789',
    dateOfBirth: '1988-03-02',
    phone: '2526431057',
    countryOfBirth: 'MX',
    languages: ['es'],
    detainedAt: '2026-11-04T09:30:00.000Z',
    custodyStatus: 'CONFIRMED_DETAINED',
    priority: 'URGENT',
    bond: { requestedOn: '2026-11-10', decision: 'GRANTED', decidedOn: '2026-11-12', amount: 7500 },
    contacts: [{ name: 'Rosa Villanueva', relationship: 'madre', phone: '5105550177', okToContact: true }],
  });
  const attorney = await seed(service, 'attorney:create', {
    givenName: 'Ana',
    familyName: 'Ruiz',
    capacity: 5,
    languages: ['es'],
  });
  await seed(service, 'assignment:create', {
    personId: person.id,
    attorneyId: attorney.id,
    status: 'ACTIVE',
  });
  await seed(service, 'volunteer:create', {
    givenName: 'Luz',
    familyName: 'Ortega',
    phone: '5105550142',
    languages: ['es', 'mam'],
    roles: ['HOTLINE'],
  });
  // A likely duplicate (same birth date, the name typed without accents): the person page offers a merge.
  await seed(service, 'person:create', {
    givenName: 'Maria',
    familyName: 'Hernandez',
    dateOfBirth: '1988-03-02',
    phone: '+52 55 1234 5678',
    custodyStatus: 'REPORTED',
  });
  await seed(service, 'report:create', {
    receivedAt: '2026-11-24T18:20:00Z',
    location: '1400 International Blvd',
    county: 'Alameda',
    agency: 'ICE',
    verification: 'UNVERIFIED',
    status: 'OPEN',
    callback: { phone: '5105550101', name: 'Carmen' },
  });
  await seed(service, 'workshop:create', {
    date: '2026-10-15',
    county: 'Alameda',
    language: 'es',
    attendees: 24,
    cardsHandedOut: 30,
  });
  return person;
}

/** The checks run on every screen and dialog. */
async function audit(
  page: Page,
  lang: Lang,
  name: string,
  testInfo: Parameters<typeof snap>[1],
  /** Text the user brought (a CSV file's headers and cells): shown as typed, in whatever language. */
  userText: readonly string[] = [],
) {
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect
    .soft(
      axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      `axe on ${name}`,
    )
    .toEqual([]);
  // Two regions of one name can't be told apart in a screen reader's list of landmarks (a best practice,
  // not a WCAG rule, so asked for by name).
  const landmarks = await new AxeBuilder({ page }).withRules(['landmark-unique']).analyze();
  expect
    .soft(
      landmarks.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      `landmark names on ${name}`,
    )
    .toEqual([]);
  const cut = await page.evaluate(() =>
    [
      ...document.querySelectorAll<HTMLElement>(
        'h1, th, td, dt, dd, .nav-item, .fingerprint, .grid-table, .grid-cell, [data-key]',
      ),
    ]
      .filter((el) => el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1)
      .map((el) => `${el.tagName.toLowerCase()}: ${el.innerText.slice(0, 40)}`),
  );
  expect.soft(cut, `cut text on ${name}`).toEqual([]);
  // Nothing wider than the window: a wide table scrolls in its own labelled container (.table-scroll),
  // never the whole screen, so the page's own text stays in view.
  const wide = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.content table, .content form, .content section')]
      .filter((el) => el.offsetParent !== null && !el.closest('.table-scroll'))
      .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${el.innerText.slice(0, 40)}`),
  );
  expect.soft(wide, `wider than the window on ${name}`).toEqual([]);
  if (lang === 'es') {
    const text = [...userText]
      .sort((a, b) => b.length - a.length)
      .reduce(
        (shown, typed) => shown.split(typed).join(' '),
        await page.evaluate(() => document.body.innerText),
      );
    expect
      .soft(
        ENGLISH_ONLY.filter((phrase) => text.includes(phrase)),
        `English on ${name}`,
      )
      .toEqual([]);
    expect
      .soft(
        ENUM_KEYS.filter((key) => new RegExp(`\\b${key}\\b`).test(text)),
        `raw enum keys on ${name}`,
      )
      .toEqual([]);
  }
  await snap(page, testInfo, `audit-${lang}-${page.viewportSize()?.width}-${name}`);
}

for (const lang of ['en', 'es'] as const) {
  for (const size of SIZES) {
    test(`design audit (${lang}, ${size.width}×${size.height})`, async ({ open }, testInfo) => {
      test.setTimeout(240_000);
      const t = lang === 'en' ? en : es;
      const { page, service } = await open({ lang, viewport: size });
      await audit(page, lang, 'create', testInfo);
      await createVault(page, lang);
      const person = await seedData(service);
      const nav = page.getByRole('navigation', { name: t.shell.navigation });

      for (const [id, label] of Object.entries(t.nav)) {
        await nav.getByRole('button', { name: label, exact: true }).click();
        await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
        await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
        await audit(page, lang, id, testInfo);
      }

      // Settings, section by section.
      await nav.getByRole('button', { name: t.nav.settings, exact: true }).click();
      for (const [id, label] of Object.entries(t.settings.tabs)) {
        await page.getByRole('button', { name: label, exact: true }).click();
        await expect(page.getByRole('button', { name: label, exact: true })).toHaveAttribute(
          'aria-pressed',
          'true',
        );
        await audit(page, lang, `settings-${id}`, testInfo);
      }

      // A person's page, and the dialog that ends an assignment (focus returns to its button).
      await nav.getByRole('button', { name: t.nav.people, exact: true }).click();
      await page.getByRole('button', { name: `${person.familyName}, ${person.givenName}` }).click();
      await expect(
        page.getByRole('heading', { level: 1, name: `${person.givenName} ${person.familyName}` }),
      ).toBeFocused();
      // Phones grouped as North American numbers are read: the stored 2526431057, and a contact's.
      await expect(page.getByText('(252) 643-1057')).toBeVisible();
      await expect(page.getByText('(510) 555-0177')).toBeVisible();
      await audit(page, lang, 'person', testInfo);
      const end = page.getByRole('button', { name: t.assign.endFor.replace('{{attorney}}', 'Ana Ruiz') });
      await end.click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await audit(page, lang, 'dialog-end-assignment', testInfo);
      await page.keyboard.press('Escape');
      await expect(end).toBeFocused();

      // The merge screen, from the likely-duplicate notice, and its side-by-side comparison.
      await page.getByRole('button', { name: t.merge.compareAndMerge }).click();
      await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
      await audit(page, lang, 'merge', testInfo);
      await page
        .getByRole('button', { name: t.merge.compareWith.replace('{{name}}', 'Maria Hernandez') })
        .click();
      await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
      await audit(page, lang, 'merge-compare', testInfo);

      // Each roster and record page reached from its list.
      const detail = async (section: string, link: string | RegExp, name: string) => {
        await nav.getByRole('button', { name: section, exact: true }).click();
        await page.getByRole('button', { name: link }).first().click();
        await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
        await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
        await audit(page, lang, name, testInfo);
      };
      await detail(t.nav.volunteers, 'Luz Ortega', 'volunteer');
      await detail(t.nav.attorneys, 'Ana Ruiz', 'attorney');
      await detail(t.nav.reports, /1400 International Blvd/, 'report');
      await detail(t.nav.workshops, /2026/, 'workshop');

      // The CSV import's preview of a sheet, before and after its check.
      await nav.getByRole('button', { name: t.nav.settings, exact: true }).click();
      await page.getByRole('button', { name: t.settings.tabs.data, exact: true }).click();
      await page.getByLabel(t.csv.kind).selectOption('person');
      await page.getByLabel(t.csv.file).setInputFiles(SHEET);
      const sheet = Papa.parse<string[]>(readFileSync(SHEET, 'utf8'), { skipEmptyLines: true })
        .data.flat()
        .filter((cell) => cell.trim() !== '');
      await expect(page.getByRole('button', { name: t.csv.check })).toBeVisible();
      await audit(page, lang, 'csv-preview', testInfo, sheet);
      await page.getByRole('button', { name: t.csv.check }).click();
      await expect(page.getByRole('button', { name: t.csv.import })).toBeEnabled();
      await audit(page, lang, 'csv-checked', testInfo, sheet);

      // The intake, a date it can't read flagged at the field, and the question before leaving it.
      await page.keyboard.press('Control+i');
      await expect(page.getByRole('heading', { level: 1, name: t.intake.title })).toBeFocused();
      await page.getByLabel(t.person.detainedAt).fill('12052026');
      await page.getByRole('button', { name: t.intake.save, exact: true }).click();
      await expect(page.getByLabel(t.person.detainedAt)).toBeFocused();
      await expect(page.getByLabel(t.person.detainedAt)).toHaveAttribute('aria-invalid', 'true');
      await audit(page, lang, 'intake-errors', testInfo);
      await nav.getByRole('button', { name: t.nav.dashboard, exact: true }).click();
      await expect(page.getByRole('dialog', { name: t.shell.leave.title })).toBeVisible();
      await audit(page, lang, 'dialog-leave', testInfo);
      await page.getByRole('button', { name: t.shell.leave.confirm }).click();
      await expect(page.getByRole('heading', { level: 1, name: t.nav.dashboard })).toBeFocused();
    });
  }
}
