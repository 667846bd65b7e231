import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { CoreHost } from '../../electron/core/host/host';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/ipc';
import { PASSPHRASE } from '../helpers/vault';
import { expect, snap, test } from './fixtures';

// Merging two records of one person through the real UI, by keyboard, once per language: the person page
// warns of a likely duplicate, the merge screen compares the two side by side, the phone is taken from the
// other record, and afterwards one record holds both (A-number filled, languages joined, the other's event
// moved) and the other is in Recently deleted. Screenshots at 1280×800 and 1024×640.

type Lang = 'en' | 'es';
const CATALOGS: Record<Lang, Record<string, unknown>> = {
  en: JSON.parse(readFileSync(join(import.meta.dirname, '../../renderer/i18n/en.json'), 'utf8')),
  es: JSON.parse(readFileSync(join(import.meta.dirname, '../../renderer/i18n/es.json'), 'utf8')),
};

/** A tiny t(): a catalog lookup with i18next's plural suffixes and {{placeholders}}. */
function translator(lang: Lang) {
  const lookup = (key: string) =>
    key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], CATALOGS[lang]);
  return (key: string, values: Record<string, string | number> = {}) => {
    let found = lookup(key);
    if (typeof found !== 'string' && typeof values.count === 'number')
      found = lookup(`${key}_${new Intl.PluralRules(lang).select(values.count)}`) ?? lookup(`${key}_other`);
    if (typeof found !== 'string') throw new Error(`Missing catalog key ${key}`);
    return found.replace(/\{\{(\w+)(?:, number)?\}\}/g, (_, name: string) => String(values[name]));
  };
}

function seed<C extends Channel>(service: CoreHost, channel: C, input?: ChannelInput<C>) {
  return service.handlers[channel](input as ChannelInput<C>) as Promise<ChannelOutput<C>>;
}

async function createVault(page: Page, t: ReturnType<typeof translator>) {
  await page.getByLabel(t('create.office')).fill('Oakland RRN');
  await page.getByLabel(t('create.passphrase'), { exact: true }).fill(PASSPHRASE);
  await page.getByLabel(t('create.confirm')).fill(PASSPHRASE);
  await page.getByRole('button', { name: t('create.submit') }).click();
  await expect(page.getByRole('navigation')).toBeVisible();
}

test.describe.configure({ timeout: 180_000 });

for (const lang of ['en', 'es'] as const) {
  test(`two records of one person merged, fields chosen side by side (${lang})`, async ({
    open,
  }, testInfo) => {
    const t = translator(lang);
    const { page, service } = await open({ lang, viewport: { width: 1280, height: 800 } });
    await createVault(page, t);
    const keep = await seed(service, 'person:create', {
      givenName: 'Juan',
      familyName: 'Gutierrez',
      dateOfBirth: '1980-01-02',
      phone: '510 555 0142',
      languages: ['es'],
    });
    const other = await seed(service, 'person:create', {
      givenName: 'Juan Carlos',
      familyName: 'Gutiérrez Ramírez',
      dateOfBirth: '1980-01-02',
      phone: '(510) 555-0199',
      aNumber: '201555014',
      languages: ['mam'],
      countryOfBirth: 'GT',
    });
    await seed(service, 'event:create', {
      personId: other.id,
      kind: 'CHECK_IN',
      at: new Date(Date.now() - 86_400_000).toISOString(),
    });

    // The person page warns that another record may be her, and leads to the merge screen.
    await page
      .getByRole('navigation')
      .getByRole('button', { name: t('nav.people'), exact: true })
      .click();
    await page.getByRole('button', { name: 'Gutierrez, Juan' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Juan Gutierrez' })).toBeVisible();
    await expect(page.getByRole('heading', { name: t('merge.mayBe', { count: 1 }) })).toBeVisible();
    await page.getByRole('button', { name: t('merge.compareAndMerge') }).click();
    const title = page.getByRole('heading', { level: 1, name: t('merge.title', { name: 'Juan Gutierrez' }) });
    await expect(title).toBeFocused();

    // By keyboard: Tab to the likely duplicate, Enter to compare.
    const compareWith = page.getByRole('button', {
      name: t('merge.compareWith', { name: 'Juan Carlos Gutiérrez Ramírez' }),
    });
    await expect(compareWith).toBeVisible();
    await snap(page, testInfo, `merge-pick-${lang}-1280`);
    await compareWith.focus();
    await page.keyboard.press('Enter');
    const compare = page.getByRole('heading', {
      level: 2,
      name: t('merge.compareTitle', { keep: 'Juan Gutierrez', other: 'Juan Carlos Gutiérrez Ramírez' }),
    });
    await expect(compare).toBeFocused();

    // Side by side: names and phone differ; this record's values are chosen until changed.
    const phone = page.getByRole('group', { name: t('person.phone'), exact: true });
    const mine = phone.getByRole('radio', { name: `${t('merge.thisRecord')}: (510) 555-0142` });
    const theirs = phone.getByRole('radio', { name: `${t('merge.otherRecord')}: (510) 555-0199` });
    await expect(mine).toBeChecked();
    await expect(page.getByRole('group', { name: t('person.givenName'), exact: true })).toBeVisible();
    await expect(page.getByText(t('merge.joined', { fields: t('person.languages') }))).toBeVisible();
    const filled = page.getByText(t('merge.filled', { fields: '' }).replace(/\.$/, ''));
    await expect(filled).toContainText(t('person.aNumber'));
    await expect(filled).toContainText(t('person.countryOfBirth'));
    // Arrow keys move the choice within the field's group.
    await mine.focus();
    await page.keyboard.press('ArrowDown');
    await expect(theirs).toBeChecked();
    await snap(page, testInfo, `merge-${lang}-1280`);
    await page.setViewportSize({ width: 1024, height: 640 });
    await snap(page, testInfo, `merge-${lang}-1024`);

    // Merge: back on her page, whose heading takes focus; one record holds both.
    await page.getByRole('button', { name: t('merge.confirm', { keep: 'Juan Gutierrez' }) }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Juan Gutierrez' })).toBeFocused();
    await expect(page.getByRole('heading', { name: t('merge.mayBe', { count: 1 }) })).toHaveCount(0);
    const merged = await seed(service, 'person:get', { id: keep.id });
    expect(merged).toMatchObject({
      givenName: 'Juan',
      familyName: 'Gutierrez',
      phone: '(510) 555-0199',
      aNumber: '201555014',
      countryOfBirth: 'GT',
      languages: ['es', 'mam'],
    });
    const events = await seed(service, 'event:list', { filters: { personId: keep.id } });
    expect(events.total).toBe(1);
    const deleted = await seed(service, 'deleted:list');
    expect(deleted.items.map((i) => i.id)).toContain(other.id);
  });
}
