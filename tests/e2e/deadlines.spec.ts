import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tz } from '@date-fns/tz';
import { format, parseISO } from 'date-fns';
import { enUS, es } from 'date-fns/locale';
import type { CoreHost } from '../../electron/core/host/host';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/ipc';
import { PASSPHRASE } from '../helpers/vault';
import { expect, snap, test } from './fixtures';

// The Deadlines screen as a legal coordinator uses it, once per language: an overdue BIA appeal (derived
// from the judge's decision) comes first, marked in red and in words; a typed deadline names who answers
// for it and can be marked done; a bond hearing is listed with its time in the office's zone. The dashboard
// shows the same. Screenshots at 1280×800 and 1024×640 in both languages.

type Lang = 'en' | 'es';
const ZONE = 'America/Los_Angeles';
const CATALOGS: Record<Lang, Record<string, unknown>> = {
  en: JSON.parse(readFileSync(join(import.meta.dirname, '../../renderer/i18n/en.json'), 'utf8')),
  es: JSON.parse(readFileSync(join(import.meta.dirname, '../../renderer/i18n/es.json'), 'utf8')),
};

function translator(lang: Lang) {
  const lookup = (key: string) =>
    key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], CATALOGS[lang]);
  return (key: string, values: Record<string, string | number> = {}) => {
    let found = lookup(key);
    if (typeof found !== 'string' && typeof values.count === 'number')
      found = lookup(`${key}_${new Intl.PluralRules(lang).select(values.count)}`) ?? lookup(`${key}_other`);
    if (typeof found !== 'string') throw new Error(`Missing catalog key ${key}`);
    return found.replace(/\{\{(\w+)(, number)?\}\}/g, (_, name: string) => String(values[name]));
  };
}

function seed<C extends Channel>(service: CoreHost, channel: C, input?: ChannelInput<C>) {
  return service.handlers[channel](input as ChannelInput<C>) as Promise<ChannelOutput<C>>;
}

const DAY = 86_400_000;
const minute = (ms: number) => new Date(Math.floor(ms / 60_000) * 60_000).toISOString();

for (const lang of ['en', 'es'] as const) {
  test(`deadlines: overdue first, in red and in words; typed ones marked done (${lang})`, async ({
    open,
  }, testInfo) => {
    test.setTimeout(180_000);
    const t = translator(lang);
    const { page, service } = await open({ lang, viewport: { width: 1280, height: 800 } });
    await page.getByLabel(t('create.office')).fill('Deadlines Office');
    await page.getByLabel(t('create.passphrase'), { exact: true }).fill(PASSPHRASE);
    await page.getByLabel(t('create.confirm')).fill(PASSPHRASE);
    await page.getByRole('button', { name: t('create.submit') }).click();
    await expect(page.getByRole('navigation')).toBeVisible();

    await seed(service, 'settings:timeZone', { zone: ZONE });
    const decided = format(Date.now() - 40 * DAY, 'yyyy-MM-dd', { in: tz(ZONE) });
    const ana = await seed(service, 'person:create', {
      givenName: 'Ana',
      familyName: 'Ruiz',
      courtCase: { court: 'san-francisco-detained', decision: { on: decided, outcome: 'REMOVAL_ORDERED' } },
    } as ChannelInput<'person:create'>);
    const luis = await seed(service, 'person:create', { givenName: 'Luis', familyName: 'Mora' });
    const attorney = await seed(service, 'attorney:create', { givenName: 'Bea', familyName: 'Abogada' });
    const packetDue = minute(Date.now() + 3 * DAY);
    await seed(service, 'deadline:create', {
      personId: luis.id,
      what: 'Bond packet',
      dueAt: packetDue,
      attorneyId: attorney.id,
    });
    const hearing = minute(Date.now() + 2 * DAY);
    await seed(service, 'event:create', { personId: ana.id, kind: 'BOND_HEARING', at: hearing });

    await page
      .getByRole('navigation')
      .getByRole('button', { name: t('nav.deadlines'), exact: true })
      .click();
    const heading = page.getByRole('heading', { level: 1, name: t('deadlines.title') });
    await expect(heading).toBeFocused();
    const items = page.locator('.deadlines li');
    await expect(items).toHaveCount(3);

    // The overdue BIA appeal first: red, and saying so in words.
    const first = items.nth(0);
    await expect(first).toContainText(t('deadlines.overdue'));
    await expect(first).toContainText(t('deadlines.kind.BIA_APPEAL'));
    await expect(first).toContainText('Ana Ruiz');
    await expect(first).toHaveCSS('color', 'rgb(164, 22, 26)');
    await expect(page.getByRole('heading', { level: 2 })).toContainText(
      t('deadlines.overdueCount', { count: 1 }),
    );

    // The hearing, with its time of day in the office's zone, then the typed deadline and who answers for it.
    const locale = lang === 'es' ? es : enUS;
    const shown = (iso: string) => format(parseISO(iso), 'PPp', { locale, in: tz(ZONE) });
    await expect(items.nth(1)).toContainText(t('deadlines.kind.BOND_HEARING'));
    await expect(items.nth(1)).toContainText(shown(hearing));
    await expect(items.nth(1)).not.toContainText(t('deadlines.overdue'));
    await expect(items.nth(2)).toContainText('Bond packet');
    await expect(items.nth(2)).toContainText(t('deadlines.responsible.attorney', { name: 'Bea Abogada' }));
    await expect(items.nth(2)).toContainText(shown(packetDue));

    await snap(page, testInfo, `deadlines-${lang}-1280`);
    await page.setViewportSize({ width: 1024, height: 640 });
    await snap(page, testInfo, `deadlines-${lang}-1024`);

    await items
      .nth(2)
      .getByRole('button', { name: t('deadlines.markDoneLabel', { what: 'Bond packet' }) })
      .click();
    await expect(items).toHaveCount(2);
    await page.getByLabel(t('deadlines.includeDone')).check();
    await expect(items).toHaveCount(3);
    await expect(items.nth(2)).toContainText(t('deadlines.done'));

    // The dashboard lists the same, overdue first.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page
      .getByRole('navigation')
      .getByRole('button', { name: t('nav.dashboard'), exact: true })
      .click();
    const card = page.getByRole('region', { name: t('deadlines.dashboardTitle') });
    await expect(card.locator('li').first()).toContainText(t('deadlines.overdue'));
    await snap(page, testInfo, `deadlines-dashboard-${lang}`);
  });
}

for (const lang of ['en', 'es'] as const) {
  test(`person page: a deadline added there, and custody by the latest transfer date (${lang})`, async ({
    open,
  }, testInfo) => {
    test.setTimeout(180_000);
    const t = translator(lang);
    const { page, service } = await open({ lang, viewport: { width: 1280, height: 800 } });
    await page.getByLabel(t('create.office')).fill('Deadlines Office');
    await page.getByLabel(t('create.passphrase'), { exact: true }).fill(PASSPHRASE);
    await page.getByLabel(t('create.confirm')).fill(PASSPHRASE);
    await page.getByRole('button', { name: t('create.submit') }).click();
    await expect(page.getByRole('navigation')).toBeVisible();
    await seed(service, 'settings:timeZone', { zone: ZONE });

    const marta = await seed(service, 'person:create', { givenName: 'Marta', familyName: 'Cruz' });
    const facilities = (await seed(service, 'facility:list', { limit: 1000 })).rows;
    const idOf = (name: string) => facilities.find((f) => f.name === name)!.id;
    const transfer = (at: string, name: string) =>
      seed(service, 'event:create', { personId: marta.id, kind: 'TRANSFER', at, facilityId: idOf(name) });
    await transfer('2026-11-29T10:00:00-08:00', 'Mesa Verde ICE Processing Center');
    await transfer('2026-12-01T07:00:00-08:00', 'Central Louisiana ICE Processing Center');
    await transfer('2026-11-28T15:00:00-08:00', 'ICE San Francisco Field Office (holding)');

    await page
      .getByRole('navigation')
      .getByRole('button', { name: t('nav.people'), exact: true })
      .click();
    await page.getByRole('button', { name: 'Cruz, Marta' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Marta Cruz' })).toBeVisible();

    const custody = page.getByRole('region', { name: t('custody.title') });
    await expect(custody).toContainText(t('custody.now'));
    await expect(custody.locator('p').first()).toContainText('Central Louisiana ICE Processing Center');
    const moves = custody.getByRole('list', { name: t('custody.listLabel') }).getByRole('listitem');
    await expect(moves).toHaveCount(3);
    await expect(moves.first()).toContainText('Central Louisiana ICE Processing Center');
    await expect(moves.last()).toContainText('ICE San Francisco Field Office (holding)');

    const deadlines = page.getByRole('region', { name: t('deadlines.title') });
    const form = deadlines.getByRole('form', { name: t('deadlines.form.title') });
    await form.getByRole('button', { name: t('deadlines.form.add') }).click();
    await expect(form).toContainText(t('deadlines.form.whatRequired'));
    await form.getByLabel(t('deadlines.form.what')).fill('Habeas reply');
    await form.getByLabel(t('deadlines.form.date')).fill('2026-12-20');
    await form.getByLabel(t('deadlines.form.time')).fill('15:00');
    await form.getByRole('button', { name: t('deadlines.form.add') }).click();
    await expect(form.getByRole('status')).toContainText(t('deadlines.form.added'));
    const added = deadlines.locator('.deadlines li');
    await expect(added).toHaveCount(1);
    const locale = lang === 'es' ? es : enUS;
    // 3 p.m. in the office (Los Angeles), whatever zone the browser is in.
    await expect(added.first()).toContainText(
      format(parseISO('2026-12-20T23:00:00.000Z'), 'PPp', { locale, in: tz(ZONE) }),
    );
    await custody.scrollIntoViewIfNeeded();
    await snap(page, testInfo, `person-deadlines-custody-${lang}`);
  });
}
